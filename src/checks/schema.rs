//! Check kind `schema`: the defects found while loading and reading a dataset file.
//!
//! Loading and reading happen once per file, before any rule runs; they note every deviation
//! from the format (`yaml-syntax`, `missing-field`, `unknown-field`, `invalid-value`,
//! `invalid-fiscal-year`, `unknown-ministry`, `amount-format`, `duplicate-id`,
//! `input-limit`). A `schema` rule picks one of these by its `defect` parameter and reports
//! it under its own code and severity:
//!
//! ```yaml
//! check:
//!   kind: schema
//!   defect: unknown-ministry
//! ```

use super::Context;
use crate::findings::Defect;
use crate::model::SchemaDefect;
use crate::rules::MapReader;
use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Which defect the rule reports.
    pub defect: SchemaDefect,
}

impl Params {
    pub fn read(map: &mut MapReader<'_, '_>) -> Result<Params, (Span, String)> {
        let node = map.require("defect")?;
        let text = crate::rules::read_text(node, "`defect`")?;
        let defect = SchemaDefect::parse(text).ok_or_else(|| {
            (node.span, format!("unknown defect `{text}`; the defects are {}", SchemaDefect::choices()))
        })?;
        Ok(Params { defect })
    }
}

/// Hands on every defect found while reading, with its kind: one pass serves every `schema` rule.
pub fn run(context: &Context<'_>, report: &mut dyn FnMut(SchemaDefect, Defect)) {
    for (kind, defect) in context.schema_defects {
        report(*kind, defect.clone());
    }
}
