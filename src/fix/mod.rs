//! `fix`: safe fixes and added suppressions, as edits on byte spans of the source — never a
//! re-serialisation, so every byte outside an edit stays as the author wrote it.
//!
//! Every change is verified before it is offered: the edited text is loaded again, and its
//! tree must be the old one with only the edited scalars changed (to exactly their new text),
//! and its comments the old ones with only the removed ones gone and the added ones there. An
//! edit that would change anything else — a scalar inside an anchor that aliases repeat, a
//! comment that would land inside a block scalar — is dropped, and the rest are kept.

mod allow;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

pub use allow::add_allow;

use crate::engine::Outcome;
use crate::findings::{Edit, FileId, Finding};
use crate::load::{self, Limits, Node, Value};
use crate::source::SourceFile;
use crate::span::Span;

/// The new text of one file.
#[derive(Debug)]
pub struct FileChange {
    pub file: FileId,
    pub path: PathBuf,
    pub name: String,
    pub old: Arc<String>,
    pub new: String,
    /// How many findings the change resolves.
    pub resolved: usize,
}

/// One change of a fix, resolved against the text: bytes `range` become `text`. What it does
/// to the document, for the verification.
#[derive(Clone, Debug)]
struct Change {
    range: std::ops::Range<usize>,
    text: String,
    effect: Effect,
}

#[derive(Clone, Debug)]
enum Effect {
    /// The scalar whose node spans this (in the old text) now reads this.
    Scalar(Span, String),
    /// The comment at this span is gone.
    CommentRemoved(Span),
    /// A comment with this text (after `#`) is added.
    CommentAdded(String),
}

/// The safe fixes of `outcome`'s findings, one change per file that has any.
pub fn fixes(outcome: &Outcome) -> Vec<FileChange> {
    let mut by_file: HashMap<FileId, Vec<Vec<Change>>> = HashMap::new();
    for finding in &outcome.findings {
        let Some(fix) = &finding.defect.fix else { continue };
        let Some(source) = outcome.files.get(finding.defect.file) else { continue };
        let changes: Option<Vec<Change>> = fix.edits.iter().map(|edit| resolve(source, edit)).collect();
        if let Some(changes) = changes {
            by_file.entry(finding.defect.file).or_default().push(changes);
        }
    }
    changes_by_file(outcome, by_file)
}

/// Applies each file's groups of changes (one group per finding), dropping a group that
/// overlaps an earlier one or that the verification refuses.
fn changes_by_file(outcome: &Outcome, by_file: HashMap<FileId, Vec<Vec<Change>>>) -> Vec<FileChange> {
    let mut files: Vec<FileChange> = by_file
        .into_iter()
        .filter_map(|(file, groups)| {
            let source = &outcome.files[file];
            let (new, resolved) = apply_verified(&source.text, groups)?;
            Some(FileChange {
                file,
                path: source.path.clone(),
                name: source.name.clone(),
                old: source.text.clone(),
                new,
                resolved,
            })
        })
        .collect();
    files.sort_by_key(|f| f.file);
    files
}

/// The text with as many groups applied as verify, and how many that is; `None` for none.
fn apply_verified(text: &str, mut groups: Vec<Vec<Change>>) -> Option<(String, usize)> {
    groups.sort_by_key(|g| g.iter().map(|c| c.range.start).min().unwrap_or(0));
    let mut accepted: Vec<Vec<Change>> = Vec::new();
    for group in groups {
        let overlaps = accepted.iter().flatten().any(|a| group.iter().any(|c| overlap(&a.range, &c.range)));
        if overlaps {
            continue;
        }
        accepted.push(group);
    }
    let all: Vec<Change> = accepted.iter().flatten().cloned().collect();
    if let Some(new) = apply_checked(text, &all) {
        return Some((new, accepted.len()));
    }
    // Some group breaks the document: keep the groups that do not, one by one.
    let mut kept: Vec<Change> = Vec::new();
    let mut count = 0;
    for group in accepted {
        let trial: Vec<Change> = kept.iter().chain(&group).cloned().collect();
        if apply_checked(text, &trial).is_some() {
            kept = trial;
            count += 1;
        }
    }
    (count > 0).then(|| (apply_checked(text, &kept).unwrap_or_else(|| text.to_string()), count))
}

fn overlap(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

/// The text with `changes` applied, if the result verifies.
fn apply_checked(text: &str, changes: &[Change]) -> Option<String> {
    let new = apply(text, changes);
    verify(text, &new, changes).then_some(new)
}

fn apply(text: &str, changes: &[Change]) -> String {
    let mut sorted: Vec<&Change> = changes.iter().collect();
    sorted.sort_by_key(|c| (c.range.start, c.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for change in sorted {
        out.push_str(&text[at..change.range.start]);
        out.push_str(&change.text);
        at = change.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// An edit resolved against the source text; `None` when it cannot be made safely (the
/// scalar is written with escapes, the span does not hold what the finding saw).
fn resolve(source: &SourceFile, edit: &Edit) -> Option<Change> {
    let text = &source.text;
    match edit {
        Edit::Scalar { span, old, new } => {
            let raw = text.get(span.range())?;
            let effect = Effect::Scalar(*span, new.clone());
            if raw == old {
                return Some(Change { range: span.range(), text: new.clone(), effect });
            }
            let quote = raw.chars().next().filter(|q| matches!(q, '"' | '\''))?;
            let inner = raw.strip_prefix(quote)?.strip_suffix(quote)?;
            (inner == old && !inner.contains('\\') && !inner.contains(quote)).then(|| Change {
                range: span.start() + 1..span.end() - 1,
                text: new.clone(),
                effect,
            })
        }
        Edit::RemoveComment { span } => {
            let line = source.line_of(span.start());
            let line_start = source.line_range(line).start;
            let before = text.get(line_start..span.start())?;
            let range = if before.trim().is_empty() {
                let next = if line + 1 < source.line_count() { source.line_range(line + 1).start } else { text.len() };
                line_start..next
            } else {
                let blanks = before.len() - before.trim_end_matches([' ', '\t']).len();
                span.start() - blanks..span.end()
            };
            Some(Change { range, text: String::new(), effect: Effect::CommentRemoved(*span) })
        }
    }
}

/// Whether `new` is `old` with exactly the effects of `changes` and nothing else.
fn verify(old: &str, new: &str, changes: &[Change]) -> bool {
    let limits = Limits::default();
    let (Ok(before), Ok(after)) = (load::load(old, &limits), load::load(new, &limits)) else {
        return false;
    };
    let mut scalars: HashMap<Span, &str> = HashMap::new();
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for change in changes {
        match &change.effect {
            Effect::Scalar(span, text) => {
                scalars.insert(*span, text);
            }
            Effect::CommentRemoved(span) => removed.push(*span),
            Effect::CommentAdded(text) => added.push(text.as_str()),
        }
    }
    let mut expected: Vec<&str> =
        before.comments.iter().filter(|c| !removed.contains(&c.span)).map(|c| c.text.as_str()).chain(added).collect();
    let mut found: Vec<&str> = after.comments.iter().map(|c| c.text.as_str()).collect();
    expected.sort_unstable();
    found.sort_unstable();
    expected == found && same_tree(before.root.as_ref(), after.root.as_ref(), &scalars)
}

/// Whether two trees have the same shape and scalars, but for the scalars of `edited` (by
/// their span in the old tree), which must read their new text.
fn same_tree(old: Option<&Node<'_>>, new: Option<&Node<'_>>, edited: &HashMap<Span, &str>) -> bool {
    let mut stack = match (old, new) {
        (Some(a), Some(b)) => vec![(a, b)],
        (None, None) => return true,
        _ => return false,
    };
    while let Some((a, b)) = stack.pop() {
        match (&a.target().value, &b.target().value) {
            (Value::Scalar(x), Value::Scalar(y)) => {
                let wanted = edited.get(&a.span).copied().unwrap_or(&x.text);
                if y.text != wanted || (x.plain != y.plain && !edited.contains_key(&a.span)) {
                    return false;
                }
            }
            (Value::Seq(_), Value::Seq(_)) | (Value::Map(_), Value::Map(_)) => {
                let (xs, ys) = (a.children(), b.children());
                if xs.len() != ys.len() {
                    return false;
                }
                stack.extend(xs.into_iter().zip(ys));
            }
            _ => return false,
        }
    }
    true
}

/// The findings that a fix or an added suppression would concern.
pub(crate) fn by_file_and_line<'a>(
    outcome: &'a Outcome,
    keep: &dyn Fn(&Finding) -> bool,
) -> Vec<(FileId, usize, Vec<&'a Finding>)> {
    let mut groups: Vec<(FileId, usize, Vec<&Finding>)> = Vec::new();
    for finding in outcome.findings.iter().filter(|f| keep(f)) {
        let Some(source) = outcome.files.get(finding.defect.file) else { continue };
        let line = source.line_of(finding.defect.span.start());
        match groups.iter_mut().find(|(f, l, _)| *f == finding.defect.file && *l == line) {
            Some((_, _, findings)) => findings.push(finding),
            None => groups.push((finding.defect.file, line, vec![finding])),
        }
    }
    groups
}

#[cfg(test)]
mod tests;
