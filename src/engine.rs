//! `engine`: one run of `check` — find the files, load and read each, index them, run every
//! rule, and return the findings in file order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::checks::{Check, Context};
use crate::files::{self, ReadFailure};
use crate::findings::{Defect, FileId, Finding};
use crate::index::Index;
use crate::load::{Limits, LoadErrorKind};
use crate::model::{self, Dataset, SchemaDefect};
use crate::policy::Policy;
use crate::rules::Catalog;
use crate::rules::Rule;
use crate::source::SourceFile;
use crate::span::Span;
use crate::suppress::{self, Applied, Suppression};

/// What a run checks.
#[derive(Clone, Debug)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub limits: Limits,
    pub policy: Policy,
}

impl Options {
    /// Every shipped rule at its own severity, default limits.
    pub fn new(paths: Vec<PathBuf>) -> Options {
        Options { paths, limits: Limits::default(), policy: Policy::default() }
    }
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    pub files: Vec<SourceFile>,
    pub datasets: Vec<Dataset>,
    pub findings: Vec<Finding>,
    /// Each suppression that kept findings out, with those findings.
    pub suppressed: Vec<(Suppression, Vec<Finding>)>,
}

impl Outcome {
    /// Keeps only the findings and suppressions that concern one of `files` (a pre-commit hook
    /// reports on the files of the commit, read with the rest of the project); returns how
    /// many files that is.
    pub fn retain_concerning(&mut self, files: &HashSet<FileId>) -> usize {
        let concerned = |f: &Finding| files.iter().any(|&file| f.concerns(file));
        self.findings.retain(concerned);
        self.suppressed.retain(|(suppression, _)| files.contains(&suppression.file));
        files.len()
    }
}

/// A run that could not be done (exit status 2): a path given that does not exist.
#[derive(Debug)]
pub enum RunError {
    Missing(PathBuf),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Missing(path) => write!(f, "{}: no such file or folder", path.display()),
        }
    }
}

impl std::error::Error for RunError {}

/// Checks every dataset file under `options.paths` against the rules of `catalog`.
pub fn check(catalog: &Catalog, options: &Options) -> Result<Outcome, RunError> {
    let found = crate::walk::discover(&options.paths).map_err(|m| RunError::Missing(m.0))?;
    let files = found.files.into_iter().map(Input::File);
    let unreadable = found.unreadable.into_iter().map(|(path, why)| Input::Unlisted(path, why));
    Ok(check_inputs(catalog, options, files.chain(unreadable).collect()))
}

/// What a run reads: a file to read, one found but not listed or not a file, or the bytes of a
/// file already in memory (for tests and fuzzing).
#[derive(Debug)]
pub enum Input {
    File(PathBuf),
    Unlisted(PathBuf, String),
    Bytes(PathBuf, Vec<u8>),
}

/// Checks `inputs` (`options.paths` is not looked at) against the rules of `catalog`.
pub fn check_inputs(catalog: &Catalog, options: &Options, inputs: Vec<Input>) -> Outcome {
    let mut outcome = Outcome::default();
    let mut schema_defects = Vec::new();
    let mut suppressions = Vec::new();
    for read in read_all(inputs, &options.limits, &catalog.known.ministries) {
        outcome.files.push(read.source);
        outcome.datasets.extend(read.dataset);
        schema_defects.extend(read.defects);
        suppressions.extend(read.suppressions);
    }
    let policy = &options.policy;
    let active: Vec<&Rule> = catalog.rules.iter().filter(|r| policy.is_active(&r.code)).collect();
    let (about_suppressions, rules): (Vec<&Rule>, Vec<&Rule>) =
        active.into_iter().partition(|r| matches!(r.check, Check::Suppression(_)));
    let found = run_rules(rules, &outcome.datasets, schema_defects);
    outcome.findings.extend(found);
    regrade(&mut outcome.findings, &outcome.files, policy);
    let codes: Vec<&str> = catalog.rules.iter().map(|r| &*r.code).collect();
    let applied = apply_suppressions(suppressions, &mut outcome.findings, &outcome.files, policy, &codes);
    let mut about = Vec::new();
    for rule in about_suppressions {
        let Check::Suppression(params) = &rule.check else { continue };
        about.extend(params.defects(&applied).iter().map(|defect| finding(rule, defect.clone(), &outcome.datasets)));
    }
    regrade(&mut about, &outcome.files, policy);
    outcome.findings.extend(about);
    outcome.suppressed = applied.used;
    outcome.findings.sort_by(|a, b| {
        (a.defect.file, a.defect.span.start(), &a.code).cmp(&(b.defect.file, b.defect.span.start(), &b.code))
    });
    outcome
}

/// The dataset ids that rules select but no dataset of the run has: (rule code, id, the
/// nearest id the run has). Such a rule does nothing in this run, which its author should hear.
pub fn absent_datasets<'a>(catalog: &'a Catalog, outcome: &Outcome) -> Vec<(&'a str, &'a str, Option<String>)> {
    let ids: Vec<&str> = outcome.datasets.iter().filter_map(Dataset::id).collect();
    let mut absent = Vec::new();
    for rule in &catalog.rules {
        for id in rule.select.missing_datasets(&outcome.datasets) {
            absent.push((&*rule.code, id, crate::suggest::closest(id, &ids).map(str::to_string)));
        }
    }
    absent
}

/// The findings of `rules` on datasets already read, with the schema defects their reading
/// found: the rule passes alone, before policy and suppressions. What a run does once its files
/// are read (public for the benchmarks of each check kind).
pub fn run_rules(
    rules: Vec<&Rule>,
    datasets: &[Dataset],
    mut schema_defects: Vec<(SchemaDefect, Defect)>,
) -> Vec<Finding> {
    let (index, duplicates) = Index::build(datasets);
    schema_defects.extend(duplicates);
    let context = Context { datasets, index: &index, schema_defects: &schema_defects };
    run_passes(&passes(rules), &context)
}

/// Runs every pass over the immutable datasets, on all cores; the findings come in pass order,
/// each pass's in the order it found them, so that the run's output is stable.
fn run_passes(passes: &[Vec<&Rule>], context: &Context<'_>) -> Vec<Finding> {
    let run_one = |pass: &Vec<&Rule>| {
        let mut found = Vec::new();
        let lead = pass[0];
        lead.check.run(&lead.select, context, &mut |kind, defect| {
            for rule in pass.iter().filter(|r| r.check.outcome() == kind) {
                found.push(finding(rule, defect.clone(), context.datasets));
            }
        });
        found
    };
    in_order_on_all_cores(passes.iter().collect(), |_, pass| run_one(pass)).into_iter().flatten().collect()
}

/// `work` applied to each of `items` (with its index), on as many threads as the machine has
/// cores; the results in the order of `items`, as one thread would give them.
fn in_order_on_all_cores<T: Send, R: Send>(items: Vec<T>, work: impl Fn(usize, T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if workers <= 1 {
        return items.into_iter().enumerate().map(|(i, item)| work(i, item)).collect();
    }
    let queue = std::sync::Mutex::new(items.into_iter().enumerate());
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let next = queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).next();
                        let Some((i, item)) = next else { break };
                        done.push((i, work(i, item)));
                    }
                    done
                })
            })
            .collect();
        // A worker that panicked (a bug: no check panics on input) takes the run with it.
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, result)| result).collect()
}

/// The rules grouped into passes: rules of one kind and one selection share a pass over the
/// datasets (the four `sum` rules compute each sum once), each rule taking its own outcome.
fn passes(rules: Vec<&Rule>) -> Vec<Vec<&Rule>> {
    let mut passes: Vec<Vec<&Rule>> = Vec::new();
    for rule in rules {
        let shared = passes.iter_mut().find(|p| p[0].select == rule.select && p[0].check.shares_pass_with(&rule.check));
        match shared {
            Some(pass) => pass.push(rule),
            None => passes.push(vec![rule]),
        }
    }
    passes
}

/// A defect filed under its rule, worded by the rule's template if it has one.
fn finding(rule: &Rule, mut defect: Defect, datasets: &[Dataset]) -> Finding {
    if let Some(template) = &rule.message {
        defect.message = template.render(&defect, datasets);
    }
    Finding::new(rule.code.clone(), rule.severity, defect)
}

/// Applies the policy's grades and per-path overrides; drops what they switch off.
fn regrade(findings: &mut Vec<Finding>, files: &[SourceFile], policy: &Policy) {
    let relative: Vec<PathBuf> = files.iter().map(|f| policy.relative(&f.path)).collect();
    findings.retain_mut(|f| match policy.grade(f, &relative[f.defect.file]) {
        Some(severity) => {
            f.severity = severity;
            true
        }
        None => false,
    });
}

fn apply_suppressions(
    suppressions: Vec<Suppression>,
    findings: &mut Vec<Finding>,
    files: &[SourceFile],
    policy: &Policy,
    codes: &[&str],
) -> Applied {
    let line_of = |f: &Finding| files[f.defect.file].position(f.defect.span.start()).line;
    let is_active = |code: &str| policy.is_active(code);
    let is_suppressible = |code: &str| policy.is_suppressible(code);
    suppress::apply(suppressions, findings, &line_of, &is_active, &is_suppressible, codes)
}

/// Reads, loads and models every input, on all cores, each file on its own: the results come
/// in the order of `inputs`, so that findings keep a stable order.
/// `ministries` are the project's own names of ministries.
fn read_all(inputs: Vec<Input>, limits: &Limits, ministries: &[String]) -> Vec<FileRead> {
    in_order_on_all_cores(inputs, |file, input| match input {
        Input::File(path) => read_file(file, &path, limits, ministries),
        Input::Unlisted(path, why) => unreadable_file(file, &path, &why),
        Input::Bytes(path, bytes) => read_bytes(file, &path, bytes, limits, ministries),
    })
}

/// What reading one file gave.
struct FileRead {
    source: SourceFile,
    dataset: Option<Dataset>,
    defects: Vec<(SchemaDefect, Defect)>,
    suppressions: Vec<Suppression>,
}

/// Reads, loads and models one file. A file that cannot be read is a finding of its own.
fn read_file(file: FileId, path: &Path, limits: &Limits, ministries: &[String]) -> FileRead {
    match files::read(path, limits.max_file_bytes() as u64) {
        Ok(bytes) => read_bytes(file, path, bytes, limits, ministries),
        Err(ReadFailure::TooLarge { size, limit }) => too_large(file, path, size, limit),
        Err(failure) => unreadable_file(file, path, &failure.to_string()),
    }
}

fn too_large(file: FileId, path: &Path, size: u64, limit: u64) -> FileRead {
    let message = format!("the file is {size} bytes, over the limit of {limit} bytes");
    let defect = Defect::new(file, Span::at(0), message).help("split the dataset into several files");
    file_defect(path, SchemaDefect::InputLimit, defect)
}

/// Loads and models the bytes of one file.
fn read_bytes(file: FileId, path: &Path, bytes: Vec<u8>, limits: &Limits, ministries: &[String]) -> FileRead {
    if bytes.len() > limits.max_file_bytes() {
        return too_large(file, path, bytes.len() as u64, limits.max_file_bytes() as u64);
    }
    let source = |text: Arc<String>| SourceFile::new(path, text);
    let text = match String::from_utf8(bytes) {
        Ok(text) => Arc::new(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = Arc::new(String::from_utf8_lossy(e.as_bytes()).into_owned());
            let defect = Defect::new(file, Span::new(at, at + 1), format!("the file is not valid UTF-8 (byte {at})"))
                .help("save the file as UTF-8");
            let defects = vec![(SchemaDefect::YamlSyntax, defect)];
            return FileRead { source: source(text), dataset: None, defects, suppressions: Vec::new() };
        }
    };
    match model::read(file, &text, limits, ministries) {
        Ok((dataset, defects, comments)) => {
            let source = source(text.clone());
            let suppressions = suppress::parse(file, &source, &comments);
            FileRead { source, dataset: Some(dataset), defects, suppressions }
        }
        Err(e) => {
            let kind = match e.kind {
                LoadErrorKind::Syntax => SchemaDefect::YamlSyntax,
                LoadErrorKind::Limit => SchemaDefect::InputLimit,
            };
            let mut defect = Defect::new(file, e.span, e.message);
            defect.help = e.help;
            for (span, message) in e.labels {
                defect = defect.with_label(file, span, message);
            }
            FileRead {
                source: source(text.clone()),
                dataset: None,
                defects: vec![(kind, defect)],
                suppressions: Vec::new(),
            }
        }
    }
}

/// A file that could not be read: the finding is the whole of what the run learns of it.
fn unreadable_file(file: FileId, path: &Path, why: &str) -> FileRead {
    let defect = Defect::new(file, Span::at(0), format!("cannot read {}: {why}", path.display()))
        .help("make the file readable, or remove it; every other file was checked");
    file_defect(path, SchemaDefect::UnreadableFile, defect)
}

fn file_defect(path: &Path, kind: SchemaDefect, defect: Defect) -> FileRead {
    FileRead {
        source: SourceFile::new(path, Arc::default()),
        dataset: None,
        defects: vec![(kind, defect)],
        suppressions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_on_all_cores_comes_back_in_order() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work, so that threads finish out of order.
        let results = in_order_on_all_cores(items, |i, n| {
            std::hint::black_box((0..(n % 7) * 1000).fold(i as u64, |a, b| a ^ b));
            n * 2
        });
        assert_eq!(results, (0..1000).map(|n| n * 2).collect::<Vec<_>>());
        assert!(in_order_on_all_cores(Vec::<u8>::new(), |_, n| n).is_empty());
    }

    #[test]
    fn rules_of_one_kind_and_selection_share_one_pass() {
        let mut catalog = Catalog::shipped().unwrap();
        let own = "rules:\n  - code: deep-sums\n    severity: error\n    summary: s\n    docs: d\n    select: {depth: {min: 2}}\n    check: {kind: sum, report: mismatch}\n";
        catalog.add_file("own.yaml", own).unwrap();
        let rules: Vec<&Rule> = catalog.rules.iter().collect();
        let passes = passes(rules);
        let codes = |kind: &str| -> Vec<Vec<&str>> {
            passes.iter().filter(|p| p[0].check.kind() == kind).map(|p| p.iter().map(|r| &*r.code).collect()).collect()
        };
        assert_eq!(
            codes("sum"),
            [
                vec!["sum-mismatch", "sum-rounding", "incomplete-breakdown", "currency-mismatch"],
                vec!["rs-account-sum"],
                vec!["deep-sums"]
            ]
        );
        assert_eq!(codes("schema").len(), 1);
        assert_eq!(codes("relist").len(), 1);
        assert_eq!(codes("references"), [vec!["dangling-reference"]]);
    }
}
