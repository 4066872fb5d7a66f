//! Names compared as the same name: NFKC-normalised (full-width and half-width forms fold
//! together) with all white space removed.

use std::borrow::Cow;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// `name` in NFKC without white space. Most names already are: those are lent back, not
/// copied; the others are folded as [`push_normalized`] folds them.
pub fn normalized(name: &str) -> Cow<'_, str> {
    if name.chars().all(|c| fold_char(c) == Some(Some(c))) {
        return Cow::Borrowed(name);
    }
    let mut folded = String::with_capacity(name.len());
    push_normalized(name, &mut folded);
    Cow::Owned(folded)
}

/// What the model keeps of a name, from one fold of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameFacts {
    /// A hash of the normal form ([`normalized`]) in 16 bits: names with one normal form have
    /// one key, and names with one key mostly have one normal form (a pair in 65,536 collides:
    /// compare the normal forms to be sure). The hash is fixed, not seeded: a file that made
    /// keys collide on purpose would only have its names compared in full.
    pub key: u16,
    /// Whether the name carries the 再掲 marker, in any width: `（再掲）`, `(再掲)`, `【再掲】`.
    pub marks_relisting: bool,
}

/// The [`NameFacts`] of `name`, folded once into `scratch` (a buffer reused from name to name).
pub fn facts(name: &str, scratch: &mut String) -> NameFacts {
    use std::hash::BuildHasher;
    scratch.clear();
    push_normalized(name, scratch);
    let key = foldhash::fast::FixedState::default().hash_one(scratch.as_str()) as u16;
    NameFacts { key, marks_relisting: scratch.contains("再掲") }
}

/// `name` in NFKC without white space, written at the end of `out` (a buffer reused from name
/// to name). When every character is either stable under NFKC on its own (quick check `Yes`,
/// combining class 0), full-width ASCII (U+FF01–U+FF5E, whose normal form is the ASCII
/// character 0xFEE0 below) or white space, the name is folded character by character: such a
/// string has no character that can compose with the one before it (those have quick check
/// `Maybe`), and the quick-check algorithm of UAX #15 says the same of the stable ones. Any
/// other character sends the whole name through the full normalisation.
pub fn push_normalized(name: &str, out: &mut String) {
    let start = out.len();
    // The characters that stay as they are go in runs, copied whole.
    let mut run = 0;
    for (at, c) in name.char_indices() {
        match fold_char(c) {
            Some(Some(same)) if same == c => {}
            Some(replacement) => {
                out.push_str(&name[run..at]);
                out.extend(replacement);
                run = at + c.len_utf8();
            }
            None => {
                out.truncate(start);
                out.extend(name.nfkc().filter(|c| !c.is_whitespace()));
                return;
            }
        }
    }
    out.push_str(&name[run..]);
}

/// What one character folds to when it folds on its own ([`push_normalized`]): itself if
/// stable, the ASCII character for full-width ASCII, nothing for white space; `None` for a
/// character that needs the full normalisation.
#[inline]
fn fold_char(c: char) -> Option<Option<char>> {
    // Most characters of a name are in these ranges, none of them white space: answered inline,
    // the rest out of line.
    if is_common_stable(c) {
        return Some(Some(c));
    }
    fold_uncommon_char(c)
}

/// [`fold_char`] for a character outside the common scripts.
#[inline(never)]
fn fold_uncommon_char(c: char) -> Option<Option<char>> {
    match c {
        c if c.is_whitespace() => Some(None),
        '\u{FF01}'..='\u{FF5E}' => Some(char::from_u32(c as u32 - 0xFEE0)),
        c if is_stable(c) => Some(Some(c)),
        _ => None,
    }
}

/// Stable under NFKC on its own: the common scripts of budget names by range, any other
/// character by the Unicode tables.
fn is_stable(c: char) -> bool {
    is_common_stable(c) || (is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes && canonical_combining_class(c) == 0)
}

/// The common scripts of budget names, each stable under NFKC: ASCII, kana, CJK ideographs,
/// Japanese punctuation.
#[inline]
fn is_common_stable(c: char) -> bool {
    matches!(c, '\u{21}'..='\u{7E}' | '\u{3001}'..='\u{3003}' | '\u{3005}'..='\u{3007}' | '\u{3008}'..='\u{3011}'
        | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FE}' | '\u{4E00}'..='\u{9FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_and_half_width_forms_are_one_name() {
        assert_eq!(normalized("ＡＭＥＤ　対象経費"), normalized("AMED対象経費"));
        assert_eq!(normalized("（再掲）"), "(再掲)");
        let marks = |name: &str| facts(name, &mut String::new()).marks_relisting;
        assert!(marks("医工連携イノベーション推進事業（再掲）"));
        assert!(marks("事業【再 掲】"));
        assert!(!marks("医工連携イノベーション推進事業"));
        let key = |name: &str| facts(name, &mut String::new()).key;
        assert_eq!(key("ＡＭＥＤ　対象経費"), key("AMED対象経費"));
        assert!(matches!(normalized("医工連携"), Cow::Borrowed(_)));
        assert_eq!(normalized("再 掲"), "再掲");
        assert_eq!(normalized("ｶﾞ"), "ガ");
    }

    /// The normal form without white space, the slow way: the oracle of the shortcuts.
    fn full(name: &str) -> String {
        name.nfkc().filter(|c| !c.is_whitespace()).collect()
    }

    /// The direct fold gives what the full normalisation gives, on every character of the
    /// planes names are written in, alone and around full-width ASCII and white space.
    #[test]
    fn the_direct_fold_is_the_full_normalisation() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            for name in [c.to_string(), format!("（{c}１ {c}ｘ"), format!("{c}\u{3099}"), format!("A{c}")] {
                assert_eq!(normalized(&name), full(&name), "{name:?} (U+{:04X})", c as u32);
            }
        }
        assert!(matches!(normalized("事業（再掲）"), Cow::Owned(_)));
    }

    /// The fold into a buffer, and the 再掲 mark of a name's facts, answer as the full
    /// normalisation does, on every character of those planes beside 再 and 掲, and around a
    /// name already in the buffer.
    #[test]
    fn the_shortcuts_answer_as_the_normalised_name_does() {
        let mut buffer = String::new();
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            for name in [format!("{c}掲"), format!("再{c}掲"), format!("（再{c}）"), format!("ａ{c} 掲")] {
                let normal = full(&name);
                let marks = facts(&name, &mut buffer).marks_relisting;
                assert_eq!(marks, normal.contains("再掲"), "{name:?} (U+{:04X})", c as u32);
                buffer.clear();
                buffer.push('x');
                push_normalized(&name, &mut buffer);
                assert_eq!(buffer[1..], normal, "{name:?} (U+{:04X})", c as u32);
            }
        }
    }
}
