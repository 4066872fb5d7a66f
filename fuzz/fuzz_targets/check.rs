//! A whole `check` of one file, rendered for people and for machines: never a panic, and the
//! terminal output holds no raw control character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yosan::engine::{check_inputs, Input, Options};
use yosan::render::{self, terminal, HumanStyle};
use yosan::rules::Catalog;

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::shipped().expect("the shipped rules load"))
}

fuzz_target!(|data: &[u8]| {
    let catalog = catalog();
    let options = Options::new(Vec::new());
    let outcome = check_inputs(catalog, &options, vec![Input::Bytes("fuzz.yaml".into(), data.to_vec())]);
    let json = render::json(&outcome);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    let mut human = String::new();
    render::human(&outcome, HumanStyle { color: false, width: 100 }, &mut human);
    assert!(!human.chars().any(|c| terminal::is_unsafe(c) && c != '\n'), "raw control character in\n{human}");
});
