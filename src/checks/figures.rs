//! Comparing figures the way the documents round them: each figure may be off by half its
//! last written digit (`rounding: half-up`), or not at all (`rounding: exact`).

use rust_decimal::Decimal;

use crate::amount::{self, Amount, Unit};
use crate::findings::{Defect, Severity};
use crate::model::Rounding;

/// How far a figure may be from the true value, in base units.
pub fn slack(amount: &Amount, rounding: Rounding) -> Decimal {
    match rounding {
        Rounding::Exact => Decimal::ZERO,
        Rounding::HalfUp => amount.base_precision() / Decimal::TWO,
    }
}

/// Two figures that should be the same, compared within both their slacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// `a - b`, in base units.
    pub difference: Decimal,
    pub tolerance: Decimal,
}

impl Comparison {
    /// `None` when the difference does not fit a decimal (figures near 10²⁸ yen).
    pub fn of(a: &Amount, a_rounding: Rounding, b: &Amount, b_rounding: Rounding) -> Option<Comparison> {
        let difference = a.base().checked_sub(b.base())?;
        Some(Comparison { difference, tolerance: slack(a, a_rounding) + slack(b, b_rounding) })
    }

    pub fn beyond_tolerance(&self) -> bool {
        self.difference.abs() > self.tolerance
    }

    /// Two figures that should be the same but are not: of other currencies, or apart beyond
    /// the tolerance.
    pub fn disagreement(a: &Amount, a_rounding: Rounding, b: &Amount, b_rounding: Rounding) -> Option<Comparison> {
        let comparison = Comparison::of(a, a_rounding, b, b_rounding)?;
        (a.currency() != b.currency() || comparison.beyond_tolerance()).then_some(comparison)
    }

    /// "2億円 apart, beyond the rounding tolerance ±1億円", in `unit`.
    pub fn apart(&self, unit: Unit) -> String {
        format!(
            "{} apart, beyond the rounding tolerance ±{}",
            show(self.difference.abs(), unit),
            show(self.tolerance, unit)
        )
    }
}

/// A finding that involves an approximate (`約`) figure is a warning at most.
pub fn capped_if_approximate<'a>(defect: Defect, amounts: impl IntoIterator<Item = &'a Amount>) -> Defect {
    match amounts.into_iter().any(|a| a.approximate) {
        true => defect.at_most(Severity::Warning),
        false => defect,
    }
}

/// A base value written in `unit`: `238.3億円`.
pub fn show(base: Decimal, unit: Unit) -> String {
    amount::format_base(base, unit)
}

/// A base value in `unit` without the unit, for the terms of a sum: `96.7`.
pub fn term(base: Decimal, unit: Unit) -> String {
    amount::group_thousands(amount::in_unit(base, unit))
}
