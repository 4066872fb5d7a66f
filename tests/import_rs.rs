//! `yosan import rs` through the binary: a small table set written here covers the mapping and
//! the conventions of the data; damaged inputs stop with a message that names the file, the line
//! and the column, and write nothing; the nation's 2024 data (vendored in tests/corpora/rs2024)
//! imports the same twice and checks as the import's documentation says.

mod support;

use std::io::Write;
use std::path::Path;

use support::{run, yosan};

const SUMMARY_HEADER: &str = "シート種別,事業年度,予算事業ID,事業名,府省庁の建制順,政策所管府省庁,府省庁,局・庁,部,課,室,班,係,予算年度,当初予算（合計）,補正予算（合計）,前年度からの繰越し（合計）,予備費等（合計）,計（歳出予算現額合計）,執行額（合計）,執行率,翌年度への繰越し(合計）,翌年度要求額（合計）,主な増減理由,その他特記事項,会計区分,会計,勘定,当初予算,第1次補正予算,第2次補正予算,第3次補正予算,第4次補正予算,第5次補正予算,前年度から繰越し,予備費等1,予備費等2,予備費等3,予備費等4,歳出予算現額,執行額,翌年度要求額,要望額,備考";
const ITEM_HEADER: &str = "シート種別,事業年度,予算事業ID,事業名,府省庁の建制順,政策所管府省庁,府省庁,局・庁,部,課,室,班,係,予算年度,会計区分,会計,勘定,予算種別,所管,組織・勘定,項,目,歳出予算項目の補足情報,予算額（歳出予算項目ごと）,翌年度要求額（歳出予算項目ごと）,備考（歳出予算項目ごと）";
const RELATION_HEADER: &str = "シート種別,事業年度,予算事業ID,事業名,府省庁の建制順,政策所管府省庁,府省庁,局・庁,部,課,室,班,係,番号（関連事業）,関連事業の事業ID,関連事業の事業名,関連性";

/// A CSV line of `header`'s columns, the cells of `cells` filled, the others blank.
fn line(header: &str, cells: &[(&str, String)]) -> String {
    let columns: Vec<&str> = header.split(',').collect();
    for (name, _) in cells {
        assert!(columns.contains(name), "no column {name}");
    }
    columns
        .iter()
        .map(|c| cells.iter().find(|(n, _)| n == c).map_or(String::new(), |(_, v)| v.clone()))
        .collect::<Vec<_>>()
        .join(",")
}

fn head(id: u32, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("シート種別", "レビューシート".into()),
        ("事業年度", "2024".into()),
        ("予算事業ID", id.to_string()),
        ("事業名", name.into()),
        ("府省庁の建制順", "19".into()),
        ("政策所管府省庁", "文部科学省".into()),
        ("府省庁", "文部科学省".into()),
        ("局・庁", "研究振興局".into()),
    ]
}

/// A project's summary row: 当初, 補正, 繰越, 予備費, 計, 執行.
fn summary(id: u32, name: &str, year: u32, f: [u64; 6]) -> String {
    let mut cells = head(id, name);
    cells.push(("予算年度", year.to_string()));
    let columns = [
        "当初予算（合計）",
        "補正予算（合計）",
        "前年度からの繰越し（合計）",
        "予備費等（合計）",
        "計（歳出予算現額合計）",
        "執行額（合計）",
    ];
    cells.extend(columns.iter().zip(f).map(|(c, v)| (*c, v.to_string())));
    line(SUMMARY_HEADER, &cells)
}

/// An account row: 当初, 第1次補正, 繰越, 予備費等1, 現額, 執行.
fn account(id: u32, name: &str, year: u32, f: [u64; 6]) -> String {
    let mut cells = head(id, name);
    cells.extend([("予算年度", year.to_string()), ("会計区分", "一般会計".into()), ("会計", "一般会計".into())]);
    let columns = ["当初予算", "第1次補正予算", "前年度から繰越し", "予備費等1", "歳出予算現額", "執行額"];
    cells.extend(columns.iter().zip(f).map(|(c, v)| (*c, v.to_string())));
    line(SUMMARY_HEADER, &cells)
}

fn item(id: u32, year: u32, kind: &str, organisation: &str, name: &str, amount: &str, remark: &str) -> String {
    let mut cells = head(id, "事業");
    cells.extend([
        ("予算年度", year.to_string()),
        ("会計区分", "一般会計".into()),
        ("会計", "一般会計".into()),
        ("予算種別", kind.into()),
        ("組織・勘定", organisation.into()),
        ("項", if name.is_empty() { String::new() } else { "研究費".into() }),
        ("目", name.into()),
        ("予算額（歳出予算項目ごと）", amount.into()),
        ("備考（歳出予算項目ごと）", remark.into()),
    ]);
    line(ITEM_HEADER, &cells)
}

fn relation(id: u32, other: u32, other_name: &str, kind: &str) -> String {
    let mut cells = head(id, "研究事業");
    cells.extend([
        ("関連事業の事業ID", other.to_string()),
        ("関連事業の事業名", other_name.into()),
        ("関連性", kind.into()),
    ]);
    line(RELATION_HEADER, &cells)
}

fn csv(lines: &[String], header: &str) -> String {
    let mut text = format!("\u{feff}{header}\r\n");
    for line in lines {
        text.push_str(line);
        text.push_str("\r\n");
    }
    text
}

/// A table set: project 1 (previous year too, a split account, an item budgeted twice under one
/// name with the same figure), project 2 of the same name, related to 1 and to a fund sheet.
fn write_tables(dir: &Path) {
    let summaries = [
        summary(1, "研究事業", 2023, [80, 0, 0, 0, 80, 80]),
        account(1, "研究事業", 2023, [80, 0, 0, 0, 80, 80]),
        summary(1, "研究事業", 2024, [100, 10, 5, 0, 115, 120]),
        account(1, "研究事業", 2024, [60, 10, 5, 0, 75, 80]),
        account(1, "研究事業", 2024, [40, 0, 0, 0, 40, 40]),
        summary(2, "研究事業", 2024, [30, 0, 0, 0, 30, 0]),
        account(2, "研究事業", 2024, [30, 0, 0, 0, 30, 0]),
    ];
    let items = [
        item(1, 2023, "当初予算", "本省", "委託費", "80", ""),
        item(1, 2024, "当初予算", "本省", "委託費", "50", ""),
        item(1, 2024, "当初予算", "文化庁", "委託費", "20", ""),
        item(1, 2024, "当初予算", "本省", "旅費", "15", ""),
        item(1, 2024, "当初予算", "本省", "旅費", "15", ""),
        item(1, 2024, "第1次補正予算", "本省", "委託費", "10", ""),
        item(1, 2024, "前年度から繰越し", "", "", "5", ""),
        item(2, 2024, "当初予算", "本省", "補助金", "20", "A地区"),
        item(2, 2024, "当初予算", "本省", "補助金", "10", "B地区"),
        item(2, 2024, "", "", "", "", ""),
    ];
    let relations = [
        relation(1, 2, "研究事業", "その他関連先"),
        relation(2, 1, "研究事業", "その他関連元"),
        relation(1, 90001, "研究基金", "基金造成した基金シート"),
    ];
    std::fs::write(dir.join("2-1_RS_2024_予算・執行_サマリ.csv"), csv(&summaries, SUMMARY_HEADER)).unwrap();
    std::fs::write(dir.join("2-2_RS_2024_予算・執行_予算種別・歳出予算項目.csv"), csv(&items, ITEM_HEADER)).unwrap();
    std::fs::write(dir.join("1-5_RS_2024_基本情報_関連事業.csv"), csv(&relations, RELATION_HEADER)).unwrap();
}

/// Runs the import; its standard error without white space or miette's frame, so that a message
/// reads the same however the terminal wrapped it (compare with [`flat`]).
fn import(from: &Path, output: &Path, code: i32) -> String {
    let out = run(
        Path::new("."),
        &["import", "rs", "--from", from.to_str().unwrap(), "--output", output.to_str().unwrap()],
        code,
    );
    let text = String::from_utf8_lossy(&out.stderr);
    flat(&text.replace(['│', '×'], ""))
}

fn flat(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_mapping_and_the_conventions_of_the_data() {
    let dir = tempfile::tempdir().unwrap();
    write_tables(dir.path());
    let output = dir.path().join("out");
    let said = import(dir.path(), &output, 0);
    assert!(said.contains("wrote2datasets"), "{said}");
    let text = std::fs::read_to_string(output.join("rs2024-mext-fy2024.yaml")).unwrap();
    for expected in [
        "name: \"研究事業（予算事業ID 1）\"",
        "    amount: 100\n    previous: 80\n    supplementary: 10\n    x-rs-carryover: 5",
        "        amount: 100\n        supplementary: 10\n        x-rs-carryover: 5",
        "        x-rs-rows: 2",
        "name: \"研究費／委託費（本省）\"",
        "name: \"研究費／委託費（文化庁）\"",
        "name: \"研究費／委託費（第1次補正予算）\"",
        "name: \"前年度から繰越し\"",
        "name: \"研究費／補助金（備考: A地区）\"",
        "  - {from: \"p1\", to: \"p2\", kind: collaboration, note: \"その他関連先\"}",
        "x-rs-related: \"基金造成した基金シート: 研究基金（90001）\"",
        "出典：行政事業レビュー見える化サイト",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert_eq!(text.matches("links:").count(), 1);
    assert_eq!(text.matches("kind: collaboration").count(), 1, "a pair listed from both sides is one link");
    // The check: 旅費 listed twice with one figure is double counting; 執行額 above 計 a warning;
    // the split account adds up; nothing else.
    let checked = run(&output, &["check", ".", "--format", "concise"], 1);
    let concise = String::from_utf8_lossy(&checked.stdout);
    let codes: Vec<&str> = concise.lines().filter_map(|l| l.split(' ').nth(1)).collect();
    assert_eq!(codes, ["rs-execution-above-total", "duplicate-listing"], "{concise}");
    // The same input gives the same bytes.
    let again = dir.path().join("again");
    import(dir.path(), &again, 0);
    assert_eq!(text, std::fs::read_to_string(again.join("rs2024-mext-fy2024.yaml")).unwrap());
}

#[test]
fn damaged_input_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    write_tables(dir.path());
    let output = dir.path().join("out");
    let summary = dir.path().join("2-1_RS_2024_予算・執行_サマリ.csv");
    let good = std::fs::read_to_string(&summary).unwrap();
    let cases = [
        (good.replace("当初予算（合計）", "当初予算合計"), "lacks the column `当初予算（合計）`"),
        (
            good.replacen(",100,10,5,0,115,120,", ",100,10,abc,0,115,120,", 1),
            "line 4, column `前年度からの繰越し（合計）`: `abc` is not a figure in yen",
        ),
        (good.replacen(",100,10,5,0,115,120,", ",100.0,10,5,0,115,120.0,", 1), ""),
    ];
    for (text, expected) in cases {
        std::fs::write(&summary, &text).unwrap();
        let said = import(dir.path(), &output, if expected.is_empty() { 0 } else { 2 });
        assert!(said.contains(&flat(expected)), "{said}");
        if !expected.is_empty() {
            assert!(!output.exists(), "a failed import wrote {}", output.display());
        }
        let _ = std::fs::remove_dir_all(&output);
    }
    std::fs::write(&summary, &good).unwrap();
    let items = dir.path().join("2-2_RS_2024_予算・執行_予算種別・歳出予算項目.csv");
    let mut file = std::fs::OpenOptions::new().append(true).open(&items).unwrap();
    file.write_all(item(77, 2024, "当初予算", "本省", "謎", "1", "").as_bytes()).unwrap();
    file.write_all(b"\r\n").unwrap();
    let said = import(dir.path(), &output, 2);
    assert!(said.contains(&flat("line 12, column `予算事業ID`: project 77 has no row in 2-1")), "{said}");
}

#[test]
fn a_truncated_zip_and_a_folder_of_the_users_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_tables(dir.path());
    let summary = dir.path().join("2-1_RS_2024_予算・執行_サマリ.csv");
    let bytes = std::fs::read(&summary).unwrap();
    std::fs::remove_file(&summary).unwrap();
    let zip_path = dir.path().join("2-1_RS_2024_予算・執行_サマリ.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        zip.start_file("2-1_RS_2024_予算・執行_サマリ.csv", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(&bytes).unwrap();
        zip.finish().unwrap();
    }
    let output = dir.path().join("out");
    import(dir.path(), &output, 0);
    let whole = std::fs::read(&zip_path).unwrap();
    std::fs::write(&zip_path, &whole[..whole.len() / 2]).unwrap();
    let said = import(dir.path(), &dir.path().join("other"), 2);
    assert!(said.contains("isnotareadableZIP"), "{said}");
    std::fs::write(&zip_path, &whole).unwrap();
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "mine").unwrap();
    let said = import(dir.path(), &mine, 2);
    assert!(said.contains(&flat("was not written by `yosan import`")), "{said}");
    assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "mine");
    // A folder an earlier import wrote is replaced.
    import(dir.path(), &output, 0);
}

/// The nation's 2024 data, vendored in `tests/corpora/rs2024` (its `SOURCE.md` says whence);
/// it fails, never passes, without it.
#[test]
fn the_nations_2024_data_imports_twice_the_same_and_checks_as_documented() {
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/rs2024");
    assert!(raw.is_dir(), "{} is absent: this test needs the official ZIPs", raw.display());
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    import(&raw, &first, 0);
    import(&raw, &second, 0);
    for entry in std::fs::read_dir(&first).unwrap() {
        let path = entry.unwrap().path();
        let twin = second.join(path.file_name().unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(&twin).unwrap(), "{}", path.display());
    }
    let checked = yosan(&first).args(["check", ".", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&checked.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let count = |rule: &str| findings.iter().filter(|f| f["rule"] == rule).count();
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    assert!(errors < 50, "{errors} errors");
    assert_eq!(count("duplicate-listing"), 6);
    assert_eq!(count("rs-execution-above-total"), 468);
    assert_eq!(count("rs-name-none"), 263);
    assert_eq!(
        count("sum-mismatch") + count("rs-total") + count("rs-account-sum"),
        0,
        "a split 会計 read as a mismatch"
    );
    let p186 = findings
        .iter()
        .filter(|f| f["rule"] == "duplicate-listing" && f["item"].as_str().is_some_and(|i| i.starts_with("p186.")))
        .count();
    assert_eq!(p186, 2, "project 186's 2-2 rows are listed twice");
}
