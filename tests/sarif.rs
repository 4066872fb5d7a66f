//! `--format sarif` validates against the official SARIF 2.1.0 schema (vendored in
//! `tests/sarif/` with its provenance), for every fixture, the shipped datasets, a run with
//! suppressions and a run that could not be done.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `yosan check --format sarif ARGS`, written to `dir/NAME.sarif`.
fn sarif(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let output = Command::cargo_bin("yosan")
        .unwrap()
        .current_dir(root())
        .arg("check")
        .args(["--format", "sarif"])
        .args(args)
        .output()
        .unwrap();
    let path = dir.join(format!("{name}.sarif"));
    std::fs::write(&path, &output.stdout).unwrap();
    path
}

fn documents(dir: &Path) -> Vec<PathBuf> {
    let mut files =
        vec![sarif(dir, "datasets", &["datasets"]), sarif(dir, "broken", &["--rules", "no-such.yaml", "datasets"])];
    for entry in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        let folder = entry.unwrap().path();
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        files.push(sarif(dir, &name, &[folder.to_str().unwrap()]));
    }
    files
}

#[test]
fn sarif_carries_rules_suppressions_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let read = |path: &Path| -> Value { serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap() };
    let files = documents(dir.path());
    let datasets = read(&files[0]);
    let run = &datasets["runs"][0];
    assert_eq!(datasets["version"], "2.1.0");
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() > 20);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let broken = read(&files[1]);
    assert_eq!(broken["runs"][0]["invocations"][0]["executionSuccessful"], false);
    let suppressed = read(&dir.path().join("unused-suppression.sarif"));
    let results = suppressed["runs"][0]["results"].as_array().unwrap();
    let kept: Vec<&Value> = results.iter().filter(|r| r["suppressions"].is_array()).collect();
    assert!(!kept.is_empty(), "no suppressed result");
    assert_eq!(kept[0]["suppressions"][0]["kind"], "inSource");
    let sums = read(&dir.path().join("sum-mismatch.sarif"));
    let result = &sums["runs"][0]["results"][0];
    assert!(result["relatedLocations"].as_array().is_some_and(|l| !l.is_empty()));
    assert!(result["partialFingerprints"]["yosan/v1"].is_string());
}

/// Needs python3 with `jsonschema`; `.ci/run` installs it and runs this with `-- --ignored`.
#[test]
#[ignore = "needs python3 with jsonschema (pip install jsonschema)"]
fn sarif_validates_against_the_official_schema() {
    let dir = tempfile::tempdir().unwrap();
    let files = documents(dir.path());
    let output = std::process::Command::new("python3")
        .arg(root().join("tests/sarif/validate.py"))
        .arg(root().join("tests/sarif/sarif-schema-2.1.0.json"))
        .args(&files)
        .output()
        .expect("python3");
    let report = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{report}");
    assert!(report.contains(" passed, 0 failed"), "{report}");
}
