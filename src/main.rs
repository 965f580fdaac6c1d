//! The `cachec` binary: parse arguments, hand over to the CLI module.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

mod cli;

use clap::Parser;

/// A build allocates millions of small strings, maps and nodes and frees few before it ends;
/// glibc's allocator spent about a quarter of `plan`'s instructions on them, mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
