//! The `yosan` command: a thin layer over the library. Exit status 0 when nothing at or above
//! the failing severity was found, 1 when something was, 2 when the run could not be done.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = match cli::Args::try_parse() {
        Ok(args) => args,
        // clap quotes the arguments it rejects, which may hold anything: guard them too.
        Err(error) => {
            let text = error.render().to_string();
            let text = yosan::render::terminal::guard(&text);
            if error.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match cli::run(args) {
        Ok(status) => ExitCode::from(status),
        Err(cli::Failure(report)) => {
            let rendered = format!("{report:?}");
            eprintln!("{}", yosan::render::terminal::guard(&rendered));
            ExitCode::from(2)
        }
    }
}
