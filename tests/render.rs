//! Snapshots of rendered human diagnostics: no colour, width 80, as miette's own tests do.

use std::path::Path;

use yosan::engine::{check, Options};
use yosan::render::{human, HumanStyle};
use yosan::rules::Catalog;

fn rendered(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).unwrap();
    let options = Options::new(vec![path.into()]);
    let outcome = check(&Catalog::shipped().unwrap(), &options).unwrap();
    let mut out = String::new();
    human(&outcome, HumanStyle { color: false, width: 80 }, &mut out);
    out
}

#[test]
fn amount_format_with_suggestions() {
    insta::assert_snapshot!(rendered("tests/fixtures/amount-format/invalid.yaml"));
}

#[test]
fn duplicate_id_labels_both_places_across_files() {
    insta::assert_snapshot!(rendered("tests/fixtures/duplicate-id/across-files"));
}

#[test]
fn yaml_syntax_duplicate_key() {
    insta::assert_snapshot!(rendered("tests/fixtures/yaml-syntax/duplicate-key.yaml"));
}

#[test]
fn unknown_field_suggests_the_near_key() {
    insta::assert_snapshot!(rendered("tests/fixtures/unknown-field/invalid.yaml"));
}

#[test]
fn sum_mismatch_shows_the_arithmetic() {
    insta::assert_snapshot!(rendered("tests/fixtures/sum-mismatch/invalid.yaml"));
}

#[test]
fn sum_rounding_shows_the_tolerance() {
    insta::assert_snapshot!(rendered("tests/fixtures/sum-rounding/invalid.yaml"));
}

#[test]
fn relist_mismatch_labels_both_figures() {
    insta::assert_snapshot!(rendered("tests/fixtures/relist-mismatch/invalid.yaml"));
}

#[test]
fn link_cycle_writes_out_the_path() {
    insta::assert_snapshot!(rendered("tests/fixtures/link-cycle/invalid.yaml"));
}

#[test]
fn cross_dataset_mismatch_labels_the_other_file() {
    insta::assert_snapshot!(rendered("tests/fixtures/cross-dataset-mismatch/invalid-across-files"));
}
