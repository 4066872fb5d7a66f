//! The rule-file reader on any text: never a panic; a rule file it accepts can be listed and
//! explained, and its rules run over the shipped datasets' kind of input without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yosan::engine::{check_inputs, Input, Options};
use yosan::rules::Catalog;

const DATASET: &str = "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 令和4年度}\nitems:\n  - id: a\n    name: 医薬品\n    amount: 10億円\n    ministry: 文部科学省\n    items:\n      - {id: b, name: 内訳, amount: 4億円, previous: 3億円}\n      - {id: c, name: 内訳2, amount: 6億円, relisted_from: b}\nlinks:\n  - {from: a, to: b, kind: handoff}\n";

fn shipped() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::shipped().expect("the shipped rules load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut catalog = shipped().clone();
    let Err(error) = catalog.add_file("fuzz.yaml", text) else {
        let _ = yosan::render::rules::table(&catalog);
        let _ = yosan::render::rules::markdown(&catalog);
        let options = Options::new(Vec::new());
        let input = Input::Bytes("d.yaml".into(), DATASET.as_bytes().to_vec());
        let outcome = check_inputs(&catalog, &options, vec![input]);
        let _ = yosan::render::json(&outcome);
        return;
    };
    let _ = format!("{:?}", miette::Report::new(*error));
});
