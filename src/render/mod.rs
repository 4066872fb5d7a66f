//! `render`: findings for people (miette) and for machines (JSON). Every format renders the
//! same [`Finding`](crate::findings::Finding) values; nothing here decides what is wrong.

mod excerpt;
mod human;
mod json;
pub mod rules;
pub mod terminal;

pub use excerpt::Excerpt;
pub use human::{human, HumanStyle};
pub use json::json;

use crate::engine::Outcome;
use crate::findings::Severity;

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(outcome: &Outcome) -> Counts {
        let mut counts = Counts::default();
        for finding in &outcome.findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The closing line of human output: "2 errors, 1 warning, 0 infos in 3 files", for the
/// `files` the findings were looked for in.
pub fn summary(outcome: &Outcome, files: usize) -> String {
    let c = Counts::of(outcome);
    format!(
        "{}, {}, {} in {}",
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
        plural(c.infos, "info"),
        plural(files, "file")
    )
}
