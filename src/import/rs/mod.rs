//! `yosan import rs`: the government's review-sheet open data (行政事業レビュー見える化サイト, the
//! "RS system") as `yosan/1` datasets, one per 府省庁 and 予算年度.
//!
//! The mapping (docs/import-rs.md says it in full):
//!
//! - a project (2-1's summary row) is a top-level item `p{予算事業ID}`: 当初予算 is `amount`,
//!   補正予算 `supplementary`, the previous 予算年度's 当初予算 `previous`; 前年度からの繰越し,
//!   予備費等, 計, 執行額, 翌年度への繰越し and 翌年度要求額 are `x-rs-…` fields;
//! - each 会計 of the project (2-1's account rows, added up when one 会計 is split over several
//!   rows, as the data does) is an item under it, with the same columns;
//! - each 歳出予算項目 (2-2) is an item under its 会計, its figure in the column of its 予算種別
//!   (当初 → `amount`, 補正 → `supplementary`, 繰越し → `x-rs-carryover`, 予備費 → `x-rs-reserve`),
//!   the other columns a dash (nothing in that cell), so that every column adds up;
//! - 関連事業 (1-5) are links: 統合, 分割 and 親→子 are `handoff` (old → new), the others
//!   `collaboration`, with the original 関連性 as the note; a relation to a sheet that is not a
//!   review-sheet project of the import (a fund or segment sheet) is kept as `x-rs-related`.
//!
//! Names and figures are as published; a name that two siblings share is told apart by the 予算
//! 事業ID or the 備考 that the data gives (never for two rows that repeat the same figure: that is
//! double counting, and `duplicate-listing` must see it).

mod table;
mod write;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use table::{Row, Table};

/// What to import.
#[derive(Clone, Debug)]
pub struct Options {
    /// A folder with the official ZIPs, or the CSVs extracted from them.
    pub from: PathBuf,
    pub output: PathBuf,
    /// Only this 予算年度.
    pub year: Option<i32>,
    /// Only this 府省庁 (as the data writes it, or a short form).
    pub ministry: Option<String>,
}

/// An import that cannot be done: what and where (file, line, column).
#[derive(Debug)]
pub struct ImportError {
    pub message: String,
}

impl ImportError {
    pub fn new(message: impl Into<String>) -> ImportError {
        ImportError { message: message.into() }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// What an import wrote.
#[derive(Debug, Default)]
pub struct Imported {
    pub datasets: usize,
    pub projects: usize,
    pub accounts: usize,
    pub budget_items: usize,
    pub links: usize,
    /// 2-2 rows without a 予算種別 or a figure: placeholders of the sheet, left out.
    pub placeholder_rows: usize,
    /// Relations to sheets that are not review-sheet projects of the import.
    pub outside_relations: usize,
    /// Whether 1-5 (関連事業) was there to read: without it there are no links.
    pub relations_read: bool,
}

const SUMMARY_COLUMNS: &[&str] = &[
    "事業年度",
    "予算事業ID",
    "事業名",
    "府省庁の建制順",
    "府省庁",
    "局・庁",
    "予算年度",
    "当初予算（合計）",
    "補正予算（合計）",
    "前年度からの繰越し（合計）",
    "予備費等（合計）",
    "計（歳出予算現額合計）",
    "執行額（合計）",
    "翌年度への繰越し(合計）",
    "翌年度要求額（合計）",
    "主な増減理由",
    "会計区分",
    "会計",
    "勘定",
    "当初予算",
    "第1次補正予算",
    "第2次補正予算",
    "第3次補正予算",
    "第4次補正予算",
    "第5次補正予算",
    "前年度から繰越し",
    "予備費等1",
    "予備費等2",
    "予備費等3",
    "予備費等4",
    "歳出予算現額",
    "執行額",
    "翌年度要求額",
];

const ITEM_COLUMNS: &[&str] = &[
    "予算事業ID",
    "予算年度",
    "会計区分",
    "会計",
    "勘定",
    "予算種別",
    "項",
    "目",
    "歳出予算項目の補足情報",
    "予算額（歳出予算項目ごと）",
    "翌年度要求額（歳出予算項目ごと）",
    "備考（歳出予算項目ごと）",
];

const RELATION_COLUMNS: &[&str] = &["予算事業ID", "関連事業の事業ID", "関連事業の事業名", "関連性"];

/// The figures of a project or a 会計, in yen; `None` where the cell is blank.
#[derive(Clone, Debug, Default)]
struct Figures {
    initial: Option<Decimal>,
    supplementary: Option<Decimal>,
    carryover: Option<Decimal>,
    reserve: Option<Decimal>,
    total: Option<Decimal>,
    executed: Option<Decimal>,
    carried_forward: Option<Decimal>,
    request: Option<Decimal>,
}

impl Figures {
    /// Adds `other` into `self`, column by column; blank stays blank only where both are.
    fn add(&mut self, other: &Figures) {
        let add = |a: &mut Option<Decimal>, b: Option<Decimal>| {
            *a = match (*a, b) {
                (Some(x), Some(y)) => Some(x + y),
                (x, y) => x.or(y),
            }
        };
        add(&mut self.initial, other.initial);
        add(&mut self.supplementary, other.supplementary);
        add(&mut self.carryover, other.carryover);
        add(&mut self.reserve, other.reserve);
        add(&mut self.total, other.total);
        add(&mut self.executed, other.executed);
        add(&mut self.carried_forward, other.carried_forward);
        add(&mut self.request, other.request);
    }
}

/// The column of the budget a 2-2 row's 予算種別 fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Initial,
    Supplementary,
    Carryover,
    Reserve,
}

impl Kind {
    fn parse(text: &str) -> Option<Kind> {
        match text {
            "当初予算" => Some(Kind::Initial),
            t if t.starts_with('第') && t.ends_with("次補正予算") => Some(Kind::Supplementary),
            "前年度から繰越し" => Some(Kind::Carryover),
            t if t.starts_with("予備費等") => Some(Kind::Reserve),
            _ => None,
        }
    }
}

/// One 歳出予算項目 (2-2 row).
#[derive(Clone, Debug)]
struct BudgetItem {
    name: String,
    /// 組織・勘定: one 目 is often budgeted under two organisations (本省 and an agency).
    organisation: String,
    remark: String,
    /// The line of 2-2 it is written on, to tell apart two rows that nothing else does.
    line: u64,
    kind: Kind,
    /// `None`: the cell is blank.
    amount: Option<Decimal>,
    request: Option<Decimal>,
}

/// One 会計 of a project: its 2-1 rows added up, and its 2-2 rows.
#[derive(Clone, Debug)]
struct Account {
    key: (String, String, String),
    /// How many 2-1 rows it is written in (more than one: a split account).
    rows: usize,
    figures: Option<Figures>,
    items: Vec<BudgetItem>,
}

impl Account {
    fn name(&self) -> String {
        let (_, account, sub) = &self.key;
        match sub.is_empty() {
            true => account.clone(),
            false => format!("{account}（{sub}）"),
        }
    }
}

/// One project in one 予算年度.
#[derive(Clone, Debug)]
struct Project {
    id: String,
    name: String,
    ministry: String,
    order: String,
    bureau: String,
    reason: String,
    summary: Option<Figures>,
    accounts: Vec<Account>,
}

/// A relation of 1-5.
#[derive(Clone, Debug)]
struct Relation {
    other: String,
    other_name: String,
    kind: String,
}

/// Everything read, before it is split into datasets.
struct Read {
    sheet_year: String,
    /// (予算事業ID, 予算年度) → the project.
    projects: BTreeMap<(u64, i32), Project>,
    relations: HashMap<String, Vec<Relation>>,
    relations_read: bool,
    placeholder_rows: usize,
}

/// Imports the RS tables under `options.from` into `options.output`.
pub fn import(options: &Options) -> Result<Imported, ImportError> {
    let read = read(&options.from)?;
    let ministry = options.ministry.as_deref().map(canonical_ministry);
    let datasets = write::datasets(&read, options.year, ministry.as_deref())?;
    if datasets.files.is_empty() {
        return Err(ImportError::new("no project matches the year and ministry asked for: nothing written"));
    }
    write::atomically(&options.output, &datasets.files)?;
    let mut imported = datasets.counts;
    imported.placeholder_rows = read.placeholder_rows;
    imported.relations_read = read.relations_read;
    Ok(imported)
}

fn canonical_ministry(text: &str) -> String {
    crate::model::Ministry::parse(text).map_or_else(|| text.to_string(), |m| m.name().to_string())
}

fn required(folder: &Path, prefix: &str, what: &str) -> Result<PathBuf, ImportError> {
    Table::find(folder, prefix)?.ok_or_else(|| {
        ImportError::new(format!(
            "{} has no {prefix}….zip or {prefix}….csv ({what}): name the folder of the RS system's CSV downloads",
            folder.display()
        ))
    })
}

fn read(folder: &Path) -> Result<Read, ImportError> {
    if !folder.is_dir() {
        return Err(ImportError::new(format!("{} is not a folder of RS tables", folder.display())));
    }
    let summary = Table::read(&required(folder, "2-1_", "予算・執行_サマリ")?, SUMMARY_COLUMNS)?;
    let items = Table::read(&required(folder, "2-2_", "予算種別・歳出予算項目")?, ITEM_COLUMNS)?;
    let relations = match Table::find(folder, "1-5_")? {
        Some(path) => Some(Table::read(&path, RELATION_COLUMNS)?),
        None => None,
    };
    let mut read = Read {
        sheet_year: String::new(),
        projects: BTreeMap::new(),
        relations: HashMap::new(),
        relations_read: relations.is_some(),
        placeholder_rows: 0,
    };
    for row in &summary.rows {
        read_summary_row(&summary, row, &mut read)?;
    }
    for row in &items.rows {
        read_item_row(&items, row, &mut read)?;
    }
    if let Some(table) = &relations {
        for row in &table.rows {
            let other = table.cell(row, "関連事業の事業ID");
            if other.is_empty() {
                continue;
            }
            read.relations.entry(table.cell(row, "予算事業ID").to_string()).or_default().push(Relation {
                other: other.to_string(),
                other_name: table.cell(row, "関連事業の事業名").to_string(),
                kind: table.cell(row, "関連性").to_string(),
            });
        }
    }
    Ok(read)
}

fn key(table: &Table, row: &Row) -> Result<(u64, i32), ImportError> {
    let id = table.cell(row, "予算事業ID");
    let id: u64 = id.parse().map_err(|_| table.error(row, "予算事業ID", format!("`{id}` is not a project id")))?;
    let year = table.cell(row, "予算年度");
    let year: i32 = year.parse().map_err(|_| table.error(row, "予算年度", format!("`{year}` is not a year")))?;
    Ok((id, year))
}

fn read_summary_row(table: &Table, row: &Row, read: &mut Read) -> Result<(), ImportError> {
    let key = key(table, row)?;
    if read.sheet_year.is_empty() {
        read.sheet_year = table.cell(row, "事業年度").to_string();
    }
    let project = read.projects.entry(key).or_insert_with(|| Project {
        id: key.0.to_string(),
        name: table.cell(row, "事業名").to_string(),
        ministry: table.cell(row, "府省庁").to_string(),
        order: table.cell(row, "府省庁の建制順").to_string(),
        bureau: table.cell(row, "局・庁").to_string(),
        reason: String::new(),
        summary: None,
        accounts: Vec::new(),
    });
    let yen = |column: &str| table.yen(row, column);
    if table.cell(row, "会計区分").is_empty() && table.cell(row, "会計").is_empty() {
        project.reason = table.cell(row, "主な増減理由").to_string();
        project.summary = Some(Figures {
            initial: yen("当初予算（合計）")?,
            supplementary: yen("補正予算（合計）")?,
            carryover: yen("前年度からの繰越し（合計）")?,
            reserve: yen("予備費等（合計）")?,
            total: yen("計（歳出予算現額合計）")?,
            executed: yen("執行額（合計）")?,
            carried_forward: yen("翌年度への繰越し(合計）")?,
            request: yen("翌年度要求額（合計）")?,
        });
        return Ok(());
    }
    let sum = |columns: &[&str]| -> Result<Option<Decimal>, ImportError> {
        let mut total: Option<Decimal> = None;
        for column in columns {
            if let Some(v) = yen(column)? {
                total = Some(total.unwrap_or_default() + v);
            }
        }
        Ok(total)
    };
    let figures = Figures {
        initial: yen("当初予算")?,
        supplementary: sum(&["第1次補正予算", "第2次補正予算", "第3次補正予算", "第4次補正予算", "第5次補正予算"])?,
        carryover: yen("前年度から繰越し")?,
        reserve: sum(&["予備費等1", "予備費等2", "予備費等3", "予備費等4"])?,
        total: yen("歳出予算現額")?,
        executed: yen("執行額")?,
        carried_forward: None,
        request: yen("翌年度要求額")?,
    };
    let account = account(project, account_key(table, row));
    account.rows += 1;
    account.figures.get_or_insert_with(Figures::default).add(&figures);
    Ok(())
}

fn account_key(table: &Table, row: &Row) -> (String, String, String) {
    (table.cell(row, "会計区分").to_string(), table.cell(row, "会計").to_string(), table.cell(row, "勘定").to_string())
}

/// The project's 会計 of `key`, added if it is new.
fn account(project: &mut Project, key: (String, String, String)) -> &mut Account {
    let at = match project.accounts.iter().position(|a| a.key == key) {
        Some(at) => at,
        None => {
            project.accounts.push(Account { key, rows: 0, figures: None, items: Vec::new() });
            project.accounts.len() - 1
        }
    };
    &mut project.accounts[at]
}

fn read_item_row(table: &Table, row: &Row, read: &mut Read) -> Result<(), ImportError> {
    let key = key(table, row)?;
    let kind_text = table.cell(row, "予算種別");
    // A blank figure is "not applicable": the row is kept, its column a dash.
    let amount = table.yen(row, "予算額（歳出予算項目ごと）")?;
    if kind_text.is_empty() {
        if amount.is_none() {
            read.placeholder_rows += 1;
            return Ok(());
        }
        return Err(table.error(row, "予算種別", "a budget item with a figure needs its 予算種別".into()));
    }
    let kind = Kind::parse(kind_text)
        .ok_or_else(|| table.error(row, "予算種別", format!("`{kind_text}` is not a 予算種別 of the RS system")))?;
    let Some(project) = read.projects.get_mut(&key) else {
        return Err(table.error(
            row,
            "予算事業ID",
            format!("project {} has no row in 2-1 for {}: the tables are of different downloads", key.0, key.1),
        ));
    };
    let name = [table.cell(row, "項"), table.cell(row, "目")]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("／");
    let name = if name.is_empty() { table.cell(row, "歳出予算項目の補足情報").to_string() } else { name };
    // One 目 is often listed once per 予算種別 (当初 and 補正): the kind tells them apart.
    let name = match (kind == Kind::Initial, name.is_empty()) {
        (_, true) => kind_text.to_string(),
        (true, false) => name,
        (false, false) => format!("{name}（{kind_text}）"),
    };
    let item = BudgetItem {
        name,
        organisation: table.cell(row, "組織・勘定").to_string(),
        remark: table.cell(row, "備考（歳出予算項目ごと）").to_string(),
        line: row.line,
        kind,
        amount,
        request: table.yen(row, "翌年度要求額（歳出予算項目ごと）")?,
    };
    account(project, account_key(table, row)).items.push(item);
    Ok(())
}

#[cfg(test)]
mod tests;
