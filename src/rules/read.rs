//! A strict reader for the mappings of rule files: every key must be known and used.

use crate::load::{Entry, Node};
use crate::span::Span;

/// An error in a rule file: the span and what is wrong there.
pub type ReadError = (Span, String);

/// Reads the keys of one mapping; [`MapReader::finish`] rejects the keys nobody asked for.
pub struct MapReader<'n, 'src> {
    node: &'n Node<'src>,
    what: &'static str,
    entries: &'n [Entry<'src>],
    used: Vec<bool>,
}

impl<'n, 'src> MapReader<'n, 'src> {
    pub fn new(node: &'n Node<'src>, what: &'static str) -> Result<Self, ReadError> {
        let entries = node.as_map().ok_or_else(|| (node.span, format!("{what} must be a mapping")))?;
        Ok(MapReader { node, what, entries, used: vec![false; entries.len()] })
    }

    pub fn get(&mut self, key: &str) -> Option<&'n Node<'src>> {
        let index = self.entries.iter().position(|e| e.key.as_str() == Some(key))?;
        self.used[index] = true;
        Some(&self.entries[index].value)
    }

    pub fn require(&mut self, key: &str) -> Result<&'n Node<'src>, ReadError> {
        let (span, what) = (self.node.span, self.what);
        self.get(key).ok_or_else(|| (span, format!("{what} lacks the required key `{key}`")))
    }

    /// Fails on the first key that was not read.
    pub fn finish(self) -> Result<(), ReadError> {
        match self.used.iter().position(|used| !used) {
            None => Ok(()),
            Some(i) => {
                let key = &self.entries[i].key;
                Err((key.span, format!("unknown key `{}` in {}", key.as_str().unwrap_or("?"), self.what)))
            }
        }
    }
}

/// One word or a list of words, each read by `parse`; `choices` names what it takes.
pub fn words<T>(
    node: &Node<'_>,
    what: &str,
    choices: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, ReadError> {
    node.one_or_many()
        .into_iter()
        .map(|n| {
            let word = text(n, what)?;
            parse(word).ok_or_else(|| (n.span, format!("{what} takes {choices}, not `{word}`")))
        })
        .collect()
}

/// `true` or `false`, and nothing else (`yes`, `no` and `banana` are refused).
pub fn boolean(node: &Node<'_>, what: &str) -> Result<bool, ReadError> {
    match node.as_str() {
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        _ => Err((node.span, format!("{what} is `true` or `false`"))),
    }
}

/// The text of a scalar.
pub fn text<'n>(node: &'n Node<'_>, what: &str) -> Result<&'n str, ReadError> {
    node.as_str().ok_or_else(|| (node.span, format!("{what} must be text")))
}

/// A condition (`amount <= previous * 1.5`) read from a scalar, its errors at their place in
/// the rule file.
pub fn condition(
    node: &Node<'_>,
    target: crate::model::fields::Target,
    known: &super::Known,
) -> Result<super::expr::Expr, ReadError> {
    let written = text(node, "a condition")?;
    super::expr::Expr::parse_in(written, target, known).map_err(|e| (within(node, written, &e.range), e.full()))
}

/// The span of `range` (bytes of the scalar's text) in the file: exact for a plain scalar or a
/// quoted one without escapes, else the whole scalar.
fn within(node: &Node<'_>, written: &str, range: &std::ops::Range<usize>) -> Span {
    let quote = match node.as_scalar() {
        Some(s) if s.plain => 0,
        _ => 1,
    };
    let fits = node.span.len() == written.len() + 2 * quote && range.end <= written.len();
    match fits {
        true => Span::new(
            node.span.start() + quote + range.start,
            node.span.start() + quote + range.end.max(range.start + 1).min(written.len()),
        ),
        false => node.span,
    }
}
