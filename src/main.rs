//! The `yosan` command: a thin layer over the library. Exit status 0 when nothing at or above
//! the failing severity was found, 1 when something was, 2 when the run could not be done.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(status) => ExitCode::from(status),
        Err(cli::Failure(report)) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}
