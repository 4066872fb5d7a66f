//! Check kind `required`: the selected nodes have these fields.
//!
//! Reports each field of `fields` that a selected node lacks, at the node's first line.
//! Placeholders: `{field}`.
//!
//! ```yaml
//! select: {ministry: 厚生労働省, where: "amount > 100億円"}
//! check:
//!   kind: required
//!   fields: [phase]
//! ```

use super::Context;
use crate::findings::Defect;
use crate::model::fields::{self, Field, Target};
use crate::rules::select::Selection;
use crate::rules::MapReader;
use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    pub fields: Vec<Field>,
}

impl Params {
    pub fn read(map: &mut MapReader<'_, '_>, target: Target) -> Result<Params, (Span, String)> {
        let node = map.require("fields")?;
        Ok(Params { fields: super::read_fields(node, target)? })
    }
}

pub const VARS: &[&str] = &["field"];

pub fn run(params: &Params, select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    for subject in select.subjects(context.datasets) {
        for field in &params.fields {
            if fields::get(context.datasets, subject, field).is_some() {
                continue;
            }
            let (file, span) = fields::locate(context.datasets, subject);
            let message = format!("{} lacks `{}`", context.describe(subject), field.name());
            let defect = Defect::new(file, span, message)
                .label(format!("`{}` is missing here", field.name()))
                .help(format!("add `{}:` as the document gives it", field.name()))
                .var("field", field.name());
            report(context.attach(defect, subject));
        }
    }
}
