//! The benchmark generator's injected defects are found exactly: every core code it injects,
//! at the line it marks, and nothing else — so a benchmark with findings measures real work.

mod support;

#[path = "../benches/generator.rs"]
mod generator;

use std::collections::BTreeSet;

#[test]
fn check_finds_exactly_the_generators_manifest() {
    finds_exactly_what_was_injected(&generator::Options { leaves: 20_000, seed: 7, errors: 0.002, defects: 0.2 });
}

/// The same at the size of the performance goals, where a pass that gave up early, or a
/// reader that lost items between event batches, would show. A debug build takes minutes:
/// `.ci/run` runs it in release with `cargo test --release --test generated -- --ignored`.
#[test]
#[ignore = "a million leaves: run in release (cargo test --release --test generated -- --ignored)"]
fn check_finds_exactly_the_generators_manifest_at_a_million_leaves() {
    finds_exactly_what_was_injected(&generator::Options { leaves: 1_000_000, seed: 1, errors: 0.0005, defects: 0.003 });
}

fn finds_exactly_what_was_injected(options: &generator::Options) {
    let generated = generator::generate(options);
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
