//! Where `check` writes what: the main format (`--format`, to standard output or
//! `--output-file`), and any further outputs (`--output sarif=results.sarif --output github=-`),
//! each file written atomically. A run that cannot be done still writes, in every machine
//! format that can carry one, a valid document with its error.

use std::path::PathBuf;

use clap::ValueEnum;
use yosan::files;
use yosan::render::terminal;

use super::{print, Failure};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Diagnostics with the lines they point at, for people
    Human,
    /// One JSON object with a `findings` array
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// JUnit XML: a test case per dataset file
    Junit,
    /// GitLab Code Quality
    Gitlab,
    /// One line a finding: FILE:LINE:COL: CODE message
    Concise,
    /// A Markdown summary for a CI job's page (GitHub's step summary)
    Summary,
}

impl OutputFormat {
    /// Whether a run that could not be done is written in this format, as a document that
    /// carries the error (the others say it on standard error only).
    fn carries_errors(self) -> bool {
        matches!(
            self,
            OutputFormat::Json
                | OutputFormat::Sarif
                | OutputFormat::Junit
                | OutputFormat::Github
                | OutputFormat::Summary
        )
    }
}

/// Where an output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

/// An output of the run: a format and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub format: OutputFormat,
    pub target: Target,
}

/// `FORMAT=PATH` of `--output`; `-` is standard output.
pub fn parse_output(spec: &str) -> Result<Output, String> {
    let (format, path) =
        spec.split_once('=').ok_or_else(|| format!("`{spec}` is not FORMAT=PATH (e.g. sarif=results.sarif)"))?;
    let format = OutputFormat::from_str(format.trim(), true).map_err(|_| {
        let names: Vec<String> = OutputFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        format!("`{format}` is not a format: {}", names.join(", "))
    })?;
    let target = match path.trim() {
        "" => return Err(format!("`{spec}` names no file (write - for standard output)")),
        "-" => Target::Stdout,
        path => Target::File(PathBuf::from(path)),
    };
    Ok(Output { format, target })
}

/// Writes each output, rendered by `render`.
pub fn write(outputs: &[Output], render: &dyn Fn(OutputFormat) -> String) -> Result<(), Failure> {
    for output in outputs {
        let text = render(output.format);
        match &output.target {
            Target::Stdout => print(&text)?,
            Target::File(path) => files::write_atomically(path, text.as_bytes()).map_err(|e| {
                Failure(miette::miette!("cannot write {}: {e}", terminal::escape_line(&path.display().to_string())))
            })?,
        }
    }
    Ok(())
}

/// Writes, for a run that could not be done, the outputs whose formats carry the error;
/// `render` renders that document. A failure to write is only said: the run fails already.
pub fn write_error(outputs: &[Output], render: &dyn Fn(OutputFormat) -> String) {
    let carrying: Vec<Output> = outputs.iter().filter(|o| o.format.carries_errors()).cloned().collect();
    if let Err(Failure(report)) = write(&carrying, render) {
        eprintln!("yosan: {}", terminal::escape_line(&report.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_specs() {
        assert_eq!(
            parse_output("sarif=out/r.sarif").unwrap(),
            Output { format: OutputFormat::Sarif, target: Target::File("out/r.sarif".into()) }
        );
        assert_eq!(parse_output("github=-").unwrap().target, Target::Stdout);
        assert!(parse_output("sarif").unwrap_err().contains("FORMAT=PATH"));
        assert!(parse_output("xml=a").unwrap_err().contains("not a format"));
        assert!(parse_output("json=").is_err());
    }
}
