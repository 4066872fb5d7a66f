//! Baselines: today's findings recorded in a file, so that a team can adopt yosan as a CI gate
//! on data that already has findings. `check --baseline FILE` then fails only on findings that
//! are not in it, and names the entries that no longer match any finding (stale: pruned with
//! `yosan baseline --prune`).
//!
//! Entries are [`Fingerprint`]s (code, dataset id, item id path, figures; never a line), matched
//! as a multiset: two equal findings need two entries. The file is JSON, one entry per finding,
//! sorted, so that a change to it reads well in a diff.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::engine::Outcome;
use crate::findings::Finding;
use crate::fingerprint::Fingerprint;

/// The format's name and version, the file's first key.
const VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    #[serde(rename = "yosan-baseline")]
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One recorded finding: what recognises it, and its message when recorded (for the reader
/// of the file; not matched).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(flatten)]
    pub fingerprint: Fingerprint,
    #[serde(default)]
    pub message: String,
}

/// What a baseline made of a run.
#[derive(Debug, Default)]
pub struct Applied {
    /// The findings the baseline knows, taken out of the run's findings.
    pub baselined: Vec<Finding>,
    /// The entries that match no finding any more.
    pub stale: Vec<Entry>,
}

impl Baseline {
    /// Today's findings of `outcome`.
    pub fn record(outcome: &Outcome) -> Baseline {
        let entries = outcome.findings.iter().map(|f| entry(f, outcome)).collect();
        Baseline::of(entries)
    }

    fn of(mut findings: Vec<Entry>) -> Baseline {
        findings.sort();
        Baseline { version: VERSION, findings }
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if baseline.version != VERSION {
            return Err(format!(
                "this is a baseline of version {}; this yosan reads version {VERSION}",
                baseline.version
            ));
        }
        Ok(baseline)
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Takes the findings the baseline knows out of `outcome`.
    pub fn apply(&self, outcome: &mut Outcome) -> Applied {
        let mut left = self.counts();
        let mut applied = Applied::default();
        let mut new = Vec::new();
        for finding in std::mem::take(&mut outcome.findings) {
            let fingerprint = Fingerprint::of(&finding, outcome);
            match left.get_mut(&fingerprint) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    applied.baselined.push(finding);
                }
                _ => new.push(finding),
            }
        }
        outcome.findings = new;
        for entry in &self.findings {
            if let Some(n) = left.get_mut(&entry.fingerprint).filter(|n| **n > 0) {
                *n -= 1;
                applied.stale.push(entry.clone());
            }
        }
        applied
    }

    /// The entries that still match a finding of `outcome`; new findings are not added.
    pub fn prune(&self, outcome: &Outcome) -> Baseline {
        let mut left = self.counts();
        let mut kept = Vec::new();
        for finding in &outcome.findings {
            let fingerprint = Fingerprint::of(finding, outcome);
            if let Some(n) = left.get_mut(&fingerprint).filter(|n| **n > 0) {
                *n -= 1;
                kept.push(entry(finding, outcome));
            }
        }
        Baseline::of(kept)
    }

    fn counts(&self) -> HashMap<Fingerprint, usize> {
        let mut counts = HashMap::new();
        for entry in &self.findings {
            *counts.entry(entry.fingerprint.clone()).or_insert(0) += 1;
        }
        counts
    }
}

fn entry(finding: &Finding, outcome: &Outcome) -> Entry {
    Entry { fingerprint: Fingerprint::of(finding, outcome), message: finding.defect.message.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{check_inputs, Input, Options};
    use crate::rules::Catalog;

    const HEADER: &str = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 令和4年度}\nitems:\n";

    fn outcome(body: &str) -> Outcome {
        let catalog = Catalog::shipped().unwrap();
        let input = Input::Bytes("d.yaml".into(), format!("{HEADER}{body}").into_bytes());
        check_inputs(&catalog, &Options::new(Vec::new()), vec![input])
    }

    const BODY: &str =
        "  - id: pj\n    name: p\n    amount: 10億円\n    items:\n      - {id: a, name: a, amount: 3億円}\n";

    #[test]
    fn moved_lines_stay_baselined_and_a_second_defect_is_new() {
        let baseline = Baseline::parse(&Baseline::record(&outcome(BODY)).to_json()).unwrap();
        assert_eq!(baseline.findings.len(), 1);
        let mut moved = outcome(&format!("  - {{id: first, name: 先頭, amount: 1億円}}\n{BODY}"));
        let applied = baseline.apply(&mut moved);
        assert!(moved.findings.is_empty() && applied.stale.is_empty());
        assert_eq!(applied.baselined.len(), 1);
        let mut second = outcome(&format!("{BODY}  - id: pj2\n    name: q\n    amount: 10億円\n    items:\n      - {{id: b, name: b, amount: 3億円}}\n"));
        baseline.apply(&mut second);
        assert_eq!(second.findings.len(), 1);
        assert_eq!(second.findings[0].defect.item.as_deref(), Some("pj2"));
    }

    #[test]
    fn a_fixed_finding_leaves_a_stale_entry_that_prune_removes() {
        let baseline = Baseline::record(&outcome(BODY));
        let mut fixed = outcome(&BODY.replace("10億円", "3億円"));
        let applied = baseline.apply(&mut fixed);
        assert_eq!(applied.stale.len(), 1);
        assert!(baseline.prune(&fixed).findings.is_empty());
    }

    #[test]
    fn a_baseline_of_another_version_or_with_unknown_keys_is_refused() {
        assert!(Baseline::parse("{\"yosan-baseline\": 2, \"findings\": []}").is_err());
        assert!(Baseline::parse("{\"yosan-baseline\": 1, \"findings\": [], \"extra\": 1}").is_err());
        assert!(Baseline::parse("not json").is_err());
    }
}
