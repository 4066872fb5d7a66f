//! Command-line flags and the commands `check`, `rules` and `explain`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use yosan::config::Config;
use yosan::engine::{self, Options};
use yosan::files;
use yosan::findings::Severity;
use yosan::load::Limits;
use yosan::render::{self, terminal, HumanStyle};
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
fn print(text: &str) -> Result<(), Failure> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Rule files are small; a larger file is not one.
const RULE_FILE_LIMIT: u64 = 4 * 1024 * 1024;

pub fn run(args: Args) -> Result<u8, Failure> {
    let config = match &args.config {
        Some(path) => Config::read(path),
        None => Config::discover(&std::env::current_dir().unwrap_or_default()),
    }?;
    let catalog = catalog(&config, &args.rule_files)?;
    match args.command {
        Command::Check(check) => run_check(&catalog, &config, check),
        Command::Rules { format } => list_rules(&catalog, format),
        Command::Explain { code } => explain(&catalog, &code),
    }
}

/// The shipped rules, then the configuration's rule files, then those of `--rules`.
fn catalog(config: &Config, extra: &[PathBuf]) -> Result<Catalog, Failure> {
    let mut catalog = Catalog::shipped()?;
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

fn run_check(catalog: &Catalog, config: &Config, args: CheckArgs) -> Result<u8, Failure> {
    let mut policy = config.policy(catalog)?;
    for code in args.select.iter().chain(&args.ignore) {
        if catalog.get(code).is_none() {
            return Err(Failure(miette::miette!(
                help = "`yosan rules` lists the codes",
                "no rule has the code `{}`",
                terminal::escape_line(code)
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
        None => config.fail_on()?.unwrap_or(Severity::Error),
    };
    let options = Options { paths, limits: Limits::default(), policy };
    let outcome = engine::check(catalog, &options).map_err(|e| {
        let message = terminal::escape_line(&e.to_string()).into_owned();
        Failure(miette::miette!(help = "name files or folders that exist", "{message}"))
    })?;
    if outcome.files.is_empty() {
        let names: Vec<String> =
            options.paths.iter().map(|p| terminal::escape_line(&p.display().to_string()).into_owned()).collect();
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
            text = terminal::guard(&text).into_owned();
        }
    }
    text.push('\n');
    print(&text)?;
    Ok(u8::from(outcome.findings.iter().any(|f| f.severity >= fail_on)))
}

fn list_rules(catalog: &Catalog, format: ListFormat) -> Result<u8, Failure> {
    let text = match format {
        ListFormat::Table => render::rules::table(catalog),
        ListFormat::Json => render::rules::json(catalog),
        ListFormat::Markdown => render::rules::markdown(catalog),
    };
    print(&text)?;
    Ok(0)
}

fn explain(catalog: &Catalog, code: &str) -> Result<u8, Failure> {
    let Some(rule) = catalog.get(code) else {
        let codes: Vec<&str> = catalog.rules.iter().map(|r| &*r.code).collect();
        return Err(Failure(miette::miette!(
            help = format!("the codes are: {}", codes.join(", ")),
            "no rule has the code `{}`",
            terminal::escape_line(code)
        )));
    };
    print(&render::rules::explain(rule))?;
    Ok(0)
}
