//! The fields of datasets, items and links by name, for the rule language: a rule selects
//! nodes by their fields (`ministry`, `depth`, `amount > 100億円`) and checks them.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::{extension_in, Dataset, ExtensionValue, ItemIdx, Spanned, Text};
use crate::amount::Amount;
use crate::findings::FileId;
use crate::span::Span;

super::vocab::vocabulary!(
    /// What a rule looks at.
    Target { Items => ["items"], Datasets => ["datasets"], Links => ["links"] }
);

/// One node a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    Item(usize, ItemIdx),
    Dataset(usize),
    Link(usize, usize),
}

/// A field of a node, by name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Amount,
    Previous,
    Supplementary,
    Breakdown,
    RelistedFrom,
    IncludedIn,
    SameAs,
    Ministry,
    Phase,
    Note,
    Page,
    Depth,
    Children,
    Title,
    FiscalYear,
    Budget,
    Unit,
    Rounding,
    Document,
    Items,
    From,
    To,
    Kind,
    /// An `x-` field of an item or link, by its key.
    Extension(std::sync::Arc<str>),
}

const FIELDS: &[(&str, Target, Field)] = &[
    ("id", Target::Items, Field::Id),
    ("name", Target::Items, Field::Name),
    ("amount", Target::Items, Field::Amount),
    ("previous", Target::Items, Field::Previous),
    ("supplementary", Target::Items, Field::Supplementary),
    ("breakdown", Target::Items, Field::Breakdown),
    ("relisted_from", Target::Items, Field::RelistedFrom),
    ("included_in", Target::Items, Field::IncludedIn),
    ("same_as", Target::Items, Field::SameAs),
    ("ministry", Target::Items, Field::Ministry),
    ("phase", Target::Items, Field::Phase),
    ("note", Target::Items, Field::Note),
    ("page", Target::Items, Field::Page),
    ("depth", Target::Items, Field::Depth),
    ("children", Target::Items, Field::Children),
    ("id", Target::Datasets, Field::Id),
    ("title", Target::Datasets, Field::Title),
    ("fiscal_year", Target::Datasets, Field::FiscalYear),
    ("budget", Target::Datasets, Field::Budget),
    ("unit", Target::Datasets, Field::Unit),
    ("rounding", Target::Datasets, Field::Rounding),
    ("document", Target::Datasets, Field::Document),
    ("items", Target::Datasets, Field::Items),
    ("from", Target::Links, Field::From),
    ("to", Target::Links, Field::To),
    ("kind", Target::Links, Field::Kind),
    ("note", Target::Links, Field::Note),
];

impl Field {
    /// The field called `name` on nodes of `target`.
    pub fn parse(target: Target, name: &str) -> Option<Field> {
        if is_extension_key(name) {
            return Some(Field::Extension(name.into()));
        }
        FIELDS.iter().find(|(n, t, _)| *n == name && *t == target).map(|(_, _, f)| f.clone())
    }

    /// The field names of `target`, for messages.
    pub fn names(target: Target) -> Vec<&'static str> {
        FIELDS.iter().filter(|(_, t, _)| *t == target).map(|&(n, _, _)| n).collect()
    }

    pub fn name(&self) -> &str {
        match self {
            Field::Extension(key) => key,
            _ => FIELDS.iter().find(|(_, _, f)| f == self).map_or("", |&(n, _, _)| n),
        }
    }

    /// Whether values of this field are figures (amounts, or `x-` values that may be).
    pub fn is_figure(&self) -> bool {
        matches!(self, Field::Amount | Field::Previous | Field::Supplementary | Field::Extension(_))
    }
}

/// `x-` followed by at least one of `[a-z0-9_-]`: an extension key a rule may name.
pub fn is_extension_key(name: &str) -> bool {
    name.strip_prefix("x-").is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    })
}

/// A field's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Amount(Cow<'a, Amount>),
    Text(Cow<'a, str>),
    /// Each element with its own span.
    List(Vec<(&'a str, Span)>),
    Number(Decimal),
}

impl std::fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Amount(a) => write!(f, "{a}"),
            Value::Text(t) => f.write_str(t),
            Value::List(items) => f.write_str(&items.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(", ")),
            Value::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A field's value and where it is written (the node's first line for derived fields).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldValue<'a> {
    pub value: Value<'a>,
    pub span: Span,
}

fn at<'a>(value: Value<'a>, span: Span) -> Option<FieldValue<'a>> {
    Some(FieldValue { value, span })
}

fn reference(spanned: &Option<super::Spanned<super::Reference>>) -> Option<FieldValue<'static>> {
    spanned.as_ref().and_then(|r| at(Value::Text(Cow::Owned(r.value.to_string())), r.span))
}

fn amount(spanned: &Option<super::Spanned<Amount>>) -> Option<FieldValue<'_>> {
    spanned.as_ref().and_then(|a| at(Value::Amount(Cow::Borrowed(&a.value)), a.span))
}

fn text<'a, T: std::ops::Deref<Target = str>>(spanned: &'a Option<super::Spanned<T>>) -> Option<FieldValue<'a>> {
    spanned.as_ref().and_then(|s| at(Value::Text(Cow::Borrowed(&s.value)), s.span))
}

/// The value of `field` on `subject`, if it has one.
pub fn get<'a>(datasets: &'a [Dataset], subject: Subject, field: &Field) -> Option<FieldValue<'a>> {
    match subject {
        Subject::Item(d, i) => item_field(&datasets[d], i, field),
        Subject::Dataset(d) => dataset_field(&datasets[d], field),
        Subject::Link(d, l) => link_field(&datasets[d], l, field),
    }
}

fn item_field<'a>(dataset: &'a Dataset, index: ItemIdx, field: &Field) -> Option<FieldValue<'a>> {
    let item = &dataset.items[index];
    match field {
        Field::Id => kept(dataset, &item.id),
        Field::Name => kept(dataset, &item.name),
        Field::Amount => amount(&item.amount),
        Field::Previous => amount(item.previous()),
        Field::Supplementary => amount(item.supplementary()),
        Field::Breakdown => at(Value::Text(Cow::Borrowed(item.breakdown.name())), item.span),
        Field::RelistedFrom => reference(item.relisted_from()),
        Field::IncludedIn => reference(item.included_in()),
        Field::SameAs => reference(item.same_as()),
        Field::Ministry => list(item.ministries().iter().map(|m| (&*m.value, m.span))),
        Field::Phase => list(item.phases().iter().map(|p| (p.value.name(), p.span))),
        Field::Note => text(item.note()),
        Field::Page => text(item.page()),
        Field::Depth => at(Value::Number(item.depth.into()), item.span),
        Field::Children => at(Value::Number(item.child_count().into()), item.span),
        Field::Extension(key) => item.extension(key).and_then(|value| extension(dataset, value)),
        _ => None,
    }
}

/// An `x-` field's value, a field of `dataset`.
fn extension<'a>(dataset: &'a Dataset, value: &'a ExtensionValue) -> Option<FieldValue<'a>> {
    match value {
        ExtensionValue::Amount(a) => at(Value::Amount(Cow::Borrowed(&a.value)), a.span),
        ExtensionValue::Text(t) => at(Value::Text(Cow::Borrowed(dataset.text(t.value))), t.span),
        ExtensionValue::Other(span) => at(Value::Text(Cow::Borrowed("")), *span),
    }
}

/// An item's id or name, read where the dataset keeps it.
fn kept<'a>(dataset: &'a Dataset, text: &Option<Spanned<Text>>) -> Option<FieldValue<'a>> {
    text.as_ref().and_then(|t| at(Value::Text(Cow::Borrowed(dataset.text(t.value))), t.span))
}

fn list<'a>(values: impl Iterator<Item = (&'a str, Span)>) -> Option<FieldValue<'a>> {
    let items: Vec<(&str, Span)> = values.collect();
    let (first, last) = (items.first()?.1, items.last()?.1);
    at(Value::List(items), Span::new(first.start(), last.end()))
}

fn dataset_field<'a>(dataset: &'a Dataset, field: &Field) -> Option<FieldValue<'a>> {
    let word =
        |name: &'static str, span: Option<Span>| at(Value::Text(Cow::Borrowed(name)), span.unwrap_or(dataset.span));
    match field {
        Field::Id => text(&dataset.id),
        Field::Title => text(&dataset.title),
        Field::FiscalYear => dataset.fiscal_year.as_ref().and_then(|y| at(Value::Number(y.value.into()), y.span)),
        Field::Budget => word(dataset.budget.name(), dataset.spans.budget),
        Field::Unit => word(dataset.unit.symbol(), dataset.spans.unit),
        Field::Rounding => word(dataset.rounding.name(), dataset.spans.rounding),
        Field::Document => text(&dataset.source.document),
        Field::Items => at(Value::Number(dataset.items.len().into()), dataset.span),
        Field::Extension(key) => extension_in(&dataset.extensions, key).and_then(|value| extension(dataset, value)),
        _ => None,
    }
}

fn link_field<'a>(dataset: &'a Dataset, index: usize, field: &Field) -> Option<FieldValue<'a>> {
    let link = &dataset.links[index];
    match field {
        Field::From => reference(&link.from),
        Field::To => reference(&link.to),
        Field::Kind => link.kind.as_ref().and_then(|k| at(Value::Text(Cow::Borrowed(k.value.name())), k.span)),
        Field::Note => text(&link.note),
        Field::Extension(key) => extension_in(&link.extensions, key).and_then(|value| extension(dataset, value)),
        _ => None,
    }
}

/// Where a finding about `subject` points: its first line.
pub fn locate(datasets: &[Dataset], subject: Subject) -> (FileId, Span) {
    match subject {
        Subject::Item(d, i) => (datasets[d].file, datasets[d].items[i].span),
        Subject::Dataset(d) => (datasets[d].file, datasets[d].span),
        Subject::Link(d, l) => (datasets[d].file, datasets[d].links[l].span),
    }
}

/// The dataset and item ids of `subject`, for the JSON output.
pub fn ids(datasets: &[Dataset], subject: Subject) -> (Option<&str>, Option<&str>) {
    match subject {
        Subject::Item(d, i) => (datasets[d].id(), datasets[d].id_of(&datasets[d].items[i])),
        Subject::Dataset(d) | Subject::Link(d, _) => (datasets[d].id(), None),
    }
}

/// Every subject of `target` in the run, in file order.
pub fn subjects(datasets: &[Dataset], target: Target) -> impl Iterator<Item = Subject> + '_ {
    (0..datasets.len()).flat_map(move |d| subjects_of(datasets, d, target))
}

/// Every subject of `target` in dataset `d` of the run, in file order.
pub fn subjects_of(datasets: &[Dataset], d: usize, target: Target) -> impl Iterator<Item = Subject> {
    let count = match target {
        Target::Items => datasets[d].items.len(),
        Target::Datasets => 1,
        Target::Links => datasets[d].links.len(),
    };
    (0..count).map(move |i| match target {
        Target::Items => Subject::Item(d, i),
        Target::Datasets => Subject::Dataset(d),
        Target::Links => Subject::Link(d, i),
    })
}
