//! A span as the machine formats give it: the file's name, 1-based start and end line and
//! column, columns counting characters (the one convention of `span::Position`).

use serde::Serialize;

use crate::findings::FileId;
use crate::source::SourceFile;
use crate::span::Span;

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Place<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl<'a> Place<'a> {
    pub fn of(files: &'a [SourceFile], file: FileId, span: Span) -> Place<'a> {
        let Some(source) = files.get(file) else {
            return Place { file: "?", line: 1, column: 1, end_line: 1, end_column: 1 };
        };
        let (start, end) = (source.position(span.start()), source.position(span.end()));
        Place { file: &source.name, line: start.line, column: start.column, end_line: end.line, end_column: end.column }
    }
}
