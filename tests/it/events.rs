//! Deploy failures and lint findings at the source line, as data: `tests/events/<case>/` holds a
//! program and either recorded `describe-stack-events` output (`events.json`) or a planted cfn-lint
//! report (`lint.json`); the snapshot shows the rendered diagnostics. Also through the binary:
//! `events -` from standard input, and `lint` on an example with the real cfn-lint.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use cachec::diag::render::{Style, render};
use cachec::plan::{events, lint};

use crate::common;

#[test]
fn events_and_lint_findings_point_at_their_declarations() {
    let mut dirs: Vec<_> = std::fs::read_dir("tests/events")
        .expect("tests/events exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("stack.cache").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 2);
    for dir in dirs {
        let src = std::fs::read_to_string(dir.join("stack.cache")).expect("readable");
        let loader = cachec::DirLoader(dir.clone());
        let builds = cachec::build_each(&src, &loader, &common::options(), true)
            .0
            .expect("the program builds");
        let read = |name: &str| -> Option<serde_json::Value> {
            let text = std::fs::read_to_string(dir.join(name)).ok()?;
            Some(serde_json::from_str(&text).expect("valid JSON"))
        };
        let diags = match (read("events.json"), read("lint.json")) {
            (Some(answer), _) => {
                // The environment the events' stack names, as `cachec events` picks it.
                let stacks: Vec<String> = builds
                    .iter()
                    .map(|b| b.model.stack.name.value.clone())
                    .collect();
                let built = &builds[events::deployed_as(&answer, &stacks).unwrap_or(0)];
                let failures = events::failures(&answer).expect("the documented shape");
                let mut diags = events::diagnostics(&failures, &built.map, built.map.stack);
                for d in &mut diags {
                    d.envs.extend(built.env.clone());
                }
                diags
            }
            (None, Some(report)) => {
                let built = &builds[0];
                lint::diagnostics(&report, &built.map, built.map.stack).expect("a report")
            }
            (None, None) => panic!("{} has neither events.json nor lint.json", dir.display()),
        };
        assert!(!diags.is_empty());
        let rendered = render(&diags, "stack.cache", &src, Style::PLAIN);
        let name = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        insta::with_settings!({ snapshot_path => "../events/snapshots", snapshot_suffix => "", prepend_module_to_snapshot => false, input_file => dir.join("stack.cache") }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
}

#[test]
fn events_read_standard_input_and_exit_1_on_failures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/events/failed-create");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args([
            "events",
            "stack.cache",
            "-",
            "--colour",
            "never",
            "--as-of",
            "2026-11-26",
        ])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cachec runs");
    let events = std::fs::read(dir.join("events.json")).expect("recorded events");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&events)
        .expect("written");
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("stack.cache:17"), "{text}");
    assert!(text.contains("Cannot find version 7.1.9"), "{text}");
    let garbage = Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args(["events", "stack.cache", "stack.cache"])
        .current_dir(&dir)
        .output()
        .expect("cachec runs");
    assert_eq!(garbage.status.code(), Some(2));
}

#[test]
fn events_pick_the_environment_whose_stack_they_name() {
    let stacks = ["plan-dev".to_string(), "plan-prod".to_string()];
    let event = |stack: &str, physical: &str| serde_json::json!({"StackEvents": [{"StackName": stack, "PhysicalResourceId": physical}]});
    let pick = |answer| events::deployed_as(&answer, &stacks);
    assert_eq!(pick(event("plan-prod", "")), Some(1));
    assert_eq!(pick(event("plan-dev-CacheStack-1A", "")), Some(0));
    // A stack named otherwise: its resources still carry the environment's name.
    assert_eq!(pick(event("mine", "plan-prod-cache")), Some(1));
    assert_eq!(pick(event("mine", "other")), None);
    // `app-dev-eu-…` starts with `app-dev` too: the longer name wins.
    let nested = ["app-dev".to_string(), "app-dev-eu".to_string()];
    let answer = event("app-dev-eu", "app-dev-eu-cache");
    assert_eq!(events::deployed_as(&answer, &nested), Some(1));
}

#[test]
fn events_of_another_stack_are_read_as_the_first_environment_with_a_note() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/events/environments-prod");
    let run = |events: &str| {
        Command::new(env!("CARGO_BIN_EXE_cachec"))
            .args(["events", "stack.cache", events, "--colour", "never"])
            .args(["--as-of", "2026-11-26"])
            .current_dir(&dir)
            .output()
            .expect("cachec runs")
    };
    let named = String::from_utf8_lossy(&run("events.json").stderr).into_owned();
    assert!(named.contains("read as environment `prod`"), "{named}");
    assert!(named.contains("[prod]"), "{named}");
    let other = String::from_utf8_lossy(&run("../failed-create/events.json").stderr).into_owned();
    assert!(
        other.contains("read as environment `dev`, the first"),
        "{other}"
    );
}

#[test]
fn lint_finds_nothing_in_an_example() {
    // Every environment's template set is linted, or the one `--env` names.
    for args in [
        &["examples/single-node/stack.cache"][..],
        &["examples/environments/stack.cache"],
        &["examples/environments/stack.cache", "--env", "prod"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_cachec"))
            .arg("lint")
            .args(args)
            .args(["--as-of", "2026-11-26"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cachec runs");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn lint_names_the_environments_a_finding_belongs_to() {
    // A stand-in for cfn-lint that finds a node type problem in prod's templates only, as a
    // finding on a size set per environment would be.
    let bin = tempfile::tempdir().expect("PATH folder");
    let finding = r#"[{"Filename": "cache.yaml", "Id": "1", "Level": "Warning", "Location": {"End": {"ColumnNumber": 1, "LineNumber": 1}, "Path": ["Resources", "SessionsReplicationGroup", "Properties", "CacheNodeType"], "Start": {"ColumnNumber": 1, "LineNumber": 1}}, "Message": "a planted finding", "ParentId": null, "Rule": {"Description": "d", "Id": "W9999", "ShortDescription": "s", "Source": "s"}}]"#;
    let script = format!(
        "#!/bin/sh\nif grep -q -- '-prod' cache.yaml; then echo '{finding}'; else echo '[]'; fi\n"
    );
    common::process::stand_in(bin.path(), "cfn-lint", &script);
    let path = common::process::path_before(bin.path());
    let lint = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_cachec"))
            .args([
                "lint",
                "examples/environments/stack.cache",
                "--color",
                "never",
            ])
            .args(["--as-of", "2026-11-26"])
            .args(extra)
            .env("PATH", &path)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cachec runs");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let every = lint(&[]);
    assert!(every.contains("[prod]"), "{every}");
    assert!(every.contains("a planted finding"), "{every}");
    assert_eq!(every.matches("a planted finding").count(), 1, "{every}");
    let dev = lint(&["--env", "dev"]);
    assert!(!dev.contains("a planted finding"), "{dev}");
}
