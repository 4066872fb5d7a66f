//! A rule's `message:` template: text with `{placeholders}` for the figures involved.
//!
//! A placeholder names a field of the node the finding is about (`{name}`, `{amount}`,
//! `{ministry}`), a value the check kind provides (`{sum}`, `{difference}`, `{field}` …),
//! or `{message}`, the kind's own message. `{{` and `}}` write braces.

use crate::findings::Defect;
use crate::model::fields::{self, Field, Target};
use crate::model::Dataset;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Field(Field),
    Var(String),
}

impl Template {
    /// Parses `text`; placeholders must be fields of `target` or one of `vars`.
    pub fn parse(text: &str, target: Target, vars: &[&str]) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(['{', '}']) {
            literal.push_str(&rest[..at]);
            let tail = &rest[at..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                literal.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            let end = tail
                .find('}')
                .filter(|_| tail.starts_with('{'))
                .ok_or("an unmatched brace: write `{{` or `}}` for a brace")?;
            let name = &tail[1..end];
            parts.push(Part::Text(std::mem::take(&mut literal)));
            parts.push(match Field::parse(target, name) {
                Some(field) => Part::Field(field),
                None if name == "message" || vars.contains(&name) => Part::Var(name.to_string()),
                None => {
                    let mut known = Field::names(target);
                    known.extend(vars);
                    known.push("message");
                    return Err(format!("unknown placeholder `{{{name}}}`; this rule has {}", known.join(", ")));
                }
            });
            rest = &tail[end + 1..];
        }
        literal.push_str(rest);
        parts.push(Part::Text(literal));
        Ok(Template { parts })
    }

    /// The message for `defect`; a field the node lacks is written `-`.
    pub fn render(&self, defect: &Defect, datasets: &[Dataset]) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Var(name) if name == "message" => out.push_str(&defect.message),
                Part::Var(name) => out.push_str(defect.vars.iter().find(|(k, _)| k == name).map_or("-", |(_, v)| v)),
                Part::Field(field) => {
                    let value = defect.subject.and_then(|s| fields::get(datasets, s, field));
                    out.push_str(&value.map_or("-".to_string(), |v| v.value.to_string()));
                }
            }
        }
        out
    }
}
