//! What the CLI tests share: the `# expect: CODE` convention of fixtures and documentation
//! examples, and the findings of a JSON run in the same shape.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// `yosan` in `dir`, without colours or a fixed width from the environment.
pub fn yosan(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("yosan").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1").env_remove("COLUMNS");
    cmd
}

/// `yosan ARGS` in `dir`, which must exit with `code`.
pub fn run(dir: &Path, args: &[&str], code: i32) -> Output {
    let output = yosan(dir).args(args).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert_eq!(output.status.code(), Some(code), "{args:?}\n{stdout}\n{stderr}");
    output
}

/// (file, line, code) of findings, expected or found.
pub type Expected = BTreeSet<(String, usize, String)>;

/// The findings that `text` (the file `name`) expects: `# expect: CODE[, CODE]` at the end of a
/// line expects those findings on that line; alone on a line, on the next line.
pub fn expectations(name: &str, text: &str) -> Expected {
    let mut expected = Expected::new();
    for (i, line) in text.lines().enumerate() {
        let Some((_, codes)) = line.split_once("# expect:") else { continue };
        let target = if line.trim_start().starts_with("# expect:") { i + 2 } else { i + 1 };
        for code in codes.split(',') {
            expected.insert((name.to_string(), target, code.trim().to_string()));
        }
    }
    expected
}

/// The findings of a `--format json` document.
pub fn found(json: &Value) -> Expected {
    json["findings"]
        .as_array()
        .expect("a findings array")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap() as usize,
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
