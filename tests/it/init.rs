//! `cachec init`: the scaffold builds with no diagnostic at all, lints clean, is formatted, and
//! init never writes into a folder that holds anything.

use crate::common;

use cachec::DirLoader;
use cachec::emit::write::write_all;
use cachec::init::{InitError, Shape, init, init_shaped};

#[test]
fn the_scaffold_builds_without_diagnostics_and_lints_clean() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("Shop Sessions");
    let written = init(&dir).expect("init writes the project");
    assert_eq!(written.len(), 4);
    let src = std::fs::read_to_string(dir.join("stack.cache")).expect("stack.cache written");
    assert!(
        src.contains("stack \"shop-sessions\""),
        "stack named after the folder"
    );
    assert!(
        std::fs::read_to_string(dir.join("Makefile"))
            .expect("Makefile written")
            .contains("BUCKET")
    );
    formatted_builds_and_lints_clean(&dir, &src);
}

#[test]
fn the_cluster_scaffold_builds_without_diagnostics_and_lints_clean() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("sharded");
    init_shaped(&dir, Shape::Cluster).expect("init writes the project");
    let src = std::fs::read_to_string(dir.join("stack.cache")).expect("stack.cache written");
    assert!(src.contains("cluster_mode       = enabled"));
    let handler = std::fs::read_to_string(dir.join("handler.py")).expect("handler written");
    assert!(handler.contains("RedisCluster("), "a cluster client");
    formatted_builds_and_lints_clean(&dir, &src);
}

/// The scaffold `src` in `dir` is formatted, builds without a diagnostic, and lints clean.
fn formatted_builds_and_lints_clean(dir: &std::path::Path, src: &str) {
    assert_eq!(
        cachec::fmt::format(src).ok().as_deref(),
        Some(src),
        "the scaffold is formatted"
    );
    let (files, diags) = cachec::compile(src, &DirLoader(dir.to_path_buf()), &common::options());
    assert!(diags.is_empty(), "the scaffold has diagnostics: {diags:?}");
    let out = dir.join("out");
    write_all(&out, &files.expect("templates")).expect("templates written");
    let templates: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").path())
        .filter(|p| !p.ends_with(cachec::emit::write::MARKER))
        .collect();
    common::assert_lints_clean(&templates);
}

#[test]
fn init_refuses_a_folder_that_holds_anything() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("notes.txt"), "mine").expect("written");
    let err = init(tmp.path()).expect_err("refused");
    assert!(matches!(err, InitError::NotEmpty(_)), "{err}");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).expect("folder").collect();
    assert_eq!(left.len(), 1, "nothing was added");
}

#[test]
fn init_fills_an_empty_existing_folder() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    init(tmp.path()).expect("an empty folder is fine");
    assert!(tmp.path().join("handler.py").exists());
}

#[test]
fn the_scaffold_makefile_says_how_to_get_cachec() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("p");
    cachec::init::init(&dir).expect("scaffold");
    let out = std::process::Command::new("make")
        .arg("build")
        .current_dir(&dir)
        .env("PATH", "/usr/bin:/bin")
        .env("CACHEC", "cachec-not-installed")
        .output()
        .expect("make runs");
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("cachec-not-installed is not on your PATH: run make install"),
        "{text}"
    );
    assert!(!dir.join("out").exists());
}
