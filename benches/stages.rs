//! Micro-benchmarks of each stage on a generated dataset with injected defects of every core
//! code (`generator.rs`), with divan:
//!
//!     cargo bench --bench stages
//!     cargo bench --bench stages -- check_kind   # one group
//!
//! `load_tree` is the span tree, `read_model` the model read while loading (what `check`
//! does), `amounts` the amount parser on every figure of the file, `check_kind` the rule
//! passes of each check kind on the model read beforehand, `check_all` a whole run in memory,
//! `check_one_line` a run with 20,000 findings on one long line, `check_rs_2024` a run on the
//! nation's RS data (real files, real findings).
//! Whole-process timings against the parser's event stream are `parse_floor` and
//! `/usr/bin/time` (README).

#[path = "generator.rs"]
mod generator;

use std::sync::{Arc, LazyLock};

use divan::Bencher;

use yosan::amount::{self, Unit};
use yosan::engine::{check_inputs, run_rules, Input, Options};
use yosan::load::{self, Limits};
use yosan::rules::{Catalog, Rule};

/// 20,000 leaves (about 3 MB), defects in 1% of the programs: large enough for the parse
/// thread, small enough for many samples.
static DATASET: LazyLock<Arc<String>> = LazyLock::new(|| {
    Arc::new(generator::generate(&generator::Options { leaves: 20_000, seed: 1, errors: 0.002, defects: 0.01 }).text)
});

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 30)]
fn load_tree(bencher: Bencher) {
    let limits = Limits::default();
    bencher.bench(|| load::load(divan::black_box(&DATASET), &limits).map(|doc| doc.comments.len()));
}

#[divan::bench(sample_count = 30)]
fn read_model(bencher: Bencher) {
    let limits = Limits::default();
    bencher.bench(|| yosan::model::read(0, divan::black_box(&DATASET), &limits, &[]).map(|read| read.0.items.len()));
}

#[divan::bench]
fn amounts(bencher: Bencher) {
    let figures: Vec<&str> = DATASET.lines().filter_map(|line| line.trim().strip_prefix("amount: ")).collect();
    bencher.counter(divan::counter::ItemsCount::new(figures.len())).bench(|| {
        figures.iter().filter(|f| amount::parse(divan::black_box(f), Unit::HundredMillionYen).is_ok()).count()
    });
}

/// Every check kind the shipped rules use.
fn kinds() -> Vec<&'static str> {
    let catalog = Catalog::shipped().expect("the shipped rules");
    let mut kinds: Vec<&'static str> = catalog.rules.iter().map(|r| r.check.kind()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// The rule passes of one check kind (the shipped rules of that kind) on the model, read once
/// beforehand: what the kind itself costs.
#[divan::bench(args = kinds())]
fn check_kind(bencher: Bencher, kind: &str) {
    let catalog = Catalog::shipped().expect("the shipped rules");
    let rules: Vec<&Rule> = catalog.rules.iter().filter(|rule| rule.check.kind() == kind).collect();
    let (dataset, _, _) = yosan::model::read(0, &DATASET, &Limits::default(), &[]).expect("the generated dataset");
    let datasets = [dataset];
    bencher.bench(|| run_rules(rules.clone(), &datasets, Vec::new()).len());
}

/// 20,000 items on one flow line (750 KB), each with a malformed amount: the cost of placing
/// many findings in one long line (lines and columns found from the index, not by scanning
/// the line).
static ONE_LINE: LazyLock<String> = LazyLock::new(|| {
    let items: Vec<String> = (0..20_000).map(|i| format!("{{id: a{i}, name: n{i}, amount: 1x}}")).collect();
    format!("format: yosan/1\ndataset: {{id: d, title: t, fiscal_year: 2024}}\nitems: [{}]\n", items.join(","))
});

#[divan::bench(sample_count = 10)]
fn check_one_line(bencher: Bencher) {
    let catalog = Catalog::shipped().expect("the shipped rules");
    bencher.bench(|| check_and_place(&catalog, &ONE_LINE));
}

/// A whole run on the file in memory, every shipped rule: reading, passes, suppressions.
#[divan::bench(sample_count = 30)]
fn check_all(bencher: Bencher) {
    let catalog = Catalog::shipped().expect("the shipped rules");
    bencher.bench(|| check_and_place(&catalog, &DATASET));
}

/// The nation's RS 2024 data (`tests/corpora/rs2024`), imported once: 120 files, 27.5 MB, several
/// `x-` fields on every line, and the findings real data has.
static RS_2024: LazyLock<Vec<(std::path::PathBuf, Vec<u8>)>> = LazyLock::new(|| {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let output = folder.path().join("rs");
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/rs2024");
    let options = yosan::import::rs::Options { from, output: output.clone(), year: None, ministry: None };
    yosan::import::rs::import(&options).expect("the vendored RS data imports");
    let mut files: Vec<_> =
        std::fs::read_dir(&output).expect("the import's folder").map(|e| e.unwrap().path()).collect();
    files.sort();
    files.into_iter().map(|path| (path.clone(), std::fs::read(&path).unwrap())).collect()
});

/// A whole run on the RS data in memory, every shipped rule (the copy of the input is not timed).
#[divan::bench(sample_count = 10)]
fn check_rs_2024(bencher: Bencher) {
    let catalog = Catalog::shipped().expect("the shipped rules");
    bencher
        .with_inputs(|| {
            RS_2024.iter().map(|(path, bytes)| Input::Bytes(path.clone(), bytes.clone())).collect::<Vec<_>>()
        })
        .bench_values(|inputs| check_inputs(&catalog, &Options::new(Vec::new()), inputs).findings.len());
}

/// A whole run on `text`, each finding given its line and column as every output gives them.
fn check_and_place(catalog: &Catalog, text: &str) -> usize {
    let input = Input::Bytes("bench.yaml".into(), text.as_bytes().to_vec());
    let outcome = check_inputs(catalog, &Options::new(Vec::new()), vec![input]);
    let file = &outcome.files[0];
    outcome.findings.iter().map(|f| file.position(f.defect.span.start()).column).sum()
}
