//! The rule documentation is tested: every rule's `## Example` yields exactly its own finding,
//! its `Use instead:` yields nothing at all, and the core codes and severities are those of
//! the spec's table (copied in `tests/spec-core-codes.md`).
//!
//! An example that does not start with `format:` is a fragment: it is checked under a
//! standard header (`format`, `dataset` with id `example`, title and fiscal year). An example
//! of several datasets separates them with `---` lines; each becomes a file of one run.
//! `Use instead` may keep notes (`info`) of other rules, as when figures agree only within
//! rounding, but nothing of its own rule and no error or warning. A ```toml block right under
//! `## Example` is the `yosan.toml` both examples are checked with.

use std::path::Path;

use yosan::config::Config;
use yosan::engine::{check, Options};
use yosan::findings::{Finding, Severity};
use yosan::policy::Policy;
use yosan::rules::{Catalog, Rule};

const HEADER: &str = "format: yosan/1\ndataset:\n  id: example\n  title: 例\n  fiscal_year: 令和4年度\n";

/// The first ```yaml block after `marker` in `docs`.
fn block<'a>(docs: &'a str, marker: &str) -> Option<&'a str> {
    let after = &docs[docs.find(marker)? + marker.len()..];
    let start = after.find("```yaml\n")? + "```yaml\n".len();
    let end = after[start..].find("```")?;
    Some(&after[start..start + end])
}

fn findings_of(catalog: &Catalog, example: &str, config: Option<&str>) -> Vec<Finding> {
    let dir = tempfile::tempdir().unwrap();
    let mut policy = Policy::default();
    if let Some(config) = config {
        let path = dir.path().join("yosan.toml");
        std::fs::write(&path, config).unwrap();
        policy = Config::read(&path).unwrap().policy(catalog).unwrap();
    }
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for (n, part) in example.split("\n---\n").enumerate() {
        let text = if part.starts_with("format:") { part.to_string() } else { format!("{HEADER}{part}") };
        std::fs::write(data.join(format!("example-{n}.yaml")), text).unwrap();
    }
    let options = Options { policy, ..Options::new(vec![data]) };
    check(catalog, &options).unwrap().findings
}

/// A ```toml block right under `## Example`: the configuration both examples run with.
fn config_block(docs: &str) -> Option<&str> {
    let after = &docs[docs.find("## Example")? + "## Example".len()..];
    let body = after.trim_start().strip_prefix("```toml\n")?;
    Some(&body[..body.find("```")?])
}

fn codes(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(|f| format!("{} ({})", f.code, f.defect.message)).collect()
}

/// Rules whose example is a state of the file system, not a dataset:
/// `tests/hostile.rs` (`unreadable_paths_are_findings_and_the_rest_is_checked`) runs them.
const NOT_A_DATASET: &[&str] = &["unreadable-file"];

/// Checks one rule's documentation with the rules of `catalog`.
fn check_rule(catalog: &Catalog, rule: &Rule) -> Result<(), String> {
    if NOT_A_DATASET.contains(&&*rule.code) {
        return rule.docs.contains("## Example").then_some(()).ok_or_else(|| "no ## Example".to_string());
    }
    let example = block(&rule.docs, "## Example").ok_or("no ```yaml block under ## Example")?;
    let config = config_block(&rule.docs);
    let found = findings_of(catalog, example, config);
    if found.len() != 1 || *found[0].code != *rule.code {
        return Err(format!("the example yields {:?}", codes(&found)));
    }
    let instead = block(&rule.docs, "Use instead:").ok_or("no ```yaml block under Use instead:")?;
    let found = findings_of(catalog, instead, config);
    if found.iter().any(|f| f.code == rule.code || f.severity > Severity::Info) {
        return Err(format!("the `Use instead` example yields {:?}", codes(&found)));
    }
    Ok(())
}

fn check_catalog(catalog: &Catalog, origin: Option<&str>) -> Vec<String> {
    catalog
        .rules
        .iter()
        .filter(|rule| origin.is_none_or(|o| *rule.origin == *o))
        .filter_map(|rule| check_rule(catalog, rule).err().map(|e| format!("{}: {e}", rule.code)))
        .collect()
}

#[test]
fn every_rule_example_yields_exactly_its_finding_and_use_instead_nothing() {
    let failures = check_catalog(&Catalog::shipped().unwrap(), None);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_example_rule_files_document_themselves_too() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&examples).unwrap() {
        let file = entry.unwrap().path().join("rules.yaml");
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let mut catalog = Catalog::shipped().unwrap();
        let origin = file.display().to_string();
        catalog.add_file(&origin, &text).unwrap();
        let failures = check_catalog(&catalog, Some(&origin));
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        checked += 1;
    }
    assert!(checked > 0, "no example rule file under examples/");
}

/// The table rows (`| `code` | severity | … |`) of a Markdown text.
fn code_rows(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("| `")).collect()
}

#[test]
fn the_core_codes_and_severities_are_the_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = std::fs::read_to_string(root.join("tests/spec-core-codes.md")).unwrap();
    let catalog = Catalog::shipped().unwrap();
    let rows = code_rows(&copy);
    for line in &rows {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (code, severity) = (cells[1].trim_matches('`'), cells[2]);
        let rule = catalog.get(code).unwrap_or_else(|| panic!("the core code `{code}` has no rule"));
        assert_eq!(rule.severity.name(), severity, "{code}");
    }
    assert_eq!(rows.len(), 21, "the table of core codes has changed");
}

/// Needs the spec beside the checkout (`../shared/`), which a user's clone does not have: run
/// with `cargo test -- --ignored` where it is (`.ci/run` does).
#[test]
#[ignore = "needs ../shared/spec beside the checkout"]
fn the_copy_of_the_core_codes_is_the_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = root.join("../shared/spec/dataset-format.md");
    let text = std::fs::read_to_string(&spec).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    let table = text.split("## What the engine checks").nth(1).unwrap().split("### ").next().unwrap();
    let copy = std::fs::read_to_string(root.join("tests/spec-core-codes.md")).unwrap();
    assert_eq!(code_rows(&copy), code_rows(table), "tests/spec-core-codes.md is stale: copy the spec's table");
}
