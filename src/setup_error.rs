//! A file that sets up the run — a rule file, the configuration — and cannot be used. The run
//! stops with exit status 2 and a diagnostic that points at the problem in that file.
//!
//! The diagnostic shows the lines around the problem (an [`Excerpt`], escaped for the
//! terminal), unless the file may not be what it was named as: a file that does not even parse
//! may hold secrets (`rules = ["secret.env"]`), so its content is never printed, only the place.

use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::render::terminal;
use crate::render::Excerpt;
use crate::source::SourceFile;
use crate::span::{Position, Span};

#[derive(Debug)]
pub struct SetupError {
    /// What the file is, as the diagnostic's code: `rule-file`, `config`.
    pub code: &'static str,
    pub file: String,
    /// Where in the file; `None` when the file as a whole is the problem (unreadable).
    pub span: Option<Span>,
    /// The line and column of `span`.
    pub position: Option<Position>,
    pub message: String,
    pub help: Option<String>,
    /// The lines shown, and the span in them; `None` when the content may not be shown.
    excerpt: Option<(Excerpt, Span)>,
}

impl SetupError {
    pub fn new(
        code: &'static str,
        file: &str,
        text: Arc<String>,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Box<Self> {
        let source = SourceFile::new(std::path::Path::new(file), text);
        let position = span.map(|s| source.position(s.start()));
        let excerpt = span.map(|s| {
            let (excerpt, spans) = Excerpt::new(&source, &[s]);
            (excerpt, spans[0])
        });
        Box::new(SetupError {
            code,
            file: file.to_string(),
            span,
            position,
            message: message.into(),
            help: None,
            excerpt,
        })
    }

    /// An error about the file as a whole, with no place in it.
    pub fn about_file(code: &'static str, file: &str, message: impl Into<String>) -> Box<Self> {
        SetupError::new(code, file, Arc::default(), None, message)
    }

    pub fn help(mut self: Box<Self>, help: impl Into<String>) -> Box<Self> {
        self.help = Some(help.into());
        self
    }

    /// Shows the place but not the content: for a file that may not be what it was named as.
    pub fn hide_source(mut self: Box<Self>) -> Box<Self> {
        self.excerpt = None;
        self
    }
}

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = terminal::escape_line(&self.file);
        let message = terminal::escape(&self.message);
        match (self.position, &self.excerpt) {
            (Some(p), None) => {
                write!(f, "invalid {} {file}:{}:{}: {message}", self.code.replace('-', " "), p.line, p.column)
            }
            _ => write!(f, "invalid {} {file}: {message}", self.code.replace('-', " ")),
        }
    }
}

impl std::error::Error for SetupError {}

impl Diagnostic for SetupError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(terminal::escape(h).into_owned()) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.as_ref().map(|(excerpt, _)| excerpt as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.excerpt.as_ref()?;
        let label = LabeledSpan::new_primary_with_span(Some(terminal::escape(&self.message).into_owned()), *span);
        Some(Box::new(std::iter::once(label)))
    }
}
