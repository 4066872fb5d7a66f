//! Writes a large synthetic `yosan/1` dataset for benchmarks, deterministic from a seed
//! (`generator.rs` says what it holds):
//!
//!     cargo run --release --example gen_dataset -- --leaves 300000 --seed 1 > big.yaml
//!     cargo run --release --example gen_dataset -- --leaves 200000 --defects 0.01 --manifest big.manifest > big.yaml
//!
//! `--errors` injects that share of wrong program totals (`sum-mismatch`); `--defects` that share
//! of programs with a defect of another core code, each code in turn. Each injected defect is
//! marked `# expect: CODE` on its line; `--manifest FILE` also writes them as `LINE CODE` lines.

#[path = "generator.rs"]
mod generator;

use generator::{generate, Options};

fn options() -> (Options, Option<String>) {
    let mut options = Options { leaves: 1000, seed: 1, errors: 0.0, defects: 0.0 };
    let mut manifest = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--leaves" => options.leaves = value.parse().expect("--leaves N"),
            "--seed" => options.seed = value.parse().expect("--seed N"),
            "--errors" => options.errors = value.parse().expect("--errors FRACTION"),
            "--defects" => options.defects = value.parse().expect("--defects FRACTION"),
            "--manifest" => manifest = Some(value),
            _ => panic!(
                "usage: gen_dataset [--leaves N] [--seed N] [--errors FRACTION] [--defects FRACTION] [--manifest FILE]"
            ),
        }
    }
    (options, manifest)
}

fn main() {
    let (options, manifest) = options();
    let generated = generate(&options);
    if let Some(path) = manifest {
        let lines: String = generated
            .text
            .lines()
            .enumerate()
            .filter_map(|(i, line)| {
                line.split_once("# expect: ").map(|(_, code)| format!("{} {}\n", i + 1, code.trim()))
            })
            .collect();
        std::fs::write(&path, lines).expect("a writable manifest file");
    }
    print!("{}", generated.text);
    eprintln!(
        "{} leaves, {} programs, {} relisted lines, {} injected defects",
        generated.leaves,
        generated.programs,
        generated.relisted,
        generated.defects.len()
    );
}
