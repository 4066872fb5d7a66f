//! A file of the run: its path, the name findings give it, its text, and lines and columns
//! for byte offsets (the line starts are found once, on first use).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::span::{LineIndex, Position};

#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub name: String,
    /// An `Arc<String>` rather than an `Arc<str>`: the text read from the file is shared as
    /// it is, never copied (a copy of a large file would double the memory while it is made).
    pub text: Arc<String>,
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    pub fn new(path: &Path, text: Arc<String>) -> SourceFile {
        SourceFile { path: path.to_path_buf(), name: path.display().to_string(), text, lines: OnceLock::new() }
    }

    /// The 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines().position(&self.text, offset)
    }

    /// The byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.lines().line_start(&self.text, line)
    }

    /// The 0-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines().line_of(&self.text, offset.min(self.text.len()))
    }

    /// The bytes of 0-based `line`, without its line break.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        self.lines().line_range(&self.text, line)
    }

    pub fn line_count(&self) -> usize {
        self.lines().line_count()
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }
}
