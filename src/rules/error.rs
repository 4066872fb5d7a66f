//! A rule file that cannot be used: the run stops with exit status 2.

use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use crate::span::Span;

/// A broken rule file, pointing at the span of the problem.
#[derive(Debug, Clone)]
pub struct RuleFileError {
    pub file: String,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    source: NamedSource<Arc<str>>,
}

impl RuleFileError {
    pub fn new(file: &str, text: &str, span: Span, message: String, help: Option<String>) -> Self {
        let source = NamedSource::new(file, Arc::from(text));
        RuleFileError { file: file.to_string(), span, message, help, source }
    }
}

impl std::fmt::Display for RuleFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid rule file {}: {}", self.file, self.message)
    }
}

impl std::error::Error for RuleFileError {}

impl Diagnostic for RuleFileError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("rule-file"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new_primary_with_span(Some(self.message.clone()), self.span);
        Some(Box::new(std::iter::once(label)))
    }
}
