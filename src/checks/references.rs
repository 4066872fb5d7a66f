//! Check kind `references`: every reference resolves.
//!
//! `relisted_from`, `included_in`, `same_as` and both ends of every link name an item: its id
//! in the same dataset, or `DATASET_ID:ITEM_ID` for an item of another dataset checked in the
//! same run. The finding points at the reference that does not resolve. No parameters.

use super::Context;
use crate::findings::Defect;
use crate::model::{Reference, Spanned};

pub fn run(context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    for (d, dataset) in context.datasets.iter().enumerate() {
        for item in &dataset.items {
            let fields = [
                ("relisted_from", &item.relisted_from),
                ("included_in", &item.included_in),
                ("same_as", &item.same_as),
            ];
            for (field, reference) in fields {
                if let Some(defect) = reference
                    .as_ref()
                    .and_then(|r| dangling(context, d, field, r))
                {
                    report(defect.in_dataset(dataset.id(), item.id()));
                }
            }
        }
        for link in &dataset.links {
            for (field, reference) in [("from", &link.from), ("to", &link.to)] {
                if let Some(defect) = reference
                    .as_ref()
                    .and_then(|r| dangling(context, d, field, r))
                {
                    report(defect.in_dataset(dataset.id(), None));
                }
            }
        }
    }
}

fn dangling(
    context: &Context<'_>,
    d: usize,
    field: &str,
    reference: &Spanned<Reference>,
) -> Option<Defect> {
    if context.index.resolve(d, &reference.value).is_some() {
        return None;
    }
    let file = context.datasets[d].file;
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
    Some(
        Defect::new(file, reference.span, message)
            .label("does not resolve")
            .help(help),
    )
}
