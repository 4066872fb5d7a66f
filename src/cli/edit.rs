//! `--fix`, `--diff` and `--add-allow`: edits of the files on their spans.

use yosan::engine::{self, Options, Outcome};
use yosan::files;
use yosan::findings::{Finding, Severity};
use yosan::fix::{self, FileChange};
use yosan::render::{terminal, Run};
use yosan::rules::Catalog;

use std::collections::HashSet;

use super::check::{report, CheckArgs};
use crate::cli::{print, Failure};

pub fn run(
    catalog: &Catalog,
    options: &Options,
    outcome: &Outcome,
    only: Option<&HashSet<usize>>,
    args: &CheckArgs,
    fail_on: Severity,
) -> Result<u8, Failure> {
    let mut changes = match &args.add_allow {
        Some(reason) => {
            let reason = reason_of(reason)?;
            let allowed = |f: &Finding| {
                let rule = catalog.get(&f.code);
                let about_suppressions = rule.is_some_and(|r| r.check.kind() == "suppression");
                !about_suppressions && options.policy.is_suppressible(&f.code)
            };
            fix::add_allow(outcome, &reason, &allowed)
        }
        None => fix::fixes(outcome),
    };
    changes.retain(|c| only.is_none_or(|files| files.contains(&c.file)));
    if args.diff {
        let text: String = changes.iter().map(diff).collect();
        print(&terminal::guard(&text))?;
        return Ok(u8::from(!changes.is_empty()));
    }
    for change in &changes {
        files::write_atomically(&change.path, change.new.as_bytes())
            .map_err(|e| Failure(miette::miette!("cannot write {}: {e}", terminal::escape_line(&change.name))))?;
    }
    let what = if args.add_allow.is_some() { "added suppressions for" } else { "fixed" };
    let resolved: usize = changes.iter().map(|c| c.resolved).sum();
    if !args.quiet {
        eprintln!("yosan: {what} {resolved} findings in {} files", changes.len());
    }
    let mut again = engine::check(catalog, options).map_err(|e| Failure(miette::miette!("{e}")))?;
    let reported = match only {
        Some(files) => again.retain_concerning(files),
        None => again.files.len(),
    };
    let run = Run { outcome: &again, catalog: Some(catalog), baseline: false, baselined: &[], error: None };
    report(&run, reported, only.is_some(), args, fail_on)
}

/// A reason fit for one comment line.
fn reason_of(reason: &str) -> Result<String, Failure> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().any(|c| c.is_control()) {
        return Err(Failure(miette::miette!(
            help = "say why the findings are accepted for now, e.g. --add-allow \"adopted 2026-12; to review\"",
            "--add-allow needs a reason of one line"
        )));
    }
    Ok(reason.to_string())
}

/// The change as a unified diff, `a/NAME` against `b/NAME`.
fn diff(change: &FileChange) -> String {
    let diff = similar::TextDiff::from_lines(&*change.old, &change.new);
    let name = change.name.as_str();
    diff.unified_diff().context_radius(2).header(&format!("a/{name}"), &format!("b/{name}")).to_string()
}
