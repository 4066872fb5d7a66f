//! Units of amounts: yen with their Japanese multipliers, and US dollars.

use rust_decimal::Decimal;

/// The currency an amount is counted in. Sums never mix currencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Currency {
    Yen,
    UsDollar,
}

impl Currency {
    pub fn name(self) -> &'static str {
        match self {
            Currency::Yen => "yen",
            Currency::UsDollar => "US dollars",
        }
    }

    /// The unit of one yen or one dollar.
    pub fn base_unit(self) -> Unit {
        match self {
            Currency::Yen => Unit::Yen,
            Currency::UsDollar => Unit::UsDollar,
        }
    }
}

/// A unit an amount is written in, such as `億円` (10⁸ yen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Yen,
    ThousandYen,
    TenThousandYen,
    MillionYen,
    HundredMillionYen,
    TrillionYen,
    UsDollar,
    ThousandUsDollar,
}

/// Every unit with its written form, longest forms first so that prefix matching works.
const UNITS: &[(&str, Unit)] = &[
    ("千USドル", Unit::ThousandUsDollar),
    ("USドル", Unit::UsDollar),
    ("百万円", Unit::MillionYen),
    ("千円", Unit::ThousandYen),
    ("万円", Unit::TenThousandYen),
    ("億円", Unit::HundredMillionYen),
    ("兆円", Unit::TrillionYen),
    ("円", Unit::Yen),
];

impl Unit {
    /// The unit written as `text` exactly (`億円`, `百万円`, …).
    pub fn parse(text: &str) -> Option<Unit> {
        UNITS.iter().find(|(s, _)| *s == text).map(|&(_, u)| u)
    }

    /// The units' written forms, for help texts.
    pub fn all_symbols() -> impl Iterator<Item = &'static str> {
        UNITS.iter().map(|(s, _)| *s)
    }

    pub fn symbol(self) -> &'static str {
        UNITS.iter().find(|(_, u)| *u == self).map_or("", |(s, _)| s)
    }

    pub fn currency(self) -> Currency {
        match self {
            Unit::UsDollar | Unit::ThousandUsDollar => Currency::UsDollar,
            _ => Currency::Yen,
        }
    }

    /// How many base units (yen, dollars) one of this unit is.
    pub fn factor(self) -> Decimal {
        let power = match self {
            Unit::Yen | Unit::UsDollar => 0,
            Unit::ThousandYen | Unit::ThousandUsDollar => 3,
            Unit::TenThousandYen => 4,
            Unit::MillionYen => 6,
            Unit::HundredMillionYen => 8,
            Unit::TrillionYen => 12,
        };
        Decimal::from(10u64.pow(power))
    }
}

/// The bare multipliers that may stand inside a combined figure such as `1兆2,380億円`.
pub(super) fn multiplier(text: &str) -> Option<Unit> {
    match text {
        "兆" => Some(Unit::TrillionYen),
        "億" => Some(Unit::HundredMillionYen),
        "万" => Some(Unit::TenThousandYen),
        _ => None,
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.symbol())
    }
}
