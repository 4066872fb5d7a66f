//! Check kind `vocabulary`: a field takes one of a list of values.
//!
//! Reports a selected node whose `field` is not one of `values` (text compared after NFKC
//! normalisation; each element of a list field is checked), at the field's value. A node
//! without the field is passed over. Placeholders: `{field}`, `{value}`.
//!
//! ```yaml
//! select: {target: datasets}
//! check:
//!   kind: vocabulary
//!   field: budget
//!   values: [initial, supplementary]
//! ```

use unicode_normalization::UnicodeNormalization;

use super::Context;
use crate::findings::Defect;
use crate::model::fields::{Field, Target};
use crate::rules::select::Selection;
use crate::rules::{read_words, MapReader};
use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    pub field: Field,
    pub values: Vec<String>,
}

impl Params {
    pub fn read(map: &mut MapReader<'_, '_>, target: Target) -> Result<Params, (Span, String)> {
        let field = super::read_field(map.require("field")?, target)?;
        let node = map.require("values")?;
        let values = read_words(node, "`values`", "text", |v| Some(normalize(v)))?;
        Ok(Params { field, values })
    }
}

fn normalize(text: &str) -> String {
    text.nfkc().collect()
}

pub const VARS: &[&str] = &["field", "value"];

pub fn run(params: &Params, select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    let choices = params.values.join(", ");
    for (subject, file, value, span) in super::field_texts(context, select, params.field.clone()) {
        if params.values.contains(&normalize(&value)) {
            continue;
        }
        let field = params.field.name();
        let message = format!("`{field}` of {} is `{value}`, not one of {choices}", context.describe(subject));
        let defect = Defect::new(file, span, message)
            .help(format!("write one of {choices}"))
            .var("field", field)
            .var("value", value);
        report(context.attach(defect, subject));
    }
}
