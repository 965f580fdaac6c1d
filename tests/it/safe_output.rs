//! `build -o DIR` never deletes what cachec did not write: a folder with other files, the
//! program's own folder, `-o .` and the folders above the program are refused and left as they were.

use crate::common;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use cachec::emit::File;
use cachec::emit::write::{MARKER, Refusal, refusal, write_all};

fn build(program: &Path, out: &str, cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args([
            "build",
            "--color",
            "never",
            "--as-of",
            common::as_of().as_str(),
        ])
        .arg(program)
        .args(["-o", out])
        .current_dir(cwd)
        .output()
        .expect("cachec runs")
}

/// Every entry under `dir`, with the bytes of files.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable folder") {
            let path = entry.expect("entry").path();
            let name = path
                .strip_prefix(dir)
                .expect("inside")
                .display()
                .to_string();
            if path.is_dir() {
                found.insert(format!("{name}/"), Vec::new());
                stack.push(path);
            } else {
                found.insert(name, std::fs::read(&path).expect("readable file"));
            }
        }
    }
    found
}

/// A folder like the one in the report: the program, its function and an unrelated note.
fn danger(root: &Path) -> std::path::PathBuf {
    let dir = root.join("danger");
    std::fs::create_dir_all(&dir).expect("folder");
    for name in ["stack.cache", "probe.py"] {
        std::fs::copy(Path::new("examples/fa-063").join(name), dir.join(name)).expect("copied");
    }
    std::fs::write(dir.join("notes.txt"), "mine\n").expect("note");
    dir
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_programs_own_folder_is_refused_and_kept() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = danger(tmp.path());
    let before = tree(tmp.path());
    let output = build(&dir.join("stack.cache"), "danger", tmp.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("error: cannot write danger: it holds the program"),
        "{err}"
    );
    assert!(err.contains("stack.cache"), "{err}");
    assert!(!err.contains("wrote"), "{err}");
    assert_eq!(tree(tmp.path()), before, "a refused build changed files");
}

#[test]
fn dot_and_the_folders_above_the_program_are_refused() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = danger(tmp.path());
    let before = tree(tmp.path());
    let root = tmp.path().to_path_buf();
    for (program, out, cwd) in [
        ("stack.cache", ".", &dir),
        ("stack.cache", "..", &dir),
        ("danger/stack.cache", ".", &root),
    ] {
        let output = build(Path::new(program), out, cwd);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "-o {out}: {err}");
        assert!(err.contains("it holds the program"), "-o {out}: {err}");
    }
    assert_eq!(tree(tmp.path()), before);
}

#[test]
fn the_current_folder_is_refused_even_when_empty() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = danger(tmp.path());
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).expect("folder");
    let output = build(&dir.join("stack.cache"), ".", &empty);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("it is the current folder"),
        "{}",
        stderr(&output)
    );
    assert!(tree(&empty).is_empty());
}

#[test]
fn a_folder_with_other_files_is_refused_naming_them() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = danger(tmp.path());
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("docs")).expect("folder");
    for i in 0..7 {
        std::fs::write(out.join(format!("f{i}.txt")), "keep").expect("file");
    }
    let before = tree(tmp.path());
    let output = build(&dir.join("stack.cache"), "out", tmp.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            "which replacing it would delete: docs/, f0.txt, f1.txt, f2.txt, f3.txt and 3 more"
        ),
        "{err}"
    );
    assert_eq!(tree(tmp.path()), before);
}

#[test]
fn an_earlier_build_is_replaced_but_not_once_someone_adds_a_file() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = danger(tmp.path());
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).expect("an empty folder may be replaced");
    for _ in 0..2 {
        let output = build(&dir.join("stack.cache"), "out", tmp.path());
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    let marker = std::fs::read_to_string(out.join(MARKER)).expect("marker");
    assert!(
        marker.starts_with("This folder was written by `cachec build`"),
        "{marker}"
    );
    assert!(marker.lines().any(|l| l == "stack.yaml"), "{marker}");
    std::fs::write(out.join("notes.txt"), "mine").expect("note");
    let before = tree(&out);
    let output = build(&dir.join("stack.cache"), "out", tmp.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("delete: notes.txt\n"),
        "{}",
        stderr(&output)
    );
    assert_eq!(tree(&out), before);
}

#[test]
fn a_marker_lists_only_what_it_covers() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    let one = |name: &str| File {
        name: name.into(),
        contents: "Resources: {}\n".into(),
    };
    write_all(&out, &[one("a.yaml")]).expect("first");
    // A file of the same name a user put there after deleting the marker is not cachec's.
    std::fs::remove_file(out.join(MARKER)).expect("marker removed");
    let err = write_all(&out, &[one("b.yaml")]).expect_err("refused");
    assert_eq!(
        refusal(&err),
        Some(&Refusal::Foreign(vec!["a.yaml".into()]))
    );
    assert!(out.join("a.yaml").exists());
}

#[test]
fn leftovers_of_a_killed_build_are_cleared() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    let file = File {
        name: "stack.yaml".into(),
        contents: "Resources: {}\n".into(),
    };
    // A build killed between parking the old folder and moving the new one in leaves this.
    let parked = tmp.path().join(".out.cachec-old-1");
    write_all(&parked, std::slice::from_ref(&file)).expect("a parked build");
    let foreign = tmp.path().join(".out.cachec-old-2");
    std::fs::create_dir(&foreign).expect("folder");
    std::fs::write(foreign.join("mine.txt"), "x").expect("file");
    write_all(&out, &[file]).expect("written");
    assert!(!parked.exists(), "the parked build is cleared");
    assert!(
        foreign.join("mine.txt").exists(),
        "a folder that is not cachec's is kept"
    );
}

/// A program with environments builds each into `OUT/<env>/`, and a later build replaces that
/// output whole (its folders are its own); a stray file in one of them is refused.
#[test]
fn environments_build_into_folders_that_a_rebuild_replaces() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("shop");
    std::fs::create_dir_all(&dir).expect("folder");
    for name in ["stack.cache", "app.py"] {
        std::fs::copy(
            Path::new("examples/environments").join(name),
            dir.join(name),
        )
        .expect("copied");
    }
    let program = dir.join("stack.cache");
    let first = build(&program, "out", tmp.path());
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let built = tree(&tmp.path().join("out"));
    for file in [
        "dev/stack.yaml",
        "dev/cache.yaml",
        "prod/stack.yaml",
        "prod/cache.yaml",
    ] {
        assert!(built.contains_key(file), "{file}: {:?}", built.keys());
    }
    assert!(
        !built.contains_key("stack.yaml"),
        "nothing outside the folders"
    );
    let dev = String::from_utf8_lossy(&built["dev/cache.yaml"]).into_owned();
    let prod = String::from_utf8_lossy(&built["prod/cache.yaml"]).into_owned();
    assert!(
        dev.contains("ReplicationGroupId: shop-dev-sessions"),
        "{dev}"
    );
    assert!(
        prod.contains("ReplicationGroupId: shop-prod-sessions"),
        "{prod}"
    );

    let again = build(&program, "out", tmp.path());
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(tree(&tmp.path().join("out")), built, "the same bytes again");

    std::fs::write(tmp.path().join("out/prod/notes.txt"), "mine\n").expect("note");
    let refused = build(&program, "out", tmp.path());
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("prod/"), "{}", stderr(&refused));

    let one = Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args([
            "build",
            "--as-of",
            common::as_of().as_str(),
            "--env",
            "prod",
        ])
        .arg(&program)
        .args(["-o", "prod-only"])
        .current_dir(tmp.path())
        .output()
        .expect("cachec runs");
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    let alone = tree(&tmp.path().join("prod-only"));
    assert_eq!(
        alone.get("cache.yaml"),
        built.get("prod/cache.yaml"),
        "--env prod writes prod's templates into the folder itself"
    );
}
