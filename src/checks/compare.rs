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
use crate::rules::expr::{Expr, Operand};
use crate::rules::select::Selection;
use crate::rules::{read_text, MapReader};
use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    pub condition: Expr,
}

impl Params {
    pub fn read(map: &mut MapReader<'_, '_>, target: Target) -> Result<Params, (Span, String)> {
        let node = map.require("condition")?;
        let condition = Expr::parse(read_text(node, "`condition`")?, target).map_err(|e| (node.span, e))?;
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
        let Some(left) = evaluation.left else {
            continue;
        };
        let (file, _) = fields::locate(context.datasets, subject);
        let right = match (&evaluation.right, &params.condition.right) {
            (Some(r), _) => r.value.to_string(),
            (None, Operand::Literal(text)) => text.clone(),
            (None, Operand::Field(..)) => "-".to_string(),
        };
        let message =
            format!("{} breaks `{}`: {} against {right}", context.describe(subject), params.condition.text, left.value);
        let mut defect = Defect::new(file, left.span, message)
            .label(left.value.to_string())
            .var("left", left.value.to_string())
            .var("right", right)
            .var("condition", params.condition.text.clone());
        if let Some(r) = &evaluation.right {
            defect = defect.with_label(file, r.span, r.value.to_string());
        }
        report(context.attach(defect, subject));
    }
}
