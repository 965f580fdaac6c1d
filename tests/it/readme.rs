//! The README works as written: every command in its ```console blocks runs (in a scratch folder
//! with the examples, with the binary under test on the PATH as `cachec`) and prints what the
//! README shows, except the few named below with the reason; and its CLI reference covers every
//! command and option that clap defines.

use std::path::Path;
use std::process::Command;

use crate::conventions::{commands, options};

/// Commands the test does not run, by how they start, and why. Each must still occur.
const SKIPPED: &[(&str, &str)] = &[
    (
        "make install",
        "installs into ~/.cargo/bin; the test puts the binary under test on the PATH instead",
    ),
    ("make test", "is this test suite"),
    ("make deploy", "needs AWS credentials and a bucket"),
    ("aws ", "needs AWS credentials and a bucket"),
];

struct Step {
    command: String,
    shown: Vec<String>,
}

/// The console blocks of a markdown text, each as its commands with the output shown after them.
fn console_blocks(text: &str) -> Vec<Vec<Step>> {
    let mut blocks = Vec::new();
    for block in text.split("```console\n").skip(1) {
        let body = block.split("\n```").next().unwrap_or_default();
        let mut steps: Vec<Step> = Vec::new();
        for line in body.lines() {
            match (line.strip_prefix("$ "), steps.last_mut()) {
                (Some(command), _) => steps.push(Step {
                    command: command.to_string(),
                    shown: Vec::new(),
                }),
                (None, Some(step)) => step.shown.push(line.to_string()),
                (None, None) => panic!("a console block starts without a command: {line}"),
            }
        }
        blocks.push(steps);
    }
    blocks
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("readable") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copied");
        }
    }
}

#[test]
fn every_console_command_in_the_readme_runs_as_shown() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let blocks = console_blocks(&readme);
    assert!(blocks.len() >= 6, "{} console blocks", blocks.len());
    let tmp = tempfile::tempdir().expect("temporary folder");
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).expect("folder");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_cachec"), bin.join("cachec")).expect("link");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut skipped = Vec::new();
    let mut ran = 0;
    for (b, steps) in blocks.iter().enumerate() {
        // Each block in a scratch folder of its own holding the examples, as a clone does.
        let scratch = tmp.path().join(format!("block-{b}"));
        copy_dir(Path::new("examples"), &scratch.join("examples"));
        // One stream, so that each step's output, on either, follows its marker.
        let mut script = String::from("set +e\nexec 2>&1\n");
        for (i, step) in steps.iter().enumerate() {
            // The marker keeps the last status, for the README's `echo $?`.
            script.push_str(&format!("s=$?; echo '@@step {i}'; (exit $s)\n"));
            if let Some((_, why)) = SKIPPED.iter().find(|(p, _)| step.command.starts_with(p)) {
                skipped.push(format!("{}  ({why})", step.command));
                continue;
            }
            // The README shows a file with `cat FILE`: the file is made from what is shown.
            if let Some(file) = step.command.strip_prefix("cat ") {
                let target = scratch.join(file);
                if !target.exists() {
                    std::fs::write(&target, step.shown.join("\n") + "\n").expect("written");
                }
            }
            script.push_str(&step.command);
            script.push('\n');
            ran += 1;
        }
        let output = Command::new("bash")
            .args(["-c", &script])
            .current_dir(&scratch)
            .env("PATH", &path)
            .env_remove("NO_COLOR")
            .output()
            .expect("bash runs");
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let outputs: Vec<&str> = text.split("@@step ").skip(1).collect();
        for (i, step) in steps.iter().enumerate() {
            let mine = outputs.get(i).copied().unwrap_or_default();
            for line in step.shown.iter().filter(|l| !l.trim().is_empty()) {
                assert!(
                    mine.contains(line.as_str()),
                    "README block {b}, `{}`: expected `{line}` in\n{mine}",
                    step.command
                );
            }
        }
    }
    assert!(ran >= 12, "only {ran} commands ran");
    for (prefix, _) in SKIPPED {
        assert!(
            skipped.iter().any(|s| s.starts_with(prefix)),
            "`{prefix}` is skipped but the README has no such command"
        );
    }
    eprintln!("README commands not run:\n  {}", skipped.join("\n  "));
}

/// The `### ` subsections of the README's CLI reference, as (heading, body).
fn reference() -> (String, Vec<(String, String)>) {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let start = readme
        .find("\n## CLI reference\n")
        .expect("a CLI reference");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let table = section
        .split("\n### ")
        .next()
        .unwrap_or_default()
        .to_string();
    let subsections = section
        .split("\n### ")
        .skip(1)
        .map(|s| {
            let (heading, body) = s.split_once('\n').unwrap_or((s, ""));
            (heading.to_string(), body.to_string())
        })
        .collect();
    (table, subsections)
}

#[test]
fn the_cli_reference_covers_every_command_and_option() {
    let (table, subsections) = reference();
    let commands = commands();
    assert!(
        commands.contains(&"completions".to_string()),
        "{commands:?}"
    );
    for command in &commands {
        let name = format!("`cachec {command}");
        assert!(table.contains(&name), "the table lacks {command}");
        let (heading, body) = subsections
            .iter()
            .find(|(h, _)| h.contains(&name))
            .unwrap_or_else(|| panic!("no subsection for {command}"));
        let shared: Vec<&String> = subsections
            .iter()
            .filter(|(h, _)| h.starts_with("Options of") && h.contains(&format!("`{command}`")))
            .map(|(_, b)| b)
            .collect();
        for option in options(command) {
            let documented = heading.contains(&option)
                || body.contains(&option)
                || shared.iter().any(|b| b.contains(&option));
            assert!(
                documented,
                "the README does not document {command} {option}"
            );
        }
    }
}
