//! Check kind `duplicate-listing`: two additive siblings with the same name.
//!
//! Siblings are the items of one `items` list (the top level included). Two of them that
//! have an amount (not a dash), are neither relisted nor inclusive, and have the same name after NFKC
//! normalisation and removal of white space would count one figure twice. The finding points
//! at the later name, with a label on the earlier one. No parameters.

use std::ops::Range;

use super::names::push_normalized;
use super::Context;
use crate::findings::Defect;
use crate::model::fields::Subject;
use crate::model::ItemIdx;
use crate::rules::select::Selection;

pub fn run(select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    let mut names = Names::default();
    for (d, dataset) in context.datasets.iter().enumerate() {
        if !select.may_select_in(dataset) {
            continue;
        }
        let selected = |i: ItemIdx| select.matches(context.datasets, Subject::Item(d, i));
        let mut siblings = |list: &mut dyn Iterator<Item = ItemIdx>| {
            for (again, first) in names.repeated(context, d, list) {
                if selected(again) {
                    report(context.attach(defect(context, d, again, first), Subject::Item(d, again)));
                }
            }
        };
        siblings(&mut dataset.roots.iter().copied());
        // A name can repeat only in a list of two or more: most lines have no parts at all.
        for index in (0..dataset.items.len()).filter(|&i| dataset.items[i].child_count() > 1) {
            siblings(&mut dataset.child_indexes(index));
        }
    }
}

/// The normalised names of one list of siblings, in one buffer kept from list to list: a
/// dataset has a list for every line with parts, and no name is copied on its own.
#[derive(Default)]
struct Names {
    text: String,
    /// Each counted sibling: where its name is in `text`, and its index.
    names: Vec<(Range<usize>, ItemIdx)>,
    order: Vec<usize>,
}

impl Names {
    /// Each sibling whose name an earlier counted sibling has, with the first that has it, in
    /// file order.
    fn repeated(
        &mut self,
        context: &Context<'_>,
        d: usize,
        siblings: &mut dyn Iterator<Item = ItemIdx>,
    ) -> Vec<(ItemIdx, ItemIdx)> {
        let dataset = &context.datasets[d];
        self.text.clear();
        self.names.clear();
        for index in siblings {
            let item = &dataset.items[index];
            let Some(name) = dataset.name_of(item) else { continue };
            // A dash (－) is nothing in the cell: such a line has no figure to count twice.
            if item.amount.as_ref().is_none_or(|a| a.value.is_dash()) || item.is_relisted() || item.is_inclusive() {
                continue;
            }
            let start = self.text.len();
            push_normalized(name, &mut self.text);
            self.names.push((start..self.text.len(), index));
        }
        if self.names.len() < 2 {
            return Vec::new();
        }
        // Sorted by name, and in file order among equal names: each run's first is the first.
        let (text, names) = (&self.text, &self.names);
        let name = |n: usize| &text[names[n].0.clone()];
        self.order.clear();
        self.order.extend(0..names.len());
        self.order.sort_unstable_by(|&a, &b| name(a).cmp(name(b)).then(a.cmp(&b)));
        let mut repeated = Vec::new();
        for run in self.order.chunk_by(|&a, &b| name(a) == name(b)) {
            repeated.extend(run[1..].iter().map(|&again| (again, run[0])));
        }
        repeated.sort_unstable();
        repeated.into_iter().map(|(again, first)| (names[again].1, names[first].1)).collect()
    }
}

fn defect(context: &Context<'_>, d: usize, index: ItemIdx, first: ItemIdx) -> Defect {
    let dataset = &context.datasets[d];
    let (item, earlier) = (&dataset.items[index], &dataset.items[first]);
    let span = item.name.as_ref().map_or(item.span, |n| n.span);
    let earlier_span = earlier.name.as_ref().map_or(earlier.span, |n| n.span);
    let message = format!(
        "{} is listed twice among the parts of one line, so its figure would be counted twice",
        dataset.name_of(item).unwrap_or_default()
    );
    Defect::new(dataset.file, span, message)
        .label("listed again here")
        .with_label(dataset.file, earlier_span, "first listed here")
        .help(format!(
            "if this line repeats the first for presentation (再掲), add `relisted_from: {}`; otherwise tell the two apart in their names",
            dataset.id_of(earlier).unwrap_or("<id>")
        ))
}
