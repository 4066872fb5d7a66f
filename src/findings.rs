//! `findings`: the one finding type behind every output format.
//!
//! Checks detect [`Defect`]s: what is wrong and where, with no code or severity. The rule that
//! ran the check turns each into a [`Finding`] with the rule's code and severity.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::fields::Subject;
use crate::span::Span;

/// Index of a source file in a run.
pub type FileId = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A secondary place involved in a finding, possibly in another file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

/// A change to the source that resolves a finding and keeps everything else: every figure's
/// value, every comment, every byte outside the edits (`crate::fix` applies and verifies it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, for the user: "write `12億円`".
    pub description: String,
    pub edits: Vec<Edit>,
}

/// One edit of a fix, in the finding's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The scalar at `span` reads `old` and should read `new`; its quotes, if any, are kept.
    Scalar { span: Span, old: String, new: String },
    /// The comment at `span` goes, with the blanks before it (or its whole line, if alone).
    RemoveComment { span: Span },
}

/// What a check found: the place, what is wrong, the other places involved, how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Defect {
    pub file: FileId,
    pub span: Span,
    /// What the primary span's label says (short); defaults to the message.
    pub label: Option<String>,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// Caps the severity below the rule's (e.g. a sum with an approximate figure).
    pub max_severity: Option<Severity>,
    pub dataset: Option<String>,
    pub item: Option<String>,
    /// The node the finding is about, for the placeholders of message templates.
    pub subject: Option<Subject>,
    /// Values for the placeholders of message templates (`sum`, `difference`, …).
    pub vars: Vec<(&'static str, String)>,
    /// A safe fix, where one is certain.
    pub fix: Option<Fix>,
    /// The figure column a finding about figures compares (`amount`, `previous`, …).
    pub column: Option<String>,
}

impl Defect {
    pub fn new(file: FileId, span: Span, message: impl Into<String>) -> Self {
        Defect {
            file,
            span,
            label: None,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            max_severity: None,
            dataset: None,
            item: None,
            subject: None,
            vars: Vec::new(),
            fix: None,
            column: None,
        }
    }

    /// Names the figure column the finding compares.
    pub fn in_column(mut self, column: &crate::arithmetic::Column) -> Self {
        self.column = Some(column.field().to_string());
        self.var("column", column.field().to_string())
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn about(mut self, subject: Subject) -> Self {
        self.subject = Some(subject);
        self
    }

    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.vars.push((name, value.into()));
        self
    }

    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.label = Some(text.into());
        self
    }

    pub fn with_label(mut self, file: FileId, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { file, span, message: message.into() });
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    pub fn at_most(mut self, severity: Severity) -> Self {
        self.max_severity = Some(severity);
        self
    }

    /// `severity`, lowered to the defect's cap if it has one.
    pub fn capped(&self, severity: Severity) -> Severity {
        self.max_severity.map_or(severity, |cap| severity.min(cap))
    }

    pub fn in_dataset(mut self, dataset: Option<&str>, item: Option<&str>) -> Self {
        self.dataset = dataset.map(str::to_string);
        self.item = item.map(str::to_string);
        self
    }
}

/// A defect reported under a rule's code and severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Arc<str>,
    pub severity: Severity,
    pub defect: Defect,
}

impl Finding {
    pub fn new(code: Arc<str>, severity: Severity, defect: Defect) -> Self {
        Finding { code, severity: defect.capped(severity), defect }
    }

    /// Whether the finding concerns `file`: its primary place or one of its labels is there.
    pub fn concerns(&self, file: FileId) -> bool {
        self.defect.file == file || self.defect.labels.iter().any(|l| l.file == file)
    }
}
