//! `checks`: the built-in check kinds. A rule binds one kind, with its parameters, to a code.
//!
//! Each kind is one module: its doc comment says what it checks, its `Params` what a rule may
//! set, and its tests show it firing. A kind reports [`Defect`]s; the engine files them under
//! the rule's code and severity.

pub mod schema;

use crate::findings::Defect;
use crate::index::Index;
use crate::load::Node;
use crate::model::{Dataset, SchemaDefect};
use crate::rules::MapReader;
use crate::span::Span;

/// What the checks look at: every dataset of the run, and what reading them found.
pub struct Context<'a> {
    pub datasets: &'a [Dataset],
    pub index: &'a Index,
    pub schema_defects: &'a [(SchemaDefect, Defect)],
}

/// A check kind with its parameters, as a rule's `check:` mapping gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    Schema(schema::Params),
}

impl Check {
    /// Reads `check: {kind: …, …}` from a rule file.
    pub fn read(node: &Node<'_>) -> Result<Check, (Span, String)> {
        let mut map = MapReader::new(node, "`check`")?;
        let kind_node = map.require("kind")?;
        let kind = crate::rules::read_text(kind_node, "`kind`")?;
        let check = match kind {
            "schema" => Check::Schema(schema::Params::read(&mut map)?),
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
        }
    }

    /// Runs the check over the whole run; every defect goes to `report`.
    pub fn run(&self, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
        match self {
            Check::Schema(params) => schema::run(params, context, report),
        }
    }
}

/// Every check kind, for messages.
pub const KINDS: &[&str] = &["schema"];
