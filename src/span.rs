//! Byte spans into a source file, and the line/column view of them.

use std::ops::Range;

/// A byte range `start..end` into one source file.
///
/// Kept as `u32`s: a span is in every value of the model, and a file is at most
/// [`MAX_OFFSET`] bytes (the loader's size limit is capped there), so half the size of a pair
/// of `usize`s is enough.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: u32,
    end: u32,
}

/// The largest offset a span holds; a larger one is clamped to it.
pub const MAX_OFFSET: usize = u32::MAX as usize;

fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start: offset(start), end: offset(end.max(start)) }
    }

    /// An empty span at `offset`.
    pub fn at(at: usize) -> Self {
        Span { start: offset(at), end: offset(at) }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.start().into(), span.len())
    }
}

/// Line starts of a text, to turn byte offsets into 1-based lines and columns. Only every
/// [`LINES_PER_MARK`]th line start is kept (a start per line of a large file adds up: 13 MB at a
/// million leaves), and the lines between are found by scanning from the nearest mark.
///
/// Lines break where YAML breaks them: at LF, CRLF and a lone CR, so a file with old Mac line
/// ends has as many lines as the parser sees. Columns count Unicode scalar values, so a
/// full-width character is one column; the same convention for the terminal, JSON and every
/// other output.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of line 0, [`LINES_PER_MARK`], twice that, and so on.
    marks: Vec<u32>,
    /// How many lines the text has.
    lines: usize,
    /// Characters before each block of [`BLOCK`] bytes: a column in a long line is counted
    /// from the nearest block, not from the start of the line.
    chars_before_block: Vec<u32>,
}

/// Bytes between two checkpoints of the character count.
const BLOCK: usize = 512;

/// Lines between two kept line starts.
const LINES_PER_MARK: usize = 32;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where the line after the one that holds `from` starts, if there is one.
fn next_line_start(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let found = at + bytes.get(at..)?.iter().position(|&b| b == b'\n' || b == b'\r')?;
        match (bytes[found], bytes.get(found + 1)) {
            // CRLF breaks at its LF.
            (b'\r', Some(b'\n')) => at = found + 1,
            _ => return Some(found + 1),
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let (mut marks, mut lines, mut start) = (vec![0], 1, 0);
        while let Some(next) = next_line_start(bytes, start) {
            if lines % LINES_PER_MARK == 0 {
                marks.push(offset(next));
            }
            lines += 1;
            start = next;
        }
        let mut chars_before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut chars = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before_block.push(offset(chars));
            chars += block.iter().filter(|&&b| !is_continuation(b)).count();
        }
        // The end of a text whose length is a multiple of BLOCK starts a block of its own.
        chars_before_block.push(offset(chars));
        LineIndex { marks, lines, chars_before_block }
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let (line, start) = self.line_and_start(text, offset);
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        Position { line: line + 1, column }
    }

    /// The 0-based line that holds byte `offset`.
    pub fn line_of(&self, text: &str, offset: usize) -> usize {
        self.line_and_start(text, offset).0
    }

    /// The 0-based line that holds byte `offset`, and where it starts.
    fn line_and_start(&self, text: &str, offset: usize) -> (usize, usize) {
        let mark = self.marks.partition_point(|&s| s as usize <= offset).saturating_sub(1);
        let (mut line, mut start) = (mark * LINES_PER_MARK, self.marks[mark] as usize);
        while let Some(next) = next_line_start(text.as_bytes(), start).filter(|&next| next <= offset) {
            (line, start) = (line + 1, next);
        }
        (line, start)
    }

    /// Byte offset of the start of 0-based `line`, if the text has that line.
    fn start_of(&self, text: &str, line: usize) -> Option<usize> {
        if line >= self.lines {
            return None;
        }
        let mut start = self.marks[line / LINES_PER_MARK] as usize;
        for _ in 0..line % LINES_PER_MARK {
            start = next_line_start(text.as_bytes(), start)?;
        }
        Some(start)
    }

    /// Byte offset of the start of 1-based `line`, if the text has that line.
    pub fn line_start(&self, text: &str, line: usize) -> Option<usize> {
        self.start_of(text, line.checked_sub(1)?)
    }

    /// The bytes of 0-based `line`, without its line break (past the last line: the end).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let Some(start) = self.start_of(text, line) else { return text.len()..text.len() };
        let mut end = next_line_start(text.as_bytes(), start).unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// How many lines the text has (an empty text has one, empty).
    pub fn line_count(&self) -> usize {
        self.lines
    }

    /// Characters in `text[..offset]`, `offset` on a character boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        let counted = self.chars_before_block.get(block).map_or(0, |&c| c as usize);
        let from = (block * BLOCK).min(offset);
        counted + text.as_bytes()[from..offset].iter().filter(|&&b| !is_continuation(b)).count()
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a: 1\nname: 予算額\nb: 2\r\nc: 3";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        let b = text.find("b:").unwrap();
        assert_eq!(index.position(text, b), Position { line: 3, column: 1 });
        let after = text.find("額").unwrap() + "額".len();
        assert_eq!(index.position(text, after), Position { line: 2, column: 10 });
        let c = text.find("c:").unwrap();
        assert_eq!(index.position(text, c), Position { line: 4, column: 1 });
    }

    #[test]
    fn lines_break_at_lf_crlf_and_a_lone_cr() {
        let text = "a: 1\rb: 2\r\nc: 3\nd: 4\r\re: 5";
        let index = LineIndex::new(text);
        let line_of = |key: &str| index.position(text, text.find(key).unwrap()).line;
        assert_eq!([line_of("a:"), line_of("b:"), line_of("c:"), line_of("d:"), line_of("e:")], [1, 2, 3, 4, 6]);
        assert_eq!(index.line_count(), 6);
        assert_eq!(&text[index.line_range(text, 1)], "b: 2");
        assert_eq!(&text[index.line_range(text, 4)], "");
    }

    #[test]
    fn columns_in_a_long_line_count_characters_across_blocks() {
        let text = format!("{}x{}y", "予".repeat(1000), "ab".repeat(700));
        let index = LineIndex::new(&text);
        assert_eq!(index.position(&text, text.find('x').unwrap()).column, 1001);
        assert_eq!(index.position(&text, text.find('y').unwrap()).column, 1001 + 1 + 1400);
        assert_eq!(index.position(&text, text.len()).column, 1001 + 1 + 1400 + 1);
    }

    #[test]
    fn the_end_of_a_text_of_whole_blocks_has_its_column() {
        // Found by fuzzing (the rule-file reader): an error at the end of a 512-byte file.
        for len in [BLOCK, 2 * BLOCK, BLOCK - 1, BLOCK + 1] {
            let text = format!("{}\n{}", "a".repeat(9), "b".repeat(len - 10));
            let index = LineIndex::new(&text);
            assert_eq!(index.position(&text, text.len()), Position { line: 2, column: len - 10 + 1 }, "{len}");
        }
    }

    /// Every line start, as the index kept them before it kept marks only.
    fn every_line_start(text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        starts
    }

    #[test]
    fn lines_between_marks_are_found_by_scanning() {
        let text: String = (0..200).map(|i| ["a\n", "bb\r\n", "\r", "", "予算\n"][i % 5]).collect::<String>() + "end";
        for text in [text.as_str(), "", "\n", "\r\n\r\n", "x\r"] {
            let index = LineIndex::new(text);
            let starts = every_line_start(text);
            assert_eq!(index.line_count(), starts.len(), "{text:?}");
            for (line, &start) in starts.iter().enumerate() {
                assert_eq!(index.line_start(text, line + 1), Some(start), "{text:?} line {line}");
            }
            assert_eq!(index.line_start(text, starts.len() + 1), None);
            for offset in 0..=text.len() {
                let expected = starts.partition_point(|&s| s <= offset) - 1;
                assert_eq!(index.line_of(text, offset), expected, "{text:?} at {offset}");
            }
        }
    }

    #[test]
    fn offsets_inside_a_character_snap_back() {
        let text = "予算";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 99), Position { line: 1, column: 3 });
    }
}
