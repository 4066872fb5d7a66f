use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn ok(text: &str) -> Amount {
    parse(text, Unit::HundredMillionYen).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

fn err(text: &str) -> AmountError {
    parse(text, Unit::HundredMillionYen).expect_err(text)
}

#[test]
fn an_amount_takes_sixteen_bytes_and_compares_by_value() {
    assert_eq!(std::mem::size_of::<Amount>(), 16);
    assert_eq!(ok("1.0"), ok("1.00"));
    assert_ne!(ok("1.0"), ok("約1.0"));
    assert_eq!(ok("▲0").to_string(), "-0億円");
    assert_eq!(Amount::new(-dec("0.0"), Unit::Yen).value().to_string(), "-0.0");
    assert!(Amount::dash(Unit::Yen).is_dash());
}

#[test]
fn plain_numbers_are_exact_and_keep_their_precision() {
    let a = ok("0.1");
    assert_eq!(a.value(), dec("0.1"));
    assert_eq!(a.unit, Unit::HundredMillionYen);
    assert_eq!(ok("12.60").precision(), dec("0.01"));
    assert_eq!(ok("12.6").precision(), dec("0.1"));
    assert_eq!(ok("152億円").precision(), dec("1"));
    assert_eq!(ok("0.1").value() + ok("0.2").value(), ok("0.3").value());
}

#[test]
fn units_full_width_and_separators() {
    let a = ok("6,371百万円");
    assert_eq!((a.value(), a.unit), (dec("6371"), Unit::MillionYen));
    let b = ok("８０.０億円");
    assert_eq!((b.value(), b.precision()), (dec("80.0"), dec("0.1")));
    assert_eq!(ok("１，２３８．５億円").value(), dec("1238.5"));
    assert_eq!(ok("1,000千USドル").unit, Unit::ThousandUsDollar);
    assert_eq!(ok("12USドル").currency(), Currency::UsDollar);
}

#[test]
fn markers_approximate_negative_inclusive() {
    let a = ok("約6.7億円");
    assert!(a.approximate());
    assert_eq!(ok("▲12億円").value(), dec("-12"));
    assert_eq!(ok("△0.5億円").value(), dec("-0.5"));
    assert_eq!(ok("-3").value(), dec("-3"));
    let c = ok("46億円の内数");
    assert!(c.inclusive());
    assert_eq!(c.value(), dec("46"));
    assert!(ok("約▲1億円の内数").approximate());
}

#[test]
fn combined_kanji_multipliers() {
    let a = ok("1兆2,380億円");
    assert_eq!((a.value(), a.unit), (dec("12380"), Unit::HundredMillionYen));
    let b = ok("3億5,000万円");
    assert_eq!((b.value(), b.unit), (dec("35000"), Unit::TenThousandYen));
    assert_eq!(b.base_value(), Some(dec("350000000")));
    assert!(err("1億2兆円").message.contains("largest"));
    assert!(err("1億12,000万円").message.contains("not less than"));
    assert!(err("1.5兆2,000億円").message.contains("decimals"));
}

#[test]
fn malformed_amounts_and_their_suggestions() {
    assert_eq!(err("12 億円").suggestion.as_deref(), Some("12億円"));
    assert_eq!(err("1, 2 3 8 億円").suggestion.as_deref(), Some("1,238億円"));
    assert_eq!(err("12..3億円").suggestion.as_deref(), Some("12.3億円"));
    assert_eq!(err("12億").suggestion.as_deref(), Some("12億円"));
    assert_eq!(err("46億の内数").suggestion.as_deref(), Some("46億円の内数"));
    assert_eq!(err("1e3").suggestion.as_deref(), Some("1000"));
    assert_eq!(err(".5").suggestion.as_deref(), Some("0.5"));
    assert_eq!(err("－3億円").suggestion.as_deref(), Some("-3億円"));
    assert_eq!(err("1,23億円").suggestion, None);
    assert!(err("1,23億円").message.contains("groups of three"));
    assert!(err("12ドル").message.contains("unknown unit"));
    assert!(err("億円").message.contains("number"));
    assert!(err("").message.contains("no number"));
    assert!(err("約").message.contains("no number"));
    assert!(err("true").message.contains("number"));
    assert!(err("99999999999999999999999999999999億円").message.contains("more digits than yosan reads exactly"));
}

#[test]
fn thousands_grouping_for_display() {
    assert_eq!(group_thousands(dec("1238.5")), "1,238.5");
    assert_eq!(group_thousands(dec("-1240")), "-1,240");
    assert_eq!(group_thousands(dec("999")), "999");
    assert_eq!(format_base(dec("6371000000"), Unit::HundredMillionYen), "63.71億円");
}

fn any_unit() -> impl Strategy<Value = Unit> {
    prop::sample::select(vec![
        Unit::Yen,
        Unit::ThousandYen,
        Unit::TenThousandYen,
        Unit::MillionYen,
        Unit::HundredMillionYen,
        Unit::TrillionYen,
        Unit::UsDollar,
        Unit::ThousandUsDollar,
    ])
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap(),
            ',' => '，',
            '.' => '．',
            other => other,
        })
        .collect()
}

proptest! {
    #[test]
    fn any_decimal_written_in_the_notation_reads_back_exactly(
        mantissa in -10_000_000_000i64..10_000_000_000i64,
        scale in 0u32..6,
        unit in any_unit(),
        grouped: bool,
        wide: bool,
        approximate: bool,
        inclusive: bool,
        sign in prop::sample::select(vec!["▲", "△", "-"]),
    ) {
        let value = Decimal::new(mantissa, scale);
        let magnitude = if grouped { group_thousands(value.abs()) } else { value.abs().to_string() };
        let magnitude = if wide { full_width(&magnitude) } else { magnitude };
        let text = format!(
            "{}{}{}{}{}",
            if approximate { "約" } else { "" },
            if value.is_sign_negative() && !value.is_zero() { sign } else { "" },
            magnitude,
            unit.symbol(),
            if inclusive { "の内数" } else { "" },
        );
        let amount = parse(&text, Unit::Yen).unwrap();
        prop_assert_eq!(amount.value(), value);
        prop_assert_eq!(amount.value().scale(), scale);
        prop_assert_eq!(amount.precision(), Decimal::new(1, scale));
        prop_assert_eq!(amount.unit, unit);
        prop_assert_eq!(amount.approximate(), approximate);
        prop_assert_eq!(amount.inclusive(), inclusive);
    }

    /// An amount keeps a `Decimal`'s parts in fewer bytes: every mantissa of 96 bits, every
    /// scale and both signs of zero come back as they went in.
    #[test]
    fn an_amount_keeps_every_decimal_whole(
        lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28, unit in any_unit(),
        approximate: bool, inclusive: bool,
    ) {
        let value = Decimal::from_parts(lo, mid, hi, negative, scale);
        let amount = Amount::new(value, unit).marked(approximate, inclusive);
        prop_assert_eq!(amount.value().serialize(), value.serialize());
        prop_assert_eq!((amount.unit, amount.approximate(), amount.inclusive(), amount.is_dash()), (unit, approximate, inclusive, false));
    }

    #[test]
    fn no_text_makes_the_parser_panic(text in "\\PC{0,24}") {
        let _ = parse(&text, Unit::HundredMillionYen);
    }

    #[test]
    fn display_reads_back(mantissa in -1_000_000_000i64..1_000_000_000i64, scale in 0u32..4, unit in any_unit()) {
        let amount = Amount::new(Decimal::new(mantissa, scale), unit);
        let again = parse(&amount.to_string(), Unit::Yen).unwrap();
        prop_assert_eq!(again, amount);
    }
}

#[test]
fn extreme_figures_are_errors_not_panics() {
    assert!(parse("1兆99999999999999999999999999億円", Unit::Yen).is_err());
    assert!(parse("9999999999999999999999999999兆円", Unit::Yen).is_err());
    assert!(parse("79228162514264337593543950335", Unit::Yen).is_ok());
    assert!(parse("79228162514264337593543950335円", Unit::HundredMillionYen).is_ok());
}
