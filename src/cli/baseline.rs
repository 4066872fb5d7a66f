//! `yosan baseline`: records today's findings in a baseline file, or prunes the entries of one
//! that match no finding any more.

use std::path::PathBuf;

use yosan::baseline::Baseline;
use yosan::config::Config;
use yosan::engine::{self, Options};
use yosan::files;
use yosan::load::Limits;
use yosan::render::terminal;
use yosan::rules::Catalog;

use super::Failure;

#[derive(clap::Args, Debug)]
pub struct BaselineArgs {
    /// Files and folders to check; default the configured `paths`, else datasets/
    paths: Vec<PathBuf>,
    /// The baseline file to write (atomically)
    #[arg(long, value_name = "FILE")]
    output: PathBuf,
    /// Keep only the entries of the existing file that still match a finding; add none
    #[arg(long)]
    prune: bool,
}

pub fn run(catalog: &Catalog, config: &Config, args: BaselineArgs) -> Result<u8, Failure> {
    let paths = super::paths_or_project(args.paths, config);
    let options = Options { paths, limits: Limits::default(), policy: config.policy(catalog)? };
    let outcome = engine::check(catalog, &options).map_err(|e| Failure(miette::miette!("{e}")))?;
    let name = terminal::escape_line(&args.output.display().to_string()).into_owned();
    let baseline = if args.prune {
        let text = files::read_text(&args.output, 64 * 1024 * 1024)
            .map_err(|e| Failure(miette::miette!("cannot read the baseline {name} to prune it: {e}")))?;
        let old =
            Baseline::parse(&text).map_err(|e| Failure(miette::miette!("the baseline {name} is not one: {e}")))?;
        let pruned = old.prune(&outcome);
        eprintln!("yosan: {name}: kept {} of {} entries", pruned.findings.len(), old.findings.len());
        pruned
    } else {
        let baseline = Baseline::record(&outcome);
        eprintln!("yosan: {name}: recorded {} findings", baseline.findings.len());
        baseline
    };
    files::write_atomically(&args.output, baseline.to_json().as_bytes())
        .map_err(|e| Failure(miette::miette!("cannot write {name}: {e}")))?;
    Ok(0)
}
