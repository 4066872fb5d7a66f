//! Comparing figures the way the documents round them: each figure may be off by half its
//! last written digit (`rounding: half-up`), may have been cut down to it (`rounding:
//! truncate`: the true value lies in [v, v + one unit of the last digit)), or is exact
//! (`rounding: exact`).

use rust_decimal::Decimal;

use crate::amount::{self, Amount, Currency, Unit};
use crate::findings::{Defect, Severity};
use crate::model::Rounding;

/// How far a figure may be from the true value, in base units (for `truncate`, upwards).
pub fn slack(amount: &Amount, rounding: Rounding) -> Decimal {
    match rounding {
        Rounding::Exact => Decimal::ZERO,
        Rounding::HalfUp => amount.base_precision() / Decimal::TWO,
        Rounding::Truncate => amount.base_precision(),
    }
}

/// Where the true value of a figure lies, in base units: `[v − p/2, v + p/2]` rounded half up,
/// `[v, v + p)` truncated (the upper end is open), `[v, v]` exact.
pub fn interval(amount: &Amount, rounding: Rounding) -> (Decimal, Decimal) {
    let value = amount.base();
    match rounding {
        Rounding::Exact => (value, value),
        Rounding::HalfUp => {
            let half = slack(amount, rounding);
            (value.saturating_sub(half), value.saturating_add(half))
        }
        Rounding::Truncate => (value, value.saturating_add(amount.base_precision())),
    }
}

/// Where a figure's true value lies, as offsets from the figure (base units): `[low, high]`, the
/// upper end open for a truncated figure. Spreads add up with the figures they belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spread {
    pub low: Decimal,
    pub high: Decimal,
    pub open: bool,
}

impl Spread {
    pub const NONE: Spread = Spread { low: Decimal::ZERO, high: Decimal::ZERO, open: false };

    pub fn of(amount: &Amount, rounding: Rounding) -> Spread {
        let (low, high) = interval(amount, rounding);
        let value = amount.base();
        Spread {
            low: low.saturating_sub(value),
            high: high.saturating_sub(value),
            open: rounding == Rounding::Truncate,
        }
    }

    /// The spread of a sum: its parts' spreads added.
    pub fn plus(self, other: Spread) -> Spread {
        Spread {
            low: self.low.saturating_add(other.low),
            high: self.high.saturating_add(other.high),
            open: self.open || other.open,
        }
    }
}

/// Whether `difference = a − b` is one that the spreads of `a` and `b` allow: the intervals where
/// their true values lie overlap (an open upper end excludes it: XBRL Calculations 1.1,
/// truncation). For figures rounded half up, that is `|difference| <= slack a + slack b`.
pub fn overlap(difference: Decimal, a: Spread, b: Spread) -> bool {
    let (upper, lower) = (b.high.saturating_sub(a.low), b.low.saturating_sub(a.high));
    let under = if b.open { difference < upper } else { difference <= upper };
    let over = if a.open { difference > lower } else { difference >= lower };
    under && over
}

/// Whether `difference = a − b` is one that the rounding of the two figures allows ([`overlap`]).
pub fn allowed(difference: Decimal, a: &Amount, a_rounding: Rounding, b: &Amount, b_rounding: Rounding) -> bool {
    overlap(difference, Spread::of(a, a_rounding), Spread::of(b, b_rounding))
}

/// Two figures that should be the same, compared within both their slacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// `a - b`, in base units; when it does not fit a decimal (figures near ±10²⁸ of
    /// opposite signs), the largest decimal of its sign and `exact` false.
    pub difference: Decimal,
    /// The largest difference the rounding allows (for truncated figures, one way).
    pub tolerance: Decimal,
    pub exact: bool,
    /// Whether the rounding of the figures allows the difference ([`allowed`]).
    pub within: bool,
    /// Whether a figure was truncated: the tolerance is then not symmetric.
    pub truncated: bool,
}

impl Comparison {
    pub fn of(a: &Amount, a_rounding: Rounding, b: &Amount, b_rounding: Rounding) -> Comparison {
        let (difference, exact) = match a.base().checked_sub(b.base()) {
            Some(d) => (d, true),
            None if a.base() > b.base() => (Decimal::MAX, false),
            None => (Decimal::MIN, false),
        };
        let tolerance = slack(a, a_rounding).saturating_add(slack(b, b_rounding));
        let within = exact && allowed(difference, a, a_rounding, b, b_rounding);
        let truncated = a_rounding == Rounding::Truncate || b_rounding == Rounding::Truncate;
        Comparison { difference, tolerance, exact, within, truncated }
    }

    pub fn beyond_tolerance(&self) -> bool {
        !self.within
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
        match self.truncated {
            true => format!("{} apart, beyond what truncating the figures allows", self.difference_text(unit)),
            false => {
                format!(
                    "{} apart, beyond the rounding tolerance ±{}",
                    self.difference_text(unit),
                    show(self.tolerance, unit)
                )
            }
        }
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
    match amounts.into_iter().any(|a| a.approximate()) {
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
