//! The baselines for yosan's timings: the YAML event stream over a file, with nothing built.
//! Two floors, timed in the same run:
//!
//! - granit-parser, the loader's parser, with the options the loader sets (comments kept for
//!   suppressions, strict indentation, the nesting limit) or, with `--plain`, its defaults;
//! - saphyr-parser, the parser granit was forked from, which has none of those options: the
//!   floor the performance goals are stated against.
//!
//! `yosan check` on the same file, in the same run, is reported as a ratio to these.
//!
//!     cargo run --release --example parse_floor -- big.yaml

use granit_parser::{Options, Parser};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut path, mut plain) = (None, false);
    for arg in args.by_ref() {
        match arg.as_str() {
            "--plain" => plain = true,
            _ => path = Some(arg),
        }
    }
    let path = path.expect("usage: parse_floor [--plain] FILE");
    let text = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
    let (saphyr_events, saphyr) =
        timed(|| saphyr_parser::Parser::new_from_str(&text).take_while(Result::is_ok).count());
    eprintln!("{saphyr_events} events in {saphyr:.3} s (saphyr-parser)");
    let mut options = Options::default();
    if !plain {
        // As `yosan::load::load` sets them.
        options.block_nesting_limit = 64;
        options.flow_nesting_limit = 64;
        options.set_emit_comments(true);
        options.strict_indentation = true;
    }
    let (events, granit) =
        timed(|| Parser::new_from_str_with_options(&text, options).take_while(Result::is_ok).count());
    let options = if plain { "the parser's defaults" } else { "the loader's options" };
    eprintln!("{events} events in {granit:.3} s ({options}), {:.2}× saphyr-parser", granit / saphyr);
}

/// What `run` gives, and the seconds it took.
fn timed(run: impl FnOnce() -> usize) -> (usize, f64) {
    let start = std::time::Instant::now();
    let value = run();
    (value, start.elapsed().as_secs_f64())
}
