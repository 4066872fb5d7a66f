//! The benchmark generator's injected defects are found exactly: every core code it injects,
//! at the line it marks, and nothing else — so a benchmark with findings measures real work.

mod support;

#[path = "../benches/generator.rs"]
mod generator;

use std::collections::BTreeSet;

#[test]
fn check_finds_exactly_the_generators_manifest() {
    let generated = generator::generate(&generator::Options { leaves: 20_000, seed: 7, errors: 0.002, defects: 0.2 });
    let injected: BTreeSet<&str> = generated.defects.iter().copied().collect();
    let every: BTreeSet<&str> = generator::CODES.iter().copied().chain(["sum-mismatch", "link-cycle"]).collect();
    assert_eq!(injected, every, "a code was never injected: raise `defects` or `leaves`");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.yaml"), &generated.text).unwrap();
    let output = support::yosan(dir.path()).args(["check", "--format", "json", "big.yaml"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected = support::expectations("big.yaml", &generated.text);
    assert_eq!(expected.len(), generated.defects.len());
    let found = support::found(&json);
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(missing.is_empty() && extra.is_empty(), "not found: {missing:?}\nnot injected: {extra:?}");
}
