//! The audit of the shipped datasets: `yosan check datasets/` passes, and its findings match
//! the snapshot, so a change in data or engine that alters the audit shows in review.

use std::path::Path;

use yosan::engine::{check, Options};
use yosan::rules::Catalog;

#[test]
fn the_audit_of_the_shipped_datasets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).unwrap();
    let outcome = check(&Catalog::shipped().unwrap(), &Options::new(vec!["datasets".into()])).unwrap();
    let mut audit = format!("{} files, {} datasets\n", outcome.files.len(), outcome.datasets.len());
    for finding in &outcome.findings {
        let file = &outcome.files[finding.defect.file];
        let line = file.position(finding.defect.span.start()).line;
        audit.push_str(&format!(
            "{} {} {}:{}\n  {}\n",
            finding.severity, finding.code, file.name, line, finding.defect.message
        ));
    }
    for (suppression, findings) in &outcome.suppressed {
        audit.push_str(&format!(
            "suppressed on line {}: {} finding(s) -- {}\n",
            suppression.line,
            findings.len(),
            suppression.reason.as_deref().unwrap_or("")
        ));
    }
    // No error; the only warnings are facts of the RS data that datasets/README.md verifies
    // against the source rows (執行額 above 計 in the sheet itself, 執行率 1.05).
    let unexplained = |f: &&yosan::findings::Finding| {
        f.severity >= yosan::findings::Severity::Warning && &*f.code != "rs-execution-above-total"
    };
    assert!(outcome.findings.iter().find(unexplained).is_none(), "{audit}");
    insta::assert_snapshot!(audit);
}
