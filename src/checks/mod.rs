//! `checks`: the built-in check kinds. A rule binds one kind, with its parameters, to a code.
//!
//! Each kind is one module: its doc comment says what it checks, its `Params` what a rule may
//! set, and its tests show it firing. A kind reports [`Defect`]s; the engine files them under
//! the rule's code and severity.

pub mod cycles;
pub mod duplicate_listing;
mod figures;
pub mod inclusive;
mod names;
pub mod references;
pub mod relist;
pub mod same_as;
pub mod schema;
pub mod sum;

use crate::findings::Defect;
use crate::findings::FileId;
use crate::index::{Index, ItemRef};
use crate::load::Node;
use crate::model::{Dataset, Item, SchemaDefect};
use crate::rules::MapReader;
use crate::span::Span;

/// What the checks look at: every dataset of the run, and what reading them found.
pub struct Context<'a> {
    pub datasets: &'a [Dataset],
    pub index: &'a Index,
    pub schema_defects: &'a [(SchemaDefect, Defect)],
}

impl Context<'_> {
    pub fn dataset(&self, (d, _): ItemRef) -> &Dataset {
        &self.datasets[d]
    }

    pub fn item(&self, (d, i): ItemRef) -> &Item {
        &self.datasets[d].items[i]
    }

    /// How an item is named in a path: its id, with the dataset id when it is in another file.
    pub fn name(&self, (d, i): ItemRef, from_file: FileId) -> String {
        let dataset = &self.datasets[d];
        let id = dataset.items[i].id().unwrap_or("?");
        match dataset.id() {
            Some(dataset_id) if dataset.file != from_file => format!("{dataset_id}:{id}"),
            _ => id.to_string(),
        }
    }
}

/// A check kind with its parameters, as a rule's `check:` mapping gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    Schema(schema::Params),
    Sum(sum::Params),
    DuplicateListing,
    Relist(relist::Params),
    Inclusive,
    References,
    ReferenceCycle(cycles::ReferenceParams),
    LinkCycle(cycles::LinkParams),
    SameAs,
}

impl Check {
    /// Reads `check: {kind: …, …}` from a rule file.
    pub fn read(node: &Node<'_>) -> Result<Check, (Span, String)> {
        let mut map = MapReader::new(node, "`check`")?;
        let kind_node = map.require("kind")?;
        let kind = crate::rules::read_text(kind_node, "`kind`")?;
        let check = match kind {
            "schema" => Check::Schema(schema::Params::read(&mut map)?),
            "sum" => Check::Sum(sum::Params::read(&mut map)?),
            "duplicate-listing" => Check::DuplicateListing,
            "relist" => Check::Relist(relist::Params::read(&mut map)?),
            "inclusive" => Check::Inclusive,
            "references" => Check::References,
            "reference-cycle" => Check::ReferenceCycle(cycles::ReferenceParams::read(&mut map)?),
            "link-cycle" => Check::LinkCycle(cycles::LinkParams::read(&mut map)?),
            "same-as" => Check::SameAs,
            other => {
                return Err((
                    kind_node.span,
                    format!(
                        "unknown check kind `{other}`; the kinds are: {}",
                        KINDS.join(", ")
                    ),
                ))
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
            Check::Inclusive => "inclusive",
            Check::References => "references",
            Check::ReferenceCycle(_) => "reference-cycle",
            Check::LinkCycle(_) => "link-cycle",
            Check::SameAs => "same-as",
        }
    }

    /// Runs the check over the whole run; every defect goes to `report`.
    pub fn run(&self, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
        match self {
            Check::Schema(params) => schema::run(params, context, report),
            Check::Sum(params) => sum::run(params, context, report),
            Check::DuplicateListing => duplicate_listing::run(context, report),
            Check::Relist(params) => relist::run(params, context, report),
            Check::Inclusive => inclusive::run(context, report),
            Check::References => references::run(context, report),
            Check::ReferenceCycle(params) => cycles::run_references(params, context, report),
            Check::LinkCycle(params) => cycles::run_links(params, context, report),
            Check::SameAs => same_as::run(context, report),
        }
    }
}

/// Every check kind, for messages.
pub const KINDS: &[&str] = &[
    "schema",
    "sum",
    "duplicate-listing",
    "relist",
    "inclusive",
    "references",
    "reference-cycle",
    "link-cycle",
    "same-as",
];
