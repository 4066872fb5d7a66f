//! Robustness: `check` over every input of the YAML test suite (vendored in
//! `tests/yaml-test-suite/`, MIT, provenance in its `SOURCE.md`). No panic, exit status 0 or 1,
//! and every input the suite marks as an error yields `yaml-syntax`. A missing suite fails.

use std::path::{Path, PathBuf};

use yosan::engine::{check, Options};
use yosan::rules::Catalog;

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/yaml-test-suite")
}

#[test]
fn every_suite_input_is_checked_without_panic_and_errors_are_yaml_syntax() {
    let suite = suite();
    let manifest = std::fs::read_to_string(suite.join("manifest.tsv")).expect("the vendored YAML test suite");
    let catalog = Catalog::shipped().unwrap();
    let mut checked = 0;
    let mut missed = Vec::new();
    for line in manifest.lines().skip(1) {
        let mut columns = line.split('\t');
        let (Some(name), Some(is_error)) = (columns.next(), columns.next()) else {
            continue;
        };
        let options = Options::new(vec![suite.join(format!("{name}.yaml"))]);
        let outcome = check(&catalog, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        checked += 1;
        if is_error == "true" && !outcome.findings.iter().any(|f| &*f.code == "yaml-syntax") {
            missed.push(name.to_string());
        }
    }
    assert!(checked >= 400, "only {checked} inputs");
    assert!(missed.is_empty(), "error cases without yaml-syntax: {missed:?}");
}

#[test]
fn the_binary_checks_the_whole_suite_folder_at_once() {
    let suite = suite();
    assert!(suite.join("manifest.tsv").is_file(), "the vendored YAML test suite is missing");
    let output = assert_cmd::Command::cargo_bin("yosan").unwrap().arg("check").arg(&suite).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
}
