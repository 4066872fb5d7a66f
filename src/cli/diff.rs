//! `yosan diff OLD NEW`: what a change does to the budget, matched by dataset and item id.

use std::path::PathBuf;

use clap::ValueEnum;
use yosan::amount::Unit;
use yosan::config::Config;
use yosan::diff;
use yosan::engine::{self, Options};
use yosan::load::Limits;
use yosan::report::{self, Units};
use yosan::rules::Catalog;

use super::Failure;

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The old version: a dataset file or a folder of them
    old: PathBuf,
    /// The new version: a dataset file or a folder of them
    new: PathBuf,
    /// The diff's format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the diff to this file (atomically) instead of standard output
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The unit of yen figures: 億円, 百万円, 千円, 万円, 円 or 兆円
    #[arg(long, default_value = "億円", value_parser = super::report::parse_unit)]
    unit: Unit,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Markdown,
    Json,
}

/// Prints the diff; exit status 0 whatever changed (`check` is the gate).
pub fn run(catalog: &Catalog, config: &Config, args: DiffArgs) -> Result<u8, Failure> {
    let units = Units { yen: args.unit };
    let side = |path: &PathBuf| -> Result<report::Audit, Failure> {
        let options = Options { paths: vec![path.clone()], limits: Limits::default(), policy: config.policy(catalog)? };
        let outcome = engine::check(catalog, &options).map_err(|e| Failure(miette::miette!("{e}")))?;
        Ok(report::audit(&outcome, catalog, units))
    };
    let (old, new) = (side(&args.old)?, side(&args.new)?);
    let diff = diff::diff(&old, &new, units);
    let text = match args.format {
        Format::Human => diff::human(&diff),
        Format::Markdown => diff::markdown(&diff),
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&diff).unwrap_or_default()),
    };
    super::report::write(&text, args.output.as_deref())?;
    Ok(0)
}
