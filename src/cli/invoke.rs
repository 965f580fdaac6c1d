//! `cachec invoke FILE FUNCTION [--event JSON]`: run the function's handler here against the
//! endpoints `up` started; what it returns is printed as JSON on standard output.

use std::io::Write;
use std::process::ExitCode;

use cachec::local::{invoke, run};

use super::Common;
use super::up::checked;

pub fn run(common: &Common, function: &str, event: &str) -> ExitCode {
    if serde_json::from_str::<serde_json::Value>(event).is_err() {
        eprintln!("error: --event is not JSON: {event}");
        return ExitCode::from(2);
    }
    let model = match checked(common) {
        Ok((model, _)) => model,
        Err(code) => return code,
    };
    let Some(f) = model.functions.iter().find(|f| f.name.value == function) else {
        let names: Vec<&str> = model
            .functions
            .iter()
            .map(|f| f.name.value.as_str())
            .collect();
        eprintln!(
            "error: {} declares no function `{function}`; its functions: {}",
            common.file.display(),
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        );
        return ExitCode::from(2);
    };
    let result = run::require(&common.file)
        .and_then(|state| invoke::invoke(&common.file, &model, &state, f, event));
    match result {
        Ok(stdout) => {
            let _ = std::io::stdout().write_all(&stdout);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
