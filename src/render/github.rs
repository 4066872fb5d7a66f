//! `--format github`: GitHub Actions workflow commands, one annotation a finding
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`), errors as
//! `error`, warnings as `warning`, notes as `notice`. The message escapes `%`, CR and LF; the
//! properties escape `:` and `,` too, as the workflow-command syntax requires. Columns are given
//! only for a span on one line: GitHub ignores them on a span over several.
//!
//! GitHub shows at most 10 annotations of each kind a step, so errors come first, then
//! warnings, then notes, and when there are more than it shows, a notice says how many, and
//! where the rest are.

use super::place::Place;
use super::Run;
use crate::findings::Severity;

/// Annotations of one kind that GitHub shows in a step.
const SHOWN: usize = 10;

pub fn render(run: &Run<'_>) -> String {
    let mut out = String::new();
    if let Some(error) = run.error {
        out.push_str(&format!("::error title=yosan::{}\n", data(error)));
    }
    let mut ranked: Vec<&crate::findings::Finding> = run.outcome.findings.iter().collect();
    ranked.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let count = |severity: Severity| ranked.iter().filter(|f| f.severity == severity).count();
    let hidden: Vec<String> = [(Severity::Error, "errors"), (Severity::Warning, "warnings"), (Severity::Info, "notes")]
        .iter()
        .filter(|(severity, _)| count(*severity) > SHOWN)
        .map(|(severity, name)| format!("{} more {name}", count(*severity) - SHOWN))
        .collect();
    let mut noted = hidden.is_empty();
    for finding in ranked {
        if !noted && finding.severity == Severity::Info {
            out.push_str(&more(&hidden));
            noted = true;
        }
        let d = &finding.defect;
        let place = Place::of(&run.outcome.files, d.file, d.span);
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = vec![format!("file={}", property(place.file)), format!("line={}", place.line)];
        if place.line == place.end_line {
            properties.push(format!("col={}", place.column));
            properties.push(format!("endLine={}", place.end_line));
            properties.push(format!("endColumn={}", place.end_column.max(place.column)));
        } else {
            properties.push(format!("endLine={}", place.end_line));
        }
        properties.push(format!("title={}", property(&finding.code)));
        let message = match &d.help {
            Some(help) => format!("{}\n{help}", d.message),
            None => d.message.clone(),
        };
        out.push_str(&format!("::{command} {}::{}\n", properties.join(","), data(&message)));
    }
    if !noted {
        out.push_str(&more(&hidden));
    }
    out
}

/// The notice of what GitHub does not show.
fn more(hidden: &[String]) -> String {
    let message = format!(
        "{} than GitHub shows as annotations ({SHOWN} of each kind a step): the step summary and the SARIF results have them all",
        hidden.join(" and ")
    );
    format!("::notice title=yosan::{}\n", data(&message))
}

/// The message of a command: `%`, CR and LF escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property's value: as the message, and `:` and `,` escaped too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped() {
        assert_eq!(data("100% of 1,238億円: a\nb\r"), "100%25 of 1,238億円: a%0Ab%0D");
        assert_eq!(property("data,v1:x%.yaml"), "data%2Cv1%3Ax%25.yaml");
    }
}
