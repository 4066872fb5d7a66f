//! `yosan check`: the files to check, the policy, the run, the output, the exit status.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use yosan::baseline::Baseline;
use yosan::config::Config;
use yosan::engine::{self, Options, Outcome};
use yosan::findings::Severity;
use yosan::load::Limits;
use yosan::policy::Policy;
use yosan::render::{self, terminal, Format, HumanStyle, Run};
use yosan::rules::Catalog;

use super::output::{self, OutputFormat, Target};
use super::Failure;

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and folders to check; every .yaml/.yml below a folder
    pub(super) paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub(super) format: OutputFormat,
    /// Write the `--format` output to this file (atomically) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub(super) output_file: Option<PathBuf>,
    /// A further output, FORMAT=PATH (`-` for standard output); repeatable:
    /// `--output sarif=results.sarif --output github=-`
    #[arg(long = "output", value_name = "FORMAT=PATH", value_parser = output::parse_output)]
    pub(super) outputs: Vec<output::Output>,
    /// Fail only on findings that are not in this baseline (`yosan baseline` writes one); the
    /// entries that match no finding any more are named
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Print the number of findings of each code instead of the findings
    #[arg(long)]
    pub(super) statistics: bool,
    /// Print the findings and nothing else: no summary, no notes on standard error
    #[arg(long, short)]
    pub(super) quiet: bool,
    /// Exit with status 1 when a finding of this severity or above is found (default: error)
    #[arg(long, value_enum)]
    pub(super) fail_on: Option<FailOn>,
    /// Run only these rules (codes, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub(super) select: Vec<String>,
    /// Do not run these rules (codes, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub(super) ignore: Vec<String>,
    /// Check the given files within the whole project, as a pre-commit hook does: every dataset
    /// of the project (the configured `paths`, default datasets/) is read so that references
    /// resolve, and only the findings that concern the given files are reported
    #[arg(long)]
    pub(super) in_project: bool,
    /// Colours in the terminal output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(super) color: ColorChoice,
    /// Apply the safe fixes (each keeps every figure's value, every comment and every byte
    /// outside its edit), then report what is left
    #[arg(long, conflicts_with_all = ["diff", "add_allow"])]
    pub(super) fix: bool,
    /// Print the safe fixes as a unified diff instead of applying them; exit 1 when there is one
    #[arg(long, conflicts_with = "add_allow")]
    pub(super) diff: bool,
    /// Write `# yosan-allow: CODE -- REASON` for every current finding that can be suppressed,
    /// then report what is left (for adopting yosan on data that has findings)
    #[arg(long, value_name = "REASON")]
    pub(super) add_allow: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum FailOn {
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum ColorChoice {
    /// When standard output is a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

/// What the run looks at: the paths it reads, and (with `--in-project`) the files whose
/// findings it reports.
struct Scope {
    paths: Vec<PathBuf>,
    reported: Option<HashSet<PathBuf>>,
}

/// `yosan check`: the run; or, when it cannot be done, its error, in every output whose format
/// can carry one (a CI job that reads `results.sarif` still finds a valid document).
pub fn main(setup: Result<(Config, Catalog), Failure>, args: CheckArgs) -> Result<u8, Failure> {
    let result = setup.and_then(|(config, catalog)| run(&catalog, &config, &args));
    if let Err(Failure(report)) = &result {
        let message = report.to_string();
        let nothing = Outcome::default();
        let run = Run { outcome: &nothing, catalog: None, baseline: false, baselined: &[], error: Some(&message) };
        output::write_error(&outputs(&args), &|format| machine(format, &run));
    }
    result
}

fn run(catalog: &Catalog, config: &Config, args: &CheckArgs) -> Result<u8, Failure> {
    let policy = policy(catalog, config, args)?;
    let fail_on = match args.fail_on {
        Some(f) => Severity::from(f),
        None => config.fail_on()?.unwrap_or(Severity::Error),
    };
    let scope = scope(config, args)?;
    let options = Options { paths: scope.paths, limits: Limits::default(), policy };
    let mut outcome = engine::check(catalog, &options).map_err(|e| {
        let message = terminal::escape_line(&e.to_string()).into_owned();
        Failure(miette::miette!(help = "name files or folders that exist", "{message}"))
    })?;
    let in_project = scope.reported.map(|files| files_among(&outcome, &files));
    let reported = match &in_project {
        Some(files) => outcome.retain_concerning(files),
        None => outcome.files.len(),
    };
    if outcome.files.is_empty() {
        let names: Vec<String> =
            options.paths.iter().map(|p| terminal::escape_line(&p.display().to_string()).into_owned()).collect();
        eprintln!("yosan: warning: no .yaml or .yml file found under {}", names.join(", "));
    }
    if !args.quiet {
        for (code, id, near) in yosan::engine::absent_datasets(catalog, &outcome) {
            let near = near.map(|n| format!(" (did you mean `{n}`?)")).unwrap_or_default();
            let id = terminal::escape_line(id);
            eprintln!(
                "yosan: warning: the rule `{code}` selects the dataset `{id}`, which no file of this run has{near}"
            );
        }
    }
    if args.fix || args.diff || args.add_allow.is_some() {
        return super::edit::run(catalog, &options, &outcome, in_project.as_ref(), args, fail_on);
    }
    let baselined = match &args.baseline {
        Some(path) => Some(apply_baseline(path, &mut outcome, args.quiet)?),
        None => None,
    };
    let run = Run {
        outcome: &outcome,
        catalog: Some(catalog),
        baseline: baselined.is_some(),
        baselined: baselined.as_deref().unwrap_or(&[]),
        error: None,
    };
    let status = report(&run, reported, in_project.is_some(), args, fail_on);
    // The process ends here: freeing a million items one by one is work the OS does at once.
    std::mem::forget(outcome);
    status
}

/// Takes the findings that the baseline at `path` knows out of `outcome`; says which of its
/// entries are stale.
fn apply_baseline(path: &Path, outcome: &mut Outcome, quiet: bool) -> Result<Vec<yosan::findings::Finding>, Failure> {
    let name = terminal::escape_line(&path.display().to_string()).into_owned();
    let text = yosan::files::read_text(path, 64 * 1024 * 1024).map_err(|e| {
        Failure(miette::miette!(
            help = "write one with `yosan baseline --output FILE`",
            "cannot read the baseline {name}: {e}"
        ))
    })?;
    let baseline = Baseline::parse(&text).map_err(|e| {
        Failure(miette::miette!(
            help = "write it anew with `yosan baseline --output FILE`",
            "the baseline {name} is not one: {e}"
        ))
    })?;
    let applied = baseline.apply(outcome);
    if !applied.stale.is_empty() && !quiet {
        eprintln!(
            "yosan: warning: {} entries of the baseline {name} match no finding any more; prune them with `yosan baseline --prune --output {name}`:",
            applied.stale.len()
        );
        for entry in &applied.stale {
            let f = &entry.fingerprint;
            let item = if f.item.is_empty() { String::new() } else { format!(" {}", f.item) };
            eprintln!("  {} in {}{item}", f.code, terminal::escape_line(&f.dataset));
        }
    }
    Ok(applied.baselined)
}

/// Prints the findings of `outcome` (`reported` files) in the chosen format; the exit status.
/// A pre-commit hook (`in_project`) prints nothing when it finds nothing.
pub(super) fn report(
    run: &Run<'_>,
    reported: usize,
    in_project: bool,
    args: &CheckArgs,
    fail_on: Severity,
) -> Result<u8, Failure> {
    let outcome = run.outcome;
    let render_format = |format: OutputFormat| match format {
        OutputFormat::Human if in_project && outcome.findings.is_empty() => String::new(),
        OutputFormat::Human if args.statistics => statistics(outcome),
        OutputFormat::Human => human(outcome, reported, args),
        other => machine(other, run),
    };
    output::write(&outputs(args), &render_format)?;
    Ok(u8::from(outcome.findings.iter().any(|f| f.severity >= fail_on)))
}

/// The outputs of the run: the `--format` one, then those of `--output`.
pub(super) fn outputs(args: &CheckArgs) -> Vec<output::Output> {
    let target = args.output_file.clone().map_or(Target::Stdout, Target::File);
    std::iter::once(output::Output { format: args.format, target }).chain(args.outputs.iter().cloned()).collect()
}

/// A machine format, ending with a line break.
pub(super) fn machine(format: OutputFormat, run: &Run<'_>) -> String {
    let format = match format {
        OutputFormat::Json | OutputFormat::Human => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
        OutputFormat::Junit => Format::Junit,
        OutputFormat::Gitlab => Format::Gitlab,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Summary => Format::Summary,
    };
    let text = render::render(format, run);
    if text.ends_with('\n') {
        text
    } else {
        text + "\n"
    }
}

/// The number of findings of each code, most first: `  12  sum-rounding  (info)`.
fn statistics(outcome: &Outcome) -> String {
    let mut counts: Vec<(usize, &str, Severity)> = Vec::new();
    for finding in &outcome.findings {
        match counts.iter_mut().find(|(_, code, _)| *code == &*finding.code) {
            Some((n, _, severity)) => {
                *n += 1;
                *severity = (*severity).max(finding.severity);
            }
            None => counts.push((1, &finding.code, finding.severity)),
        }
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let width = counts.iter().map(|(_, code, _)| code.len()).max().unwrap_or(0);
    counts.iter().map(|(n, code, severity)| format!("{n:>6}  {code:width$}  {severity}\n")).collect()
}

/// The configuration's policy, narrowed by `--select` and `--ignore`.
fn policy(catalog: &Catalog, config: &Config, args: &CheckArgs) -> Result<Policy, Failure> {
    let mut policy = config.policy(catalog)?;
    for code in args.select.iter().chain(&args.ignore) {
        if catalog.get(code).is_none() {
            let codes: Vec<&str> = catalog.rules.iter().map(|r| &*r.code).collect();
            let help = match yosan::suggest::closest(code, &codes) {
                Some(near) => format!("did you mean `{near}`? `yosan rules` lists the codes"),
                None => "`yosan rules` lists the codes".to_string(),
            };
            return Err(Failure(miette::miette!(
                help = help,
                "no rule has the code `{}`",
                terminal::escape_line(code)
            )));
        }
    }
    if !args.select.is_empty() {
        policy.select = Some(args.select.iter().cloned().collect());
    }
    for code in &args.ignore {
        policy.grades.insert(code.clone(), None);
    }
    Ok(policy)
}

/// The paths of the run: those given, else the configuration's, else `datasets/`. With
/// `--in-project`, the project's paths, and the given files that lie inside them to report on.
fn scope(config: &Config, args: &CheckArgs) -> Result<Scope, Failure> {
    let project = config.paths().unwrap_or_else(|| vec![PathBuf::from("datasets")]);
    if !args.in_project {
        if args.paths.is_empty() && config.paths().is_none() && !Path::new("datasets").exists() {
            return Err(Failure(miette::miette!(
                help = "name the files or folders to check, or set `paths = [\"…\"]` in yosan.toml",
                "there is no datasets/ folder here, the default of `yosan check`"
            )));
        }
        let paths = if args.paths.is_empty() { project } else { args.paths.clone() };
        return Ok(Scope { paths, reported: None });
    }
    let roots: Vec<PathBuf> = project.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
    let mut reported = HashSet::new();
    let mut outside = Vec::new();
    for path in &args.paths {
        match std::fs::canonicalize(path) {
            Ok(canonical) if roots.iter().any(|r| canonical.starts_with(r)) => {
                reported.insert(canonical);
            }
            _ => outside.push(terminal::escape_line(&path.display().to_string()).into_owned()),
        }
    }
    if !outside.is_empty() {
        let roots: Vec<String> = project.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "yosan: not datasets of this project (its paths: {}), not checked: {}",
            terminal::escape_line(&roots.join(", ")),
            outside.join(", ")
        );
    }
    let paths = if reported.is_empty() { Vec::new() } else { project.into_iter().filter(|p| p.exists()).collect() };
    Ok(Scope { paths, reported: Some(reported) })
}

/// The ids of the run's files that are among `wanted` (canonical paths).
fn files_among(outcome: &Outcome, wanted: &HashSet<PathBuf>) -> HashSet<usize> {
    let is_wanted = |path: &Path| std::fs::canonicalize(path).is_ok_and(|c| wanted.contains(&c));
    outcome.files.iter().enumerate().filter(|(_, f)| is_wanted(&f.path)).map(|(i, _)| i).collect()
}

fn human(outcome: &Outcome, files: usize, args: &CheckArgs) -> String {
    let stdout = std::io::stdout();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut text = String::new();
    render::human(outcome, HumanStyle { color, width: width(&stdout) }, &mut text);
    if !args.quiet {
        text.push_str(&render::summary(outcome, files));
        text.push('\n');
    }
    terminal::guard(&text).into_owned()
}

/// The terminal's width, or `COLUMNS`, or 100; never narrower than 60.
fn width(stdout: &std::io::Stdout) -> usize {
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok());
    let from_terminal = || terminal_size::terminal_size_of(stdout).map(|(w, _)| usize::from(w.0));
    from_env.or_else(from_terminal).unwrap_or(100).clamp(60, 400)
}
