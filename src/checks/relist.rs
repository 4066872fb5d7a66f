//! Check kind `relist`: lines repeated for presentation (再掲) are marked and agree.
//!
//! A relisted line carries `relisted_from: <primary id>` and is never added into a sum.
//! The parameter `report` picks one of three checks:
//!
//! - `unmarked`: the name carries 再掲 (`（再掲）`, `(再掲)`, any width) but the line has no
//!   `relisted_from`, so its figure would be added again;
//! - `mismatch`: the relisted line's amount differs from its primary's beyond rounding
//!   (each figure keeps its own precision and unit: `6,371百万円` equals `63.71億円`);
//! - `chain`: `relisted_from` points at a line that is itself relisted.
//!
//! ```yaml
//! check:
//!   kind: relist
//!   report: mismatch
//! ```

use super::figures::{self, Comparison};
use super::Context;
use crate::arithmetic::Column;
use crate::findings::Defect;
use crate::model::fields::Subject;
use crate::model::{Dataset, Item, ItemIdx};
use crate::rules::select::Selection;

crate::model::vocab::vocabulary!(
    /// Which relisting check a rule runs.
    Report { Unmarked => ["unmarked"], Mismatch => ["mismatch"], Chain => ["chain"] }
);

pub type Params = super::ColumnReportParams<Report>;

/// One pass for all three reports; each defect goes out with the report it belongs to.
pub fn run(of: &[Column], select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Report, Defect)) {
    let mut scratch = String::new();
    for (subject, d, item) in context.items(select) {
        // A line that is not relisted can only be unmarked (its name says 再掲); a relisted one
        // only disagree with its primary, or point at a relisted line. Most lines are the first.
        if !item.is_relisted() {
            let Subject::Item(_, index) = subject else { continue };
            if let Some(defect) = unmarked(&context.datasets[d], index, &mut scratch) {
                report(Report::Unmarked, context.attach(defect, subject));
            }
            continue;
        }
        let mismatches = of.iter().filter_map(|column| Some(mismatch(context, d, item, column)?.in_column(column)));
        let found = mismatches
            .map(|defect| (Report::Mismatch, defect))
            .chain(chain(context, d, item).map(|defect| (Report::Chain, defect)));
        for (kind, defect) in found {
            report(kind, context.attach(defect, subject));
        }
    }
}

/// The finding of item `index`, a line that is not relisted, if its name carries 再掲.
fn unmarked(dataset: &Dataset, index: ItemIdx, scratch: &mut String) -> Option<Defect> {
    if !dataset.name_facts(index, scratch)?.marks_relisting {
        return None;
    }
    let item = &dataset.items[index];
    let (name, text) = (item.name.as_ref()?, dataset.name_of(item)?);
    let message = format!("{text} is marked 再掲 but does not say which line it repeats");
    let defect = Defect::new(dataset.file, name.span, message)
        .label("marked 再掲 here")
        .help("add `relisted_from: <id of the primary line>` and drop the （再掲） marker from the name");
    Some(defect)
}

fn mismatch(context: &Context<'_>, d: usize, item: &Item, column: &Column) -> Option<Defect> {
    let reference = item.relisted_from().as_ref()?;
    let amount = column.of(item)?;
    let target = context.resolve(d, &reference.value)?;
    let (primary_dataset, primary) = (context.dataset(target), context.item(target));
    let primary_amount = column.of(primary)?;
    let dataset = &context.datasets[d];
    let disagreement =
        Comparison::disagreement(&amount.value, dataset.rounding, &primary_amount.value, primary_dataset.rounding)?;
    let unit = primary_amount.value.unit;
    let message = format!(
        "{}{} repeats {} (再掲) but says {} where the primary listing says {}: {}",
        column.in_words(),
        dataset.display_name(item),
        reference.value,
        amount.value,
        primary_amount.value,
        disagreement.describe(unit)
    );
    let defect = Defect::new(dataset.file, amount.span, message)
        .label(format!("the relisted line says {}", amount.value))
        .with_label(primary_dataset.file, primary_amount.span, format!("the primary listing says {}", primary_amount.value))
        .help("a relisted line repeats its primary: copy the primary's figure, or point `relisted_from` at the right line");
    Some(figures::capped_if_approximate(defect, [&amount.value, &primary_amount.value]))
}

fn chain(context: &Context<'_>, d: usize, item: &Item) -> Option<Defect> {
    let reference = item.relisted_from().as_ref()?;
    let target = context.resolve(d, &reference.value)?;
    let primary = context.item(target);
    let next = primary.relisted_from().as_ref()?;
    let message = format!(
        "{} is relisted from {}, which is itself relisted from {}",
        context.datasets[d].display_name(item),
        reference.value,
        next.value
    );
    let defect = Defect::new(context.datasets[d].file, reference.span, message)
        .label("points at a relisted line")
        .with_label(context.dataset(target).file, next.span, "which is relisted from here")
        .help(format!("point `relisted_from` at the primary listing directly: `relisted_from: {}`", next.value));
    Some(defect)
}
