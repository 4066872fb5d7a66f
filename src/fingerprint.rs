//! How a finding is recognised across versions of a file — by baselines, SARIF's
//! `partialFingerprints` and GitLab's `fingerprint`: its code, its dataset's id, the id path of
//! the item it is about, and the figures involved (the text at its primary place and at each of
//! its labels), never its line. Inserting lines above a finding keeps it the same finding; the
//! same code on another item is another finding.

use serde::{Deserialize, Serialize};

use crate::engine::Outcome;
use crate::findings::Finding;
use crate::model::fields::Subject;
use crate::model::Dataset;
use crate::span::Span;

/// The figures kept of a finding: at most this many places, each at most this many characters.
const MAX_FIGURES: usize = 8;
const MAX_FIGURE_CHARS: usize = 64;

/// What recognises a finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    pub code: String,
    /// The dataset's id; for a file with none (not YAML, unreadable), its name.
    pub dataset: String,
    /// The ids from the top-level item down to the item the finding is about, `/`-separated;
    /// empty for a finding about the dataset as a whole.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub item: String,
    /// The text at the finding's places, primary first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<String>,
}

impl Fingerprint {
    pub fn of(finding: &Finding, outcome: &Outcome) -> Fingerprint {
        let defect = &finding.defect;
        let dataset = outcome.datasets.iter().find(|d| d.file == defect.file);
        let name = outcome.files.get(defect.file).map_or("?", |f| f.name.as_str());
        let dataset_id = defect.dataset.as_deref().or(dataset.and_then(|d| d.id())).unwrap_or(name).to_string();
        // A check names its item; only loading defects are found by place (a scan of the items).
        let item = match (defect.subject, dataset) {
            (Some(Subject::Item(d, index)), _) => outcome.datasets.get(d).map(|d| d.id_path(index)),
            (_, Some(dataset)) => Some(item_path(dataset, defect.span)),
            _ => None,
        }
        .unwrap_or_default();
        let text = |file: usize, span: Span| {
            let text = outcome.files.get(file).and_then(|f| f.text.get(span.range())).unwrap_or("");
            text.trim().chars().take(MAX_FIGURE_CHARS).collect::<String>()
        };
        let places = std::iter::once((defect.file, defect.span)).chain(defect.labels.iter().map(|l| (l.file, l.span)));
        let figures = places.take(MAX_FIGURES).map(|(file, span)| text(file, span)).collect();
        Fingerprint { code: finding.code.to_string(), dataset: dataset_id, item, figures }
    }

    /// A short stable hash of the fingerprint (FNV-1a, 64 bits, hex), for formats that want one
    /// string.
    pub fn hash(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |bytes: &[u8]| {
            for &b in bytes {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
            hash ^= 0xff;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        };
        feed(self.code.as_bytes());
        feed(self.dataset.as_bytes());
        feed(self.item.as_bytes());
        for figure in &self.figures {
            feed(figure.as_bytes());
        }
        format!("{hash:016x}")
    }
}

/// The id path of the innermost item whose mapping holds `span`. Items are in file order
/// (parents before their children), so it is the last item that starts at or before `span`, or
/// one of its ancestors: a binary search and a walk up, not a scan per finding.
fn item_path(dataset: &Dataset, span: Span) -> String {
    let items = &dataset.items;
    let after = items.partition_point(|item| item.extent.start() <= span.start());
    let mut next = after.checked_sub(1);
    while let Some(index) = next {
        let item = &items[index];
        if span.start() < item.extent.end() {
            return dataset.id_path(index);
        }
        next = item.parent();
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{check_inputs, Input, Options};
    use crate::rules::Catalog;

    fn fingerprints(text: &str) -> Vec<Fingerprint> {
        let catalog = Catalog::shipped().unwrap();
        let input = Input::Bytes("d.yaml".into(), text.as_bytes().to_vec());
        let outcome = check_inputs(&catalog, &Options::new(Vec::new()), vec![input]);
        outcome.findings.iter().map(|f| Fingerprint::of(f, &outcome)).collect()
    }

    const HEADER: &str = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 令和4年度}\nitems:\n";

    #[test]
    fn lines_above_do_not_change_a_fingerprint_and_another_item_does() {
        let body = "  - id: pj\n    name: p\n    items:\n      - {id: a, name: a, amount: 12 億円}\n";
        let before = fingerprints(&format!("{HEADER}{body}"));
        let after = fingerprints(&format!("{HEADER}  - {{id: new, name: 新規, amount: 1億円}}\n{body}"));
        assert_eq!(before, after);
        assert_eq!(before[0].item, "pj/a", "{before:?}");
        assert_eq!(before[0].figures, ["12 億円"]);
        let other = fingerprints(&format!("{HEADER}{body}      - {{id: b, name: b, amount: 12 億円}}\n"));
        assert_eq!(other.len(), 2);
        assert_ne!(other[0], other[1]);
        assert_ne!(other[0].hash(), other[1].hash());
    }

    #[test]
    fn the_innermost_item_is_found_at_every_offset_as_a_scan_finds_it() {
        let text = format!(
            "{HEADER}  - id: a\n    name: A\n    items:\n      - id: b\n        name: B\n        items:\n          - {{id: c, name: C, colour: red}}\n      - {{id: d, name: D}}\n    note: after the children\n  - {{id: e, name: E}}\n"
        );
        let document = crate::load::load(&text, &crate::load::Limits::default()).unwrap();
        let dataset = crate::model::build(0, document.root.as_ref()).0;
        for offset in 0..text.len() {
            let span = Span::at(offset);
            let scanned = dataset
                .items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.extent.start() <= offset && offset < item.extent.end())
                .max_by_key(|(_, item)| item.depth)
                .map_or_else(String::new, |(index, _)| dataset.id_path(index));
            assert_eq!(item_path(&dataset, span), scanned, "at byte {offset}");
        }
    }
}
