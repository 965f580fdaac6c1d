//! The fa-063 function's code, taken out of the emitted template, runs against a real Redis: a
//! primary and a replica on loopback, reached through the environment the template gives it.
//! As in the tutorial, the value written on the primary reads back from both, and the replica
//! refuses writes with READONLY.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::cfn::{TemplateSet, intrinsic};
use crate::common::process::{Guard, free_port};
use crate::common::resp::command;

const PRIMARY: &str = "127.0.0.1";
const REPLICA: &str = "127.0.0.2";

/// A running server and the folder it works in; the server stops before the folder goes.
struct Server {
    _process: Guard,
    dir: tempfile::TempDir,
}

/// Each server works in a folder of its own: a replica writes the primary's snapshot to its
/// working folder while syncing, even with saving off.
fn redis_server(bind: &str, port: u16, replica_of: Option<u16>) -> Server {
    let dir = tempfile::tempdir().expect("server folder");
    let mut cmd = Command::new("redis-server");
    cmd.args(["--bind", bind, "--port", &port.to_string()])
        .arg("--dir")
        .arg(dir.path())
        .args(["--save", "", "--appendonly", "no", "--protected-mode", "no"]);
    if let Some(primary_port) = replica_of {
        cmd.args(["--replicaof", PRIMARY, &primary_port.to_string()]);
    }
    let mut guard = Guard::start("redis-server", &mut cmd);
    guard.wait_listening(&format!("{bind}:{port}"));
    Server {
        _process: guard,
        dir,
    }
}

/// The environment variables of the fa-063 function, each resolved through the nested stacks to
/// the replication group attribute it carries, then to the local server standing in for it.
fn environment(set: &TemplateSet, port: u16) -> (String, String, BTreeMap<String, String>) {
    let functions = set.resources("functions.yaml", "AWS::Lambda::Function");
    let [(_, function)] = functions.as_slice() else {
        panic!("fa-063 has one function, found {}", functions.len());
    };
    let code = function["Code"]["ZipFile"]
        .as_str()
        .expect("inline code")
        .to_string();
    let handler = function["Handler"].as_str().expect("handler").to_string();
    let variables = function["Environment"]["Variables"]
        .as_mapping()
        .expect("environment variables");
    let mut env = BTreeMap::new();
    for (key, value) in variables {
        let key = key.as_str().expect("variable name").to_string();
        let (file, made) = set.resolve("functions.yaml", value);
        let Some(("!GetAtt", target)) = intrinsic(&made) else {
            panic!("{key} does not lead to a resource attribute: {made:?} in {file}");
        };
        let (resource, attribute) = target.split_once('.').expect("resource.attribute");
        let ty = &set.get(&file)["Resources"][resource]["Type"];
        assert_eq!(
            ty.as_str(),
            Some("AWS::ElastiCache::ReplicationGroup"),
            "{key} comes from {resource} in {file}"
        );
        let local = match attribute {
            "PrimaryEndPoint.Address" => PRIMARY.to_string(),
            "ReaderEndPoint.Address" => REPLICA.to_string(),
            "PrimaryEndPoint.Port" | "ReaderEndPoint.Port" => port.to_string(),
            other => panic!("{key}: unexpected attribute {other}"),
        };
        env.insert(key, local);
    }
    (code, handler, env)
}

#[test]
fn fa063_function_writes_on_the_primary_and_reads_from_both() {
    let example = Path::new("examples/fa-063/stack.cache");
    let (files, rendered, _) = common::compile(example, &common::options());
    assert!(files.is_some(), "fa-063 has errors:\n{rendered}");
    let set = TemplateSet::parse(&files.expect("templates"));

    let port = free_port();
    let _primary = redis_server(PRIMARY, port, None);
    let replica = redis_server(REPLICA, port, Some(port));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !command(REPLICA, port, &["INFO", "replication"]).contains("master_link_status:up") {
        assert!(Instant::now() < deadline, "the replica never synced");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        replica.dir.path().join("dump.rdb").exists(),
        "the replica keeps the primary's snapshot in its own folder, not where the tests run"
    );

    let (code, handler, env) = environment(&set, port);
    assert_eq!(
        env.keys().collect::<Vec<_>>(),
        [
            "PRIMARY_ENDPOINT_ADDRESS",
            "READER_ENDPOINT_ADDRESS",
            "REDIS_PORT"
        ]
    );
    let dir = std::env::temp_dir().join(format!("cachec-redis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("code folder");
    // Inline code is stored as index.py, which is why handlers read `index.<function>`.
    std::fs::write(dir.join("index.py"), &code).expect("code written");
    let output = Command::new("python3")
        .arg("tests/py/invoke_handler.py")
        .arg(&dir)
        .arg(&handler)
        .envs(&env)
        .output()
        .expect("python3 runs");
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        output.status.success(),
        "the handler failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the handler returns JSON");
    assert_eq!(result["statusCode"], 200, "{result}");
    let body: serde_json::Value =
        serde_json::from_str(result["body"].as_str().expect("a body string")).expect("JSON body");
    assert_eq!(
        body,
        serde_json::json!({"primary_redis": "fugafuga", "reader_redis": "fugafuga"})
    );

    // The key is really there on both servers, and the replica refuses writes.
    assert_eq!(command(PRIMARY, port, &["GET", "hogehoge"]), "fugafuga");
    assert_eq!(command(REPLICA, port, &["GET", "hogehoge"]), "fugafuga");
    let refused = command(REPLICA, port, &["SET", "hogehoge", "other"]);
    assert!(
        refused.starts_with("-READONLY"),
        "the replica accepted a write: {refused}"
    );
    assert_eq!(command(REPLICA, port, &["GET", "hogehoge"]), "fugafuga");
}
