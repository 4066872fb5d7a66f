//! Reading a [`Dataset`] from a span tree, collecting every schema defect of the file.
use super::names;
use super::vocab::{self, vocabulary, Breakdown, Budget, LinkKind, Ministry, Phase, Rounding};
use super::{
    fiscal_year, Columns, Dataset, Extension, ExtensionValue, Item, ItemIds, ItemIdx, Link, Rare, Reference, Source,
    Spanned, Text,
};
use crate::amount::{self, Amount, Unit};
use crate::findings::{Defect, Edit, FileId, Fix};
use crate::load::{self, Comment, Entry, Limits, LoadError, Node, Sink, Stream};
use crate::span::Span;
use crate::suggest::closest;
use std::sync::Arc;

vocabulary!(
    /// The defects found while loading and reading a file; the `schema` check kind reports them.
    SchemaDefect {
        YamlSyntax => ["yaml-syntax"],
        InputLimit => ["input-limit"],
        UnreadableFile => ["unreadable-file"],
        MissingField => ["missing-field"],
        UnknownField => ["unknown-field"],
        InvalidValue => ["invalid-value"],
        InvalidFiscalYear => ["invalid-fiscal-year"],
        UnknownMinistry => ["unknown-ministry"],
        AmountFormat => ["amount-format"],
        DuplicateId => ["duplicate-id"],
    }
);

pub(super) const TOP_KEYS: &[&str] = &["format", "dataset", "items", "links"];
pub(super) const DATASET_KEYS: &[&str] = &["id", "title", "fiscal_year", "budget", "unit", "rounding", "source"];
pub(super) const SOURCE_KEYS: &[&str] = &["document", "title", "publisher", "date", "url"];
pub(super) const ITEM_KEYS: &[&str] = &[
    "id",
    "name",
    "amount",
    "items",
    "breakdown",
    "relisted_from",
    "included_in",
    "same_as",
    "ministry",
    "previous",
    "supplementary",
    "phase",
    "note",
    "page",
];
pub(super) const LINK_KEYS: &[&str] = &["from", "to", "kind", "note"];
pub(super) const FORMAT: &str = "yosan/1";

/// Fewer bytes than an item of a large file takes: a generated one 123, an imported one 300.
/// The id table starts with room for the file's size over this many items, so that it does
/// not grow (growing reads every id again); for a file of no items that room is about a tenth
/// of its size (5 bytes a slot, slots a power of two).
const BYTES_PER_ITEM: usize = 120;

/// Reads the dataset in `root` (none for an empty file); returns it with its schema defects.
/// Its ids and names are copied: the tree alone does not say where they are in the file.
pub fn build(file: FileId, root: Option<&Node<'_>>) -> (Dataset, Vec<(SchemaDefect, Defect)>) {
    build_with(file, &Arc::default(), root, &[])
}

/// [`build`] of a tree loaded from `text`, whose ids and names are kept where `text` has
/// them, with the names of ministries a project adds to the format's list (`ministries` in
/// `yosan.toml`): they are ministries, not `unknown-ministry`.
pub fn build_with(
    file: FileId,
    text: &Arc<String>,
    root: Option<&Node<'_>>,
    ministries: &[String],
) -> (Dataset, Vec<(SchemaDefect, Defect)>) {
    let mut reader = Reader::new(file, text, ministries);
    match root {
        None => reader.empty_file(),
        Some(root) => reader.top(root),
    }
    reader.finish()
}

/// Reads the dataset of `text` while loading it: each item goes into the model as soon as the
/// loader has read its own fields, and their nodes are dropped, so the file is never held as a
/// tree (and reading keeps pace with the parser, a large top-level item included). The same
/// dataset and defects as [`build_with`] on the loaded tree.
pub fn read(file: FileId, text: &Arc<String>, limits: &Limits, ministries: &[String]) -> Result<ReadFile, LoadError> {
    let mut reader = Reader::new(file, text, ministries);
    let mut sink = StreamedItems { reader: &mut reader, streamed: Streamed::default() };
    let document = load::load_streaming(text, limits, Some(Stream { sink: &mut sink }))?;
    let streamed = sink.streamed;
    match &document.root {
        None => reader.empty_file(),
        Some(root) => reader.top_with(root, streamed),
    }
    let (dataset, defects) = reader.finish();
    Ok((dataset, defects, document.comments))
}

/// A dataset read from its file, with its schema defects and the file's comments.
pub type ReadFile = (Dataset, Vec<(SchemaDefect, Defect)>, Vec<Comment>);

/// The top-level items the loader handed over while it read the file.
#[derive(Default)]
struct Streamed<'src> {
    /// Whether an item came at all.
    started: bool,
    /// Whether the `dataset` mapping was read when the first came (it came before `items`).
    metadata_read: bool,
    /// The top-level items read so far.
    roots: Vec<ItemIdx>,
    /// The items opened and not yet complete, outermost first, with their children so far.
    open: Vec<(ItemIdx, Vec<ItemIdx>)>,
    /// Items and links that wait for the end of the file, since no `dataset` came before them.
    waiting: Vec<Node<'src>>,
    waiting_links: Vec<Node<'src>>,
}

/// The reader as the loader's sink: an item's place is taken when its mapping starts, so that
/// parents come before their children; it is read when its mapping ends, its children read.
struct StreamedItems<'r, 'k, 'src> {
    reader: &'r mut Reader<'k>,
    streamed: Streamed<'src>,
}

impl<'src> Sink<'src> for StreamedItems<'_, '_, 'src> {
    /// The items, at every level, and the root's links.
    fn stream_list(&mut self, key: &str, depth: usize) -> bool {
        key == "items" || (key == "links" && depth == 1)
    }

    fn open(&mut self, root: &[Entry<'src>], key: &str) -> bool {
        if key != "items" || !self.reader.metadata_first(&mut self.streamed, root) {
            return false;
        }
        let parent = self.streamed.open.last().map(|&(index, _)| index);
        let index = self.reader.reserve(parent);
        self.streamed.open.push((index, Vec::new()));
        true
    }

    fn entry(&mut self, root: &[Entry<'src>], key: &str, node: Node<'src>, opened: bool) {
        let streamed = &mut self.streamed;
        if key == "links" {
            match self.reader.metadata_first(streamed, root) {
                true => self.reader.link(&node),
                false => streamed.waiting_links.push(node),
            }
            return;
        }
        // The loader opens and completes entries in nesting order, so an opened entry is the
        // innermost open item.
        let innermost = if opened { streamed.open.pop() } else { None };
        let read = if let Some((index, children)) = innermost {
            // An opened entry is a mapping: it has fields.
            if let Some(fields) = self.reader.item_fields(&node) {
                self.reader.fill(node.span, &fields, index, children);
            }
            Some(index)
        } else if self.reader.metadata_first(streamed, root) {
            let parent = streamed.open.last().map(|&(index, _)| index);
            self.reader.item(&node, parent)
        } else {
            streamed.waiting.push(node);
            None
        };
        match streamed.open.last_mut() {
            Some((_, children)) => children.extend(read),
            None => streamed.roots.extend(read),
        }
    }
}

/// The fields of one mapping that are known, by name.
struct Fields<'n, 'src> {
    map_span: Span,
    found: Vec<(&'static str, &'n Node<'src>)>,
    /// The `x-` keys and their values.
    extensions: Vec<(&'n Node<'src>, &'n Node<'src>)>,
}

impl<'n, 'src> Fields<'n, 'src> {
    fn get(&self, key: &str) -> Option<&'n Node<'src>> {
        self.found.iter().find(|(k, _)| *k == key).map(|&(_, n)| n)
    }
}

struct Reader<'k> {
    dataset: Dataset,
    defects: Vec<(SchemaDefect, Defect)>,
    /// The project's own names of ministries.
    ministries: &'k [String],
    /// Items whose id another item has too (items are read as they end, after their
    /// children, so which one comes first in the file is known only at the end).
    repeated_ids: Vec<ItemIdx>,
    /// The keys of the `x-` fields read so far, each kept once.
    extension_keys: std::collections::HashMap<Box<str>, Arc<String>>,
    /// The buffer names are folded in for their facts.
    scratch: String,
}

impl<'k> Reader<'k> {
    fn new(file: FileId, text: &Arc<String>, ministries: &'k [String]) -> Self {
        let mut dataset = Dataset::new(file, text.clone());
        dataset.ids = ItemIds::with_capacity(text.len() / BYTES_PER_ITEM);
        Reader {
            dataset,
            defects: Vec::new(),
            ministries,
            repeated_ids: Vec::new(),
            extension_keys: Default::default(),
            scratch: String::new(),
        }
    }

    fn file(&self) -> FileId {
        self.dataset.file
    }

    fn report(&mut self, kind: SchemaDefect, defect: Defect) {
        let defect = defect.in_dataset(self.dataset.id(), None);
        self.defects.push((kind, defect));
    }

    fn empty_file(&mut self) {
        let defect =
            Defect::new(self.file(), Span::at(0), "the file is empty: a dataset needs `format`, `dataset` and `items`")
                .help("start from an example: `yosan explain missing-field`");
        self.report(SchemaDefect::MissingField, defect);
    }

    fn invalid(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        let defect = Defect::new(self.file(), span, message).help(help);
        self.report(SchemaDefect::InvalidValue, defect);
    }

    fn top(&mut self, root: &Node<'_>) {
        self.top_with(root, Streamed::default());
    }

    /// The dataset read: a repeated id a defect, and the defects in file order (items are
    /// read as they end, after their children).
    fn finish(mut self) -> (Dataset, Vec<(SchemaDefect, Defect)>) {
        self.report_repeated_ids();
        self.dataset.settle_link_ends();
        let mut keys: Vec<Arc<String>> = self.extension_keys.into_values().collect();
        keys.sort();
        self.dataset.set_extension_keys(keys);
        self.defects.sort_by_key(|(_, defect)| defect.span.start());
        (self.dataset, self.defects)
    }

    /// Reads the root; the items already read while the file was loaded come in `streamed`.
    fn top_with(&mut self, root: &Node<'_>, streamed: Streamed<'_>) {
        // What is wrong with the root is about no dataset, however early its `dataset` was read.
        let id = self.dataset.id.take();
        let fields = self.fields(root, "a dataset file", TOP_KEYS, &["format", "dataset", "items"]);
        if let Some(format) = fields.as_ref().and_then(|f| f.get("format")) {
            if format.as_str() != Some(FORMAT) {
                let found = format.as_str().unwrap_or("");
                self.invalid(format.span, format!("unknown format `{found}`"), format!("write `format: {FORMAT}`"));
            }
        }
        self.dataset.id = id;
        let Some(fields) = fields else { return };
        if let (false, Some(meta)) = (streamed.metadata_read, fields.get("dataset")) {
            self.metadata(meta);
        }
        let mut roots = streamed.roots;
        roots.extend(streamed.waiting.iter().filter_map(|node| self.item(node, None)));
        if let Some(items) = fields.get("items") {
            roots.extend(self.items(items, None));
        }
        self.dataset.roots = roots;
        for link in &streamed.waiting_links {
            self.link(link);
        }
        if let Some(links) = fields.get("links") {
            self.links(links);
        }
    }

    /// Whether items can be read as the loader hands them over: when the root's `dataset`
    /// (whose unit the figures need) came before `items`, as it usually does; otherwise they
    /// wait for the end of the file.
    fn metadata_first(&mut self, streamed: &mut Streamed<'_>, root: &[Entry<'_>]) -> bool {
        if !streamed.started {
            streamed.started = true;
            if let Some(meta) = root.iter().find(|e| e.key.as_str() == Some("dataset")) {
                self.metadata(&meta.value);
                streamed.metadata_read = true;
            }
        }
        streamed.metadata_read
    }

    /// Checks that `node` is a mapping of `known` keys with the `required` ones present.
    fn fields<'n, 'src>(
        &mut self,
        node: &'n Node<'src>,
        what: &str,
        known: &[&'static str],
        required: &[&'static str],
    ) -> Option<Fields<'n, 'src>> {
        let Some(entries) = node.as_map() else {
            let message = format!("{what} must be a mapping, but this is {}", node.kind_name());
            self.invalid(node.span, message, format!("write {what} as `key: value` lines"));
            return None;
        };
        let mut fields = Fields {
            map_span: map_start(node, entries),
            found: Vec::with_capacity(entries.len()),
            extensions: Vec::new(),
        };
        for Entry { key, value } in entries {
            let Some(name) = key.as_str() else {
                self.invalid(key.span, "a key must be plain text", "write the key as a word, e.g. `name`");
                continue;
            };
            match known.iter().find(|k| **k == name) {
                Some(k) => fields.found.push((k, value)),
                None if name.starts_with("x-") => fields.extensions.push((key, value)),
                None => self.unknown_field(key.span, name, what, known),
            }
        }
        for key in required.iter().filter(|k| fields.get(k).is_none()) {
            let defect = Defect::new(self.file(), fields.map_span, format!("{what} lacks the required key `{key}`"))
                .label(format!("`{key}` is missing here"))
                .help(format!("add `{key}:` to this mapping"));
            self.report(SchemaDefect::MissingField, defect);
        }
        Some(fields)
    }

    fn unknown_field(&mut self, span: Span, name: &str, what: &str, known: &[&str]) {
        let keys = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let looks_numeric = name.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
        let help = match closest(name, known) {
            _ if looks_numeric => format!(
                "in a flow mapping `{{…}}` a comma separates entries, so `1,238億円` splits in two: quote the amount, `amount: \"1,238億円\"` (this key is `{name}`)"
            ),
            Some(k) => format!("did you mean `{k}`? {what} takes {keys}; keys starting with `x-` hold free extension data"),
            None => format!("{what} takes {keys}; keys starting with `x-` hold free extension data"),
        };
        let defect = Defect::new(self.file(), span, format!("unknown key `{name}` in {what}")).help(help);
        self.report(SchemaDefect::UnknownField, defect);
    }

    fn metadata(&mut self, node: &Node<'_>) {
        let Some(fields) = self.fields(node, "`dataset`", DATASET_KEYS, &["id", "title", "fiscal_year"]) else {
            return;
        };
        self.dataset.span = fields.map_span;
        if let Some(unit) = fields.get("unit") {
            match unit.as_str().and_then(Unit::parse) {
                Some(u) => {
                    self.dataset.unit = u;
                    self.dataset.spans.unit = Some(unit.span);
                }
                None => {
                    let units: Vec<&str> = Unit::all_symbols().collect();
                    self.invalid(unit.span, "`unit` is not a unit", format!("write one of {}", units.join(", ")));
                }
            }
        }
        self.dataset.extensions = self.extensions(&fields);
        self.dataset.id = fields.get("id").and_then(|id| self.slug(id, false)).map(owned);
        self.dataset.title = fields.get("title").and_then(|t| self.text(t, "`title`"));
        self.dataset.fiscal_year = fields.get("fiscal_year").and_then(|y| self.fiscal_year(y));
        if let Some(v) = fields.get("budget").and_then(|n| self.word(n, "`budget`", Budget::parse, Budget::choices)) {
            self.dataset.budget = v.value;
            self.dataset.spans.budget = Some(v.span);
        }
        if let Some(v) =
            fields.get("rounding").and_then(|n| self.word(n, "`rounding`", Rounding::parse, Rounding::choices))
        {
            self.dataset.rounding = v.value;
            self.dataset.spans.rounding = Some(v.span);
        }
        if let Some(source) = fields.get("source") {
            self.source(source);
        }
    }

    fn source(&mut self, node: &Node<'_>) {
        let Some(fields) = self.fields(node, "`source`", SOURCE_KEYS, &[]) else {
            return;
        };
        let source = Source {
            document: fields.get("document").and_then(|v| self.text(v, "`document`")),
            title: fields.get("title").and_then(|v| self.text(v, "title")),
            publisher: fields.get("publisher").and_then(|v| self.text(v, "publisher")),
            url: fields.get("url").and_then(|v| self.text(v, "url")),
            date: None,
        };
        self.dataset.source = source;
        if let Some(date) = fields.get("date") {
            match date.as_str().filter(|d| is_iso_date(d)) {
                Some(iso) => self.dataset.source.date = Some(Spanned::new(iso.to_string(), date.span)),
                None => self.invalid(
                    date.span,
                    "`date` is not an ISO date",
                    "write the date as `YYYY-MM-DD`, e.g. `2022-01-20`",
                ),
            }
        }
    }

    fn fiscal_year(&mut self, node: &Node<'_>) -> Option<Spanned<i32>> {
        let text = node.as_str().unwrap_or("");
        match fiscal_year::parse(text) {
            Ok(year) => Some(Spanned::new(year, node.span)),
            Err(e) => {
                let help = match e.suggestion {
                    Some(s) => format!("write `{s}`"),
                    None => "write the year as `2022`, `FY2022`, `令和4年度`, `R4` or `平成31年度`".to_string(),
                };
                let defect = Defect::new(self.file(), node.span, e.message).help(help);
                self.report(SchemaDefect::InvalidFiscalYear, defect);
                None
            }
        }
    }

    /// Reads a list of items under `parent`; returns their indexes.
    fn items(&mut self, node: &Node<'_>, parent: Option<ItemIdx>) -> Vec<ItemIdx> {
        let Some(list) = node.as_seq() else {
            if !node.is_null() {
                let message = format!("`items` must be a list of items, but this is {}", node.kind_name());
                self.invalid(node.span, message, "write each item as a `- id: …` entry of a list");
            }
            return Vec::new();
        };
        list.iter().filter_map(|entry| self.item(entry, parent)).collect()
    }

    fn item(&mut self, node: &Node<'_>, parent: Option<ItemIdx>) -> Option<ItemIdx> {
        let fields = self.item_fields(node)?;
        let index = self.reserve(parent);
        self.fill(node.span, &fields, index, Vec::new());
        Some(index)
    }

    fn item_fields<'n, 'src>(&mut self, node: &'n Node<'src>) -> Option<Fields<'n, 'src>> {
        self.fields(node, "an item", ITEM_KEYS, &["id", "name"])
    }

    /// Takes the place of the next item, under `parent`.
    fn reserve(&mut self, parent: Option<ItemIdx>) -> ItemIdx {
        let depth = parent.map_or(1, |p| self.dataset.items[p].depth.saturating_add(1));
        self.dataset.push_item(Item::under(parent, depth))
    }

    /// Reads the item of the mapping `fields` (spanning `extent`) into its place `index`;
    /// `children`, those already read (a streamed list), come before any its node still holds.
    fn fill(&mut self, extent: Span, fields: &Fields<'_, '_>, index: ItemIdx, mut children: Vec<ItemIdx>) {
        let reserved = &self.dataset.items[index];
        let mut item = Item { span: fields.map_span, extent, ..Item::under(reserved.parent(), reserved.depth) };
        item.id = fields.get("id").and_then(|id| self.slug(id, true)).map(|id| self.keep(id));
        let name = fields.get("name").and_then(|n| self.name(n));
        // Worked out here, beside the parse, rather than in the passes after it.
        let facts = name.as_ref().map(|name| names::facts(name.value, &mut self.scratch));
        item.name = name.map(|name| self.keep(name));
        item.amount = fields.get("amount").and_then(|a| self.amount(a));
        let previous = fields.get("previous").and_then(|a| self.amount(a));
        let supplementary = fields.get("supplementary").and_then(|a| self.amount(a));
        if let Some(v) =
            fields.get("breakdown").and_then(|n| self.word(n, "`breakdown`", Breakdown::parse, Breakdown::choices))
        {
            item.breakdown = v.value;
        }
        let mut rare = Rare {
            relisted_from: fields.get("relisted_from").and_then(|r| self.reference(r)),
            included_in: fields.get("included_in").and_then(|r| self.reference(r)),
            same_as: fields.get("same_as").and_then(|r| self.reference(r)),
            ..Rare::default()
        };
        let ministries = fields.get("ministry").map(|m| self.ministries(m)).unwrap_or_default();
        rare.phases = fields.get("phase").map(|p| self.phases(p)).unwrap_or_default();
        rare.note = fields.get("note").and_then(|n| self.text(n, "`note`"));
        rare.page = fields.get("page").and_then(|n| self.text(n, "`page`"));
        let extensions = self.extensions(fields);
        item.set_more(ministries, Columns { previous, supplementary }, rare, extensions);
        self.dataset.items[index] = item;
        if let Some(facts) = facts {
            self.dataset.set_name_facts(index, facts);
        }
        if let Some(other) = self.dataset.ids.insert(&self.dataset.items, &self.dataset.texts, index) {
            self.repeated_ids.extend([other, index]);
        }
        if let Some(list) = fields.get("items") {
            children.extend(self.items(list, Some(index)));
        }
        self.dataset.set_children(index, &children);
    }

    /// Each item whose id an earlier item has is a defect, in file order.
    fn report_repeated_ids(&mut self) {
        let mut repeated = std::mem::take(&mut self.repeated_ids);
        repeated.sort_unstable();
        repeated.dedup();
        for again in repeated {
            let first = self.dataset.id_of(&self.dataset.items[again]).and_then(|id| self.dataset.item_by_id(id));
            if let Some(first) = first.filter(|&first| first != again) {
                self.duplicate_id(first, again);
            }
        }
    }

    fn duplicate_id(&mut self, first: ItemIdx, again: ItemIdx) {
        let (Some(id), Some(earlier)) = (&self.dataset.items[again].id, &self.dataset.items[first].id) else { return };
        let (span, earlier, id) = (id.span, earlier.span, self.dataset.text(id.value));
        let defect = Defect::new(self.file(), span, format!("the item id `{id}` is used twice in this dataset"))
            .label("used again here")
            .with_label(self.file(), earlier, "first used here")
            .help("give each item an id of its own; a line repeated for presentation (再掲) gets its own id and `relisted_from`");
        self.report(SchemaDefect::DuplicateId, defect);
    }

    fn links(&mut self, node: &Node<'_>) {
        let Some(list) = node.as_seq() else {
            if !node.is_null() {
                self.invalid(
                    node.span,
                    format!("`links` must be a list, but this is {}", node.kind_name()),
                    "write each link as `- {from: a, to: b, kind: handoff}`",
                );
            }
            return;
        };
        for entry in list {
            self.link(entry);
        }
    }

    fn link(&mut self, entry: &Node<'_>) {
        let Some(fields) = self.fields(entry, "a link", LINK_KEYS, &["from", "to", "kind"]) else { return };
        let link = Link {
            span: fields.map_span,
            from: fields.get("from").and_then(|r| self.reference(r)),
            to: fields.get("to").and_then(|r| self.reference(r)),
            kind: fields.get("kind").and_then(|k| self.word(k, "the link `kind`", LinkKind::parse, LinkKind::choices)),
            note: fields.get("note").and_then(|n| self.text(n, "`note`")),
            extensions: self.extensions(&fields).into(),
        };
        self.dataset.push_link(link);
    }

    /// The `x-` fields of a mapping: a scalar that reads as an amount (a number, or amount
    /// notation) is an amount in the dataset's unit, any other scalar text; lists, mappings
    /// and nulls are kept as present but not comparable.
    fn extensions(&mut self, fields: &Fields<'_, '_>) -> Vec<Extension> {
        let (texts, keys) = (&mut self.dataset.texts, &mut self.extension_keys);
        fields
            .extensions
            .iter()
            .map(|(key, value)| {
                let read = match value.as_str() {
                    Some(text) => match amount::parse(text, self.dataset.unit) {
                        Ok(amount) => ExtensionValue::Amount(Spanned::new(amount, value.span)),
                        Err(_) => ExtensionValue::Text(Spanned::new(texts.keep(text), value.span)),
                    },
                    None => ExtensionValue::Other(value.span),
                };
                Extension { key: shared(keys, key.as_str().unwrap_or_default()), value: read }
            })
            .collect()
    }

    /// An item's name: text, and not empty (a line of a document always has a name).
    fn name<'n>(&mut self, node: &'n Node<'_>) -> Option<Spanned<&'n str>> {
        let name = self.text_in(node, "`name`")?;
        if name.value.trim().is_empty() {
            self.invalid(node.span, "the name is empty", "write the line's name as the document prints it");
            return None;
        }
        Some(name)
    }

    /// An item's id or name, kept where the file has it.
    fn keep(&mut self, text: Spanned<&str>) -> Spanned<Text> {
        Spanned::new(self.dataset.texts.keep(text.value), text.span)
    }

    /// A scalar text value (any plain or quoted scalar that is not null), copied.
    fn text(&mut self, node: &Node<'_>, what: &str) -> Option<Spanned<String>> {
        self.text_in(node, what).map(owned)
    }

    /// A scalar text value, as the node holds it.
    fn text_in<'n>(&mut self, node: &'n Node<'_>, what: &str) -> Option<Spanned<&'n str>> {
        match node.as_str() {
            Some(text) => Some(Spanned::new(text, node.span)),
            None => {
                let message = format!("{what} must be text, but this is {}", node.kind_name());
                self.invalid(node.span, message, format!("write {what} as one line of text"));
                None
            }
        }
    }

    fn slug<'n>(&mut self, node: &'n Node<'_>, item: bool) -> Option<Spanned<&'n str>> {
        let id = self.text_in(node, "an id")?;
        let valid = if item { vocab::is_item_slug(id.value) } else { vocab::is_dataset_slug(id.value) };
        if !valid {
            let pattern = if item { "[a-z0-9][a-z0-9._-]*" } else { "[a-z0-9][a-z0-9-]*" };
            let help = match vocab::slugify(id.value, item) {
                Some(s) => format!("ids are slugs `{pattern}`: write `{s}`"),
                None => {
                    format!("ids are slugs `{pattern}`: lowercase ASCII letters, digits and `-`")
                }
            };
            self.invalid(node.span, format!("`{}` is not a valid id", id.value), help);
        }
        Some(id)
    }

    /// A value from a closed vocabulary.
    fn word<T>(
        &mut self,
        node: &Node<'_>,
        what: &str,
        parse: fn(&str) -> Option<T>,
        choices: fn() -> String,
    ) -> Option<Spanned<T>> {
        let text = node.as_str().unwrap_or("");
        match parse(text) {
            Some(value) => Some(Spanned::new(value, node.span)),
            None => {
                self.invalid(node.span, format!("{what} cannot be `{text}`"), format!("write one of {}", choices()));
                None
            }
        }
    }

    fn amount(&mut self, node: &Node<'_>) -> Option<Spanned<Amount>> {
        if node.is_null() {
            return None;
        }
        let Some(scalar) = node.as_scalar() else {
            let defect = Defect::new(
                self.file(),
                node.span,
                format!("an amount must be a figure, but this is {}", node.kind_name()),
            )
            .help("write the figure as in the document, e.g. `151.7億円`");
            self.report(SchemaDefect::AmountFormat, defect);
            return None;
        };
        match amount::parse(&scalar.text, self.dataset.unit) {
            Ok(amount) => Some(Spanned::new(amount, node.span)),
            Err(e) => {
                let help = match e.suggestion {
                    Some(s) => format!("write `{s}`"),
                    None => {
                        "write the figure as `[約][▲]NUMBER[UNIT][の内数]`, e.g. `151.7億円`, `6,371百万円`, `約12億円`"
                            .to_string()
                    }
                };
                let mut defect =
                    Defect::new(self.file(), node.span, format!("not an amount: {}", e.message)).help(help);
                if let Some(fixed) = amount::safe_fix(&scalar.text, self.dataset.unit) {
                    let edit = Edit::Scalar { span: node.span, old: scalar.text.to_string(), new: fixed.clone() };
                    defect = defect.fix(Fix { description: format!("write `{fixed}`"), edits: vec![edit] });
                }
                self.report(SchemaDefect::AmountFormat, defect);
                None
            }
        }
    }

    fn reference(&mut self, node: &Node<'_>) -> Option<Spanned<Reference>> {
        let text = self.text_in(node, "a reference")?.value;
        let (dataset, item) = match text.split_once(':') {
            Some((d, i)) => (Some(d), i),
            None => (None, text),
        };
        let valid = vocab::is_item_slug(item) && dataset.is_none_or(vocab::is_dataset_slug);
        if !valid {
            self.invalid(
                node.span,
                format!("`{text}` is not a reference"),
                "a reference is an item id, or `DATASET_ID:ITEM_ID` for another dataset",
            );
            return None;
        }
        Some(Spanned::new(Reference { dataset: dataset.map(Into::into), item: item.into() }, node.span))
    }

    /// The ministries of an item, by canonical name. A name the project adds is kept as written;
    /// any other name off the list too, with an `unknown-ministry` defect.
    fn ministries(&mut self, node: &Node<'_>) -> Vec<Spanned<std::borrow::Cow<'static, str>>> {
        let nodes = node.one_or_many();
        let mut out = Vec::with_capacity(nodes.len());
        for node in nodes {
            let text = node.as_str().unwrap_or("");
            match Ministry::parse(text) {
                Some(m) => out.push(Spanned::new(m.name().into(), node.span)),
                None if self.ministries.iter().any(|m| m == text) => {
                    out.push(Spanned::new(text.to_string().into(), node.span))
                }
                None => {
                    let near =
                        crate::suggest::closest(text, &Ministry::FORMS.iter().map(|(f, _)| *f).collect::<Vec<_>>())
                            .map(|n| format!("did you mean `{n}`? "))
                            .unwrap_or_default();
                    let defect = Defect::new(self.file(), node.span, format!("`{text}` is not a known ministry"))
                        .help(format!(
                            "{near}write one of {} (short forms such as 文, 厚, 経 are accepted), or add the name to `ministries` in yosan.toml",
                            Ministry::choices()
                        ));
                    self.report(SchemaDefect::UnknownMinistry, defect);
                    if !text.trim().is_empty() {
                        out.push(Spanned::new(text.to_string().into(), node.span));
                    }
                }
            }
        }
        out
    }

    fn phases(&mut self, node: &Node<'_>) -> Vec<Spanned<Phase>> {
        let nodes = node.one_or_many();
        nodes.into_iter().filter_map(|n| self.word(n, "a `phase` tag", Phase::parse, Phase::choices)).collect()
    }
}

/// Where a mapping's first line is: its first key, else the mapping itself.
fn map_start(node: &Node<'_>, entries: &[Entry<'_>]) -> Span {
    entries.first().map_or(node.span, |e| e.key.span)
}

fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10)
}

/// `key`, as the one copy of it in `keys`.
fn shared(keys: &mut std::collections::HashMap<Box<str>, Arc<String>>, key: &str) -> Arc<String> {
    if let Some(kept) = keys.get(key) {
        return kept.clone();
    }
    let kept = Arc::new(key.to_string());
    keys.insert(key.into(), kept.clone());
    kept
}

fn owned(text: Spanned<&str>) -> Spanned<String> {
    Spanned::new(text.value.to_string(), text.span)
}
