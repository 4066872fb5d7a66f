//! `--add-allow REASON`: a suppression with that reason for each current finding, so that a
//! project adopts yosan on data that already has findings and pays them down later (as ruff's
//! `--add-noqa`). On the finding's line when the line has no comment, else alone on the line
//! above it, indented like it.

use std::collections::HashMap;

use super::{by_file_and_line, changes_by_file, Change, Effect, FileChange};
use crate::engine::Outcome;
use crate::findings::{FileId, Finding};
use crate::load::{self, Limits};
use crate::source::SourceFile;

/// The suppressions to add for the findings that `allowed` accepts (those that a comment can
/// suppress at all), with `reason`.
pub fn add_allow(outcome: &Outcome, reason: &str, allowed: &dyn Fn(&Finding) -> bool) -> Vec<FileChange> {
    let mut comments: HashMap<FileId, Vec<usize>> = HashMap::new();
    let mut by_file: HashMap<FileId, Vec<Vec<Change>>> = HashMap::new();
    for (file, line, findings) in by_file_and_line(outcome, allowed) {
        let source = &outcome.files[file];
        let lines_with_comments = comments.entry(file).or_insert_with(|| commented_lines(source));
        let mut codes: Vec<&str> = Vec::new();
        for finding in &findings {
            if !codes.contains(&&*finding.code) {
                codes.push(&finding.code);
            }
        }
        let comment = format!(" yosan-allow: {} -- {reason}", codes.join(", "));
        let change = insertion(source, line, &comment, lines_with_comments.contains(&line));
        by_file.entry(file).or_default().push(vec![change]);
    }
    changes_by_file(outcome, by_file)
}

/// The 0-based lines of `source` that hold a comment.
fn commented_lines(source: &SourceFile) -> Vec<usize> {
    match load::load(&source.text, &Limits::default()) {
        Ok(document) => document.comments.iter().map(|c| source.line_of(c.span.start())).collect(),
        Err(_) => Vec::new(),
    }
}

/// `# comment` at the end of `line`, or alone on a new line above it when it has a comment.
fn insertion(source: &SourceFile, line: usize, comment: &str, has_comment: bool) -> Change {
    let range = source.line_range(line);
    let effect = Effect::CommentAdded(comment.to_string());
    if !has_comment {
        return Change { range: range.end..range.end, text: format!("  #{comment}"), effect };
    }
    let text = &source.text[range.clone()];
    let indent = &text[..text.len() - text.trim_start_matches([' ', '\t']).len()];
    let line_break = line_break(source, line);
    Change { range: range.start..range.start, text: format!("{indent}#{comment}{line_break}"), effect }
}

/// The line break that ends `line`, or the file's first one, or LF.
fn line_break(source: &SourceFile, line: usize) -> &'static str {
    let text = &source.text;
    let end = source.line_range(line).end;
    let after = &text[end..];
    let first = text.find(['\n', '\r']).map_or("", |i| &text[i..]);
    for candidate in [after, first] {
        if candidate.starts_with("\r\n") {
            return "\r\n";
        }
        if candidate.starts_with('\r') {
            return "\r";
        }
        if candidate.starts_with('\n') {
            return "\n";
        }
    }
    "\n"
}
