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
    let (answer, failures) = match serde_json::from_str(&text)
        .map_err(|e| e.to_string())
        .and_then(|answer| events::failures(&answer).map(|f| (answer, f)))
    {
        Ok(read) => read,
        Err(e) => {
            eprintln!("error: {}: {e}", events_file.display());
            return ExitCode::from(2);
        }
    };
    let Some((src, builds, mut diags)) = super::lint::built(common) else {
        return ExitCode::FAILURE;
    };
    let chosen = pick(common, &answer, &builds);
    let Some(built) = builds.get(chosen) else {
        return ExitCode::FAILURE;
    };
    let mut found = events::diagnostics(&failures, &built.map, built.map.stack);
    for d in &mut found {
        d.envs.extend(built.env.clone());
    }
    diags.extend(found);
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

/// Which build the events are read against: the only one (`--env`, or no environments), else the
/// environment whose stack the events name, else the first, said in a note.
fn pick(common: &Common, answer: &serde_json::Value, builds: &[cachec::Built]) -> usize {
    if builds.len() <= 1 || common.env.is_some() {
        return 0;
    }
    let stacks: Vec<String> = builds
        .iter()
        .map(|b| b.model.stack.name.value.clone())
        .collect();
    let chosen = events::deployed_as(answer, &stacks);
    let at = chosen.unwrap_or(0);
    let env = builds
        .get(at)
        .and_then(|b| b.env.clone())
        .unwrap_or_default();
    match chosen.and_then(|i| stacks.get(i)) {
        Some(stack) => {
            eprintln!("note: the events are of stack `{stack}`: read as environment `{env}`")
        }
        None => eprintln!(
            "note: the events name none of the stacks {} alone: read as environment `{env}`, the first; name another with --env",
            stacks
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
    at
}
