//! `load`: YAML text → a tree of [`Node`]s with byte spans, without panics and within limits.
//!
//! Built on the event parser `granit-parser` (see `docs/decisions.md`): it gives a byte range
//! and the raw text of every scalar, and limits nesting itself. The tree is built here with an
//! explicit stack, so no input can overflow ours. An anchored node is kept once, shared with
//! the anchor table (anchoring copies nothing, however deeply anchors nest). Each alias is
//! expanded into a copy whose spans are all the alias's own, so that a finding about what it
//! stands for points at the alias, not at the anchor; the copies are bounded by a budget of
//! nodes and of bytes of text (the "billion laughs" guard). Duplicate keys and a second document
//! are errors.

mod node;

use std::collections::HashMap;
use std::rc::Rc;

use granit_parser::{Event, Options, Parser, ScalarStyle, ScanError};

pub use node::{Comment, Entry, Node, Scalar, Value};

use crate::span::{Span, MAX_OFFSET};

/// Safety limits for one file.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest file read, in bytes; whatever it is set to, at most [`MAX_OFFSET`], the largest
    /// offset a span holds.
    pub max_bytes: usize,
    /// Deepest nesting of lists and mappings.
    pub max_depth: usize,
    /// Most nodes that aliases may copy in one file.
    pub max_alias_nodes: usize,
    /// Most bytes of scalar text that aliases may copy in one file.
    pub max_alias_bytes: usize,
}

impl Limits {
    /// The size limit as enforced: never past what a span can point into.
    pub fn max_file_bytes(&self) -> usize {
        self.max_bytes.min(MAX_OFFSET)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 256 * 1024 * 1024,
            max_depth: 64,
            max_alias_nodes: 100_000,
            max_alias_bytes: 16 * 1024 * 1024,
        }
    }
}

/// A loaded YAML document: its root (none for an empty file) and its comments (suppressions are
/// among them; fixes check that they keep every other).
#[derive(Debug, Default)]
pub struct Document<'src> {
    pub root: Option<Node<'src>>,
    pub comments: Vec<Comment>,
}

/// Why a file could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// Not valid YAML, more than one document, a duplicate key.
    Syntax,
    /// Over a safety limit: size, depth, alias expansion.
    Limit,
}

#[derive(Clone, Debug)]
pub struct LoadError {
    pub kind: LoadErrorKind,
    pub message: String,
    pub span: Span,
    pub labels: Vec<(Span, String)>,
    pub help: Option<String>,
}

impl LoadError {
    fn syntax(message: impl Into<String>, span: Span) -> Self {
        LoadError { kind: LoadErrorKind::Syntax, message: message.into(), span, labels: vec![], help: None }
    }

    fn limit(message: impl Into<String>, span: Span, help: impl Into<String>) -> Self {
        LoadError { kind: LoadErrorKind::Limit, message: message.into(), span, labels: vec![], help: Some(help.into()) }
    }
}

/// Loads one YAML document from `text`.
pub fn load<'src>(text: &'src str, limits: &Limits) -> Result<Document<'src>, LoadError> {
    load_streaming(text, limits, None)
}

/// The entries of the lists the sink chooses, handed over as each is read instead of being
/// kept in the tree: the lists of the root mapping, and the lists of each entry the sink opens,
/// and so on down. A reader that takes them as they come never holds more of the file as nodes
/// than one entry's own fields. In the tree those lists are left empty (their spans are kept).
/// A list with an anchor stays whole, and so does an entry with one: an alias may repeat them.
pub struct Stream<'a, 'src> {
    pub sink: &'a mut dyn Sink<'src>,
}

/// What takes the entries of streamed lists.
pub trait Sink<'src> {
    /// A list starts as the value of `key` in the root mapping (`depth` 1) or in an opened
    /// entry (deeper): whether to stream it.
    fn stream_list(&mut self, key: &str, depth: usize) -> bool;
    /// A mapping starts as an entry of the streamed list under `key`: whether to open it, so
    /// that its own lists may be streamed too. Called with the root's entries read so far.
    fn open(&mut self, root: &[Entry<'src>], key: &str) -> bool;
    /// An entry of the streamed list under `key` is complete; `opened` when [`Sink::open`]
    /// opened it, its streamed lists then empty in `node`, since their entries came before it.
    fn entry(&mut self, root: &[Entry<'src>], key: &str, node: Node<'src>, opened: bool);
}

/// Files from this size are parsed on a thread of their own, the tree built beside it: the two
/// halves of loading then run on two cores. Smaller files are not worth a thread.
const PARSE_ON_A_THREAD_FROM: usize = 1 << 20;

/// [`load`], with the items of one root list handed to `stream` as they are read.
pub fn load_streaming<'src, 'a>(
    text: &'src str,
    limits: &'a Limits,
    stream: Option<Stream<'a, 'src>>,
) -> Result<Document<'src>, LoadError> {
    load_with(text, limits, stream, text.len() >= PARSE_ON_A_THREAD_FROM)
}

pub(crate) fn load_with<'src, 'a>(
    text: &'src str,
    limits: &'a Limits,
    stream: Option<Stream<'a, 'src>>,
    parse_on_a_thread: bool,
) -> Result<Document<'src>, LoadError> {
    if text.len() > limits.max_file_bytes() {
        return Err(LoadError::limit(
            format!("the file is {} bytes, over the limit of {} bytes", text.len(), limits.max_file_bytes()),
            Span::at(0),
            "split the dataset into several files",
        ));
    }
    let mut builder = Builder::new(limits, stream);
    let mut each = |parsed: Parsed<'src>| {
        let (event, span) = parsed.map_err(|e| scan_error(&e, limits))?;
        builder.event(event, span)
    };
    if parse_on_a_thread {
        events_on_a_thread(text, parser_options(limits), &mut each)?;
    } else {
        events(text, parser_options(limits), &mut each)?;
    }
    Ok(builder.finish())
}

/// The parser's options the loader needs: comments (suppressions are comments), strict
/// indentation, the nesting limit.
fn parser_options(limits: &Limits) -> Options {
    let mut options = Options::default();
    options.block_nesting_limit = limits.max_depth;
    options.flow_nesting_limit = limits.max_depth;
    options.set_emit_comments(true);
    options.strict_indentation = true;
    options
}

/// One event as the parser gives it, its span as ours.
type Parsed<'src> = Result<(Event<'src>, Span), ScanError>;

type Each<'e, 'src> = dyn FnMut(Parsed<'src>) -> Result<Flow, LoadError> + 'e;

fn parsed<'src>(result: Result<(Event<'src>, granit_parser::Span), ScanError>) -> Parsed<'src> {
    result.map(|(event, span)| (event, span.byte_range().map_or(Span::default(), |r| Span::new(r.start, r.end))))
}

/// Hands every event of `text` to `each`, until it says stop or fails.
fn events<'src>(text: &'src str, options: Options, each: &mut Each<'_, 'src>) -> Result<(), LoadError> {
    for result in Parser::new_from_str_with_options(text, options) {
        if each(parsed(result))? == Flow::Stop {
            break;
        }
    }
    Ok(())
}

/// [`events`], with the parser on a thread of its own that sends the events in batches. When
/// `each` stops or fails, the channel closes and the parser stops at its next batch.
fn events_on_a_thread<'src>(text: &'src str, options: Options, each: &mut Each<'_, 'src>) -> Result<(), LoadError> {
    const BATCH: usize = 4096;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Parsed<'src>>>(8);
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            for result in Parser::new_from_str_with_options(text, options) {
                let failed = result.is_err();
                batch.push(parsed(result));
                if failed || batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if sender.send(full).is_err() || failed {
                        return;
                    }
                }
            }
            let _ = sender.send(batch);
        });
        for batch in receiver {
            for parsed in batch {
                if each(parsed)? == Flow::Stop {
                    return Ok(());
                }
            }
        }
        Ok(())
    })
}

fn scan_error(error: &ScanError, limits: &Limits) -> LoadError {
    let offset = error.marker().byte_offset().unwrap_or(0);
    let message = error.kind().to_string();
    if matches!(error.kind(), granit_parser::ErrorKind::RecursionLimitExceeded) {
        return nesting_error(Span::at(offset), limits);
    }
    LoadError::syntax(message, Span::at(offset))
}

fn nesting_error(span: Span, limits: &Limits) -> LoadError {
    LoadError::limit(
        format!("lists and mappings are nested more than {} levels deep", limits.max_depth),
        span,
        "a budget dataset needs only a few levels: flatten the structure",
    )
}

#[derive(PartialEq, Eq)]
enum Flow {
    Continue,
    Stop,
}

/// A collection still being read. A streamed list hands its entries to the stream's sink; an
/// opened mapping is one the sink opened, the root's mapping counts as one.
enum Frame<'src> {
    Seq { start: usize, anchor: usize, nodes: Vec<Node<'src>>, streamed: bool },
    Map { start: usize, anchor: usize, entries: Vec<Entry<'src>>, key: Option<Node<'src>>, seen: KeySet, opened: bool },
}

struct Builder<'src, 'l> {
    limits: &'l Limits,
    stream: Option<Stream<'l, 'src>>,
    stack: Vec<Frame<'src>>,
    anchors: HashMap<usize, Rc<Node<'src>>>,
    alias_nodes: usize,
    alias_bytes: usize,
    documents: usize,
    document: Document<'src>,
}

impl<'src, 'l> Builder<'src, 'l> {
    fn new(limits: &'l Limits, stream: Option<Stream<'l, 'src>>) -> Self {
        Builder {
            limits,
            stream,
            stack: Vec::new(),
            anchors: HashMap::new(),
            alias_nodes: 0,
            alias_bytes: 0,
            documents: 0,
            document: Document::default(),
        }
    }

    fn finish(self) -> Document<'src> {
        self.document
    }

    fn event(&mut self, event: Event<'src>, span: Span) -> Result<Flow, LoadError> {
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    let mut error = LoadError::syntax("the file holds more than one YAML document", span);
                    error.help =
                        Some("a dataset file holds one document: move the others into files of their own".into());
                    return Err(error);
                }
            }
            Event::StreamEnd => return Ok(Flow::Stop),
            Event::Comment(text, _) => {
                self.document.comments.push(Comment { span, text: text.into_owned() });
            }
            Event::Scalar(text, style, anchor, _) => {
                let plain = style == ScalarStyle::Plain;
                self.complete(Node { span, value: Value::Scalar(Scalar { text, plain }) }, anchor)?;
            }
            Event::Alias(id) => self.alias(id, span)?,
            Event::SequenceStart(_, anchor, _) => {
                let streamed = self.streamed_list(anchor);
                self.open(Frame::Seq { start: span.start(), anchor, nodes: Vec::new(), streamed }, span)?;
            }
            Event::MappingStart(_, anchor, _) => {
                let opened = self.opens(anchor);
                let (entries, key, seen) = (Vec::new(), None, KeySet::default());
                self.open(Frame::Map { start: span.start(), anchor, entries, key, seen, opened }, span)?;
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span)?,
            _ => {}
        }
        Ok(Flow::Continue)
    }

    /// Whether a list that starts now is streamed: with no anchor, the value of a key in the
    /// root or an opened mapping, that the sink streams.
    fn streamed_list(&mut self, anchor: usize) -> bool {
        let (Some(stream), Some(Frame::Map { key: Some(key), opened: true, .. })) =
            (&mut self.stream, self.stack.last())
        else {
            return false;
        };
        let depth = self.stack.len().div_ceil(2);
        anchor == 0 && key.as_scalar().is_some_and(|k| stream.sink.stream_list(&k.text, depth))
    }

    /// Whether a mapping that starts now is opened: the root, or an entry of a streamed list,
    /// with no anchor, that the sink opens.
    fn opens(&mut self, anchor: usize) -> bool {
        match (self.stack.last(), &mut self.stream) {
            (None, _) => true,
            (Some(Frame::Seq { streamed: true, .. }), Some(stream)) if anchor == 0 => {
                stream.sink.open(root_entries(&self.stack), list_key(&self.stack))
            }
            _ => false,
        }
    }

    fn open(&mut self, frame: Frame<'src>, span: Span) -> Result<(), LoadError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(nesting_error(span, self.limits));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, span: Span) -> Result<(), LoadError> {
        let Some(frame) = self.stack.pop() else {
            return Err(LoadError::syntax("a collection ends that never started", span));
        };
        let (node, anchor, opened) = match frame {
            Frame::Seq { start, anchor, nodes, .. } => {
                (Node { span: Span::new(start, span.end()), value: Value::Seq(nodes) }, anchor, false)
            }
            Frame::Map { start, anchor, entries, opened, .. } => {
                (Node { span: Span::new(start, span.end()), value: Value::Map(entries) }, anchor, opened)
            }
        };
        self.complete_opened(node, anchor, opened)
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), LoadError> {
        let Some(target) = self.anchors.get(&id).cloned() else {
            return Err(LoadError::syntax("this alias refers to a node that contains it", span));
        };
        let copy = self.copy_at(&target, span)?;
        self.complete(copy, 0)
    }

    /// A copy of `node` with every span set to `span`, charged to the alias budget as it is
    /// made: the copying stops at the limit, so no file can make it large.
    fn copy_at(&mut self, node: &Node<'src>, span: Span) -> Result<Node<'src>, LoadError> {
        self.alias_nodes += 1;
        if let Value::Scalar(scalar) = &node.target().value {
            self.alias_bytes += scalar.text.len();
        }
        if self.alias_nodes > self.limits.max_alias_nodes || self.alias_bytes > self.limits.max_alias_bytes {
            return Err(LoadError::limit(
                format!(
                    "aliases expand to more than {} nodes or {} bytes of text",
                    self.limits.max_alias_nodes, self.limits.max_alias_bytes
                ),
                span,
                "write the repeated data out, or use fewer nested aliases",
            ));
        }
        let value = match &node.target().value {
            Value::Scalar(scalar) => Value::Scalar(scalar.clone()),
            Value::Seq(nodes) => Value::Seq(nodes.iter().map(|n| self.copy_at(n, span)).collect::<Result<_, _>>()?),
            Value::Map(entries) => Value::Map(
                entries
                    .iter()
                    .map(|e| Ok(Entry { key: self.copy_at(&e.key, span)?, value: self.copy_at(&e.value, span)? }))
                    .collect::<Result<_, LoadError>>()?,
            ),
            Value::Shared(_) => Value::Seq(Vec::new()),
        };
        Ok(Node { span, value })
    }

    /// A node is complete: remember it if anchored, then hand it to its parent.
    fn complete(&mut self, node: Node<'src>, anchor: usize) -> Result<(), LoadError> {
        self.complete_opened(node, anchor, false)
    }

    /// [`Builder::complete`], for a mapping the sink may have opened.
    fn complete_opened(&mut self, node: Node<'src>, anchor: usize, opened: bool) -> Result<(), LoadError> {
        let node = if anchor == 0 {
            node
        } else {
            let span = node.span;
            let shared = Rc::new(node);
            self.anchors.insert(anchor, shared.clone());
            Node { span, value: Value::Shared(shared) }
        };
        match (self.stack.last(), &mut self.stream) {
            (Some(Frame::Seq { streamed: true, .. }), Some(stream)) => {
                stream.sink.entry(root_entries(&self.stack), list_key(&self.stack), node, opened);
                Ok(())
            }
            _ => self.complete_in_parent(node),
        }
    }

    fn complete_in_parent(&mut self, node: Node<'src>) -> Result<(), LoadError> {
        match self.stack.last_mut() {
            None => self.document.root = Some(node),
            Some(Frame::Seq { nodes, .. }) => nodes.push(node),
            Some(Frame::Map { entries, key, seen, .. }) => match key.take() {
                None => {
                    if let Some(text) = node.as_scalar().map(|s| &s.text) {
                        if let Some(first) = seen.insert(text, node.span, entries) {
                            return Err(duplicate_key(text, first, node.span));
                        }
                    }
                    *key = Some(node);
                }
                Some(key) => entries.push(Entry { key, value: node }),
            },
        }
        Ok(())
    }
}

/// The key of the list on top of the stack, in the mapping below it.
fn list_key<'s>(stack: &'s [Frame<'_>]) -> &'s str {
    match stack.len().checked_sub(2).map(|i| &stack[i]) {
        Some(Frame::Map { key: Some(key), .. }) => key.as_scalar().map_or("", |k| &k.text),
        _ => "",
    }
}

/// The root mapping's entries read so far.
fn root_entries<'s, 'src>(stack: &'s [Frame<'src>]) -> &'s [Entry<'src>] {
    match stack.first() {
        Some(Frame::Map { entries, .. }) => entries,
        _ => &[],
    }
}

fn duplicate_key(text: &str, first: Span, again: Span) -> LoadError {
    let mut error = LoadError::syntax(format!("duplicate key `{text}` in this mapping"), again);
    error.labels.push((first, "first defined here".into()));
    error.help = Some("remove one of the two, or rename it".into());
    error
}

/// The keys seen in one mapping. Small mappings are scanned; large ones get a hash index.
#[derive(Default)]
struct KeySet {
    index: Option<HashMap<String, Span>>,
}

const HASH_FROM: usize = 16;

impl KeySet {
    /// Records `text`; returns the span of an earlier equal key.
    fn insert(&mut self, text: &str, span: Span, entries: &[Entry<'_>]) -> Option<Span> {
        if self.index.is_none() && entries.len() >= HASH_FROM {
            let index =
                entries.iter().filter_map(|e| Some((e.key.as_scalar()?.text.to_string(), e.key.span))).collect();
            self.index = Some(index);
        }
        match &mut self.index {
            Some(index) => match index.get(text) {
                Some(first) => Some(*first),
                None => {
                    index.insert(text.to_string(), span);
                    None
                }
            },
            None => entries.iter().find(|e| e.key.as_scalar().is_some_and(|k| k.text == text)).map(|e| e.key.span),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
