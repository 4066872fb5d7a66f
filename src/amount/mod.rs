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

/// A figure as written in the document, in 16 bytes: a file holds one on every line, and
/// several on an imported one. The value is a `Decimal`'s own parts, its 96-bit mantissa with
/// the scale and sign packed into one byte beside the marks, so nothing of it is lost.
#[derive(Clone, Copy)]
pub struct Amount {
    /// The mantissa's low, middle and high 32 bits.
    mantissa: [u32; 3],
    /// The scale (at most 28 decimals) and, in [`NEGATIVE`], the sign.
    scale_and_sign: u8,
    /// The unit of the last written digit (`1兆2,380億円` is 12,380 in 億円).
    pub unit: Unit,
    /// [`APPROXIMATE`], [`INCLUSIVE`] and [`DASH`].
    marks: u8,
}

const NEGATIVE: u8 = 0x80;
const APPROXIMATE: u8 = 1;
const INCLUSIVE: u8 = 2;
const DASH: u8 = 4;

impl Amount {
    /// `value` in `unit`, exactly as given: its scale is kept (`12.60` keeps two decimals).
    pub fn new(value: Decimal, unit: Unit) -> Self {
        let digits = value.mantissa().unsigned_abs();
        let mantissa = [digits as u32, (digits >> 32) as u32, (digits >> 64) as u32];
        let sign = if value.is_sign_negative() { NEGATIVE } else { 0 };
        // A `Decimal`'s scale is at most 28: it fits beside the sign.
        Amount { mantissa, scale_and_sign: value.scale() as u8 | sign, unit, marks: 0 }
    }

    /// A dash (`－`): nothing in the cell, so zero and exact.
    pub fn dash(unit: Unit) -> Self {
        Amount { marks: DASH, ..Amount::new(Decimal::ZERO, unit) }
    }

    /// The amount, marked as written with `約` and as `…の内数`.
    pub fn marked(self, approximate: bool, inclusive: bool) -> Self {
        let marks = self.marks | if approximate { APPROXIMATE } else { 0 } | if inclusive { INCLUSIVE } else { 0 };
        Amount { marks, ..self }
    }

    /// The value in `unit`, with the scale it was written with.
    pub fn value(&self) -> Decimal {
        let [lo, mid, hi] = self.mantissa;
        let mut value = Decimal::from_parts(lo, mid, hi, false, self.scale());
        // Set apart: `from_parts` drops the sign of a zero, and `▲0` is written negative.
        value.set_sign_negative(self.scale_and_sign & NEGATIVE != 0);
        value
    }

    /// The decimals it was written with.
    fn scale(&self) -> u32 {
        u32::from(self.scale_and_sign & !NEGATIVE)
    }

    /// Written with `約`: an approximate figure.
    pub fn approximate(&self) -> bool {
        self.marks & APPROXIMATE != 0
    }

    /// Written `…の内数`: a part of the stated figure, size not shown.
    pub fn inclusive(&self) -> bool {
        self.marks & INCLUSIVE != 0
    }

    /// Written as a dash (`－`): nothing in this cell, so zero and exact.
    pub fn is_dash(&self) -> bool {
        self.marks & DASH != 0
    }

    pub fn currency(&self) -> Currency {
        self.unit.currency()
    }

    /// The step of the last written digit, in `unit`: 0.1 for `151.7億円`; zero for a dash,
    /// which is exact.
    pub fn precision(&self) -> Decimal {
        match self.is_dash() {
            true => Decimal::ZERO,
            false => Decimal::new(1, self.scale()),
        }
    }

    /// The value in base units (yen, dollars); `None` if it does not fit a decimal (the
    /// parser rejects such amounts, so a parsed amount always has one).
    pub fn base_value(&self) -> Option<Decimal> {
        self.value().checked_mul(self.unit.factor())
    }

    /// The value in base units, for a parsed amount.
    pub fn base(&self) -> Decimal {
        self.base_value().unwrap_or(self.value())
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

/// Equal when the values are (`1.0` and `1.00` are), in the same unit, with the same marks:
/// what a `Decimal` field compared.
impl PartialEq for Amount {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value() && self.unit == other.unit && self.marks == other.marks
    }
}

impl Eq for Amount {}

/// As the fields read: the value, not its parts.
impl std::fmt::Debug for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Amount")
            .field("value", &self.value())
            .field("unit", &self.unit)
            .field("approximate", &self.approximate())
            .field("inclusive", &self.inclusive())
            .field("dash", &self.is_dash())
            .finish()
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_dash() {
            return f.write_str("－");
        }
        if self.approximate() {
            f.write_str("約")?;
        }
        f.write_str(&format(self.value(), self.unit))?;
        if self.inclusive() {
            f.write_str("の内数")?;
        }
        Ok(())
    }
}
