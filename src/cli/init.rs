//! `cachec init DIR`: write a new project and say what to do next.

use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path) -> ExitCode {
    match cachec::init::init(dir) {
        Ok(files) => {
            for file in &files {
                eprintln!("created {}", file.display());
            }
            eprintln!(
                "next: cd {} && make build (then make deploy BUCKET=my-artifact-bucket)",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
