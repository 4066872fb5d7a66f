//! The dataset author's loop through the binary: safe fixes (`--fix`, `--diff`,
//! `--add-allow`), the pre-commit mode (`--in-project`), and the terminal (`--color`, the
//! width, `explain`, the default path).

mod support;

use std::process::Output;

use support::{run, yosan};

const HEADER: &str = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 令和4年度}\nitems:\n";

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn diff_shows_the_fixes_and_fix_applies_them() {
    let dir = tempfile::tempdir().unwrap();
    let broken = format!("{HEADER}  - {{id: a, name: a, amount: 12 億円}}  # p.3\n  - id: b  # yosan-allow: sum-mismatch -- old\n    name: b\n    amount: 45.5億\n");
    let file = dir.path().join("a.yaml");
    std::fs::write(&file, &broken).unwrap();
    let diff = stdout(&run(dir.path(), &["check", "--diff", "a.yaml"], 1));
    assert!(diff.contains("\n-  - {id: a, name: a, amount: 12 億円}  # p.3\n"), "{diff}");
    assert!(diff.contains("\n+  - {id: a, name: a, amount: 12億円}  # p.3\n"), "{diff}");
    assert!(diff.contains("+    amount: 45.5億円"), "{diff}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken, "--diff wrote the file");
    let output = run(dir.path(), &["check", "--fix", "a.yaml"], 0);
    assert!(stderr(&output).contains("fixed 3 findings in 1 files"), "{}", stderr(&output));
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        fixed,
        format!(
            "{HEADER}  - {{id: a, name: a, amount: 12億円}}  # p.3\n  - id: b\n    name: b\n    amount: 45.5億円\n"
        )
    );
    run(dir.path(), &["check", "--diff", "a.yaml"], 0);
}

#[test]
fn add_allow_suppresses_every_current_finding_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!("{HEADER}  - id: a\n    name: a\n    amount: 10億円\n    items:\n      - {{id: b, name: b, amount: 3億円}}\n  - {{id: c, name: c, amount: 1..2億円}}\n");
    std::fs::write(dir.path().join("a.yaml"), &body).unwrap();
    run(dir.path(), &["check", "a.yaml"], 1);
    run(dir.path(), &["check", "--add-allow", "adopted 2026-12", "a.yaml"], 0);
    let text = std::fs::read_to_string(dir.path().join("a.yaml")).unwrap();
    assert!(text.contains("amount: 10億円  # yosan-allow: sum-mismatch -- adopted 2026-12\n"), "{text}");
    assert!(text.contains("amount: 1..2億円}  # yosan-allow: amount-format -- adopted 2026-12\n"), "{text}");
    run(dir.path(), &["check", "--add-allow", "", "a.yaml"], 2);
    run(dir.path(), &["check", "--add-allow", "two\nlines", "a.yaml"], 2);
}

#[test]
fn in_project_reports_the_given_files_with_the_whole_project_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("datasets")).unwrap();
    let other = "format: yosan/1\ndataset: {id: other, title: t, fiscal_year: 令和4年度}\nitems:\n  - {id: pj, name: p, amount: 5億円}\n  - {id: bad, name: q, amount: 1 億円}\n";
    let share = "format: yosan/1\ndataset: {id: share, title: t, fiscal_year: 令和4年度}\nitems:\n  - {id: pj, name: p, amount: 5億円, same_as: \"other:pj\"}\n";
    std::fs::write(dir.path().join("datasets/other.yaml"), other).unwrap();
    std::fs::write(dir.path().join("datasets/share.yaml"), share).unwrap();
    std::fs::write(dir.path().join(".pre-commit-config.yaml"), "repos: []\n").unwrap();
    // The same_as resolves; other.yaml's own finding is not the commit's business.
    let output = run(dir.path(), &["check", "--in-project", "datasets/share.yaml", ".pre-commit-config.yaml"], 0);
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).contains("not checked: .pre-commit-config.yaml"), "{}", stderr(&output));
    // Alone, share.yaml's reference dangles.
    run(dir.path(), &["check", "datasets/share.yaml"], 1);
    let output = run(dir.path(), &["check", "--in-project", "datasets/other.yaml"], 1);
    assert!(stdout(&output).contains("amount-format"));
    assert!(stdout(&output).contains("in 1 file"));
    // A finding that concerns the given file through a label is reported too.
    std::fs::write(dir.path().join("datasets/share.yaml"), share.replace("5億円, same_as", "7億円, same_as")).unwrap();
    let output = run(dir.path(), &["check", "--in-project", "--format", "json", "datasets/other.yaml"], 1);
    assert!(stdout(&output).contains("cross-dataset-mismatch"), "{}", stdout(&output));
}

#[test]
fn the_terminal_gets_colours_on_request_and_the_width_of_columns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), format!("{HEADER}  - {{id: a, name: a, amount: 12 億円}}\n")).unwrap();
    let coloured = stdout(&run(dir.path(), &["check", "--color", "always", "a.yaml"], 1));
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    let plain = stdout(&run(dir.path(), &["check", "--color", "never", "a.yaml"], 1));
    assert!(!plain.contains('\u{1b}'));
    let narrow = yosan(dir.path()).env("COLUMNS", "60").args(["check", "a.yaml"]).output().unwrap();
    let widest = stdout(&narrow).lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 64, "{widest}\n{}", stdout(&narrow));
}

#[test]
fn explain_finds_a_code_in_any_case_and_suggests_the_nearest() {
    let dir = tempfile::tempdir().unwrap();
    assert!(stdout(&run(dir.path(), &["explain", "SUM-Mismatch"], 0)).starts_with("# sum-mismatch"));
    let output = run(dir.path(), &["explain", "sum-mismatchh"], 2);
    assert!(stderr(&output).contains("did you mean `sum-mismatch`?"), "{}", stderr(&output));
    assert!(!stderr(&output).contains("amount-format"), "every code is dumped:\n{}", stderr(&output));
}

#[test]
fn without_a_path_or_datasets_the_default_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["check"], 2);
    assert!(stderr(&output).contains("no datasets/ folder here"), "{}", stderr(&output));
    assert!(stderr(&output).contains("paths"), "{}", stderr(&output));
}
