//! One module per subcommand.

pub(crate) mod attest;
#[cfg(feature = "aws")]
pub(crate) mod aws;
pub(crate) mod diff;
pub(crate) mod evidence;
mod explain;
pub(crate) mod history;
mod rules;
mod scan;
pub(crate) mod serve;
pub(crate) mod verify;

use crate::cli::{Cli, Command};

/// Runs a command and returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Scan(args) => scan::run(*args),
        Command::Rules(args) => rules::run(args).map(|()| 0),
        Command::Explain(args) => explain::run(args).map(|()| 0),
        Command::Attest(args) => attest::run(args),
        Command::Evidence(args) => evidence::run(args),
        Command::Verify(args) => verify::run(args),
        Command::History(args) => history::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

/// Writes `text` to `path`, or to standard output.
pub(crate) fn emit(text: &str, path: Option<&std::path::Path>) -> anyhow::Result<()> {
    use anyhow::Context as _;
    use std::io::Write as _;
    match path {
        Some(p) => std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                // A closed pipe (`safeguard rules | head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("cannot write to standard output"),
            }
        }
    }
}
