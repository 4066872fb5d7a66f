//! `arithmetic`: the sum of a line's additive children in one figure column, with the
//! tolerance its rounding allows. The `sum` check and the audit report both ask this module,
//! so that what the report shows is what the check judged.
//!
//! The additive children of a line are its `items` that are neither relisted (`relisted_from`)
//! nor inclusive (`included_in`, or written `…の内数`). Their figures are added in exact
//! decimals, units converted, each keeping its own precision. Under `rounding: half-up` every
//! figure may be off by half its last written digit, so the tolerance is half the line's
//! precision plus half of each part's; under `rounding: exact` it is zero.

use rust_decimal::Decimal;

use crate::amount::Amount;
use crate::checks::figures::{self, slack, Spread};
use crate::model::{Breakdown, Dataset, Item, ItemIdx, Rounding, Spanned};

/// A figure column of a line: tables print each as a column, and each adds up on its own.
/// Beside the three of the format, an `x-` field whose values are amounts is one too.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Amount,
    Previous,
    Supplementary,
    Extension(std::sync::Arc<str>),
}

impl serde::Serialize for Column {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.field())
    }
}

impl Column {
    /// The columns of the format, in the order tables print them.
    pub const ALL: [Column; 3] = [Column::Amount, Column::Previous, Column::Supplementary];

    /// The column a rule's `of:` names: `amount`, `previous`, `supplementary` or an `x-` field.
    pub fn parse(name: &str) -> Option<Column> {
        match name {
            "amount" => Some(Column::Amount),
            "previous" => Some(Column::Previous),
            "supplementary" => Some(Column::Supplementary),
            _ if crate::model::fields::is_extension_key(name) => Some(Column::Extension(name.into())),
            _ => None,
        }
    }

    /// The field that holds the column.
    pub fn field(&self) -> &str {
        match self {
            Column::Amount => "amount",
            Column::Previous => "previous",
            Column::Supplementary => "supplementary",
            Column::Extension(key) => key,
        }
    }

    /// The column's heading in the documents.
    pub fn japanese(&self) -> &str {
        match self {
            Column::Amount => "予算額",
            Column::Previous => "前年度",
            Column::Supplementary => "補正",
            Column::Extension(key) => key,
        }
    }

    /// The line's figure in this column.
    pub fn of<'a>(&self, item: &'a Item) -> Option<&'a Spanned<Amount>> {
        match self {
            Column::Amount => item.amount.as_ref(),
            Column::Previous => item.previous().as_ref(),
            Column::Supplementary => item.supplementary().as_ref(),
            Column::Extension(key) => match item.extension(key)? {
                crate::model::ExtensionValue::Amount(amount) => Some(amount),
                _ => None,
            },
        }
    }

    /// How a message names the column: nothing for `amount`, `in the previous column, ` else.
    pub fn in_words(&self) -> String {
        match self {
            Column::Amount => String::new(),
            other => format!("in the `{}` column, ", other.field()),
        }
    }
}

/// The sum of one line in one column.
#[derive(Clone, Debug)]
pub struct LineSum<'a> {
    /// The line's own figure.
    pub declared: &'a Spanned<Amount>,
    /// The additive children that have a figure in the column, in file order.
    pub parts: Vec<(&'a Item, &'a Spanned<Amount>)>,
    /// The additive children without a figure in the column.
    pub missing: Vec<&'a Item>,
    /// The children that are shown but not counted: relisted or inclusive.
    pub not_counted: Vec<&'a Item>,
    pub partial: bool,
    pub verdict: Verdict,
}

/// What a line's sum comes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Exactly equal; for a partial breakdown, the parts do not exceed the line.
    AddsUp(Figures),
    /// Apart, but within the rounding tolerance.
    WithinRounding(Figures),
    /// Apart beyond the tolerance (partial: the parts exceed the line beyond it).
    Mismatch(Figures),
    /// A complete breakdown with additive children that have no figure in the column.
    Incomplete,
    /// The parts are not all in the line's currency; the index is the first odd part's.
    Currency(usize),
    /// The sum, or its difference from the line, does not fit a decimal.
    Overflow,
    /// Every child is relisted or inclusive: nothing is added.
    NothingAdded,
}

/// The figures of a sum, in base units (yen, dollars); its rounding tolerance is
/// [`LineSum::tolerance`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figures {
    pub sum: Decimal,
    /// `sum - declared`.
    pub difference: Decimal,
}

impl Verdict {
    pub fn figures(&self) -> Option<&Figures> {
        match self {
            Verdict::AddsUp(f) | Verdict::WithinRounding(f) | Verdict::Mismatch(f) => Some(f),
            _ => None,
        }
    }
}

impl LineSum<'_> {
    /// How far the parts may lie from the line by rounding alone: half the precision of the
    /// line and of each part (the whole precision, truncated). Worked out when asked, for the
    /// messages and the report: the verdict needs only the spreads, and most lines add up.
    pub fn tolerance(&self, rounding: Rounding) -> Decimal {
        let line = slack(&self.declared.value, rounding);
        self.parts.iter().fold(line, |t, (_, a)| t.saturating_add(slack(&a.value, rounding)))
    }
}

/// The sum of line `index` in `column`: `None` for a line without children, without a figure in
/// the column, whose figure is itself inclusive (`…の内数` is no total), or (beside `amount`)
/// none of whose parts has a figure in the column.
pub fn line_sum<'a>(dataset: &'a Dataset, index: ItemIdx, column: &Column) -> Option<LineSum<'a>> {
    let item = &dataset.items[index];
    if !item.has_children() {
        return None;
    }
    let declared = column.of(item).filter(|a| !a.value.inclusive())?;
    let mut sum = LineSum {
        declared,
        parts: Vec::with_capacity(item.child_count()),
        missing: Vec::new(),
        not_counted: Vec::new(),
        partial: item.breakdown == Breakdown::Partial,
        verdict: Verdict::NothingAdded,
    };
    for (_, child) in dataset.children(index) {
        if child.is_relisted() || child.is_inclusive() {
            sum.not_counted.push(child);
            continue;
        }
        match column.of(child) {
            Some(figure) => sum.parts.push((child, figure)),
            None => sum.missing.push(child),
        }
    }
    // Beside the amount, a column is summed only where a part shows a figure in it: a table
    // without a 前年度 column for the breakdown is not an incomplete one.
    if *column != Column::Amount && sum.parts.is_empty() {
        return None;
    }
    sum.verdict = verdict(&sum, dataset);
    Some(sum)
}

fn verdict(sum: &LineSum<'_>, dataset: &Dataset) -> Verdict {
    let declared = &sum.declared.value;
    if !sum.partial && !sum.missing.is_empty() {
        return Verdict::Incomplete;
    }
    if sum.parts.is_empty() {
        return Verdict::NothingAdded;
    }
    if let Some(odd) = sum.parts.iter().position(|(_, a)| a.value.currency() != declared.currency()) {
        return Verdict::Currency(odd);
    }
    // Figures near 10²⁸ yen can add up past what a decimal holds: no line of a real budget
    // does, so the parts cannot agree with the line, and that is a mismatch, not a pass.
    let exact = sum.parts.iter().try_fold(Decimal::ZERO, |total, (_, a)| total.checked_add(a.value.base()));
    let Some((total, difference)) = exact.and_then(|t| Some((t, t.checked_sub(declared.base())?))) else {
        return Verdict::Overflow;
    };
    let rounding = dataset.rounding;
    let figures = Figures { sum: total, difference };
    if difference.is_zero() || (sum.partial && difference.is_sign_negative()) {
        return Verdict::AddsUp(figures);
    }
    // The parts' total may lie anywhere in the sum of their spreads, the line in its own: the
    // difference is within rounding where the two overlap (half up: ±tolerance; truncated:
    // [sum, sum + Σp) against [v, v + p)). Most lines add up exactly and never get here.
    let parts = sum.parts.iter().fold(Spread::NONE, |s, (_, a)| s.plus(Spread::of(&a.value, rounding)));
    match figures::overlap(difference, parts, Spread::of(declared, rounding)) {
        true => Verdict::WithinRounding(figures),
        false => Verdict::Mismatch(figures),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, Limits};
    use crate::model::build;

    fn dataset(yaml: &str) -> Dataset {
        let document = load(yaml, &Limits::default()).unwrap();
        build(0, document.root.as_ref()).0
    }

    const HEAD: &str = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 2024}\nitems:\n";

    #[test]
    fn the_glossary_sum_is_within_rounding_with_tolerance_0_65() {
        let d = dataset(&format!(
            "{HEAD}  - id: a\n    name: A\n    amount: 238\n    items:\n      - {{id: b, name: B, amount: 96.7}}\n      - {{id: c, name: C, amount: 35.4}}\n      - {{id: e, name: E, amount: 106.2}}\n"
        ));
        let sum = line_sum(&d, 0, &Column::Amount).unwrap();
        let Verdict::WithinRounding(figures) = sum.verdict else { panic!("{:?}", sum.verdict) };
        assert_eq!(figures.sum, Decimal::new(2383, 1) * Decimal::from(100_000_000));
        assert_eq!(sum.tolerance(d.rounding), Decimal::new(65, 2) * Decimal::from(100_000_000));
    }

    #[test]
    fn each_column_adds_up_on_its_own_and_relisted_lines_are_shown_not_counted() {
        let d = dataset(&format!(
            "{HEAD}  - id: a\n    name: A\n    amount: 10\n    previous: 9\n    items:\n      - {{id: b, name: B, amount: 4, previous: 4}}\n      - {{id: c, name: C, amount: 6}}\n      - {{id: r, name: R, amount: 4, relisted_from: b}}\n"
        ));
        let amount = line_sum(&d, 0, &Column::Amount).unwrap();
        assert!(matches!(amount.verdict, Verdict::AddsUp(_)));
        assert_eq!(amount.not_counted.len(), 1);
        let previous = line_sum(&d, 0, &Column::Previous).unwrap();
        assert_eq!(previous.verdict, Verdict::Incomplete);
        assert!(line_sum(&d, 0, &Column::Supplementary).is_none());
        assert!(line_sum(&d, 1, &Column::Amount).is_none());
    }
}
