//! `cachec graph`: check the program, then draw it; a program with errors is not drawn.

use std::path::Path;
use std::process::ExitCode;

use cachec::diag::has_errors;
use cachec::graph::{self, Format};

use super::{Common, Report};

pub fn run(common: &Common, format: Format, output: Option<&Path>) -> ExitCode {
    let src = match common.read() {
        Ok(src) => src,
        Err(code) => return code,
    };
    let checked = cachec::check(&src, &common.loader(), &common.options());
    let report = Report::new(common.color);
    report.diags(&common.file.display().to_string(), &src, &checked.diags);
    let Some(model) = checked.model.filter(|_| !has_errors(&checked.diags)) else {
        return ExitCode::FAILURE;
    };
    let text = graph::render(&graph::build(&model), format);
    let Some(path) = output else {
        print!("{text}");
        return ExitCode::SUCCESS;
    };
    match std::fs::write(path, text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
