//! `yosan import rs`: the RS system's review-sheet open data as datasets.

use std::path::PathBuf;

use yosan::import::rs::{self, Options};
use yosan::render::terminal;

use super::Failure;

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    #[command(subcommand)]
    source: Source,
}

#[derive(clap::Subcommand, Debug)]
enum Source {
    /// The government's review-sheet data (行政事業レビュー見える化サイト, RS system): the official
    /// CSV ZIPs (2-1, 2-2 and 1-5) or the CSVs extracted from them
    Rs(RsArgs),
}

#[derive(clap::Args, Debug)]
struct RsArgs {
    /// The folder of the downloaded ZIPs or CSVs
    #[arg(long, value_name = "PATH")]
    from: PathBuf,
    /// The folder to write the datasets into (written whole, or not at all)
    #[arg(long, value_name = "DIR")]
    output: PathBuf,
    /// Only this 予算年度 (default: every year of the data)
    #[arg(long)]
    year: Option<i32>,
    /// Only this 府省庁 (as the data writes it, or a short form such as 文)
    #[arg(long)]
    ministry: Option<String>,
}

pub fn run(args: ImportArgs) -> Result<u8, Failure> {
    let Source::Rs(args) = args.source;
    let options = Options { from: args.from, output: args.output.clone(), year: args.year, ministry: args.ministry };
    let imported = rs::import(&options).map_err(|e| {
        Failure(miette::miette!(
            help = "the RS system's CSVs are at https://rssystem.go.jp/download-csv/2024",
            "{}",
            terminal::escape_line(&e.message)
        ))
    })?;
    eprintln!(
        "yosan: wrote {} datasets into {}: {} projects, {} accounts, {} budget items, {} links; {} relations to sheets outside the import kept as x-rs-related; {} placeholder rows of 2-2 left out",
        imported.datasets,
        terminal::escape_line(&args.output.display().to_string()),
        imported.projects,
        imported.accounts,
        imported.budget_items,
        imported.links,
        imported.outside_relations,
        imported.placeholder_rows
    );
    if !imported.relations_read {
        eprintln!("yosan: note: no 1-5_…関連事業 table in the folder, so the datasets have no links");
    }
    Ok(0)
}
