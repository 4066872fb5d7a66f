//! Every event granit-parser gives, with its span, and the first error, printed with `{:?}`,
//! for each file named, with comments on and off and the loader's other options: the
//! differential check of a change to the vendored parser (`vendor/granit-parser/YOSAN.md`).
//! Build it before and after the change and compare what the two print on the same files:
//!
//!     cargo run --release --example event_dump -- FILE... > after.txt

use std::io::Write;

use granit_parser::{Options, Parser};

fn main() {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            writeln!(out, "== {path}: not UTF-8 text, or unreadable").expect("standard output");
            continue;
        };
        for comments in [true, false] {
            // As `yosan::load::load` sets them, but for the comments.
            let mut options = Options::default();
            options.block_nesting_limit = 64;
            options.flow_nesting_limit = 64;
            options.set_emit_comments(comments);
            options.strict_indentation = true;
            writeln!(out, "== {path} (comments {comments})").expect("standard output");
            for result in Parser::new_from_str_with_options(&text, options) {
                match result {
                    Ok(event) => writeln!(out, "{event:?}"),
                    Err(error) => {
                        writeln!(out, "error {error:?}").expect("standard output");
                        break;
                    }
                }
                .expect("standard output");
            }
        }
    }
}
