//! The tokens of a condition, each with its byte range in the condition's text.

use std::ops::Range;

use super::ExprError;

#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// A figure or a number as written: `50億円`, `1,000`, `1.5`.
    Figure(String),
    /// `"…"` or `'…'`.
    Quoted(String),
    /// An ASCII word: a field, a keyword or a function.
    Word(String),
    /// A word of other characters (`文`, `厚生労働省`): text.
    Text(String),
    Op(&'static str),
    Open,
    Close,
    Dot,
}

/// Operators, longest first.
const OPS: &[&str] = &["==", "!=", "<=", ">=", "~=", "!~", "<", ">", "~", "≈", "+", "-", "*", "/", "×", "÷"];

/// A character that may stand in a figure: digits, separators, units and multipliers.
fn in_figure(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || matches!(c, ',' | '，' | '.' | '．' | '円' | '千' | '万' | '百' | '億' | '兆' | 'U' | 'S' | 'ド' | 'ル')
}

fn starts_figure(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Where a word of text ends: at white space, an operator, a bracket, a quote or a dot.
fn ends_text(c: char) -> bool {
    c.is_whitespace() || "()\"'=!<>~+*/×÷≈".contains(c)
}

pub fn tokens(text: &str) -> Result<Vec<(Token, Range<usize>)>, ExprError> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let start = at;
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let rest = &text[at..];
        let token = if c == '(' {
            at += 1;
            Token::Open
        } else if c == ')' {
            at += 1;
            Token::Close
        } else if c == '.' {
            at += 1;
            Token::Dot
        } else if c == '"' || c == '\'' {
            let end = rest[1..].find(c).ok_or_else(|| {
                ExprError::new(start..text.len(), format!("the text {} is not closed", &rest[..1]))
                    .help(format!("end it with {c}"))
            })?;
            at += end + 2;
            Token::Quoted(rest[1..=end].to_string())
        } else if starts_figure(c) {
            let len = rest.find(|c: char| !in_figure(c)).unwrap_or(rest.len());
            at += len;
            Token::Figure(rest[..len].to_string())
        } else if c.is_ascii_alphabetic() || c == '_' {
            let extension = rest.starts_with("x-");
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || (extension && c == '-')))
                .unwrap_or(rest.len());
            at += len;
            Token::Word(rest[..len].to_string())
        } else if let Some(op) = OPS.iter().find(|op| rest.starts_with(**op)) {
            at += op.len();
            Token::Op(op)
        } else if c.is_ascii() {
            return Err(ExprError::new(start..start + 1, format!("`{c}` has no meaning in a condition")));
        } else {
            let len = rest.find(ends_text).unwrap_or(rest.len());
            at += len;
            Token::Text(rest[..len].to_string())
        };
        out.push((token, start..at));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Token> {
        tokens(text).unwrap().into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn figures_words_extension_fields_and_text() {
        assert_eq!(
            kinds("amount - previous == x-difference"),
            [
                Token::Word("amount".into()),
                Token::Op("-"),
                Token::Word("previous".into()),
                Token::Op("=="),
                Token::Word("x-difference".into())
            ]
        );
        assert_eq!(
            kinds("1兆2,380億円 > 50"),
            [Token::Figure("1兆2,380億円".into()), Token::Op(">"), Token::Figure("50".into())]
        );
        assert_eq!(
            kinds("ministry == 文 or"),
            [Token::Word("ministry".into()), Token::Op("=="), Token::Text("文".into()), Token::Word("or".into())]
        );
        assert_eq!(kinds("parent.amount"), [Token::Word("parent".into()), Token::Dot, Token::Word("amount".into())]);
        assert!(tokens("name == \"open").is_err());
        assert!(tokens("amount & 1").is_err());
    }
}
