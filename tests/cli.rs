//! The command line contract: exit statuses, formats, `rules`, `explain`.

use assert_cmd::Command;
use serde_json::Value;

fn yosan() -> Command {
    let mut cmd = Command::cargo_bin("yosan").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

fn fixture(path: &str) -> String {
    format!("tests/fixtures/{path}")
}

#[test]
fn the_shipped_datasets_pass() {
    yosan().args(["check", "datasets/"]).assert().success();
    yosan().arg("check").assert().success();
}

#[test]
fn warnings_fail_only_with_fail_on_warning() {
    let file = fixture("unknown-ministry/invalid.yaml");
    yosan().args(["check", &file]).assert().code(0);
    yosan().args(["check", "--fail-on", "warning", &file]).assert().code(1);
    yosan().args(["check", "--fail-on", "error", &fixture("yaml-syntax/duplicate-key.yaml")]).assert().code(1);
}

#[test]
fn a_run_that_cannot_be_done_exits_2() {
    let out = yosan().args(["check", "no/such/folder"]).assert().code(2).get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&out).contains("no such file or folder"));
    yosan().args(["check", "--format", "xml"]).assert().code(2);
    yosan().args(["explain", "no-such-rule"]).assert().code(2);
}

#[test]
fn json_has_the_contract_fields() {
    let out = yosan()
        .args(["check", "--format", "json", &fixture("amount-format/invalid.yaml")])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    let first = &json["findings"][0];
    for key in ["rule", "severity", "file", "line", "column", "message", "end_line", "end_column", "labels"] {
        assert!(!first[key].is_null(), "missing {key}: {first}");
    }
    assert_eq!(first["rule"], "amount-format");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["line"], 9);
    assert_eq!(first["column"], 13);
    assert_eq!(first["help"], "write `12億円`");
    assert_eq!(first["dataset"], "fixture");
    assert_eq!(json["summary"]["errors"], 6);
}

#[test]
fn human_output_names_code_place_and_help_without_colour() {
    let out =
        yosan().args(["check", &fixture("amount-format/invalid.yaml")]).assert().code(1).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("amount-format"));
    assert!(text.contains("tests/fixtures/amount-format/invalid.yaml:9:13"));
    assert!(text.contains("help: write `12億円`"));
    assert!(!text.contains('\u{1b}'), "colour codes when not a terminal");
    assert!(text.trim_end().ends_with("6 errors, 0 warnings, 0 infos in 1 file"));
}

#[test]
fn rules_lists_every_rule_as_table_and_json() {
    let out = yosan().arg("rules").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.lines().any(|l| l.starts_with("amount-format") && l.contains("error")));
    let out = yosan().args(["rules", "--format", "json"]).assert().success().get_output().stdout.clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    let codes: Vec<&str> = json["rules"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"unknown-ministry"));
}

#[test]
fn explain_prints_the_rule_docs() {
    let out = yosan().args(["explain", "amount-format"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("# amount-format (error)"));
    assert!(text.contains("## What it does"));
    assert!(text.contains("Use instead:"));
}

#[test]
fn a_sum_with_an_approximate_figure_is_a_warning_at_most() {
    let out = yosan()
        .args(["check", "--format", "json", &fixture("sum-mismatch/invalid.yaml")])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    let approximate = json["findings"].as_array().unwrap().iter().find(|f| f["item"] == "approximate").unwrap();
    assert_eq!(approximate["rule"], "sum-mismatch");
    assert_eq!(approximate["severity"], "warning");
    assert_eq!(approximate["labels"].as_array().unwrap().len(), 2);
}

#[test]
fn the_glossary_figures() {
    let out = yosan()
        .args(["check", "--format", "json", &fixture("sum-rounding/invalid.yaml")])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    let amed = json["findings"].as_array().unwrap().iter().find(|f| f["item"] == "amed").unwrap();
    assert_eq!(amed["rule"], "sum-rounding");
    assert_eq!(amed["severity"], "info");
    let message = amed["message"].as_str().unwrap();
    assert!(message.contains("1,240億円 (7 + 3 + 583 + 481 + 166)"), "{message}");
    assert!(message.contains("the difference 2億円 is within the rounding tolerance ±3億円"), "{message}");
    let out = yosan()
        .args(["check", "--format", "json", &fixture("sum-mismatch/valid.yaml")])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 0);
}
