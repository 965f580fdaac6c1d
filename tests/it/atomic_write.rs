//! Nothing half-written: `build` replaces its output folder whole or not at all, and the same input
//! gives the same bytes in every run, across processes (so no hash-order or clock leaks in).

use crate::common;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cachec::emit::File;
use cachec::emit::write::write_all;

struct Work(PathBuf);

impl Work {
    fn new(name: &str) -> Work {
        let dir = std::env::temp_dir().join(format!("cachec-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("work folder");
        Work(dir)
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn build(program: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args([
            "build",
            "--colour",
            "never",
            "--as-of",
            common::as_of().as_str(),
        ])
        .args(extra)
        .arg(program)
        .arg("-o")
        .arg(out)
        .output()
        .expect("cachec runs")
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string();
                files.insert(name, std::fs::read(&path).expect("readable file"));
            }
        }
    }
    files
}

/// Names in `dir` that look like a build's staging or parked folders.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("readable folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".cachec-"))
        .collect()
}

fn old_output(out: &Path) {
    std::fs::create_dir_all(out.join("nested")).expect("old output");
    std::fs::write(out.join("sentinel.txt"), "from an earlier build").expect("sentinel");
    std::fs::write(out.join("nested/old.yaml"), "old: true\n").expect("old file");
}

#[test]
fn a_failed_build_leaves_the_old_output_untouched() {
    let work = Work::new("failed-build");
    let out = work.0.join("out");
    old_output(&out);
    let before = snapshot(&out);
    let program = work.0.join("broken.cache");
    std::fs::write(&program, "stack \"s\" {}\nnetwork vpc { cidr = 10 }\n").expect("program");
    let output = build(&program, &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("error"));
    assert_eq!(
        snapshot(&out),
        before,
        "the failed build changed the old output"
    );
    assert_eq!(leftovers(&work.0), Vec::<String>::new());
}

#[test]
fn a_successful_build_replaces_the_output_whole() {
    let work = Work::new("replace");
    let out = work.0.join("out");
    let example = Path::new("examples/fa-063/stack.cache");
    assert_eq!(build(example, &out, &[]).status.code(), Some(0));
    assert!(snapshot(&out).contains_key("network.yaml"));
    // The one-template build leaves no nested template of the earlier build behind.
    let output = build(example, &out, &["--single"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let files = snapshot(&out);
    assert!(
        !files.contains_key("network.yaml"),
        "the old output was merged, not replaced"
    );
    assert!(files.contains_key("stack.yaml"));
    assert_eq!(leftovers(&work.0), Vec::<String>::new());
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let work = Work::new("failed-write");
    // The output's parent is a file, so no folder can be made there.
    let blocker = work.0.join("not-a-folder");
    std::fs::write(&blocker, "a file").expect("blocker");
    let output = build(
        Path::new("examples/fa-063/stack.cache"),
        &blocker.join("out"),
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write"));
    assert_eq!(
        std::fs::read_to_string(&blocker).expect("blocker"),
        "a file"
    );

    // The output path is a file: the templates are written aside, then refused, then removed.
    let output = build(Path::new("examples/fa-063/stack.cache"), &blocker, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&blocker).expect("blocker"),
        "a file"
    );
    assert_eq!(leftovers(&work.0), Vec::<String>::new());
}

#[test]
fn a_write_failing_midway_keeps_the_old_output() {
    let work = Work::new("midway");
    let out = work.0.join("out");
    let earlier = [File {
        name: "stack.yaml".into(),
        contents: "Resources: {} # earlier\n".into(),
    }];
    write_all(&out, &earlier).expect("an earlier build");
    let before = snapshot(&out);
    // The second file cannot be created (its folder would be the first file, already written).
    let files = [
        File {
            name: "stack.yaml".into(),
            contents: "Resources: {}\n".into(),
        },
        File {
            name: "stack.yaml/cache.yaml".into(),
            contents: "Resources: {}\n".into(),
        },
    ];
    assert!(write_all(&out, &files).is_err());
    assert_eq!(snapshot(&out), before);
    assert_eq!(leftovers(&work.0), Vec::<String>::new());
}

#[test]
fn builds_are_byte_identical_across_runs() {
    let work = Work::new("identical");
    let mut programs = vec![PathBuf::from("examples/fa-063/stack.cache")];
    for seed in [3, 4, 8] {
        let generated = cachec::generate::program(seed, 3, 3);
        let dir = work.0.join(format!("gen-{seed}"));
        std::fs::create_dir_all(&dir).expect("program folder");
        std::fs::write(dir.join("stack.cache"), &generated.source).expect("program");
        for (name, text) in &generated.files {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("source folder");
            std::fs::write(path, text).expect("source");
        }
        programs.push(dir.join("stack.cache"));
    }
    let shapes: [&[&str]; 3] = [&[], &["--single"], &["--format", "json"]];
    for (p, program) in programs.iter().enumerate() {
        for (s, shape) in shapes.iter().enumerate() {
            let first = work.0.join(format!("first-{p}-{s}"));
            let again = work.0.join(format!("again-{p}-{s}"));
            for out in [&first, &again, &again] {
                let output = build(program, out, shape);
                assert_eq!(
                    output.status.code(),
                    Some(0),
                    "{}: {}",
                    program.display(),
                    String::from_utf8_lossy(&output.stderr)
                );
            }
            let (a, b) = (snapshot(&first), snapshot(&again));
            assert!(!a.is_empty());
            assert_eq!(
                a,
                b,
                "{} {shape:?}: output differs between runs",
                program.display()
            );
        }
    }
}

#[test]
fn region_folders_are_replaced_and_guarded_like_files() {
    let work = Work::new("regions");
    let out = work.0.join("out");
    let program = Path::new("examples/global/stack.cache");
    for _ in 0..2 {
        let run = build(program, &out, &[]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let written = snapshot(&out);
    for name in ["DEPLOY.md", "eu-west-1/stack.yaml", "us-east-1/cache.yaml"] {
        assert!(written.contains_key(name), "{name} in {:?}", written.keys());
    }
    // A file no build wrote, inside a region's folder, makes the folder not ours to replace.
    std::fs::write(out.join("us-east-1").join("notes.txt"), "mine").expect("foreign file");
    let refused = build(program, &out, &[]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("us-east-1/"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(out.join("us-east-1").join("notes.txt").exists());
}
