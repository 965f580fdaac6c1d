//! The tooling commands end to end through the binary: exit statuses, diffs, in-place rewrites,
//! diagrams written to files, and init's refusal to overwrite.

use std::path::Path;
use std::process::{Command, Output};

fn cachec(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cachec runs")
}

const MESSY: &str = "stack s {region=\"x\"} # the stack\nnetwork vpc { cidr = \"10.0.0.0/16\" }\n";

#[test]
fn fmt_check_prints_a_diff_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("a.cache"), MESSY).expect("written");
    let out = cachec(&["fmt", "--check", "a.cache"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.contains("--- a.cache"), "{diff}");
    assert!(
        diff.contains("-stack s {region=\"x\"} # the stack"),
        "{diff}"
    );
    assert!(diff.contains("+  region = \"x\""), "{diff}");
    let after = std::fs::read_to_string(tmp.path().join("a.cache")).expect("readable");
    assert_eq!(after, MESSY);
}

#[test]
fn fmt_rewrites_in_place_then_check_passes() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("a.cache"), MESSY).expect("written");
    let out = cachec(&["fmt", "a.cache"], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    let after = std::fs::read_to_string(tmp.path().join("a.cache")).expect("readable");
    assert_eq!(
        after,
        "stack s {\n  region = \"x\"\n}  # the stack\nnetwork vpc {\n  cidr = \"10.0.0.0/16\"\n}\n"
    );
    let names: Vec<_> = std::fs::read_dir(tmp.path()).expect("folder").collect();
    assert_eq!(names.len(), 1, "no temporary file is left behind");
    let out = cachec(&["fmt", "--check", "a.cache"], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn fmt_leaves_a_file_with_a_syntax_error_alone() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("bad.cache"), "stack s { region = }\n").expect("written");
    let out = cachec(&["fmt", "--colour", "never", "bad.cache"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("E0001"));
    let after = std::fs::read_to_string(tmp.path().join("bad.cache")).expect("readable");
    assert_eq!(after, "stack s { region = }\n");
}

#[test]
fn graph_writes_svg_to_a_file() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let example = std::fs::canonicalize("examples/fa-063/stack.cache").expect("example");
    let svg = tmp.path().join("fa-063.svg");
    let out = cachec(
        &[
            "graph",
            example.to_str().expect("utf-8 path"),
            "--format",
            "svg",
            "-o",
            svg.to_str().expect("utf-8 path"),
        ],
        tmp.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).expect("svg written");
    assert!(text.starts_with("<?xml"));
}

#[test]
fn graph_does_not_draw_a_program_with_errors() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("a.cache"), "stack s {}\nnetwork vpc {}\n").expect("written");
    let out = cachec(&["graph", "--colour", "never", "a.cache"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing drawn");
    assert!(String::from_utf8_lossy(&out.stderr).contains("error"));
}

#[test]
fn init_then_build_then_refuse() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = cachec(&["init", "demo"], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    let demo = tmp.path().join("demo");
    let out = cachec(&["build", "stack.cache", "-o", "out"], &demo);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(demo.join("out/stack.yaml").exists());
    let out = cachec(&["init", "demo"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
}
