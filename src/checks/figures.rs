//! Comparing figures the way the documents round them: each figure may be off by half its
//! last written digit (`rounding: half-up`), or not at all (`rounding: exact`).

use rust_decimal::Decimal;

use crate::amount::{self, Amount, Currency, Unit};
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
    /// `a - b`, in base units; when it does not fit a decimal (figures near ±10²⁸ of
    /// opposite signs), the largest decimal of its sign and `exact` false.
    pub difference: Decimal,
    pub tolerance: Decimal,
    pub exact: bool,
}

impl Comparison {
    pub fn of(a: &Amount, a_rounding: Rounding, b: &Amount, b_rounding: Rounding) -> Comparison {
        let (difference, exact) = match a.base().checked_sub(b.base()) {
            Some(d) => (d, true),
            None if a.base() > b.base() => (Decimal::MAX, false),
            None => (Decimal::MIN, false),
        };
        let tolerance = slack(a, a_rounding).saturating_add(slack(b, b_rounding));
        Comparison { difference, tolerance, exact }
    }

    pub fn beyond_tolerance(&self) -> bool {
        !self.exact || self.difference.abs() > self.tolerance
    }

    /// Two figures that should be the same but are not: of other currencies, or apart beyond
    /// the tolerance.
    pub fn disagreement(a: &Amount, a_rounding: Rounding, b: &Amount, b_rounding: Rounding) -> Option<Disagreement> {
        if a.currency() != b.currency() {
            return Some(Disagreement::Currencies(a.currency(), b.currency()));
        }
        let comparison = Comparison::of(a, a_rounding, b, b_rounding);
        comparison.beyond_tolerance().then_some(Disagreement::Apart(comparison))
    }

    /// The difference written in `unit`, or how far it goes beyond what a decimal holds.
    pub fn difference_text(&self, unit: Unit) -> String {
        match self.exact {
            true => show(self.difference.abs(), unit),
            false => format!("more than {}", show(Decimal::MAX, unit.currency().base_unit())),
        }
    }

    /// "2億円 apart, beyond the rounding tolerance ±1億円", in `unit`.
    pub fn apart(&self, unit: Unit) -> String {
        format!("{} apart, beyond the rounding tolerance ±{}", self.difference_text(unit), show(self.tolerance, unit))
    }
}

/// How two figures that should be the same differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disagreement {
    /// In two currencies: no rounding makes them equal.
    Currencies(Currency, Currency),
    Apart(Comparison),
}

impl Disagreement {
    /// The end of a message: why the figures are not the same, in `unit`.
    pub fn describe(&self, unit: Unit) -> String {
        match self {
            Disagreement::Currencies(a, b) => {
                format!("one is in {} and the other in {}, so they cannot be the same figure", a.name(), b.name())
            }
            Disagreement::Apart(comparison) => comparison.apart(unit),
        }
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
