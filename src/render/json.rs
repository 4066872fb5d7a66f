//! `--format json`: one object with a `findings` array, as the spec's CLI contract says, plus
//! end positions, labels, help, dataset and item ids, and a summary.

use serde::Serialize;

use super::Counts;
use crate::engine::Outcome;
use crate::findings::{FileId, Finding, Severity};
use crate::source::SourceFile;
use crate::span::Span;

#[derive(Serialize)]
struct Document<'a> {
    version: &'static str,
    findings: Vec<JsonFinding<'a>>,
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
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    message: &'a str,
}

/// A span as the contract gives it: file, 1-based start and end line and column.
#[derive(Serialize)]
struct Place<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl<'a> Place<'a> {
    fn of(files: &'a [SourceFile], file: FileId, span: Span) -> Place<'a> {
        let Some(source) = files.get(file) else {
            return Place { file: "?", line: 1, column: 1, end_line: 1, end_column: 1 };
        };
        let (start, end) = (source.position(span.start), source.position(span.end));
        Place { file: &source.name, line: start.line, column: start.column, end_line: end.line, end_column: end.column }
    }
}

/// Renders `outcome` as the JSON document of the CLI contract.
pub fn json(outcome: &Outcome) -> String {
    let findings = outcome.findings.iter().map(|f| finding(f, &outcome.files)).collect();
    let document = Document {
        version: env!("CARGO_PKG_VERSION"),
        findings,
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
        labels,
    }
}
