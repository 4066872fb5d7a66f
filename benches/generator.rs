//! A large synthetic `yosan/1` dataset, deterministic from a seed, with defects injected at a
//! given rate; shared by `gen_dataset` (benchmarks) and `tests/generated.rs`.
//!
//! 10 projects → programs → 3-8 breakdown leaves with Japanese names; amounts in 億円, 百万円
//! and bare numbers (some with full-width digits); every sum exact; 1% of leaves relisted
//! (再掲) under another program; handoff links forward (a DAG), collaboration and feedback
//! links. `errors` is the share of programs whose total is wrong (`sum-mismatch`); `defects`
//! the share of programs that get one defect of another core code, the codes taken in turn.
//! Every injected defect is marked at its line with `# expect: CODE`, the fixtures'
//! convention: those comments are the manifest.

#![allow(dead_code)]

use std::fmt::Write;

pub struct Options {
    pub leaves: usize,
    pub seed: u64,
    pub errors: f64,
    pub defects: f64,
}

pub struct Generated {
    pub text: String,
    pub leaves: usize,
    pub programs: usize,
    pub relisted: usize,
    /// The injected defects, by code, in the order they were written.
    pub defects: Vec<&'static str>,
}

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

    fn chance(&mut self, share: f64) -> bool {
        (self.below(1_000_000) as f64) < share * 1_000_000.0
    }
}

/// The codes injected in turn, one per program that gets a defect; `link-cycle` is injected once.
/// The codes of a whole file or of several (`yaml-syntax`, `invalid-fiscal-year`, `duplicate-id`
/// of datasets, `cross-dataset-mismatch`) are the fixtures' to cover.
pub const CODES: &[&str] = &[
    "amount-format",
    "unknown-field",
    "invalid-value",
    "unknown-ministry",
    "missing-field",
    "duplicate-id",
    "dangling-reference",
    "relist-unmarked",
    "relist-mismatch",
    "relist-chain",
    "inclusive-mismatch",
    "reference-cycle",
    "duplicate-listing",
    "sum-rounding",
    "incomplete-breakdown",
    "currency-mismatch",
];

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

/// One program: its leaves, and where a defect goes.
struct Program<'a> {
    id: &'a str,
    children: String,
    /// The exact sum of its additive leaves, in tenths of 億円.
    total: u64,
    first_leaf: u64,
    /// The program's amount as written, and a mark for its line.
    amount: String,
    mark: &'static str,
}

pub fn generate(options: &Options) -> Generated {
    let mut rng = Rng(options.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = String::with_capacity(options.leaves * 140);
    out.push_str("format: yosan/1\ndataset:\n  id: synthetic\n  title: 合成データセット\n  fiscal_year: 令和8年度\n  unit: 億円\n  rounding: half-up\nitems:\n");
    let per_project = options.leaves.div_ceil(10);
    let mut programs: Vec<String> = Vec::new();
    let (mut leaves_done, mut relisted) = (0, 0);
    let mut defects = Vec::new();
    let mut last_relisted: Option<String> = None;
    let mut turn = 0;
    for p in 0..10 {
        let mut project = String::new();
        let mut project_total = 0;
        let mut in_project = 0;
        while in_project < per_project && leaves_done < options.leaves {
            let id = format!("pj{p}.prog{}", programs.len());
            let count = (3 + rng.below(6) as usize).min(options.leaves - leaves_done);
            let mut program =
                Program { id: &id, children: String::new(), total: 0, first_leaf: 0, amount: String::new(), mark: "" };
            let duplicate_name = count >= 2 && options.defects > 0.0 && rng.chance(options.defects) && {
                // The second leaf takes the first one's name: a figure listed twice.
                defects.push("duplicate-listing");
                true
            };
            for l in 0..count {
                let tenths = 1 + rng.below(5000);
                program.total += tenths;
                if l == 0 {
                    program.first_leaf = tenths;
                }
                let (name, mark) = match (l, duplicate_name) {
                    (1, true) => ("内訳0（研究開発）".to_string(), "  # expect: duplicate-listing"),
                    _ => (format!("内訳{l}（研究開発）"), ""),
                };
                let _ = write!(
                    program.children,
                    "          - id: {id}.l{l}\n            name: {name}{mark}\n            amount: {}\n",
                    figure(tenths, &mut rng)
                );
                if rng.below(100) == 0 && !programs.is_empty() {
                    let rid = format!("{id}.r{relisted}");
                    let _ = write!(
                        program.children,
                        "          - id: {rid}\n            name: 再掲の事業\n            relisted_from: {}.l0\n",
                        programs[rng.below(programs.len() as u64) as usize]
                    );
                    last_relisted = Some(rid);
                    relisted += 1;
                }
            }
            let mut declared = program.total;
            program.amount = format!("{}.{}億円", declared / 10, declared % 10);
            if rng.chance(options.errors) {
                declared += 10;
                program.amount = format!("{}.{}億円", declared / 10, declared % 10);
                program.mark = "  # expect: sum-mismatch";
                defects.push("sum-mismatch");
            } else if !duplicate_name && options.defects > 0.0 && rng.chance(options.defects) {
                // Codes that need what this program lacks are passed for the next one.
                for _ in 0..CODES.len() {
                    let code = CODES[turn % CODES.len()];
                    turn += 1;
                    if let Some(tenths) = inject(code, &mut program, last_relisted.as_deref(), defects.len()) {
                        declared = tenths;
                        defects.push(code);
                        break;
                    }
                }
            }
            project_total += declared;
            let _ = write!(
                project,
                "      - id: {id}\n        name: 事業{}（AMED対象経費）\n        ministry: {}\n        amount: {}{}\n        items:\n{}",
                programs.len(),
                ["文", "厚", "経"][programs.len() % 3],
                program.amount,
                program.mark,
                program.children
            );
            programs.push(id.clone());
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
    if options.defects > 0.0 && programs.len() >= 3 {
        // A loop of handoffs, first in the list so that it is the loop's first link in file order.
        let (a, b, c) = (&programs[0], &programs[1], &programs[2]);
        let _ = writeln!(out, "  - {{from: {a}, to: {b}, kind: handoff}}  # expect: link-cycle");
        let _ = writeln!(out, "  - {{from: {b}, to: {c}, kind: handoff}}\n  - {{from: {c}, to: {a}, kind: handoff}}");
        defects.push("link-cycle");
    }
    for (i, from) in programs.iter().enumerate() {
        let kind = match rng.below(10) {
            0..=5 => "handoff",
            6 => "導出",
            7 | 8 => "collaboration",
            _ => "feedback",
        };
        let j = if kind == "feedback" { rng.below(i as u64 + 1) as usize } else { i + 1 + rng.below(5) as usize };
        // The first programs hand off only in the injected loop: another handoff into them
        // would make the loop a larger one, found at another link.
        let into_loop = options.defects > 0.0 && j < 3 && kind != "feedback" && kind != "collaboration";
        if let Some(to) = programs.get(j).filter(|_| !into_loop) {
            let _ = writeln!(out, "  - {{from: {from}, to: {to}, kind: {kind}}}");
        }
    }
    Generated { text: out, leaves: leaves_done, programs: programs.len(), relisted, defects }
}

/// Writes defect `code` into `program`; the program's declared total (tenths of 億円) after
/// it, or `None` when the program cannot take this code.
fn inject(code: &'static str, program: &mut Program<'_>, relisted: Option<&str>, n: usize) -> Option<u64> {
    let id = program.id;
    let extra = |body: &str| format!("          - id: {id}.x{n}\n{body}");
    let note =
        |field: &str| extra(&format!("            name: 注記\n            included_in: {id}\n            {field}\n"));
    let expect = format!("  # expect: {code}");
    let total = program.total;
    let leaf = match code {
        "amount-format" => note(&format!("amount: 12..3億円{expect}")),
        "unknown-field" => note(&format!("colour: red{expect}")),
        "invalid-value" => note(&format!("breakdown: sometimes{expect}")),
        "unknown-ministry" => note(&format!("ministry: 大蔵省{expect}")),
        "missing-field" => format!("          - id: {id}.x{n}{expect}\n            included_in: {id}\n"),
        "duplicate-id" => format!("          - id: {id}.l0{expect}\n            name: 注記\n            included_in: {id}\n"),
        "dangling-reference" => extra(&format!("            name: 注記\n            included_in: nowhere{n}{expect}\n")),
        "relist-unmarked" => extra(&format!("            name: （再掲）注記{expect}\n            included_in: {id}\n")),
        "relist-mismatch" => {
            let wrong = program.first_leaf + 100;
            extra(&format!("            name: 再掲\n            relisted_from: {id}.l0\n            amount: {}.{}億円{expect}\n", wrong / 10, wrong % 10))
        }
        "relist-chain" => extra(&format!("            name: 再掲\n            relisted_from: {}{expect}\n", relisted?)),
        "inclusive-mismatch" => {
            let over = total + 1000;
            note(&format!("amount: {}.{}億円{expect}", over / 10, over % 10))
        }
        "reference-cycle" => format!(
            "          - id: {id}.ca{n}\n            name: 循環A\n            included_in: {id}.cb{n}{expect}\n          - id: {id}.cb{n}\n            name: 循環B\n            included_in: {id}.ca{n}\n"
        ),
        "sum-rounding" => {
            // Written in whole 億円: off by less than the tolerance (±0.5 and the parts').
            if total % 10 == 0 {
                return None;
            }
            let rounded = (total + 5) / 10;
            program.amount = format!("{rounded}億円");
            program.mark = "  # expect: sum-rounding";
            return Some(rounded * 10);
        }
        "incomplete-breakdown" => {
            program.mark = "  # expect: incomplete-breakdown";
            extra("            name: 未定の内訳\n")
        }
        "currency-mismatch" => {
            program.mark = "  # expect: currency-mismatch";
            extra("            name: 拠出金\n            amount: 1千USドル\n")
        }
        _ => return None,
    };
    program.children.push_str(&leaf);
    Some(total)
}
