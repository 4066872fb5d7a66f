//! Check kind `pattern`: a text field matches a regular expression.
//!
//! Reports a selected node whose `field` does not match `regex` (or, with `negate: true`,
//! does match it), at the field's value. Each element of a list field is checked. A node
//! without the field is passed over (require it with `required`). Placeholders: `{field}`,
//! `{value}`, `{regex}`.
//!
//! ```yaml
//! check:
//!   kind: pattern
//!   field: id
//!   regex: "^pj[0-9]+(\\.|$)"
//! ```

use regex::Regex;

use super::Context;
use crate::findings::Defect;
use crate::model::fields::{Field, Target};
use crate::rules::select::Selection;
use crate::rules::{read_text, MapReader};
use crate::span::Span;

#[derive(Clone, Debug)]
pub struct Params {
    pub field: Field,
    pub regex: Regex,
    pub negate: bool,
}

impl PartialEq for Params {
    fn eq(&self, other: &Self) -> bool {
        self.field == other.field && self.regex.as_str() == other.regex.as_str() && self.negate == other.negate
    }
}

impl Eq for Params {}

impl Params {
    pub fn read(map: &mut MapReader<'_, '_>, target: Target) -> Result<Params, (Span, String)> {
        let field = super::read_field(map.require("field")?, target)?;
        let node = map.require("regex")?;
        let regex = Regex::new(read_text(node, "`regex`")?)
            .map_err(|e| (node.span, format!("not a regular expression: {e}")))?;
        let negate = match map.get("negate") {
            None => false,
            Some(n) => crate::rules::read::boolean(n, "`negate`")?,
        };
        Ok(Params { field, regex, negate })
    }
}

pub const VARS: &[&str] = &["field", "value", "regex"];

pub fn run(params: &Params, select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    for (subject, file, value, span) in super::field_texts(context, select, params.field.clone()) {
        if params.regex.is_match(&value) != params.negate {
            continue;
        }
        let verb = if params.negate { "matches" } else { "does not match" };
        let (field, regex) = (params.field.name(), &params.regex);
        let message = format!("`{field}` of {} is `{value}`, which {verb} `{regex}`", context.describe(subject));
        let defect =
            Defect::new(file, span, message).var("field", field).var("value", value).var("regex", regex.as_str());
        report(context.attach(defect, subject));
    }
}
