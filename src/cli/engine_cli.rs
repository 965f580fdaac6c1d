//! `cachec cli FILE GROUP [--reader] [-- ARGS]`: replace this process with redis-cli or
//! valkey-cli connected to the group's primary (or reader) endpoint, with TLS and AUTH set.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitCode};

use cachec::local::plan::Engine;
use cachec::local::state::Layout;
use cachec::local::{process, run};

pub fn run(file: &Path, group: &str, reader: bool, args: &[String]) -> ExitCode {
    let state = match run::require(file) {
        Ok(state) => state,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(g) = state.groups.iter().find(|g| g.name == group) else {
        let names: Vec<&str> = state.groups.iter().map(|g| g.name.as_str()).collect();
        eprintln!(
            "error: no group `{group}` runs for {}; running: {}",
            file.display(),
            names.join(", ")
        );
        return ExitCode::from(2);
    };
    let engine = Engine::parse(&g.engine).unwrap_or(Engine::Redis);
    let Some(program) = process::find(engine.cli()) else {
        eprintln!(
            "error: {} is not installed: {}",
            engine.cli(),
            engine.install_hint()
        );
        return ExitCode::FAILURE;
    };
    let host = if reader { &g.reader } else { &g.primary };
    let mut command = Command::new(program);
    command.args(["-h", host, "-p", &g.port.to_string()]);
    if g.tls {
        command
            .arg("--tls")
            .arg("--cacert")
            .arg(Layout::of(file).ca());
    }
    // Through the environment rather than `-a`, so the token is not on the command line.
    if let Some(token) = &g.token {
        command.env("REDISCLI_AUTH", token);
    }
    command.args(args);
    let e = command.exec();
    eprintln!("error: cannot run {}: {e}", engine.cli());
    ExitCode::FAILURE
}
