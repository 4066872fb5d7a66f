//! Check kind `inclusive`: inclusive figures (内数) stay inside the line that contains them.
//!
//! An inclusive line is not added into a sum; its container is the line named by
//! `included_in`, or else, for an amount written `X億円の内数`, its parent. Reported:
//!
//! - an amount larger than its container's, beyond rounding;
//! - `X億円の内数` where X is not the container's amount (beyond rounding).
//!
//! A line whose container has no amount cannot be checked and is passed over. No parameters.

use super::figures::{self, Comparison};
use super::Context;
use rust_decimal::Decimal;

use crate::amount::Amount;
use crate::arithmetic::Column;
use crate::findings::Defect;
use crate::index::ItemRef;
use crate::model::{Item, Spanned};
use crate::rules::select::Selection;

pub fn run(of: &[Column], select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    let contained = |item: &Item| {
        item.included_in().is_some() || of.iter().any(|column| column.of(item).is_some_and(|a| a.value.inclusive()))
    };
    for (subject, d, item) in context.items_where(select, contained) {
        for column in of {
            let Some(amount) = column.of(item) else { continue };
            let container = match &item.included_in() {
                Some(reference) => context.resolve(d, &reference.value),
                None if amount.value.inclusive() => item.parent().map(|p| (d, p)),
                None => None,
            };
            let Some(defect) = container.and_then(|c| check(context, d, item, column, amount, c)) else {
                continue;
            };
            report(context.attach(defect.in_column(column), subject));
        }
    }
}

fn check(
    context: &Context<'_>,
    d: usize,
    item: &Item,
    column: &Column,
    amount: &Spanned<Amount>,
    container: ItemRef,
) -> Option<Defect> {
    let outer = context.item(container);
    let outer_amount = column.of(outer)?;
    let (dataset, outer_dataset) = (&context.datasets[d], context.dataset(container));
    if amount.value.currency() != outer_amount.value.currency() {
        return None;
    }
    let comparison = Comparison::of(&amount.value, dataset.rounding, &outer_amount.value, outer_dataset.rounding);
    let unit = outer_amount.value.unit;
    let message = if amount.value.inclusive() {
        if !comparison.beyond_tolerance() {
            return None;
        }
        format!(
            "{}{} is written as part of {}, but the line that contains it, {}, says {}",
            column.in_words(),
            dataset.display_name(item),
            figures::show(amount.value.base(), amount.value.unit),
            outer_dataset.display_name(outer),
            outer_amount.value
        )
    } else {
        // A part may not exceed its container beyond what rounding allows.
        if comparison.difference <= Decimal::ZERO || comparison.within {
            return None;
        }
        format!(
            "{}{} ({}) is part of {} but exceeds it ({}): {}",
            column.in_words(),
            dataset.display_name(item),
            amount.value,
            outer_dataset.display_name(outer),
            outer_amount.value,
            comparison.apart(unit)
        )
    };
    let defect = Defect::new(dataset.file, amount.span, message)
        .label(format!("this part says {}", amount.value))
        .with_label(outer_dataset.file, outer_amount.span, format!("the containing line says {}", outer_amount.value))
        .help(
            "check both figures against the document; if the part belongs to another line, point `included_in` at it",
        );
    Some(figures::capped_if_approximate(defect, [&amount.value, &outer_amount.value]))
}
