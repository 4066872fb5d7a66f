//! The rule language as a rule author meets it: every malformed rule stops the run with exit
//! status 2 and its place in the rule file, never a panic, never a rule that silently does
//! nothing; and random rule files never panic the reader.

mod support;

use std::path::Path;

use proptest::prelude::*;
use yosan::rules::Catalog;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rule_file(check: &str) -> String {
    format!("rules:\n  - code: my-rule\n    severity: error\n    summary: s\n    docs: d\n{check}")
}

fn compare(condition: &str) -> String {
    rule_file(&format!("    check:\n      kind: compare\n      condition: '{condition}'\n"))
}

/// Each malformed rule, and what the error must say.
fn malformed() -> Vec<(String, &'static str)> {
    vec![
        (compare("amount <= previos"), "unknown field `previos`"),
        (compare("amount > 50億"), "write `50億円`"),
        (compare("amount > 50 億円"), "a number and its unit are written together"),
        (compare("amount <= previous + 10億"), "write `10億円`"),
        (compare("amount <= parnet.amount"), "unknown field `parnet`"),
        (compare("ministry == 文部"), "is not a value of `ministry`"),
        (compare("amount == bogus"), "unknown field `bogus`"),
        (compare("name > 50億円"), "compares text with an amount"),
        (compare("amount > 1 amount"), "left over"),
        (compare("amount and previous"), "is not a condition"),
        (compare("sum(children.name) == amount"), "adds figures"),
        (compare("avg(children.amount) > 0"), "unknown function `avg`"),
        (compare("1 == 1"), "reads no field"),
        (
            rule_file("    check:\n      kind: pattern\n      field: name\n      regex: x\n      negate: yes\n"),
            "`negate` is `true` or `false`",
        ),
        (
            rule_file("    check:\n      kind: pattern\n      field: name\n      regex: x\n      negate: banana\n"),
            "`negate` is `true` or `false`",
        ),
        (
            rule_file("    select: {depth: {min: 5, max: 2}}\n    check: {kind: required, fields: amount}\n"),
            "`min` is above `max`",
        ),
        (rule_file("    check: {kind: required, fields: []}\n"), "name at least one field"),
        (rule_file("    check: {kind: unique, field: []}\n"), "names one field"),
        (rule_file("    check: {kind: unique, field: [name, id]}\n"), "names one field"),
        (rule_file("    check: {kind: sum, report: mismatch, of: [amount, previos]}\n"), "`of` takes"),
        (rule_file("    select: {dataset: Not_A_Slug}\n    check: {kind: required, fields: amount}\n"), "dataset ids"),
    ]
}

#[test]
fn every_malformed_rule_exits_2_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (i, (text, expected)) in malformed().into_iter().enumerate() {
        let path = dir.path().join(format!("rules-{i}.yaml"));
        std::fs::write(&path, &text).unwrap();
        let output = support::yosan(root()).args(["check", "datasets", "--rules"]).arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let flat: String = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
        let flat = flat.replace("│ ", "");
        if output.status.code() != Some(2) || !flat.contains(expected) || stderr.contains("panicked") {
            failures.push(format!("{text}\n  exit {:?}, wanted {expected:?} in:\n{stderr}", output.status.code()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_condition_error_points_into_the_condition() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.yaml");
    std::fs::write(&path, compare("amount <= previos")).unwrap();
    let output = support::run(root(), &["check", "datasets", "--rules", path.to_str().unwrap()], 2);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // `condition: 'amount <= previos'` is on line 8; `previos` starts at column 29.
    assert!(stderr.contains("rules.yaml:8:29]"), "{stderr}");
}

/// Words and symbols of the language, to make random conditions of.
const PIECES: &[&str] = &[
    "amount",
    "previous",
    "supplementary",
    "x-a",
    "name",
    "ministry",
    "depth",
    "parent",
    ".",
    "sum",
    "count",
    "children",
    "(",
    ")",
    "and",
    "or",
    "not",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "~=",
    "~",
    "!~",
    "+",
    "-",
    "*",
    "/",
    "1",
    "0",
    "1.5",
    "50億円",
    "1,238億円",
    "▲5億円",
    "\"研究\"",
    "\"(\"",
    "文",
    "厚",
    "true",
    "false",
    "50億",
    "1,23",
    "－",
    "×",
    "≈",
    "#",
    "'",
    "\"",
    "９",
    "..",
    "x-",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_conditions_never_panic_and_what_loads_evaluates(picks in proptest::collection::vec(0..PIECES.len(), 0..12)) {
        let condition: Vec<&str> = picks.iter().map(|&i| PIECES[i]).collect();
        let condition = condition.join(" ");
        let yaml = format!(
            "rules:\n  - code: r\n    severity: error\n    summary: s\n    docs: d\n    check:\n      kind: compare\n      condition: {}\n",
            serde_json::to_string(&condition).unwrap()
        );
        let mut catalog = Catalog::shipped().unwrap();
        if catalog.add_file("random.yaml", &yaml).is_ok() {
            let data = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 2024}\nitems:\n  - id: a\n    name: 研究\n    amount: 10億円\n    previous: 9億円\n    x-a: 1億円\n    ministry: 文\n    items:\n      - {id: b, name: b, amount: 10億円, previous: －}\n";
            let input = yosan::engine::Input::Bytes("d.yaml".into(), data.as_bytes().to_vec());
            let _ = yosan::engine::check_inputs(&catalog, &yosan::engine::Options::new(Vec::new()), vec![input]);
        }
    }

    #[test]
    fn random_rule_files_never_panic(text in "[a-z:{}\\[\\], \\n'\"0-9-]{0,200}") {
        let mut catalog = Catalog::shipped().unwrap();
        let _ = catalog.add_file("random.yaml", &format!("rules:\n  - code: r\n    severity: error\n    summary: s\n    docs: d\n    {text}"));
    }
}
