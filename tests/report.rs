//! `yosan report` and `yosan diff` through the binary: the audit of the shipped datasets as
//! Markdown and JSON snapshots, hostile names kept as text in every format, the diff of two
//! versions of a dataset.

mod support;

use std::path::Path;

use support::run;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(run(root(), args, 0).stdout).unwrap()
}

/// The hand-transcribed datasets (`datasets/*.yaml`; the imported RS data below them is checked
/// elsewhere): the snapshots stay a size a reviewer reads.
fn transcribed() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("datasets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| format!("datasets/{}", p.file_name().unwrap().to_str().unwrap()))
        .collect();
    files.sort();
    files
}

fn report(format: &str) -> String {
    let mut args = vec!["report".to_string(), "--format".into(), format.into()];
    args.extend(transcribed());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    stdout(&args)
}

#[test]
fn the_markdown_report_of_the_shipped_datasets() {
    insta::assert_snapshot!(report("markdown"));
}

#[test]
fn the_report_of_the_imported_rs_data_shows_its_columns() {
    let text = stdout(&["report", "datasets/rs2024-amed/rs2024-mext-fy2024.yaml"]);
    assert!(text.contains("国立研究開発法人日本医療研究開発機構運営費交付金に必要な経費"), "{text}");
    assert!(text.contains("| 65.63837億円 | 66.29089億円 | −0.65252億円 (−1.0%) |"), "{text}");
    let yen = stdout(&["report", "datasets/rs2024-amed/rs2024-mext-fy2024.yaml", "--unit", "円"]);
    assert!(yen.contains("| 6,563,837,000円 | 6,629,089,000円 |"), "{yen}");
}

#[test]
fn the_json_report_of_the_shipped_datasets() {
    let text = report("json");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["format"], "yosan-report/1");
    assert_eq!(json["summary"]["sums"]["mismatch"], 0);
    insta::assert_snapshot!(text);
}

#[test]
fn the_report_shows_the_glossarys_figures_with_their_arithmetic() {
    let text = report("markdown");
    for expected in [
        "151.7億円",
        "1,238億円",
        "parts 96.7 + 35.4 + 106.2 = 238.3億円, 0.3億円 more than the line, within ±0.65億円",
        "parts 38 + 9 + 3 + 27 + 46 + 29 + 8 = 160億円, 1億円 less than the line, within ±4億円",
        "*(再掲 of `amed`, not counted)*",
        "```mermaid",
    ] {
        assert!(text.contains(expected), "missing {expected}");
    }
    let million = stdout(&["report", "datasets/r4-amed-projects.yaml", "--unit", "百万円"]);
    assert!(million.contains("15,170百万円"), "{million}");
}

#[test]
fn hostile_names_stay_text_and_suppressions_show_their_reason() {
    let dir = root().join("tests/report-fixtures/audit");
    let html = String::from_utf8(run(&dir, &["report", "hostile.yaml", "--format", "html"], 0).stdout).unwrap();
    assert!(!html.contains("<script>alert"), "a title became a script");
    assert!(!html.contains("<img src=x"), "a name became an element");
    assert!(!html.contains("</details> "), "a name closed an element");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("the document&#39;s own figures disagree (p.3)"));
    assert_eq!(html.matches("<script>").count(), 1, "only the report's own script");
    let markdown = String::from_utf8(run(&dir, &["report", "hostile.yaml"], 0).stdout).unwrap();
    assert!(markdown.contains("A \\| \\<img src=x onerror=alert(1)\\> \\`code\\` \\*x\\*"), "{markdown}");
    assert!(!markdown.contains('\u{7}'));
    assert!(markdown.contains("## Accepted deviations (suppressions): 1"));
    assert!(markdown.contains("the document's own figures disagree (p.3)"));
    assert!(markdown.contains("✗ mismatch"), "{markdown}");
}

#[test]
fn a_report_is_written_to_its_file_and_a_bad_unit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.html");
    let path = path.to_str().unwrap();
    let output = run(root(), &["report", "datasets", "--format", "html", "--output", path], 0);
    assert!(output.stdout.is_empty());
    assert!(std::fs::read_to_string(path).unwrap().starts_with("<!DOCTYPE html>"));
    let refused = run(root(), &["report", "datasets", "--unit", "USドル"], 2);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not a unit of yen"));
    run(root(), &["report", "no-such-folder"], 2);
}

fn diff(format: &str) -> String {
    let dir = root().join("tests/report-fixtures/diff");
    String::from_utf8(run(&dir, &["diff", "old", "new", "--format", format], 0).stdout).unwrap()
}

#[test]
fn the_diff_of_two_versions_in_every_format() {
    let human = diff("human");
    for expected in [
        "changed  pj1 (医薬品プロジェクト) amount: 308億円 → 202億円 (−106億円, −34.4%)",
        "added    pj1/pj1.d (新規事業) 2億円",
        "removed  pj1/pj1.c (旧事業) 8億円",
        "moved    pj1.b (臨床研究（医療機器）): from pj1/pj1.b to pj2/pj1.b",
        "renamed  pj2/pj1.b: 臨床研究 → 臨床研究（医療機器）",
        "new finding: new/projects.yaml",
        "fixed finding: old/projects.yaml",
    ] {
        assert!(human.contains(expected), "missing {expected}\n{human}");
    }
    insta::assert_snapshot!("diff_human", human);
    insta::assert_snapshot!("diff_markdown", diff("markdown"));
    insta::assert_snapshot!("diff_json", diff("json"));
}

#[test]
fn files_that_are_not_datasets_are_listed_with_the_digest_of_their_bytes() {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.yaml"), "format: yosan/1\ndataset: [\n").unwrap();
    let bytes = b"format: yosan/1\n\xff\xfe\n";
    std::fs::write(dir.path().join("latin1.yaml"), bytes).unwrap();
    let text = String::from_utf8(run(dir.path(), &["report", "."], 0).stdout).unwrap();
    let digest: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    assert!(text.contains(&format!("not read as a dataset: `./latin1.yaml` sha256 `{digest}`")), "{text}");
    assert!(text.contains("| error | `yaml-syntax` | `./broken.yaml:2:10` |"), "{text}");
    assert!(text.contains("# Budget audit: 0 datasets, 0 lines"), "{text}");
}
