//! Generates a large synthetic `yosan/1` dataset for benchmarks, deterministic from a seed.
//!
//!     cargo run --release --example gen_dataset -- --leaves 300000 --seed 1 > big.yaml
//!
//! 10 projects → programs → 3-8 breakdown leaves with Japanese names; amounts in 億円, 百万円
//! and bare numbers (some with full-width digits); every sum exact; 1% of leaves relisted
//! (再掲) under another program; handoff links forward (a DAG), collaboration and feedback
//! links. `--errors` injects that share of wrong program totals (sum-mismatch).

use std::fmt::Write;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Args {
    leaves: usize,
    seed: u64,
    errors: f64,
}

fn args() -> Args {
    let mut args = Args { leaves: 1000, seed: 1, errors: 0.0 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--leaves" => args.leaves = value.parse().expect("--leaves N"),
            "--seed" => args.seed = value.parse().expect("--seed N"),
            "--errors" => args.errors = value.parse().expect("--errors FRACTION"),
            _ => panic!("usage: gen_dataset [--leaves N] [--seed N] [--errors FRACTION]"),
        }
    }
    args
}

/// A figure in tenths of 億円, written in one of the notations.
fn figure(tenths: u64, rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => format!("{}百万円", tenths * 10),
        1 => format!("{}.{}", tenths / 10, tenths % 10),
        2 => wide(&format!("{}.{}億円", tenths / 10, tenths % 10)),
        _ => format!("{}.{}億円", tenths / 10, tenths % 10),
    }
}

fn wide(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap() } else { c })
        .collect()
}

fn main() {
    let args = args();
    let mut rng = Rng(args.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = String::with_capacity(args.leaves * 140);
    out.push_str("format: yosan/1\ndataset:\n  id: synthetic\n  title: 合成データセット\n  fiscal_year: 令和8年度\n  unit: 億円\n  rounding: half-up\nitems:\n");
    let per_project = args.leaves.div_ceil(10);
    let mut programs: Vec<String> = Vec::new();
    let mut leaves_done = 0;
    let mut relisted = 0;
    let mut injected = 0;
    for p in 0..10 {
        let mut project = String::new();
        let mut project_total = 0;
        let mut in_project = 0;
        while in_project < per_project && leaves_done < args.leaves {
            let id = format!("pj{p}.prog{}", programs.len());
            let count = (3 + rng.below(6) as usize).min(args.leaves - leaves_done);
            let mut children = String::new();
            let mut total = 0;
            for l in 0..count {
                let tenths = 1 + rng.below(5000);
                total += tenths;
                let _ = write!(
                    children,
                    "          - id: {id}.l{l}\n            name: 内訳{l}（研究開発）\n            amount: {}\n",
                    figure(tenths, &mut rng)
                );
                if rng.below(100) == 0 && !programs.is_empty() {
                    let _ = write!(children, "          - id: {id}.r{relisted}\n            name: 再掲の事業\n            relisted_from: {}.l0\n", programs[rng.below(programs.len() as u64) as usize]);
                    relisted += 1;
                }
            }
            if (rng.below(1_000_000) as f64) < args.errors * 1_000_000.0 {
                total += 10;
                injected += 1;
            }
            project_total += total;
            let _ = write!(project, "      - id: {id}\n        name: 事業{}（AMED対象経費）\n        ministry: {}\n        amount: {}.{}億円\n        items:\n{children}", programs.len(), ["文", "厚", "経"][programs.len() % 3], total / 10, total % 10);
            programs.push(id);
            leaves_done += count;
            in_project += count;
        }
        let _ = write!(
            out,
            "  - id: pj{p}\n    name: 統合プロジェクト{p}\n    amount: {}.{}億円\n    items:\n{project}",
            project_total / 10,
            project_total % 10
        );
    }
    out.push_str("links:\n");
    for (i, from) in programs.iter().enumerate() {
        let kind = match rng.below(10) {
            0..=5 => "handoff",
            6 => "導出",
            7 | 8 => "collaboration",
            _ => "feedback",
        };
        let j = if kind == "feedback" { rng.below(i as u64 + 1) as usize } else { i + 1 + rng.below(5) as usize };
        if let Some(to) = programs.get(j) {
            let _ = writeln!(out, "  - {{from: {from}, to: {to}, kind: {kind}}}");
        }
    }
    print!("{out}");
    eprintln!(
        "{leaves_done} leaves, {} programs, {relisted} relisted lines, {injected} wrong program totals",
        programs.len()
    );
}
