//! Check kind `sum`: the additive children of a line add up to its amount.
//!
//! The additive children of a line are its `items` that have an amount and are neither
//! relisted (`relisted_from`) nor inclusive (`included_in`, or written `…の内数`). Their sum
//! is compared with the line's amount in exact decimals, units converted, each figure keeping
//! its own precision ([`crate::arithmetic`] computes it, for this check and the audit report). Under `rounding: half-up` every figure may be off by half its last
//! written digit, so the tolerance is half the parent's precision plus half of each child's;
//! under `rounding: exact` it is zero. A `breakdown: partial` line only must not be exceeded.
//!
//! One computation, four outcomes; a rule picks one with the parameter `report`:
//!
//! - `mismatch`: the difference is beyond the tolerance (for `partial`: the parts exceed it);
//! - `rounding`: the figures differ, but within the tolerance;
//! - `incomplete`: a `complete` breakdown has additive children without an amount;
//! - `currency`: the line and its parts are not all in one currency.
//!
//! A sum that involves an approximate (`約`) figure is reported at `warning` at most.
//!
//! `of` names the figure columns to add up (default `amount`): `previous`, `supplementary`, or
//! an `x-` field whose values are amounts. Beside `amount`, a column is checked only where the
//! line and at least one of its parts have a figure in it; the finding names the column.
//!
//! ```yaml
//! check:
//!   kind: sum
//!   report: mismatch
//!   of: [amount, previous, supplementary]
//! ```

use rust_decimal::Decimal;

use super::figures;
use super::Context;
use crate::amount::{Amount, Unit};
use crate::arithmetic::{self, Column, LineSum, Verdict};
use crate::findings::Defect;
use crate::model::fields::Subject;
use crate::model::{Dataset, Item, ItemIdx, Rounding, Spanned};
use crate::rules::select::Selection;

crate::model::vocab::vocabulary!(
    /// Which outcome of the sum a rule reports.
    Report { Mismatch => ["mismatch"], Rounding => ["rounding"], Incomplete => ["incomplete"], Currency => ["currency"] }
);

pub type Params = super::ColumnReportParams<Report>;

/// Most children labelled one by one (the largest); the line's label counts the rest.
const MAX_LABELS: usize = 6;
/// Most terms written out in a message.
const MAX_TERMS: usize = 8;

/// Placeholders for message templates, beside the line's fields.
pub const VARS: &[&str] = &["sum", "terms", "difference", "tolerance", "column"];

/// One pass for all four reports; each line's outcome goes out with the report it belongs to.
pub fn run(of: &[Column], select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Report, Defect)) {
    for (subject, d, _) in context.items_where(select, Item::has_children) {
        let Subject::Item(_, index) = subject else { continue };
        let dataset = &context.datasets[d];
        for column in of {
            let Some(sum) = arithmetic::line_sum(dataset, index, column) else { continue };
            if let Some((outcome, defect)) = judge(dataset, index, column, &sum) {
                report(outcome, context.attach(defect.in_column(column), subject));
            }
        }
    }
}

/// The finding of one line's sum, if it has one to report.
fn judge(dataset: &Dataset, index: ItemIdx, column: &Column, line: &LineSum<'_>) -> Option<(Report, Defect)> {
    let amount = line.declared;
    let parts = &line.parts;
    let (outcome, figures) = match line.verdict {
        Verdict::AddsUp(_) | Verdict::NothingAdded => return None,
        Verdict::Incomplete => {
            return Some((Report::Incomplete, incomplete(dataset, index, column, amount, &line.missing)));
        }
        Verdict::Currency(odd) => {
            return Some((Report::Currency, currency(dataset, index, column, amount, parts, parts[odd].0)));
        }
        Verdict::Overflow => return Some((Report::Mismatch, overflow(dataset, index, column, amount, parts))),
        Verdict::WithinRounding(figures) => (Report::Rounding, figures),
        Verdict::Mismatch(figures) => (Report::Mismatch, figures),
    };
    let figures = Sum {
        name: dataset.qualified_name(index),
        column,
        amount,
        parts,
        sum: figures.sum,
        difference: figures.difference,
        tolerance: line.tolerance(dataset.rounding),
        rounding: dataset.rounding,
        partial: line.partial,
    };
    let defect = match outcome {
        Report::Rounding => figures.rounding(dataset),
        _ => figures.mismatch(dataset),
    };
    let figures_involved = std::iter::once(&amount.value).chain(parts.iter().map(|(_, a)| &a.value));
    Some((outcome, figures::capped_if_approximate(defect, figures_involved)))
}

/// The figures of one sum, for the messages.
struct Sum<'a> {
    /// The line's name with its parent's.
    name: String,
    column: &'a Column,
    amount: &'a Spanned<Amount>,
    parts: &'a [(&'a Item, &'a Spanned<Amount>)],
    sum: Decimal,
    difference: Decimal,
    tolerance: Decimal,
    rounding: Rounding,
    partial: bool,
}

impl Sum<'_> {
    fn unit(&self) -> Unit {
        self.amount.value.unit
    }

    /// `96.7 + 35.4 + 106.2`, or the first terms and a count for long lists.
    /// `96.7 + 35.4 − 860`: a negative part (▲) is subtracted, never `+ -860`.
    fn terms(&self) -> String {
        let mut text = String::new();
        for (i, (_, part)) in self.parts.iter().take(MAX_TERMS).enumerate() {
            let value = part.value.base();
            let (negative, size) =
                (value.is_sign_negative() && !value.is_zero(), figures::term(value.abs(), self.unit()));
            match (i, negative) {
                (0, true) => text.push('−'),
                (0, false) => {}
                (_, true) => text.push_str(" − "),
                (_, false) => text.push_str(" + "),
            }
            text.push_str(&size);
        }
        if self.parts.len() > MAX_TERMS {
            text.push_str(&format!(" + … ({} parts)", self.parts.len()));
        }
        text
    }

    fn tolerance_text(&self) -> String {
        match self.rounding {
            Rounding::Exact => "the zero tolerance of exact figures (`rounding: exact`)".to_string(),
            Rounding::HalfUp => format!("the rounding tolerance ±{}", figures::show(self.tolerance, self.unit())),
            Rounding::Truncate => {
                "what truncating each figure to its last digit allows (`rounding: truncate`)".to_string()
            }
        }
    }

    fn head(&self) -> String {
        let (column, sum) = (self.column.in_words(), figures::show(self.sum, self.unit()));
        format!("{column}the parts of {} add up to {sum} ({})", self.name, self.terms())
    }

    fn rounding(&self, dataset: &Dataset) -> Defect {
        let message = format!(
            "{} but the line says {}; the difference {} is within {}",
            self.head(),
            self.amount.value,
            figures::show(self.difference.abs(), self.unit()),
            self.tolerance_text()
        );
        self.labelled(dataset, message)
            .help("nothing to fix when these are the document's figures: each was rounded to its last written digit")
    }

    fn mismatch(&self, dataset: &Dataset) -> Defect {
        let direction = if self.difference.is_sign_positive() { "more" } else { "less" };
        let message = if self.partial {
            format!(
                "{}, more than the line's {} although the breakdown is partial: {} over, beyond {}",
                self.head(),
                self.amount.value,
                figures::show(self.difference, self.unit()),
                self.tolerance_text()
            )
        } else {
            format!(
                "{} but the line says {}: {} {direction}, beyond {}",
                self.head(),
                self.amount.value,
                figures::show(self.difference.abs(), self.unit()),
                self.tolerance_text()
            )
        };
        let help = if self.partial {
            "check the figures against the document: parts of a partial breakdown cannot exceed their line"
        } else {
            "check each figure against the document; if it shows only part of the breakdown, write `breakdown: partial`; \
             a line that repeats another (再掲) needs `relisted_from` so that it is not added"
        };
        self.labelled(dataset, message).help(help)
    }

    /// The finding on the line's amount, with labels on the largest parts.
    fn labelled(&self, dataset: &Dataset, message: String) -> Defect {
        let unit = self.unit();
        let mut largest: Vec<&(&Item, &Spanned<Amount>)> = self.parts.iter().collect();
        largest.sort_by_key(|(_, a)| std::cmp::Reverse(a.value.base().abs()));
        let line = match largest.len().saturating_sub(MAX_LABELS) {
            0 => format!("the line says {}", self.amount.value),
            rest => format!("the line says {}; the {rest} smallest parts are not marked", self.amount.value),
        };
        let mut defect = Defect::new(dataset.file, self.amount.span, message)
            .label(line)
            .var("sum", figures::show(self.sum, unit))
            .var("terms", self.terms())
            .var("difference", figures::show(self.difference.abs(), unit))
            .var("tolerance", figures::show(self.tolerance, unit));
        for (child, amount) in largest.into_iter().take(MAX_LABELS) {
            defect = defect.with_label(
                dataset.file,
                amount.span,
                format!("{}: {}", dataset.display_name(child), amount.value),
            );
        }
        defect
    }
}

/// The finding for parts whose sum, or its difference from the line, is beyond a decimal.
fn overflow(
    dataset: &Dataset,
    index: ItemIdx,
    column: &Column,
    amount: &Spanned<Amount>,
    parts: &[(&Item, &Spanned<Amount>)],
) -> Defect {
    let limit = figures::show(Decimal::MAX, amount.value.currency().base_unit());
    let message = format!(
        "{}the parts of {} and the line ({}) are more than {limit} apart: they cannot add up",
        column.in_words(),
        dataset.qualified_name(index),
        amount.value
    );
    let mut defect = Defect::new(dataset.file, amount.span, message).label(format!("the line says {}", amount.value));
    for (child, a) in parts.iter().take(MAX_LABELS) {
        defect = defect.with_label(dataset.file, a.span, format!("{}: {}", dataset.display_name(child), a.value));
    }
    defect.help("check each figure against the document: these are far beyond any budget")
}

fn incomplete(
    dataset: &Dataset,
    index: ItemIdx,
    column: &Column,
    amount: &Spanned<Amount>,
    unknown: &[&Item],
) -> Defect {
    let names: Vec<&str> = unknown.iter().take(MAX_TERMS).map(|c| dataset.display_name(c)).collect();
    let message = format!(
        "{}the breakdown of {} ({}) cannot be checked: {} of its parts {} no `{}` ({})",
        column.in_words(),
        dataset.qualified_name(index),
        amount.value,
        unknown.len(),
        if unknown.len() == 1 { "has" } else { "have" },
        column.field(),
        names.join(", ")
    );
    let mut defect = Defect::new(dataset.file, amount.span, message).label("this total cannot be checked");
    for child in unknown.iter().take(MAX_LABELS) {
        let span = child.name.as_ref().map_or(child.span, |n| n.span);
        defect = defect.with_label(dataset.file, span, format!("no `{}`", column.field()));
    }
    defect.help(
        "give each part its amount; if the document shows only part of the breakdown, write `breakdown: partial`; \
         a part inside another figure (内数) needs `included_in` or an amount written `…の内数`",
    )
}

fn currency(
    dataset: &Dataset,
    index: ItemIdx,
    column: &Column,
    amount: &Spanned<Amount>,
    parts: &[(&Item, &Spanned<Amount>)],
    odd: &Item,
) -> Defect {
    let message = format!(
        "{}the parts of {} are not all in {} like the line itself: {} is in {}",
        column.in_words(),
        dataset.qualified_name(index),
        amount.value.currency().name(),
        dataset.display_name(odd),
        column.of(odd).map_or("another currency", |a| a.value.currency().name())
    );
    let mut defect =
        Defect::new(dataset.file, amount.span, message).label(format!("in {}", amount.value.currency().name()));
    for (child, a) in parts.iter().filter(|(_, a)| a.value.currency() != amount.value.currency()).take(MAX_LABELS) {
        defect = defect.with_label(
            dataset.file,
            a.span,
            format!("{}: in {}", dataset.display_name(child), a.value.currency().name()),
        );
    }
    defect
        .help("a sum cannot mix currencies: convert the figure as the document does, or move it out of this breakdown")
}
