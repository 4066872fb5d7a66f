//! The baseline for yosan's timings: granit-parser's event stream over a file, with nothing
//! built. `yosan check` on the same file, in the same run, is reported as a ratio to this.
//!
//!     cargo run --release --example parse_floor -- big.yaml

use granit_parser::Parser;

fn main() {
    let path = std::env::args().nth(1).expect("usage: parse_floor FILE");
    let text = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
    let start = std::time::Instant::now();
    let mut events = 0usize;
    for event in Parser::new_from_str(&text) {
        if event.is_err() {
            break;
        }
        events += 1;
    }
    eprintln!("{events} events in {:.3} s", start.elapsed().as_secs_f64());
}
