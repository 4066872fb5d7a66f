//! Human output: one miette graphical report per finding, labels on every span involved.
//! Labels in another file than the finding's become related reports of their own.

use std::fmt::Write;
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::excerpt::Excerpt;
use super::terminal;
use crate::engine::Outcome;
use crate::findings::{FileId, Finding, Label, Severity};
use crate::source::SourceFile;
use crate::span::Span;

/// How to draw: colours, and the width to wrap at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
}

/// Renders every finding of `outcome` into `out`.
pub fn human(outcome: &Outcome, style: HumanStyle, out: &mut String) {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_word_separator(textwrap::WordSeparator::Custom(terminal::words));
    for finding in &outcome.findings {
        let report = Report::new(finding, &outcome.files);
        if handler.render_report(out, &report).is_err() {
            // The handler failed on this finding's spans: still say what was found.
            let message = terminal::escape(&finding.defect.message);
            let _ = writeln!(out, "{}: {message} [{}]", finding.severity, finding.code);
        }
        out.push('\n');
    }
}

/// Secondary labels drawn in one file; JSON keeps every one.
const MAX_LABELS: usize = 12;

/// A finding ready for miette: its excerpt, and the related reports for other files. Every
/// text is escaped for the terminal.
struct Report {
    code: Arc<str>,
    severity: Severity,
    message: String,
    help: Option<String>,
    source: Excerpt,
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
        let primary = if note { None } else { defect.label.as_deref() };
        let secondary = if note { &[][..] } else { &defect.labels[..] };
        let (here, elsewhere): (Vec<&Label>, Vec<&Label>) = secondary.iter().partition(|l| l.file == defect.file);
        let shown = &here[..here.len().min(MAX_LABELS)];
        let mut places = vec![(defect.span, primary)];
        places.extend(shown.iter().map(|l| (l.span, Some(l.message.as_str()))));
        let (source, labels) = snippet(files, defect.file, &places);
        let mut help = defect.help.as_deref().map(|h| terminal::escape(h).into_owned());
        if here.len() > shown.len() {
            let more =
                format!("{} more places are not drawn; `--format json` lists them all", here.len() - shown.len());
            help = Some(help.map_or(more.clone(), |h| format!("{h}\n{more}")));
        }
        Report {
            code: finding.code.clone(),
            severity: finding.severity,
            message: terminal::escape(&defect.message).into_owned(),
            help,
            source,
            labels,
            related: elsewhere.iter().take(MAX_LABELS).map(|label| Report::related(finding, label, files)).collect(),
        }
    }

    fn related(finding: &Finding, label: &Label, files: &[SourceFile]) -> Report {
        let (source, labels) = snippet(files, label.file, &[(label.span, Some(&label.message))]);
        Report {
            code: finding.code.clone(),
            severity: Severity::Info,
            message: terminal::escape(&label.message).into_owned(),
            help: None,
            source,
            labels,
            related: Vec::new(),
        }
    }
}

/// The excerpt of `file` that shows `places`, and miette's labels for them (the first primary).
fn snippet(files: &[SourceFile], file: FileId, places: &[(Span, Option<&str>)]) -> (Excerpt, Vec<LabeledSpan>) {
    let fallback;
    let source = match files.get(file) {
        Some(f) => f,
        None => {
            fallback = SourceFile::new(std::path::Path::new("?"), Arc::default());
            &fallback
        }
    };
    let spans: Vec<Span> = places.iter().map(|(span, _)| *span).collect();
    let (excerpt, spans) = Excerpt::new(source, &spans);
    let labels = spans
        .into_iter()
        .zip(places)
        .enumerate()
        .map(|(i, (span, (_, text)))| {
            let text = text.map(|t| terminal::escape(t).into_owned());
            if i == 0 {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        })
        .collect();
    (excerpt, labels)
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
        // A file with no text (unreadable, empty) has nothing to show.
        (!self.source.is_empty()).then_some(&self.source as &dyn SourceCode)
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
