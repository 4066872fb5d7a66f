//! `--format json`: one object with a `findings` array, as the spec's CLI contract says, plus
//! end positions, labels, help, dataset and item ids, and a summary.

use serde::Serialize;

use super::Counts;
use crate::engine::{Outcome, SourceFile};
use crate::findings::{FileId, Finding, Severity};
use crate::span::{LineIndex, Span};

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
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
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
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

/// Positions in files, with each file's line index built once.
struct Positions<'a> {
    files: &'a [SourceFile],
    indexes: Vec<Option<LineIndex>>,
}

impl<'a> Positions<'a> {
    fn new(files: &'a [SourceFile]) -> Self {
        Positions { files, indexes: vec![None; files.len()] }
    }

    /// (file name, line, column, end line, end column), 1-based.
    fn locate(&mut self, file: FileId, span: Span) -> (&'a str, usize, usize, usize, usize) {
        let Some(source) = self.files.get(file) else {
            return ("?", 1, 1, 1, 1);
        };
        let index = self.indexes[file].get_or_insert_with(|| LineIndex::new(&source.text));
        let start = index.position(&source.text, span.start);
        let end = index.position(&source.text, span.end);
        (&source.name, start.line, start.column, end.line, end.column)
    }
}

/// Renders `outcome` as the JSON document of the CLI contract.
pub fn json(outcome: &Outcome) -> String {
    let mut positions = Positions::new(&outcome.files);
    let findings = outcome.findings.iter().map(|f| finding(f, &mut positions)).collect();
    let document = Document {
        version: env!("CARGO_PKG_VERSION"),
        findings,
        summary: Summary { files: outcome.files.len(), counts: Counts::of(outcome) },
    };
    serde_json::to_string_pretty(&document).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn finding<'a>(f: &'a Finding, positions: &mut Positions<'a>) -> JsonFinding<'a> {
    let d = &f.defect;
    let (file, line, column, end_line, end_column) = positions.locate(d.file, d.span);
    let labels = d
        .labels
        .iter()
        .map(|l| {
            let (file, line, column, end_line, end_column) = positions.locate(l.file, l.span);
            JsonLabel { file, line, column, end_line, end_column, message: &l.message }
        })
        .collect();
    JsonFinding {
        rule: &f.code,
        severity: f.severity,
        file,
        line,
        column,
        end_line,
        end_column,
        message: &d.message,
        label: d.label.as_deref(),
        help: d.help.as_deref(),
        dataset: d.dataset.as_deref(),
        item: d.item.as_deref(),
        labels,
    }
}
