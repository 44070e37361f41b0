//! `safeguard`: the command line. Parsing arguments, reading inputs, choosing outputs and
//! exit codes live here; everything else is in the library crates.

mod cli;
mod commands;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("safeguard: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
