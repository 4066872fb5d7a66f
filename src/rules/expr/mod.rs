//! Conditions of the rule language, read into a typed tree when the rule file is read:
//! `amount <= previous * 1.5`, `amount - previous == x-difference`,
//! `sum(children.previous) == previous`, `ministry == 文 or ministry == 厚`,
//! `not (amount < 150000)`, `amount ~= parent.amount`.
//!
//! Grammar (`docs/rule-language.md` documents it with examples):
//!
//! ```text
//! condition  = or ;
//! or         = and { "or" and } ;
//! and        = not { "and" not } ;
//! not        = "not" not | comparison ;
//! comparison = sum [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "~=" | "~" | "!~" ) sum ] ;
//! sum        = product { ( "+" | "-" ) product } ;
//! product    = unary { ( "*" | "/" ) unary } ;
//! unary      = "-" unary | atom ;
//! atom       = FIGURE | TEXT | "true" | "false" | FIELD | "parent" "." FIELD
//!            | "sum" "(" "children" "." FIELD ")" | "count" "(" "children" ")" | "(" condition ")" ;
//! ```
//!
//! Every value has a type known when the rule is read (amount, number, text, list, true or
//! false; an `x-` field is a figure, an amount or text as the dataset writes it), and anything
//! that cannot be understood is an error at its place. A side whose value is absent makes a
//! comparison unknown; `and`, `or` and `not` follow three-valued logic (`false and unknown` is
//! false, `true or unknown` is true, `not unknown` is unknown); a node whose condition is
//! unknown is passed over.

mod eval;
mod lex;
mod parse;

#[cfg(test)]
mod tests;

use std::ops::Range;

use regex::Regex;
use rust_decimal::Decimal;

pub use eval::{Evaluation, Side};

use crate::amount::Amount;
use crate::model::fields::{Field, Target};

/// A parsed condition.
#[derive(Clone, Debug)]
pub struct Expr {
    /// The condition as written.
    pub text: String,
    root: Node,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Expr {}

/// Why a condition cannot be read: where in its text, what, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    /// Bytes of the condition's text.
    pub range: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl ExprError {
    pub fn new(range: Range<usize>, message: String) -> ExprError {
        ExprError { range, message, help: None }
    }

    pub fn help(mut self, help: impl Into<String>) -> ExprError {
        self.help = Some(help.into());
        self
    }

    /// The message with its help, for errors that have one line.
    pub fn full(&self) -> String {
        match &self.help {
            Some(help) => format!("{}; {help}", self.message),
            None => self.message.clone(),
        }
    }
}

impl Expr {
    /// Reads `text` as a condition on nodes of `target`.
    pub fn parse(text: &str, target: Target) -> Result<Expr, ExprError> {
        Expr::parse_in(text, target, &crate::rules::Known::default())
    }

    /// Reads `text` as a condition, with the project's additions to the vocabularies.
    pub fn parse_in(text: &str, target: Target, known: &crate::rules::Known) -> Result<Expr, ExprError> {
        let tokens = lex::tokens(text)?;
        let root = parse::Parser::new(text, tokens, target, known).condition()?;
        Ok(Expr { text: text.to_string(), root })
    }

    /// The text of a part of the condition, as written.
    fn part(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or("")
    }
}

/// The type of a value, known when the rule is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Amount,
    Number,
    Text,
    /// `ministry`, `phase`: equal to a text they contain.
    List,
    Bool,
    /// An `x-` field: an amount where the dataset writes a figure, else text.
    Figure,
}

impl Ty {
    fn is_numeric(self) -> bool {
        matches!(self, Ty::Amount | Ty::Number | Ty::Figure)
    }

    fn name(self) -> &'static str {
        match self {
            Ty::Amount => "an amount",
            Ty::Number => "a number",
            Ty::Text => "text",
            Ty::List => "a list",
            Ty::Bool => "a condition",
            Ty::Figure => "an `x-` field",
        }
    }
}

#[derive(Clone, Debug)]
struct Node {
    kind: Kind,
    ty: Ty,
    /// Bytes of the condition's text.
    range: Range<usize>,
}

/// Whose field: the node's own, or its parent's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Own,
    Parent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `~=`: equal within the rounding of the figures involved.
    Near,
    Match,
    NoMatch,
}

#[derive(Clone, Debug)]
enum Kind {
    /// A figure with its unit: `50億円`.
    Amount(Amount),
    /// A bare number: unit-less, or in the dataset's unit beside an amount.
    Number(Decimal),
    Text(String),
    /// A bare ASCII word that is no field: the value of a closed vocabulary when compared with
    /// its field (`kind == handoff`), else the error it holds.
    Bare(String, ExprError),
    Bool(bool),
    Field(Scope, Field),
    /// The additive children's figures added up.
    SumChildren(Field),
    CountChildren,
    Neg(Box<Node>),
    Arith(ArithOp, Box<Node>, Box<Node>),
    Compare {
        op: CmpOp,
        left: Box<Node>,
        right: Box<Node>,
        regex: Option<Regex>,
    },
    Not(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
}
