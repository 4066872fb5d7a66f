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
    pub fn read(
        map: &mut MapReader<'_, '_>,
        target: Target,
        known: &crate::rules::Known,
    ) -> Result<Params, (Span, String)> {
        let node = map.require("condition")?;
        let condition = crate::rules::read::condition(node, target, known)?;
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
        // The finding points at the node's own field: the left side's, else the right side's,
        // else whatever the left side read.
        let own = [&left, &right].into_iter().find(|side| side.own_field).and_then(|side| side.places.first());
        let primary = own.or(left.places.first()).or(right.places.first()).copied().unwrap_or(node);
        let message = format!(
            "{} breaks `{}`: {} against {}",
            context.describe(subject),
            params.condition.text,
            left.text,
            right.text
        );
        let primary_text = if own.is_some() && !left.own_field { right.text.clone() } else { left.text.clone() };
        let mut defect = Defect::new(file, primary, message)
            .label(primary_text)
            .var("left", left.text.clone())
            .var("right", right.text.clone())
            .var("condition", params.condition.text.clone());
        for side in [&left, &right] {
            if let Some(&place) = side.places.first().filter(|&&p| p != primary) {
                defect = defect.with_label(file, place, side.text.clone());
            }
        }
        report(context.attach(defect, subject));
    }
}
