//! A file that sets up the run — a rule file, the configuration — and cannot be used. The run
//! stops with exit status 2 and a diagnostic that points at the problem in that file.

use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use crate::span::Span;

#[derive(Debug, Clone)]
pub struct SetupError {
    /// What the file is, as the diagnostic's code: `rule-file`, `config`.
    pub code: &'static str,
    pub file: String,
    /// Where in the file; `None` when the file as a whole is the problem (unreadable).
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
    source: NamedSource<Arc<str>>,
}

impl SetupError {
    pub fn new(
        code: &'static str,
        file: &str,
        text: Arc<str>,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Box<Self> {
        let source = NamedSource::new(file, text);
        Box::new(SetupError { code, file: file.to_string(), span, message: message.into(), help: None, source })
    }

    pub fn help(mut self: Box<Self>, help: impl Into<String>) -> Box<Self> {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid {} {}: {}", self.code.replace('-', " "), self.file, self.message)
    }
}

impl std::error::Error for SetupError {}

impl Diagnostic for SetupError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.span.map(|_| &self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new_primary_with_span(Some(self.message.clone()), self.span?);
        Some(Box::new(std::iter::once(label)))
    }
}
