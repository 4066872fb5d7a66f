//! Suppressions: `# yosan-allow: CODE[, CODE] -- reason` on a finding's line, or alone on
//! the line above it, keeps that finding out of the results. A suppression without a reason,
//! one that matches nothing, and one of a rule that the configuration declares not
//! suppressible are findings themselves (`check: {kind: suppression}`).

use std::collections::{HashMap, HashSet};

use crate::findings::{Defect, Edit, FileId, Finding, Fix};
use crate::load::Comment;
use crate::source::SourceFile;
use crate::span::Span;

const MARKER: &str = "yosan-allow:";

/// One `# yosan-allow:` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub file: FileId,
    /// The comment.
    pub span: Span,
    /// The 1-based line whose findings it suppresses.
    pub line: usize,
    pub codes: Vec<String>,
    pub reason: Option<String>,
}

/// Reads the suppressions among a file's comments.
pub fn parse(file: FileId, source: &SourceFile, comments: &[Comment]) -> Vec<Suppression> {
    comments
        .iter()
        .filter_map(|comment| {
            let body = comment.text.trim().strip_prefix(MARKER)?;
            let (codes, reason) = match body.split_once("--") {
                Some((codes, reason)) => (codes, Some(reason.trim()).filter(|r| !r.is_empty())),
                None => (body, None),
            };
            let codes = codes.split([',', ' ', '\t']).filter(|c| !c.is_empty()).map(str::to_string).collect();
            let position = source.position(comment.span.start());
            let line_start = source.line_start(position.line).unwrap_or(0);
            let alone = source.text[line_start..comment.span.start()].trim().is_empty();
            let line = if alone { position.line + 1 } else { position.line };
            Some(Suppression { file, span: comment.span, line, codes, reason: reason.map(str::to_string) })
        })
        .collect()
}

/// What applying the suppressions did.
#[derive(Debug, Default)]
pub struct Applied {
    /// Each suppression with the findings it kept out.
    pub used: Vec<(Suppression, Vec<Finding>)>,
    /// Defects about the suppressions themselves, by kind of report.
    pub unused: Vec<Defect>,
    pub without_reason: Vec<Defect>,
    pub forbidden: Vec<Defect>,
}

/// Removes the suppressed findings from `findings`.
///
/// `line_of` gives the 1-based line of a finding's primary span; `is_active` says whether a
/// code is a rule of this run (a suppression of a rule switched off is not "unused");
/// `is_suppressible` whether the configuration lets a code be suppressed inline.
pub fn apply(
    suppressions: Vec<Suppression>,
    findings: &mut Vec<Finding>,
    line_of: &dyn Fn(&Finding) -> usize,
    is_active: &dyn Fn(&str) -> bool,
    is_suppressible: &dyn Fn(&str) -> bool,
    codes: &[&str],
) -> Applied {
    let mut applied = Applied::default();
    let mut by_line: HashMap<(FileId, usize), Vec<usize>> = HashMap::new();
    for (i, s) in suppressions.iter().enumerate() {
        by_line.entry((s.file, s.line)).or_default().push(i);
    }
    let files: HashSet<FileId> = suppressions.iter().map(|s| s.file).collect();
    let mut kept_out: Vec<Vec<Finding>> = vec![Vec::new(); suppressions.len()];
    findings.retain(|finding| {
        if !files.contains(&finding.defect.file) {
            return true;
        }
        let Some(candidates) = by_line.get(&(finding.defect.file, line_of(finding))) else { return true };
        let Some(&s) = candidates.iter().find(|&&s| suppressions[s].codes.iter().any(|c| **c == *finding.code)) else {
            return true;
        };
        if !is_suppressible(&finding.code) {
            return true;
        }
        kept_out[s].push(finding.clone());
        false
    });
    for (suppression, findings) in suppressions.into_iter().zip(kept_out) {
        judge(&suppression, &findings, is_active, is_suppressible, codes, &mut applied);
        if !findings.is_empty() {
            applied.used.push((suppression, findings));
        }
    }
    applied
}

/// The findings about one suppression, given the findings it kept out.
fn judge(
    suppression: &Suppression,
    kept_out: &[Finding],
    is_active: &dyn Fn(&str) -> bool,
    is_suppressible: &dyn Fn(&str) -> bool,
    known: &[&str],
    applied: &mut Applied,
) {
    let (file, span, codes) = (suppression.file, suppression.span, &suppression.codes);
    if let Some(unknown) = codes.iter().find(|c| !known.contains(&c.as_str())) {
        let near = crate::suggest::closest(unknown, known).map(|n| format!("did you mean `{n}`? ")).unwrap_or_default();
        let defect = Defect::new(file, span, format!("this suppression names `{unknown}`, which is no rule's code"))
            .help(format!("{near}`yosan rules` lists the codes"));
        applied.unused.push(defect);
        return;
    }
    if suppression.reason.is_none() && !codes.is_empty() {
        let defect = Defect::new(file, span, format!("the suppression of {} gives no reason", codes.join(", "))).help(
            "say why after `--`, e.g. `# yosan-allow: sum-mismatch -- the document's own figures disagree (p.5)`",
        );
        applied.without_reason.push(defect);
    }
    let forbidden: Vec<&String> = codes.iter().filter(|c| !is_suppressible(c)).collect();
    if !forbidden.is_empty() {
        let message = format!("{} cannot be suppressed inline in this project", join(&forbidden));
        let defect = Defect::new(file, span, message).help(
            "the configuration (`not-suppressible`) keeps these findings visible: correct the data, or change the configuration in review",
        );
        applied.forbidden.push(defect);
    }
    let fired = |code: &str| kept_out.iter().any(|f| *f.code == *code);
    let unmatched: Vec<&String> = codes.iter().filter(|c| is_active(c) && is_suppressible(c) && !fired(c)).collect();
    let what = match (codes.is_empty(), unmatched.is_empty()) {
        (true, _) => "names no code".to_string(),
        (false, false) => format!("suppresses nothing here: no {} on line {}", join(&unmatched), suppression.line),
        (false, true) => return,
    };
    let mut defect = Defect::new(file, span, format!("this suppression {what}"))
        .help("remove it, or move it onto the finding's line or alone on the line above");
    if kept_out.is_empty() {
        let edits = vec![Edit::RemoveComment { span }];
        defect = defect.fix(Fix { description: "remove the suppression".into(), edits });
    }
    applied.unused.push(defect);
}

fn join(codes: &[&String]) -> String {
    codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(text: &str, source: &str) -> Comment {
        let at = source.find(text).unwrap();
        Comment { span: Span::new(at, at + text.len()), text: text[1..].to_string() }
    }

    #[test]
    fn trailing_and_standalone_comments() {
        let source = "a: 1  # yosan-allow: sum-mismatch -- p.5\n# yosan-allow: x, y\nb: 2\n";
        let comments = [comment("# yosan-allow: sum-mismatch -- p.5", source), comment("# yosan-allow: x, y", source)];
        let file = SourceFile::new(std::path::Path::new("a.yaml"), std::sync::Arc::new(source.to_string()));
        let found = parse(0, &file, &comments);
        assert_eq!(found[0].line, 1);
        assert_eq!(found[0].codes, ["sum-mismatch"]);
        assert_eq!(found[0].reason.as_deref(), Some("p.5"));
        assert_eq!(found[1].line, 3);
        assert_eq!(found[1].codes, ["x", "y"]);
        assert_eq!(found[1].reason, None);
    }
}
