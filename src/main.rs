//! The `cachec` binary: parse arguments, hand over to the CLI module.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
