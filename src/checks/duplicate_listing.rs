//! Check kind `duplicate-listing`: two additive siblings with the same name.
//!
//! Siblings are the items of one `items` list (the top level included). Two of them that
//! have an amount (not a dash), are neither relisted nor inclusive, and have the same name after NFKC
//! normalisation and removal of white space would count one figure twice. The finding points
//! at the later name, with a label on the earlier one. No parameters.

use std::borrow::Cow;
use std::collections::hash_map::{Entry, HashMap};

use super::names::normalized;
use super::Context;
use crate::findings::Defect;
use crate::model::fields::Subject;
use crate::model::ItemIdx;
use crate::rules::select::Selection;

pub fn run(select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    for (d, dataset) in context.datasets.iter().enumerate() {
        let selected = |i: ItemIdx| select.matches(context.datasets, Subject::Item(d, i));
        check_siblings(context, d, dataset.roots.iter().copied(), &selected, report);
        for index in 0..dataset.items.len() {
            check_siblings(context, d, dataset.child_indexes(index), &selected, report);
        }
    }
}

fn check_siblings(
    context: &Context<'_>,
    d: usize,
    siblings: impl Iterator<Item = ItemIdx>,
    selected: &dyn Fn(ItemIdx) -> bool,
    report: &mut dyn FnMut(Defect),
) {
    let dataset = &context.datasets[d];
    let mut seen: HashMap<Cow<'_, str>, ItemIdx> = HashMap::new();
    for index in siblings {
        let item = &dataset.items[index];
        let (Some(name), Some(text)) = (&item.name, dataset.name_of(item)) else { continue };
        // A dash (－) is nothing in the cell: such a line has no figure to count twice.
        if item.amount.as_ref().is_none_or(|a| a.value.is_dash()) || item.is_relisted() || item.is_inclusive() {
            continue;
        }
        let first = match seen.entry(normalized(text)) {
            Entry::Vacant(slot) => {
                slot.insert(index);
                continue;
            }
            Entry::Occupied(slot) => *slot.get(),
        };
        if !selected(index) {
            continue;
        }
        let earlier = &dataset.items[first];
        let earlier_span = earlier.name.as_ref().map_or(earlier.span, |n| n.span);
        let message =
            format!("{} is listed twice among the parts of one line, so its figure would be counted twice", text);
        let defect = Defect::new(dataset.file, name.span, message)
            .label("listed again here")
            .with_label(dataset.file, earlier_span, "first listed here")
            .help(format!(
                "if this line repeats the first for presentation (再掲), add `relisted_from: {}`; otherwise tell the two apart in their names",
                dataset.id_of(earlier).unwrap_or("<id>")
            ));
        report(context.attach(defect, Subject::Item(d, index)));
    }
}
