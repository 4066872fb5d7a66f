//! Check kind `same-as`: lines joined by `same_as` agree.
//!
//! `same_as` says two datasets hold the same line for the same fiscal year and budget kind.
//! Reported: amounts that differ beyond rounding (each figure with its own precision and its
//! dataset's `rounding`), and a join between different fiscal years or budget kinds. The
//! finding points at the amount of the line that has `same_as`. No parameters.

use super::figures::{self, Comparison};
use super::Context;
use crate::arithmetic::Column;
use crate::findings::Defect;
use crate::index::ItemRef;
use crate::model::{Dataset, Item, Reference, Spanned};
use crate::rules::select::Selection;

pub fn run(of: &[Column], select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    for (subject, d, item) in context.items_where(select, |item| item.same_as().is_some()) {
        let Some(reference) = item.same_as() else { continue };
        let Some(target) = context.resolve(d, &reference.value) else { continue };
        if let Some(defect) = periods(context, d, item, reference, target) {
            report(context.attach(defect, subject));
            continue;
        }
        for column in of {
            if let Some(defect) = figures_apart(context, d, item, target, column) {
                report(context.attach(defect.in_column(column), subject));
            }
        }
    }
}

/// A join between different fiscal years or budget kinds.
fn periods(
    context: &Context<'_>,
    d: usize,
    item: &Item,
    reference: &Spanned<Reference>,
    target: ItemRef,
) -> Option<Defect> {
    let (dataset, other_dataset) = (&context.datasets[d], context.dataset(target));
    let year = |d: &Dataset| d.fiscal_year.as_ref().map(|y| y.value);
    let years_differ = matches!((year(dataset), year(other_dataset)), (Some(a), Some(b)) if a != b);
    if years_differ || dataset.budget != other_dataset.budget {
        let period = |d: &Dataset| match year(d) {
            Some(y) => format!("FY{y} ({})", d.budget.name()),
            None => format!("an unknown year ({})", d.budget.name()),
        };
        let message = format!(
            "{} is joined by `same_as` to {}, but the datasets are for {} and {}",
            dataset.display_name(item),
            reference.value,
            period(dataset),
            period(other_dataset)
        );
        let defect = Defect::new(dataset.file, reference.span, message)
            .label("joins different years or budgets")
            .help("`same_as` joins one line of one fiscal year and budget kind; compare other years with `previous`");
        return Some(defect);
    }
    None
}

/// The figures of one column of the two lines, where they differ beyond rounding.
fn figures_apart(context: &Context<'_>, d: usize, item: &Item, target: ItemRef, column: &Column) -> Option<Defect> {
    let (dataset, other_dataset, other) = (&context.datasets[d], context.dataset(target), context.item(target));
    let (amount, other_amount) = (column.of(item)?, column.of(other)?);
    let disagreement =
        Comparison::disagreement(&amount.value, dataset.rounding, &other_amount.value, other_dataset.rounding)?;
    let unit = other_amount.value.unit;
    let message = format!(
        "{}{} says {} here but {} in {}: {}",
        column.in_words(),
        dataset.display_name(item),
        amount.value,
        other_amount.value,
        other_dataset.id().unwrap_or("the other dataset"),
        disagreement.describe(unit)
    );
    let defect = Defect::new(dataset.file, amount.span, message)
        .label(format!("this dataset says {}", amount.value))
        .with_label(
            other_dataset.file,
            other_amount.span,
            format!("{} says {}", other_dataset.id().unwrap_or("the other dataset"), other_amount.value),
        )
        .help("check both figures against their documents; if they are different lines, remove `same_as`");
    Some(figures::capped_if_approximate(defect, [&amount.value, &other_amount.value]))
}
