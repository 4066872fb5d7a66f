//! `--format json`: one object with a `findings` array, as the spec's CLI contract says, plus
//! end positions, labels, help, dataset and item ids, and a summary.

use serde::Serialize;

use super::place::Place;
use super::{Counts, Run};
use crate::engine::Outcome;
use crate::findings::{Finding, Severity};
use crate::source::SourceFile;

#[derive(Serialize)]
struct Document<'a> {
    version: &'static str,
    findings: Vec<JsonFinding<'a>>,
    /// Why the run could not be done (exit status 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    #[serde(flatten)]
    counts: Counts,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    #[serde(flatten)]
    place: Place<'a>,
    message: &'a str,
    /// What the primary span's underline says in the terminal.
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dataset: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<&'a str>,
    /// The figure column a finding about figures compares (`amount`, `previous`, …); `column`
    /// is the place's.
    #[serde(skip_serializing_if = "Option::is_none")]
    figure_column: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    message: &'a str,
}

/// Renders `outcome` as the JSON document of the CLI contract.
pub fn json(outcome: &Outcome) -> String {
    render(&Run::of(outcome))
}

/// The JSON document of a run; a run that could not be done carries its `error` and no findings.
pub fn render(run: &Run<'_>) -> String {
    let outcome = run.outcome;
    let findings = outcome.findings.iter().map(|f| finding(f, &outcome.files)).collect();
    let document = Document {
        version: env!("CARGO_PKG_VERSION"),
        findings,
        error: run.error,
        summary: Summary { files: outcome.files.len(), counts: Counts::of(outcome) },
    };
    serde_json::to_string_pretty(&document).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn finding<'a>(f: &'a Finding, files: &'a [SourceFile]) -> JsonFinding<'a> {
    let d = &f.defect;
    let labels =
        d.labels.iter().map(|l| JsonLabel { place: Place::of(files, l.file, l.span), message: &l.message }).collect();
    JsonFinding {
        rule: &f.code,
        severity: f.severity,
        place: Place::of(files, d.file, d.span),
        message: &d.message,
        label: d.label.as_deref(),
        help: d.help.as_deref(),
        dataset: d.dataset.as_deref(),
        item: d.item.as_deref(),
        figure_column: d.column.as_deref(),
        labels,
    }
}
