//! Text bound for a terminal. Data, keys and file names may hold characters that act on the
//! terminal instead of being shown: ESC sequences that clear the screen or set the title, BEL,
//! CR, the right-to-left override. Every such character is written as `\u{1b}`, so what the
//! reader sees is what the file holds, and the terminal does nothing it was not asked to.

use std::borrow::Cow;

/// The most characters of a text (message, label, help) printed, escapes counted; the rest is
/// cut with `…`. A message quotes names from the data, which may be a megabyte long.
pub const MAX_TEXT_CHARS: usize = 600;

/// `text` with every control and format character escaped, line breaks (`\n`) kept, and cut
/// to [`MAX_TEXT_CHARS`]: for messages, labels and help, which are ours but quote the data.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_with(text, true)
}

/// `text` on one line: like [`escape`], with line breaks escaped too (file names, paths).
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape_with(text, false)
}

fn escape_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let safe = |c: char| !is_unsafe(c) || (keep_newlines && c == '\n');
    if text.len() <= MAX_TEXT_CHARS && text.chars().all(safe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(MAX_TEXT_CHARS * 4) + 8);
    let mut shown = 0;
    for c in text.chars() {
        if shown >= MAX_TEXT_CHARS {
            out.push('…');
            break;
        }
        let before = out.len();
        if safe(c) {
            out.push(c);
        } else {
            push_escaped(&mut out, c);
        }
        shown += out[before..].chars().count();
    }
    Cow::Owned(out)
}

/// The last guard before a terminal: every unsafe character of rendered output escaped, but for
/// line breaks and the colour sequences (`ESC [ … m`) that the renderer writes itself. Every
/// text from the data is escaped where it enters a diagnostic; this makes sure that one that was
/// not can still neither move the cursor, clear the screen nor set the title.
pub fn guard(rendered: &str) -> Cow<'_, str> {
    if !rendered.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(rendered);
    }
    let mut out = String::with_capacity(rendered.len() + 16);
    let mut rest = rendered;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = colour_sequence(rest) {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if is_unsafe(c) && c != '\n' {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The length of the SGR sequence (`ESC [ digits ; … m`) that `text` starts with, if it does.
fn colour_sequence(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\u{1b}[")?;
    let params = body.bytes().take_while(|b| b.is_ascii_digit() || *b == b';').count();
    (body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// Where text may wrap: between words, as Unicode line breaking finds them, but never inside a
/// figure: `18.4億円`, `約42.3億円`, `1,238百万円` and `±0.65億円` stay on one line, where line
/// breaking alone would part `18.4億` from `円`, or `約12` from `億円`.
pub fn words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    use textwrap::core::Word;
    let mut words: Vec<(usize, Word<'_>)> = Vec::new();
    let mut start = 0;
    for word in textwrap::WordSeparator::UnicodeBreakProperties.find_words(line) {
        let end = start + word.word.len() + word.whitespace.len();
        match words.last_mut() {
            Some((first, last)) if last.whitespace.is_empty() && joins(last.word, word.word) => {
                *last = Word::from(&line[*first..end]);
            }
            _ => words.push((start, word)),
        }
        start = end;
    }
    Box::new(words.into_iter().map(|(_, word)| word))
}

/// Whether `left` and `right`, with nothing between them, are parts of one figure.
fn joins(left: &str, right: &str) -> bool {
    let figure_char =
        |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | ',' | '．' | '，');
    let unit_start = |c: char| figure_char(c) || "兆億万千百円USドの内".contains(c);
    let ends_in_figure = left.chars().last().is_some_and(|c| figure_char(c) || "約▲△±兆億万千百".contains(c));
    ends_in_figure && right.chars().next().is_some_and(unit_start)
}

/// Writes `c` as `\u{…}`.
pub fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write;
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// A character that must not reach a terminal raw: C0 and C1 controls (tab and line breaks
/// included: the caller decides what it keeps), DEL, the line and paragraph separators, and the
/// invisible format characters (bidirectional overrides and isolates, zero-width characters,
/// the byte order mark, tags).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(escape("a\u{1b}[2Jb\u{7}c\rd\u{202e}e"), "a\\u{1b}[2Jb\\u{7}c\\u{d}d\\u{202e}e");
        assert_eq!(escape("first\nsecond"), "first\nsecond");
        assert_eq!(escape_line("first\nsecond\t"), "first\\u{a}second\\u{9}");
    }

    #[test]
    fn the_guard_keeps_colours_and_escapes_the_rest() {
        let rendered = "\u{1b}[31m× bad\u{1b}[0m\n\u{1b}]0;title\u{7}\u{1b}[2J\r";
        assert_eq!(guard(rendered), "\u{1b}[31m× bad\u{1b}[0m\n\\u{1b}]0;title\\u{7}\\u{1b}[2J\\u{d}");
        assert!(matches!(guard("plain\ntext"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_figure_is_one_word() {
        let found: Vec<String> = words("合計は約42.3億円、差は1,238百万円です").map(|w| w.word.to_string()).collect();
        assert!(found.iter().any(|w| w.contains("約42.3億円")), "{found:?}");
        assert!(found.iter().any(|w| w.contains("1,238百万円")), "{found:?}");
        let wrapped = textwrap::wrap(
            "the parts of 統合プロジェクト0 add up to 1,884.2億円 (483.2 + 440.9) but the line says 18.4億円",
            textwrap::Options::new(40).word_separator(textwrap::WordSeparator::Custom(words)),
        );
        for line in &wrapped {
            assert!(!line.starts_with('円') && !line.ends_with("18.4億"), "{wrapped:?}");
        }
    }

    #[test]
    fn plain_text_is_borrowed_and_long_text_is_cut() {
        assert!(matches!(escape("疾患基礎研究 151.7億円"), Cow::Borrowed(_)));
        let long = "予".repeat(MAX_TEXT_CHARS + 10);
        let cut = escape(&long);
        assert_eq!(cut.chars().count(), MAX_TEXT_CHARS + 1);
        let tabs = "\t".repeat(MAX_TEXT_CHARS);
        assert!(escape(&tabs).chars().count() <= MAX_TEXT_CHARS + 6);
        assert!(cut.ends_with('…'));
    }
}
