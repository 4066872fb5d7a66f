//! `checks`: the built-in check kinds. A rule binds one kind, with its parameters and a
//! selection of nodes, to a code.
//!
//! Each kind is one module: its doc comment says what it checks and which parameters a rule
//! may set; its tests show it firing. A kind reports [`Defect`]s; the engine files them under
//! the rule's code and severity.

pub mod compare;
pub mod cycles;
pub mod duplicate_listing;
pub mod figures;
pub mod inclusive;
pub mod pattern;
pub mod references;
pub mod relist;
pub mod required;
pub mod same_as;
pub mod schema;
pub mod sum;
pub mod suppression;
pub mod unique;
pub mod vocabulary;

use crate::arithmetic::Column;
use crate::findings::{Defect, FileId};
use crate::index::{Index, ItemRef};
use crate::load::Node;
use crate::model::fields::{self, Field, Subject, Target};
use crate::model::vocab::Word;
use crate::model::{Dataset, Item, LinkEnd, Reference, SchemaDefect};
use crate::rules::select::Selection;
use crate::rules::{read_text, MapReader};
use crate::span::Span;

/// What the checks look at: every dataset of the run, and what reading them found.
pub struct Context<'a> {
    pub datasets: &'a [Dataset],
    pub index: &'a Index,
    pub schema_defects: &'a [(SchemaDefect, Defect)],
}

impl Context<'_> {
    /// The item `reference`, written in dataset `from`, names.
    pub fn resolve(&self, from: usize, reference: &Reference) -> Option<ItemRef> {
        self.index.resolve(self.datasets, from, reference)
    }

    /// The item end `end` of link `l` of dataset `d` names: found by the model's reader when
    /// it is written without a dataset.
    pub fn resolve_link_end(&self, d: usize, l: usize, end: LinkEnd) -> Option<ItemRef> {
        let dataset = &self.datasets[d];
        let reference = &dataset.links[l].end(end).as_ref()?.value;
        match reference.dataset {
            Some(_) => self.resolve(d, reference),
            None => dataset.link_end(l, end).map(|i| (d, i)),
        }
    }

    pub fn dataset(&self, (d, _): ItemRef) -> &Dataset {
        &self.datasets[d]
    }

    pub fn item(&self, (d, i): ItemRef) -> &Item {
        &self.datasets[d].items[i]
    }

    /// How an item is named in a path: its id, with the dataset id when it is in another file.
    pub fn name(&self, (d, i): ItemRef, from_file: FileId) -> String {
        let dataset = &self.datasets[d];
        let id = dataset.id_of(&dataset.items[i]).unwrap_or("?");
        match dataset.id() {
            Some(dataset_id) if dataset.file != from_file => format!("{dataset_id}:{id}"),
            _ => id.to_string(),
        }
    }

    /// The selected items: their subject, dataset index and the item itself.
    pub fn items<'s>(&'s self, select: &'s Selection) -> impl Iterator<Item = (Subject, usize, &'s Item)> + 's {
        self.items_where(select, |_| true)
    }

    /// The items of [`Context::items`] for which `wanted` holds, `wanted` asked first: a check
    /// about a rare field (a reference, a mark) asks the selection only of the items that have it.
    pub fn items_where<'s>(
        &'s self,
        select: &'s Selection,
        wanted: impl Fn(&Item) -> bool + Copy + 's,
    ) -> impl Iterator<Item = (Subject, usize, &'s Item)> + 's {
        let datasets = self.datasets.iter().enumerate();
        let selected = datasets.filter(|(_, dataset)| select.target == Target::Items && select.may_select_in(dataset));
        let whole = select.selects_whole_datasets();
        selected.flat_map(move |(d, dataset)| {
            dataset.items.iter().enumerate().filter_map(move |(i, item)| {
                let subject = Subject::Item(d, i);
                (wanted(item) && (whole || select.matches(self.datasets, subject))).then_some((subject, d, item))
            })
        })
    }

    /// How a node is named in a message.
    pub fn describe(&self, subject: Subject) -> String {
        match subject {
            Subject::Item(d, i) => {
                let dataset = &self.datasets[d];
                dataset.display_name(&dataset.items[i]).to_string()
            }
            Subject::Dataset(d) => format!("the dataset {}", self.datasets[d].id().unwrap_or("?")),
            Subject::Link(d, l) => {
                let link = &self.datasets[d].links[l];
                let end = |r: &Option<crate::model::Spanned<crate::model::Reference>>| {
                    r.as_ref().map_or("?".into(), |r| r.value.to_string())
                };
                format!("the link {} → {}", end(&link.from), end(&link.to))
            }
        }
    }

    /// Ties `defect` to its node: for templates and for the ids of the JSON output.
    pub fn attach(&self, defect: Defect, subject: Subject) -> Defect {
        let (dataset, item) = fields::ids(self.datasets, subject);
        defect.in_dataset(dataset, item).about(subject)
    }
}

/// A check kind with its parameters, as a rule's `check:` mapping gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    Schema(schema::Params),
    Sum(sum::Params),
    DuplicateListing,
    Relist(relist::Params),
    Inclusive(ColumnParams),
    References(references::Params),
    ReferenceCycle(cycles::ReferenceParams),
    LinkCycle(cycles::LinkParams),
    SameAs(ColumnParams),
    Required(required::Params),
    Pattern(pattern::Params),
    Vocabulary(vocabulary::Params),
    Compare(compare::Params),
    Unique(unique::Params),
    Suppression(suppression::Params),
}

/// Every check kind, with the targets its selection may have.
pub const KINDS: &[(&str, &[Target])] = &[
    ("schema", &[]),
    ("sum", &[Target::Items]),
    ("duplicate-listing", &[Target::Items]),
    ("relist", &[Target::Items]),
    ("inclusive", &[Target::Items]),
    ("references", &[Target::Items, Target::Links]),
    ("reference-cycle", &[Target::Items]),
    ("link-cycle", &[Target::Links]),
    ("same-as", &[Target::Items]),
    ("required", &[Target::Items, Target::Datasets, Target::Links]),
    ("pattern", &[Target::Items, Target::Datasets, Target::Links]),
    ("vocabulary", &[Target::Items, Target::Datasets, Target::Links]),
    ("compare", &[Target::Items, Target::Datasets, Target::Links]),
    ("unique", &[Target::Items, Target::Datasets, Target::Links]),
    ("suppression", &[]),
];

/// What a rule without `select` looks at: every node of its kind's first target (links for
/// `link-cycle`, items for most kinds).
pub fn default_target(check: &Node<'_>) -> Target {
    let kind =
        check.as_map().and_then(|m| m.iter().find(|e| e.key.as_str() == Some("kind"))).and_then(|e| e.value.as_str());
    KINDS
        .iter()
        .find(|(k, _)| Some(*k) == kind)
        .and_then(|(_, targets)| targets.first())
        .copied()
        .unwrap_or(Target::Items)
}

impl Check {
    /// Reads `check: {kind: …, …}` for a rule whose selection has `target`.
    pub fn read(node: &Node<'_>, target: Target, known: &crate::rules::Known) -> Result<Check, (Span, String)> {
        let mut map = MapReader::new(node, "`check`")?;
        let kind_node = map.require("kind")?;
        let kind = read_text(kind_node, "`kind`")?;
        let check = match kind {
            "schema" => Check::Schema(schema::Params::read(&mut map)?),
            "sum" => Check::Sum(sum::Params::read(&mut map)?),
            "duplicate-listing" => Check::DuplicateListing,
            "relist" => Check::Relist(relist::Params::read(&mut map)?),
            "inclusive" => Check::Inclusive(ColumnParams::read(&mut map)?),
            "references" => Check::References(references::Params::read(&mut map)?),
            "reference-cycle" => Check::ReferenceCycle(cycles::ReferenceParams::read(&mut map)?),
            "link-cycle" => Check::LinkCycle(cycles::LinkParams::read(&mut map)?),
            "same-as" => Check::SameAs(ColumnParams::read(&mut map)?),
            "required" => Check::Required(required::Params::read(&mut map, target)?),
            "pattern" => Check::Pattern(pattern::Params::read(&mut map, target)?),
            "vocabulary" => Check::Vocabulary(vocabulary::Params::read(&mut map, target)?),
            "compare" => Check::Compare(compare::Params::read(&mut map, target, known)?),
            "unique" => Check::Unique(unique::Params::read(&mut map, target)?),
            "suppression" => Check::Suppression(suppression::Params::read(&mut map)?),
            other => {
                let kinds: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
                return Err((
                    kind_node.span,
                    format!("unknown check kind `{other}`; the kinds are: {}", kinds.join(", ")),
                ));
            }
        };
        map.finish()?;
        Ok(check)
    }

    /// The kind's name, as rule files write it.
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Schema(_) => "schema",
            Check::Sum(_) => "sum",
            Check::DuplicateListing => "duplicate-listing",
            Check::Relist(_) => "relist",
            Check::Inclusive(_) => "inclusive",
            Check::References(_) => "references",
            Check::ReferenceCycle(_) => "reference-cycle",
            Check::LinkCycle(_) => "link-cycle",
            Check::SameAs(_) => "same-as",
            Check::Required(_) => "required",
            Check::Pattern(_) => "pattern",
            Check::Vocabulary(_) => "vocabulary",
            Check::Compare(_) => "compare",
            Check::Unique(_) => "unique",
            Check::Suppression(_) => "suppression",
        }
    }

    /// The targets a rule of this kind may select.
    pub fn targets(&self) -> &'static [Target] {
        KINDS.iter().find(|(k, _)| *k == self.kind()).map_or(&[], |(_, t)| t)
    }

    /// The placeholders this kind fills for message templates, beside the node's fields.
    pub fn vars(&self) -> &'static [&'static str] {
        match self {
            Check::Sum(_) => sum::VARS,
            Check::Required(_) => required::VARS,
            Check::Pattern(_) => pattern::VARS,
            Check::Vocabulary(_) => vocabulary::VARS,
            Check::Compare(_) => compare::VARS,
            Check::Unique(_) => unique::VARS,
            _ => &[],
        }
    }

    /// For kinds with several outcomes (`schema`, `sum`, `relist`): the one this rule reports.
    pub fn outcome(&self) -> Option<&'static str> {
        match self {
            Check::Schema(params) => Some(params.defect.name()),
            Check::Sum(params) => Some(params.report.name()),
            Check::Relist(params) => Some(params.report.name()),
            Check::Suppression(params) => Some(params.report.name()),
            _ => None,
        }
    }

    /// Whether one pass of `self` serves `other` too: the same kind reporting another of its
    /// outcomes, or the very same check.
    pub fn shares_pass_with(&self, other: &Check) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
            && self.columns() == other.columns()
            && (self.outcome().is_some() || self == other)
    }

    /// The figure columns a kind compares, for the kinds that take `of:`.
    fn columns(&self) -> Option<&[Column]> {
        match self {
            Check::Sum(p) => Some(&p.of),
            Check::Relist(p) => Some(&p.of),
            Check::Inclusive(p) | Check::SameAs(p) => Some(&p.of),
            _ => None,
        }
    }

    /// Runs one pass over the selected nodes of the run. Every defect goes to `emit`, with the
    /// outcome it belongs to for kinds that have several (see [`Check::outcome`]): one pass
    /// serves every rule of the kind.
    pub fn run(&self, select: &Selection, context: &Context<'_>, emit: &mut dyn FnMut(Option<&'static str>, Defect)) {
        let mut plain = |defect| emit(None, defect);
        match self {
            Check::Schema(_) => schema::run(context, &mut |kind, defect| emit(Some(kind.name()), defect)),
            Check::Sum(p) => sum::run(&p.of, select, context, &mut |report, defect| emit(Some(report.name()), defect)),
            Check::Relist(p) => {
                relist::run(&p.of, select, context, &mut |report, defect| emit(Some(report.name()), defect))
            }
            Check::DuplicateListing => duplicate_listing::run(select, context, &mut plain),
            Check::Inclusive(p) => inclusive::run(&p.of, select, context, &mut plain),
            Check::References(params) => references::run(params, select, context, &mut plain),
            Check::ReferenceCycle(params) => cycles::run_references(params, select, context, &mut plain),
            Check::LinkCycle(params) => cycles::run_links(params, select, context, &mut plain),
            Check::SameAs(p) => same_as::run(&p.of, select, context, &mut plain),
            Check::Required(params) => required::run(params, select, context, &mut plain),
            Check::Pattern(params) => pattern::run(params, select, context, &mut plain),
            Check::Vocabulary(params) => vocabulary::run(params, select, context, &mut plain),
            Check::Compare(params) => compare::run(params, select, context, &mut plain),
            Check::Unique(params) => unique::run(params, select, context, &mut plain),
            // Suppressions are judged after every other rule has run: see `engine`.
            Check::Suppression(_) => {}
        }
    }
}

/// Every text of `field` on the selected nodes, with its node, file and span; each element of
/// a list field (`ministry`, `phase`) on its own. Nodes without the field give nothing.
fn field_texts<'a>(
    context: &'a Context<'_>,
    select: &'a Selection,
    field: Field,
) -> impl Iterator<Item = (Subject, FileId, String, Span)> + 'a {
    select.subjects(context.datasets).flat_map(move |subject| {
        let (file, _) = fields::locate(context.datasets, subject);
        let texts: Vec<(String, Span)> = match fields::get(context.datasets, subject, &field) {
            None => Vec::new(),
            Some(found) => match &found.value {
                fields::Value::List(items) => items.iter().map(|(t, s)| (t.to_string(), *s)).collect(),
                other => vec![(other.to_string(), found.span)],
            },
        };
        texts.into_iter().map(move |(text, span)| (subject, file, text, span))
    })
}

/// A parameter naming one field of the target.
fn read_field(node: &Node<'_>, target: Target) -> Result<Field, (Span, String)> {
    if node.as_seq().is_some() {
        return Err((node.span, "`field` names one field, not a list".into()));
    }
    let mut fields = read_fields(node, target)?;
    match (fields.pop(), fields.is_empty()) {
        (Some(field), true) => Ok(field),
        _ => Err((node.span, "`field` names one field".into())),
    }
}

/// A parameter naming one field of the target, or a list of them.
fn read_fields(node: &Node<'_>, target: Target) -> Result<Vec<Field>, (Span, String)> {
    let choices = format!("the fields of {}: {}", target.name(), Field::names(target).join(", "));
    let fields = crate::rules::read_words(node, "a field", &choices, |name| Field::parse(target, name))?;
    if fields.is_empty() {
        return Err((node.span, format!("name at least one field: {choices}")));
    }
    Ok(fields)
}

/// `of:`: the figure columns a kind compares, one or a list (default `amount`):
/// `amount`, `previous`, `supplementary`, or an `x-` field whose values are amounts.
fn read_columns(map: &mut MapReader<'_, '_>) -> Result<Vec<Column>, (Span, String)> {
    let Some(node) = map.get("of") else { return Ok(vec![Column::Amount]) };
    let choices = "`amount`, `previous`, `supplementary` or an `x-` field";
    let columns = crate::rules::read_words(node, "`of`", choices, Column::parse)?;
    if columns.is_empty() {
        return Err((node.span, format!("`of` names at least one column: {choices}")));
    }
    Ok(columns)
}

/// The parameters of a kind with several outcomes over figure columns: `report: mismatch`,
/// `of: [amount, previous]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnReportParams<R> {
    pub report: R,
    pub of: Vec<Column>,
}

impl<R: Word> ColumnReportParams<R> {
    pub fn read(map: &mut MapReader<'_, '_>) -> Result<Self, (Span, String)> {
        Ok(ColumnReportParams { report: read_word(map, "report", R::parse, R::choices)?, of: read_columns(map)? })
    }
}

/// The parameter of a kind that compares figure columns: `of: [amount, previous]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnParams {
    pub of: Vec<Column>,
}

impl ColumnParams {
    pub fn read(map: &mut MapReader<'_, '_>) -> Result<Self, (Span, String)> {
        Ok(ColumnParams { of: read_columns(map)? })
    }
}

/// The parameter of a kind with several outcomes, one per rule: `report: mismatch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportParams<R> {
    pub report: R,
}

impl<R: Word> ReportParams<R> {
    pub fn read(map: &mut MapReader<'_, '_>) -> Result<Self, (Span, String)> {
        Ok(ReportParams { report: read_word(map, "report", R::parse, R::choices)? })
    }
}

/// A required parameter from a closed vocabulary.
fn read_word<T>(
    map: &mut MapReader<'_, '_>,
    key: &str,
    parse: fn(&str) -> Option<T>,
    choices: fn() -> String,
) -> Result<T, (Span, String)> {
    let node = map.require(key)?;
    let text = read_text(node, key)?;
    parse(text).ok_or_else(|| (node.span, format!("`{key}` must be one of {}", choices())))
}
