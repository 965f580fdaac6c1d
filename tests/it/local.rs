//! `cachec up` on the examples, on the real engines: the tutorial's checks run locally (the
//! function reads back from primary and reader, the reader refuses writes), then `down` leaves no
//! process and no state; and every bad start ends in a clear error with nothing left behind.
//! Each test works on its own copy of an example, on a port the kernel just handed out.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common;
use crate::common::process::free_port;

fn cachec(args: &[&str], path: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cachec"));
    command
        .args(args)
        // Virtual environments are kept between test runs, as a user's are between invokes.
        .env(
            "CACHEC_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cachec-cache"),
        );
    if let Some(path) = path {
        command.env("PATH", path);
    }
    command.output().expect("cachec runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of `examples/NAME` in a temporary folder, its group on `port`.
struct Copy {
    dir: tempfile::TempDir,
    port: u16,
}

impl Copy {
    fn of(name: &str, edit: impl Fn(&str, u16) -> String) -> Copy {
        let dir = tempfile::tempdir().expect("temporary folder");
        for entry in std::fs::read_dir(Path::new("examples").join(name)).expect("example") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copied");
        }
        let port = free_port();
        let program = dir.path().join("stack.cache");
        let src = std::fs::read_to_string(&program).expect("program");
        std::fs::write(&program, edit(&src, port)).expect("edited");
        Copy { dir, port }
    }

    fn program(&self) -> String {
        self.dir.path().join("stack.cache").display().to_string()
    }

    fn state(&self) -> PathBuf {
        self.dir.path().join(".cachec")
    }

    /// The process ids `up` recorded.
    fn pids(&self) -> Vec<u32> {
        let text = std::fs::read_to_string(self.state().join("state.json")).expect("state");
        let state: serde_json::Value = serde_json::from_str(&text).expect("JSON state");
        state["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .flat_map(|g| g["nodes"].as_array().expect("nodes").clone())
            .map(|n| n["pid"].as_u64().expect("pid") as u32)
            .collect()
    }
}

/// A process that runs (a zombie waiting for its parent to reap it does not).
fn runs(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
    })
}

/// Runs `cachec down` when dropped, so a failing test stops what it started.
struct Up<'a> {
    copy: &'a Copy,
}

impl<'a> Up<'a> {
    fn start(copy: &'a Copy) -> (Up<'a>, Output) {
        let out = cachec(&["up", &copy.program()], None);
        (Up { copy }, out)
    }
}

impl Drop for Up<'_> {
    fn drop(&mut self) {
        let _ = cachec(&["down", &self.copy.program()], None);
    }
}

fn fa063() -> Copy {
    Copy::of("fa-063", |src, port| {
        src.replace(
            "port            = 6379",
            &format!("port            = {port}"),
        )
    })
}

fn valkey3az() -> Copy {
    Copy::of("valkey-3az", |src, port| {
        src.replace(
            "  transit_encryption = true",
            &format!("  port               = {port}\n  transit_encryption = true"),
        )
    })
}

fn invoke(copy: &Copy, function: &str, event: &str) -> serde_json::Value {
    let out = cachec(
        &["invoke", &copy.program(), function, "--event", event],
        None,
    );
    assert!(
        out.status.success(),
        "invoke {function} failed:\n{}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out.stdout)))
}

fn cli(copy: &Copy, group: &str, reader: bool, args: &[&str]) -> String {
    let program = copy.program();
    let mut all = vec!["cli", &program, group];
    if reader {
        all.push("--reader");
    }
    all.push("--");
    all.extend(args);
    let out = cachec(&all, None);
    text(&out.stdout) + &text(&out.stderr)
}

/// Stops, and checks that no process and no state are left.
fn down_leaves_nothing(copy: &Copy, pids: &[u32]) {
    let out = cachec(&["down", &copy.program()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for pid in pids {
        assert!(!runs(*pid), "process {pid} still runs after down");
    }
    assert!(
        !copy.state().exists(),
        "down left {}",
        copy.state().display()
    );
}

#[test]
fn fa063_runs_the_tutorial_checks_locally() {
    let copy = fa063();
    let (_up, out) = Up::start(&copy);
    assert!(out.status.success(), "up failed:\n{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(
        printed.contains(&format!("primary endpoint: 127.0.0.1:{}", copy.port)),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("reader endpoint:  127.0.0.2:{}", copy.port)),
        "{printed}"
    );
    let pids = copy.pids();
    assert_eq!(pids.len(), 2, "a primary and one replica");
    assert!(pids.iter().all(|p| runs(*p)));

    let result = invoke(&copy, "probe", "{}");
    assert_eq!(result["statusCode"], 200, "{result}");
    let body: serde_json::Value =
        serde_json::from_str(result["body"].as_str().expect("a body string")).expect("JSON body");
    assert_eq!(body["primary_redis"], "fugafuga", "{body}");
    assert_eq!(body["reader_redis"], "fugafuga", "{body}");

    assert!(cli(&copy, "cache", true, &["set", "aaa", "bbb"]).contains("READONLY"));
    assert_eq!(
        cli(&copy, "cache", true, &["get", "hogehoge"]).trim(),
        "fugafuga"
    );

    let status = cachec(&["status", &copy.program()], None);
    let listing = text(&status.stdout);
    assert!(status.status.success(), "{listing}");
    assert!(
        listing.contains("cache-002") && listing.contains("running, replicating"),
        "{listing}"
    );

    down_leaves_nothing(&copy, &pids);
}

#[test]
fn valkey3az_runs_with_tls_on_valkey() {
    let copy = valkey3az();
    let (_up, out) = Up::start(&copy);
    assert!(out.status.success(), "up failed:\n{}", text(&out.stderr));
    let pids = copy.pids();
    assert_eq!(pids.len(), 3, "a primary and two replicas");
    let engine = std::fs::read_to_string(format!("/proc/{}/cmdline", pids[0])).unwrap_or_default();
    assert!(engine.contains("valkey-server"), "{engine}");

    let written = invoke(&copy, "writer", r#"{"session": "s1", "user": "ann"}"#);
    assert_eq!(written["replicas_acknowledged"], 2, "{written}");
    let read = invoke(
        &copy,
        "reader",
        r#"{"queryStringParameters": {"session": "s1"}}"#,
    );
    assert_eq!(read["statusCode"], 200, "{read}");
    let session: serde_json::Value =
        serde_json::from_str(read["body"].as_str().expect("body")).expect("JSON body");
    assert_eq!(session["user"], "ann", "{session}");

    assert!(cli(&copy, "sessions", true, &["set", "aaa", "bbb"]).contains("READONLY"));
    // Transit encryption on: the nodes take TLS only, as ElastiCache's do.
    let plain = Command::new("valkey-cli")
        .args(["-h", "127.0.0.1", "-p", &copy.port.to_string(), "ping"])
        .output()
        .expect("valkey-cli runs");
    assert!(
        !text(&plain.stdout).contains("PONG"),
        "a plain connection was answered"
    );

    down_leaves_nothing(&copy, &pids);
}

/// fa-063 with TLS and an AUTH token, its probe connecting with TLS.
fn tls_copy() -> Copy {
    let copy = Copy::of("fa-063", with_token);
    let probe = copy.dir.path().join("probe.py");
    let code = std::fs::read_to_string(&probe).expect("probe");
    let code = code.replace(
        "port=PORT, socket_timeout",
        "port=PORT, ssl=True, socket_timeout",
    );
    std::fs::write(&probe, code).expect("probe edited");
    copy
}

/// fa-063's program with TLS and an AUTH token, its group on `port`.
fn with_token(src: &str, port: u16) -> String {
    src.replace(
        "port            = 6379",
        &format!("port            = {port}"),
    )
    .replace(
        "  replica_zones   = [\"d\"]  # one read replica",
        "  replica_zones   = [\"d\"]  # one read replica\n\n  transit_encryption = true\n  \
             auth_token         = \"ssm:/fa-063/cache/auth-token\"",
    )
}

#[test]
fn what_the_machine_lacks_is_reported_against_the_program() {
    let copy = tls_copy();
    // A redis-server that only tells its version: nothing may start before the diagnostics pass.
    let bin = tempfile::tempdir().expect("PATH folder");
    common::process::stand_in(
        bin.path(),
        "redis-server",
        "#!/bin/sh\n[ \"$1\" = --version ] && echo 'Redis server v=7.0.15 sha=0' && exit 0\nexit 1\n",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args(["up", "stack.cache", "--allow", "W0501", "--color", "never"])
        .current_dir(copy.dir.path())
        .env("PATH", bin.path())
        .output()
        .expect("cachec runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(!copy.state().exists());
    let rendered = text(&out.stderr);
    insta::with_settings!({ snapshot_path => "../snapshots/local", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("secret_missing_and_engine_version", rendered);
    });
}

#[test]
fn the_auth_token_comes_from_local_secrets() {
    let copy = tls_copy();
    std::fs::write(
        copy.dir.path().join("local.secrets"),
        "# local values\nssm:/fa-063/cache/auth-token = This-is-a-sample-token\n",
    )
    .expect("secrets");
    let (_up, out) = Up::start(&copy);
    assert!(out.status.success(), "up failed:\n{}", text(&out.stderr));
    assert_eq!(cli(&copy, "cache", false, &["ping"]).trim(), "PONG");
    assert_eq!(cli(&copy, "cache", true, &["ping"]).trim(), "PONG");
    let refused = Command::new("redis-cli")
        .args([
            "--tls",
            "--insecure",
            "-h",
            "127.0.0.1",
            "-p",
            &copy.port.to_string(),
            "get",
            "x",
        ])
        .output()
        .expect("redis-cli runs");
    assert!(
        text(&refused.stdout).contains("NOAUTH"),
        "{}",
        text(&refused.stdout)
    );
    let status = cachec(&["status", &copy.program()], None);
    assert!(
        text(&status.stdout).contains("running, replicating"),
        "{}",
        text(&status.stdout)
    );
}

#[test]
fn a_program_with_errors_starts_nothing() {
    let copy = Copy::of("fa-063", |src, _| {
        src.replace("engine_version  = \"6.2\"", "engine_version  = \"1.0\"")
    });
    let (_up, out) = Up::start(&copy);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("error"), "{}", text(&out.stderr));
    assert!(!copy.state().exists());
}

#[test]
fn up_twice_is_refused_and_the_first_keeps_running() {
    let copy = fa063();
    let (_up, out) = Up::start(&copy);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pids = copy.pids();
    let again = cachec(&["up", &copy.program()], None);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("is already up"),
        "{}",
        text(&again.stderr)
    );
    assert!(
        pids.iter().all(|p| runs(*p)),
        "the second up touched the first"
    );
    down_leaves_nothing(&copy, &pids);
}

#[test]
fn a_port_in_use_is_named_and_nothing_starts() {
    let copy = fa063();
    let _taken = TcpListener::bind(("127.0.0.2", copy.port)).expect("port taken");
    let (_up, out) = Up::start(&copy);
    assert_eq!(out.status.code(), Some(1));
    let error = text(&out.stderr);
    assert!(
        error.contains(&format!("127.0.0.2:{} (node cache-002", copy.port))
            && error.contains("in use"),
        "{error}"
    );
    assert!(!copy.state().exists());
}

#[test]
fn a_missing_engine_says_how_to_install_it() {
    let copy = fa063();
    let empty = tempfile::tempdir().expect("empty PATH folder");
    let out = cachec(
        &["up", &copy.program()],
        Some(&empty.path().display().to_string()),
    );
    assert_eq!(out.status.code(), Some(1));
    let error = text(&out.stderr);
    assert!(
        error.contains("redis-server, which is not installed")
            && error.contains("apt-get install redis-server"),
        "{error}"
    );
    assert!(!copy.state().exists());
}

#[test]
fn a_node_that_dies_at_start_stops_the_others() {
    let copy = fa063();
    // A redis-server that runs the real one, except for the replica's address, where it fails.
    let bin = tempfile::tempdir().expect("PATH folder");
    let real = Command::new("sh")
        .args(["-c", "command -v redis-server"])
        .output()
        .expect("sh");
    let real = text(&real.stdout).trim().to_string();
    common::process::stand_in(
        bin.path(),
        "redis-server",
        &format!(
            "#!/bin/sh\nif grep -q '^bind 127.0.0.2$' \"$1\"; then echo 'Fatal: no memory for this test' >&2; exit 1; fi\nexec {real} \"$@\"\n"
        ),
    );
    let path = common::process::path_before(bin.path());
    let out = cachec(&["up", &copy.program()], Some(&path));
    assert_eq!(out.status.code(), Some(1));
    let error = text(&out.stderr);
    assert!(
        error.contains("node cache-002 of group `cache` exited at start")
            && error.contains("Fatal: no memory"),
        "{error}"
    );
    assert!(!copy.state().exists());
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", copy.port)).is_err(),
        "the primary still listens"
    );
}

#[test]
fn a_project_from_init_runs_locally() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let project = dir.path().join("app");
    cachec::init::init(&project).expect("init");
    let program = project.join("stack.cache");
    let port = free_port();
    let src = std::fs::read_to_string(&program).expect("program");
    let src = src.replace(
        "  transit_encryption = true",
        &format!("  port               = {port}\n  transit_encryption = true"),
    );
    std::fs::write(&program, src).expect("edited");
    let program = program.display().to_string();
    let up = cachec(&["up", &program], None);
    let _down = Down(program.clone());
    assert!(up.status.success(), "up failed:\n{}", text(&up.stderr));
    for expected in [1, 2] {
        let out = cachec(&["invoke", &program, "counter"], None);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let body: serde_json::Value =
            serde_json::from_str(result["body"].as_str().expect("body")).expect("JSON body");
        assert_eq!(
            body,
            serde_json::json!({"primary": expected, "reader": expected})
        );
    }
    let gitignore = std::fs::read_to_string(project.join(".gitignore")).expect(".gitignore");
    assert!(gitignore.lines().any(|l| l == "/.cachec/"), "{gitignore}");
}

/// `cachec down PROGRAM` on drop.
struct Down(String);

impl Drop for Down {
    fn drop(&mut self) {
        let _ = cachec(&["down", &self.0], None);
    }
}

#[test]
fn a_node_gone_shows_in_status_and_down_still_cleans_up() {
    let copy = fa063();
    let (_up, out) = Up::start(&copy);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pids = copy.pids();
    let killed = Command::new("kill")
        .args(["-KILL", &pids[1].to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while runs(pids[1]) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = cachec(&["status", &copy.program()], None);
    assert_eq!(status.status.code(), Some(1));
    let listing = text(&status.stdout);
    assert!(
        listing
            .lines()
            .any(|l| l.contains("cache-002") && l.ends_with("stopped")),
        "{listing}"
    );
    down_leaves_nothing(&copy, &pids);
}

#[test]
fn invoke_and_cli_need_the_program_up() {
    let copy = fa063();
    let out = cachec(&["invoke", &copy.program(), "probe"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not up: `cachec up"),
        "{}",
        text(&out.stderr)
    );
    let out = cachec(&["cli", &copy.program(), "cache"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not up"),
        "{}",
        text(&out.stderr)
    );
    let out = cachec(&["down", &copy.program()], None);
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("nothing runs"),
        "{}",
        text(&out.stderr)
    );
}
