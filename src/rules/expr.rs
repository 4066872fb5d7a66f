//! Conditions of the rule language: `FIELD OP OPERAND`, such as `amount > 100億円`,
//! `amount <= previous * 1.5`, `ministry == 厚`, `name ~ "研究"`, `depth <= 2`.
//!
//! Amounts compare exactly, in base units, units converted (`100億円` is `10,000百万円`); a
//! bare number beside an amount is read in the dataset's unit. Text compares after NFKC
//! normalisation; a list field (`ministry`, `phase`) is equal to a value it contains.
//! `~` and `!~` match a regular expression. A side that is absent, or of another currency,
//! makes the condition unknown: a selection does not take the node, a check passes it over.

use std::borrow::Cow;

use regex::Regex;
use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use crate::amount::{self, Amount};
use crate::model::fields::{self, Field, FieldValue, Subject, Target, Value};
use crate::model::{Dataset, Ministry};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Match,
    NoMatch,
}

const OPS: &[(&str, Op)] = &[
    ("==", Op::Eq),
    ("!=", Op::Ne),
    ("<=", Op::Le),
    (">=", Op::Ge),
    ("<", Op::Lt),
    (">", Op::Gt),
    ("!~", Op::NoMatch),
    ("~", Op::Match),
];

/// One side of a condition.
#[derive(Clone, Debug)]
pub enum Operand {
    /// A field, optionally scaled: `previous * 1.5`.
    Field(Field, Decimal),
    /// A literal, read when compared: an amount, a number or text.
    Literal(String),
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub text: String,
    pub left: Operand,
    pub op: Op,
    pub right: Operand,
    regex: Option<Regex>,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Expr {}

/// The result of a condition, with the values it compared.
pub struct Evaluation<'a> {
    /// `None` when a side is absent or the two cannot be compared.
    pub holds: Option<bool>,
    pub left: Option<FieldValue<'a>>,
    pub right: Option<FieldValue<'a>>,
}

impl Expr {
    /// Parses `text` for nodes of `target`.
    pub fn parse(text: &str, target: Target) -> Result<Expr, String> {
        let (at, op_text, op) =
            find_op(text).ok_or_else(|| format!("`{text}` has no comparison (==, !=, <, <=, >, >=, ~, !~)"))?;
        let left = operand(text[..at].trim(), target)?;
        let right = operand(text[at + op_text.len()..].trim(), target)?;
        if !matches!(left, Operand::Field(..)) {
            return Err(format!("`{text}` must start with a field: {}", Field::names(target).join(", ")));
        }
        let regex = match (op, &right) {
            (Op::Match | Op::NoMatch, Operand::Literal(pattern)) => {
                Some(Regex::new(pattern).map_err(|e| format!("`{pattern}` is not a regular expression: {e}"))?)
            }
            (Op::Match | Op::NoMatch, _) => return Err("`~` takes a regular expression on its right".into()),
            _ => None,
        };
        Ok(Expr { text: text.to_string(), left, op, right, regex })
    }

    /// Evaluates the condition on `subject`.
    pub fn eval<'a>(&self, datasets: &'a [Dataset], subject: Subject) -> Evaluation<'a> {
        let left = resolve(&self.left, datasets, subject);
        let right = resolve(&self.right, datasets, subject);
        let holds = match (&left, &right, &self.right) {
            (Some(l), _, Operand::Literal(literal)) => self.compare_literal(&l.value, literal, datasets, subject),
            (Some(l), Some(r), _) => self.compare(&l.value, &r.value),
            _ => None,
        };
        Evaluation { holds, left, right: right.filter(|_| matches!(self.right, Operand::Field(..))) }
    }

    fn compare_literal(&self, left: &Value<'_>, literal: &str, datasets: &[Dataset], subject: Subject) -> Option<bool> {
        if let Some(regex) = &self.regex {
            let any = match left {
                Value::List(items) => items.iter().any(|(i, _)| regex.is_match(i)),
                other => regex.is_match(&other.to_string()),
            };
            return Some(any == (self.op == Op::Match));
        }
        let unit = datasets[subject_dataset(subject)].unit;
        let right = match left {
            Value::Amount(_) => Value::Amount(Cow::Owned(amount::parse(literal, unit).ok()?)),
            Value::Number(_) => Value::Number(literal.parse().ok()?),
            Value::List(_) if matches!(self.left, Operand::Field(Field::Ministry, _)) => {
                Value::Text(Cow::Owned(Ministry::parse(literal).map_or(literal, |m| m.name()).to_string()))
            }
            _ => Value::Text(Cow::Owned(literal.to_string())),
        };
        self.compare(left, &right)
    }

    fn compare(&self, left: &Value<'_>, right: &Value<'_>) -> Option<bool> {
        let ordering = match (left, right) {
            (Value::Amount(a), Value::Amount(b)) if a.currency() == b.currency() => a.base().cmp(&b.base()),
            (Value::Number(a), Value::Number(b)) => a.cmp(b),
            (Value::List(items), Value::Text(t)) => {
                let contains = items.iter().any(|(i, _)| same_text(i, t));
                return match self.op {
                    Op::Eq => Some(contains),
                    Op::Ne => Some(!contains),
                    _ => None,
                };
            }
            (Value::Text(a), Value::Text(b)) if matches!(self.op, Op::Eq | Op::Ne) => {
                return Some(same_text(a, b) == (self.op == Op::Eq));
            }
            _ => return None,
        };
        use std::cmp::Ordering::*;
        Some(match self.op {
            Op::Eq => ordering == Equal,
            Op::Ne => ordering != Equal,
            Op::Lt => ordering == Less,
            Op::Le => ordering != Greater,
            Op::Gt => ordering == Greater,
            Op::Ge => ordering != Less,
            Op::Match | Op::NoMatch => return None,
        })
    }
}

fn subject_dataset(subject: Subject) -> usize {
    match subject {
        Subject::Item(d, _) | Subject::Dataset(d) | Subject::Link(d, _) => d,
    }
}

fn same_text(a: &str, b: &str) -> bool {
    a.nfkc().eq(b.nfkc())
}

/// The first comparison operator outside quotes.
fn find_op(text: &str) -> Option<(usize, &'static str, Op)> {
    let mut quoted = false;
    for (at, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        }
        if quoted {
            continue;
        }
        if let Some(&(op_text, op)) = OPS.iter().find(|(t, _)| text[at..].starts_with(t)) {
            return Some((at, op_text, op));
        }
    }
    None
}

fn operand(text: &str, target: Target) -> Result<Operand, String> {
    if text.is_empty() {
        return Err("a comparison needs something on both sides".into());
    }
    if let Some(quoted) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        return Ok(Operand::Literal(quoted.to_string()));
    }
    let (name, factor) = match text.split_once(['*', '/']) {
        Some((name, number)) => {
            let number: Decimal = number.trim().parse().map_err(|_| format!("`{}` is not a number", number.trim()))?;
            let factor =
                if text.contains('/') { Decimal::ONE.checked_div(number).ok_or("division by zero")? } else { number };
            (name.trim(), Some(factor))
        }
        None => (text, None),
    };
    match (Field::parse(target, name), factor) {
        (Some(field), factor) => Ok(Operand::Field(field, factor.unwrap_or(Decimal::ONE))),
        (None, Some(_)) => {
            Err(format!("`{name}` is not a field of {}: {}", target.name(), Field::names(target).join(", ")))
        }
        (None, None) => Ok(Operand::Literal(text.to_string())),
    }
}

fn resolve<'a>(operand: &Operand, datasets: &'a [Dataset], subject: Subject) -> Option<FieldValue<'a>> {
    let Operand::Field(field, factor) = operand else {
        return None;
    };
    let mut value = fields::get(datasets, subject, *field)?;
    if *factor != Decimal::ONE {
        value.value = match value.value {
            Value::Amount(a) => {
                Value::Amount(Cow::Owned(Amount { value: a.value.checked_mul(*factor)?, ..a.into_owned() }))
            }
            Value::Number(n) => Value::Number(n.checked_mul(*factor)?),
            _ => return None,
        };
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, Limits};
    use crate::model::build;

    fn dataset(yaml: &str) -> Vec<Dataset> {
        let doc = load(yaml, &Limits::default()).unwrap();
        vec![build(0, doc.root.as_ref()).0]
    }

    const DATA: &str = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - {id: a, name: 創薬研究, amount: 150億円, previous: 90億円, ministry: [厚]}\n  - {id: b, name: 機器, amount: \"6,000百万円\"}\n";

    fn holds(expr: &str, item: usize) -> Option<bool> {
        let datasets = dataset(DATA);
        Expr::parse(expr, Target::Items).unwrap().eval(&datasets, Subject::Item(0, item)).holds
    }

    #[test]
    fn amounts_compare_exactly_across_units() {
        assert_eq!(holds("amount > 100億円", 0), Some(true));
        assert_eq!(holds("amount > 100億円", 1), Some(false));
        assert_eq!(holds("amount == 60億円", 1), Some(true));
        assert_eq!(holds("amount >= 6000000000円", 1), Some(true));
        assert_eq!(holds("amount > 100", 0), Some(true));
    }

    #[test]
    fn fields_on_both_sides_with_a_factor() {
        assert_eq!(holds("amount <= previous * 1.5", 0), Some(false));
        assert_eq!(holds("amount <= previous * 2", 0), Some(true));
        assert_eq!(holds("amount <= previous * 1.5", 1), None);
    }

    #[test]
    fn lists_text_and_patterns() {
        assert_eq!(holds("ministry == 厚生労働省", 0), Some(true));
        assert_eq!(holds("ministry == 厚", 0), Some(true));
        assert_eq!(holds("ministry != 文", 0), Some(true));
        assert_eq!(holds("name ~ \"研究$\"", 0), Some(true));
        assert_eq!(holds("name !~ 研究", 1), Some(true));
        assert_eq!(holds("name == \"機器\"", 1), Some(true));
        assert_eq!(holds("depth == 1", 0), Some(true));
    }

    #[test]
    fn malformed_conditions() {
        assert!(Expr::parse("amount", Target::Items).is_err());
        assert!(Expr::parse("100億円 < amount", Target::Items).is_err());
        assert!(Expr::parse("amount < nothing * 2", Target::Items).is_err());
        assert!(Expr::parse("name ~ \"(\"", Target::Items).is_err());
    }
}
