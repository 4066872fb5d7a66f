//! The amount notation parser. Strict: anything off the notation is an error, and for the
//! common slips (a stray space, a doubled point, a missing `円`) the error carries the
//! corrected text.

use std::str::FromStr;

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
fn figure(text: &str, default_unit: Unit) -> Result<(Decimal, Unit), String> {
    let segments = segments(text);
    let Some(((_, _), earlier)) = segments.split_last() else {
        return Err(format!("`{text}` has no number"));
    };
    if segments[0].0.is_empty() {
        return Err(format!("`{text}` does not start with a number"));
    }
    let mut parts = Vec::with_capacity(segments.len());
    for (number, word) in earlier {
        let value = number_value(number)?;
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
    let value = number_value(number)?;
    let unit = match word {
        "" if earlier.is_empty() => default_unit,
        "" => return Err(format!("`{text}` must end with its unit")),
        _ => Unit::parse(word).ok_or_else(|| unit_error(word, "not one of the units"))?,
    };
    parts.push((value, unit));
    combine(text, &parts)
}

/// Splits `text` into (number, word) pairs: `1兆2,380億円` → [("1", "兆"), ("2,380", "億円")].
fn segments(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let number_end = rest.find(|c: char| !is_number_char(c)).unwrap_or(rest.len());
        let (number, tail) = rest.split_at(number_end);
        let word_end = tail.find(is_number_char).unwrap_or(tail.len());
        let (word, tail) = tail.split_at(word_end);
        out.push((number, word));
        rest = tail;
    }
    out
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, ',' | '，' | '.' | '．')
}

fn unit_error(word: &str, why: &str) -> String {
    let units: Vec<&str> = Unit::all_symbols().collect();
    format!("unknown unit `{word}`: {why} ({})", units.join(", "))
}

/// Adds the parts of a combined figure into its last unit, checking their order and sizes.
fn combine(text: &str, parts: &[(Decimal, Unit)]) -> Result<(Decimal, Unit), String> {
    let &(_, last_unit) = parts.last().expect("figure() always yields one part");
    let mut total = Decimal::ZERO;
    for pair in parts.windows(2) {
        let ((_, bigger), (value, smaller)) = (pair[0], pair[1]);
        if smaller.factor() >= bigger.factor() || smaller.currency() != bigger.currency() {
            return Err(format!("`{text}`: the parts of a combined figure go from the largest unit to the smallest"));
        }
        if value.checked_mul(smaller.factor()).is_none_or(|v| v >= bigger.factor()) {
            return Err(format!("`{text}`: {value} {smaller} is not less than one {}", bigger.symbol()));
        }
    }
    for &(value, unit) in parts {
        let ratio = unit.factor() / last_unit.factor();
        total = value
            .checked_mul(ratio)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| format!("`{text}` is too large a figure"))?;
    }
    Ok((total, last_unit))
}

/// A written number: ASCII or full-width digits, `,`/`，` between groups of three, one point.
fn number_value(written: &str) -> Result<Decimal, String> {
    let ascii: String = written
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '，' => ',',
            '．' => '.',
            other => other,
        })
        .collect();
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
    if whole.contains(',') && !well_grouped(whole) {
        return Err(format!("`{written}`: thousands separators go between groups of three digits"));
    }
    let digits: String = whole.chars().filter(|&c| c != ',').chain(fraction.map(|_| '.')).collect();
    let text = format!("{digits}{}", fraction.unwrap_or(""));
    let too_many = || format!("`{written}` has more digits than yosan reads exactly (28 significant digits at most)");
    let value = Decimal::from_str(&text).map_err(|_| too_many())?;
    // A decimal holds 28 or 29 significant digits; beyond that the parser would round without
    // a word. The value must write back to the digits as given.
    let given = text.trim_start_matches('0');
    let given = if given.is_empty() || given.starts_with('.') { format!("0{given}") } else { given.to_string() };
    if value.to_string() != given {
        return Err(too_many());
    }
    Ok(value)
}

fn well_grouped(whole: &str) -> bool {
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}
