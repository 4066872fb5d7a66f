//! `--format gitlab`: GitLab Code Quality (a JSON array of issues), for merge-request widgets.
//! Each issue has a `description`, its `check_name` (the code), a `fingerprint` that ignores
//! lines (made unique per issue when one finding repeats), a `severity` (error → major,
//! warning → minor, note → info) and its `location` (path and lines).

use std::collections::HashMap;

use serde_json::{json, Value};

use super::place::Place;
use super::Run;
use crate::findings::Severity;
use crate::fingerprint::Fingerprint;

pub fn render(run: &Run<'_>) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<Value> = run
        .outcome
        .findings
        .iter()
        .map(|finding| {
            let d = &finding.defect;
            let place = Place::of(&run.outcome.files, d.file, d.span);
            let hash = Fingerprint::of(finding, run.outcome).hash();
            let count = seen.entry(hash.clone()).or_insert(0);
            *count += 1;
            let fingerprint = if *count == 1 { hash } else { format!("{hash}-{count}") };
            json!({
                "description": &d.message,
                "check_name": &*finding.code,
                "fingerprint": fingerprint,
                "severity": match finding.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "location": { "path": place.file, "lines": { "begin": place.line, "end": place.end_line } },
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_default()
}
