//! A rule's `select:`: which nodes of the run it looks at.
//!
//! ```yaml
//! select:
//!   target: items          # items (default), datasets or links
//!   dataset: [r8-initial]  # only these datasets
//!   depth: {min: 2}        # items: 1 is the top level; a number or {min, max}
//!   ministry: 厚生労働省    # items with this ministry (short forms accepted), or any of a list
//!   has: [amount]          # fields that must be present
//!   lacks: [relisted_from] # fields that must be absent
//!   where: ["amount > 100億円"]  # conditions that must hold (see `expr`)
//! ```

use super::expr::Expr;
use super::read::{text, words, MapReader, ReadError};
use crate::load::Node;
use crate::model::fields::{self, Field, Subject, Target};
use crate::model::{Dataset, Ministry};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub target: Target,
    datasets: Vec<String>,
    depth: Option<(u32, u32)>,
    /// Canonical names.
    ministries: Vec<String>,
    has: Vec<Field>,
    lacks: Vec<Field>,
    conditions: Vec<Expr>,
}

impl Selection {
    /// Every node of `target`.
    pub fn all(target: Target) -> Selection {
        Selection {
            target,
            datasets: Vec::new(),
            depth: None,
            ministries: Vec::new(),
            has: Vec::new(),
            lacks: Vec::new(),
            conditions: Vec::new(),
        }
    }

    pub fn read(node: &Node<'_>, known: &super::Known) -> Result<Selection, ReadError> {
        let mut map = MapReader::new(node, "`select`")?;
        let target = match map.get("target") {
            None => Target::Items,
            Some(n) => Target::parse(text(n, "`target`")?)
                .ok_or_else(|| (n.span, format!("`target` is one of {}", Target::choices())))?,
        };
        let mut selection = Selection::all(target);
        if let Some(n) = map.get("dataset") {
            let slug = |w: &str| crate::model::vocab::is_dataset_slug(w).then(|| w.to_string());
            selection.datasets = words(n, "`dataset`", "dataset ids such as `r8-initial`", slug)?;
        }
        if let Some(n) = map.get("depth") {
            selection.depth = Some(depth(n)?);
        }
        if let Some(n) = map.get("ministry") {
            selection.ministries = words(n, "`ministry`", &Ministry::choices(), |w| known.ministry(w))?;
        }
        let field = |w: &str| Field::parse(target, w);
        let fields = Field::names(target).join(", ");
        if let Some(n) = map.get("has") {
            selection.has = words(n, "`has`", &fields, field)?;
        }
        if let Some(n) = map.get("lacks") {
            selection.lacks = words(n, "`lacks`", &fields, field)?;
        }
        if let Some(n) = map.get("where") {
            for condition in n.one_or_many() {
                selection.conditions.push(super::read::condition(condition, target, known)?);
            }
        }
        if target != Target::Items && (selection.depth.is_some() || !selection.ministries.is_empty()) {
            return Err((node.span, "`depth` and `ministry` select items: write `target: items`".into()));
        }
        map.finish()?;
        Ok(selection)
    }

    /// Whether `subject` (of this selection's target) is selected.
    pub fn matches(&self, datasets: &[Dataset], subject: Subject) -> bool {
        let d = match subject {
            Subject::Item(d, _) | Subject::Dataset(d) | Subject::Link(d, _) => d,
        };
        if !self.names_dataset(&datasets[d]) {
            return false;
        }
        if let Subject::Item(d, i) = subject {
            let item = &datasets[d].items[i];
            if self.depth.is_some_and(|(min, max)| !(min..=max).contains(&u32::from(item.depth))) {
                return false;
            }
            if !self.ministries.is_empty()
                && !item.ministries().iter().any(|m| self.ministries.iter().any(|s| *s == m.value))
            {
                return false;
            }
        }
        self.has.iter().all(|f| fields::get(datasets, subject, f).is_some())
            && self.lacks.iter().all(|f| fields::get(datasets, subject, f).is_none())
            && self.conditions.iter().all(|c| c.eval(datasets, subject).holds == Some(true))
    }

    /// Whether some node of `dataset` may be selected: not if the selection names other
    /// datasets, or needs an `x-` field that the dataset's file never writes (the RS rules, on
    /// any other data). Checks skip such a dataset instead of asking every node of it.
    pub fn may_select_in(&self, dataset: &Dataset) -> bool {
        let written = |field: &Field| match field {
            Field::Extension(key) => dataset.writes_extension(key),
            _ => true,
        };
        self.names_dataset(dataset) && self.has.iter().all(written)
    }

    /// Whether every node of a dataset that [`Selection::may_select_in`] admits is selected:
    /// the selection asks nothing of a node itself (no depth, ministries, fields or
    /// conditions), so a check need not ask it of each of a million items. The loops over
    /// every item ask this once, before the loop: asked inside an inlined
    /// [`Selection::matches`] instead, it cost 55 M more instructions at 200,000 leaves (the
    /// loops' closures, grown by it, were no longer inlined themselves).
    pub fn selects_whole_datasets(&self) -> bool {
        self.depth.is_none()
            && self.ministries.is_empty()
            && self.has.is_empty()
            && self.lacks.is_empty()
            && self.conditions.is_empty()
    }

    fn names_dataset(&self, dataset: &Dataset) -> bool {
        self.datasets.is_empty() || dataset.id().is_some_and(|id| self.datasets.iter().any(|s| s == id))
    }

    /// The dataset ids this selection names that none of `datasets` has.
    pub fn missing_datasets<'a>(&'a self, datasets: &[Dataset]) -> Vec<&'a str> {
        let ids: Vec<&str> = datasets.iter().filter_map(Dataset::id).collect();
        self.datasets.iter().map(String::as_str).filter(|id| !ids.contains(id)).collect()
    }

    /// Every selected node of the run, in file order.
    pub fn subjects<'a>(&'a self, datasets: &'a [Dataset]) -> impl Iterator<Item = Subject> + 'a {
        let whole = self.selects_whole_datasets();
        (0..datasets.len())
            .filter(|&d| self.may_select_in(&datasets[d]))
            .flat_map(move |d| fields::subjects_of(datasets, d, self.target))
            .filter(move |&s| whole || self.matches(datasets, s))
    }
}

fn depth(node: &Node<'_>) -> Result<(u32, u32), ReadError> {
    let number = |n: &Node<'_>| {
        text(n, "a depth")?
            .parse::<u32>()
            .map_err(|_| (n.span, "a depth is a whole number, 1 for the top level".to_string()))
    };
    if node.as_map().is_none() {
        let d = number(node)?;
        return Ok((d, d));
    }
    let mut map = MapReader::new(node, "`depth`")?;
    let min = map.get("min").map(number).transpose()?.unwrap_or(1);
    let max = map.get("max").map(number).transpose()?.unwrap_or(u32::MAX);
    map.finish()?;
    if min > max || min == 0 {
        let why = if min == 0 {
            "depth 1 is the top level: `min` is 1 or more"
        } else {
            "`min` is above `max`: no item has such a depth"
        };
        return Err((node.span, why.to_string()));
    }
    Ok((min, max))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, Limits};
    use crate::model::build;

    fn selection(yaml: &str) -> Selection {
        let document = load(yaml, &Limits::default()).unwrap();
        Selection::read(document.root.as_ref().unwrap(), &crate::rules::Known::default()).unwrap()
    }

    fn dataset(items: &str) -> Dataset {
        let yaml = format!("format: yosan/1\ndataset: {{id: d, title: t, fiscal_year: 2024}}\nitems:\n{items}");
        let document = load(&yaml, &Limits::default()).unwrap();
        build(0, document.root.as_ref()).0
    }

    #[test]
    fn only_a_selection_that_asks_nothing_of_a_node_selects_whole_datasets() {
        assert!(Selection::all(Target::Items).selects_whole_datasets());
        assert!(selection("dataset: [d]").selects_whole_datasets());
        for asks in ["depth: 1", "ministry: 文", "has: [amount]", "lacks: [amount]", "where: amount > 1"] {
            assert!(!selection(asks).selects_whole_datasets(), "{asks}");
        }
        let datasets = [dataset("  - {id: a, name: A, amount: 1, items: [{id: b, name: B, amount: 1}]}\n")];
        let selected = |yaml: &str| selection(yaml).subjects(&datasets).collect::<Vec<_>>();
        assert_eq!(selected("dataset: [d]"), [Subject::Item(0, 0), Subject::Item(0, 1)]);
        assert_eq!(selected("dataset: [other]"), []);
        assert_eq!(selected("depth: {min: 2}"), [Subject::Item(0, 1)]);
    }

    #[test]
    fn a_dataset_whose_file_never_writes_a_needed_x_field_is_skipped_whole() {
        let needs = selection("has: [x-rs-total]");
        let plain = dataset("  - {id: a, name: A, amount: 1}\n");
        assert!(!needs.may_select_in(&plain));
        assert!(needs.subjects(std::slice::from_ref(&plain)).next().is_none());
        let written = dataset("  - {id: a, name: A, amount: 1}\n  - {id: b, name: B, amount: 1, x-rs-total: 1}\n");
        assert!(needs.may_select_in(&written));
        let datasets = [written];
        let selected: Vec<Subject> = needs.subjects(&datasets).collect();
        assert_eq!(selected, vec![Subject::Item(0, 1)]);
        assert!(selection("has: [amount]").may_select_in(&plain));
        assert!(!selection("dataset: [other]").may_select_in(&plain));
    }
}
