//! The part of a source file that a diagnostic shows, as miette's [`SourceCode`].
//!
//! miette reads a plain string from its first byte for every span, prints whole lines however
//! long and every line between two labels, and writes what the file holds raw. An excerpt is
//! built instead from the [`SourceFile`]'s line index, in time that depends on the labels, not
//! on the file: only the lines around each label (labels far apart become separate snippets),
//! each cut to a window around its labels with `…`, every control character escaped
//! ([`terminal`](super::terminal)). The line numbers and the header's `line:column` are those
//! of the file, in the one column convention of [`Position`].

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::terminal;
use crate::source::SourceFile;
use crate::span::{Position, Span};

/// Characters of a line shown before its first label.
const LEAD_CHARS: usize = 40;
/// Characters of a line shown in all.
const WINDOW_CHARS: usize = 160;
/// A label over more lines than this is shown on its first line only.
const MAX_SPAN_LINES: usize = 4;
/// Lines shown around each label.
const CONTEXT_LINES: usize = 1;
/// Two snippets closer than this many lines are shown as one, with the lines between.
const JOIN_GAP: usize = 2;

/// The lines of a file that a diagnostic shows, and where its labels fall in them.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    lines: Vec<Line>,
    /// Where each label starts in `text`, with its position in the file (for the header).
    starts: Vec<(usize, Position)>,
}

/// One line of the excerpt.
#[derive(Debug)]
struct Line {
    /// Its bytes in the excerpt's text, line break excluded.
    start: usize,
    end: usize,
    /// Its 0-based line number in the file.
    number: usize,
    /// Lines of one snippet share a group; snippets never run into each other.
    group: usize,
}

impl Excerpt {
    /// The excerpt of `file` that shows `spans`, and each span's place in it (in the same
    /// order). Put the primary span first: the header gives its position.
    pub fn new(file: &SourceFile, spans: &[Span]) -> (Excerpt, Vec<Span>) {
        let clipped: Vec<Span> = spans.iter().map(|&s| clip(file, s)).collect();
        let groups = line_groups(file, &clipped);
        let mut excerpt = Excerpt {
            name: terminal::escape_line(&file.name).into_owned(),
            text: String::new(),
            lines: Vec::new(),
            starts: Vec::new(),
        };
        let mut points: Vec<usize> = clipped.iter().flat_map(|s| [s.start(), s.end()]).collect();
        points.sort_unstable();
        points.dedup();
        let mut mapped = Vec::with_capacity(points.len());
        for (group, lines) in groups.iter().enumerate() {
            for number in lines.clone() {
                excerpt.push_line(file, number, group, &points, &mut mapped);
            }
        }
        mapped.sort_unstable();
        let place = |offset: usize| mapped.binary_search_by_key(&offset, |&(o, _)| o).map_or(0, |i| mapped[i].1);
        let remapped: Vec<Span> = clipped.iter().map(|s| Span::new(place(s.start()), place(s.end()))).collect();
        for (span, original) in remapped.iter().zip(&clipped) {
            excerpt.starts.push((span.start(), file.position(original.start())));
        }
        (excerpt, remapped)
    }

    /// Appends line `number` of `file`, cut to a window around the first point on it; records
    /// where each point of the line (a span's start or end) lands in the excerpt.
    fn push_line(
        &mut self,
        file: &SourceFile,
        number: usize,
        group: usize,
        points: &[usize],
        mapped: &mut Vec<(usize, usize)>,
    ) {
        let range = file.line_range(number);
        let next_line = if number + 1 < file.line_count() { file.line_range(number + 1).start } else { usize::MAX };
        let line = &file.text[range.clone()];
        let on_line = &points[points.partition_point(|&p| p < range.start)..points.partition_point(|&p| p < next_line)];
        let relative = |p: usize| (p - range.start).min(line.len());
        let from = window_start(line, on_line.first().map_or(0, |&p| relative(p)));
        let to = line[from..].char_indices().nth(WINDOW_CHARS).map_or(line.len(), |(i, _)| from + i);
        let start = self.text.len();
        if from > 0 {
            self.text.push('…');
        }
        let mut rest = on_line.iter().copied().peekable();
        while let Some(p) = rest.next_if(|&p| relative(p) < from) {
            mapped.push((p, start));
        }
        for (i, c) in line[from..to].char_indices() {
            while let Some(p) = rest.next_if(|&p| relative(p) <= from + i) {
                mapped.push((p, self.text.len()));
            }
            if terminal::is_unsafe(c) && c != '\t' {
                terminal::push_escaped(&mut self.text, c);
            } else {
                self.text.push(c);
            }
        }
        let body_end = self.text.len();
        let cut = to < line.len();
        if cut {
            self.text.push('…');
        }
        for p in rest {
            mapped.push((p, if cut && relative(p) >= line.len() { self.text.len() } else { body_end }));
        }
        self.lines.push(Line { start, end: self.text.len(), number, group });
        self.text.push('\n');
    }

    /// Whether the excerpt shows no text at all.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    fn line_at(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.start <= offset).saturating_sub(1)
    }

    /// The first and last line of the group of line `i`.
    fn group_bounds(&self, i: usize) -> (usize, usize) {
        let group = self.lines[i].group;
        let first = self.lines[..i].iter().rposition(|l| l.group != group).map_or(0, |p| p + 1);
        let last = self.lines[i..].iter().position(|l| l.group != group).map_or(self.lines.len(), |p| p + i) - 1;
        (first, last)
    }
}

/// The byte in `line` where its window starts: the line's start when the whole line fits,
/// else up to [`LEAD_CHARS`] characters before `anchor`.
fn window_start(line: &str, anchor: usize) -> usize {
    if line.len() <= WINDOW_CHARS || line.chars().nth(WINDOW_CHARS).is_none() {
        return 0;
    }
    let anchor = floor_boundary(line, anchor.min(line.len()));
    line[..anchor].char_indices().rev().take(LEAD_CHARS).last().map_or(anchor, |(i, _)| i)
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `span` inside the file, on character boundaries, and on its first line alone when it runs
/// over more than [`MAX_SPAN_LINES`] lines.
fn clip(file: &SourceFile, span: Span) -> Span {
    let text = &file.text;
    let start = floor_boundary(text, span.start().min(text.len()));
    let mut end = floor_boundary(text, span.end().min(text.len())).max(start);
    let first = file.line_of(start);
    if file.line_of(end.saturating_sub(1).max(start)) - first >= MAX_SPAN_LINES {
        end = file.line_range(first).end.max(start);
    }
    Span::new(start, end)
}

/// The lines to show, as groups of consecutive line numbers: each span's lines with
/// [`CONTEXT_LINES`] around them, groups closer than [`JOIN_GAP`] joined.
fn line_groups(file: &SourceFile, spans: &[Span]) -> Vec<std::ops::Range<usize>> {
    // The empty "line" after a final line break is shown only when a span is on it.
    let mut last_line = file.line_count() - 1;
    if last_line > 0 && file.line_range(last_line).is_empty() {
        last_line -= 1;
    }
    let mut ranges: Vec<(usize, usize)> = spans
        .iter()
        .map(|s| {
            let (a, b) = (file.line_of(s.start()), file.line_of(s.end().saturating_sub(1).max(s.start())));
            (a.saturating_sub(CONTEXT_LINES), (b + CONTEXT_LINES).min(last_line).max(b))
        })
        .collect();
    ranges.sort_unstable();
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for (a, b) in ranges {
        match groups.last_mut() {
            Some(g) if a <= g.end + JOIN_GAP => g.end = g.end.max(b + 1),
            _ => groups.push(a..b + 1),
        }
    }
    groups
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (offset, len) = (span.offset(), span.len());
        if self.lines.is_empty() || offset + len > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let a = self.line_at(offset);
        let b = self.line_at((offset + len).saturating_sub(1).max(offset));
        let (group_first, group_last) = self.group_bounds(a);
        if b > group_last {
            // A span over two snippets: miette then shows them apart.
            return Err(MietteError::OutOfBounds);
        }
        let first = a.saturating_sub(before).max(group_first);
        let last = (b + after).min(group_last);
        let (data_start, column) = if before == 0 {
            let column = self.starts.iter().find(|(o, _)| *o == offset).map_or(0, |(_, p)| p.column - 1);
            (offset, column)
        } else {
            (self.lines[first].start, 0)
        };
        let data_end = (self.lines[last].end + 1).min(self.text.len());
        let line = self.lines[if before == 0 { a } else { first }].number;
        let header_line = self.starts.iter().find(|(o, _)| *o == offset).map(|(_, p)| p.line - 1);
        let line = if before == 0 { header_line.unwrap_or(line) } else { line };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[data_start..data_end],
            (data_start, data_end - data_start).into(),
            line,
            column,
            // Counted to the end of the snippet, so that miette draws the labels of one
            // snippet together and those of two apart.
            group_last - first + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(std::path::Path::new("a.yaml"), std::sync::Arc::new(text.to_string()))
    }

    fn excerpt(text: &str, spans: &[Span]) -> (Excerpt, Vec<Span>) {
        Excerpt::new(&file(text), spans)
    }

    #[test]
    fn only_the_lines_around_each_label_are_shown() {
        let text: String = (1..=100).map(|n| format!("line{n}: x\n")).collect();
        let at = |key: &str| text.find(key).unwrap();
        let (excerpt, spans) =
            excerpt(&text, &[Span::new(at("line50:"), at("line50:") + 6), Span::new(at("line3:"), at("line3:") + 5)]);
        let numbers: Vec<usize> = excerpt.lines.iter().map(|l| l.number + 1).collect();
        assert_eq!(numbers, [2, 3, 4, 49, 50, 51]);
        assert_eq!(&excerpt.text[spans[0].range()], "line50");
        assert_eq!(&excerpt.text[spans[1].range()], "line3");
        assert_ne!(excerpt.lines[0].group, excerpt.lines[3].group);
    }

    #[test]
    fn a_long_line_is_cut_around_its_label() {
        let text = format!("{}amount: 1{}\n", "x".repeat(100_000), "y".repeat(100_000));
        let at = text.find("amount").unwrap();
        let (excerpt, spans) = excerpt(&text, &[Span::new(at, at + 9)]);
        assert_eq!(&excerpt.text[spans[0].range()], "amount: 1");
        assert!(excerpt.text.starts_with('…'));
        assert!(excerpt.text.trim_end().ends_with('…'));
        assert!(excerpt.text.chars().count() <= WINDOW_CHARS + 4);
        let contents = excerpt.read_span(&spans[0].into(), 0, 0).unwrap();
        assert_eq!((contents.line(), contents.column()), (0, 100_000));
    }

    #[test]
    fn control_characters_are_escaped_and_labels_follow() {
        let text = "name: \u{1b}]0;pwned\u{7}x\r\namount: 1\n";
        let at = text.find("x\r").unwrap();
        let (excerpt, spans) = excerpt(text, &[Span::new(at, at + 1)]);
        assert!(!excerpt.text.chars().any(|c| c.is_control() && c != '\n'), "{:?}", excerpt.text);
        assert!(excerpt.text.contains("\\u{1b}]0;pwned\\u{7}"));
        assert_eq!(&excerpt.text[spans[0].range()], "x");
    }

    #[test]
    fn a_label_over_many_lines_shows_its_first_line() {
        let text: String = (1..=50).map(|n| format!("l{n}\n")).collect();
        let (excerpt, spans) = excerpt(&text, &[Span::new(0, text.len())]);
        assert_eq!(&excerpt.text[spans[0].range()], "l1");
        assert_eq!(excerpt.lines.len(), 2);
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_are_clipped() {
        let text = "予算: 1";
        let (excerpt, spans) = excerpt(text, &[Span::new(1, 999)]);
        assert_eq!(&excerpt.text[spans[0].range()], "予算: 1");
        assert!(excerpt.read_span(&spans[0].into(), 1, 1).is_ok());
    }
}
