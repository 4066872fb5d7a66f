//! The examples of the documentation a dataset author reads are true: every ```yaml block of
//! `docs/format.md` and of the README is checked through the binary. A block that starts with
//! `format:` (after comments) is a dataset; one that starts with `rules:` is a rule file and must
//! load; one that starts with `items:` or `links:` is a fragment, checked under a standard header;
//! any other (a pre-commit configuration, a workflow) must be valid YAML. A dataset or fragment must
//! give exactly the findings its `# expect: CODE` comments name, and nothing else.

mod support;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const HEADER: &str = "format: yosan/1\ndataset:\n  id: example\n  title: 例\n  fiscal_year: 令和4年度\n";

/// The ```yaml blocks of a Markdown text, with the line each starts on.
fn yaml_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        match (&mut current, line.trim_start()) {
            (None, "```yaml") => current = Some((i + 2, String::new())),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

fn is_dataset(block: &str) -> bool {
    block.lines().find(|l| !l.trim_start().starts_with('#')).is_some_and(|l| l.starts_with("format:"))
}

fn yosan(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("yosan").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

/// What is wrong with one block, if anything.
fn check_block(doc: &str, line: usize, block: &str) -> Option<String> {
    let first = block.lines().find(|l| !l.trim_start().starts_with('#')).unwrap_or("");
    let fragment = first.starts_with("items:") || first.starts_with("links:");
    if !is_dataset(block) && !fragment && !block.starts_with("rules:") {
        // A .pre-commit-config.yaml, a GitHub workflow: valid YAML is all yosan can say of it.
        let loaded = yosan::load::load(block, &yosan::load::Limits::default());
        return loaded.err().map(|e| format!("{doc}:{line}: not YAML: {}", e.message));
    }
    let dir = tempfile::tempdir().unwrap();
    if block.starts_with("rules:") {
        std::fs::write(dir.path().join("rules.yaml"), block).unwrap();
        let output = yosan(dir.path()).args(["--rules", "rules.yaml", "rules"]).output().unwrap();
        let ok = output.status.success();
        return (!ok).then(|| {
            format!("{doc}:{line}: the rule file does not load:\n{}", String::from_utf8_lossy(&output.stderr))
        });
    }
    let text = if is_dataset(block) { block.to_string() } else { format!("{HEADER}{block}") };
    std::fs::write(dir.path().join("example.yaml"), &text).unwrap();
    let output = yosan(dir.path()).args(["check", "--format", "json", "example.yaml"]).output().unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).ok()?;
    let (expected, found) = (support::expectations("example.yaml", &text), support::found(&json));
    (expected != found).then(|| format!("{doc}:{line}: expected {expected:?}, found {found:?}\n{text}"))
}

fn check_doc(doc: &str) -> usize {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc)).unwrap();
    let blocks = yaml_blocks(&text);
    let failures: Vec<String> = blocks.iter().filter_map(|(line, block)| check_block(doc, *line, block)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    blocks.len()
}

#[test]
fn every_example_of_the_format_reference_is_true() {
    assert!(check_doc("docs/format.md") >= 10);
}

#[test]
fn every_example_of_the_readme_checks_clean() {
    assert!(check_doc("README.md") >= 2);
}

/// Runs a rule block with the dataset block after it (datasets split at `---`), only the rule
/// block's rules selected; what is wrong, if anything.
fn check_example(line: usize, rules: &str, data: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rules.yaml"), rules).unwrap();
    let codes: Vec<&str> = rules.lines().filter_map(|l| l.trim().strip_prefix("- code: ")).collect();
    let mut files = Vec::new();
    let mut expected = support::Expected::new();
    for (i, text) in data.split("\n---\n").enumerate() {
        let name = format!("example-{i}.yaml");
        std::fs::write(dir.path().join(&name), text).unwrap();
        expected.extend(support::expectations(&name, text));
        files.push(name);
    }
    let output = yosan(dir.path())
        .args(["check", "--format", "json", "--rules", "rules.yaml", "--select", &codes.join(",")])
        .args(&files)
        .output()
        .unwrap();
    let Ok(json) = serde_json::from_slice::<Value>(&output.stdout) else {
        return Some(format!("docs/rule-language.md:{line}: no JSON:\n{}", String::from_utf8_lossy(&output.stderr)));
    };
    let found = support::found(&json);
    (found != expected)
        .then(|| format!("docs/rule-language.md:{line}: expected {expected:?}, found {found:?}\n{json:#}"))
}

#[test]
fn every_example_of_the_rule_language_finds_what_it_says() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rule-language.md")).unwrap();
    let blocks = yaml_blocks(&text);
    let mut failures = Vec::new();
    let mut examples = String::new();
    for pair in blocks.windows(2) {
        let ((line, rules), (_, data)) = (&pair[0], &pair[1]);
        if rules.starts_with("rules:") && is_dataset(data) {
            failures.extend(check_example(*line, rules, data));
            examples.push_str(rules);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let kinds: Vec<&str> = yosan::checks::KINDS.iter().map(|(k, _)| *k).collect();
    let missing: Vec<&&str> = kinds.iter().filter(|k| !examples.contains(&format!("kind: {k}"))).collect();
    assert!(missing.is_empty(), "no example of the kinds {missing:?}");
    for function in ["parent.", "sum(children.", "count(children)", "~=", " or ", "not (", "x-", "of: ["] {
        assert!(examples.contains(function), "no example uses {function}");
    }
}

#[test]
fn the_format_reference_names_every_rule() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md")).unwrap();
    let catalog = yosan::rules::Catalog::shipped().unwrap();
    let missing: Vec<&str> =
        catalog.rules.iter().map(|r| &*r.code).filter(|code| !text.contains(&format!("`{code}`"))).collect();
    assert!(missing.is_empty(), "docs/format.md does not name {missing:?}");
}
