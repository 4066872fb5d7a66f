//! `rules`: the rule catalog. Each rule in `rules/*.yaml` binds a built-in check kind and its
//! parameters to a code, a severity, a one-line summary and its documentation.
//!
//! The shipped rule files are embedded in the binary; codes and severities live there, not in
//! Rust. Rule files are strict: an unknown key, a missing key or a bad value is a
//! [`SetupError`] pointing at its span.

pub mod expr;
pub(crate) mod read;
pub mod select;
pub mod template;

use std::sync::Arc;

pub use read::{text as read_text, words as read_words, MapReader};

use crate::checks::Check;
use crate::findings::Severity;
use crate::load::{self, Limits, Node};
use crate::setup_error::SetupError;
use crate::span::Span;
use select::Selection;
use template::Template;

/// The rule files shipped with yosan, embedded at build time.
pub const SHIPPED: &[(&str, &str)] = &[
    ("rules/schema.yaml", include_str!("../../rules/schema.yaml")),
    ("rules/budget.yaml", include_str!("../../rules/budget.yaml")),
    ("rules/references.yaml", include_str!("../../rules/references.yaml")),
    ("rules/suppressions.yaml", include_str!("../../rules/suppressions.yaml")),
    ("rules/rs.yaml", include_str!("../../rules/rs.yaml")),
];

/// One rule: a code bound to a check kind.
#[derive(Clone, Debug)]
pub struct Rule {
    pub code: Arc<str>,
    pub severity: Severity,
    pub summary: String,
    pub docs: String,
    /// The nodes the rule looks at.
    pub select: Selection,
    pub check: Check,
    /// The rule's own wording of its findings, if it has one.
    pub message: Option<Template>,
    /// The rule file it came from.
    pub origin: Arc<str>,
}

/// What a project adds to the format's closed vocabularies (from `yosan.toml`), for reading
/// its rule files strictly.
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// Names of ministries beside the format's list.
    pub ministries: Vec<String>,
}

impl Known {
    /// The canonical name of a ministry written `text`, from the format's list or the project's.
    pub fn ministry(&self, text: &str) -> Option<String> {
        crate::model::Ministry::parse(text)
            .map(|m| m.name().to_string())
            .or_else(|| self.ministries.iter().find(|m| *m == text).cloned())
    }
}

/// All rules of a run, in file order.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub rules: Vec<Rule>,
    /// What the project adds to the vocabularies; set before its rule files are added.
    pub known: Known,
    /// Each rule file read, with its text (for the provenance of an audit report).
    pub files: Vec<(Arc<str>, Arc<str>)>,
}

impl Catalog {
    /// The shipped rules.
    pub fn shipped() -> Result<Catalog, Box<SetupError>> {
        let mut catalog = Catalog::default();
        for (name, text) in SHIPPED {
            catalog.add_file(name, text)?;
        }
        Ok(catalog)
    }

    pub fn get(&self, code: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.code == code)
    }

    /// Reads one rule file and adds its rules. A code defined twice is an error.
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<(), Box<SetupError>> {
        let origin: Arc<str> = Arc::from(name);
        let error = |span: Span, message: String, help: Option<String>| match help {
            Some(h) => SetupError::new("rule-file", name, Arc::new(text.to_string()), Some(span), message).help(h),
            None => SetupError::new("rule-file", name, Arc::new(text.to_string()), Some(span), message),
        };
        // Until the file reads as a YAML mapping, it may be anything (a `.env` named by mistake):
        // its errors give the place, never the content.
        let document =
            load::load(text, &Limits::default()).map_err(|e| error(e.span, e.message, e.help).hide_source())?;
        let Some(root) = document.root else {
            return Err(error(
                Span::at(0),
                "the rule file is empty".into(),
                Some("write `rules:` with a list of rules".into()),
            ));
        };
        let mut top = MapReader::new(&root, "a rule file").map_err(|(s, m)| error(s, m, None).hide_source())?;
        let rules = top.require("rules").map_err(|(s, m)| error(s, m, None))?;
        top.finish().map_err(|(s, m)| error(s, m, None))?;
        let Some(list) = rules.as_seq() else {
            return Err(error(rules.span, "`rules` must be a list".into(), None));
        };
        for node in list {
            let rule = read_rule(node, &origin, &self.known).map_err(|(s, m)| error(s, m, None))?;
            if let Some(existing) = self.get(&rule.code) {
                let message = format!("the code `{}` is already defined in {}", rule.code, existing.origin);
                return Err(error(node.span, message, Some("give the rule a code of its own".into())));
            }
            self.rules.push(rule);
        }
        self.files.push((origin, Arc::from(text)));
        Ok(())
    }
}

fn read_rule(node: &Node<'_>, origin: &Arc<str>, known: &Known) -> Result<Rule, (Span, String)> {
    let mut map = MapReader::new(node, "a rule")?;
    let code_node = map.require("code")?;
    let code = read::text(code_node, "`code`")?;
    if !crate::model::vocab::is_dataset_slug(code) {
        return Err((code_node.span, format!("`{code}` is not a code: codes are kebab-case, e.g. `sum-mismatch`")));
    }
    let severity_node = map.require("severity")?;
    let severity = read::text(severity_node, "`severity`")
        .ok()
        .and_then(Severity::parse)
        .ok_or_else(|| (severity_node.span, "`severity` must be `error`, `warning` or `info`".to_string()))?;
    let summary = read::text(map.require("summary")?, "`summary`")?.to_string();
    let docs = read::text(map.require("docs")?, "`docs`")?.to_string();
    let select_node = map.get("select");
    let check_node = map.require("check")?;
    let select = match select_node {
        Some(node) => Selection::read(node, known)?,
        None => Selection::all(crate::checks::default_target(check_node)),
    };
    let check = Check::read(check_node, select.target, known)?;
    if let Some(node) = select_node {
        if !check.targets().contains(&select.target) {
            let targets: Vec<&str> = check.targets().iter().map(|t| t.name()).collect();
            let message = match targets.is_empty() {
                true => format!("the `{}` kind takes no `select`", check.kind()),
                false => format!(
                    "the `{}` kind selects {}, not {}",
                    check.kind(),
                    targets.join(" or "),
                    select.target.name()
                ),
            };
            return Err((node.span, message));
        }
    }
    let message = match map.get("message") {
        None => None,
        Some(node) => {
            let text = read::text(node, "`message`")?;
            Some(Template::parse(text, select.target, check.vars()).map_err(|e| (node.span, e))?)
        }
    };
    map.finish()?;
    Ok(Rule { code: Arc::from(code), severity, summary, docs, select, check, message, origin: origin.clone() })
}

#[cfg(test)]
mod tests;
