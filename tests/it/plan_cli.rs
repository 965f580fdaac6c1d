//! `cachec plan` end to end through the binary: exit statuses 0, 1 and 2, JSON lines, and programs
//! read from a git revision (with their function sources from the same revision).

use std::path::Path;
use std::process::{Command, Output};

fn cachec(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cachec runs")
}

fn case(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/plan")
        .join(name)
}

#[test]
fn a_safe_update_exits_0_and_a_replaced_cache_exits_1() {
    let safe = cachec(&["plan", "old.cache", "new.cache"], &case("node-type"));
    assert_eq!(safe.status.code(), Some(0), "{safe:?}");
    let text = String::from_utf8_lossy(&safe.stdout);
    assert!(text.contains("~ CacheReplicationGroup"), "{text}");
    let unsafe_ = cachec(&["plan", "old.cache", "new.cache"], &case("port"));
    assert_eq!(unsafe_.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unsafe_.stderr).contains("E0703"));
}

#[test]
fn allow_replace_lets_a_removal_through_and_an_unknown_name_is_a_usage_error() {
    let dir = case("remove-cache");
    let blocked = cachec(&["plan", "old.cache", "new.cache"], &dir);
    assert_eq!(blocked.status.code(), Some(1));
    let allowed = cachec(
        &[
            "plan",
            "old.cache",
            "new.cache",
            "--allow-replace",
            "sessions",
        ],
        &dir,
    );
    assert_eq!(allowed.status.code(), Some(0), "{allowed:?}");
    let unknown = cachec(
        &["plan", "old.cache", "new.cache", "--allow-replace", "nope"],
        &dir,
    );
    assert_eq!(unknown.status.code(), Some(2));
    let missing = cachec(&["plan", "old.cache", "absent.cache"], &dir);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_program_with_errors_exits_1_without_a_plan() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("bad.cache"), "stack \"s\" { nope = 1 }\n").expect("written");
    let old = case("node-type").join("old.cache");
    let out = cachec(
        &["plan", old.to_str().expect("utf-8"), "bad.cache"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn json_gives_changes_diagnostics_and_a_summary_last() {
    let out = cachec(
        &["plan", "old.cache", "new.cache", "--message-format", "json"],
        &case("port"),
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    let replaced = lines
        .iter()
        .find(|o| o["logical_id"] == "CacheReplicationGroup")
        .expect("the group is in the plan");
    assert_eq!(replaced["action"], "replace");
    assert_eq!(replaced["interruption"], "replacement");
    assert_eq!(replaced["properties"][0]["name"], "Port");
    assert_eq!(replaced["line"], 19);
    assert!(
        lines
            .iter()
            .any(|o| o["code"] == "E0703" && o["file"] == "new.cache")
    );
    let last = lines.last().expect("a summary");
    assert_eq!(last["kind"], "summary");
    assert_eq!(last["errors"], true);
}

#[test]
fn git_revisions_are_read_with_their_function_sources() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(tmp.path())
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    git(&["init", "-q"]);
    std::fs::create_dir(tmp.path().join("app")).expect("folder");
    let dir = case("function-code");
    for file in ["old.cache", "probe.py"] {
        std::fs::copy(dir.join(file), tmp.path().join("app").join(file)).expect("copied");
    }
    std::fs::rename(
        tmp.path().join("app/old.cache"),
        tmp.path().join("app/stack.cache"),
    )
    .expect("renamed");
    git(&["add", "."]);
    git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-qm",
        "one",
    ]);
    // The working tree's probe.py changes; the revision's must be the one read.
    std::fs::write(
        tmp.path().join("app/probe.py"),
        "def lambda_handler(e, c):\n    return 2\n",
    )
    .expect("written");
    let out = cachec(
        &["plan", "git:HEAD:app/stack.cache", "app/stack.cache"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("~ Code"), "{text}");
    let bad = cachec(
        &["plan", "git:HEAD:absent.cache", "app/stack.cache"],
        tmp.path(),
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn stage_writes_the_steps_and_their_commands_and_keeps_foreign_files() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("steps");
    let out = dir.to_string_lossy().into_owned();
    let case = case("failover-with-first-replica");
    // A step folder of an earlier, longer staging, written by cachec, and a file of the user's.
    let stale = dir.join("step-3");
    cachec::emit::write::write_all(&stale, &[]).expect("written");
    std::fs::write(dir.join("notes.txt"), "mine").expect("written");
    let staged = cachec(&["plan", "old.cache", "new.cache", "--stage", &out], &case);
    assert_eq!(staged.status.code(), Some(0), "{staged:?}");
    let text = String::from_utf8_lossy(&staged.stdout);
    let steps: Vec<&str> = text.lines().filter(|l| l.starts_with("# step")).collect();
    assert_eq!(steps, ["# step 1", "# step 2"], "{text}");
    assert!(
        text.contains(&format!("--template-file {out}/step-2/stack.yaml")),
        "{text}"
    );
    assert!(dir.join("step-1/cache.yaml").is_file());
    assert!(dir.join("step-2/cache.yaml").is_file());
    assert!(!stale.exists(), "the stale step is removed");
    assert!(dir.join("notes.txt").is_file(), "the user's file is kept");
    // A step folder holding a file cachec did not write is refused, untouched.
    std::fs::write(dir.join("step-1/mine.txt"), "mine").expect("written");
    let refused = cachec(&["plan", "old.cache", "new.cache", "--stage", &out], &case);
    assert_eq!(refused.status.code(), Some(1));
    assert!(dir.join("step-1/mine.txt").is_file());
}

#[test]
fn stage_writes_nothing_when_the_plan_has_other_errors() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("steps");
    let out = dir.to_string_lossy().into_owned();
    let refused = cachec(
        &["plan", "old.cache", "new.cache", "--stage", &out],
        &case("port"),
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("nothing staged"));
    assert!(!dir.exists());
    let single = cachec(
        &["plan", "old.cache", "new.cache", "--stage", &out],
        &case("node-type"),
    );
    assert_eq!(single.status.code(), Some(0), "{single:?}");
    assert!(dir.join("step-1/stack.yaml").is_file());
    assert!(!dir.join("step-2").exists());
}

#[test]
fn warnings_old_has_too_are_counted_not_shown() {
    // Both programs warn that the function connects without a user: the plan shows the count.
    let human = cachec(&["plan", "old.cache", "new.cache"], &case("rbac-users"));
    let stderr = String::from_utf8_lossy(&human.stderr);
    assert!(!stderr.contains("W0916"), "{stderr}");
    assert!(
        stderr.contains("1 warning of new.cache that old.cache has too is not shown"),
        "{stderr}"
    );
    let json = cachec(
        &["plan", "old.cache", "new.cache", "--message-format", "json"],
        &case("rbac-users"),
    );
    let stdout = String::from_utf8_lossy(&json.stdout);
    assert!(!stdout.contains("W0916"), "{stdout}");
    let last: serde_json::Value =
        serde_json::from_str(stdout.lines().last().expect("a summary")).expect("JSON");
    assert_eq!(last["warnings_not_shown"], 1);
    assert_eq!(human.status.code(), json.status.code());
}
