//! `--format summary`: a Markdown summary of the run for a CI job's page (GitHub's
//! `$GITHUB_STEP_SUMMARY`, a pull-request comment): the counts, a table of counts per code, and
//! the first findings with their places. Kept well inside GitHub's 1 MiB limit of a step summary.

use super::place::Place;
use super::{plural, Counts, Run};
use crate::findings::Severity;

/// The findings listed one by one; the table counts them all.
const LISTED: usize = 50;
/// The most bytes of the summary.
const MAX_BYTES: usize = 64 * 1024;

pub fn render(run: &Run<'_>) -> String {
    let outcome = run.outcome;
    let mut out = String::from("## yosan\n\n");
    if let Some(error) = run.error {
        out.push_str(&format!("The run could not be done: {}\n", markdown(error)));
        return out;
    }
    let c = Counts::of(outcome);
    out.push_str(&format!(
        "**{}, {}, {}** in {}",
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
        plural(c.infos, "note"),
        plural(outcome.files.len(), "file")
    ));
    if run.baseline {
        out.push_str(&format!(" ({} more known to the baseline)", run.baselined.len()));
    }
    out.push_str("\n\n");
    if outcome.findings.is_empty() {
        return out;
    }
    let mut counts: Vec<(usize, &str, Severity)> = Vec::new();
    for f in &outcome.findings {
        match counts.iter_mut().find(|(_, code, _)| *code == &*f.code) {
            Some((n, _, _)) => *n += 1,
            None => counts.push((1, &f.code, f.severity)),
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(b.0.cmp(&a.0)).then(a.1.cmp(b.1)));
    out.push_str("| code | severity | findings |\n| --- | --- | ---: |\n");
    for (n, code, severity) in &counts {
        out.push_str(&format!("| `{code}` | {severity} | {n} |\n"));
    }
    let mut ranked: Vec<_> = outcome.findings.iter().collect();
    ranked.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out.push_str(&format!("\n<details open><summary>The first {} findings</summary>\n\n", ranked.len().min(LISTED)));
    for f in ranked.iter().take(LISTED) {
        let place = Place::of(&outcome.files, f.defect.file, f.defect.span);
        let line = format!(
            "- **{}** `{}:{}:{}` {}\n",
            f.code,
            place.file.replace('`', "'"),
            place.line,
            place.column,
            markdown(&f.defect.message)
        );
        if out.len() + line.len() > MAX_BYTES {
            out.push_str("- … (the summary is full: the SARIF results have every finding)\n");
            break;
        }
        out.push_str(&line);
    }
    out.push_str("\n</details>\n");
    out
}

/// Text safe in Markdown: HTML's special characters and table pipes escaped, one line.
fn markdown(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('|', "\\|").replace(['\n', '\r'], " ")
}
