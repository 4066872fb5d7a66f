//! Check kind `compare`: a condition holds for every selected node.
//!
//! `condition` is `FIELD OP OPERAND` (see the rule language): a field against a constant
//! (`amount <= 500億円`) or another field (`amount <= previous * 1.5`), in exact decimals
//! with units converted, or text (`name ~ "事業$"`). A node where a side is absent or the
//! two cannot be compared (other currencies) is passed over. The finding points at the left
//! field, with a label on the right one. Placeholders: `{left}`, `{right}`, `{condition}`.
//!
//! ```yaml
//! check:
//!   kind: compare
//!   condition: amount <= previous * 1.5
//! ```

use super::Context;
use crate::findings::Defect;
use crate::model::fields::{self, Target};
use crate::rules::expr::Expr;
use crate::rules::select::Selection;
use crate::rules::MapReader;
use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    pub condition: Expr,
}

impl Params {
    pub fn read(map: &mut MapReader<'_, '_>, target: Target) -> Result<Params, (Span, String)> {
        let node = map.require("condition")?;
        let condition = crate::rules::read::condition(node, target)?;
        Ok(Params { condition })
    }
}

pub const VARS: &[&str] = &["left", "right", "condition"];

pub fn run(params: &Params, select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    for subject in select.subjects(context.datasets) {
        let evaluation = params.condition.eval(context.datasets, subject);
        if evaluation.holds != Some(false) {
            continue;
        }
        let (Some(left), Some(right)) = (evaluation.left, evaluation.right) else { continue };
        let (file, node) = fields::locate(context.datasets, subject);
        let primary = left.places.first().or(right.places.first()).copied().unwrap_or(node);
        let message = format!(
            "{} breaks `{}`: {} against {}",
            context.describe(subject),
            params.condition.text,
            left.text,
            right.text
        );
        let mut defect = Defect::new(file, primary, message)
            .label(left.text.clone())
            .var("left", left.text.clone())
            .var("right", right.text.clone())
            .var("condition", params.condition.text.clone());
        if let Some(&place) = right.places.first().filter(|&&p| p != primary) {
            defect = defect.with_label(file, place, right.text.clone());
        }
        report(context.attach(defect, subject));
    }
}
