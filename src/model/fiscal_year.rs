//! `fiscal_year`: Western years and the Japanese era forms, normalised to a Western year.
//!
//! Accepted: `2022`, `FY2022`, `令和4年度`, `令和元年度`, `R4`, `平成31年度`, `H31`, with ASCII or
//! full-width digits. 令和N is 2018+N (from 2019), 平成N is 1988+N (1989–2019).

/// An era and its first year minus one, with its last valid year number.
struct Era {
    names: &'static [&'static str],
    offset: i32,
    last: Option<i32>,
}

const ERAS: &[Era] = &[
    Era { names: &["令和", "R"], offset: 2018, last: None },
    Era { names: &["平成", "H"], offset: 1988, last: Some(31) },
];

const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2200;

/// Why a fiscal year was not accepted, with a suggested form where one is plain.
#[derive(Debug, PartialEq, Eq)]
pub struct FiscalYearError {
    pub message: String,
    pub suggestion: Option<String>,
}

/// Reads a fiscal year in any accepted form.
pub fn parse(text: &str) -> Result<i32, FiscalYearError> {
    let ascii = ascii_digits(text.trim());
    let western = ascii.strip_prefix("FY").unwrap_or(&ascii);
    if let Some(year) = western.parse::<i32>().ok().filter(|_| western.bytes().all(|b| b.is_ascii_digit())) {
        return check_range(year, text);
    }
    for era in ERAS {
        for name in era.names {
            let Some(rest) = ascii.strip_prefix(name) else {
                continue;
            };
            let number = rest.strip_suffix("年度").unwrap_or(rest);
            let n = if number == "元" { Some(1) } else { number.parse::<i32>().ok() };
            let Some(n) = n.filter(|&n| n >= 1 && (number == "元" || number.bytes().all(|b| b.is_ascii_digit())))
            else {
                return Err(unknown(text));
            };
            if let Some(last) = era.last.filter(|&last| n > last) {
                let year = era.offset + n;
                return Err(FiscalYearError {
                    message: format!("`{text}` does not exist: the era {} ended in its year {last}", era.names[0]),
                    suggestion: Some(format!("令和{}年度", year - 2018)),
                });
            }
            return check_range(era.offset + n, text);
        }
    }
    Err(unknown(text))
}

fn check_range(year: i32, text: &str) -> Result<i32, FiscalYearError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(FiscalYearError {
            message: format!("`{text}` is not a plausible fiscal year ({FIRST_YEAR}–{LAST_YEAR})"),
            suggestion: None,
        })
    }
}

fn unknown(text: &str) -> FiscalYearError {
    FiscalYearError { message: format!("`{text}` is not a fiscal year"), suggestion: None }
}

fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'Ｒ' => 'R',
            'Ｈ' => 'H',
            'Ｆ' => 'F',
            'Ｙ' => 'Y',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_accepted_form() {
        for (text, year) in [
            ("2022", 2022),
            ("FY2022", 2022),
            ("令和4年度", 2022),
            ("令和４年度", 2022),
            ("令和元年度", 2019),
            ("R4", 2022),
            ("R8", 2026),
            ("平成31年度", 2019),
            ("H30", 2018),
            ("２０２６", 2026),
        ] {
            assert_eq!(parse(text), Ok(year), "{text}");
        }
    }

    #[test]
    fn rejected_forms() {
        assert!(parse("令和").is_err());
        assert!(parse("令和0年度").is_err());
        assert!(parse("昭和60年度").is_err());
        assert!(parse("22").is_err());
        assert!(parse("FY").is_err());
        assert!(parse("R4-5").is_err());
        let e = parse("平成32年度").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("令和2年度"));
    }
}
