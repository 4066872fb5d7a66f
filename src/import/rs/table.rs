//! One table of the RS system's open data: a CSV (UTF-8 with BOM, CRLF), read from the official
//! ZIP directly or from the extracted file, every row checked against the columns it needs.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::ImportError;

/// The most bytes a table may be or decompress to: the largest official CSV is 17 MB, and a ZIP
/// that unpacks to gigabytes is not one of them.
const MAX_TABLE_BYTES: u64 = 256 << 20;

/// A table's rows, each cell addressed by its column's name.
pub struct Table {
    /// The file read (the ZIP's name and its entry, or the CSV).
    pub file: String,
    columns: HashMap<String, usize>,
    pub rows: Vec<Row>,
}

/// One record, with the line of the file it starts on.
pub struct Row {
    pub line: u64,
    cells: Vec<String>,
}

impl Table {
    /// Finds the table whose file name starts with `prefix` (`2-1_`) in `folder`, as a `.zip`
    /// or a `.csv`; `None` when the folder has neither.
    pub fn find(folder: &Path, prefix: &str) -> Result<Option<PathBuf>, ImportError> {
        let entries = std::fs::read_dir(folder)
            .map_err(|e| ImportError::new(format!("cannot read the folder {}: {e}", folder.display())))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.starts_with(prefix) && (name.ends_with(".zip") || name.ends_with(".csv"))
            })
            .collect();
        found.sort();
        // An extracted CSV beside its ZIP is the same table: prefer the CSV, as the user made it.
        Ok(found.iter().find(|p| p.extension().is_some_and(|e| e == "csv")).or(found.first()).cloned())
    }

    /// Reads the table at `path`, which must have every column of `needed`.
    pub fn read(path: &Path, needed: &[&str]) -> Result<Table, ImportError> {
        let shown = path.display().to_string();
        let (file, bytes) = if path.extension().is_some_and(|e| e == "zip") {
            read_zip(path)?
        } else {
            let bytes = crate::files::read(path, MAX_TABLE_BYTES)
                .map_err(|e| ImportError::new(format!("cannot read {shown}: {e}")))?;
            (shown, bytes)
        };
        parse(file, &bytes, needed)
    }

    /// The cell of `column` in `row` (the column was checked to exist).
    pub fn cell<'r>(&self, row: &'r Row, column: &str) -> &'r str {
        self.columns.get(column).and_then(|&i| row.cells.get(i)).map_or("", |c| c.trim())
    }

    /// A figure in yen: blank is "not applicable" (`None`); `34482000.0` is a figure, `abc` is an
    /// error that names the file, the line and the column.
    pub fn yen(&self, row: &Row, column: &str) -> Result<Option<Decimal>, ImportError> {
        let text = self.cell(row, column);
        if text.is_empty() {
            return Ok(None);
        }
        let value: Option<Decimal> = text.parse().ok().filter(|v: &Decimal| v.fract().is_zero());
        match value {
            Some(v) => Ok(Some(v.normalize())),
            None => Err(self.error(row, column, format!("`{text}` is not a figure in yen"))),
        }
    }

    /// An error at a cell.
    pub fn error(&self, row: &Row, column: &str, message: String) -> ImportError {
        ImportError::new(format!("{}: line {}, column `{column}`: {message}", self.file, row.line))
    }
}

/// The one CSV inside an official ZIP, read without unpacking it to disk.
fn read_zip(path: &Path) -> Result<(String, Vec<u8>), ImportError> {
    let shown = path.display().to_string();
    let damaged = |e: &dyn std::fmt::Display| {
        ImportError::new(format!("{shown} is not a readable ZIP ({e}); download it again from the RS system"))
    };
    let file = std::fs::File::open(path).map_err(|e| ImportError::new(format!("cannot read {shown}: {e}")))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| damaged(&e))?;
    let csvs: Vec<usize> =
        (0..archive.len()).filter(|&i| archive.by_index(i).is_ok_and(|f| f.name().ends_with(".csv"))).collect();
    let [index] = csvs[..] else {
        return Err(ImportError::new(format!("{shown} holds {} CSV files; an official ZIP holds one", csvs.len())));
    };
    let mut entry = archive.by_index(index).map_err(|e| damaged(&e))?;
    let name = format!("{shown}:{}", entry.name());
    let mut bytes = Vec::new();
    (&mut entry).take(MAX_TABLE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| damaged(&e))?;
    if bytes.len() as u64 > MAX_TABLE_BYTES {
        return Err(ImportError::new(format!("{name} unpacks to more than {MAX_TABLE_BYTES} bytes: not an RS table")));
    }
    Ok((name, bytes))
}

fn parse(file: String, bytes: &[u8], needed: &[&str]) -> Result<Table, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ImportError::new(format!("{file} is not UTF-8 (byte {}): the RS system writes UTF-8", e.valid_up_to()))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| ImportError::new(format!("{file}: the header cannot be read: {e}")))?;
    let columns: HashMap<String, usize> = header.iter().enumerate().map(|(i, h)| (h.trim().to_string(), i)).collect();
    let missing: Vec<&&str> = needed.iter().filter(|c| !columns.contains_key(**c)).collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|c| format!("`{c}`")).collect();
        return Err(ImportError::new(format!(
            "{file} lacks the column{} {}: is it the RS table it is named for, of the 2024 layout?",
            if missing.len() == 1 { "" } else { "s" },
            names.join(", ")
        )));
    }
    // csv's own line count lags by one after a CRLF; the byte offset does not.
    let newlines: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    let line_at = |byte: u64| newlines.partition_point(|&at| at as u64 <= byte) as u64 + 1;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(p.byte()));
            ImportError::new(format!("{file}: line {line}: not a CSV record: {e}"))
        })?;
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        rows.push(Row { line, cells: record.iter().map(str::to_string).collect() });
    }
    Ok(Table { file, columns, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_blanks_and_bad_cells() {
        let csv = "\u{feff}予算事業ID,当初予算\r\n1,34482000.0\r\n2,\r\n3,abc\r\n4,1.5\r\n";
        let table = parse("t.csv".into(), csv.as_bytes(), &["予算事業ID", "当初予算"]).unwrap();
        let yen = |i: usize| table.yen(&table.rows[i], "当初予算");
        assert_eq!(yen(0).unwrap(), Some(Decimal::from(34_482_000)));
        assert_eq!(yen(1).unwrap(), None);
        let error = yen(2).unwrap_err().message;
        assert!(error.contains("t.csv: line 4, column `当初予算`: `abc` is not a figure in yen"), "{error}");
        assert!(yen(3).is_err(), "yen come whole");
    }

    #[test]
    fn a_missing_column_and_a_ragged_row_are_named() {
        let missing = parse("t.csv".into(), "予算事業ID\r\n1\r\n".as_bytes(), &["予算事業ID", "当初予算"]);
        assert!(missing.err().unwrap().message.contains("lacks the column `当初予算`"));
        let ragged = parse("t.csv".into(), "a,b\r\n1,2\r\n3\r\n".as_bytes(), &["a"]);
        let message = ragged.err().unwrap().message;
        assert!(message.contains("t.csv: line 3"), "{message}");
    }
}
