//! Figures as people read them: exact decimals in the report's unit, thousands grouped, the
//! written precision kept (`12.60億円` stays `12.60`), never through a float.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::amount::{self, Amount, Currency, Unit};

/// A figure of the report. In JSON: `shown`, `value` (the exact value in base units, yen or US
/// dollars, as a decimal string), `currency` (`JPY`, `USD`) and, for a figure of the dataset,
/// `written`; the last three are made from `exact` when written, not kept twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// In the report's unit (yen figures) or the figure's own unit (other currencies): `1,238億円`.
    pub shown: String,
    /// As written in the dataset, where the figure is one of its own (`約49億円`).
    pub written: Option<String>,
    /// The exact value and how it is written.
    pub exact: Exact,
}

impl Figure {
    /// The exact value in base units, as a decimal string: `15170000000`.
    pub fn value(&self) -> String {
        self.exact.base.normalize().to_string()
    }
}

impl Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Figure", 4)?;
        out.serialize_field("shown", &self.shown)?;
        out.serialize_field("value", &self.value())?;
        out.serialize_field("currency", currency_code(self.exact.currency))?;
        match &self.written {
            Some(written) => out.serialize_field("written", written)?,
            None => out.skip_field("written")?,
        }
        out.end()
    }
}

/// A figure's exact value and how it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exact {
    pub base: Decimal,
    pub currency: Currency,
    /// The unit it was written in (foreign currencies are shown in it).
    pub unit: Unit,
    /// Its precision, in base units.
    pub precision: Decimal,
}

impl Default for Exact {
    fn default() -> Self {
        Exact { base: Decimal::ZERO, currency: Currency::Yen, unit: Unit::Yen, precision: Decimal::ONE }
    }
}

/// How the report writes figures: yen in `unit`, other currencies in their own unit.
#[derive(Clone, Copy, Debug)]
pub struct Units {
    pub yen: Unit,
}

impl Default for Units {
    fn default() -> Self {
        Units { yen: Unit::HundredMillionYen }
    }
}

pub fn currency_code(currency: Currency) -> &'static str {
    match currency {
        Currency::Yen => "JPY",
        Currency::UsDollar => "USD",
    }
}

impl Units {
    /// The unit a figure of `currency` is shown in; `native` is the unit it was written in.
    pub fn unit_for(&self, currency: Currency, native: Unit) -> Unit {
        match currency {
            Currency::Yen => self.yen,
            Currency::UsDollar => native,
        }
    }

    /// A figure of the dataset, shown with the precision it was written with.
    pub fn declared(&self, amount: &Amount) -> Figure {
        let mut figure = self.computed(amount.base(), amount.currency(), amount.unit, amount.base_precision());
        figure.written = Some(amount.to_string());
        if amount.approximate() {
            figure.shown = format!("約{}", figure.shown);
        }
        figure
    }

    /// A computed figure (a sum, a difference), shown to `precision` (in base units) at least.
    pub fn computed(&self, base: Decimal, currency: Currency, native: Unit, precision: Decimal) -> Figure {
        let unit = self.unit_for(currency, native);
        Figure {
            shown: amount::format(at_precision(base, unit, precision), unit),
            written: None,
            exact: Exact { base, currency, unit: native, precision },
        }
    }

    /// A computed figure's number alone, for the terms of a sum: `96.7`.
    pub fn number(&self, base: Decimal, currency: Currency, native: Unit, precision: Decimal) -> String {
        amount::group_thousands(at_precision(base, self.unit_for(currency, native), precision))
    }

    /// The signed difference `new − old` of two figures of one currency, with the change in
    /// percent of `old`; `None` for figures of two currencies.
    pub fn difference(&self, old: &Exact, new: &Exact) -> Option<(Figure, Option<String>)> {
        if old.currency != new.currency {
            return None;
        }
        let difference = new.base.checked_sub(old.base)?;
        let figure = self.change(difference, new.currency, new.unit, old.precision.min(new.precision));
        Some((figure, percent(difference, old.base)))
    }

    /// A signed difference: `+6億円`, `−2.5億円`.
    pub fn change(&self, base: Decimal, currency: Currency, native: Unit, precision: Decimal) -> Figure {
        let mut figure = self.computed(base.abs(), currency, native, precision);
        figure.exact.base = base;
        figure.shown = format!("{}{}", sign(base), figure.shown);
        figure
    }
}

/// `+` for a positive value, `−` (the minus sign) for a negative one, nothing for zero.
pub fn sign(value: Decimal) -> &'static str {
    match () {
        _ if value.is_zero() => "",
        _ if value.is_sign_negative() => "−",
        _ => "+",
    }
}

/// `difference / base` in percent, to one decimal: `+0.5%`; `None` against zero.
pub fn percent(difference: Decimal, base: Decimal) -> Option<String> {
    if base.is_zero() {
        return None;
    }
    let ratio = difference.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(base.abs())?;
    let mut rounded = ratio.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(1);
    Some(format!("{}{}%", sign(rounded), rounded.abs()))
}

/// Most trailing zeros a figure keeps to show its written precision: `12.60億円` stays, but a
/// figure written to the yen is `65.63837億円`, not `65.63837000億円`.
const MAX_PADDED_DECIMALS: u32 = 2;

/// `base` in `unit`, exact, with the decimals that `precision` (base units) needs (trailing
/// zeros up to [`MAX_PADDED_DECIMALS`]).
fn at_precision(base: Decimal, unit: Unit, precision: Decimal) -> Decimal {
    let mut value = amount::in_unit(base, unit);
    let written = precision.checked_div(unit.factor()).map_or(0, |p| p.normalize().scale());
    let wanted = written.min(MAX_PADDED_DECIMALS);
    if wanted > value.scale() {
        value.rescale(wanted);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> Amount {
        amount::parse(text, Unit::HundredMillionYen).unwrap()
    }

    #[test]
    fn figures_keep_their_written_precision_in_the_reports_unit() {
        let units = Units::default();
        assert_eq!(units.declared(&written("12.60億円")).shown, "12.60億円");
        assert_eq!(units.declared(&written("6,371百万円")).shown, "63.71億円");
        assert_eq!(units.declared(&written("1,238億円")).shown, "1,238億円");
        assert_eq!(units.declared(&written("約49億円")).shown, "約49億円");
        assert_eq!(units.declared(&written("6563837000円")).shown, "65.63837億円");
        assert_eq!(units.declared(&written("12.3450億円")).shown, "12.345億円");
        let million = Units { yen: Unit::MillionYen };
        assert_eq!(million.declared(&written("151.7億円")).shown, "15,170百万円");
        assert_eq!(units.declared(&written("0.1")).value(), "10000000");
    }

    #[test]
    fn changes_are_signed_and_percentages_exact_to_one_decimal() {
        let units = Units::default();
        let oku = Decimal::from(100_000_000);
        let change = units.change(Decimal::from(-2) * oku, Currency::Yen, Unit::HundredMillionYen, oku);
        assert_eq!(change.shown, "−2億円");
        assert_eq!(percent(Decimal::from(6), Decimal::from(1232)).as_deref(), Some("+0.5%"));
        assert_eq!(percent(Decimal::from(2), Decimal::from(10)).as_deref(), Some("+20.0%"));
        assert_eq!(percent(Decimal::from(-1), Decimal::from(3)).as_deref(), Some("−33.3%"));
        assert_eq!(percent(Decimal::ONE, Decimal::ZERO), None);
    }
}
