//! The rule catalog for people: a table (`yosan rules`), JSON, Markdown (`docs/rules.md`),
//! and one rule's documentation (`yosan explain`).

use crate::rules::{Catalog, Rule};

pub fn table(catalog: &Catalog) -> String {
    let width = |f: fn(&Rule) -> usize| catalog.rules.iter().map(f).max().unwrap_or(0);
    let code = width(|r| r.code.len()).max(4);
    let kind = width(|r| r.check.kind().len()).max(4);
    let mut text = format!("{:code$}  {:8}  {:kind$}  summary\n", "code", "severity", "kind");
    for rule in &catalog.rules {
        text.push_str(&format!(
            "{:code$}  {:8}  {:kind$}  {}\n",
            rule.code,
            rule.severity.name(),
            rule.check.kind(),
            rule.summary
        ));
    }
    text
}

pub fn json(catalog: &Catalog) -> String {
    let rules: Vec<_> = catalog
        .rules
        .iter()
        .map(|rule| {
            serde_json::json!({
                "code": &*rule.code,
                "severity": rule.severity,
                "kind": rule.check.kind(),
                "summary": rule.summary,
                "origin": &*rule.origin,
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "rules": rules })).unwrap_or_default()
}

/// What `yosan explain CODE` prints.
pub fn explain(rule: &Rule) -> String {
    format!("# {} ({})\n\n{}\n\n{}\n", rule.code, rule.severity, rule.summary, rule.docs.trim_end())
}

/// `docs/rules.md`: the table, then every rule's documentation.
pub fn markdown(catalog: &Catalog) -> String {
    let mut text = String::from(
        "# Rules\n\nGenerated from `rules/*.yaml` by `yosan rules --format markdown`; a test keeps it current.\n\n\
         | code | severity | kind | summary |\n| --- | --- | --- | --- |\n",
    );
    for rule in &catalog.rules {
        let anchor = &rule.code;
        text.push_str(&format!(
            "| [`{}`](#{anchor}) | {} | `{}` | {} |\n",
            rule.code,
            rule.severity,
            rule.check.kind(),
            rule.summary
        ));
    }
    for rule in &catalog.rules {
        let docs = rule.docs.trim_end().replace("\n## ", "\n### ");
        let docs = docs.strip_prefix("## ").map_or(docs.clone(), |d| format!("### {d}"));
        text.push_str(&format!(
            "\n## {}\n\n{} · check kind `{}` · `{}`\n\n{}\n\n{docs}\n",
            rule.code,
            rule.severity,
            rule.check.kind(),
            rule.origin,
            rule.summary
        ));
    }
    text
}
