//! The datasets of an import as `yosan/1` YAML, and writing them all or none.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use rust_decimal::Decimal;

use super::{Account, BudgetItem, Figures, ImportError, Imported, Kind, Project, Read};
use crate::model::names::normalized;
use crate::model::Ministry;

/// The marker a folder written by `yosan import` holds: only such a folder is replaced.
pub const MARKER: &str = ".yosan-import";

/// The credit the licence (PDL1.0) asks for, with the mark of an edited version.
const CREDIT: &str = "出典：行政事業レビュー見える化サイト（RSシステム）のデータを加工して作成";

pub struct Written {
    /// (file name, text), in order.
    pub files: Vec<(String, String)>,
    pub counts: Imported,
}

/// A dataset id part for a ministry: `mext`, or the 建制順 for a name off the list.
fn ministry_slug(name: &str, order: &str) -> String {
    match Ministry::parse(name) {
        Some(m) => format!("{m:?}").to_lowercase(),
        None => format!("m{}", order.chars().filter(char::is_ascii_digit).collect::<String>()),
    }
}

fn dataset_id(read: &Read, project: &Project, year: i32) -> String {
    format!("rs{}-{}-fy{year}", read.sheet_year, ministry_slug(&project.ministry, &project.order))
}

/// A YAML scalar for `text`: double-quoted, every character escaped that must be.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// A figure in yen, or a dash where the cell is blank (nothing in it).
fn yen(value: Option<Decimal>) -> String {
    value.map_or_else(|| "－".to_string(), |v| v.to_string())
}

pub fn datasets(read: &Read, year: Option<i32>, ministry: Option<&str>) -> Result<Written, ImportError> {
    let mut groups: BTreeMap<(String, i32), Vec<&Project>> = BTreeMap::new();
    let mut where_is: HashMap<&str, String> = HashMap::new();
    for (&(_, y), project) in &read.projects {
        if year.is_some_and(|wanted| wanted != y) || ministry.is_some_and(|m| m != project.ministry) {
            continue;
        }
        let id = dataset_id(read, project, y);
        if y.to_string() == read.sheet_year {
            where_is.insert(&project.id, id.clone());
        }
        groups.entry((id, y)).or_default().push(project);
    }
    let mut counts = Imported::default();
    let mut files = Vec::new();
    for ((id, y), projects) in &groups {
        let text = dataset(read, id, *y, projects, &where_is, &mut counts);
        validate(id, &text)?;
        files.push((format!("{id}.yaml"), text));
        counts.datasets += 1;
    }
    Ok(Written { files, counts })
}

/// The import reads its own output as any dataset is read: a defect is a bug of the import.
fn validate(id: &str, text: &str) -> Result<(), ImportError> {
    let document = crate::load::load(text, &crate::load::Limits::default())
        .map_err(|e| ImportError::new(format!("internal error: the dataset {id} is not YAML: {}", e.message)))?;
    let (_, defects) = crate::model::build(0, document.root.as_ref());
    match defects.first() {
        None => Ok(()),
        Some((kind, defect)) => Err(ImportError::new(format!(
            "internal error: the dataset {id} does not read ({}: {}); please report it",
            kind.name(),
            defect.message
        ))),
    }
}

fn dataset(
    read: &Read,
    id: &str,
    year: i32,
    projects: &[&Project],
    where_is: &HashMap<&str, String>,
    counts: &mut Imported,
) -> String {
    let ministry = projects.first().map_or("", |p| p.ministry.as_str());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Imported by `yosan import rs` from the RS system's open data ({ministry}, 予算年度 {year}).\n# {CREDIT}. Licence: 公共データ利用規約（第1.0版）(PDL1.0).\n# Figures in yen as published; a dash (－) is a blank cell. docs/import-rs.md gives the mapping."
    );
    let _ = writeln!(out, "format: yosan/1\ndataset:");
    let _ = writeln!(out, "  id: {id}");
    let _ =
        writeln!(out, "  title: {}", quoted(&format!("行政事業レビュー{} {ministry} 予算年度{year}", read.sheet_year)));
    let _ = writeln!(out, "  fiscal_year: {year}\n  budget: initial\n  unit: 円\n  rounding: exact");
    let _ = writeln!(
        out,
        "  source:\n    title: {}\n    publisher: 内閣官房 行政改革推進本部事務局\n    url: https://rssystem.go.jp/download-csv/{}\n    document: 2-1_RS_{}_予算・執行_サマリ.csv",
        quoted(&format!("行政事業レビュー見える化サイト（RSシステム）{} 年度 CSV", read.sheet_year)),
        read.sheet_year,
        read.sheet_year
    );
    let _ =
        writeln!(out, "  x-rs-credit: {}\n  x-rs-licence: \"公共データ利用規約（第1.0版）(PDL1.0)\"", quoted(CREDIT));
    out.push_str("items:\n");
    let names = told_apart(projects.iter().map(|p| (p.name.as_str(), format!("予算事業ID {}", p.id))));
    for (project, name) in projects.iter().zip(names) {
        project_item(&mut out, read, project, year, &name, where_is, counts);
    }
    links(&mut out, read, projects, year, id, where_is, counts);
    out
}

/// The names of siblings, told apart where two share one: each gets its own distinction
/// (`（予算事業ID 186）`, `（備考: …）`); where the distinctions are the same too, the names stay
/// the same, for `duplicate-listing` to report a figure listed twice.
fn told_apart<'a>(siblings: impl Iterator<Item = (&'a str, String)>) -> Vec<String> {
    // Names are one name as `duplicate-listing` compares them: after NFKC, without spaces.
    let siblings: Vec<(&str, String)> = siblings.collect();
    let mut count: HashMap<String, usize> = HashMap::new();
    for (name, _) in &siblings {
        *count.entry(normalized(name).into_owned()).or_default() += 1;
    }
    siblings
        .iter()
        .map(|(name, distinction)| {
            let shared = count[normalized(name).as_ref()] > 1 && !distinction.is_empty();
            let name = if name.is_empty() { "（名称なし）" } else { name };
            if shared {
                format!("{name}（{distinction}）")
            } else {
                name.to_string()
            }
        })
        .collect()
}

/// The columns of a project or 会計; `previous` only where the previous year has a figure.
fn figure_lines(out: &mut String, indent: &str, figures: &Figures, previous: Option<Decimal>) {
    let _ = writeln!(out, "{indent}amount: {}", yen(figures.initial));
    if let Some(value) = previous {
        let _ = writeln!(out, "{indent}previous: {value}");
    }
    let _ = writeln!(out, "{indent}supplementary: {}", yen(figures.supplementary));
    for (key, value) in [
        ("x-rs-carryover", figures.carryover),
        ("x-rs-reserve", figures.reserve),
        ("x-rs-total", figures.total),
        ("x-rs-executed", figures.executed),
    ] {
        let _ = writeln!(out, "{indent}{key}: {}", yen(value));
    }
    if let Some(value) = figures.carried_forward {
        let _ = writeln!(out, "{indent}x-rs-carried-forward: {value}");
    }
    if let Some(value) = figures.request {
        let _ = writeln!(out, "{indent}x-rs-request: {value}");
    }
}

fn project_item(
    out: &mut String,
    read: &Read,
    project: &Project,
    year: i32,
    name: &str,
    where_is: &HashMap<&str, String>,
    counts: &mut Imported,
) {
    counts.projects += 1;
    let _ = writeln!(out, "  - id: p{}\n    name: {}", project.id, quoted(name));
    let id: u64 = project.id.parse().unwrap_or_default();
    let previous = read.projects.get(&(id, year - 1)).and_then(|p| p.summary.as_ref()).map(|s| s.initial);
    if let Some(summary) = &project.summary {
        figure_lines(out, "    ", summary, previous.flatten());
    }
    let _ = writeln!(out, "    x-rs-id: {}", quoted(&project.id));
    if !project.bureau.is_empty() {
        let _ = writeln!(out, "    x-rs-bureau: {}", quoted(&project.bureau));
    }
    if !project.reason.is_empty() {
        let _ = writeln!(out, "    note: {}", quoted(&project.reason));
    }
    if year.to_string() == read.sheet_year {
        let outside: Vec<String> = read
            .relations
            .get(&project.id)
            .into_iter()
            .flatten()
            .filter(|r| !where_is.contains_key(r.other.as_str()))
            .map(|r| format!("{}: {}（{}）", r.kind, r.other_name, r.other))
            .collect();
        if !outside.is_empty() {
            counts.outside_relations += outside.len();
            let _ = writeln!(out, "    x-rs-related: {}", quoted(&outside.join("; ")));
        }
    }
    if project.accounts.is_empty() {
        return;
    }
    out.push_str("    items:\n");
    for (a, account) in project.accounts.iter().enumerate() {
        account_item(out, project, a, account, counts);
    }
}

fn account_item(out: &mut String, project: &Project, index: usize, account: &Account, counts: &mut Imported) {
    counts.accounts += 1;
    let _ = writeln!(out, "      - id: p{}.a{}\n        name: {}", project.id, index + 1, quoted(&account.name()));
    if let Some(figures) = &account.figures {
        figure_lines(out, "        ", figures, None);
    }
    if account.rows > 1 {
        let _ = writeln!(out, "        x-rs-rows: {}", account.rows);
    }
    if account.items.is_empty() {
        return;
    }
    out.push_str("        items:\n");
    let names = item_names(&account.items);
    for (i, (item, name)) in account.items.iter().zip(names).enumerate() {
        budget_item(out, project, index, i, item, &name);
        counts.budget_items += 1;
    }
}

/// The names of the 歳出予算項目 of one 会計. Two that share a name are told apart by what the
/// data gives: the 組織・勘定 or the 備考 where those differ between them, else the line of 2-2
/// where their figures differ. Two rows that repeat the same figure under the same name keep it:
/// that is a figure listed twice, which `duplicate-listing` reports.
fn item_names(items: &[BudgetItem]) -> Vec<String> {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        groups.entry(normalized(&item.name).into_owned()).or_default().push(i);
    }
    let mut names: Vec<String> = items.iter().map(|i| i.name.clone()).collect();
    for members in groups.values().filter(|m| m.len() > 1) {
        let varies =
            |f: &dyn Fn(&BudgetItem) -> &str| members.iter().map(|&i| f(&items[i])).collect::<HashSet<_>>().len() > 1;
        let (by_organisation, by_remark) = (varies(&|i| &i.organisation), varies(&|i| &i.remark));
        let distinction = |item: &BudgetItem| {
            let mut parts = Vec::new();
            if by_organisation && !item.organisation.is_empty() {
                parts.push(item.organisation.clone());
            }
            if by_remark && !item.remark.is_empty() {
                parts.push(format!("備考: {}", item.remark));
            }
            parts
        };
        let mut taken: HashMap<(Vec<String>, Option<Decimal>), usize> = HashMap::new();
        for &i in members {
            *taken.entry((distinction(&items[i]), items[i].amount)).or_default() += 1;
        }
        let same_parts =
            |i: usize| members.iter().filter(|&&j| distinction(&items[j]) == distinction(&items[i])).count();
        for &i in members {
            let item = &items[i];
            let mut parts = distinction(item);
            // Still shared, with another figure: the row's own line tells it apart.
            if same_parts(i) > 1 && taken[&(parts.clone(), item.amount)] == 1 {
                parts.push(format!("2-2 line {}", item.line));
            }
            if !parts.is_empty() {
                names[i] = format!("{}（{}）", item.name, parts.join("、"));
            }
        }
    }
    names
}

fn budget_item(out: &mut String, project: &Project, account: usize, index: usize, item: &BudgetItem, name: &str) {
    let _ = writeln!(
        out,
        "          - id: p{}.a{}.r{}\n            name: {}",
        project.id,
        account + 1,
        index + 1,
        quoted(name)
    );
    let column = |kind: Kind| yen(if item.kind == kind { item.amount } else { None });
    let _ = writeln!(out, "            amount: {}", column(Kind::Initial));
    let _ = writeln!(out, "            supplementary: {}", column(Kind::Supplementary));
    let _ = writeln!(out, "            x-rs-carryover: {}", column(Kind::Carryover));
    let _ = writeln!(out, "            x-rs-reserve: {}", column(Kind::Reserve));
    if let Some(request) = item.request {
        let _ = writeln!(out, "            x-rs-item-request: {request}");
    }
    if !item.remark.is_empty() {
        let _ = writeln!(out, "            note: {}", quoted(&item.remark));
    }
}

/// The 関連事業 of the sheet's own year as links, each pair once.
fn links(
    out: &mut String,
    read: &Read,
    projects: &[&Project],
    year: i32,
    dataset: &str,
    where_is: &HashMap<&str, String>,
    counts: &mut Imported,
) {
    if year.to_string() != read.sheet_year {
        return;
    }
    let reference = |id: &str| match where_is.get(id) {
        Some(d) if d == dataset => format!("p{id}"),
        Some(d) => format!("{d}:p{id}"),
        None => String::new(),
    };
    let mut seen: HashSet<(String, String, &str)> = HashSet::new();
    let mut lines = Vec::new();
    for project in projects {
        for relation in read.relations.get(&project.id).into_iter().flatten() {
            if !where_is.contains_key(relation.other.as_str()) {
                continue;
            }
            let (this, other) = (project.id.clone(), relation.other.clone());
            let (from, to, kind) = match relation.kind.as_str() {
                "親事業" | "統合元" | "分割元" => (other, this, "handoff"),
                "子事業" | "統合先" | "分割先" => (this, other, "handoff"),
                _ if this < other => (this, other, "collaboration"),
                _ => (other, this, "collaboration"),
            };
            // A pair is listed from both sides (親事業 / 子事業): once is the link.
            if !seen.insert((from.clone(), to.clone(), kind)) || from == to {
                continue;
            }
            lines.push(format!(
                "  - {{from: {}, to: {}, kind: {kind}, note: {}}}\n",
                quoted(&reference(&from)),
                quoted(&reference(&to)),
                quoted(&relation.kind)
            ));
        }
    }
    if lines.is_empty() {
        return;
    }
    counts.links += lines.len();
    out.push_str("links:\n");
    for line in lines {
        out.push_str(&line);
    }
}

/// Writes `files` into `output`: into a new folder beside it first, then renamed into place, so
/// that a failed import leaves nothing half-written. An existing `output` is replaced only if an
/// earlier import wrote it (it holds the marker); anything else there is the user's.
pub fn atomically(output: &Path, files: &[(String, String)]) -> Result<(), ImportError> {
    let shown = output.display();
    if output.exists() && !output.join(MARKER).is_file() {
        return Err(ImportError::new(format!(
            "{shown} exists and was not written by `yosan import`: name a new folder, or remove it first"
        )));
    }
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .map_err(|e| ImportError::new(format!("cannot create {}: {e}", parent.display())))?;
    let name = output.file_name().and_then(|n| n.to_str()).unwrap_or("import");
    let staging = parent.join(format!(".{name}.importing-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir(&staging)?;
        for (file, text) in files {
            std::fs::write(staging.join(file), text)?;
        }
        std::fs::write(staging.join(MARKER), "written by `yosan import rs`; the next import replaces this folder\n")?;
        if output.exists() {
            let old = parent.join(format!(".{name}.replaced-{}", std::process::id()));
            std::fs::rename(output, &old)?;
            std::fs::rename(&staging, output)?;
            std::fs::remove_dir_all(&old)?;
        } else {
            std::fs::rename(&staging, output)?;
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        ImportError::new(format!("cannot write {shown}: {e}"))
    })
}
