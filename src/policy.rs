//! `policy`: which rules run and how severe their findings are, from the configuration and
//! the command line: rules switched off or re-graded, per-path overrides by glob, and the
//! rules that may not be suppressed inline.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::findings::{Finding, Severity};

/// A severity, or `off`.
pub type Grade = Option<Severity>;

/// Settings that apply to the files matching a set of globs.
#[derive(Clone, Debug)]
pub struct Override {
    pub files: GlobSet,
    pub grades: HashMap<String, Grade>,
}

#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// If set, only these rules run.
    pub select: Option<HashSet<String>>,
    /// New grades for rules; `None` switches a rule off.
    pub grades: HashMap<String, Grade>,
    pub overrides: Vec<Override>,
    pub not_suppressible: HashSet<String>,
    /// The folder that override globs are relative to.
    pub root: PathBuf,
}

impl Policy {
    /// Whether the rule `code` runs at all.
    pub fn is_active(&self, code: &str) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(code)) && !matches!(self.grades.get(code), Some(None))
    }

    pub fn is_suppressible(&self, code: &str) -> bool {
        !self.not_suppressible.contains(code)
    }

    /// The grade of `finding` in the file at `relative` (see [`Policy::relative`]): its rule's,
    /// re-graded by the policy and by the overrides whose globs match the file, never above the
    /// finding's cap; `None` when it is switched off there.
    pub fn grade(&self, finding: &Finding, relative: &Path) -> Grade {
        let mut grade = self.grades.get(&*finding.code).copied().unwrap_or(Some(finding.severity));
        for o in self.overrides.iter().filter(|o| o.files.is_match(relative)) {
            if let Some(g) = o.grades.get(&*finding.code) {
                grade = *g;
            }
        }
        grade.map(|g| finding.defect.capped(g))
    }

    /// `file` as the overrides' globs see it: relative to the configuration's folder when it
    /// lies below it (both made absolute first).
    pub fn relative(&self, file: &Path) -> PathBuf {
        let absolute = |p: &Path| match p.is_absolute() {
            true => p.to_path_buf(),
            false => std::env::current_dir().unwrap_or_default().join(p),
        };
        let clean =
            |p: PathBuf| p.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect::<PathBuf>();
        let (file, root) = (clean(absolute(file)), clean(absolute(&self.root)));
        file.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(file)
    }
}
