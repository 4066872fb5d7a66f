use proptest::prelude::*;

use super::*;
use crate::engine::{check_inputs, Input, Options};
use crate::rules::Catalog;

const HEADER: &str = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 令和4年度}\nitems:\n";

fn outcome(text: &str) -> Outcome {
    let catalog = Catalog::shipped().unwrap();
    check_inputs(&catalog, &Options::new(Vec::new()), vec![Input::Bytes("d.yaml".into(), text.as_bytes().to_vec())])
}

fn fixed(text: &str) -> Option<String> {
    fixes(&outcome(text)).pop().map(|change| change.new)
}

fn codes(text: &str) -> Vec<String> {
    outcome(text).findings.iter().map(|f| f.code.to_string()).collect()
}

#[test]
fn spaces_in_a_figure_go_and_quotes_stay() {
    let text = format!(
        "{HEADER}  - {{id: a, name: a, amount: 12 億円}}  # note\n  - {{id: b, name: b, amount: \"1, 2 3 8 億円\"}}\n"
    );
    let expected = format!(
        "{HEADER}  - {{id: a, name: a, amount: 12億円}}  # note\n  - {{id: b, name: b, amount: \"1,238億円\"}}\n"
    );
    assert_eq!(fixed(&text).as_deref(), Some(expected.as_str()));
}

#[test]
fn a_missing_yen_and_a_full_width_space_are_fixed() {
    let text = format!(
        "{HEADER}  - id: a\n    name: a\n    amount: 45.5億\n  - id: b\n    name: b\n    amount: 12億円\u{3000}\n"
    );
    let expected =
        format!("{HEADER}  - id: a\n    name: a\n    amount: 45.5億円\n  - id: b\n    name: b\n    amount: 12億円\n");
    assert_eq!(fixed(&text).as_deref(), Some(expected.as_str()));
}

#[test]
fn a_guess_is_not_a_fix() {
    for amount in ["12..3億円", "\"1,23億円\"", "1e3", "\"12\\u0020億円\""] {
        let text = format!("{HEADER}  - {{id: a, name: a, amount: {amount}}}\n");
        assert!(codes(&text).contains(&"amount-format".to_string()), "{amount}");
        assert_eq!(fixed(&text), None, "{amount}");
    }
}

#[test]
fn unused_suppressions_are_removed_trailing_or_alone() {
    let text = format!("{HEADER}  - id: a  # yosan-allow: sum-mismatch -- old\n    name: a\n    # yosan-allow: amount-format -- old\n    amount: 1億円\n");
    let expected = format!("{HEADER}  - id: a\n    name: a\n    amount: 1億円\n");
    assert_eq!(fixed(&text).as_deref(), Some(expected.as_str()));
    assert!(codes(&expected).is_empty());
}

#[test]
fn a_scalar_that_aliases_repeat_is_left_alone() {
    let text = format!("{HEADER}  - &it {{id: a, name: a, amount: 12 億円}}\n  - *it\n");
    assert_eq!(fixed(&text), None);
}

#[test]
fn suppressions_are_added_on_the_line_or_above_it() {
    let text = format!("{HEADER}  - id: a\n    name: a\n    amount: 10億円\n    items:\n      - {{id: b, name: b, amount: 3億円}}  # 資料 p.3\n  - {{id: c, name: c, amount: 1 億円}}\n");
    let outcome = outcome(&text);
    let changes = add_allow(&outcome, "legacy data", &|_| true);
    let new = &changes[0].new;
    assert!(new.contains("    amount: 10億円  # yosan-allow: sum-mismatch -- legacy data\n"), "{new}");
    assert!(new.contains("amount: 1 億円}  # yosan-allow: amount-format -- legacy data\n"), "{new}");
    assert!(codes(new).is_empty(), "{:?}", codes(new));
}

#[test]
fn an_added_suppression_above_a_commented_line_keeps_its_indent_and_line_breaks() {
    let text = format!("{HEADER}  - id: a\n    name: a\n    amount: 12 億円  # 資料 p.3\n").replace('\n', "\r\n");
    let outcome = outcome(&text);
    let new = add_allow(&outcome, "later", &|_| true).pop().unwrap().new;
    assert!(
        new.contains("\r\n    # yosan-allow: amount-format -- later\r\n    amount: 12 億円  # 資料 p.3\r\n"),
        "{new:?}"
    );
    assert!(codes(&new).is_empty());
}

#[test]
fn no_comment_lands_inside_a_block_scalar() {
    let text = format!("{HEADER}  - id: a\n    name: a\n    note: |\n      one\n      two\n    amount: 12 億円\n");
    let outcome = outcome(&text);
    let changes = add_allow(&outcome, "later", &|_| true);
    let new = &changes[0].new;
    assert!(new.contains("one\n      two\n"), "{new}");
    assert!(codes(new).is_empty());
}

/// How an amount of the property below is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Valid,
    Fixable,
    Unfixable,
}

fn amount() -> impl Strategy<Value = (String, Kind)> {
    prop_oneof![
        Just(("12億円".to_string(), Kind::Valid)),
        Just(("12 億円".to_string(), Kind::Fixable)),
        Just(("\"6,371 百万円\"".to_string(), Kind::Fixable)),
        Just(("45.5億".to_string(), Kind::Fixable)),
        Just(("約 3億円".to_string(), Kind::Fixable)),
        Just(("\"1,23億円\"".to_string(), Kind::Unfixable)),
        Just(("▲ 0.5億円".to_string(), Kind::Fixable)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A fix resolves its findings, changes nothing but the fixed figures, and leaves nothing
    /// to fix again.
    #[test]
    fn fixes_are_exact_and_idempotent(amounts in prop::collection::vec(amount(), 1..8), comment in any::<bool>()) {
        let mut text = HEADER.to_string();
        for (i, (amount, _)) in amounts.iter().enumerate() {
            let note = if comment { "  # 資料" } else { "" };
            text.push_str(&format!("  - id: i{i}\n    name: 事業{i}\n    amount: {amount}{note}\n"));
        }
        let Some(new) = fixed(&text) else {
            prop_assert!(amounts.iter().all(|(_, kind)| *kind != Kind::Fixable));
            return Ok(());
        };
        let unfixable = amounts.iter().filter(|(_, kind)| *kind == Kind::Unfixable).count();
        let left = codes(&new).iter().filter(|c| *c == "amount-format").count();
        prop_assert_eq!(left, unfixable);
        prop_assert_eq!(fixed(&new), None);
        // Outside the figures, every byte is the same.
        let strip = |t: &str| t.lines().map(|l| l.split_once("amount:").map_or(l, |(k, _)| k).to_string()).collect::<Vec<_>>();
        prop_assert_eq!(strip(&text), strip(&new));
    }
}
