//! A diff for people: Markdown for a pull request's comment or step summary, plain text for the
//! terminal. (`--format json` is the [`Diff`] itself.)

use std::fmt::Write;

use super::*;
use crate::render::terminal::escape_line;
use crate::report::text::{code, count, markdown as md};

/// `1,238億円 → 1,240億円 (+2億円, +0.2%)`, with `—` for a side without the figure.
pub(super) fn arrow(change: &FigureChange) -> String {
    let side = |f: &Option<Figure>| f.as_ref().map_or("—".to_string(), |f| f.shown.clone());
    let mut text = format!("{} → {}", side(&change.old), side(&change.new));
    if let Some(difference) = &change.difference {
        let difference =
            if difference.shown.starts_with(['+', '−']) { difference.shown.clone() } else { "±0".to_string() };
        match &change.percent {
            Some(p) => {
                let _ = write!(text, " ({difference}, {p})");
            }
            None => {
                let _ = write!(text, " ({difference})");
            }
        }
    }
    text
}

fn amount(entry: &LineEntry) -> String {
    entry.amount.as_ref().map_or(String::new(), |a| a.shown.clone())
}

/// The headline of a dataset: its status and its total's change.
fn headline(d: &DatasetDiff) -> String {
    let totals: Vec<String> = d
        .totals
        .iter()
        .filter(|t| t.old.as_ref().map(|f| &f.shown) != t.new.as_ref().map(|f| &f.shown))
        .map(|t| format!("{} {}", t.column.japanese(), arrow(t)))
        .collect();
    match totals.is_empty() {
        true => String::new(),
        false => format!("total of the top-level lines: {}", totals.join("; ")),
    }
}

fn counts(d: &DatasetDiff) -> String {
    format!(
        "{} changed, {} added, {} removed, {} moved, {} renamed",
        count(d.figures.len(), "figure"),
        count(d.added.len(), "line"),
        d.removed.len(),
        d.moved.len(),
        d.renamed.len()
    )
}

/// GitHub-flavoured Markdown.
pub fn markdown(diff: &Diff) -> String {
    let mut out = String::new();
    let changed: Vec<&DatasetDiff> = diff.datasets.iter().filter(|d| !d.is_unchanged()).collect();
    let _ = writeln!(
        out,
        "# Budget diff: {} of {} changed\n\nFigures in {}. Findings: {} new, {} fixed.\n",
        changed.len(),
        count(diff.datasets.len(), "dataset"),
        diff.unit,
        diff.new_findings.len(),
        diff.fixed_findings.len()
    );
    if changed.is_empty() && diff.new_findings.is_empty() && diff.fixed_findings.is_empty() {
        out.push_str("No figure, line or finding changed.\n");
        return out;
    }
    for d in changed {
        let _ = writeln!(out, "## {} {}: {}\n", code(&d.id), d_status(d.status), md(d.title.as_deref().unwrap_or("")));
        let headline = headline(d);
        if !headline.is_empty() {
            let _ = writeln!(out, "**{}**\n", md(&headline));
        }
        let _ = writeln!(out, "{}.\n", counts(d));
        if !d.figures.is_empty() {
            out.push_str("| line | column | change |\n| --- | --- | --- |\n");
            for f in &d.figures {
                let _ = writeln!(
                    out,
                    "| {} {} | {} | {} |",
                    md(&f.name),
                    code(&f.path),
                    f.column.japanese(),
                    md(&arrow(f))
                );
            }
            out.push('\n');
        }
        for (what, lines) in [("Added", &d.added), ("Removed", &d.removed)] {
            if lines.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{what}:\n");
            for line in lines {
                let _ = writeln!(out, "- {} {} {}", md(&line.name), code(&line.path), md(&amount(line)));
            }
            out.push('\n');
        }
        if !d.moved.is_empty() {
            out.push_str("Moved to another parent:\n\n");
            for m in &d.moved {
                let _ = writeln!(out, "- {}: {} → {}", md(&m.name), code(&m.old_path), code(&m.new_path));
            }
            out.push('\n');
        }
        if !d.renamed.is_empty() {
            out.push_str("Renamed:\n\n");
            for r in &d.renamed {
                let _ = writeln!(out, "- {}: {} → {}", code(&r.path), md(&r.old), md(&r.new));
            }
            out.push('\n');
        }
    }
    for (what, findings) in [("New findings", &diff.new_findings), ("Fixed findings", &diff.fixed_findings)] {
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {what}: {}\n", findings.len());
        out.push_str("| severity | rule | place | message |\n| --- | --- | --- | --- |\n");
        for f in findings {
            let place = format!("{}:{}:{}", f.file, f.line, f.column);
            let _ = writeln!(out, "| {} | {} | {} | {} |", f.severity, code(&f.rule), code(&place), md(&f.message));
        }
        out.push('\n');
    }
    out
}

fn d_status(status: DatasetStatus) -> &'static str {
    match status {
        DatasetStatus::Added => "(added)",
        DatasetStatus::Removed => "(removed)",
        DatasetStatus::Changed => "(changed)",
        DatasetStatus::Unchanged => "(unchanged)",
    }
}

/// Plain text for the terminal, every text of the datasets escaped.
pub fn human(diff: &Diff) -> String {
    let mut out = String::new();
    let e = |text: &str| escape_line(text).into_owned();
    for d in diff.datasets.iter().filter(|d| !d.is_unchanged()) {
        let _ = writeln!(out, "{} {}: {}", e(&d.id), d_status(d.status), e(d.title.as_deref().unwrap_or("")));
        let headline = headline(d);
        if !headline.is_empty() {
            let _ = writeln!(out, "  {}", e(&headline));
        }
        for f in &d.figures {
            let _ = writeln!(out, "  changed  {} ({}) {}: {}", e(&f.path), e(&f.name), f.column.field(), e(&arrow(f)));
        }
        for line in &d.added {
            let _ = writeln!(out, "  added    {} ({}) {}", e(&line.path), e(&line.name), e(&amount(line)));
        }
        for line in &d.removed {
            let _ = writeln!(out, "  removed  {} ({}) {}", e(&line.path), e(&line.name), e(&amount(line)));
        }
        for m in &d.moved {
            let _ = writeln!(
                out,
                "  moved    {} ({}): from {} to {}",
                e(&m.id),
                e(&m.name),
                e(&m.old_path),
                e(&m.new_path)
            );
        }
        for r in &d.renamed {
            let _ = writeln!(out, "  renamed  {}: {} → {}", e(&r.path), e(&r.old), e(&r.new));
        }
    }
    for (what, findings) in [("new", &diff.new_findings), ("fixed", &diff.fixed_findings)] {
        for f in findings {
            let _ = writeln!(
                out,
                "{what} finding: {}:{}:{}: {} {} {}",
                e(&f.file),
                f.line,
                f.column,
                f.severity,
                f.rule,
                e(&f.message)
            );
        }
    }
    let changed = diff.datasets.iter().filter(|d| !d.is_unchanged()).count();
    let _ = writeln!(
        out,
        "{changed} of {} changed; findings: {} new, {} fixed",
        count(diff.datasets.len(), "dataset"),
        diff.new_findings.len(),
        diff.fixed_findings.len()
    );
    out
}
