//! Evaluation: exact decimals in base units, units converted; each figure also as the interval
//! its rounding allows (for `~=`), in three-valued logic.

use std::borrow::Cow;

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use super::{ArithOp, CmpOp, Expr, Kind, Node, Scope};
use crate::amount::{Amount, Currency, Unit};
use crate::checks::figures::{self, interval};
use crate::model::fields::{self, Field, Subject, Value};
use crate::model::Dataset;
use crate::span::Span;

/// A condition's result on one node, with the sides of the comparison that decided it.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// `None`: unknown (a side absent, figures of two currencies).
    pub holds: Option<bool>,
    pub left: Option<Side>,
    pub right: Option<Side>,
}

/// One side of a comparison, for a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    /// The value: `20億円`, or `previous × 1.5 = 30億円` for a computed side.
    pub text: String,
    /// Where the fields it read are written, in file order of reading.
    pub places: Vec<Span>,
    /// The side is one field of the node itself (`amount`, not `parent.amount` or a sum):
    /// the place a finding points at.
    pub own_field: bool,
}

/// A figure: its value and the interval its rounding allows, in base units.
#[derive(Clone, Copy, Debug)]
struct Fig {
    value: Decimal,
    low: Decimal,
    high: Decimal,
    currency: Currency,
    /// The unit it is shown in.
    unit: Unit,
}

#[derive(Clone, Debug)]
enum Val<'a> {
    Unknown,
    Bool(bool),
    Number(Decimal),
    Fig(Fig),
    Text(Cow<'a, str>),
    List(Vec<&'a str>),
}

struct Run<'a> {
    datasets: &'a [Dataset],
    subject: Subject,
    /// The spans read since the current side began.
    places: Vec<Span>,
    first_false: Option<(Side, Side)>,
    last: Option<(Side, Side)>,
}

impl Expr {
    /// Evaluates the condition on `subject`.
    pub fn eval(&self, datasets: &[Dataset], subject: Subject) -> Evaluation {
        let mut run = Run { datasets, subject, places: Vec::new(), first_false: None, last: None };
        let holds = match self.value(&self.root, &mut run) {
            Val::Bool(b) => Some(b),
            _ => None,
        };
        let (left, right) = run.first_false.or(run.last).map_or((None, None), |(l, r)| (Some(l), Some(r)));
        Evaluation { holds, left, right }
    }

    fn value<'a>(&self, node: &Node, run: &mut Run<'a>) -> Val<'a> {
        match &node.kind {
            Kind::Amount(amount) => Val::Fig(exact(amount)),
            Kind::Number(n) => Val::Number(*n),
            Kind::Text(t) => Val::Text(Cow::Owned(t.clone())),
            Kind::Bare(..) => Val::Unknown,
            Kind::Bool(b) => Val::Bool(*b),
            Kind::Field(scope, field) => match scoped(run, *scope) {
                Some(subject) => field_value(run, subject, field),
                None => Val::Unknown,
            },
            Kind::SumChildren(field) => sum_children(run, field),
            Kind::CountChildren => match run.subject {
                Subject::Item(d, i) => Val::Number(run.datasets[d].items[i].child_count().into()),
                _ => Val::Unknown,
            },
            Kind::Neg(inner) => match self.value(inner, run) {
                Val::Number(n) => Val::Number(-n),
                Val::Fig(f) => Val::Fig(Fig { value: -f.value, low: -f.high, high: -f.low, ..f }),
                _ => Val::Unknown,
            },
            Kind::Arith(op, a, b) => {
                let (a, b) = (self.value(a, run), self.value(b, run));
                arith(*op, a, b, dataset_unit(run)).unwrap_or(Val::Unknown)
            }
            Kind::Not(inner) => match self.value(inner, run) {
                Val::Bool(b) => Val::Bool(!b),
                _ => Val::Unknown,
            },
            Kind::And(a, b) => match (self.value(a, run), self.value(b, run)) {
                (Val::Bool(false), _) | (_, Val::Bool(false)) => Val::Bool(false),
                (Val::Bool(true), Val::Bool(true)) => Val::Bool(true),
                _ => Val::Unknown,
            },
            Kind::Or(a, b) => match (self.value(a, run), self.value(b, run)) {
                (Val::Bool(true), _) | (_, Val::Bool(true)) => Val::Bool(true),
                (Val::Bool(false), Val::Bool(false)) => Val::Bool(false),
                _ => Val::Unknown,
            },
            Kind::Compare { op, left, right, regex } => {
                let (l, left_side) = self.side(left, run);
                let (r, right_side) = self.side(right, run);
                let holds = match regex {
                    Some(regex) => matches(&l, regex).map(|m| m == (*op == CmpOp::Match)),
                    None => compare(*op, &l, &r, dataset_unit(run)),
                };
                if holds == Some(false) && run.first_false.is_none() {
                    run.first_false = Some((left_side.clone(), right_side.clone()));
                }
                run.last = Some((left_side, right_side));
                holds.map_or(Val::Unknown, Val::Bool)
            }
        }
    }

    /// One side of a comparison: its value, and how a finding shows it.
    fn side<'a>(&self, node: &Node, run: &mut Run<'a>) -> (Val<'a>, Side) {
        let outer = std::mem::take(&mut run.places);
        let value = self.value(node, run);
        let places = std::mem::replace(&mut run.places, outer);
        run.places.extend(&places);
        let shown = show(&value);
        let text = match node.kind {
            Kind::Field(..) | Kind::Amount(_) | Kind::Number(_) | Kind::Text(_) | Kind::Bare(..) | Kind::Bool(_) => {
                shown
            }
            _ => {
                let written = self.part(&node.range).replace('*', "×").replace('/', "÷").replace(" - ", " − ");
                format!("{written} = {shown}")
            }
        };
        let own_field = matches!(node.kind, Kind::Field(Scope::Own, _));
        (value, Side { text, places, own_field })
    }
}

fn dataset_unit(run: &Run<'_>) -> Unit {
    let d = match run.subject {
        Subject::Item(d, _) | Subject::Dataset(d) | Subject::Link(d, _) => d,
    };
    run.datasets[d].unit
}

fn scoped(run: &Run<'_>, scope: Scope) -> Option<Subject> {
    match (scope, run.subject) {
        (Scope::Own, subject) => Some(subject),
        (Scope::Parent, Subject::Item(d, i)) => run.datasets[d].items[i].parent().map(|p| Subject::Item(d, p)),
        (Scope::Parent, _) => None,
    }
}

fn exact(amount: &Amount) -> Fig {
    let value = amount.base();
    Fig { value, low: value, high: value, currency: amount.currency(), unit: amount.unit }
}

/// A figure of the dataset, with the interval its dataset's rounding allows; an inclusive
/// figure (`…の内数`) is the size of another line, not of this one: unknown.
fn figure(amount: &Amount, dataset: &Dataset) -> Option<Fig> {
    if amount.inclusive() {
        return None;
    }
    let (low, high) = interval(amount, dataset.rounding);
    Some(Fig { low, high, ..exact(amount) })
}

fn field_value<'a>(run: &mut Run<'a>, subject: Subject, field: &Field) -> Val<'a> {
    let datasets = run.datasets;
    let Some(found) = fields::get(datasets, subject, field) else { return Val::Unknown };
    run.places.push(found.span);
    let d = match subject {
        Subject::Item(d, _) | Subject::Dataset(d) | Subject::Link(d, _) => d,
    };
    match found.value {
        Value::Amount(a) => figure(&a, &datasets[d]).map_or(Val::Unknown, Val::Fig),
        Value::Number(n) => Val::Number(n),
        Value::Text(t) => Val::Text(t),
        Value::List(items) => Val::List(items.into_iter().map(|(t, _)| t).collect()),
    }
}

fn sum_children<'a>(run: &mut Run<'a>, field: &Field) -> Val<'a> {
    let Subject::Item(d, i) = run.subject else { return Val::Unknown };
    let dataset = &run.datasets[d];
    let mut total: Option<Fig> = None;
    for (c, child) in dataset.children(i) {
        if child.is_relisted() || child.is_inclusive() {
            continue;
        }
        let Val::Fig(f) = field_value(run, Subject::Item(d, c), field) else { return Val::Unknown };
        total = match total {
            None => Some(f),
            Some(t) => match add(t, f) {
                Some(sum) => Some(sum),
                None => return Val::Unknown,
            },
        };
    }
    total.map_or(Val::Unknown, Val::Fig)
}

fn add(a: Fig, b: Fig) -> Option<Fig> {
    (a.currency == b.currency).then_some(())?;
    Some(Fig {
        value: a.value.checked_add(b.value)?,
        low: a.low.checked_add(b.low)?,
        high: a.high.checked_add(b.high)?,
        ..a
    })
}

fn negate(f: Fig) -> Fig {
    Fig { value: -f.value, low: -f.high, high: -f.low, ..f }
}

fn scale(f: Fig, k: Decimal) -> Option<Fig> {
    let (low, high) = (f.low.checked_mul(k)?, f.high.checked_mul(k)?);
    let (low, high) = if k.is_sign_negative() { (high, low) } else { (low, high) };
    Some(Fig { value: f.value.checked_mul(k)?, low, high, ..f })
}

/// A bare number beside a figure is in the dataset's unit.
fn as_figure(n: Decimal, unit: Unit) -> Option<Fig> {
    let value = n.checked_mul(unit.factor())?;
    Some(Fig { value, low: value, high: value, currency: unit.currency(), unit })
}

fn arith<'a>(op: ArithOp, a: Val<'a>, b: Val<'a>, unit: Unit) -> Option<Val<'a>> {
    let fig = |v: &Val<'_>| match v {
        Val::Fig(f) => Some(*f),
        Val::Number(n) => as_figure(*n, unit),
        _ => None,
    };
    Some(match (op, &a, &b) {
        (_, Val::Number(x), Val::Number(y)) => Val::Number(match op {
            ArithOp::Add => x.checked_add(*y)?,
            ArithOp::Sub => x.checked_sub(*y)?,
            ArithOp::Mul => x.checked_mul(*y)?,
            ArithOp::Div => x.checked_div(*y)?,
        }),
        (ArithOp::Add, _, _) => Val::Fig(add(fig(&a)?, fig(&b)?)?),
        (ArithOp::Sub, _, _) => Val::Fig(add(fig(&a)?, negate(fig(&b)?))?),
        (ArithOp::Mul, Val::Fig(f), Val::Number(k)) | (ArithOp::Mul, Val::Number(k), Val::Fig(f)) => {
            Val::Fig(scale(*f, *k)?)
        }
        (ArithOp::Div, Val::Fig(f), Val::Number(k)) => Val::Fig(scale(*f, Decimal::ONE.checked_div(*k)?)?),
        (ArithOp::Div, Val::Fig(x), Val::Fig(y)) if x.currency == y.currency => {
            Val::Number(x.value.checked_div(y.value)?)
        }
        _ => return None,
    })
}

fn same_text(a: &str, b: &str) -> bool {
    a.nfkc().eq(b.nfkc())
}

fn matches(value: &Val<'_>, regex: &regex::Regex) -> Option<bool> {
    match value {
        Val::Text(t) => Some(regex.is_match(t)),
        Val::List(items) => Some(items.iter().any(|i| regex.is_match(i))),
        _ => None,
    }
}

fn compare(op: CmpOp, l: &Val<'_>, r: &Val<'_>, unit: Unit) -> Option<bool> {
    use std::cmp::Ordering;
    let ordering: Ordering = match (l, r) {
        (Val::Number(a), Val::Number(b)) => a.cmp(b),
        (Val::Fig(_), _) | (_, Val::Fig(_)) => {
            let fig = |v: &Val<'_>| match v {
                Val::Fig(f) => Some(*f),
                Val::Number(n) => as_figure(*n, unit),
                _ => None,
            };
            let (a, b) = (fig(l)?, fig(r)?);
            if a.currency != b.currency {
                return None;
            }
            if op == CmpOp::Near {
                return Some(a.low <= b.high && b.low <= a.high);
            }
            a.value.cmp(&b.value)
        }
        (Val::Text(a), Val::Text(b)) => return equality(op, same_text(a, b)),
        (Val::List(items), Val::Text(t)) | (Val::Text(t), Val::List(items)) => {
            return equality(op, items.iter().any(|i| same_text(i, t)));
        }
        (Val::Bool(a), Val::Bool(b)) => return equality(op, a == b),
        _ => return None,
    };
    Some(match op {
        CmpOp::Eq | CmpOp::Near => ordering == Ordering::Equal,
        CmpOp::Ne => ordering != Ordering::Equal,
        CmpOp::Lt => ordering == Ordering::Less,
        CmpOp::Le => ordering != Ordering::Greater,
        CmpOp::Gt => ordering == Ordering::Greater,
        CmpOp::Ge => ordering != Ordering::Less,
        CmpOp::Match | CmpOp::NoMatch => return None,
    })
}

fn equality(op: CmpOp, equal: bool) -> Option<bool> {
    match op {
        CmpOp::Eq => Some(equal),
        CmpOp::Ne => Some(!equal),
        _ => None,
    }
}

fn show(value: &Val<'_>) -> String {
    match value {
        Val::Unknown => "unknown".to_string(),
        Val::Bool(b) => b.to_string(),
        Val::Number(n) => crate::amount::group_thousands(n.normalize()),
        Val::Fig(f) => figures::show(f.value, f.unit),
        Val::Text(t) => t.to_string(),
        Val::List(items) => items.join(", "),
    }
}
