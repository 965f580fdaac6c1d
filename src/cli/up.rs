//! `cachec up FILE`: check the program, start its replication groups on loopback, print each
//! group's endpoints. A program with errors starts nothing.

use std::process::ExitCode;

use cachec::diag::has_errors;
use cachec::local::{plan, preflight, run};
use cachec::model::Model;

use super::{Common, Report};

/// The checked model and its source, its diagnostics shown; `Err` with the exit status when it
/// has errors.
pub fn checked(common: &Common) -> Result<(Model, String), ExitCode> {
    let src = common.read()?;
    let checked = cachec::check(&src, &common.loader(), &common.options());
    Report::new(common.color).diags(&common.file.display().to_string(), &src, &checked.diags);
    match checked.model {
        Some(model) if !has_errors(&checked.diags) => Ok((model, src)),
        _ => Err(ExitCode::FAILURE),
    }
}

pub fn run(common: &Common) -> ExitCode {
    let (model, src) = match checked(common) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let plan = match plan::plan(&model) {
        Ok(plan) => plan,
        Err(plan::TooManyNodes(n)) => {
            eprintln!("error: the program has {n} nodes, more than the 254 addresses of 127.0.0.x");
            return ExitCode::FAILURE;
        }
    };
    if plan.groups.is_empty() {
        eprintln!(
            "error: {} declares no replication group to start",
            common.file.display()
        );
        return ExitCode::FAILURE;
    }
    let program_dir = common.file.parent().unwrap_or(std::path::Path::new("."));
    let facts = preflight::gather(program_dir, &plan);
    let diags = common
        .options()
        .policy
        .apply(preflight::diags(&model, &plan, &facts));
    Report::new(common.color).diags(&common.file.display().to_string(), &src, &diags);
    if has_errors(&diags) {
        return ExitCode::FAILURE;
    }
    let tokens: Vec<Option<String>> = facts
        .tokens
        .into_iter()
        .map(|t| t.and_then(Result::ok))
        .collect();
    match run::up(&common.file, &plan, &tokens) {
        Ok(state) => {
            for group in &state.groups {
                let nodes = match group.nodes.len() {
                    1 => "1 node".to_string(),
                    n => format!("{n} nodes"),
                };
                let tls = if group.tls { ", TLS" } else { "" };
                println!("{} ({}, {nodes}{tls})", group.name, group.engine);
                println!("  primary endpoint: {}:{}", group.primary, group.port);
                println!("  reader endpoint:  {}:{}", group.reader, group.port);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
