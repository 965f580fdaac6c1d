//! What cachec does on a terminal, run under a real pseudo-terminal (Python's `pty`): colour
//! unless NO_COLOR is set, and a word from `check` when there is nothing to report.

use crate::common;
use std::path::Path;
use std::process::Command;

/// Runs cachec with its standard streams on a pseudo-terminal; what it printed and its status.
fn on_terminal(args: &[&str], env: &[(&str, &str)]) -> (String, i32) {
    const SCRIPT: &str = "import os, pty, sys\n\
        pid, fd = pty.fork()\n\
        if pid == 0:\n    os.execv(sys.argv[1], sys.argv[1:])\n\
        out = b''\n\
        while True:\n    try:\n        chunk = os.read(fd, 4096)\n    except OSError:\n        break\n    if not chunk:\n        break\n    out += chunk\n\
        _, status = os.waitpid(pid, 0)\n\
        sys.stdout.buffer.write(out)\n\
        sys.exit(os.waitstatus_to_exitcode(status))\n";
    let mut command = Command::new("python3");
    command
        .args(["-c", SCRIPT, env!("CARGO_BIN_EXE_cachec")])
        .args(args)
        .env_remove("NO_COLOR");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("python3 runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

fn broken() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("bad.cache"), "stack s { region = }\n").expect("written");
    tmp
}

#[test]
fn colour_on_a_terminal_unless_no_color_is_set() {
    let tmp = broken();
    let file = tmp.path().join("bad.cache");
    let file = file.to_str().expect("utf-8 path");
    let (plain, status) = on_terminal(&["check", file], &[]);
    assert_eq!(status, 1, "{plain}");
    assert!(
        plain.contains("\x1b["),
        "no colour on a terminal: {plain:?}"
    );
    for command in [&["check", file][..], &["fmt", file], &["graph", file]] {
        let (text, status) = on_terminal(command, &[("NO_COLOR", "1")]);
        assert_eq!(status, 1, "{command:?}: {text}");
        assert!(text.contains("E0001"), "{command:?}: {text}");
        assert!(
            !text.contains("\x1b["),
            "{command:?} coloured despite NO_COLOR: {text:?}"
        );
    }
    // An empty NO_COLOR is the same as none; an explicit flag outranks the variable.
    let (text, _) = on_terminal(&["check", file], &[("NO_COLOR", "")]);
    assert!(text.contains("\x1b["), "{text:?}");
    let (text, _) = on_terminal(&["check", "--color", "always", file], &[("NO_COLOR", "1")]);
    assert!(text.contains("\x1b["), "{text:?}");
}

#[test]
fn no_color_holds_when_piped_and_always_colours_there() {
    let tmp = broken();
    let run = |args: &[&str], no_color: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cachec"));
        command
            .args(args)
            .current_dir(tmp.path())
            .env_remove("NO_COLOR");
        if let Some(v) = no_color {
            command.env("NO_COLOR", v);
        }
        String::from_utf8_lossy(&command.output().expect("cachec runs").stderr).into_owned()
    };
    assert!(!run(&["check", "bad.cache"], None).contains("\x1b["));
    for spelling in ["--color", "--colour"] {
        let text = run(&["check", spelling, "always", "bad.cache"], None);
        assert!(text.contains("\x1b["), "{spelling}: {text:?}");
    }
    let text = run(&["fmt", "--color=always", "bad.cache"], Some("1"));
    assert!(text.contains("\x1b["), "{text:?}");
}

#[test]
fn a_clean_check_says_so_on_a_terminal_only() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let init = Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args(["init"])
        .arg(tmp.path().join("p"))
        .output()
        .expect("cachec runs");
    assert!(init.status.success());
    let file = tmp.path().join("p/stack.cache");
    let file = file.to_str().expect("utf-8 path");
    let (text, status) = on_terminal(&["check", "--as-of", common::as_of().as_str(), file], &[]);
    assert_eq!(status, 0, "{text}");
    assert!(
        text.contains(&format!("{file}: no problems found")),
        "{text:?}"
    );
    let piped = Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args(["check", "--as-of", common::as_of().as_str(), file])
        .output()
        .expect("cachec runs");
    assert!(piped.status.success());
    assert!(
        piped.stderr.is_empty() && piped.stdout.is_empty(),
        "scripts get silence"
    );
    // A program with warnings gets its warnings, not the word.
    let example = Path::new("examples/fa-063/stack.cache")
        .canonicalize()
        .expect("example");
    let (text, _) = on_terminal(&["check", example.to_str().expect("utf-8 path")], &[]);
    assert!(!text.contains("no problems found"), "{text}");
}
