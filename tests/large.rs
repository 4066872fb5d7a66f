//! Large inputs: algorithms over the link graph are iterative, so a chain of 100,000 handoff
//! links closed into one loop is reported once, without overflowing the stack.

use std::fmt::Write;

use yosan::engine::{check, Options};
use yosan::rules::Catalog;

#[test]
fn a_loop_of_100000_handoff_links_is_one_finding() {
    const N: usize = 100_000;
    let mut text = String::from("format: yosan/1\ndataset: {id: chain, title: 連鎖, fiscal_year: 2026}\nitems:\n");
    for i in 0..N {
        writeln!(text, "  - {{id: p{i}, name: 事業{i}}}").unwrap();
    }
    text.push_str("links:\n");
    for i in 0..N {
        writeln!(text, "  - {{from: p{i}, to: p{}, kind: handoff}}", (i + 1) % N).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chain.yaml");
    std::fs::write(&path, text).unwrap();
    let outcome = check(&Catalog::shipped().unwrap(), &Options::new(vec![path])).unwrap();
    let cycles: Vec<_> = outcome.findings.iter().filter(|f| &*f.code == "link-cycle").collect();
    assert_eq!(cycles.len(), 1, "{:?}", outcome.findings.iter().map(|f| &f.defect.message).collect::<Vec<_>>());
    let message = &cycles[0].defect.message;
    assert!(message.starts_with("the links form a loop: p0 → p1 → p2"), "{message}");
    assert!(message.ends_with("→ p11 → … (100000 links in all) → p0"), "{message}");
    assert_eq!(cycles[0].defect.labels.len(), 12);
    assert_eq!(outcome.findings.len(), 1);
}
