//! `yosan schema`: a JSON Schema 2020-12 of the format, validated against the shipped datasets
//! with an independent validator (Python's `jsonschema`, `tests/schema/validate.py`), which also
//! checks that it rejects unknown keys, values outside a vocabulary and missing fields.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn schema() -> Value {
    let output = Command::cargo_bin("yosan").unwrap().arg("schema").output().unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_schema_is_2020_12_and_closed() {
    let schema = schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(schema["$defs"]["item"]["required"], serde_json::json!(["id", "name"]));
}

/// Needs python3 with `jsonschema` and `pyyaml`, which `cargo test` does not install; `.ci/run`
/// does, and runs this with `-- --ignored`.
#[test]
#[ignore = "needs python3 with jsonschema and pyyaml (pip install jsonschema pyyaml)"]
fn an_independent_validator_accepts_the_datasets_and_rejects_the_bad_samples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("yosan.schema.json");
    std::fs::write(&file, serde_json::to_string(&schema()).unwrap()).unwrap();
    let mut datasets: Vec<_> = std::fs::read_dir(root.join("datasets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    datasets.sort();
    assert!(datasets.len() >= 13);
    let output = std::process::Command::new("python3")
        .arg(root.join("tests/schema/validate.py"))
        .arg(&file)
        .args(&datasets)
        .output()
        .expect("python3");
    let report = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{report}");
    assert!(report.contains(" passed, 0 failed"), "{report}");
}
