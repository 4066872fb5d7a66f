//! Human output: one miette graphical report per finding, labels on every span involved.
//! Labels in another file than the finding's become related reports of their own.

use std::fmt::Write;
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use crate::engine::Outcome;
use crate::findings::{FileId, Finding, Label, Severity};
use crate::source::SourceFile;

/// How to draw: colours, and the width to wrap at.
#[derive(Clone, Copy, Debug)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
}

/// Renders every finding of `outcome` into `out`.
pub fn human(outcome: &Outcome, style: HumanStyle, out: &mut String) {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(style.width).with_links(false);
    for finding in &outcome.findings {
        let report = Report::new(finding, &outcome.files);
        if handler.render_report(out, &report).is_err() {
            // The handler failed on this finding's spans: still say what was found.
            let _ = writeln!(out, "{}: {} [{}]", finding.severity, finding.defect.message, finding.code);
        }
        out.push('\n');
    }
}

/// A finding ready for miette: its source file, and the related reports for other files.
struct Report {
    code: Arc<str>,
    severity: Severity,
    message: String,
    help: Option<String>,
    source: NamedSource<Arc<str>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl Report {
    fn new(finding: &Finding, files: &[SourceFile]) -> Report {
        let defect = &finding.defect;
        // A note (`info`) shows only its own place, unlabelled: its message carries the figures,
        // and the places of the parts would turn a clean run into pages of snippets. JSON keeps
        // every label.
        let note = finding.severity == Severity::Info;
        let primary = if note { None } else { defect.label.clone() };
        let mut labels = vec![LabeledSpan::new_primary_with_span(primary, defect.span)];
        let mut related = Vec::new();
        let secondary = if note { &[][..] } else { &defect.labels[..] };
        for label in secondary {
            if label.file == defect.file {
                labels.push(LabeledSpan::new_with_span(Some(label.message.clone()), label.span));
            } else {
                related.push(Report::related(finding, label, files));
            }
        }
        Report {
            code: finding.code.clone(),
            severity: finding.severity,
            message: defect.message.clone(),
            help: defect.help.clone(),
            source: source(files, defect.file),
            labels,
            related,
        }
    }

    fn related(finding: &Finding, label: &Label, files: &[SourceFile]) -> Report {
        Report {
            code: finding.code.clone(),
            severity: Severity::Info,
            message: label.message.clone(),
            help: None,
            source: source(files, label.file),
            labels: vec![LabeledSpan::new_primary_with_span(Some(label.message.clone()), label.span)],
            related: Vec::new(),
        }
    }
}

fn source(files: &[SourceFile], file: FileId) -> NamedSource<Arc<str>> {
    match files.get(file) {
        Some(f) => NamedSource::new(&f.name, f.text.clone()),
        None => NamedSource::new("?", Arc::from("")),
    }
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(&*self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}
