//! `engine`: one run of `check` — find the files, load and read each, index them, run every
//! rule, and return the findings in file order.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::checks::Context;
use crate::findings::{Defect, FileId, Finding};
use crate::index::Index;
use crate::load::{self, Limits, LoadErrorKind};
use crate::model::{self, Dataset, SchemaDefect};
use crate::rules::Catalog;
use crate::span::Span;

/// What a run checks.
#[derive(Clone, Debug)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub limits: Limits,
}

/// A file of the run with its text, for rendering.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    pub files: Vec<SourceFile>,
    pub datasets: Vec<Dataset>,
    pub findings: Vec<Finding>,
}

/// A run that could not be done (exit status 2).
#[derive(Debug)]
pub enum RunError {
    Missing(PathBuf),
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Walk(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Missing(path) => write!(f, "{}: no such file or folder", path.display()),
            RunError::Read { path, error } => write!(f, "{}: cannot read: {error}", path.display()),
            RunError::Walk(message) => write!(f, "cannot list the files: {message}"),
        }
    }
}

impl std::error::Error for RunError {}

/// Checks every dataset file under `options.paths` against the rules of `catalog`.
pub fn check(catalog: &Catalog, options: &Options) -> Result<Outcome, RunError> {
    let paths = crate::walk::discover(&options.paths)?;
    let mut outcome = Outcome::default();
    let mut schema_defects = Vec::new();
    for (file, path) in paths.iter().enumerate() {
        let (source, dataset, defects) = read_file(file, path, &options.limits)?;
        outcome.files.push(source);
        outcome.datasets.extend(dataset);
        schema_defects.extend(defects);
    }
    let (index, duplicates) = Index::build(&outcome.datasets);
    schema_defects.extend(duplicates);
    let context = Context {
        datasets: &outcome.datasets,
        index: &index,
        schema_defects: &schema_defects,
    };
    for rule in &catalog.rules {
        let datasets = &outcome.datasets;
        let findings = &mut outcome.findings;
        rule.check.run(&rule.select, &context, &mut |mut defect| {
            if let Some(template) = &rule.message {
                defect.message = template.render(&defect, datasets);
            }
            findings.push(Finding::new(rule.code.clone(), rule.severity, defect));
        });
    }
    outcome.findings.sort_by(|a, b| {
        (a.defect.file, a.defect.span.start, &a.code).cmp(&(
            b.defect.file,
            b.defect.span.start,
            &b.code,
        ))
    });
    Ok(outcome)
}

type FileResult = (SourceFile, Option<Dataset>, Vec<(SchemaDefect, Defect)>);

/// Reads, loads and models one file. Only an unreadable file stops the run.
fn read_file(file: FileId, path: &Path, limits: &Limits) -> Result<FileResult, RunError> {
    let bytes = std::fs::read(path).map_err(|error| RunError::Read {
        path: path.to_path_buf(),
        error,
    })?;
    let name = path.display().to_string();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text: Arc<str> = Arc::from(String::from_utf8_lossy(e.as_bytes()));
            let defect = Defect::new(
                file,
                Span::new(at, at + 1),
                format!("the file is not valid UTF-8 (byte {at})"),
            )
            .help("save the file as UTF-8");
            return Ok((
                SourceFile { name, text },
                None,
                vec![(SchemaDefect::YamlSyntax, defect)],
            ));
        }
    };
    let text: Arc<str> = Arc::from(text);
    let result = match load::load(&text, limits) {
        Ok(document) => {
            let (dataset, defects) = model::build(file, document.root.as_ref());
            (Some(dataset), defects)
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
            (None, vec![(kind, defect)])
        }
    };
    Ok((SourceFile { name, text }, result.0, result.1))
}
