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

/// An offset, index or count kept as a `u32`, as spans keep theirs: a file is at most
/// [`MAX_OFFSET`] bytes, so nothing in it counts past that; a larger number is clamped.
pub fn compact(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start: compact(start), end: compact(end.max(start)) }
    }

    /// An empty span at `offset`.
    pub fn at(at: usize) -> Self {
        Span { start: compact(at), end: compact(at) }
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

/// Line breaks and characters of a text, counted per block of [`BLOCK`] bytes, to turn byte
/// offsets into 1-based lines and columns. Every question is answered from the nearest block
/// with at most one block's scan, however long the lines are (a file of one 100 MB flow line
/// included), and the index is a hundredth of the text's size rather than a word per line.
///
/// Lines break where YAML breaks them: at LF, CRLF and a lone CR, so a file with old Mac line
/// ends has as many lines as the parser sees. Columns count Unicode scalar values, so a
/// full-width character is one column; the same convention for the terminal, JSON and every
/// other output.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Line breaks before each block: the 0-based line the block starts in.
    breaks_before_block: Vec<u32>,
    /// Characters before each block: a column in a long line is counted from the nearest
    /// block, not from the start of the line.
    chars_before_block: Vec<u32>,
}

/// Bytes between two checkpoints of the counts.
const BLOCK: usize = 512;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Whether a line breaks at byte `i`: an LF, or a CR that no LF follows (CRLF breaks at its LF).
fn breaks_at(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let blocks = bytes.len() / BLOCK + 1;
        let (mut breaks_before_block, mut chars_before_block) =
            (Vec::with_capacity(blocks), Vec::with_capacity(blocks));
        let (mut breaks, mut chars) = (0, 0);
        for (b, block) in bytes.chunks(BLOCK).enumerate() {
            breaks_before_block.push(compact(breaks));
            chars_before_block.push(compact(chars));
            let (line_feeds, returns, starts) = count_block(block);
            breaks += line_feeds;
            if returns > 0 {
                // A CR breaks a line only where no LF follows it: rare enough to look again.
                let lone = |&i: &usize| bytes[i] == b'\r' && breaks_at(bytes, i);
                breaks += (b * BLOCK..b * BLOCK + block.len()).filter(lone).count();
            }
            chars += starts;
        }
        // The end of a text whose length is a multiple of BLOCK starts a block of its own.
        breaks_before_block.push(compact(breaks));
        chars_before_block.push(compact(chars));
        LineIndex { breaks_before_block, chars_before_block }
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(text, offset);
        let start = self.start_of(text, line).unwrap_or(0);
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        Position { line: line + 1, column }
    }

    /// The 0-based line that holds byte `offset`: the breaks before it.
    pub fn line_of(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let block = offset / BLOCK;
        let counted = self.breaks_before_block.get(block).map_or(0, |&n| n as usize);
        counted + (block * BLOCK..offset).filter(|&i| breaks_at(text.as_bytes(), i)).count()
    }

    /// Byte offset of the start of 0-based `line`, if the text has that line: just after its
    /// `line`th break, found in the block that holds it.
    fn start_of(&self, text: &str, line: usize) -> Option<usize> {
        if line == 0 {
            return Some(0);
        }
        if line >= self.line_count() {
            return None;
        }
        let block = self.breaks_before_block.partition_point(|&n| (n as usize) < line) - 1;
        let mut wanted = line - self.breaks_before_block[block] as usize;
        let bytes = text.as_bytes();
        for i in block * BLOCK..bytes.len() {
            if breaks_at(bytes, i) {
                wanted -= 1;
                if wanted == 0 {
                    return Some(i + 1);
                }
            }
        }
        None
    }

    /// Byte offset of the start of 1-based `line`, if the text has that line.
    pub fn line_start(&self, text: &str, line: usize) -> Option<usize> {
        self.start_of(text, line.checked_sub(1)?)
    }

    /// The bytes of 0-based `line`, without its line break (past the last line: the end).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let Some(start) = self.start_of(text, line) else { return text.len()..text.len() };
        let mut end = self.start_of(text, line + 1).unwrap_or(text.len());
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
        self.breaks_before_block.last().map_or(0, |&n| n as usize) + 1
    }

    /// Characters in `text[..offset]`, `offset` on a character boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        let counted = self.chars_before_block.get(block).map_or(0, |&c| c as usize);
        let from = (block * BLOCK).min(offset);
        counted + text.as_bytes()[from..offset].iter().filter(|&&b| !is_continuation(b)).count()
    }
}

/// The LFs, CRs and character starts of one block, counted in one branch-free pass that the
/// compiler turns into vector instructions: in `u16`s, which a block cannot overflow, eight
/// times the lanes of `usize`s (the index of a 148 MB file: 18 ms; 47 ms counting in `u32`s,
/// 155 ms byte by byte with the line-break test).
fn count_block(block: &[u8]) -> (usize, usize, usize) {
    const _: () = assert!(BLOCK <= u16::MAX as usize);
    let (mut line_feeds, mut returns, mut starts) = (0u16, 0u16, 0u16);
    for &byte in block {
        line_feeds += u16::from(byte == b'\n');
        returns += u16::from(byte == b'\r');
        starts += u16::from(!is_continuation(byte));
    }
    (line_feeds.into(), returns.into(), starts.into())
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

    /// Every line start, counted the plain way.
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
    fn lines_are_found_from_the_block_counts() {
        let mixed: String = (0..400).map(|i| ["a\n", "bb\r\n", "\r", "", "予算\n"][i % 5]).collect::<String>() + "end";
        // A CRLF across a block boundary, lines longer than a block, a line break ending a block.
        let straddling = format!(
            "{}\r\n{}\n{}\r{}\n",
            "x".repeat(BLOCK - 1),
            "y".repeat(3 * BLOCK),
            "z".repeat(BLOCK),
            "w".repeat(BLOCK - 2)
        );
        for text in [mixed.as_str(), straddling.as_str(), "", "\n", "\r\n\r\n", "x\r"] {
            let index = LineIndex::new(text);
            let starts = every_line_start(text);
            assert_eq!(index.line_count(), starts.len(), "{text:?}");
            for (line, &start) in starts.iter().enumerate() {
                assert_eq!(index.line_start(text, line + 1), Some(start), "{text:?} line {line}");
                let end = starts.get(line + 1).map_or(text.len(), |&next| next);
                let content = text[start..end].trim_end_matches('\n').trim_end_matches('\r');
                assert_eq!(&text[index.line_range(text, line)], content, "{text:?} line {line}");
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
