//! Command-line flags and the commands `check`, `rules` and `explain`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use yosan::engine::{self, Options};
use yosan::findings::Severity;
use yosan::load::Limits;
use yosan::render::{self, HumanStyle};
use yosan::rules::{Catalog, Rule};

#[derive(Parser, Debug)]
#[command(
    name = "yosan",
    version,
    about = "Lint YAML transcriptions of budget documents (予算)"
)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
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
    /// Exit with status 1 when a finding of this severity or above is found
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
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
    let catalog = Catalog::shipped().map_err(|e| Failure::Report((*e).into()))?;
    match args.command {
        Command::Check(check) => run_check(&catalog, check),
        Command::Rules { format } => list_rules(&catalog, format),
        Command::Explain { code } => explain(&catalog, &code),
    }
}

fn run_check(catalog: &Catalog, args: CheckArgs) -> Result<u8, Failure> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("datasets")]
    } else {
        args.paths
    };
    let options = Options {
        paths,
        limits: Limits::default(),
    };
    let outcome = engine::check(catalog, &options).map_err(|e| {
        Failure::Report(miette::miette!(
            help = "name files or folders that exist and can be read",
            "{e}"
        ))
    })?;
    let mut text = String::new();
    match args.format {
        OutputFormat::Json => text = render::json(&outcome),
        OutputFormat::Human => {
            let stdout = std::io::stdout();
            let color =
                stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            render::human(&outcome, HumanStyle { color, width: 100 }, &mut text);
            text.push_str(&render::summary(&outcome));
        }
    }
    writeln!(std::io::stdout().lock(), "{text}")?;
    let fail_on = Severity::from(args.fail_on);
    Ok(u8::from(
        outcome.findings.iter().any(|f| f.severity >= fail_on),
    ))
}

fn list_rules(catalog: &Catalog, format: ListFormat) -> Result<u8, Failure> {
    let text = match format {
        ListFormat::Json => {
            let rules: Vec<_> = catalog.rules.iter().map(rule_json).collect();
            serde_json::to_string_pretty(&serde_json::json!({ "rules": rules })).unwrap_or_default()
        }
        ListFormat::Table => {
            let width = catalog
                .rules
                .iter()
                .map(|r| r.code.len())
                .max()
                .unwrap_or(4);
            let mut text = format!(
                "{:width$}  {:8}  {:8}  summary\n",
                "code", "severity", "kind"
            );
            for rule in &catalog.rules {
                let line = format!(
                    "{:width$}  {:8}  {:8}  {}\n",
                    rule.code,
                    rule.severity.name(),
                    rule.check.kind(),
                    rule.summary
                );
                text.push_str(&line);
            }
            text
        }
    };
    write!(std::io::stdout().lock(), "{text}")?;
    Ok(0)
}

fn rule_json(rule: &Rule) -> serde_json::Value {
    serde_json::json!({
        "code": &*rule.code,
        "severity": rule.severity,
        "kind": rule.check.kind(),
        "summary": rule.summary,
        "origin": &*rule.origin,
    })
}

fn explain(catalog: &Catalog, code: &str) -> Result<u8, Failure> {
    let Some(rule) = catalog.get(code) else {
        let codes: Vec<&str> = catalog.rules.iter().map(|r| &*r.code).collect();
        return Err(Failure::Report(miette::miette!(
            help = format!("the codes are: {}", codes.join(", ")),
            "no rule has the code `{code}`"
        )));
    };
    let text = format!(
        "# {} ({})\n\n{}\n\n{}",
        rule.code,
        rule.severity,
        rule.summary,
        rule.docs.trim_end()
    );
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(0)
}
