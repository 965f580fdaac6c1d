//! `cachec events FILE EVENTS.json`: the failed events of a deploy, each shown at the `.cache`
//! line of the resource that failed; `-` reads the events from standard input.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use cachec::diag::has_errors;
use cachec::plan::events;

use super::{Common, report};

pub fn run(common: &Common, events_file: &Path) -> ExitCode {
    let text = if events_file == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(events_file)
    };
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", events_file.display());
            return ExitCode::from(2);
        }
    };
    let failures = match serde_json::from_str(&text)
        .map_err(|e| e.to_string())
        .and_then(|answer| events::failures(&answer))
    {
        Ok(failures) => failures,
        Err(e) => {
            eprintln!("error: {}: {e}", events_file.display());
            return ExitCode::from(2);
        }
    };
    let Some((src, built, diags)) = super::lint::built(common) else {
        return ExitCode::FAILURE;
    };
    let mut diags = diags;
    diags.extend(events::diagnostics(&failures, &built.map, built.map.stack));
    report(common, &diags, &src);
    if failures.is_empty() {
        eprintln!("no failed events");
    }
    if has_errors(&diags) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
