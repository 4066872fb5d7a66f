//! `model`: the typed dataset of the `yosan/1` format, read from the span tree.
//!
//! Every value keeps the span it was read from. Items live in one arena per dataset, in file
//! order, with parent and children indexes, so later passes walk them without recursion.
//! Reading collects every schema defect of a file in one pass ([`build`]).

mod build;
pub mod fields;
pub mod fiscal_year;
mod ids;
mod link_ends;
pub mod names;
use names::NameFacts;
pub mod schema;
mod text;
pub mod vocab;

#[cfg(test)]
mod tests;

use crate::amount::{Amount, Unit};
use crate::findings::FileId;
use crate::span::{compact, Span};

pub use build::{build, build_with, read, SchemaDefect};
pub use ids::ItemIds;
pub use link_ends::LinkEnd;
use link_ends::LinkEnds;
pub use text::Text;
pub(crate) use text::Texts;
pub use vocab::{Breakdown, Budget, LinkKind, Ministry, Phase, Rounding};

/// The spans of the dataset's settings that have defaults.
#[derive(Clone, Copy, Debug, Default)]
pub struct MetaSpans {
    pub budget: Option<Span>,
    pub unit: Option<Span>,
    pub rounding: Option<Span>,
}

/// Where the figures come from: the `source` mapping of the dataset.
#[derive(Clone, Debug, Default)]
pub struct Source {
    /// The document's file name.
    pub document: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub publisher: Option<Spanned<String>>,
    /// An ISO date (`YYYY-MM-DD`); kept only when it is one.
    pub date: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
}

/// A value and the span it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// Index of an item in its dataset's arena.
pub type ItemIdx = usize;

/// One dataset file.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub file: FileId,
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub fiscal_year: Option<Spanned<i32>>,
    pub budget: Budget,
    pub unit: Unit,
    pub rounding: Rounding,
    pub source: Source,
    /// The `dataset` mapping's first line, where findings about the dataset point.
    pub span: Span,
    /// Where `budget`, `unit` and `rounding` are written, when they are.
    pub spans: MetaSpans,
    /// Every item, parents before their children, in file order.
    pub items: Vec<Item>,
    /// The top-level items.
    pub roots: Vec<ItemIdx>,
    /// The children of every item, each item's in one run ([`Dataset::child_indexes`]): one
    /// list for the dataset, not one allocation for each item that has parts; indexes as
    /// `u32`s ([`compact`]), half the list.
    child_lists: Vec<u32>,
    /// Each item id, with the first item that has it ([`Dataset::item_by_id`]).
    pub ids: ItemIds,
    /// Each item's name key ([`NameFacts::key`], 0 for an item without a name), by item: what
    /// `duplicate-listing` compares first, kept by the model's reader ([`Dataset::name_facts`]).
    name_keys: Vec<u16>,
    pub links: Vec<Link>,
    /// Where the links' ends lead in this dataset, found by the reader ([`Dataset::link_end`]).
    link_ends: LinkEnds,
    /// The `x-` fields of the `dataset` mapping.
    pub extensions: Vec<Extension>,
    /// The items' ids and names ([`Dataset::text`]).
    pub(crate) texts: Texts,
    /// Every `x-` key the dataset's file writes, in the dataset, an item or a link, each once
    /// ([`Dataset::writes_extension`]); the model's reader keeps it.
    extension_keys: Vec<std::sync::Arc<String>>,
}

impl Dataset {
    /// An empty dataset of `file`, whose text is `text` (empty when the dataset is read from a
    /// tree alone: its texts are then copied).
    pub fn new(file: FileId, text: std::sync::Arc<String>) -> Self {
        Dataset {
            file,
            id: None,
            title: None,
            fiscal_year: None,
            budget: Budget::Initial,
            unit: Unit::HundredMillionYen,
            rounding: Rounding::HalfUp,
            source: Source::default(),
            span: Span::default(),
            spans: MetaSpans::default(),
            items: Vec::new(),
            roots: Vec::new(),
            child_lists: Vec::new(),
            ids: ItemIds::default(),
            name_keys: Vec::new(),
            links: Vec::new(),
            link_ends: LinkEnds::default(),
            extensions: Vec::new(),
            texts: Texts::new(text),
            extension_keys: Vec::new(),
        }
    }

    /// Whether the dataset's file writes the `x-` field `key` anywhere.
    pub fn writes_extension(&self, key: &str) -> bool {
        self.extension_keys.iter().any(|k| **k == key)
    }

    /// The `x-` keys the file writes (the reader's, when it is done).
    pub(crate) fn set_extension_keys(&mut self, keys: Vec<std::sync::Arc<String>>) {
        self.extension_keys = keys;
    }

    /// The text kept as `text`: an item's id or name.
    pub fn text(&self, text: Text) -> &str {
        self.texts.get(text)
    }

    /// The id of `item`, an item of this dataset.
    pub fn id_of(&self, item: &Item) -> Option<&str> {
        item.id.as_ref().map(|id| self.text(id.value))
    }

    /// The name of `item`, an item of this dataset.
    pub fn name_of(&self, item: &Item) -> Option<&str> {
        item.name.as_ref().map(|name| self.text(name.value))
    }

    /// How `item` is named in messages: its name, else its id.
    pub fn display_name(&self, item: &Item) -> &str {
        self.name_of(item).or(self.id_of(item)).unwrap_or("(unnamed item)")
    }

    pub fn id(&self) -> Option<&str> {
        self.id.as_ref().map(|id| id.value.as_str())
    }

    /// The first item whose id is `id`.
    pub fn item_by_id(&self, id: &str) -> Option<ItemIdx> {
        self.ids.get(&self.items, &self.texts, id)
    }

    /// How an item is named in a message: with its parent's name, since names such as
    /// 日本医療研究開発機構対象経費 recur under every project.
    pub fn qualified_name(&self, item: ItemIdx) -> String {
        let own = self.display_name(&self.items[item]);
        match self.items[item].parent() {
            Some(parent) => format!("{}／{own}", self.display_name(&self.items[parent])),
            None => own.to_string(),
        }
    }

    /// The ids from the top-level item down to `item`, `/`-separated (`?` for an item
    /// without an id): how an item is recognised across versions of a file.
    pub fn id_path(&self, item: ItemIdx) -> String {
        let mut ids = Vec::new();
        let mut next = Some(item);
        while let Some(index) = next {
            let item = &self.items[index];
            ids.push(self.id_of(item).unwrap_or("?"));
            next = item.parent();
        }
        ids.reverse();
        ids.join("/")
    }

    pub fn children(&self, item: ItemIdx) -> impl Iterator<Item = (ItemIdx, &Item)> {
        self.child_indexes(item).map(|c| (c, &self.items[c]))
    }

    /// The indexes of the children of `item`, in file order.
    pub fn child_indexes(&self, item: ItemIdx) -> impl DoubleEndedIterator<Item = ItemIdx> + '_ {
        let ChildRange { start, len } = self.items[item].children;
        let list = self.child_lists.get(start as usize..(start + len) as usize).unwrap_or_default();
        list.iter().map(|&c| c as ItemIdx)
    }

    /// Adds `item` at the end; its index.
    /// The item of this dataset that end `end` of link `l` names when it is written without a
    /// dataset (`pj1`, not `other:pj1`): as the model's reader found it beside the parse, or,
    /// for a dataset whose links were added or removed, or ids added, since, looked up here.
    pub fn link_end(&self, l: usize, end: LinkEnd) -> Option<ItemIdx> {
        let reference = self.links[l].end(end).as_ref().filter(|r| r.value.dataset.is_none())?;
        match self.link_ends.is_current(self.links.len(), self.ids.added()) {
            true => self.link_ends.get(l, end),
            false => self.item_by_id(&reference.value.item),
        }
    }

    /// Adds `link`, with where its ends lead in this dataset as the ids added so far say.
    pub(crate) fn push_link(&mut self, link: Link) {
        let ends = [LinkEnd::From, LinkEnd::To].map(|end| {
            link.end(end).as_ref().filter(|r| r.value.dataset.is_none()).and_then(|r| self.item_by_id(&r.value.item))
        });
        self.link_ends.push(ends, self.ids.added());
        self.links.push(link);
    }

    /// Finds the links' ends again if ids were added after the first was found: when a file
    /// lists links before items.
    pub(crate) fn settle_link_ends(&mut self) {
        if !self.link_ends.is_current(self.links.len(), self.ids.added()) {
            self.link_ends.clear();
            for link in std::mem::take(&mut self.links) {
                self.push_link(link);
            }
        }
    }

    pub(crate) fn push_item(&mut self, item: Item) -> ItemIdx {
        self.items.push(item);
        self.name_keys.push(0);
        self.items.len() - 1
    }

    /// Keeps the facts of item `index`'s name, as the reader found them.
    pub(crate) fn set_name_facts(&mut self, index: ItemIdx, facts: NameFacts) {
        self.items[index].name_marks_relisting = facts.marks_relisting;
        if let Some(slot) = self.name_keys.get_mut(index) {
            *slot = facts.key;
        }
    }

    /// The facts of item `index`'s name ([`names::facts`]), `None` if it has none: as the
    /// model's reader found them beside the parse, or, for a dataset whose items were not all
    /// added by [`Dataset::push_item`], folded here into `scratch`.
    pub fn name_facts(&self, index: ItemIdx, scratch: &mut String) -> Option<NameFacts> {
        let item = &self.items[index];
        // The name's text is read only when folded here: reading it for nothing would cost a
        // cache miss an item.
        item.name.as_ref()?;
        match self.name_keys.len() == self.items.len() {
            true => Some(NameFacts { key: self.name_keys[index], marks_relisting: item.name_marks_relisting }),
            false => Some(names::facts(self.name_of(item)?, scratch)),
        }
    }

    /// Sets the children of `item`, read.
    pub(crate) fn set_children(&mut self, item: ItemIdx, children: &[ItemIdx]) {
        self.items[item].children = ChildRange { start: compact(self.child_lists.len()), len: compact(children.len()) };
        self.child_lists.extend(children.iter().map(|&c| compact(c)));
    }
}

/// One budget line.
#[derive(Clone, Debug)]
pub struct Item {
    /// Where the item's mapping starts: its first key.
    pub span: Span,
    /// The whole mapping, its items included.
    pub extent: Span,
    /// The item this one is a part of ([`Item::parent`]), or [`NO_PARENT`]: a `u32`, half a
    /// `usize`, and no word for an `Option`'s tag.
    parent: u32,
    /// Where its children's indexes are in the dataset's list of them ([`Dataset::child_indexes`]).
    children: ChildRange,
    /// Where the id and the name are ([`Dataset::id_of`], [`Dataset::name_of`]): an item
    /// holds no text of its own.
    pub id: Option<Spanned<Text>>,
    pub name: Option<Spanned<Text>>,
    pub amount: Option<Spanned<Amount>>,
    pub breakdown: Breakdown,
    /// Whether the name carries the 再掲 marker ([`NameFacts::marks_relisting`]), as the
    /// model's reader found it: read through [`Dataset::name_facts`].
    name_marks_relisting: bool,
    /// 1 for a top-level item, 2 for its children, and so on (nesting is limited far below
    /// `u16`: a `u16` lets the item pack into a word less).
    pub depth: u16,
    /// What most lines lack, in one box ([`Item::ministries`], [`Item::previous`], …): a
    /// dataset may hold a million items, and a line with none of it takes no allocation.
    more: Option<Box<More>>,
}

/// The fields of an item that most lines lack, each kept only if present.
#[derive(Clone, Debug, Default)]
struct More {
    /// Canonical names (`文` is read as 文部科学省); a name off the list is kept as written.
    ministries: Box<[Spanned<std::borrow::Cow<'static, str>>]>,
    /// The figures of the other columns.
    columns: Option<Box<Columns>>,
    rare: Option<Box<Rare>>,
    /// The `x-` fields, in file order.
    extensions: Box<[Extension]>,
}

impl Default for Item {
    fn default() -> Self {
        Item {
            span: Span::default(),
            extent: Span::default(),
            parent: NO_PARENT,
            children: ChildRange::default(),
            id: None,
            name: None,
            amount: None,
            breakdown: Breakdown::default(),
            name_marks_relisting: false,
            depth: 0,
            more: None,
        }
    }
}

/// The parent of a top-level item. No item has this index: a file of `u32::MAX` bytes holds
/// far fewer items.
const NO_PARENT: u32 = u32::MAX;

/// Where an item's children are in [`Dataset::child_indexes`]'s list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct ChildRange {
    start: u32,
    len: u32,
}

/// The figures of an item's other columns.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    pub previous: Option<Spanned<Amount>>,
    pub supplementary: Option<Spanned<Amount>>,
}

/// The fields of an item that most lines lack: references, tags, notes.
#[derive(Clone, Debug, Default)]
pub struct Rare {
    pub relisted_from: Option<Spanned<Reference>>,
    pub included_in: Option<Spanned<Reference>>,
    pub same_as: Option<Spanned<Reference>>,
    pub phases: Vec<Spanned<Phase>>,
    pub note: Option<Spanned<String>>,
    pub page: Option<Spanned<String>>,
}

impl Rare {
    fn is_empty(&self) -> bool {
        self.relisted_from.is_none()
            && self.included_in.is_none()
            && self.same_as.is_none()
            && self.phases.is_empty()
            && self.note.is_none()
            && self.page.is_none()
    }
}

static NO_REFERENCE: Option<Spanned<Reference>> = None;
static NO_AMOUNT: Option<Spanned<Amount>> = None;
static NO_TEXT: Option<Spanned<String>> = None;

// The enum comes from the `vocabulary!` macro, which derives no `Default`.
#[allow(clippy::derivable_impls)]
impl Default for Breakdown {
    fn default() -> Self {
        Breakdown::Complete
    }
}

impl Item {
    /// An item under `parent` (none for a top-level one), at `depth`.
    pub fn under(parent: Option<ItemIdx>, depth: u16) -> Item {
        Item { parent: parent.map_or(NO_PARENT, compact), depth, ..Item::default() }
    }

    /// How many parts the item has.
    pub fn child_count(&self) -> usize {
        self.children.len as usize
    }

    pub fn has_children(&self) -> bool {
        self.children.len > 0
    }

    /// The item this one is a part of; none for a top-level item.
    pub fn parent(&self) -> Option<ItemIdx> {
        (self.parent != NO_PARENT).then_some(self.parent as ItemIdx)
    }

    /// The names of the ministries in charge (所管), in file order.
    pub fn ministries(&self) -> &[Spanned<std::borrow::Cow<'static, str>>] {
        self.more.as_ref().map_or(&[], |m| &m.ministries)
    }

    /// The `x-` fields, in file order.
    pub fn extensions(&self) -> &[Extension] {
        self.more.as_ref().map_or(&[], |m| &m.extensions)
    }

    /// The `x-` field `key`, if the item has it.
    pub fn extension(&self, key: &str) -> Option<&ExtensionValue> {
        extension_in(self.extensions(), key)
    }

    fn columns(&self) -> Option<&Columns> {
        self.more.as_ref()?.columns.as_deref()
    }

    fn rare(&self) -> Option<&Rare> {
        self.more.as_ref()?.rare.as_deref()
    }

    /// The previous year's figure (前年度).
    pub fn previous(&self) -> &Option<Spanned<Amount>> {
        self.columns().map_or(&NO_AMOUNT, |c| &c.previous)
    }

    /// The supplementary budget's figure (補正).
    pub fn supplementary(&self) -> &Option<Spanned<Amount>> {
        self.columns().map_or(&NO_AMOUNT, |c| &c.supplementary)
    }

    pub fn relisted_from(&self) -> &Option<Spanned<Reference>> {
        self.rare().map_or(&NO_REFERENCE, |r| &r.relisted_from)
    }

    pub fn included_in(&self) -> &Option<Spanned<Reference>> {
        self.rare().map_or(&NO_REFERENCE, |r| &r.included_in)
    }

    pub fn same_as(&self) -> &Option<Spanned<Reference>> {
        self.rare().map_or(&NO_REFERENCE, |r| &r.same_as)
    }

    pub fn phases(&self) -> &[Spanned<Phase>] {
        self.rare().map_or(&[], |r| &r.phases)
    }

    pub fn note(&self) -> &Option<Spanned<String>> {
        self.rare().map_or(&NO_TEXT, |r| &r.note)
    }

    pub fn page(&self) -> &Option<Spanned<String>> {
        self.rare().map_or(&NO_TEXT, |r| &r.page)
    }

    /// Keeps what of `more` is present: nothing at all when none of it is.
    pub fn set_more(
        &mut self,
        ministries: Vec<Spanned<std::borrow::Cow<'static, str>>>,
        columns: Columns,
        rare: Rare,
        extensions: Vec<Extension>,
    ) {
        let columns = (columns.previous.is_some() || columns.supplementary.is_some()).then(|| Box::new(columns));
        let rare = (!rare.is_empty()).then(|| Box::new(rare));
        let more = More { ministries: ministries.into(), columns, rare, extensions: extensions.into() };
        let empty =
            more.ministries.is_empty() && more.columns.is_none() && more.rare.is_none() && more.extensions.is_empty();
        self.more = (!empty).then(|| Box::new(more));
    }

    /// Inclusive (内数): written `…の内数` or marked `included_in`. Never added into a sum.
    pub fn is_inclusive(&self) -> bool {
        self.included_in().is_some() || self.amount.as_ref().is_some_and(|a| a.value.inclusive())
    }

    /// Relisted (再掲). Never added into a sum.
    pub fn is_relisted(&self) -> bool {
        self.relisted_from().is_some()
    }
}

/// A reference to an item: `ITEM` in the same dataset or `DATASET:ITEM`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    pub dataset: Option<Box<str>>,
    pub item: Box<str>,
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.dataset {
            Some(d) => write!(f, "{d}:{}", self.item),
            None => f.write_str(&self.item),
        }
    }
}

/// A directed link between two items.
#[derive(Clone, Debug)]
pub struct Link {
    pub span: Span,
    pub from: Option<Spanned<Reference>>,
    pub to: Option<Spanned<Reference>>,
    pub kind: Option<Spanned<LinkKind>>,
    pub note: Option<Spanned<String>>,
    /// The `x-` fields, in file order.
    pub extensions: Box<[Extension]>,
}

impl Link {
    /// The reference at end `end`.
    pub fn end(&self, end: LinkEnd) -> &Option<Spanned<Reference>> {
        match end {
            LinkEnd::From => &self.from,
            LinkEnd::To => &self.to,
        }
    }
}

/// An `x-` field: free extension data that rules may read. An imported file has several on
/// every line, so nothing is copied for each: the key is shared by every field of a dataset
/// that has it, and a text value is kept where the file has it ([`Dataset::text`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extension {
    /// The key, `x-` included; an `Arc<String>`, one word where an `Arc<str>` takes two.
    pub key: std::sync::Arc<String>,
    pub value: ExtensionValue,
}

/// What an `x-` value reads as, with where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtensionValue {
    /// A number or amount notation, in the dataset's unit.
    Amount(Spanned<Amount>),
    Text(Spanned<Text>),
    /// A list, a mapping or null: present, not comparable.
    Other(Span),
}

/// The value of the `x-` field `key` among `fields` (an item's, a link's, the dataset's).
pub fn extension_in<'a>(fields: &'a [Extension], key: &str) -> Option<&'a ExtensionValue> {
    fields.iter().find(|e| *e.key == key).map(|e| &e.value)
}

impl ExtensionValue {
    pub fn span(&self) -> Span {
        match self {
            ExtensionValue::Amount(a) => a.span,
            ExtensionValue::Text(t) => t.span,
            ExtensionValue::Other(span) => *span,
        }
    }
}
