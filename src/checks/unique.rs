//! Check kind `unique`: no two selected nodes share a value of a field within a scope.
//!
//! `scope` is `siblings` (items of one list), `dataset` or `run`. Text is compared after
//! NFKC normalisation and removal of white space; amounts by their value. The later node is
//! reported, with a label on the earlier one. Placeholders: `{field}`, `{value}`.
//!
//! ```yaml
//! select: {depth: 1}
//! check:
//!   kind: unique
//!   field: name
//!   scope: dataset
//! ```

use std::collections::hash_map::{Entry, HashMap};

use super::Context;
use crate::findings::Defect;
use crate::model::fields::{self, Field, Subject, Target, Value};
use crate::model::names::normalized;
use crate::rules::select::Selection;
use crate::rules::MapReader;
use crate::span::Span;

crate::model::vocab::vocabulary!(
    /// Within what two equal values clash.
    Scope { Siblings => ["siblings"], Dataset => ["dataset"], Run => ["run"] }
);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    pub field: Field,
    pub scope: Scope,
}

impl Params {
    pub fn read(map: &mut MapReader<'_, '_>, target: Target) -> Result<Params, (Span, String)> {
        let field = super::read_field(map.require("field")?, target)?;
        let scope = super::read_word(map, "scope", Scope::parse, Scope::choices)?;
        Ok(Params { field, scope })
    }
}

pub const VARS: &[&str] = &["field", "value"];

/// A value within its scope: (dataset, parent item, normalised value).
type ScopedValue = (Option<usize>, Option<usize>, String);

pub fn run(params: &Params, select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    let mut seen: HashMap<ScopedValue, (Subject, Span)> = HashMap::new();
    for subject in select.subjects(context.datasets) {
        let Some(found) = fields::get(context.datasets, subject, &params.field) else {
            continue;
        };
        let key = match &found.value {
            // 1,000USドル and 1000円 are not the same figure.
            Value::Amount(a) => format!("{} {}", a.base().normalize(), a.currency().name()),
            other => normalized(&other.to_string()).into_owned(),
        };
        let (dataset, parent) = scope_of(context, subject);
        let scope = match params.scope {
            Scope::Run => (None, None),
            Scope::Dataset => (Some(dataset), None),
            Scope::Siblings => (Some(dataset), parent),
        };
        let (first, first_span) = match seen.entry((scope.0, scope.1, key)) {
            Entry::Vacant(slot) => {
                slot.insert((subject, found.span));
                continue;
            }
            Entry::Occupied(slot) => *slot.get(),
        };
        let (file, _) = fields::locate(context.datasets, subject);
        let (first_file, _) = fields::locate(context.datasets, first);
        let message = format!(
            "`{}` of {} is `{}`, as of {}",
            params.field.name(),
            context.describe(subject),
            found.value,
            context.describe(first)
        );
        let defect = Defect::new(file, found.span, message)
            .label("the same value again")
            .with_label(first_file, first_span, "first here")
            .var("field", params.field.name())
            .var("value", found.value.to_string());
        report(context.attach(defect, subject));
    }
}

/// The dataset of a node, and for an item its parent (`usize::MAX` for the top level).
fn scope_of(context: &Context<'_>, subject: Subject) -> (usize, Option<usize>) {
    match subject {
        Subject::Item(d, i) => (d, Some(context.datasets[d].items[i].parent().unwrap_or(usize::MAX))),
        Subject::Dataset(d) | Subject::Link(d, _) => (d, None),
    }
}
