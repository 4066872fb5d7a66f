//! The amount notation parser. Strict: anything off the notation is an error, and for the
//! common slips (a stray space, a doubled point, a missing `円`) the error carries the
//! corrected text.

use rust_decimal::Decimal;

use super::unit::{multiplier, Unit};
use super::Amount;

/// Why a text is not an amount, and the corrected text where the intent is obvious.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountError {
    pub message: String,
    pub suggestion: Option<String>,
}

/// Parses `text` in the amount notation; bare numbers are read in `default_unit`.
pub fn parse(text: &str, default_unit: Unit) -> Result<Amount, AmountError> {
    parse_strict(text, default_unit).map_err(|message| {
        let suggestion = suggest(text, default_unit);
        AmountError { message, suggestion }
    })
}

/// The corrected text of `text`, when the correction cannot change what was meant: only white
/// space inside or around the figure goes (ASCII or full-width, `12 億円`, `12億円　`), and `円`
/// is added after a multiplier (`45.5億`). Every digit, sign and marker stays as written.
pub fn safe_fix(text: &str, default_unit: Unit) -> Option<String> {
    let fixed = add_yen_after_multiplier(&remove_spaces(text));
    (fixed != text && parse_strict(&fixed, default_unit).is_ok()).then_some(fixed)
}

/// Applies the fix-ups one after the other; the first text that parses is the suggestion.
fn suggest(text: &str, default_unit: Unit) -> Option<String> {
    let fixups: [fn(&str) -> String; 6] = [
        remove_spaces,
        collapse_doubled_separators,
        plain_minus,
        drop_plus,
        add_leading_zero,
        add_yen_after_multiplier,
    ];
    let mut candidate = text.to_string();
    if let Ok(value) = Decimal::from_scientific(text.trim()) {
        candidate = value.normalize().to_string();
    }
    for fixup in fixups {
        candidate = fixup(&candidate);
        if candidate != text && parse_strict(&candidate, default_unit).is_ok() {
            return Some(candidate);
        }
    }
    None
}

fn remove_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn collapse_doubled_separators(text: &str) -> String {
    let mut out = text.to_string();
    for (doubled, single) in [("..", "."), ("．．", "．"), (",,", ","), ("，，", "，")] {
        while out.contains(doubled) {
            out = out.replace(doubled, single);
        }
    }
    out
}

fn plain_minus(text: &str) -> String {
    text.replace(['－', '−', '‐'], "-")
}

fn drop_plus(text: &str) -> String {
    text.strip_prefix('+').or_else(|| text.strip_prefix('＋')).unwrap_or(text).to_string()
}

fn add_leading_zero(text: &str) -> String {
    match text.strip_prefix('.') {
        Some(rest) => format!("0.{rest}"),
        None => text.to_string(),
    }
}

fn add_yen_after_multiplier(text: &str) -> String {
    let (body, suffix) = text.strip_suffix("の内数").map_or((text, ""), |b| (b, "の内数"));
    match body.chars().last() {
        Some('兆' | '億' | '万' | '千') => format!("{body}円{suffix}"),
        Some('百') => format!("{body}万円{suffix}"),
        _ => text.to_string(),
    }
}

/// The dashes tables print in a cell that holds nothing: zero, exact, present.
pub const DASHES: &[&str] = &["－", "―", "—", "-", "ー", "‐", "−"];

/// The notation itself: `[約] [▲|△|-] NUMBER [UNIT] [の内数]`, or a dash alone.
fn parse_strict(text: &str, default_unit: Unit) -> Result<Amount, String> {
    if DASHES.contains(&text) {
        return Ok(Amount::dash(default_unit));
    }
    if text.chars().any(char::is_whitespace) {
        return Err(format!("`{text}` has a space inside the amount"));
    }
    let mut rest = text;
    let approximate = strip(&mut rest, "約");
    let negative = ["▲", "△", "-"].iter().any(|sign| strip(&mut rest, sign));
    let inclusive = match rest.strip_suffix("の内数") {
        Some(body) => {
            rest = body;
            true
        }
        None => false,
    };
    if rest.is_empty() {
        return Err(format!("`{text}` has no number"));
    }
    let (value, unit) = figure(rest, default_unit)?;
    let value = if negative { -value } else { value };
    let amount = Amount::new(value, unit).marked(approximate, inclusive);
    if amount.base_value().is_none() {
        return Err(format!("`{text}` is too large a figure"));
    }
    Ok(amount)
}

fn strip(rest: &mut &str, prefix: &str) -> bool {
    match rest.strip_prefix(prefix) {
        Some(r) => {
            *rest = r;
            true
        }
        None => false,
    }
}

/// A number with its unit, or a combined figure such as `1兆2,380億円` or `3億5,000万円`.
/// Read without allocating: the segments are read off the text again where needed.
fn figure(text: &str, default_unit: Unit) -> Result<(Decimal, Unit), String> {
    let count = segments(text).count();
    let Some(((first, _), (number, word))) = segments(text).next().zip(segments(text).last()) else {
        return Err(format!("`{text}` has no number"));
    };
    if first.is_empty() {
        return Err(format!("`{text}` does not start with a number"));
    }
    for (number, word) in segments(text).take(count - 1) {
        let value = number_value(number)?;
        if multiplier(word).is_none() {
            return Err(unit_error(
                word,
                "inside a combined figure (as in `1兆2,380億円`) only 兆, 億 and 万 may follow a number",
            ));
        }
        if value.scale() > 0 {
            return Err(format!("`{number}{word}` has decimals, but only the last part of a combined figure may"));
        }
    }
    let value = number_value(number)?;
    let unit = match word {
        "" if count == 1 => default_unit,
        "" => return Err(format!("`{text}` must end with its unit")),
        _ => Unit::parse(word).ok_or_else(|| unit_error(word, "not one of the units"))?,
    };
    if count == 1 {
        return combine(text, std::iter::once((value, unit)), unit);
    }
    // Every part reads: each is read again, in its unit, to be combined.
    let parts = segments(text).enumerate().map(|(i, (number, word))| {
        let part_unit = if i + 1 < count { multiplier(word).unwrap_or(unit) } else { unit };
        (number_value(number).unwrap_or_default(), part_unit)
    });
    combine(text, parts, unit)
}

/// Splits `text` into (number, word) pairs: `1兆2,380億円` → ("1", "兆"), ("2,380", "億円").
fn segments(text: &str) -> impl Iterator<Item = (&str, &str)> + Clone {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let number_end = rest.find(|c: char| !is_number_char(c)).unwrap_or(rest.len());
        let (number, tail) = rest.split_at(number_end);
        let word_end = tail.find(is_number_char).unwrap_or(tail.len());
        let (word, tail) = tail.split_at(word_end);
        rest = tail;
        Some((number, word))
    })
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, ',' | '，' | '.' | '．')
}

fn unit_error(word: &str, why: &str) -> String {
    let units: Vec<&str> = Unit::all_symbols().collect();
    format!("unknown unit `{word}`: {why} ({})", units.join(", "))
}

/// Adds the parts of a combined figure into its last unit, checking their order and sizes.
fn combine(
    text: &str,
    parts: impl Iterator<Item = (Decimal, Unit)> + Clone,
    last_unit: Unit,
) -> Result<(Decimal, Unit), String> {
    let mut bigger: Option<Unit> = None;
    for (value, smaller) in parts.clone() {
        if let Some(bigger) = bigger {
            if smaller.factor() >= bigger.factor() || smaller.currency() != bigger.currency() {
                return Err(format!(
                    "`{text}`: the parts of a combined figure go from the largest unit to the smallest"
                ));
            }
            if value.checked_mul(smaller.factor()).is_none_or(|v| v >= bigger.factor()) {
                return Err(format!("`{text}`: {value} {smaller} is not less than one {}", bigger.symbol()));
            }
        }
        bigger = Some(smaller);
    }
    let mut total = Decimal::ZERO;
    for (value, unit) in parts {
        let ratio = unit.factor() / last_unit.factor();
        total = value
            .checked_mul(ratio)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| format!("`{text}` is too large a figure"))?;
    }
    Ok((total, last_unit))
}

/// A written number: ASCII or full-width digits, `,`/`，` between groups of three, one point.
/// Read without allocating (a file has a figure on every line): the digits go straight into
/// the mantissa.
fn number_value(written: &str) -> Result<Decimal, String> {
    // `segments` hands over digits, separators and points only, ASCII or full-width.
    let ascii = || written.chars().map(to_ascii);
    let point = ascii().position(|c| c == '.');
    let whole = || ascii().take(point.unwrap_or(usize::MAX));
    let fraction = || ascii().skip(point.map_or(usize::MAX, |p| p + 1));
    if whole().next().is_none() {
        return Err(format!("`{written}` needs a digit before the decimal point"));
    }
    if point.is_some() && (fraction().next().is_none() || !fraction().all(|c| c.is_ascii_digit())) {
        return Err(format!("`{written}` is not a decimal number (one point, digits after it)"));
    }
    if whole().any(|c| c == ',') && !well_grouped(whole()) {
        return Err(format!("`{written}`: thousands separators go between groups of three digits"));
    }
    // A decimal holds a 96-bit mantissa and at most 28 decimals; beyond that it would round
    // without a word, so the figure is refused.
    let too_many = || format!("`{written}` has more digits than yosan reads exactly (28 significant digits at most)");
    let scale = fraction().count();
    let mut mantissa: u128 = 0;
    for digit in whole().chain(fraction()).filter_map(|c| c.to_digit(10)) {
        mantissa = mantissa * 10 + u128::from(digit);
        if mantissa > MAX_MANTISSA {
            return Err(too_many());
        }
    }
    match u32::try_from(scale) {
        Ok(scale) if scale <= Decimal::MAX_SCALE => Ok(Decimal::from_i128_with_scale(mantissa as i128, scale)),
        _ => Err(too_many()),
    }
}

/// The largest mantissa a `Decimal` holds.
const MAX_MANTISSA: u128 = Decimal::MAX.mantissa().unsigned_abs();

fn to_ascii(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '，' => ',',
        '．' => '.',
        other => other,
    }
}

/// Digits in groups of three after the first group of one to three, `,` between them.
fn well_grouped(whole: impl Iterator<Item = char>) -> bool {
    let (mut groups, mut length) = (0, 0);
    for c in whole {
        match c {
            ',' if groups == 0 && !(1..=3).contains(&length) => return false,
            ',' if groups > 0 && length != 3 => return false,
            ',' => (groups, length) = (groups + 1, 0),
            _ => length += 1,
        }
    }
    if groups == 0 {
        (1..=3).contains(&length)
    } else {
        length == 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    /// The reading of a number before it went without allocating, kept as the oracle: the
    /// text folded to ASCII, the separators dropped, `Decimal::from_str`, and a check that the
    /// value writes back to the digits as given.
    fn number_value_through_strings(written: &str) -> Result<Decimal, String> {
        let ascii: String = written.chars().map(to_ascii).collect();
        let (whole, fraction) = match ascii.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (ascii.as_str(), None),
        };
        if whole.is_empty() {
            return Err(format!("`{written}` needs a digit before the decimal point"));
        }
        if let Some(fraction) = fraction {
            if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("`{written}` is not a decimal number (one point, digits after it)"));
            }
        }
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or("");
        if whole.contains(',') && !((1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)) {
            return Err(format!("`{written}`: thousands separators go between groups of three digits"));
        }
        let digits: String = whole.chars().filter(|&c| c != ',').chain(fraction.map(|_| '.')).collect();
        let text = format!("{digits}{}", fraction.unwrap_or(""));
        let too_many =
            || format!("`{written}` has more digits than yosan reads exactly (28 significant digits at most)");
        let value = Decimal::from_str(&text).map_err(|_| too_many())?;
        let given = text.trim_start_matches('0');
        let given = if given.is_empty() || given.starts_with('.') { format!("0{given}") } else { given.to_string() };
        if value.to_string() != given {
            return Err(too_many());
        }
        Ok(value)
    }

    /// The reading of a figure before it went without allocating: its segments and parts
    /// collected in vectors, then combined. The oracle of [`figure`].
    fn figure_through_vectors(text: &str, default_unit: Unit) -> Result<(Decimal, Unit), String> {
        let segments: Vec<(&str, &str)> = segments(text).collect();
        let Some(((_, _), earlier)) = segments.split_last() else {
            return Err(format!("`{text}` has no number"));
        };
        if segments[0].0.is_empty() {
            return Err(format!("`{text}` does not start with a number"));
        }
        let mut parts = Vec::new();
        for (number, word) in earlier {
            let value = number_value_through_strings(number)?;
            let Some(unit) = multiplier(word) else {
                return Err(unit_error(
                    word,
                    "inside a combined figure (as in `1兆2,380億円`) only 兆, 億 and 万 may follow a number",
                ));
            };
            if value.scale() > 0 {
                return Err(format!("`{number}{word}` has decimals, but only the last part of a combined figure may"));
            }
            parts.push((value, unit));
        }
        let (number, word) = segments[segments.len() - 1];
        let value = number_value_through_strings(number)?;
        let unit = match word {
            "" if earlier.is_empty() => default_unit,
            "" => return Err(format!("`{text}` must end with its unit")),
            _ => Unit::parse(word).ok_or_else(|| unit_error(word, "not one of the units"))?,
        };
        parts.push((value, unit));
        combine(text, parts.into_iter(), unit)
    }

    fn agree(written: &str) {
        let (fast, oracle) = (number_value(written), number_value_through_strings(written));
        assert_eq!(fast.as_ref().map(Decimal::serialize), oracle.as_ref().map(Decimal::serialize), "{written:?}");
        assert_eq!(fast.err(), oracle.err(), "{written:?}");
    }

    #[test]
    fn the_edges_of_a_decimal_read_as_the_strings_did() {
        let max = "79228162514264337593543950335";
        for written in [
            "",
            ".",
            "0",
            "000",
            "007",
            "00.50",
            "1,234",
            "12,34",
            "1,2345",
            ",123",
            "1,,234",
            "1234,567",
            "1.",
            ".5",
            "1.2.3",
            "1,234.5",
            "１，２３４．５",
            max,
            "79228162514264337593543950336",
            "7922816251426433759354395033.5",
            "7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
            "0.00000000000000000000000000001",
            "0.10000000000000000000000000000",
            "1.0000000000000000000000000000",
            "99999999999999999999999999999",
            "00000000000000000000000000000000001",
        ] {
            agree(written);
        }
        // A zero comes out of the sum of the parts without its decimals, as it always did.
        for text in ["0.0", "0.00億円", "1兆0万円", "0.5"] {
            let (fast, oracle) = (figure(text, Unit::Yen), figure_through_vectors(text, Unit::Yen));
            assert_eq!(fast.map(|(v, u)| (v.serialize(), u)), oracle.map(|(v, u)| (v.serialize(), u)), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn any_written_number_reads_as_the_strings_did(written in "[0-9０-９,，.．]{0,36}") {
            agree(&written);
        }

        #[test]
        fn any_figure_reads_as_it_did_through_vectors(text in "([0-9]{0,5}(\\.[0-9])?[兆億万千円ドル]{0,2}){0,4}") {
            let (fast, oracle) = (figure(&text, Unit::Yen), figure_through_vectors(&text, Unit::Yen));
            let (fast, oracle) = (fast.map(|(v, u)| (v.serialize(), u)), oracle.map(|(v, u)| (v.serialize(), u)));
            prop_assert_eq!(fast, oracle, "{:?}", text);
        }

        #[test]
        fn any_well_formed_number_reads_as_the_strings_did(written in "[0-9]{1,31}(\\.[0-9]{1,31})?") {
            agree(&written);
        }
    }
}
