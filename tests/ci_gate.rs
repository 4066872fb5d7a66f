//! The CI gate through the binary: baselines, the machine formats (snapshots), several outputs
//! in one run, statistics, and the GitHub format's escaping.

mod support;

use std::path::Path;

use support::{run, yosan};

const HEADER: &str = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 令和4年度}\nitems:\n";
const BODY: &str = "  - id: pj\n    name: p\n    amount: 10億円\n    items:\n      - {id: a, name: a, amount: 3億円}\n";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_baseline_keeps_old_findings_green_and_only_new_ones_red() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.yaml");
    std::fs::write(&file, format!("{HEADER}{BODY}")).unwrap();
    run(dir.path(), &["check", "d.yaml"], 1);
    run(dir.path(), &["baseline", "d.yaml", "--output", "baseline.json"], 0);
    let recorded = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(recorded.contains("\"code\": \"sum-mismatch\"") && recorded.contains("\"item\": \"pj\""), "{recorded}");
    run(dir.path(), &["check", "--baseline", "baseline.json", "d.yaml"], 0);
    // Lines inserted above: still the same finding.
    std::fs::write(&file, format!("{HEADER}  - {{id: first, name: 先頭, amount: 1億円}}\n  # a comment\n{BODY}"))
        .unwrap();
    run(dir.path(), &["check", "--baseline", "baseline.json", "d.yaml"], 0);
    // The same code on another item: new, and reported alone.
    std::fs::write(&file, format!("{HEADER}{BODY}  - id: pj2\n    name: q\n    amount: 10億円\n    items:\n      - {{id: b, name: b, amount: 3億円}}\n")).unwrap();
    let output = run(dir.path(), &["check", "--baseline", "baseline.json", "--format", "concise", "d.yaml"], 1);
    let lines: Vec<String> = text(&output.stdout).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("d.yaml:11:13: sum-mismatch the parts of q "), "{lines:?}");
    // SARIF keeps both, the old one unchanged.
    let sarif =
        text(&run(dir.path(), &["check", "--baseline", "baseline.json", "--format", "sarif", "d.yaml"], 1).stdout);
    assert!(
        sarif.contains("\"baselineState\": \"unchanged\"") && sarif.contains("\"baselineState\": \"new\""),
        "{sarif}"
    );
    // Fixed: the entry is stale, said on standard error, and pruned.
    std::fs::write(&file, format!("{HEADER}{}", BODY.replace("10億円", "3億円"))).unwrap();
    let output = run(dir.path(), &["check", "--baseline", "baseline.json", "d.yaml"], 0);
    assert!(text(&output.stderr).contains("match no finding any more"), "{}", text(&output.stderr));
    run(dir.path(), &["baseline", "--prune", "d.yaml", "--output", "baseline.json"], 0);
    let pruned = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(!pruned.contains("sum-mismatch"), "{pruned}");
    std::fs::write(dir.path().join("bad.json"), "{}").unwrap();
    run(dir.path(), &["check", "--baseline", "bad.json", "d.yaml"], 2);
}

#[test]
fn several_outputs_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.yaml"), format!("{HEADER}{BODY}")).unwrap();
    let output = run(
        dir.path(),
        &[
            "check",
            "d.yaml",
            "--format",
            "github",
            "--output",
            "sarif=out.sarif",
            "--output",
            "junit=out.xml",
            "--output-file",
            "main.txt",
        ],
        1,
    );
    assert!(output.stdout.is_empty());
    assert!(std::fs::read_to_string(dir.path().join("main.txt")).unwrap().starts_with("::error file=d.yaml,line=6"));
    assert!(std::fs::read_to_string(dir.path().join("out.sarif")).unwrap().contains("\"ruleId\": \"sum-mismatch\""));
    assert!(std::fs::read_to_string(dir.path().join("out.xml")).unwrap().contains("<failure type=\"sum-mismatch\""));
    run(dir.path(), &["check", "d.yaml", "--output", "nonsense"], 2);
    let stats = text(&run(dir.path(), &["check", "d.yaml", "--statistics"], 1).stdout);
    assert_eq!(stats.trim(), "1  sum-mismatch  error");
}

#[test]
fn a_run_that_cannot_be_done_still_writes_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["check", "no-such-folder", "--format", "json", "--output", "sarif=out.sarif"], 2);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(json["error"].as_str().unwrap().contains("no-such-folder"), "{json}");
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn the_github_format_escapes_what_workflow_commands_need() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a,b:c%.yaml";
    let body = format!("{HEADER}  - {{id: a, name: \"100%, a:b\\nnext\", amount: 10億円, items: [{{id: b, name: x, amount: 3億円}}]}}\n");
    std::fs::write(dir.path().join(name), body).unwrap();
    let github = text(&run(dir.path(), &["check", "--format", "github", name], 1).stdout);
    let line = github.lines().next().unwrap();
    assert!(line.starts_with("::error file=a%2Cb%3Ac%25.yaml,line=4,col="), "{line}");
    assert!(line.contains("title=sum-mismatch::the parts of 100%25, a:b%0Anext add up"), "{line}");
    assert_eq!(github.lines().count(), 1);
}

/// Every machine format of one fixed run, as snapshots.
#[test]
fn every_format_of_one_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for format in ["json", "sarif", "github", "junit", "gitlab", "concise"] {
        let output = yosan(root)
            .args(["check", "--format", format, "tests/fixtures/relist-mismatch/invalid.yaml"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let rendered = text(&output.stdout).replace(env!("CARGO_PKG_VERSION"), "VERSION");
        insta::assert_snapshot!(format!("format_{format}"), rendered);
    }
}

#[test]
fn github_ranks_errors_first_and_says_how_many_it_cannot_show() {
    let dir = tempfile::tempdir().unwrap();
    let items: String = (0..12).map(|i| format!("  - {{id: p{i}, name: 事業{i}, amount: 12 億円}}\n")).collect();
    let warnings: String = (0..3).map(|i| format!("  - {{id: w{i}, name: 警告{i}, ministry: 大蔵省}}\n")).collect();
    std::fs::write(dir.path().join("d.yaml"), format!("{HEADER}{warnings}{items}")).unwrap();
    let github = text(&run(dir.path(), &["check", "--format", "github", "d.yaml"], 1).stdout);
    let kinds: Vec<&str> = github.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "::error").count(), 12);
    assert_eq!(kinds.iter().position(|k| *k == "::warning"), Some(12), "{github}");
    assert!(github.lines().last().unwrap().contains("2 more errors than GitHub shows"), "{github}");
    let summary = text(&run(dir.path(), &["check", "--format", "summary", "d.yaml"], 1).stdout);
    assert!(summary.contains("| `amount-format` | error | 12 |"), "{summary}");
}

#[test]
fn completions_and_a_manual_page() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let completions = text(&run(dir.path(), &["completions", shell], 0).stdout);
        assert!(completions.contains("baseline") && completions.contains("in-project"), "{shell}");
    }
    let man = text(&run(dir.path(), &["manpage"], 0).stdout);
    assert!(man.starts_with(".ie") && man.contains(".TH yosan 1"), "{man}");
}
