//! Check kind `duplicate-listing`: two additive siblings with the same name.
//!
//! Siblings are the items of one `items` list (the top level included). Two of them that
//! have an amount (not a dash), are neither relisted nor inclusive, and have the same name after NFKC
//! normalisation and removal of white space would count one figure twice. The finding points
//! at the later name, with a label on the earlier one. No parameters.

use std::ops::Range;

use super::Context;
use crate::findings::Defect;
use crate::model::fields::Subject;
use crate::model::names::push_normalized;
use crate::model::{Dataset, ItemIdx};
use crate::rules::select::Selection;

pub fn run(select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    let mut names = Names::default();
    let whole = select.selects_whole_datasets();
    for (d, dataset) in context.datasets.iter().enumerate() {
        if !select.may_select_in(dataset) {
            continue;
        }
        let selected = |i: ItemIdx| whole || select.matches(context.datasets, Subject::Item(d, i));
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
    /// The additive siblings of one list, in list order.
    siblings: Vec<ItemIdx>,
    /// Each one's name key with its place in `siblings`, sorted by key.
    keyed: Vec<(u16, usize)>,
    /// The normal forms of one run of equal keys, one after another, and where each one is.
    text: String,
    names: Vec<(Range<usize>, usize)>,
    order: Vec<usize>,
}

impl Names {
    /// The siblings whose name an earlier sibling has, with that earlier one, in list order.
    /// The names are compared by the keys the reader worked out (a hash of each normal form);
    /// only siblings of one key are folded and compared in full, since a key can collide.
    fn repeated(
        &mut self,
        context: &Context<'_>,
        d: usize,
        siblings: &mut dyn Iterator<Item = ItemIdx>,
    ) -> Vec<(ItemIdx, ItemIdx)> {
        let dataset = &context.datasets[d];
        self.siblings.clear();
        self.keyed.clear();
        for index in siblings {
            let item = &dataset.items[index];
            // A dash (－) is nothing in the cell: such a line has no figure to count twice.
            if item.amount.as_ref().is_none_or(|a| a.value.is_dash()) || item.is_relisted() || item.is_inclusive() {
                continue;
            }
            let Some(facts) = dataset.name_facts(index, &mut self.text) else { continue };
            self.keyed.push((facts.key, self.siblings.len()));
            self.siblings.push(index);
        }
        if self.keyed.len() < 2 {
            return Vec::new();
        }
        self.keyed.sort_unstable();
        let mut repeated = Vec::new();
        let mut start = 0;
        while start < self.keyed.len() {
            let key = self.keyed[start].0;
            let end = start + self.keyed[start..].iter().take_while(|(k, _)| *k == key).count();
            if end - start > 1 {
                self.repeated_among(dataset, start..end, &mut repeated);
            }
            start = end;
        }
        repeated.sort_unstable();
        repeated.into_iter().map(|(again, first)| (self.siblings[again], self.siblings[first])).collect()
    }

    /// The places (again, first) of the names repeated among `keyed[run]`, compared in full.
    fn repeated_among(&mut self, dataset: &Dataset, run: Range<usize>, repeated: &mut Vec<(usize, usize)>) {
        self.text.clear();
        self.names.clear();
        for &(_, place) in &self.keyed[run] {
            let name = dataset.name_of(&dataset.items[self.siblings[place]]).unwrap_or_default();
            let start = self.text.len();
            push_normalized(name, &mut self.text);
            self.names.push((start..self.text.len(), place));
        }
        let (text, names) = (&self.text, &self.names);
        let name = |n: usize| &text[names[n].0.clone()];
        self.order.clear();
        self.order.extend(0..names.len());
        self.order.sort_unstable_by(|&a, &b| name(a).cmp(name(b)).then(names[a].1.cmp(&names[b].1)));
        for same in self.order.chunk_by(|&a, &b| name(a) == name(b)) {
            repeated.extend(same[1..].iter().map(|&again| (names[again].1, names[same[0]].1)));
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;
    use crate::load::{load, Limits};
    use crate::model::fields::Target;
    use crate::model::names::facts;

    /// The messages of the check's findings on `items` (a YAML list of items).
    fn repeated(items: &str) -> Vec<String> {
        let yaml = format!("format: yosan/1\ndataset: {{id: d, title: t, fiscal_year: 2024}}\nitems:\n{items}");
        let document = load(&yaml, &Limits::default()).unwrap();
        let dataset = crate::model::build(0, document.root.as_ref()).0;
        let datasets = [dataset];
        let (index, _) = Index::build(&datasets);
        let context = Context { datasets: &datasets, index: &index, schema_defects: &[] };
        let mut found = Vec::new();
        run(&Selection::all(Target::Items), &context, &mut |defect| found.push(defect.message));
        found
    }

    /// Two names whose keys collide but whose normal forms differ are not repeated; names with
    /// one normal form are, whatever their keys share.
    #[test]
    fn a_colliding_key_is_compared_in_full() {
        let mut scratch = String::new();
        let mut seen = std::collections::HashMap::new();
        let (a, b) = (0..)
            .map(|n| format!("事業{n}"))
            .find_map(|name| {
                let k = facts(&name, &mut scratch).key;
                seen.insert(k, name.clone()).map(|other| (other, name))
            })
            .unwrap();
        assert_ne!(a, b);
        let list =
            |x: &str, y: &str| format!("  - {{id: x, name: {x}, amount: 1}}\n  - {{id: y, name: {y}, amount: 1}}\n");
        assert!(repeated(&list(&a, &b)).is_empty(), "{a} and {b} share a key, not a name");
        assert_eq!(repeated(&list(&a, &format!("{a} "))).len(), 1, "{a} twice, once with a space");
    }
}
