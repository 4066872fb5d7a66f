use super::*;
use crate::load::{load, Limits};
use crate::model::build;
use crate::model::fields::Subject;
use crate::model::Dataset;

fn datasets(yaml: &str) -> Vec<Dataset> {
    let doc = load(yaml, &Limits::default()).unwrap();
    vec![build(0, doc.root.as_ref()).0]
}

const DATA: &str = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - id: a\n    name: 創薬研究\n    amount: 150億円\n    previous: 90億円\n    ministry: [厚]\n    x-difference: 60億円\n    x-code: A1\n    items:\n      - {id: a1, name: 一, amount: 100億円, previous: 60億円}\n      - {id: a2, name: 二, amount: 50億円, previous: 31億円}\n      - {id: a3, name: 再, amount: 50億円, relisted_from: a2}\n  - {id: b, name: 機器, amount: \"6,000百万円\"}\n";

fn holds(expr: &str, item: usize) -> Option<bool> {
    let data = datasets(DATA);
    Expr::parse(expr, Target::Items)
        .unwrap_or_else(|e| panic!("{expr}: {e:?}"))
        .eval(&data, Subject::Item(0, item))
        .holds
}

fn error(expr: &str) -> ExprError {
    Expr::parse(expr, Target::Items).expect_err(expr)
}

#[test]
fn amounts_compare_exactly_across_units() {
    assert_eq!(holds("amount > 100億円", 0), Some(true));
    assert_eq!(holds("amount > 100億円", 4), Some(false));
    assert_eq!(holds("amount == 60億円", 4), Some(true));
    assert_eq!(holds("amount >= 6000000000円", 4), Some(true));
    assert_eq!(holds("amount > 100", 0), Some(true), "a bare number is in the dataset's unit");
}

#[test]
fn arithmetic_parent_children_and_extension_fields() {
    assert_eq!(holds("amount <= previous * 1.5", 0), Some(false));
    assert_eq!(holds("amount <= previous * 2", 0), Some(true));
    assert_eq!(holds("amount - previous == x-difference", 0), Some(true));
    assert_eq!(holds("(amount - previous) / previous > 0.5", 0), Some(true));
    assert_eq!(holds("sum(children.amount) == amount", 0), Some(true), "the relisted child is not added");
    assert_eq!(holds("sum(children.previous) == previous", 0), Some(false));
    assert_eq!(holds("sum(children.previous) ~= previous", 0), Some(true), "91 ± 1 against 90 ± 0.5");
    assert_eq!(holds("count(children) == 3", 0), Some(true));
    assert_eq!(holds("amount <= parent.amount", 1), Some(true));
    assert_eq!(holds("amount <= parent.amount", 0), None, "a top-level item has no parent");
    assert_eq!(holds("x-code == \"A1\"", 0), Some(true));
    assert_eq!(holds("amount <= previous * 1.5", 4), None, "no previous: unknown");
}

#[test]
fn equality_within_rounding() {
    let data = datasets("format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - id: a\n    name: A\n    amount: 238億円\n    x-sum: 238.3億円\n");
    let near = Expr::parse("amount ~= x-sum", Target::Items).unwrap();
    assert_eq!(near.eval(&data, Subject::Item(0, 0)).holds, Some(true), "238 ± 0.5 meets 238.3 ± 0.05");
    let exact = Expr::parse("amount == x-sum", Target::Items).unwrap();
    assert_eq!(exact.eval(&data, Subject::Item(0, 0)).holds, Some(false));
}

#[test]
fn three_valued_logic() {
    assert_eq!(holds("ministry == 文 or ministry == 厚", 0), Some(true));
    assert_eq!(holds("ministry == 文 or ministry == 厚", 4), None, "no ministry: unknown or unknown");
    assert_eq!(holds("amount > 1000億円 and previous > 0", 4), Some(false), "false and unknown is false");
    assert_eq!(holds("amount > 10億円 or previous > 0", 4), Some(true), "true or unknown is true");
    assert_eq!(holds("not (amount < 100)", 0), Some(true));
    assert_eq!(holds("not (previous > 0)", 4), None);
    assert_eq!(holds("name ~ \"研究$\"", 0), Some(true));
    assert_eq!(holds("name !~ \"研究\"", 4), Some(true));
}

#[test]
fn what_the_reader_refuses_each_at_its_place() {
    let e = error("amount <= previos");
    assert_eq!((e.range.clone(), e.message.as_str()), (10..17, "unknown field `previos`"));
    assert!(e.full().contains("did you mean `previous`"), "{e:?}");
    assert!(error("amount > 50億").full().contains("write `50億円`"), "{:?}", error("amount > 50億"));
    assert!(error("amount > 50 億円").full().contains("write `50億円`"));
    assert!(error("amount == bogus").message.contains("unknown field `bogus`"));
    assert!(error("name > 50億円").message.contains("compares text with an amount"));
    assert!(error("ministry == 文部省").full().contains("is not a value of `ministry`"));
    assert!(error("amount").message.contains("is not a condition"));
    assert!(error("amount > 1 amount").message.contains("left over"));
    assert!(error("0 < amount < 10").message.contains("do not chain"));
    assert!(error("amount * previous > 1").message.contains("times an amount"));
    assert!(error("1 == 1").message.contains("reads no field"));
    assert!(error("summ(children.amount) == amount").full().contains("did you mean `sum`"));
    assert!(error("sum(children.name) == amount").message.contains("not one"));
    assert!(error("amount > (1").message.contains("`)`"));
    assert!(error("").message.contains("empty"));
    assert!(Expr::parse("parent.amount > 0", Target::Links).is_err());
}
