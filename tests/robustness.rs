//! Bad input never panics: datasets built from random pieces, extreme figures included, go
//! through the whole engine.

use proptest::prelude::*;
use yosan::engine::{check, Options};
use yosan::rules::Catalog;

fn amount() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("79228162514264337593543950335".to_string()),
        Just("-79228162514264337593543950335円".to_string()),
        Just("▲9999999999999999999999999999".to_string()),
        Just("1兆2,380億円".to_string()),
        Just("46億円の内数".to_string()),
        Just("約0.1".to_string()),
        Just("12 億円".to_string()),
        Just("5,000千USドル".to_string()),
        "[0-9]{1,30}(\\.[0-9]{1,10})?(億円|百万円|円|千USドル|)",
    ]
}

fn reference() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_string()),
        Just("b".to_string()),
        Just("c".to_string()),
        Just("x:y".to_string()),
        Just("d:a".to_string())
    ]
}

fn item(depth: usize) -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["a", "b", "c", "a"]),
        prop::option::of(amount()),
        prop::option::of(reference()),
        prop::option::of(reference()),
    )
        .prop_map(move |(id, amount, relisted, included)| {
            let pad = "  ".repeat(depth * 2 + 1);
            let mut text = format!("{pad}- id: {id}\n{pad}  name: 名前{id}\n");
            if let Some(a) = amount {
                text.push_str(&format!("{pad}  amount: \"{a}\"\n"));
            }
            if let Some(r) = relisted {
                text.push_str(&format!("{pad}  relisted_from: \"{r}\"\n"));
            }
            if let Some(r) = included {
                text.push_str(&format!("{pad}  included_in: \"{r}\"\n"));
            }
            text
        })
}

fn dataset() -> impl Strategy<Value = String> {
    (
        item(0),
        prop::collection::vec(item(1), 0..5),
        prop::collection::vec(item(0), 0..3),
        prop::collection::vec((reference(), reference()), 0..4),
    )
        .prop_map(|(parent, children, rest, links)| {
            let mut text = String::from(
                "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 2022, rounding: half-up}\nitems:\n",
            );
            text.push_str(&parent);
            if !children.is_empty() {
                text.push_str("    items:\n");
                text.extend(children);
            }
            text.extend(rest);
            text.push_str("links:\n");
            for (from, to) in links {
                text.push_str(&format!("  - {{from: \"{from}\", to: \"{to}\", kind: handoff}}\n"));
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_datasets_never_panic(text in dataset()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.yaml");
        std::fs::write(&path, &text).unwrap();
        let outcome = check(&Catalog::shipped().unwrap(), &Options::new(vec![path]));
        prop_assert!(outcome.is_ok());
        let outcome = outcome.unwrap();
        let mut rendered = String::new();
        yosan::render::human(&outcome, yosan::render::HumanStyle { color: false, width: 80 }, &mut rendered);
        let _ = yosan::render::json(&outcome);
    }
}
