//! The span tree the loader builds: every key, scalar and collection knows its bytes.

use std::borrow::Cow;
use std::rc::Rc;

use crate::span::Span;

/// One YAML node with the byte span it was read from.
#[derive(Clone, Debug)]
pub struct Node<'src> {
    pub span: Span,
    pub value: Value<'src>,
}

#[derive(Clone, Debug)]
pub enum Value<'src> {
    Scalar(Scalar<'src>),
    Seq(Vec<Node<'src>>),
    Map(Vec<Entry<'src>>),
    /// An anchored node (`&name`), kept once and shared with the anchor table: anchoring
    /// copies nothing. The accessors below look through it.
    Shared(Rc<Node<'src>>),
}

/// A mapping entry: the key node and the value node.
#[derive(Clone, Debug)]
pub struct Entry<'src> {
    pub key: Node<'src>,
    pub value: Node<'src>,
}

/// A scalar as written: its text after YAML escape processing, and whether it was plain.
#[derive(Clone, Debug)]
pub struct Scalar<'src> {
    pub text: Cow<'src, str>,
    pub plain: bool,
}

impl Scalar<'_> {
    /// `~`, `null` or nothing at all, written plain: YAML's null.
    pub fn is_null(&self) -> bool {
        self.plain && matches!(&*self.text, "" | "~" | "null" | "Null" | "NULL")
    }
}

impl<'src> Node<'src> {
    /// The node itself, or the anchored node it shares.
    pub fn target(&self) -> &Node<'src> {
        let mut node = self;
        while let Value::Shared(inner) = &node.value {
            node = inner;
        }
        node
    }

    pub fn as_scalar(&self) -> Option<&Scalar<'src>> {
        match &self.target().value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar's text, for a scalar that is not null.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().filter(|s| !s.is_null()).map(|s| &*s.text)
    }

    pub fn as_map(&self) -> Option<&[Entry<'src>]> {
        match &self.target().value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node<'src>]> {
        match &self.target().value {
            Value::Seq(nodes) => Some(nodes),
            _ => None,
        }
    }

    /// The nodes of a list, or this node alone: for keys that take one value or a list.
    pub fn one_or_many(&self) -> Vec<&Node<'src>> {
        match &self.target().value {
            Value::Seq(nodes) => nodes.iter().collect(),
            _ => vec![self],
        }
    }

    pub fn is_null(&self) -> bool {
        self.as_scalar().is_some_and(Scalar::is_null)
    }

    /// What kind of YAML value this is, for messages ("expected a list, found a mapping").
    pub fn kind_name(&self) -> &'static str {
        match &self.target().value {
            Value::Scalar(s) if s.is_null() => "nothing (null)",
            Value::Scalar(_) => "a scalar",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
            Value::Shared(_) => "an alias",
        }
    }

    /// Number of nodes in this subtree, counted without recursion.
    pub fn count_nodes(&self) -> usize {
        let mut count = 0;
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            count += 1;
            stack.extend(node.children());
        }
        count
    }

    /// The nodes right below this one: items, or keys and values.
    pub fn children(&self) -> Vec<&Node<'src>> {
        match &self.target().value {
            Value::Seq(nodes) => nodes.iter().collect(),
            Value::Map(entries) => entries.iter().flat_map(|e| [&e.key, &e.value]).collect(),
            Value::Scalar(_) | Value::Shared(_) => Vec::new(),
        }
    }
}

/// A comment in the source, kept for suppressions (`# yosan-allow: …`).
#[derive(Clone, Debug)]
pub struct Comment {
    /// Span of the whole comment, `#` included.
    pub span: Span,
    /// The text after `#`.
    pub text: String,
}
