//! Check kind `references`: every reference resolves.
//!
//! `relisted_from`, `included_in`, `same_as` and both ends of every link name an item: its id
//! in the same dataset, or `DATASET_ID:ITEM_ID` for an item of another dataset checked in the
//! same run. The finding points at the reference that does not resolve.
//!
//! The parameter `fields` narrows the references checked (default: all of
//! `relisted_from`, `included_in`, `same_as`, `from`, `to`). A selection applies to the nodes
//! of its target; the references of the other target are all checked.

use super::Context;
use crate::findings::Defect;
use crate::index::ItemRef;
use crate::model::fields::{Subject, Target};
use crate::model::{Dataset, LinkEnd, Reference, Spanned};
use crate::rules::select::Selection;
use crate::rules::{read_words, MapReader};
use crate::span::Span;
use crate::suggest::{closest, closest_of};

const ITEM_FIELDS: [&str; 3] = ["relisted_from", "included_in", "same_as"];
const LINK_FIELDS: [&str; 2] = ["from", "to"];
/// The ends that [`LINK_FIELDS`] name, in their order.
const LINK_ENDS: [LinkEnd; 2] = [LinkEnd::From, LinkEnd::To];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    pub fields: Vec<&'static str>,
}

impl Params {
    pub fn read(map: &mut MapReader<'_, '_>) -> Result<Params, (Span, String)> {
        let all = || ITEM_FIELDS.into_iter().chain(LINK_FIELDS);
        let Some(node) = map.get("fields") else {
            return Ok(Params { fields: all().collect() });
        };
        let choices = all().collect::<Vec<_>>().join(", ");
        let fields = read_words(node, "`fields`", &choices, |name| all().find(|f| *f == name))?;
        Ok(Params { fields })
    }
}

/// How many ids the "did you mean" of dangling references may compare in one run, in all: each
/// suggestion reads every id of a dataset, and a file of a hundred thousand broken references
/// must not take quadratic time. Past it, references get no suggestion.
const SUGGESTION_BUDGET: usize = 500_000;

pub fn run(params: &Params, select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    let mut budget = SUGGESTION_BUDGET;
    // The defect of a reference that `found` no item.
    let mut unless_found = |context: &Context<'_>, d, field, r: &Spanned<Reference>, found: Option<ItemRef>| {
        found.is_none().then(|| dangling(context, d, field, r, &mut budget))
    };
    let wanted =
        |target: Target, subject: Subject| select.target != target || select.matches(context.datasets, subject);
    let checked = |field: &str| params.fields.contains(&field);
    let (item_fields, link_fields) = (ITEM_FIELDS.map(checked), LINK_FIELDS.map(checked));
    for (d, dataset) in context.datasets.iter().enumerate() {
        for (i, item) in dataset.items.iter().enumerate() {
            let references = [item.relisted_from(), item.included_in(), item.same_as()];
            // Most items name no other: the selection is asked only of those that do.
            if references.iter().all(|r| r.is_none()) || !wanted(Target::Items, Subject::Item(d, i)) {
                continue;
            }
            for ((field, reference), _) in
                ITEM_FIELDS.into_iter().zip(references).zip(item_fields).filter(|(_, checked)| *checked)
            {
                let Some(reference) = reference else { continue };
                if let Some(defect) = unless_found(context, d, field, reference, context.resolve(d, &reference.value)) {
                    report(context.attach(defect, Subject::Item(d, i)));
                }
            }
        }
        for (l, link) in dataset.links.iter().enumerate() {
            if !wanted(Target::Links, Subject::Link(d, l)) {
                continue;
            }
            for ((field, end), _) in
                LINK_FIELDS.into_iter().zip(LINK_ENDS).zip(link_fields).filter(|(_, checked)| *checked)
            {
                let Some(reference) = link.end(end) else { continue };
                if let Some(defect) = unless_found(context, d, field, reference, context.resolve_link_end(d, l, end)) {
                    report(context.attach(defect, Subject::Link(d, l)));
                }
            }
        }
    }
}

/// A defect for `reference`, which does not resolve, with the nearest id while the budget lasts.
fn dangling(
    context: &Context<'_>,
    d: usize,
    field: &str,
    reference: &Spanned<Reference>,
    budget: &mut usize,
) -> Defect {
    let file = context.datasets[d].file;
    let near =
        nearest(context, d, &reference.value, budget).map(|n| format!("did you mean `{n}`? ")).unwrap_or_default();
    let (message, help) = match &reference.value.dataset {
        Some(other) if context.index.dataset(other).is_none() => (
            format!("`{field}` names the dataset `{other}`, which is not in this run"),
            format!("check the dataset id, and check the file with `dataset: {{id: {other}}}` in the same run"),
        ),
        Some(other) => (
            format!("`{field}` names `{}`, but the dataset `{other}` has no item with that id", reference.value.item),
            "check the id against the other dataset".to_string(),
        ),
        None => (
            format!("`{field}` names `{}`, but no item of this dataset has that id", reference.value.item),
            "check the id; an item of another dataset is written `DATASET_ID:ITEM_ID`".to_string(),
        ),
    };
    Defect::new(file, reference.span, message).label("does not resolve").help(format!("{near}{help}"))
}

/// The item ids of `dataset`, in file order (a repeated one more than once, which changes no
/// suggestion): reading the items in order is several times faster than in the id table's.
fn ids_of(dataset: &Dataset) -> impl Iterator<Item = &str> {
    dataset.items.iter().filter_map(|item| dataset.id_of(item))
}

/// The nearest id to a reference that does not resolve: of the datasets of the run if its
/// dataset is unknown, else of the items of its dataset; while the budget lasts (ties go to
/// the first in order, so the suggestion does not depend on a hash map's order).
fn nearest(context: &Context<'_>, d: usize, reference: &Reference, budget: &mut usize) -> Option<String> {
    let datasets = context.datasets;
    let mut spend = |ids: usize| -> Option<()> {
        *budget = budget.checked_sub(ids)?;
        Some(())
    };
    match &reference.dataset {
        Some(other) if context.index.dataset(other).is_none() => {
            spend(datasets.len())?;
            let ids: Vec<&str> = datasets.iter().filter_map(Dataset::id).collect();
            closest(other, &ids).map(|id| format!("{id}:{}", reference.item))
        }
        Some(other) => {
            let dataset = &datasets[context.index.dataset(other)?];
            spend(dataset.items.len())?;
            closest_of(&reference.item, ids_of(dataset)).map(|id| format!("{other}:{id}"))
        }
        None => {
            spend(datasets[d].items.len())?;
            closest_of(&reference.item, ids_of(&datasets[d])).map(str::to_string)
        }
    }
}
