//! Every input that made a fuzz target (`fuzz/`) crash, kept under `tests/fuzz-regressions/
//! TARGET/` and run here through the same code as the target, so that it never crashes again.

use std::path::{Path, PathBuf};

use yosan::engine::{check_inputs, Input, Options};
use yosan::render::{self, terminal, HumanStyle};
use yosan::rules::Catalog;

fn inputs(target: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README"))
        .collect();
    files.sort();
    files
}

fn check_and_render(bytes: &[u8], catalog: &Catalog) {
    let outcome =
        check_inputs(catalog, &Options::new(Vec::new()), vec![Input::Bytes("fuzz.yaml".into(), bytes.to_vec())]);
    assert!(serde_json::from_str::<serde_json::Value>(&render::json(&outcome)).is_ok());
    let mut human = String::new();
    render::human(&outcome, HumanStyle { color: false, width: 100 }, &mut human);
    assert!(!human.chars().any(|c| terminal::is_unsafe(c) && c != '\n'));
}

#[test]
fn rule_file_inputs_that_crashed_read_cleanly() {
    let shipped = Catalog::shipped().unwrap();
    for file in inputs("rule_file") {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        let mut catalog = shipped.clone();
        match catalog.add_file("fuzz.yaml", &text) {
            Ok(()) => check_and_render(b"format: yosan/1\n", &catalog),
            Err(error) => drop(format!("{:?}", miette::Report::new(*error))),
        }
    }
}

#[test]
fn check_inputs_that_crashed_check_cleanly() {
    let catalog = Catalog::shipped().unwrap();
    for file in inputs("check").into_iter().chain(inputs("load")) {
        check_and_render(&std::fs::read(&file).unwrap(), &catalog);
    }
}

#[test]
fn amount_inputs_that_crashed_parse_cleanly() {
    for file in inputs("amount") {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        let _ = yosan::amount::parse(&text, yosan::amount::Unit::HundredMillionYen);
    }
}
