//! Hostile and large input through the binary: every run ends in exit 0, 1 or 2, the terminal
//! output stays small and holds no raw control character, and nothing is echoed from a file
//! that is not a rule file. Each test builds its inputs in a temporary folder.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

const HEADER: &str = "format: yosan/1\ndataset: {id: hostile, title: t, fiscal_year: 令和4年度}\n";

fn yosan(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("yosan").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn run(dir: &Path, args: &[&str], code: i32) -> Output {
    let output = yosan(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{args:?}\n{stderr}");
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// No character that acts on a terminal: only line breaks among the controls.
fn assert_terminal_safe(output: &str) {
    let raw: Vec<char> = output.chars().filter(|&c| yosan::render::terminal::is_unsafe(c) && c != '\n').collect();
    assert!(raw.is_empty(), "raw control characters {raw:?} in\n{output}");
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

/// A minified-JSON dataset (valid YAML) of `n` projects on one line, the last one wrong.
fn minified(n: usize) -> String {
    let item = |i: usize, amount: &str| {
        format!("{{\"id\":\"p{i}\",\"name\":\"事業{i}\",\"amount\":\"{amount}\",\"items\":[{{\"id\":\"p{i}c\",\"name\":\"内訳\",\"amount\":\"5億円\"}}]}}")
    };
    let items: Vec<String> = (0..n).map(|i| item(i, if i + 1 == n { "9億円" } else { "5億円" })).collect();
    format!("{{\"format\":\"yosan/1\",\"dataset\":{{\"id\":\"mini\",\"title\":\"t\",\"fiscal_year\":\"令和4年度\"}},\"items\":[{}]}}", items.join(","))
}

#[test]
fn a_finding_far_into_a_long_line_is_drawn_in_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let data = minified(2000);
    assert!(data.len() > 160_000);
    std::fs::write(dir.path().join("mini.yaml"), &data).unwrap();
    let output = run(dir.path(), &["check", "mini.yaml"], 1);
    let human = text(&output.stdout);
    assert!(human.len() < 4_000, "{} bytes", human.len());
    assert!(human.contains('…'));
    let parsed = json(&run(dir.path(), &["check", "--format", "json", "mini.yaml"], 1));
    let finding = &parsed["findings"][0];
    let header = format!("mini.yaml:{}:{}]", finding["line"], finding["column"]);
    assert!(human.contains(&header), "the header is not {header}:\n{human}");
}

#[test]
fn names_of_tabs_and_wide_characters_do_not_break_the_renderer() {
    let dir = tempfile::tempdir().unwrap();
    for (file, name) in [("tabs.yaml", "\t".repeat(17_000)), ("wide.yaml", "予".repeat(33_000))] {
        let body = format!("{HEADER}items:\n  - {{id: a, name: \"{name}\", amount: 10億円, items: [{{id: b, name: x, amount: 3億円}}]}}\n");
        std::fs::write(dir.path().join(file), body).unwrap();
        let human = text(&run(dir.path(), &["check", file], 1).stdout);
        assert!(human.len() < 8_000, "{file}: {} bytes", human.len());
        assert_terminal_safe(&human);
    }
}

#[test]
fn many_findings_on_one_line_print_a_window_each() {
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<String> = (0..1400).map(|i| format!("{{id: p{i}, name: 事業{i}, amount: 12 億円}}")).collect();
    std::fs::write(dir.path().join("one.yaml"), format!("{HEADER}items: [{}]\n", items.join(", "))).unwrap();
    let output = run(dir.path(), &["check", "one.yaml"], 1);
    assert_eq!(text(&output.stdout).matches("amount-format").count(), 1400);
    assert!(output.stdout.len() < 1400 * 1_000, "{} bytes", output.stdout.len());
}

#[test]
fn labels_far_apart_are_separate_snippets() {
    let dir = tempfile::tempdir().unwrap();
    let filler: String = (0..5_000).map(|i| format!("      # filler {i}\n")).collect();
    let body = format!(
        "{HEADER}items:\n  - id: p\n    name: p\n    amount: 10億円\n    items:\n      - {{id: a, name: 同じ, amount: 5億円}}\n{filler}      - {{id: b, name: 同じ, amount: 5億円}}\n"
    );
    std::fs::write(dir.path().join("far.yaml"), body).unwrap();
    let human = text(&run(dir.path(), &["check", "far.yaml"], 1).stdout);
    assert!(human.contains("duplicate-listing"), "{human}");
    assert!(human.lines().count() < 40, "{human}");
}

#[test]
fn control_characters_from_data_keys_and_file_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        "{HEADER}items:\n  - id: a\n    name: \"\\e]0;pwned\\a\\e[2J\\u202eabc\\r\"\n    amount: 10億円\n    items:\n      - {{id: b, name: \"x\\e[31m\", amount: 3億円}}\n  - {{id: c, name: \"\u{202e}raw\", \"k\\e[2Jey\": y}}\n"
    );
    std::fs::write(dir.path().join("ctrl.yaml"), body).unwrap();
    let raw = format!("{HEADER}items:\n  - {{id: a, name: \"x\u{1b}]0;title\u{7}\", amount: 1億円}}\n");
    std::fs::write(dir.path().join("raw\u{1b}[31m.yaml"), raw).unwrap();
    let human = text(&run(dir.path(), &["check", "."], 1).stdout);
    assert!(human.contains("\\u{1b}]0;pwned\\u{7}"), "{human}");
    assert!(human.contains("raw\\u{1b}[31m.yaml"), "{human}");
    assert_terminal_safe(&human);
}

#[test]
fn old_mac_line_ends_give_lines_and_suppressions_their_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        "{HEADER}items:\n  - id: a\n    name: a\n    amount: 10億円 # yosan-allow: sum-mismatch -- test\n    items:\n      - {{id: b, name: y, amount: 1億円}}\n  - id: c\n    name: c\n    amount: 10億円\n    items:\n      - {{id: d, name: y, amount: 1億円}}\n"
    )
    .replace('\n', "\r");
    std::fs::write(dir.path().join("cr.yaml"), body).unwrap();
    let parsed = json(&run(dir.path(), &["check", "--format", "json", "cr.yaml"], 1));
    let findings = parsed["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!((findings[0]["rule"].as_str(), findings[0]["line"].as_u64()), (Some("sum-mismatch"), Some(11)));
}

#[test]
fn a_file_reached_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("d")).unwrap();
    std::fs::write(dir.path().join("d/a.yaml"), format!("{HEADER}items: []\n")).unwrap();
    let parsed = json(&run(dir.path(), &["check", "--format", "json", "d", "./d/a.yaml", "d/../d/a.yaml"], 0));
    assert_eq!(parsed["summary"]["files"], 1);
}

#[cfg(unix)]
#[test]
fn unreadable_paths_are_findings_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("good.yaml"), format!("{HEADER}items:\n  - {{id: a, name: a, amount: 1 億円}}\n"))
        .unwrap();
    std::os::unix::fs::symlink(data.join("gone.yaml"), data.join("broken.yaml")).unwrap();
    std::os::unix::fs::symlink(data.join("good.yaml"), data.join("link.yaml")).unwrap();
    let fifo = data.join("pipe.yaml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let parsed = json(&run(dir.path(), &["check", "--format", "json", "d"], 1));
    let mut found: Vec<(String, String)> = parsed["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().into(), f["file"].as_str().unwrap().into()))
        .collect();
    found.sort();
    let expected =
        [("amount-format", "d/good.yaml"), ("unreadable-file", "d/broken.yaml"), ("unreadable-file", "d/pipe.yaml")];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(found, expected);
    // A FIFO named on the command line does not hang the run either.
    let human = text(&run(dir.path(), &["check", "d/pipe.yaml"], 1).stdout);
    assert!(human.contains("it is a FIFO, not a regular file"), "{human}");
}

#[test]
fn an_oversized_dataset_is_refused_by_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    file.set_len(1024 * 1024 * 1024).unwrap();
    let parsed = json(&run(dir.path(), &["check", "--format", "json", "huge.yaml"], 1));
    assert_eq!(parsed["findings"][0]["rule"], "input-limit");
}

#[test]
fn rule_and_config_files_never_echo_what_is_not_a_rule_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.env"), "AWS_SECRET=hunter2\n").unwrap();
    std::fs::write(dir.path().join("secret.yaml"), "AWS_SECRET=hunter2\nTOKEN: [\n").unwrap();
    std::fs::write(dir.path().join("scalar.yaml"), "AWS_SECRET=hunter2\n").unwrap();
    for args in [
        &["--rules", "secret.env", "check", "."][..],
        &["--rules", "secret.yaml", "check", "."],
        &["--rules", "scalar.yaml", "check", "."],
        &["--config", "secret.env", "check", "."],
        &["--rules", "/dev/zero", "check", "."],
        &["--rules", "/", "check", "."],
    ] {
        let output = run(dir.path(), args, 2);
        let all = text(&output.stdout) + &text(&output.stderr);
        assert!(!all.contains("hunter2"), "{args:?} echoed the secret:\n{all}");
    }
    std::fs::write(dir.path().join("yosan.toml"), "rules = [\"secret.env\"]\n").unwrap();
    let all = text(&run(dir.path(), &["check", "."], 2).stderr);
    assert!(!all.contains("hunter2"), "{all}");
    for outside in ["/etc/shadow.yaml", "../x.yaml"] {
        std::fs::write(dir.path().join("yosan.toml"), format!("rules = [\"{outside}\"]\n")).unwrap();
        let all = text(&run(dir.path(), &["check", "."], 2).stderr);
        assert!(all.contains("out of the project") || all.contains("absolute path"), "{all}");
    }
}

#[test]
fn a_rule_file_error_far_into_a_line_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let rules = format!("rules: [{{code: x, severity: error, summary: s, docs: d, check: {{kind: sum, report: mismatch}}, {}bogus: 1}}]\n", " ".repeat(70_000));
    std::fs::write(dir.path().join("rules.yaml"), rules).unwrap();
    let stderr = text(&run(dir.path(), &["--rules", "rules.yaml", "rules"], 2).stderr);
    assert!(stderr.contains("bogus"), "{stderr}");
    assert!(stderr.len() < 4_000);
}

#[test]
fn a_closed_pipe_keeps_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<String> = (0..2000).map(|i| format!("  - {{id: p{i}, name: 事業{i}, amount: 12 億円}}\n")).collect();
    std::fs::write(dir.path().join("a.yaml"), format!("{HEADER}items:\n{}", items.concat())).unwrap();
    let script = format!(
        "'{}' check a.yaml | head -c 10 > /dev/null; exit ${{PIPESTATUS[0]}}",
        assert_cmd::cargo::cargo_bin("yosan").display()
    );
    let status = std::process::Command::new("bash").arg("-c").arg(script).current_dir(dir.path()).status().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn findings_about_an_alias_point_at_the_alias() {
    let dir = tempfile::tempdir().unwrap();
    let aliases = "  - *it\n".repeat(300);
    let body = format!("{HEADER}items:\n  - &it {{id: x, name: x, amount: 1 億円}}\n{aliases}");
    std::fs::write(dir.path().join("a.yaml"), body).unwrap();
    let parsed = json(&run(dir.path(), &["check", "--format", "json", "a.yaml"], 1));
    let mut lines: Vec<u64> = parsed["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "amount-format")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    lines.dedup();
    assert_eq!(lines, (4..=304).collect::<Vec<u64>>());
}

#[test]
fn rejected_arguments_are_not_echoed_raw() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["check", "--format", "\u{1b}[2J\u{7}"][..],
        &["explain", "\u{1b}]0;title\u{7}"],
        &["check", "--select", "\u{1b}[2J"],
    ] {
        let output = yosan(dir.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_terminal_safe(&(text(&output.stdout) + &text(&output.stderr)));
    }
}
