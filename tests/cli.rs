//! The command line contract: exit statuses, formats, `rules`, `explain`.

mod support;

use assert_cmd::Command;
use serde_json::Value;

fn yosan() -> Command {
    let mut cmd = Command::cargo_bin("yosan").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

/// Runs `yosan ARGS`, expects exit status `code`, and reads its JSON output.
fn check_json(args: &[&str], code: i32) -> Value {
    let output = yosan().args(args).assert().code(code).get_output().clone();
    serde_json::from_slice(&output.stdout).unwrap()
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
    let json = check_json(&["check", "--format", "json", &fixture("amount-format/invalid.yaml")], 1);
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
    let json = check_json(&["check", "--format", "json", &fixture("sum-mismatch/invalid.yaml")], 1);
    let approximate = json["findings"].as_array().unwrap().iter().find(|f| f["item"] == "approximate").unwrap();
    assert_eq!(approximate["rule"], "sum-mismatch");
    assert_eq!(approximate["severity"], "warning");
    assert_eq!(approximate["labels"].as_array().unwrap().len(), 2);
}

#[test]
fn the_glossary_figures() {
    let json = check_json(&["check", "--format", "json", &fixture("sum-rounding/invalid.yaml")], 0);
    let amed = json["findings"].as_array().unwrap().iter().find(|f| f["item"] == "amed").unwrap();
    assert_eq!(amed["rule"], "sum-rounding");
    assert_eq!(amed["severity"], "info");
    let message = amed["message"].as_str().unwrap();
    assert!(message.contains("1,240億円 (7 + 3 + 583 + 481 + 166)"), "{message}");
    assert!(message.contains("the difference 2億円 is within the rounding tolerance ±3億円"), "{message}");
    let json = check_json(&["check", "--format", "json", &fixture("sum-mismatch/valid.yaml")], 0);
    assert_eq!(json["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn the_readme_worked_example_fires_at_the_right_span() {
    let json = check_json(
        &["check", "--format", "json", "--rules", "examples/mhlw-phase/rules.yaml", "examples/mhlw-phase/datasets/"],
        0,
    );
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["rule"], "mhlw-phase-required");
    assert_eq!(findings[0]["severity"], "warning");
    assert_eq!(findings[0]["item"], "clinical");
    assert_eq!((findings[0]["line"].as_u64(), findings[0]["column"].as_u64()), (Some(7), Some(5)));
    assert_eq!(
        findings[0]["message"],
        "臨床研究・治験推進研究事業 (129億円) is a 厚生労働省 program over 100億円 but states no phase"
    );
    yosan()
        .args([
            "check",
            "--fail-on",
            "warning",
            "--rules",
            "examples/mhlw-phase/rules.yaml",
            "examples/mhlw-phase/datasets/",
        ])
        .assert()
        .code(1);
    let out = yosan()
        .args(["explain", "mhlw-phase-required", "--rules", "examples/mhlw-phase/rules.yaml"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("## What it does"));
}

#[test]
fn a_broken_rule_file_exits_2_with_a_pointed_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("bad.yaml");
    std::fs::write(&rules, "rules:\n  - code: my-rule\n    severity: error\n    summary: s\n    docs: d\n    select: {ministry: 大蔵省}\n    check: {kind: required, fields: [phase]}\n").unwrap();
    let output = yosan().args(["check", "datasets/", "--rules"]).arg(&rules).assert().code(2).get_output().clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.yaml:6:"), "{stderr}");
    assert!(stderr.contains("大蔵省"), "{stderr}");
    std::fs::write(&rules, "rules:\n  - code: my-rule\n    severity: error\n    summary: s\n    docs: d\n    check: {kind: required, fields: [phase]}\n    message: \"{nmae} lacks a phase\"\n").unwrap();
    let output = yosan().args(["check", "datasets/", "--rules"]).arg(&rules).assert().code(2).get_output().clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown placeholder `{nmae}`"), "{stderr}");
}

#[test]
fn select_and_ignore_on_the_command_line() {
    let file = fixture("relist-mismatch/invalid.yaml");
    let count = |json: Value| json["findings"].as_array().unwrap().len();
    assert_eq!(count(check_json(&["check", "--format", "json", &file], 1)), 2);
    assert_eq!(count(check_json(&["check", "--format", "json", "--ignore", "relist-mismatch", &file], 0)), 0);
    let selected = ["check", "--format", "json", "--select", "sum-mismatch,relist-chain", &file];
    assert_eq!(count(check_json(&selected, 0)), 0);
    yosan().args(["check", "--ignore", "no-such-code", &file]).assert().code(2);
}

#[test]
fn the_configuration_is_found_upward_and_applies() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path();
    std::fs::create_dir_all(project.join("data/sub")).unwrap();
    std::fs::copy(fixture("relist-mismatch/invalid.yaml"), project.join("data/relist.yaml")).unwrap();
    std::fs::write(project.join("yosan.toml"), "paths = [\"data\"]\n[severity]\nrelist-mismatch = \"warning\"\n")
        .unwrap();
    let output = Command::cargo_bin("yosan")
        .unwrap()
        .current_dir(project.join("data/sub"))
        .args(["check", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert!(findings.iter().all(|f| f["severity"] == "warning"));
    std::fs::write(
        project.join("yosan.toml"),
        "fail-on = \"warning\"\npaths = [\"data\"]\n[severity]\nrelist-mismatch = \"warning\"\n",
    )
    .unwrap();
    Command::cargo_bin("yosan").unwrap().current_dir(project).arg("check").assert().code(1);
    std::fs::write(project.join("yosan.toml"), "[severity]\nrelist-mismatch = \"loud\"\n").unwrap();
    let output = Command::cargo_bin("yosan")
        .unwrap()
        .current_dir(project)
        .env("NO_COLOR", "1")
        .arg("check")
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`loud` is not a severity") && stderr.contains("yosan.toml:2:"), "{stderr}");
    std::fs::write(project.join("yosan.toml"), "colour = true\n").unwrap();
    Command::cargo_bin("yosan").unwrap().current_dir(project).arg("check").assert().code(2);
}

#[test]
fn docs_rules_md_is_current() {
    let out = yosan().args(["rules", "--format", "markdown"]).assert().success().get_output().stdout.clone();
    let generated = String::from_utf8(out).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("YOSAN_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(current == generated, "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`");
}

#[test]
fn an_empty_folder_passes_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let output = yosan().arg("check").arg(dir.path()).assert().code(0).get_output().clone();
    assert!(String::from_utf8_lossy(&output.stderr).contains("no .yaml or .yml file found"));
}

#[test]
fn a_long_sum_labels_its_largest_parts_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let parts: String = (1..=9).map(|i| format!("      - {{id: p{i}, name: 部分{i}, amount: {i}億円}}\n")).collect();
    let text = format!("format: yosan/1\ndataset: {{id: d, title: t, fiscal_year: 2022}}\nitems:\n  - id: total\n    name: 合計\n    amount: 99億円\n    items:\n{parts}");
    let path = dir.path().join("long.yaml");
    std::fs::write(&path, text).unwrap();
    let json = check_json(&["check", "--format", "json", path.to_str().unwrap()], 1);
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "sum-mismatch");
    assert_eq!(finding["label"], "the line says 99億円; the 3 smallest parts are not marked");
    let labels: Vec<&str> =
        finding["labels"].as_array().unwrap().iter().map(|l| l["message"].as_str().unwrap()).collect();
    assert_eq!(
        labels,
        ["部分9: 9億円", "部分8: 8億円", "部分7: 7億円", "部分6: 6億円", "部分5: 5億円", "部分4: 4億円"]
    );
    assert!(finding["message"].as_str().unwrap().contains("(1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + … (9 parts))"));
}

/// The words of a finding a rule author relies on: a negative part subtracted, the nearest id
/// of a dangling reference, a rule selecting a dataset the run lacks named with the nearest id.
#[test]
fn messages_say_what_the_author_meant() {
    let dir = tempfile::tempdir().unwrap();
    let data = "format: yosan/1\ndataset: {id: alpha, title: t, fiscal_year: 2024}\nitems:\n  - id: total\n    name: 計\n    amount: 110億円\n    items:\n      - {id: plus, name: 増, amount: 960億円}\n      - {id: minus, name: 減, amount: ▲860億円}\n  - {id: again, name: 再掲, amount: 960億円, relisted_from: plsu}\n";
    std::fs::write(dir.path().join("d.yaml"), data).unwrap();
    let rules = "rules:\n  - code: only-beta\n    severity: warning\n    summary: s\n    docs: d\n    select: {dataset: alpah}\n    check: {kind: required, fields: [note]}\n";
    std::fs::write(dir.path().join("rules.yaml"), rules).unwrap();
    let output = support::run(dir.path(), &["check", "d.yaml", "--rules", "rules.yaml", "--format", "json"], 1);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let message = |rule: &str| {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule)
            .map(|f| f.to_string())
            .unwrap_or_default()
    };
    assert!(message("sum-mismatch").contains("(960 − 860)"), "{json:#}");
    assert!(message("dangling-reference").contains("did you mean `plus`?"), "{json:#}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "the rule `only-beta` selects the dataset `alpah`, which no file of this run has (did you mean `alpha`?)"
        ),
        "{stderr}"
    );
}
