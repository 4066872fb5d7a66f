//! Amounts in the notation of budget documents, read exactly.
//!
//! `[約] [▲|△|-] NUMBER [UNIT] [の内数]`, with full-width digits, `，` and `．`, thousands
//! separators between groups of three, and combined kanji multipliers (`1兆2,380億円`).
//! The value is a `rust_decimal::Decimal` parsed from the written text, never through a float,
//! and keeps its written scale: the precision of `151.7億円` is 0.1億円.

mod parse;
mod unit;

#[cfg(test)]
mod tests;

use rust_decimal::Decimal;

pub use parse::{parse, safe_fix, AmountError, DASHES};
pub use unit::{Currency, Unit};

/// A figure as written in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    /// The value in `unit`, with the scale it was written with (`12.60` keeps two decimals).
    pub value: Decimal,
    /// The unit of the last written digit (`1兆2,380億円` is 12,380 in 億円).
    pub unit: Unit,
    /// Written with `約`: an approximate figure.
    pub approximate: bool,
    /// Written `…の内数`: a part of the stated figure, size not shown.
    pub inclusive: bool,
    /// Written as a dash (`－`): nothing in this cell, so zero and exact.
    pub dash: bool,
}

impl Amount {
    pub fn new(value: Decimal, unit: Unit) -> Self {
        Amount { value, unit, approximate: false, inclusive: false, dash: false }
    }

    pub fn currency(&self) -> Currency {
        self.unit.currency()
    }

    /// The step of the last written digit, in `unit`: 0.1 for `151.7億円`; zero for a dash,
    /// which is exact.
    pub fn precision(&self) -> Decimal {
        match self.dash {
            true => Decimal::ZERO,
            false => Decimal::new(1, self.value.scale()),
        }
    }

    /// The value in base units (yen, dollars); `None` if it does not fit a decimal (the
    /// parser rejects such amounts, so a parsed amount always has one).
    pub fn base_value(&self) -> Option<Decimal> {
        self.value.checked_mul(self.unit.factor())
    }

    /// The value in base units, for a parsed amount.
    pub fn base(&self) -> Decimal {
        self.base_value().unwrap_or(self.value)
    }

    /// The precision in base units.
    pub fn base_precision(&self) -> Decimal {
        self.precision() * self.unit.factor()
    }
}

/// Writes `value` (in `unit`) the way the documents do: thousands grouped, unit appended.
pub fn format(value: Decimal, unit: Unit) -> String {
    format!("{}{}", group_thousands(value), unit.symbol())
}

/// Writes `base` (in base units) in `unit`, keeping every digit that is not zero.
pub fn format_base(base: Decimal, unit: Unit) -> String {
    format(in_unit(base, unit), unit)
}

/// A base value (yen, dollars) expressed in `unit`, trailing zeros dropped.
pub fn in_unit(base: Decimal, unit: Unit) -> Decimal {
    base.checked_div(unit.factor()).unwrap_or(base).normalize()
}

/// `1238.5` → `1,238.5`; `-12` → `-12`.
pub fn group_thousands(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |rest| ("-", rest));
    let (whole, fraction) = digits.split_once('.').map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut grouped = String::with_capacity(text.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.dash {
            return f.write_str("－");
        }
        if self.approximate {
            f.write_str("約")?;
        }
        f.write_str(&format(self.value, self.unit))?;
        if self.inclusive {
            f.write_str("の内数")?;
        }
        Ok(())
    }
}
