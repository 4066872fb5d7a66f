use super::*;
use crate::model::SchemaDefect;

#[test]
fn the_shipped_rules_load() {
    let catalog = Catalog::shipped().unwrap();
    assert!(catalog.get("yaml-syntax").is_some());
}

#[test]
fn every_schema_defect_has_a_shipped_rule() {
    let catalog = Catalog::shipped().unwrap();
    for (name, defect) in SchemaDefect::FORMS {
        let bound =
            catalog.rules.iter().any(|r| r.check == Check::Schema(crate::checks::schema::Params { defect: *defect }));
        assert!(bound, "no rule reports the schema defect `{name}`");
    }
}

#[test]
fn every_rule_file_in_the_folder_is_embedded() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in std::fs::read_dir(folder).unwrap() {
        let name = format!("rules/{}", entry.unwrap().file_name().to_string_lossy());
        assert!(SHIPPED.iter().any(|(shipped, _)| *shipped == name), "{name} is not in rules::SHIPPED");
    }
}

#[test]
fn every_rule_has_the_doc_sections() {
    for rule in Catalog::shipped().unwrap().rules {
        for section in ["## What it does", "## Why is this bad?", "## Example", "Use instead:"] {
            assert!(rule.docs.contains(section), "{}: docs lack `{section}`", rule.code);
        }
        assert!(!rule.summary.ends_with('.'), "{}: a summary has no final period", rule.code);
    }
}

fn error_of(text: &str) -> Box<crate::setup_error::SetupError> {
    Catalog::default().add_file("bad.yaml", text).unwrap_err()
}

#[test]
fn broken_rule_files_point_at_the_problem() {
    let rule = "rules:\n  - code: my-rule\n    severity: error\n    summary: s\n    docs: d\n    check: {kind: schema, defect: yaml-syntax}\n";
    assert!(Catalog::default().add_file("ok.yaml", rule).is_ok());
    let e = error_of(&rule.replace("severity: error", "severity: fatal"));
    assert!(e.message.contains("severity"));
    let with_colour = format!("{rule}    colour: red\n");
    let e = error_of(&with_colour);
    assert!(e.message.contains("unknown key `colour`"));
    assert_eq!(&with_colour[e.span.unwrap().range()], "colour");
    let e = error_of(&rule.replace("kind: schema", "kind: magic"));
    assert!(e.message.contains("unknown check kind `magic`"));
    let e = error_of(&rule.replace("defect: yaml-syntax", "defect: typo"));
    assert!(e.message.contains("unknown defect"));
    let e = error_of("rules: [\n");
    assert!(!e.message.is_empty());
    let mut catalog = Catalog::shipped().unwrap();
    let e = catalog.add_file("again.yaml", &rule.replace("my-rule", "yaml-syntax")).unwrap_err();
    assert!(e.message.contains("already defined"));
}

#[test]
fn lists_in_rule_files_take_one_word_or_a_list_and_name_their_choices() {
    let rule = |body: &str| format!("rules:\n  - code: r\n    severity: error\n    summary: s\n    docs: d\n{body}");
    let e = error_of(&rule("    check: {kind: link-cycle, kinds: [handoff, loop]}\n"));
    assert!(e.message.contains("`kinds` takes `handoff`, `collaboration`, `feedback`, not `loop`"), "{}", e.message);
    let e = error_of(&rule("    check: {kind: references, fields: [amount]}\n"));
    assert!(e.message.contains("not `amount`"), "{}", e.message);
    let e = error_of(&rule("    select: {has: nope}\n    check: {kind: required, fields: name}\n"));
    assert!(e.message.contains("`has` takes id, name, amount"), "{}", e.message);
    let one = rule("    select: {ministry: 厚}\n    check: {kind: link-cycle, kinds: handoff}\n");
    assert!(Catalog::default().add_file("one.yaml", &one).is_err(), "ministry selects items, link-cycle links");
    let one = rule("    check: {kind: link-cycle, kinds: handoff}\n");
    assert!(Catalog::default().add_file("one.yaml", &one).is_ok());
}

#[test]
fn a_field_parameter_names_exactly_one_field() {
    let rule = |field: &str| {
        format!("rules:\n  - code: r\n    severity: error\n    summary: s\n    docs: d\n    check: {{kind: unique, field: {field}, scope: dataset}}\n")
    };
    assert!(Catalog::default().add_file("ok.yaml", &rule("name")).is_ok());
    assert!(error_of(&rule("[]")).message.contains("one field"));
    assert!(error_of(&rule("[name, page]")).message.contains("one field"));
    assert!(error_of(&rule("[name]")).message.contains("one field"));
}
