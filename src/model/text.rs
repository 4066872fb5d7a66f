//! The ids and names of a dataset's items, kept where they are written rather than copied.
//!
//! A file of a million items holds two million of them; as owned strings, two allocations an
//! item, they took 9.9 MB of the heap at 200,000 leaves (heaptrack), and the peak fell from
//! 112–116 to 89.5 MB without them. The parser lends most scalars straight from the file's
//! text, so an item keeps where its text is, eight bytes; the few the parser had to rewrite
//! (escapes, folded lines) are kept in a list of the dataset's own.

use std::num::NonZeroU32;
use std::sync::Arc;

use crate::span::compact;

/// Where one text is: a byte range of the file, or an entry of the dataset's own list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// The first byte in the file, or [`OWN`] for an entry of the own list.
    start: u32,
    /// The length plus one (the entry's index plus one): never zero, so that an
    /// `Option<Spanned<Text>>` takes no more room than the text and its span.
    len_or_index: NonZeroU32,
}

/// The `start` of a text kept in the dataset's own list. No text of the file starts there: a
/// file is at most `u32::MAX` bytes, and an empty text is kept as the file's first zero bytes.
const OWN: u32 = u32::MAX;

impl Text {
    fn in_file(start: usize, len: usize) -> Text {
        Text { start: compact(start), len_or_index: plus_one(len) }
    }

    fn own(index: usize) -> Text {
        Text { start: OWN, len_or_index: plus_one(index) }
    }
}

fn plus_one(n: usize) -> NonZeroU32 {
    NonZeroU32::new(compact(n).saturating_add(1)).unwrap_or(NonZeroU32::MIN)
}

/// The texts of one dataset: its file's text, shared with the file of the run, and the texts
/// the file does not hold as they read.
#[derive(Clone, Default)]
pub struct Texts {
    file: Arc<String>,
    own: Vec<Box<str>>,
}

impl Texts {
    pub fn new(file: Arc<String>) -> Texts {
        Texts { file, own: Vec::new() }
    }

    /// Keeps `value`: as its place in the file when it lies in the file's text (the parser
    /// lent it), else as a copy.
    pub fn keep(&mut self, value: &str) -> Text {
        if value.is_empty() {
            return Text::in_file(0, 0);
        }
        let file = self.file.as_bytes().as_ptr_range();
        let range = value.as_bytes().as_ptr_range();
        if file.start <= range.start && range.end <= file.end {
            let start = range.start as usize - file.start as usize;
            return Text::in_file(start, value.len());
        }
        self.own.push(value.into());
        Text::own(self.own.len() - 1)
    }

    /// The text kept as `text`.
    pub fn get(&self, text: Text) -> &str {
        let n = text.len_or_index.get() as usize - 1;
        match text.start {
            OWN => self.own.get(n).map_or("", |own| own),
            start => self.file.get(start as usize..start as usize + n).unwrap_or(""),
        }
    }
}

/// The file's text is the run's to show: only its size is shown here.
impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texts").field("file_bytes", &self.file.len()).field("own", &self.own).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_of_the_file_is_kept_as_its_place_and_another_as_a_copy() {
        let file = Arc::new("id: 予算\n".to_string());
        let mut texts = Texts::new(file.clone());
        let lent = texts.keep(&file[4..10]);
        let copied = texts.keep("予算");
        let empty = texts.keep("");
        assert_eq!((texts.get(lent), texts.get(copied), texts.get(empty)), ("予算", "予算", ""));
        assert_eq!(lent, Text::in_file(4, 6));
        assert_eq!(texts.own.len(), 1);
    }

    #[test]
    fn an_optional_text_and_its_span_take_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Option<super::super::Spanned<Text>>>(), 16);
    }
}
