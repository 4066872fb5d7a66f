//! Command-line flags and the commands `check`, `rules` and `explain`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use yosan::config::Config;
use yosan::engine::{self, Options};
use yosan::findings::Severity;
use yosan::load::Limits;
use yosan::render::{self, HumanStyle};
use yosan::rules::Catalog;

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
    Check(CheckArgs),
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
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files and folders to check; every .yaml/.yml below a folder
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Exit with status 1 when a finding of this severity or above is found (default: error)
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Run only these rules (codes, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    select: Vec<String>,
    /// Do not run these rules (codes, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    ignore: Vec<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ListFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Severity {
        match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Why the command ends without a status of its own.
pub enum Failure {
    /// The reader of our output went away (`yosan check | head`): not an error.
    BrokenPipe,
    /// The run could not be done: shown as a diagnostic, exit status 2.
    Report(miette::Report),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Report(miette::miette!("cannot write the output: {e}"))
        }
    }
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let config = match &args.config {
        Some(path) => Config::read(path),
        None => Config::discover(&std::env::current_dir().unwrap_or_default()),
    }
    .map_err(|e| Failure::Report((*e).into()))?;
    let catalog = catalog(&config, &args.rule_files)?;
    match args.command {
        Command::Check(check) => run_check(&catalog, &config, check),
        Command::Rules { format } => list_rules(&catalog, format),
        Command::Explain { code } => explain(&catalog, &code),
    }
}

/// The shipped rules, then the configuration's rule files, then those of `--rules`.
fn catalog(config: &Config, extra: &[PathBuf]) -> Result<Catalog, Failure> {
    let mut catalog = Catalog::shipped().map_err(|e| Failure::Report((*e).into()))?;
    for path in config.rule_files().iter().chain(extra) {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::Report(miette::miette!(
                help = "name a readable rule file",
                "cannot read the rule file {}: {e}",
                path.display()
            ))
        })?;
        catalog.add_file(&path.display().to_string(), &text).map_err(|e| Failure::Report((*e).into()))?;
    }
    Ok(catalog)
}

fn run_check(catalog: &Catalog, config: &Config, args: CheckArgs) -> Result<u8, Failure> {
    let mut policy = config.policy(catalog).map_err(|e| Failure::Report((*e).into()))?;
    for code in args.select.iter().chain(&args.ignore) {
        if catalog.get(code).is_none() {
            return Err(Failure::Report(miette::miette!(
                help = "`yosan rules` lists the codes",
                "no rule has the code `{code}`"
            )));
        }
    }
    if !args.select.is_empty() {
        policy.select = Some(args.select.iter().cloned().collect());
    }
    for code in args.ignore {
        policy.grades.insert(code, None);
    }
    let paths = match (args.paths.is_empty(), config.paths()) {
        (false, _) => args.paths,
        (true, Some(paths)) => paths,
        (true, None) => vec![PathBuf::from("datasets")],
    };
    let fail_on = match args.fail_on {
        Some(f) => Severity::from(f),
        None => config.fail_on().map_err(|e| Failure::Report((*e).into()))?.unwrap_or(Severity::Error),
    };
    let options = Options { paths, limits: Limits::default(), policy };
    let outcome = engine::check(catalog, &options).map_err(|e| {
        Failure::Report(miette::miette!(help = "name files or folders that exist and can be read", "{e}"))
    })?;
    if outcome.files.is_empty() {
        let names: Vec<String> = options.paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("yosan: warning: no .yaml or .yml file found under {}", names.join(", "));
    }
    let mut text = String::new();
    match args.format {
        OutputFormat::Json => text = render::json(&outcome),
        OutputFormat::Human => {
            let stdout = std::io::stdout();
            let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            render::human(&outcome, HumanStyle { color, width: 100 }, &mut text);
            text.push_str(&render::summary(&outcome));
        }
    }
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(u8::from(outcome.findings.iter().any(|f| f.severity >= fail_on)))
}

fn list_rules(catalog: &Catalog, format: ListFormat) -> Result<u8, Failure> {
    let text = match format {
        ListFormat::Table => render::rules::table(catalog),
        ListFormat::Json => render::rules::json(catalog),
        ListFormat::Markdown => render::rules::markdown(catalog),
    };
    write!(std::io::stdout().lock(), "{text}")?;
    Ok(0)
}

fn explain(catalog: &Catalog, code: &str) -> Result<u8, Failure> {
    let Some(rule) = catalog.get(code) else {
        let codes: Vec<&str> = catalog.rules.iter().map(|r| &*r.code).collect();
        return Err(Failure::Report(miette::miette!(
            help = format!("the codes are: {}", codes.join(", ")),
            "no rule has the code `{code}`"
        )));
    };
    write!(std::io::stdout().lock(), "{}", render::rules::explain(rule))?;
    Ok(0)
}
