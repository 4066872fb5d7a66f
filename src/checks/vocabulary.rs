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
use crate::model::fields::{self, Field, Target};
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
    for subject in select.subjects(context.datasets) {
        let Some(found) = fields::get(context.datasets, subject, params.field) else {
            continue;
        };
        for (value, span) in super::elements(&found).into_iter().filter(|(v, _)| !params.values.contains(&normalize(v)))
        {
            let (file, _) = fields::locate(context.datasets, subject);
            let message = format!(
                "`{}` of {} is `{value}`, not one of {}",
                params.field.name(),
                context.describe(subject),
                params.values.join(", ")
            );
            let defect = Defect::new(file, span, message)
                .help(format!("write one of {}", params.values.join(", ")))
                .var("field", params.field.name())
                .var("value", value);
            report(context.attach(defect, subject));
        }
    }
}
