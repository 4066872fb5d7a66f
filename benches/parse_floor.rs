//! The baseline for yosan's timings: granit-parser's event stream over a file, with nothing
//! built, with the parser options yosan's loader sets (comments kept for suppressions, strict
//! indentation, the nesting limit) or, with `--plain`, the parser's defaults. `yosan check` on
//! the same file, in the same run, is reported as a ratio to this.
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
    let mut options = Options::default();
    if !plain {
        // As `yosan::load::load` sets them.
        options.block_nesting_limit = 64;
        options.flow_nesting_limit = 64;
        options.set_emit_comments(true);
        options.strict_indentation = true;
    }
    let start = std::time::Instant::now();
    let mut events = 0usize;
    for event in Parser::new_from_str_with_options(&text, options) {
        if event.is_err() {
            break;
        }
        events += 1;
    }
    let options = if plain { "the parser's defaults" } else { "the loader's options" };
    eprintln!("{events} events in {:.3} s ({options})", start.elapsed().as_secs_f64());
}
