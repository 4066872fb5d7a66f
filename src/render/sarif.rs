//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and every tool that reads it.
//!
//! One run: the rules of the catalog (`shortDescription` from the summary, `fullDescription`
//! from the first paragraph of the docs, `help` the docs themselves, `defaultConfiguration.level`
//! from the severity); one result a finding, with its region (1-based lines, columns in Unicode
//! code points: `columnKind` says so), a related location for every label, a partial
//! fingerprint that ignores lines; suppressed findings with their `inSource` suppression and its
//! reason; with a baseline, `baselineState` `new` or `unchanged`. A run that could not be done is
//! an invocation that did not succeed, with its error.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::place::Place;
use super::Run;
use crate::findings::{Finding, Severity};
use crate::fingerprint::Fingerprint;
use crate::rules::Rule;

pub const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub fn render(run: &Run<'_>) -> String {
    let rules: Vec<&Rule> = run.catalog.map(|c| c.rules.iter().collect()).unwrap_or_default();
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (&*r.code, i)).collect();
    let mut results = Vec::new();
    let state = |s: &'static str| run.baseline.then_some(s);
    for finding in &run.outcome.findings {
        results.push(result(run, finding, &index, state("new"), None));
    }
    for finding in run.baselined {
        results.push(result(run, finding, &index, state("unchanged"), None));
    }
    for (suppression, findings) in &run.outcome.suppressed {
        let reason = suppression.reason.as_deref().unwrap_or("");
        for finding in findings {
            results.push(result(run, finding, &index, None, Some(reason)));
        }
    }
    let mut invocation = json!({ "executionSuccessful": run.error.is_none() });
    if let Some(error) = run.error {
        invocation["toolExecutionNotifications"] = json!([{ "level": "error", "message": { "text": error } }]);
    }
    let document = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "yosan",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|r| rule(r)).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation],
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(rule: &Rule) -> Value {
    let first_paragraph = rule
        .docs
        .split("\n\n")
        .map(|p| p.trim())
        .find(|p| !p.is_empty() && !p.starts_with('#'))
        .unwrap_or(&rule.summary);
    json!({
        "id": &*rule.code,
        "name": &*rule.code,
        "shortDescription": { "text": &rule.summary },
        "fullDescription": { "text": first_paragraph },
        "help": { "text": &rule.docs, "markdown": &rule.docs },
        "defaultConfiguration": { "level": level(rule.severity) },
    })
}

fn result(
    run: &Run<'_>,
    finding: &Finding,
    index: &HashMap<&str, usize>,
    baseline_state: Option<&str>,
    suppressed_because: Option<&str>,
) -> Value {
    let d = &finding.defect;
    let files = &run.outcome.files;
    let related: Vec<Value> = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut location = location(&Place::of(files, label.file, label.span));
            location["id"] = json!(i + 1);
            location["message"] = json!({ "text": &label.message });
            location
        })
        .collect();
    let message = match &d.help {
        Some(help) => format!("{}\n\n{help}", d.message),
        None => d.message.clone(),
    };
    let mut result = json!({
        "ruleId": &*finding.code,
        "level": level(finding.severity),
        "message": { "text": message },
        "locations": [location(&Place::of(files, d.file, d.span))],
        "partialFingerprints": { "yosan/v1": Fingerprint::of(finding, run.outcome).hash() },
    });
    if let Some(&i) = index.get(&*finding.code) {
        result["ruleIndex"] = json!(i);
    }
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    if let Some(state) = baseline_state {
        result["baselineState"] = json!(state);
    }
    if let Some(reason) = suppressed_because {
        result["suppressions"] = json!([{ "kind": "inSource", "status": "accepted", "justification": reason }]);
    }
    result
}

fn location(place: &Place<'_>) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(place.file) },
            "region": {
                "startLine": place.line,
                "startColumn": place.column,
                "endLine": place.end_line,
                "endColumn": place.end_column.max(if place.end_line == place.line { place.column } else { 1 }),
            },
        },
    })
}

/// A relative path as a URI reference: `/` between segments, everything but the unreserved
/// characters percent-encoded (Japanese file names included).
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("./datasets/r4 予算.yaml"), "datasets/r4%20%E4%BA%88%E7%AE%97.yaml");
        assert_eq!(uri("a\\b.yaml"), "a/b.yaml");
    }
}
