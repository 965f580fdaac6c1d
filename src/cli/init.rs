//! `cachec init DIR`: write a new project and say what to do next.

use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path, cluster: bool) -> ExitCode {
    let shape = match cluster {
        true => cachec::init::Shape::Cluster,
        false => cachec::init::Shape::Replicas,
    };
    match cachec::init::init_shaped(dir, shape) {
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
