//! `diff`: what a change does to the budget. Two runs, old and new, are matched by dataset id
//! and, within a dataset, by item id: figures changed (old → new, difference, percent), lines
//! added, removed, moved to another parent or renamed; findings new and fixed (matched by
//! fingerprint, as baselines match them); the change of each dataset's total.
//!
//! Both sides are first turned into [`Audit`]s, so that the diff shows figures exactly as the
//! report does and compares nothing the report did not compute.

mod render;

use std::collections::HashMap;

use serde::Serialize;

pub use render::{human, markdown};

use crate::arithmetic::Column;
use crate::report::{Audit, DatasetAudit, Figure, FindingEntry, Line, Units};

/// What changed between two runs.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    /// `yosan-diff/1`.
    pub format: &'static str,
    pub unit: &'static str,
    /// Every dataset of either side, in the new side's order, then those removed.
    pub datasets: Vec<DatasetDiff>,
    /// Findings of the new side that the old side did not have.
    pub new_findings: Vec<FindingEntry>,
    /// Findings of the old side that the new side no longer has.
    pub fixed_findings: Vec<FindingEntry>,
}

impl Diff {
    /// Whether anything changed at all.
    pub fn is_empty(&self) -> bool {
        self.new_findings.is_empty() && self.fixed_findings.is_empty() && self.datasets.iter().all(|d| d.is_unchanged())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatasetStatus {
    Added,
    Removed,
    Changed,
    Unchanged,
}

/// One dataset, matched by id.
#[derive(Clone, Debug, Serialize)]
pub struct DatasetDiff {
    pub id: String,
    pub title: Option<String>,
    pub status: DatasetStatus,
    pub old_file: Option<String>,
    pub new_file: Option<String>,
    /// The change of the top-level lines added up, per column.
    pub totals: Vec<FigureChange>,
    pub figures: Vec<FigureChange>,
    pub added: Vec<LineEntry>,
    pub removed: Vec<LineEntry>,
    pub moved: Vec<Moved>,
    pub renamed: Vec<Renamed>,
}

impl DatasetDiff {
    pub fn is_unchanged(&self) -> bool {
        self.status == DatasetStatus::Unchanged
    }
}

/// A figure that changed, or appeared, or went.
#[derive(Clone, Debug, Serialize)]
pub struct FigureChange {
    /// The line's id path; empty for a dataset's total.
    pub path: String,
    pub name: String,
    pub column: Column,
    pub old: Option<Figure>,
    pub new: Option<Figure>,
    /// `new − old`, where both are in one currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<Figure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
}

/// A line added or removed, with its amount.
#[derive(Clone, Debug, Serialize)]
pub struct LineEntry {
    pub path: String,
    pub name: String,
    pub amount: Option<Figure>,
}

/// A line whose parent changed.
#[derive(Clone, Debug, Serialize)]
pub struct Moved {
    pub id: String,
    pub name: String,
    pub old_path: String,
    pub new_path: String,
}

/// A line whose name changed.
#[derive(Clone, Debug, Serialize)]
pub struct Renamed {
    pub path: String,
    pub old: String,
    pub new: String,
}

/// Compares two audits made with the same `units`.
pub fn diff(old: &Audit, new: &Audit, units: Units) -> Diff {
    let key = |d: &DatasetAudit| d.id.clone().unwrap_or_else(|| d.file.file.clone());
    let old_by_id: HashMap<String, &DatasetAudit> = old.datasets.iter().map(|d| (key(d), d)).collect();
    let new_ids: Vec<String> = new.datasets.iter().map(key).collect();
    let mut datasets: Vec<DatasetDiff> =
        new.datasets.iter().map(|n| dataset_diff(old_by_id.get(&key(n)).copied(), Some(n), units)).collect();
    datasets
        .extend(old.datasets.iter().filter(|o| !new_ids.contains(&key(o))).map(|o| dataset_diff(Some(o), None, units)));
    let (new_findings, fixed_findings) = findings(&old.findings, &new.findings);
    Diff { format: "yosan-diff/1", unit: new.unit, datasets, new_findings, fixed_findings }
}

/// The findings only in `new`, and those only in `old`, matched by fingerprint as multisets.
fn findings(old: &[FindingEntry], new: &[FindingEntry]) -> (Vec<FindingEntry>, Vec<FindingEntry>) {
    let mut unmatched: HashMap<&str, usize> = HashMap::new();
    for f in old {
        *unmatched.entry(&f.fingerprint).or_default() += 1;
    }
    let mut added = Vec::new();
    for f in new {
        match unmatched.get_mut(f.fingerprint.as_str()) {
            Some(count) if *count > 0 => *count -= 1,
            _ => added.push(f.clone()),
        }
    }
    let mut fixed = Vec::new();
    for f in old.iter().rev() {
        if let Some(count) = unmatched.get_mut(f.fingerprint.as_str()).filter(|c| **c > 0) {
            *count -= 1;
            fixed.push(f.clone());
        }
    }
    fixed.reverse();
    (added, fixed)
}

/// Every line of a dataset, by id, with its parent's id, in file order.
fn flatten<'a>(lines: &'a [Line], parent: Option<&'a str>, out: &mut Vec<(&'a Line, Option<&'a str>)>) {
    for line in lines {
        out.push((line, parent));
        flatten(&line.items, line.id.as_deref(), out);
    }
}

fn dataset_diff(old: Option<&DatasetAudit>, new: Option<&DatasetAudit>, units: Units) -> DatasetDiff {
    let either = new.or(old).expect("one side has the dataset");
    let mut diff = DatasetDiff {
        id: either.id.clone().unwrap_or_else(|| either.file.file.clone()),
        title: either.title.clone(),
        status: match (old, new) {
            (None, _) => DatasetStatus::Added,
            (_, None) => DatasetStatus::Removed,
            _ => DatasetStatus::Unchanged,
        },
        old_file: old.map(|d| d.file.file.clone()),
        new_file: new.map(|d| d.file.file.clone()),
        totals: totals(old, new, units),
        figures: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
        moved: Vec::new(),
        renamed: Vec::new(),
    };
    let (mut old_lines, mut new_lines) = (Vec::new(), Vec::new());
    flatten(old.map_or(&[][..], |d| &d.lines), None, &mut old_lines);
    flatten(new.map_or(&[][..], |d| &d.lines), None, &mut new_lines);
    let old_by_id: HashMap<&str, (&Line, Option<&str>)> =
        old_lines.iter().filter_map(|&(l, p)| Some((l.id.as_deref()?, (l, p)))).collect();
    let new_by_id: HashMap<&str, ()> = new_lines.iter().filter_map(|(l, _)| Some((l.id.as_deref()?, ()))).collect();
    for &(line, parent) in &new_lines {
        let Some(id) = line.id.as_deref() else { continue };
        match old_by_id.get(id) {
            None => diff.added.push(entry(line)),
            Some(&(was, old_parent)) => compare_line(&mut diff, was, old_parent, line, parent, units),
        }
    }
    for &(line, _) in &old_lines {
        if line.id.as_deref().is_some_and(|id| !new_by_id.contains_key(id)) {
            diff.removed.push(entry(line));
        }
    }
    let lines_changed = [diff.figures.is_empty(), diff.added.is_empty(), diff.removed.is_empty()]
        .into_iter()
        .chain([diff.moved.is_empty(), diff.renamed.is_empty()])
        .any(|empty| !empty);
    let changed = lines_changed || old.zip(new).is_some_and(|(o, n)| o.title != n.title);
    if diff.status == DatasetStatus::Unchanged && changed {
        diff.status = DatasetStatus::Changed;
    }
    diff
}

fn entry(line: &Line) -> LineEntry {
    let amount = line.columns.iter().find(|c| c.column == Column::Amount).map(|c| c.declared.clone());
    LineEntry { path: line.path.clone(), name: line.name.clone(), amount }
}

fn compare_line(
    diff: &mut DatasetDiff,
    old: &Line,
    old_parent: Option<&str>,
    new: &Line,
    new_parent: Option<&str>,
    units: Units,
) {
    if old_parent != new_parent {
        diff.moved.push(Moved {
            id: new.id.clone().unwrap_or_default(),
            name: new.name.clone(),
            old_path: old.path.clone(),
            new_path: new.path.clone(),
        });
    }
    if old.name != new.name {
        diff.renamed.push(Renamed { path: new.path.clone(), old: old.name.clone(), new: new.name.clone() });
    }
    for column in Column::ALL {
        let figure = |line: &Line| line.columns.iter().find(|c| c.column == column).map(|c| c.declared.clone());
        let (before, after) = (figure(old), figure(new));
        let same = match (&before, &after) {
            (Some(a), Some(b)) => {
                a.exact.base == b.exact.base && a.exact.currency == b.exact.currency && a.shown == b.shown
            }
            (None, None) => true,
            _ => false,
        };
        if !same {
            diff.figures.push(change(new.path.clone(), new.name.clone(), column, before, after, units));
        }
    }
}

fn change(
    path: String,
    name: String,
    column: Column,
    old: Option<Figure>,
    new: Option<Figure>,
    units: Units,
) -> FigureChange {
    let difference = match (&old, &new) {
        (Some(a), Some(b)) => units.difference(&a.exact, &b.exact),
        _ => None,
    };
    let (difference, percent) = difference.map_or((None, None), |(d, p)| (Some(d), p));
    FigureChange { path, name, column, old, new, difference, percent }
}

/// The change of the dataset's top-level lines added up, per column (in the dataset's main
/// currency: the first total of each column).
fn totals(old: Option<&DatasetAudit>, new: Option<&DatasetAudit>, units: Units) -> Vec<FigureChange> {
    Column::ALL
        .into_iter()
        .filter_map(|column| {
            let total = |d: Option<&DatasetAudit>| {
                d.and_then(|d| d.totals.iter().find(|t| t.column == column)).map(|t| t.figure.clone())
            };
            let (before, after) = (total(old), total(new));
            if before.is_none() && after.is_none() {
                return None;
            }
            Some(change(String::new(), "total".to_string(), column, before, after, units))
        })
        .collect()
}

#[cfg(test)]
mod tests;
