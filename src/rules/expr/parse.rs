//! The parser: tokens → a typed tree, every error at its place. Precedence, loosest first:
//! `or`, `and`, `not`, comparisons (one per operand, never chained), `+ -`, `* /`, unary `-`.

use std::ops::Range;

use regex::Regex;

use super::lex::Token;
use super::{ArithOp, CmpOp, ExprError, Kind, Node, Scope, Ty};
use crate::amount::{self, Unit};
use crate::model::fields::{Field, Target};
use crate::model::vocab::{Breakdown, Budget, LinkKind, Ministry, Phase, Rounding};
use crate::suggest::closest;

/// The functions of the language, for messages.
const FUNCTIONS: &[&str] = &["sum", "count"];
const KEYWORDS: &[&str] = &["and", "or", "not", "true", "false", "parent"];

pub struct Parser<'t> {
    text: &'t str,
    tokens: Vec<(Token, Range<usize>)>,
    at: usize,
    target: Target,
    known: &'t crate::rules::Known,
}

impl<'t> Parser<'t> {
    pub fn new(
        text: &'t str,
        tokens: Vec<(Token, Range<usize>)>,
        target: Target,
        known: &'t crate::rules::Known,
    ) -> Self {
        Parser { text, tokens, at: 0, target, known }
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(t, _)| t)
    }

    fn range(&self) -> Range<usize> {
        self.tokens.get(self.at).map_or(self.text.len()..self.text.len(), |(_, r)| r.clone())
    }

    fn next(&mut self) -> Option<(Token, Range<usize>)> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn expect(&mut self, wanted: &Token, what: &str) -> Result<Range<usize>, ExprError> {
        match self.next() {
            Some((token, range)) if &token == wanted => Ok(range),
            Some((_, range)) => Err(ExprError::new(range, format!("expected {what} here"))),
            None => Err(ExprError::new(self.text.len()..self.text.len(), format!("the condition ends before {what}"))),
        }
    }

    /// The whole condition: one expression, nothing left over, true or false.
    pub fn condition(mut self) -> Result<Node, ExprError> {
        if self.tokens.is_empty() {
            return Err(ExprError::new(0..self.text.len(), "the condition is empty".to_string())
                .help("write a comparison such as `amount > 0`"));
        }
        let node = self.expr(0)?;
        if let Some(error) = node.bare_word() {
            return Err(error.clone());
        }
        if let Some((token, range)) = self.next() {
            return Err(leftover(&node, &token, range, self.text));
        }
        if node.ty != Ty::Bool {
            return Err(ExprError::new(
                node.range.clone(),
                format!("`{}` is not a condition", &self.text[node.range.clone()]),
            )
            .help("compare it with something, e.g. `amount > 0`"));
        }
        if !node.reads_a_field() {
            return Err(ExprError::new(
                node.range.clone(),
                "the condition reads no field: it is the same for every node".to_string(),
            )
            .help("compare a field, e.g. `amount > 0`"));
        }
        Ok(node)
    }

    fn expr(&mut self, min: u8) -> Result<Node, ExprError> {
        let mut left = self.prefix()?;
        while let Some((power, kind)) = self.peek().and_then(infix_of) {
            if power < min {
                break;
            }
            let op_range = self.range();
            self.at += 1;
            let right = self.expr(power + 1)?;
            left = self.combine(kind, left, right, op_range)?;
            let chained = matches!(self.peek().and_then(infix_of), Some((_, Infix::Compare(_))));
            if matches!(kind, Infix::Compare(_)) && chained {
                return Err(ExprError::new(self.range(), "comparisons do not chain".to_string())
                    .help("join two comparisons with `and`: `0 < amount and amount < 10`"));
            }
        }
        Ok(left)
    }

    fn prefix(&mut self) -> Result<Node, ExprError> {
        let Some((token, range)) = self.next() else {
            let end = self.text.len();
            return Err(ExprError::new(end..end, "the condition ends where a value is expected".to_string()));
        };
        match token {
            Token::Word(w) if w == "not" => {
                let inner = self.expr(3)?;
                let range = range.start..inner.range.end;
                self.boolean(&inner)?;
                Ok(Node { kind: Kind::Not(Box::new(inner)), ty: Ty::Bool, range })
            }
            Token::Op("-") => {
                let inner = self.expr(7)?;
                let range = range.start..inner.range.end;
                if !inner.ty.is_numeric() {
                    return Err(self.not_numeric(&inner, "`-`"));
                }
                let ty = inner.ty;
                Ok(Node { kind: Kind::Neg(Box::new(inner)), ty, range })
            }
            Token::Open => {
                let mut inner = self.expr(0)?;
                let close = self.expect(&Token::Close, "`)`")?;
                inner.range = range.start..close.end;
                Ok(inner)
            }
            Token::Figure(text) => self.figure(&text, range),
            Token::Quoted(text) => Ok(Node::leaf(Kind::Text(text), Ty::Text, range)),
            Token::Text(text) => Ok(Node::leaf(Kind::Text(text), Ty::Text, range)),
            Token::Word(word) => self.word(word, range),
            Token::Op(op) => Err(ExprError::new(range, format!("`{op}` needs a value before it"))),
            Token::Close => Err(ExprError::new(range, "`)` without its `(`".to_string())),
            Token::Dot => Err(ExprError::new(range, "`.` belongs after `parent` or `children`".to_string())),
        }
    }

    fn figure(&mut self, text: &str, range: Range<usize>) -> Result<Node, ExprError> {
        if let Some((Token::Text(unit), unit_range)) = self.tokens.get(self.at).cloned() {
            if unit.starts_with(['円', '千', '万', '百', '億', '兆']) {
                return Err(ExprError::new(
                    range.start..unit_range.end,
                    format!(
                        "`{}` is not an amount: a number and its unit are written together",
                        &self.text[range.start..unit_range.end]
                    ),
                )
                .help(format!("write `{text}{unit}`")));
            }
        }
        let has_unit = text.contains(['円', '千', '万', '百', '億', '兆', 'ド']);
        match amount::parse(text, Unit::Yen) {
            Ok(amount) if has_unit => Ok(Node::leaf(Kind::Amount(amount), Ty::Amount, range)),
            Ok(amount) => Ok(Node::leaf(Kind::Number(amount.value()), Ty::Number, range)),
            Err(e) => {
                let help = match amount::safe_fix(text, Unit::Yen) {
                    Some(fixed) => format!("write `{fixed}`"),
                    None => "write an amount as the documents do, e.g. `50億円`, `1,238億円`, `6,371百万円`, or a bare number".into(),
                };
                Err(ExprError::new(range, format!("`{text}` is not an amount: {}", e.message)).help(help))
            }
        }
    }

    fn word(&mut self, word: String, range: Range<usize>) -> Result<Node, ExprError> {
        match word.as_str() {
            "true" => return Ok(Node::leaf(Kind::Bool(true), Ty::Bool, range)),
            "false" => return Ok(Node::leaf(Kind::Bool(false), Ty::Bool, range)),
            "and" | "or" => return Err(ExprError::new(range, format!("`{word}` needs a condition before it"))),
            "parent" => {
                self.items_only(&range, "`parent.`")?;
                self.expect(&Token::Dot, "`.` and a field: `parent.amount`")?;
                let (field, field_range) = self.field_name()?;
                let ty = field_type(&field);
                return Ok(Node::leaf(Kind::Field(Scope::Parent, field), ty, range.start..field_range.end));
            }
            "sum" | "count" if self.peek() == Some(&Token::Open) => return self.function(&word, range),
            _ => {}
        }
        if self.peek() == Some(&Token::Open) {
            let near = closest(&word, FUNCTIONS).map(|f| format!("did you mean `{f}`? ")).unwrap_or_default();
            return Err(ExprError::new(range, format!("unknown function `{word}`"))
                .help(format!("{near}the functions are `sum(children.FIELD)` and `count(children)`")));
        }
        match self.field(&word, &range) {
            Ok(field) => {
                let ty = field_type(&field);
                Ok(Node::leaf(Kind::Field(Scope::Own, field), ty, range))
            }
            Err(error) => Ok(Node::leaf(Kind::Bare(word, error), Ty::Text, range)),
        }
    }

    fn items_only(&self, range: &Range<usize>, what: &str) -> Result<(), ExprError> {
        match self.target {
            Target::Items => Ok(()),
            _ => Err(ExprError::new(
                range.clone(),
                format!("{what} is for items, and this rule selects {}", self.target.name()),
            )),
        }
    }

    /// `sum(children.FIELD)` or `count(children)`.
    fn function(&mut self, name: &str, range: Range<usize>) -> Result<Node, ExprError> {
        self.items_only(&range, &format!("`{name}(children…)`"))?;
        self.expect(&Token::Open, "`(`")?;
        let (word, word_range) = match self.next() {
            Some((Token::Word(w), r)) => (w, r),
            Some((_, r)) => return Err(ExprError::new(r, format!("`{name}` takes `children`"))),
            None => return Err(ExprError::new(self.text.len()..self.text.len(), format!("`{name}(` is not closed"))),
        };
        if word != "children" {
            return Err(ExprError::new(word_range, format!("`{name}` takes `children`, not `{word}`")));
        }
        let node = if name == "count" {
            Node::leaf(Kind::CountChildren, Ty::Number, range.start..0)
        } else {
            self.expect(&Token::Dot, "`.` and a figure field: `sum(children.amount)`")?;
            let (field, field_range) = self.field_name()?;
            if !field.is_figure() {
                return Err(ExprError::new(
                    field_range,
                    format!("`sum` adds figures, and `{}` is not one", field.name()),
                )
                .help("add `amount`, `previous`, `supplementary` or an `x-` field"));
            }
            Node::leaf(Kind::SumChildren(field), Ty::Amount, range.start..0)
        };
        let close = self.expect(&Token::Close, "`)`")?;
        Ok(Node { range: range.start..close.end, ..node })
    }

    fn field_name(&mut self) -> Result<(Field, Range<usize>), ExprError> {
        match self.next() {
            Some((Token::Word(w), r)) => Ok((self.field(&w, &r)?, r)),
            Some((_, r)) => Err(ExprError::new(r, "a field name belongs here".to_string())),
            None => Err(ExprError::new(
                self.text.len()..self.text.len(),
                "the condition ends before a field name".to_string(),
            )),
        }
    }

    fn field(&self, word: &str, range: &Range<usize>) -> Result<Field, ExprError> {
        if let Some(field) = Field::parse(self.target, word) {
            return Ok(field);
        }
        let names = Field::names(self.target);
        let mut known: Vec<&str> = names.clone();
        known.extend(FUNCTIONS);
        known.extend(KEYWORDS);
        let near = closest(word, &known).map(|f| format!("did you mean `{f}`? ")).unwrap_or_default();
        Err(ExprError::new(range.clone(), format!("unknown field `{word}`")).help(format!(
            "{near}the fields of {} are {}; `x-` fields too; text is written in quotes: \"{word}\"",
            self.target.name(),
            names.join(", ")
        )))
    }

    fn boolean(&self, node: &Node) -> Result<(), ExprError> {
        match node.ty {
            Ty::Bool => Ok(()),
            _ => Err(ExprError::new(
                node.range.clone(),
                format!("`{}` is not a condition", &self.text[node.range.clone()]),
            )
            .help("`and`, `or` and `not` join conditions such as `amount > 0`")),
        }
    }

    fn not_numeric(&self, node: &Node, what: &str) -> ExprError {
        ExprError::new(
            node.range.clone(),
            format!("{what} takes amounts and numbers, and `{}` is {}", &self.text[node.range.clone()], node.ty.name()),
        )
    }

    fn combine(&self, op: Infix, left: Node, mut right: Node, op_range: Range<usize>) -> Result<Node, ExprError> {
        let range = left.range.start..right.range.end;
        if matches!(op, Infix::Compare(CmpOp::Eq | CmpOp::Ne)) {
            self.vocabulary(&left, &mut right)?;
        }
        if let Some(error) = left.bare_word().or_else(|| right.bare_word()) {
            return Err(error.clone());
        }
        match op {
            Infix::And | Infix::Or => {
                self.boolean(&left)?;
                self.boolean(&right)?;
                let kind = if op == Infix::And {
                    Kind::And(Box::new(left), Box::new(right))
                } else {
                    Kind::Or(Box::new(left), Box::new(right))
                };
                Ok(Node { kind, ty: Ty::Bool, range })
            }
            Infix::Arith(arith) => {
                let ty = self.arith_type(arith, &left, &right, &op_range)?;
                Ok(Node { kind: Kind::Arith(arith, Box::new(left), Box::new(right)), ty, range })
            }
            Infix::Compare(cmp) => self.comparison(cmp, left, right, range, op_range),
        }
    }

    fn arith_type(&self, op: ArithOp, left: &Node, right: &Node, op_range: &Range<usize>) -> Result<Ty, ExprError> {
        let symbol = &self.text[op_range.clone()];
        for side in [left, right] {
            if !side.ty.is_numeric() {
                return Err(self.not_numeric(side, &format!("`{symbol}`")));
            }
        }
        let amount = |n: &Node| matches!(n.ty, Ty::Amount | Ty::Figure);
        Ok(match op {
            ArithOp::Add | ArithOp::Sub if amount(left) || amount(right) => Ty::Amount,
            ArithOp::Add | ArithOp::Sub => Ty::Number,
            ArithOp::Mul if amount(left) && amount(right) => {
                return Err(ExprError::new(
                    left.range.start..right.range.end,
                    "an amount times an amount is no amount".to_string(),
                )
                .help("scale an amount by a number: `previous * 1.5`"));
            }
            ArithOp::Mul if amount(left) || amount(right) => Ty::Amount,
            ArithOp::Div if amount(left) && amount(right) => Ty::Number,
            ArithOp::Div if amount(right) => {
                return Err(ExprError::new(
                    right.range.clone(),
                    "a number divided by an amount is no amount".to_string(),
                ));
            }
            ArithOp::Div if amount(left) => Ty::Amount,
            _ => Ty::Number,
        })
    }

    fn comparison(
        &self,
        op: CmpOp,
        left: Node,
        right: Node,
        range: Range<usize>,
        op_range: Range<usize>,
    ) -> Result<Node, ExprError> {
        let symbol = &self.text[op_range];
        let mut regex = None;
        let texts = |t: Ty| matches!(t, Ty::Text | Ty::List | Ty::Figure);
        match op {
            CmpOp::Match | CmpOp::NoMatch => {
                if !texts(left.ty) {
                    return Err(ExprError::new(
                        left.range.clone(),
                        format!(
                            "`{symbol}` matches text, and `{}` is {}",
                            &self.text[left.range.clone()],
                            left.ty.name()
                        ),
                    ));
                }
                let Kind::Text(pattern) = &right.kind else {
                    return Err(ExprError::new(
                        right.range.clone(),
                        format!("`{symbol}` takes a regular expression in quotes on its right"),
                    ));
                };
                regex = Some(Regex::new(pattern).map_err(|e| {
                    ExprError::new(right.range.clone(), format!("`{pattern}` is not a regular expression: {e}"))
                })?);
            }
            CmpOp::Eq | CmpOp::Ne => {
                let fits = (left.ty.is_numeric() && right.ty.is_numeric())
                    || (texts(left.ty) && texts(right.ty) && !(left.ty == Ty::List && right.ty == Ty::List))
                    || (left.ty == Ty::Bool && right.ty == Ty::Bool);
                if !fits {
                    return Err(self.mismatched(symbol, &left, &right));
                }
            }
            CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge | CmpOp::Near => {
                if !(left.ty.is_numeric() && right.ty.is_numeric()) {
                    let odd = if left.ty.is_numeric() { &right } else { &left };
                    return Err(if left.ty.is_numeric() || right.ty.is_numeric() {
                        self.mismatched(symbol, &left, &right)
                    } else {
                        self.not_numeric(odd, &format!("`{symbol}`"))
                    });
                }
            }
        }
        Ok(Node {
            kind: Kind::Compare { op, left: Box::new(left), right: Box::new(right), regex },
            ty: Ty::Bool,
            range,
        })
    }

    fn mismatched(&self, symbol: &str, left: &Node, right: &Node) -> ExprError {
        ExprError::new(
            left.range.start..right.range.end,
            format!(
                "`{symbol}` compares {} with {}: `{}` against `{}`",
                left.ty.name(),
                right.ty.name(),
                &self.text[left.range.clone()],
                &self.text[right.range.clone()]
            ),
        )
        .help("compare amounts with amounts or numbers, text with text in quotes")
    }

    /// A literal compared with a field of a closed vocabulary must be one of its words; the
    /// literal is stored in its canonical form (`厚` → `厚生労働省`).
    fn vocabulary(&self, left: &Node, right: &mut Node) -> Result<(), ExprError> {
        let (Kind::Field(_, field), Kind::Text(literal) | Kind::Bare(literal, _)) = (&left.kind, &mut right.kind)
        else {
            return Ok(());
        };
        let (canonical, choices): (Option<String>, Vec<&str>) = match field {
            Field::Ministry => {
                let mut forms: Vec<&str> = Ministry::FORMS.iter().map(|(f, _)| *f).collect();
                forms.extend(self.known.ministries.iter().map(String::as_str));
                (self.known.ministry(literal), forms)
            }
            Field::Phase => {
                (Phase::parse(literal).map(|p| p.name().to_string()), Phase::FORMS.iter().map(|(f, _)| *f).collect())
            }
            Field::Breakdown => (
                Breakdown::parse(literal).map(|b| b.name().to_string()),
                Breakdown::FORMS.iter().map(|(f, _)| *f).collect(),
            ),
            Field::Budget => {
                (Budget::parse(literal).map(|b| b.name().to_string()), Budget::FORMS.iter().map(|(f, _)| *f).collect())
            }
            Field::Rounding => (
                Rounding::parse(literal).map(|r| r.name().to_string()),
                Rounding::FORMS.iter().map(|(f, _)| *f).collect(),
            ),
            Field::Kind => (
                LinkKind::parse(literal).map(|k| k.name().to_string()),
                LinkKind::FORMS.iter().map(|(f, _)| *f).collect(),
            ),
            Field::Unit => (Unit::parse(literal).map(|u| u.symbol().to_string()), Unit::all_symbols().collect()),
            _ => return Ok(()),
        };
        match canonical {
            Some(word) => {
                right.kind = Kind::Text(word);
                Ok(())
            }
            None => {
                let near = closest(literal, &choices).map(|c| format!("did you mean `{c}`? ")).unwrap_or_default();
                Err(ExprError::new(right.range.clone(), format!("`{literal}` is not a value of `{}`", field.name()))
                    .help(format!("{near}it is one of {}", choices.join(", "))))
            }
        }
    }
}

/// The error for tokens after a complete expression.
fn leftover(node: &Node, token: &Token, range: Range<usize>, text: &str) -> ExprError {
    let found = &text[range.clone()];
    match token {
        Token::Word(w) if w == "and" || w == "or" => ExprError::new(range, format!("`{w}` needs a condition after it")),
        _ if matches!(node.kind, Kind::Number(_)) || matches!(node.kind, Kind::Amount(_)) => ExprError::new(
            range,
            format!("`{found}` after `{}`: write a number and its unit together", &text[node.range.clone()]),
        ),
        _ => ExprError::new(
            range.start..text.len(),
            format!("`{}` is left over after the condition `{}`", &text[range.start..], &text[node.range.clone()]),
        )
        .help("join conditions with `and` or `or`; write text in quotes"),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Infix {
    Or,
    And,
    Compare(CmpOp),
    Arith(ArithOp),
}

fn infix_of(token: &Token) -> Option<(u8, Infix)> {
    match token {
        Token::Op(op) => infix(op),
        Token::Word(word) => infix(word),
        _ => None,
    }
}

/// The binding power and meaning of an infix operator.
fn infix(op: &str) -> Option<(u8, Infix)> {
    Some(match op {
        "or" => (1, Infix::Or),
        "and" => (2, Infix::And),
        "==" => (4, Infix::Compare(CmpOp::Eq)),
        "!=" => (4, Infix::Compare(CmpOp::Ne)),
        "<" => (4, Infix::Compare(CmpOp::Lt)),
        "<=" => (4, Infix::Compare(CmpOp::Le)),
        ">" => (4, Infix::Compare(CmpOp::Gt)),
        ">=" => (4, Infix::Compare(CmpOp::Ge)),
        "~=" | "≈" => (4, Infix::Compare(CmpOp::Near)),
        "~" => (4, Infix::Compare(CmpOp::Match)),
        "!~" => (4, Infix::Compare(CmpOp::NoMatch)),
        "+" => (5, Infix::Arith(ArithOp::Add)),
        "-" => (5, Infix::Arith(ArithOp::Sub)),
        "*" | "×" => (6, Infix::Arith(ArithOp::Mul)),
        "/" | "÷" => (6, Infix::Arith(ArithOp::Div)),
        _ => return None,
    })
}

/// The type of a field's values.
pub fn field_type(field: &Field) -> Ty {
    match field {
        Field::Amount | Field::Previous | Field::Supplementary => Ty::Amount,
        Field::Extension(_) => Ty::Figure,
        Field::Depth | Field::Children | Field::FiscalYear | Field::Items => Ty::Number,
        Field::Ministry | Field::Phase => Ty::List,
        _ => Ty::Text,
    }
}

impl Node {
    pub fn leaf(kind: Kind, ty: Ty, range: Range<usize>) -> Node {
        Node { kind, ty, range }
    }

    /// The error of the first bare word left that is neither a field nor a vocabulary's value.
    fn bare_word(&self) -> Option<&ExprError> {
        match &self.kind {
            Kind::Bare(_, error) => Some(error),
            Kind::Neg(a) | Kind::Not(a) => a.bare_word(),
            Kind::Arith(_, a, b) | Kind::And(a, b) | Kind::Or(a, b) => a.bare_word().or_else(|| b.bare_word()),
            Kind::Compare { left, right, .. } => left.bare_word().or_else(|| right.bare_word()),
            _ => None,
        }
    }

    /// Whether any field is read: a condition of literals alone is the same everywhere.
    fn reads_a_field(&self) -> bool {
        match &self.kind {
            Kind::Field(..) | Kind::SumChildren(_) | Kind::CountChildren => true,
            Kind::Neg(a) | Kind::Not(a) => a.reads_a_field(),
            Kind::Arith(_, a, b) | Kind::And(a, b) | Kind::Or(a, b) => a.reads_a_field() || b.reads_a_field(),
            Kind::Compare { left, right, .. } => left.reads_a_field() || right.reads_a_field(),
            _ => false,
        }
    }
}
