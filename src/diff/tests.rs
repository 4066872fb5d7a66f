use super::*;
use crate::engine::{check_inputs, Input, Options};
use crate::report::audit;
use crate::rules::Catalog;

fn audit_of(yaml: &str) -> Audit {
    let catalog = Catalog::shipped().unwrap();
    let input = Input::Bytes("d.yaml".into(), yaml.as_bytes().to_vec());
    let outcome = check_inputs(&catalog, &Options::new(Vec::new()), vec![input]);
    audit(&outcome, &catalog, Units::default())
}

const HEAD: &str = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 2024}\nitems:\n";

const OLD: &str = "  - id: a\n    name: A\n    amount: 10億円\n    items:\n      - {id: b, name: B, amount: 4億円}\n      - {id: c, name: C, amount: 6億円}\n      - {id: gone, name: Gone, amount: 4億円, relisted_from: b}\n  - id: other\n    name: Other\n    amount: 5億円\n";

#[test]
fn a_changed_figure_an_added_and_a_removed_line() {
    let new = "  - id: a\n    name: A\n    amount: 12億円\n    items:\n      - {id: b, name: B, amount: 4億円}\n      - {id: c, name: C, amount: 6億円}\n      - {id: n, name: New, amount: 2億円}\n  - id: other\n    name: Other\n    amount: 5億円\n";
    let diff = diff(&audit_of(&format!("{HEAD}{OLD}")), &audit_of(&format!("{HEAD}{new}")), Units::default());
    let d = &diff.datasets[0];
    assert_eq!(d.status, DatasetStatus::Changed);
    assert_eq!(d.figures.len(), 1, "{:?}", d.figures);
    assert_eq!(d.figures[0].path, "a");
    assert_eq!(markdown_arrow(&d.figures[0]), "10億円 → 12億円 (+2億円, +20.0%)");
    assert_eq!(d.added.iter().map(|l| l.path.as_str()).collect::<Vec<_>>(), ["a/n"]);
    assert_eq!(d.removed.iter().map(|l| l.path.as_str()).collect::<Vec<_>>(), ["a/gone"]);
    assert_eq!(markdown_arrow(&d.totals[0]), "15億円 → 17億円 (+2億円, +13.3%)");
    assert!(diff.new_findings.is_empty() && diff.fixed_findings.is_empty(), "{diff:?}");
}

fn markdown_arrow(change: &FigureChange) -> String {
    super::render::arrow(change)
}

#[test]
fn moved_and_renamed_lines_and_findings_new_and_fixed() {
    // `c` moves under `other` and is renamed; `a` no longer adds up (new finding); the old
    // side's unknown field is gone (fixed finding).
    let old = format!("{HEAD}{OLD}    colour: red\n");
    let new = "  - id: a\n    name: A\n    amount: 10億円\n    items:\n      - {id: b, name: B, amount: 4億円}\n  - id: other\n    name: Other\n    amount: 5億円\n    items:\n      - {id: c, name: C2, amount: 5億円}\n";
    let diff = diff(&audit_of(&old), &audit_of(&format!("{HEAD}{new}")), Units::default());
    let d = &diff.datasets[0];
    assert_eq!(d.moved.len(), 1);
    assert_eq!((d.moved[0].old_path.as_str(), d.moved[0].new_path.as_str()), ("a/c", "other/c"));
    assert_eq!(d.renamed.len(), 1);
    assert_eq!(d.figures.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), ["other/c"]);
    let rules = |f: &[FindingEntry]| f.iter().map(|f| f.rule.clone()).collect::<Vec<_>>();
    assert_eq!(rules(&diff.new_findings), ["sum-mismatch"]);
    assert_eq!(rules(&diff.fixed_findings), ["unknown-field"]);
    let text = human(&diff);
    assert!(text.contains("moved    c (C2): from a/c to other/c"), "{text}");
    assert!(markdown(&diff).contains("## New findings: 1"));
}

#[test]
fn the_same_files_make_an_empty_diff() {
    let same = format!("{HEAD}{OLD}");
    let diff = diff(&audit_of(&same), &audit_of(&same), Units::default());
    assert!(diff.is_empty());
    assert!(markdown(&diff).contains("No figure, line or finding changed."));
}
