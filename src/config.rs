//! `config`: the project's `yosan.toml`, found in the working folder or the nearest folder
//! above it (as ruff finds its configuration), or named with `--config`.
//!
//! ```toml
//! paths = ["datasets"]               # what `yosan check` checks without paths
//! fail-on = "error"                  # the severity that fails the run
//! rules = ["rules/local.yaml"]       # rule files of the project, beside the shipped ones
//! select = ["sum-mismatch"]          # only these rules run (default: all)
//! ignore = ["sum-rounding"]          # these rules do not run
//! not-suppressible = ["sum-mismatch"]  # no `# yosan-allow:` for these
//! ministries = ["原子力規制委員会"]   # names of ministries beside the format's list
//!
//! [severity]                         # re-grade rules: error, warning, info or off
//! incomplete-breakdown = "error"
//!
//! [[overrides]]                      # for the files matching these globs
//! files = ["datasets/legacy/**"]
//! severity = { unknown-ministry = "off" }
//! ```
//!
//! Paths and globs are relative to the folder of the configuration file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::files;
use crate::findings::Severity;
use crate::policy::{Grade, Override, Policy};
use crate::rules::Catalog;
use crate::setup_error::SetupError;
use crate::span::Span;

pub const FILE_NAME: &str = "yosan.toml";

/// A configuration is a few lines; a larger file is not one.
const CONFIG_LIMIT: u64 = 1024 * 1024;

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

/// Whether a relative `path` stays inside the folder it is relative to.
fn inside_project(path: &str) -> Result<(), String> {
    use std::path::Component;
    let mut depth: usize = 0;
    for component in Path::new(path).components() {
        match component {
            Component::Prefix(_) | Component::RootDir => return Err(format!("`{path}` is an absolute path")),
            Component::ParentDir => {
                depth = depth.checked_sub(1).ok_or_else(|| format!("`{path}` leads out of the project"))?;
            }
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
        }
    }
    Ok(())
}

#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    paths: Option<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    rules: Option<Vec<Spanned<String>>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    not_suppressible: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    overrides: Option<Vec<OverrideFile>>,
    ministries: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideFile {
    files: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// A configuration file, read but not yet checked against the rules.
#[derive(Debug)]
pub struct Config {
    /// Where it was read from; `None` when there is no configuration file.
    pub file: Option<PathBuf>,
    text: Arc<String>,
    raw: ConfigFile,
}

/// A configuration that cannot be used: the run stops with exit status 2.
pub type ConfigError = SetupError;

fn error(config: &Config, span: Option<Span>, message: impl Into<String>, help: Option<String>) -> Box<ConfigError> {
    let name = config.file.as_ref().map_or(FILE_NAME.to_string(), |f| f.display().to_string());
    let error = SetupError::new("config", &name, config.text.clone(), span, message);
    match help {
        Some(help) => error.help(help),
        None => error,
    }
}

fn span_of<T>(spanned: &Spanned<T>) -> Option<Span> {
    let r = spanned.span();
    Some(Span::new(r.start, r.end))
}

impl Config {
    /// No configuration file: everything at its defaults.
    pub fn none() -> Config {
        Config { file: None, text: Arc::default(), raw: ConfigFile::default() }
    }

    /// The nearest `yosan.toml` in `start` or a folder above it.
    pub fn discover(start: &Path) -> Result<Config, Box<ConfigError>> {
        for folder in start.ancestors() {
            let candidate = folder.join(FILE_NAME);
            if candidate.is_file() {
                return Config::read(&candidate);
            }
        }
        Ok(Config::none())
    }

    pub fn read(path: &Path) -> Result<Config, Box<ConfigError>> {
        let mut config = Config::none();
        config.file = Some(path.to_path_buf());
        let text = files::read_text(path, CONFIG_LIMIT).map_err(|e| {
            error(&config, None, format!("cannot read it: {e}"), Some("name a readable file with --config".into()))
        })?;
        config.text = Arc::new(text);
        config.raw = toml::from_str(&config.text).map_err(|e| {
            let span = e.span().map(|r| Span::new(r.start, r.end));
            let error = error(
                &config,
                span,
                e.message().to_string(),
                Some(format!("see the keys of {FILE_NAME} in the README")),
            );
            // A file that is not TOML may be anything (`--config .env`): say where, not what.
            if is_toml(path) {
                error
            } else {
                error.hide_source()
            }
        })?;
        config.check_paths()?;
        Ok(config)
    }

    /// Every path the file names stays inside the project: a configuration in a pull request
    /// must not make the run read `/etc/shadow` or `../secrets`. Paths given on the command
    /// line are the user's own and are not limited.
    fn check_paths(&self) -> Result<(), Box<ConfigError>> {
        for path in self.raw.paths.iter().chain(&self.raw.rules).flatten() {
            if let Err(why) = inside_project(path.get_ref()) {
                let help = "name a path relative to the folder of the configuration, inside it; give others on the command line";
                return Err(error(self, span_of(path), why, Some(help.into())));
            }
        }
        Ok(())
    }

    /// The folder that the file's paths are relative to.
    pub fn root(&self) -> PathBuf {
        match self.file.as_ref().and_then(|f| f.parent()) {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// The default paths to check, if the file names any.
    pub fn paths(&self) -> Option<Vec<PathBuf>> {
        let root = self.root();
        self.raw.paths.as_ref().map(|paths| paths.iter().map(|p| root.join(p.get_ref())).collect())
    }

    /// The names of ministries the project adds to the format's list.
    pub fn ministries(&self) -> Result<Vec<String>, Box<ConfigError>> {
        let mut names = Vec::new();
        for name in self.raw.ministries.iter().flatten() {
            let text = name.get_ref().trim();
            if text.is_empty() {
                return Err(error(self, span_of(name), "a ministry's name is empty", None));
            }
            if let Some(listed) = crate::model::Ministry::parse(text) {
                let message = format!("`{text}` is on the format's list already (as {})", listed.name());
                return Err(error(self, span_of(name), message, Some("list only names the format lacks".into())));
            }
            names.push(text.to_string());
        }
        Ok(names)
    }

    /// Extra rule files named by the file.
    pub fn rule_files(&self) -> Vec<PathBuf> {
        let root = self.root();
        self.raw.rules.iter().flatten().map(|p| root.join(p.get_ref())).collect()
    }

    pub fn fail_on(&self) -> Result<Option<Severity>, Box<ConfigError>> {
        let Some(value) = &self.raw.fail_on else { return Ok(None) };
        match Severity::parse(value.get_ref()) {
            Some(s) => Ok(Some(s)),
            None => Err(error(self, span_of(value), "`fail-on` is `error`, `warning` or `info`", None)),
        }
    }

    /// The policy of the file, its codes checked against `catalog`.
    pub fn policy(&self, catalog: &Catalog) -> Result<Policy, Box<ConfigError>> {
        let codes = |list: &[Spanned<String>]| -> Result<HashSet<String>, Box<ConfigError>> {
            list.iter().map(|c| self.code(c, catalog)).collect()
        };
        let mut policy = Policy { root: self.root(), ..Policy::default() };
        if let Some(select) = &self.raw.select {
            policy.select = Some(codes(select)?);
        }
        policy.not_suppressible = codes(self.raw.not_suppressible.as_deref().unwrap_or_default())?;
        policy.grades =
            self.grades(self.raw.severity.as_ref(), self.raw.ignore.as_deref().unwrap_or_default(), catalog)?;
        for o in self.raw.overrides.iter().flatten() {
            let mut globs = GlobSetBuilder::new();
            for pattern in &o.files {
                let glob = Glob::new(pattern.get_ref())
                    .map_err(|e| error(self, span_of(pattern), format!("not a glob: {e}"), None))?;
                globs.add(glob);
            }
            let files = globs.build().map_err(|e| error(self, None, e.to_string(), None))?;
            policy.overrides.push(Override { files, grades: self.grades(Some(&o.severity), &o.ignore, catalog)? });
        }
        Ok(policy)
    }

    fn grades(
        &self,
        severity: Option<&BTreeMap<Spanned<String>, Spanned<String>>>,
        ignore: &[Spanned<String>],
        catalog: &Catalog,
    ) -> Result<HashMap<String, Grade>, Box<ConfigError>> {
        let mut grades = HashMap::new();
        for (code, grade) in severity.into_iter().flatten() {
            let code = self.code(code, catalog)?;
            let value = match grade.get_ref().as_str() {
                "off" => None,
                other => Some(Severity::parse(other).ok_or_else(|| {
                    error(
                        self,
                        span_of(grade),
                        format!("`{other}` is not a severity"),
                        Some("write `error`, `warning`, `info` or `off`".into()),
                    )
                })?),
            };
            grades.insert(code, value);
        }
        for code in ignore {
            grades.insert(self.code(code, catalog)?, None);
        }
        Ok(grades)
    }

    fn code(&self, code: &Spanned<String>, catalog: &Catalog) -> Result<String, Box<ConfigError>> {
        let name = code.get_ref();
        if catalog.get(name).is_none() {
            let codes: Vec<&str> = catalog.rules.iter().map(|r| &*r.code).collect();
            let help = match crate::suggest::closest(name, &codes) {
                Some(near) => format!("did you mean `{near}`? `yosan rules` lists the codes"),
                None => "`yosan rules` lists the codes".to_string(),
            };
            return Err(error(self, span_of(code), format!("unknown code `{name}`: no rule has it"), Some(help)));
        }
        Ok(name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_project() {
        assert!(inside_project("datasets").is_ok());
        assert!(inside_project("rules/../local.yaml").is_ok());
        assert!(inside_project("./a/./b").is_ok());
        assert!(inside_project("/etc/shadow").is_err());
        assert!(inside_project("../secrets.yaml").is_err());
        assert!(inside_project("a/../../b").is_err());
    }
}
