//! `render`: findings for people (miette) and for machines (JSON, SARIF, GitHub workflow
//! commands, JUnit, GitLab Code Quality, one line each). Every format renders the same
//! [`Finding`](crate::findings::Finding) values of one [`Run`], one module each; they share the
//! places ([`place`]), the fingerprints ([`crate::fingerprint`]) and the rule catalog's
//! metadata. Nothing here decides what is wrong.

mod concise;
mod excerpt;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
pub mod place;
pub mod rules;
mod sarif;
mod summary;
pub mod terminal;

pub use excerpt::Excerpt;
pub use human::{human, HumanStyle};
pub use json::json;

use crate::engine::Outcome;
use crate::findings::{Finding, Severity};
use crate::rules::Catalog;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human(HumanStyle),
    Json,
    Sarif,
    Github,
    Junit,
    Gitlab,
    Concise,
    Summary,
}

/// What a format renders: the findings of a run, the rules that found them, the findings a
/// baseline accepts; or the error that stopped the run.
#[derive(Clone, Copy)]
pub struct Run<'a> {
    pub outcome: &'a Outcome,
    pub catalog: Option<&'a Catalog>,
    /// Whether a baseline was used: the findings are then the new ones.
    pub baseline: bool,
    /// Findings that the baseline knows: not failing the run, kept by SARIF as `unchanged`.
    pub baselined: &'a [Finding],
    /// Why the run could not be done (exit status 2); the findings are then empty.
    pub error: Option<&'a str>,
}

impl<'a> Run<'a> {
    pub fn of(outcome: &'a Outcome) -> Run<'a> {
        Run { outcome, catalog: None, baseline: false, baselined: &[], error: None }
    }
}

/// `run` in `format`.
pub fn render(format: Format, run: &Run<'_>) -> String {
    match format {
        Format::Human(style) => {
            let mut text = String::new();
            human(run.outcome, style, &mut text);
            text
        }
        Format::Json => json::render(run),
        Format::Sarif => sarif::render(run),
        Format::Github => github::render(run),
        Format::Junit => junit::render(run),
        Format::Gitlab => gitlab::render(run),
        Format::Concise => concise::render(run),
        Format::Summary => summary::render(run),
    }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(outcome: &Outcome) -> Counts {
        let mut counts = Counts::default();
        for finding in &outcome.findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The closing line of human output: "2 errors, 1 warning, 0 infos in 3 files", for the
/// `files` the findings were looked for in.
pub fn summary(outcome: &Outcome, files: usize) -> String {
    let c = Counts::of(outcome);
    format!(
        "{}, {}, {} in {}",
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
        plural(c.infos, "info"),
        plural(files, "file")
    )
}
