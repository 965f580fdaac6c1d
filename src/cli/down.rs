//! `cachec down FILE`: stop everything `up` started for the program and remove its state.
//! Works from the state alone, so a program edited since `up` still comes down.

use std::path::Path;
use std::process::ExitCode;

use cachec::local::run;

pub fn run(file: &Path) -> ExitCode {
    match run::down(file) {
        Ok(stopped) if stopped.is_empty() => {
            eprintln!("nothing runs for {}", file.display());
            ExitCode::SUCCESS
        }
        Ok(stopped) => {
            eprintln!("stopped {}", stopped.join(", "));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
