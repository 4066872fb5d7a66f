//! `yosan report`: the audit report of the datasets, in Markdown, HTML or JSON.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use yosan::amount::{Currency, Unit};
use yosan::config::Config;
use yosan::engine::{self, Options};
use yosan::files;
use yosan::load::Limits;
use yosan::render::terminal;
use yosan::report::{self, ReportFormat, Units};
use yosan::rules::Catalog;

use super::Failure;

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Files and folders to report on; default the configured `paths`, else datasets/
    paths: Vec<PathBuf>,
    /// The report's format
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// Write the report to this file (atomically) instead of standard output
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The unit of yen figures: 億円, 百万円, 千円, 万円, 円 or 兆円
    #[arg(long, default_value = "億円", value_parser = parse_unit)]
    unit: Unit,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Markdown,
    Html,
    Json,
}

pub(super) fn parse_unit(text: &str) -> Result<Unit, String> {
    match Unit::parse(text) {
        Some(unit) if unit.currency() == Currency::Yen => Ok(unit),
        _ => Err(format!("`{text}` is not a unit of yen: write 億円, 百万円, 千円, 万円, 円 or 兆円")),
    }
}

/// Writes the report; exit status 0 whatever the findings (the report shows them; `check`
/// is the gate).
pub fn run(catalog: &Catalog, config: &Config, args: ReportArgs) -> Result<u8, Failure> {
    let paths = super::paths_or_project(args.paths, config);
    let options = Options { paths, limits: Limits::default(), policy: config.policy(catalog)? };
    let outcome = engine::check(catalog, &options).map_err(|e| Failure(miette::miette!("{e}")))?;
    let audit = report::audit(&outcome, catalog, Units { yen: args.unit });
    let format = match args.format {
        Format::Markdown => ReportFormat::Markdown,
        Format::Html => ReportFormat::Html,
        Format::Json => ReportFormat::Json,
    };
    write(&report::render(&audit, format), args.output.as_deref())?;
    Ok(0)
}

/// Writes `text` to `output` (atomically), or to standard output.
pub(super) fn write(text: &str, output: Option<&Path>) -> Result<(), Failure> {
    match output {
        None => super::print(text),
        Some(path) => {
            let name = terminal::escape_line(&path.display().to_string()).into_owned();
            files::write_atomically(path, text.as_bytes())
                .map_err(|e| Failure(miette::miette!("cannot write {name}: {e}")))
        }
    }
}
