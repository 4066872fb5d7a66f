//! `report`: the audit of a run — what the datasets say and whether it holds together — in
//! Markdown, HTML and JSON.
//!
//! [`audit`] turns an [`Outcome`](crate::engine::Outcome) into one [`Audit`], computing
//! nothing the checks did not: every sum comes from [`crate::arithmetic`], every comparison of
//! two figures from the checks' own [`Comparison`](crate::checks::figures::Comparison). The
//! formats only write the audit out; the JSON format is the audit itself.

mod build;
pub mod figure;
mod html;
mod markdown;
mod svg;
pub(crate) mod text;
mod words;

use serde::Serialize;

pub use build::audit;
pub use figure::{Figure, Units};

/// The formats of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Html,
    Json,
}

/// Writes `audit` in `format`.
pub fn render(audit: &Audit, format: ReportFormat) -> String {
    match format {
        ReportFormat::Markdown => markdown::render(audit),
        ReportFormat::Html => html::render(audit),
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(audit).unwrap_or_default();
            text.push('\n');
            text
        }
    }
}

/// The whole audit of one run.
#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    /// `yosan-report/1`.
    pub format: &'static str,
    pub yosan_version: &'static str,
    /// The unit yen figures are shown in.
    pub unit: &'static str,
    /// Each rule file with its sha256.
    pub rule_files: Vec<Provenance>,
    pub summary: Summary,
    pub datasets: Vec<DatasetAudit>,
    /// Every line joined to another by `same_as`, with both figures.
    pub same_as: Vec<SameAs>,
    /// Every finding of the run, in file order.
    pub findings: Vec<FindingEntry>,
    /// Every suppression that kept a finding out: the accepted deviations.
    pub suppressions: Vec<SuppressionEntry>,
    /// Files that could not be read as datasets (their findings say why).
    pub unread_files: Vec<UnreadFile>,
}

/// The counts of the run at a glance.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub datasets: usize,
    pub lines: usize,
    /// How many sums (line × figure column) came to each status.
    pub sums: StatusCounts,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct StatusCounts {
    pub adds_up: usize,
    pub within_rounding: usize,
    pub mismatch: usize,
    pub partial: usize,
    pub not_checkable: usize,
}

impl StatusCounts {
    /// Each status with its count, in the order reports list them.
    pub fn each(&self) -> [(Status, usize); 5] {
        [
            (Status::AddsUp, self.adds_up),
            (Status::WithinRounding, self.within_rounding),
            (Status::Mismatch, self.mismatch),
            (Status::Partial, self.partial),
            (Status::NotCheckable, self.not_checkable),
        ]
    }

    pub fn add(&mut self, status: Status) {
        match status {
            Status::AddsUp => self.adds_up += 1,
            Status::WithinRounding => self.within_rounding += 1,
            Status::Mismatch => self.mismatch += 1,
            Status::Partial => self.partial += 1,
            Status::NotCheckable => self.not_checkable += 1,
        }
    }
}

/// What one sum came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    AddsUp,
    WithinRounding,
    Mismatch,
    /// A partial breakdown whose parts do not exceed the line.
    Partial,
    NotCheckable,
}

impl Status {
    pub fn words(self) -> &'static str {
        match self {
            Status::AddsUp => "adds up",
            Status::WithinRounding => "within rounding",
            Status::Mismatch => "mismatch",
            Status::Partial => "partial",
            Status::NotCheckable => "not checkable",
        }
    }

    /// A mark that reads without colour.
    pub fn mark(self) -> &'static str {
        match self {
            Status::AddsUp => "✓",
            Status::WithinRounding => "≈",
            Status::Mismatch => "✗",
            Status::Partial => "⊂",
            Status::NotCheckable => "?",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Status::AddsUp => "adds-up",
            Status::WithinRounding => "within-rounding",
            Status::Mismatch => "mismatch",
            Status::Partial => "partial",
            Status::NotCheckable => "not-checkable",
        }
    }
}

/// A file and its sha256, for an auditor to cite.
#[derive(Clone, Debug, Serialize)]
pub struct Provenance {
    pub file: String,
    pub sha256: String,
}

/// A file that could not be read as a dataset, with the sha256 of its bytes where they can be
/// read.
#[derive(Clone, Debug, Serialize)]
pub struct UnreadFile {
    pub file: String,
    pub sha256: Option<String>,
}

/// One dataset.
#[derive(Clone, Debug, Serialize)]
pub struct DatasetAudit {
    pub id: Option<String>,
    pub title: Option<String>,
    pub fiscal_year: Option<i32>,
    /// `令和8年度`, for the fiscal years of the era.
    pub fiscal_year_japanese: Option<String>,
    pub budget: &'static str,
    pub budget_japanese: &'static str,
    pub unit: &'static str,
    pub rounding: &'static str,
    pub source: SourceEntry,
    pub file: Provenance,
    /// The top-level lines, each with its breakdown.
    pub lines: Vec<Line>,
    pub totals: Vec<Total>,
    pub by_ministry: Vec<RollUp>,
    pub by_phase: Vec<RollUp>,
    pub links: Vec<LinkEntry>,
    pub sums: StatusCounts,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct SourceEntry {
    pub document: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// One budget line and its breakdown.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    pub id: Option<String>,
    pub name: String,
    /// The id path from the top-level line: `pj1/amed`.
    pub path: String,
    pub depth: u32,
    /// `additive`, or why the line is shown but not added into its parent's sum.
    pub counted: Counted,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relisted_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub included_in: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
    pub partial: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ministries: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<String>,
    /// Each figure column the line has, with its sum where it has parts.
    pub columns: Vec<ColumnEntry>,
    /// The amount against the previous year, where both are given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The 1-based line of the file where the line is written.
    pub source_line: usize,
    pub items: Vec<Line>,
}

/// Whether a line is added into its parent's sum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Counted {
    Additive,
    /// 再掲: repeats another line.
    Relisted,
    /// 内数: inside another figure.
    Inclusive,
}

/// One figure column of a line.
#[derive(Clone, Debug, Serialize)]
pub struct ColumnEntry {
    pub column: crate::arithmetic::Column,
    pub declared: Figure,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sum: Option<SumEntry>,
}

/// A line's sum in one column, as the `sum` check computed it.
#[derive(Clone, Debug, Serialize)]
pub struct SumEntry {
    pub status: Status,
    /// Why a sum cannot be checked, or what a partial breakdown means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<Figure>,
    /// `computed − declared`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<Figure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Figure>,
    /// The parts as added: `96.7 + 35.4 + 106.2`.
    pub terms: String,
    pub parts: usize,
    /// Children shown but not added (再掲, 内数).
    pub not_counted: usize,
}

/// A change against the previous year.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub difference: Figure,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
}

/// The sum of the top-level additive lines of a dataset, per column and currency.
#[derive(Clone, Debug, Serialize)]
pub struct Total {
    pub column: crate::arithmetic::Column,
    pub figure: Figure,
    pub lines: usize,
}

/// The lines of one ministry or phase (or one combination of them) added up.
#[derive(Clone, Debug, Serialize)]
pub struct RollUp {
    /// `文部科学省`, or `文部科学省・厚生労働省` for lines shared by both.
    pub key: String,
    pub amount: Figure,
    /// The previous year's figures, when every line of the group has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<Figure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    pub lines: usize,
}

/// One link between two lines.
#[derive(Clone, Debug, Serialize)]
pub struct LinkEntry {
    pub from: Endpoint,
    pub to: Endpoint,
    pub kind: &'static str,
    pub kind_japanese: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Endpoint {
    /// The reference as written.
    pub reference: String,
    /// The line's name, where the reference resolves.
    pub name: Option<String>,
}

/// Two lines joined by `same_as`, compared.
#[derive(Clone, Debug, Serialize)]
pub struct SameAs {
    pub from: String,
    pub from_name: String,
    pub to: String,
    pub to_name: Option<String>,
    pub columns: Vec<Comparison>,
}

/// One column compared across a `same_as` join.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub column: crate::arithmetic::Column,
    pub here: Figure,
    pub there: Figure,
    /// `agree`, `within-rounding`, `differ`, or `not-comparable` (other currencies).
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<Figure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Figure>,
}

/// One finding of the run.
#[derive(Clone, Debug, Serialize)]
pub struct FindingEntry {
    /// The finding's fingerprint (code, dataset, item path, figures), as baselines and SARIF
    /// recognise it across versions.
    pub fingerprint: String,
    pub rule: String,
    pub severity: crate::findings::Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// One suppression that kept findings out, with its reason and the findings it kept out.
#[derive(Clone, Debug, Serialize)]
pub struct SuppressionEntry {
    pub file: String,
    pub line: usize,
    pub codes: Vec<String>,
    pub reason: Option<String>,
    pub findings: Vec<FindingEntry>,
}
