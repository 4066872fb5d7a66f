//! Command-line flags, and one module per command.

mod baseline;
mod check;
mod diff;
mod edit;
mod import;
mod output;
mod report;
mod rules;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use yosan::config::Config;
use yosan::files;
use yosan::rules::Catalog;
use yosan::setup_error::SetupError;

#[derive(Parser, Debug)]
#[command(name = "yosan", version, about = "Lint YAML transcriptions of budget documents (予算)")]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// The configuration file (default: the nearest yosan.toml in this folder or above)
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// A rule file to use beside the shipped rules (repeatable)
    #[arg(long = "rules", global = true, value_name = "FILE")]
    rule_files: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check dataset files and folders (default: datasets/)
    Check(check::CheckArgs),
    /// Record today's findings in a baseline file, for `check --baseline`
    Baseline(baseline::BaselineArgs),
    /// Write an audit report: every line with its sums, roll-ups, links, findings and
    /// suppressions (Markdown, HTML or JSON)
    Report(report::ReportArgs),
    /// Compare two versions of the datasets (files or folders): figures changed, lines added,
    /// removed, moved or renamed, findings new and fixed
    Diff(diff::DiffArgs),
    /// Import budget data published elsewhere as datasets (`import rs`: the RS system's CSVs)
    Import(import::ImportArgs),
    /// List the rules
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print the documentation of one rule
    Explain {
        /// The rule's code, e.g. sum-mismatch
        code: String,
    },
    /// Print a JSON Schema (2020-12) of the dataset format, for editors
    Schema,
    /// Print the completions of the command line for a shell
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Manpage,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Markdown,
}

/// A run that could not be done: shown as a diagnostic, exit status 2.
pub struct Failure(pub miette::Report);

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure(miette::miette!("cannot write the output: {e}"))
    }
}

impl From<Box<yosan::setup_error::SetupError>> for Failure {
    fn from(e: Box<yosan::setup_error::SetupError>) -> Self {
        Failure((*e).into())
    }
}

/// Writes `text` to standard output. A reader that went away (`yosan check | head`) is not an
/// error: the run keeps its exit status.
pub fn print(text: &str) -> Result<(), Failure> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Rule files are small; a larger file is not one.
const RULE_FILE_LIMIT: u64 = 4 * 1024 * 1024;

pub fn run(args: Args) -> Result<u8, Failure> {
    let setup = setup(&args);
    let command = match args.command {
        // `check` writes its error into its machine outputs too.
        Command::Check(check) => return check::main(setup, check),
        other => other,
    };
    let (config, catalog) = setup?;
    match command {
        Command::Check(_) => unreachable_check(),
        Command::Baseline(args) => baseline::run(&catalog, &config, args),
        Command::Report(args) => report::run(&catalog, &config, args),
        Command::Diff(args) => diff::run(&catalog, &config, args),
        Command::Import(args) => import::run(args),
        Command::Rules { format } => rules::list(&catalog, format),
        Command::Explain { code } => rules::explain(&catalog, &code),
        Command::Completions { shell } => {
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut <Args as clap::CommandFactory>::command(), "yosan", &mut text);
            print(&String::from_utf8_lossy(&text))?;
            Ok(0)
        }
        Command::Manpage => {
            let mut text = Vec::new();
            clap_mangen::Man::new(<Args as clap::CommandFactory>::command()).render(&mut text)?;
            print(&String::from_utf8_lossy(&text))?;
            Ok(0)
        }
        Command::Schema => {
            let schema = yosan::model::schema::json_schema();
            print(&format!("{}\n", serde_json::to_string_pretty(&schema).unwrap_or_default()))?;
            Ok(0)
        }
    }
}

/// `check` returned above; this arm exists for the match to be whole.
fn unreachable_check() -> Result<u8, Failure> {
    Err(Failure(miette::miette!("internal: `check` is dispatched before the others")))
}

/// The paths given, else the configuration's `paths`, else `datasets/`.
fn paths_or_project(given: Vec<PathBuf>, config: &Config) -> Vec<PathBuf> {
    match (given.is_empty(), config.paths()) {
        (false, _) => given,
        (true, Some(paths)) => paths,
        (true, None) => vec![PathBuf::from("datasets")],
    }
}

/// The configuration and the rules of the run.
fn setup(args: &Args) -> Result<(Config, Catalog), Failure> {
    let config = match &args.config {
        Some(path) => Config::read(path),
        None => Config::discover(&std::env::current_dir().unwrap_or_default()),
    }?;
    let catalog = catalog(&config, &args.rule_files)?;
    Ok((config, catalog))
}

/// The shipped rules, then the configuration's rule files, then those of `--rules`.
fn catalog(config: &Config, extra: &[PathBuf]) -> Result<Catalog, Failure> {
    let mut catalog = Catalog::shipped()?;
    catalog.known.ministries = config.ministries()?;
    for path in config.rule_files().iter().chain(extra) {
        let name = path.display().to_string();
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if !is_yaml {
            let error = SetupError::about_file("rule-file", &name, "a rule file is a .yaml or .yml file");
            return Err(error.help("name the rule file by its own name; nothing else is read as rules").into());
        }
        let text = files::read_text(path, RULE_FILE_LIMIT).map_err(|e| {
            SetupError::about_file("rule-file", &name, format!("cannot read it: {e}")).help("name a readable rule file")
        })?;
        catalog.add_file(&name, &text)?;
    }
    Ok(catalog)
}
