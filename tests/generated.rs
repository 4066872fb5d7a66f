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

/// Many files are read on all cores, each on its own; whichever finishes first, the findings
/// come in the order of the files' paths, and each file's are exactly its own.
#[test]
fn many_files_checked_at_once_give_their_findings_in_a_stable_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = support::Expected::new();
    // The first files the largest, so that the threads finish them last.
    for n in 0..16 {
        let options = generator::Options { leaves: 6_000 - n * 350, seed: n as u64, errors: 0.01, defects: 0.05 };
        let text = generator::generate(&options).text.replacen("id: synthetic", &format!("id: synthetic-{n}"), 1);
        let name = format!("d{n:02}.yaml");
        expected.extend(support::expectations(&name, &text));
        std::fs::write(dir.path().join(&name), text).unwrap();
    }
    let run = || support::run(dir.path(), &["check", "--format", "json", "."], 1).stdout;
    let first = run();
    let json: serde_json::Value = serde_json::from_slice(&first).unwrap();
    let files: Vec<&str> = json["findings"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert!(files.windows(2).all(|pair| pair[0] <= pair[1]), "findings out of the files' order: {files:?}");
    let found = support::found(&json)
        .into_iter()
        .map(|(file, line, code)| (file.trim_start_matches("./").to_string(), line, code));
    assert_eq!(found.collect::<support::Expected>(), expected);
    for _ in 0..4 {
        assert!(run() == first, "a second run gave another output");
    }
}

fn finds_exactly_what_was_injected(options: &generator::Options) {
    let generated = generator::generate(options);
    let injected: BTreeSet<&str> = generated.defects.iter().copied().collect();
    let every: BTreeSet<&str> = generator::CODES.iter().copied().chain(["sum-mismatch", "link-cycle"]).collect();
    assert_eq!(injected, every, "a code was never injected: raise `defects` or `leaves`");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.yaml"), &generated.text).unwrap();
    let output = support::run(dir.path(), &["check", "--format", "json", "big.yaml"], 1);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected = support::expectations("big.yaml", &generated.text);
    assert_eq!(expected.len(), generated.defects.len());
    let found = support::found(&json);
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(missing.is_empty() && extra.is_empty(), "not found: {missing:?}\nnot injected: {extra:?}");
}
