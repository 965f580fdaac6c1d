//! `cachec status FILE`: what `up` started for the program and whether each node still runs and
//! replicates. Exit 0 when all runs (or nothing was started), 1 when a node is gone.

use std::path::Path;
use std::process::ExitCode;

use cachec::local::run;

pub fn run(file: &Path) -> ExitCode {
    let rows = match run::status(file) {
        Ok(Some((_, rows))) => rows,
        Ok(None) => {
            println!("nothing runs for {}", file.display());
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut all = true;
    for row in &rows {
        let role = if row.primary { "primary" } else { "replica" };
        let health = match (row.running, row.primary, row.link_up) {
            (false, _, _) => "stopped",
            (true, true, _) => "running",
            (true, false, true) => "running, replicating",
            (true, false, false) => "running, not replicating",
        };
        all &= row.running;
        println!(
            "{:<12} {:<7} {:<16} {:<22} {role:<8} {health}",
            row.group,
            row.engine.as_str(),
            row.node,
            row.endpoint
        );
    }
    if all {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
