//! Every fixture under `tests/fixtures/<code>/` is checked with the binary, in JSON and human
//! output. Expectations are comments in the fixture: `# expect: CODE[, CODE]` at the end of a
//! line expects those findings on that line; alone on a line, on the next line. A fixture folder is checked as one run (for findings across files); in a folder,
//! `rules.yaml` is passed with `--rules` and `yosan.toml` with `--config` instead of being
//! checked. Files whose name starts with `valid` must yield nothing at all.

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use support::Expected;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases = Vec::new();
    for code in std::fs::read_dir(&root).unwrap() {
        let code = code.unwrap().path();
        for case in std::fs::read_dir(&code).unwrap() {
            cases.push(case.unwrap().path());
        }
    }
    cases.sort();
    cases
}

const RULES: &str = "rules.yaml";
const CONFIG: &str = "yosan.toml";

/// The dataset files of a case (a file, or the files of a folder but its rules and config).
fn yaml_files(case: &Path) -> Vec<PathBuf> {
    if case.is_file() {
        return vec![case.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(case).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml") && !path.ends_with(RULES) {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn expectations(file: &Path) -> Expected {
    let bytes = std::fs::read(file).unwrap();
    support::expectations(&file.display().to_string(), &String::from_utf8_lossy(&bytes))
}

fn run(case: &Path, format: &str) -> (i32, String) {
    let mut command = Command::cargo_bin("yosan").unwrap();
    command.args(["check", "--format", format]).env("NO_COLOR", "1");
    for (name, flag) in [(RULES, "--rules"), (CONFIG, "--config")] {
        if case.join(name).is_file() {
            command.arg(flag).arg(case.join(name));
        }
    }
    let output = command.args(yaml_files(case)).output().unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn every_fixture_reports_exactly_its_expected_findings() {
    let mut failures = Vec::new();
    for case in fixtures() {
        let expected: Expected = yaml_files(&case).iter().flat_map(|f| expectations(f)).collect();
        let valid = case.file_name().unwrap().to_string_lossy().starts_with("valid");
        assert!(valid || !expected.is_empty(), "{}: an invalid fixture without `# expect:`", case.display());
        let (status, stdout) = run(&case, "json");
        let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{}: {e}\n{stdout}", case.display()));
        let found = support::found(&json);
        if found != expected {
            failures.push(format!("{}:\n  expected {expected:?}\n  found    {found:?}", case.display()));
        }
        let has_error = json["findings"].as_array().unwrap().iter().any(|f| f["severity"] == "error");
        assert_eq!(status, i32::from(has_error), "{}: exit status", case.display());
        let (_, human) = run(&case, "human");
        for (file, line, code) in &expected {
            assert!(human.contains(code.as_str()), "{}: human output lacks {code}", case.display());
            assert!(human.contains(&format!("{file}:{line}:")), "{}: human output lacks {file}:{line}", case.display());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
