//! The sharded example's function code, taken out of the emitted template, runs against a real
//! Valkey cluster on loopback: one server per declared shard, started in cluster mode, each given
//! the slots its `shard` block declares. Through the configuration endpoint the template hands it,
//! the function's cluster client writes and reads keys that land on several shards.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common;
use crate::common::cfn::{TemplateSet, intrinsic};
use crate::common::process::{Guard, free_port};
use crate::common::resp::command;

const HOST: &str = "127.0.0.1";

/// A cluster node and the folder that holds its cluster config; the node stops first.
struct Node {
    _process: Guard,
    _dir: tempfile::TempDir,
    port: u16,
}

fn cluster_node(port: u16) -> Node {
    let dir = tempfile::tempdir().expect("node folder");
    let mut cmd = Command::new("valkey-server");
    cmd.args(["--bind", HOST, "--port", &port.to_string()])
        .arg("--dir")
        .arg(dir.path())
        .args([
            "--cluster-enabled",
            "yes",
            "--cluster-config-file",
            "nodes.conf",
        ])
        .args(["--save", "", "--appendonly", "no", "--protected-mode", "no"]);
    let mut guard = Guard::start("valkey-server", &mut cmd);
    guard.wait_listening(&format!("{HOST}:{port}"));
    Node {
        _process: guard,
        _dir: dir,
        port,
    }
}

/// The slot ranges of each NodeGroupConfiguration entry, as the template declares them.
fn declared_slots(set: &TemplateSet) -> Vec<Vec<(u32, u32)>> {
    let groups = set.resources("cache.yaml", "AWS::ElastiCache::ReplicationGroup");
    let [(_, group)] = groups.as_slice() else {
        panic!("the sharded example has one replication group");
    };
    assert_eq!(group["ClusterMode"].as_str(), Some("enabled"));
    group["NodeGroupConfiguration"]
        .as_sequence()
        .expect("shards declared")
        .iter()
        .map(|shard| {
            let slots = shard["Slots"].as_str().expect("slots declared");
            slots
                .split(',')
                .map(|range| {
                    let (a, b) = range.trim().split_once('-').unwrap_or((range, range));
                    (a.parse().expect("slot"), b.parse().expect("slot"))
                })
                .collect()
        })
        .collect()
}

/// The function's code, handler and environment, each cache attribute resolved through the nested
/// stacks to the configuration endpoint, then to the first node standing in for it.
fn function(set: &TemplateSet, port: u16) -> (String, String, BTreeMap<String, String>) {
    let functions = set.resources("functions.yaml", "AWS::Lambda::Function");
    let [(_, function)] = functions.as_slice() else {
        panic!("the sharded example has one function");
    };
    let code = function["Code"]["ZipFile"].as_str().expect("inline code");
    let handler = function["Handler"].as_str().expect("handler");
    let mut env = BTreeMap::new();
    let variables = function["Environment"]["Variables"]
        .as_mapping()
        .expect("environment variables");
    for (key, value) in variables {
        let key = key.as_str().expect("variable name").to_string();
        if let (None, Some(text)) = (intrinsic(value), value.as_str()) {
            env.insert(key, text.to_string());
            continue;
        }
        let (file, made) = set.resolve("functions.yaml", value);
        let Some(("!GetAtt", target)) = intrinsic(&made) else {
            panic!("{key} does not lead to a resource attribute: {made:?} in {file}");
        };
        let local = match target.split_once('.').map(|(_, a)| a) {
            Some("ConfigurationEndPoint.Address") => HOST.to_string(),
            Some("ConfigurationEndPoint.Port") => port.to_string(),
            other => panic!("{key}: unexpected attribute {other:?}"),
        };
        env.insert(key, local);
    }
    (code.to_string(), handler.to_string(), env)
}

#[test]
fn sharded_function_writes_and_reads_across_the_shards() {
    let example = Path::new("examples/sharded/stack.cache");
    let (files, rendered, _) = common::compile(example, &common::options());
    assert!(
        files.is_some(),
        "the sharded example has errors:\n{rendered}"
    );
    let set = TemplateSet::parse(&files.expect("templates"));
    let shards = declared_slots(&set);
    assert_eq!(shards.len(), 3, "three shards declared");

    let nodes: Vec<Node> = shards.iter().map(|_| cluster_node(free_port())).collect();
    for (node, ranges) in nodes.iter().zip(&shards) {
        for (start, end) in ranges {
            let (start, end) = (start.to_string(), end.to_string());
            let reply = command(HOST, node.port, &["CLUSTER", "ADDSLOTSRANGE", &start, &end]);
            assert_eq!(reply, "+OK", "slots {start}-{end} on {}", node.port);
        }
    }
    for node in &nodes[1..] {
        let port = node.port.to_string();
        let reply = command(HOST, nodes[0].port, &["CLUSTER", "MEET", HOST, &port]);
        assert_eq!(reply, "+OK");
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while !nodes.iter().all(|n| {
        command(HOST, n.port, &["CLUSTER", "INFO"]).contains("cluster_state:ok")
            && command(HOST, n.port, &["CLUSTER", "INFO"]).contains("cluster_known_nodes:3")
    }) {
        assert!(Instant::now() < deadline, "the cluster never formed");
        std::thread::sleep(Duration::from_millis(100));
    }

    let (code, handler, mut env) = function(&set, nodes[0].port);
    assert_eq!(
        env.keys().collect::<Vec<_>>(),
        ["CLUSTER_ADDRESS", "CLUSTER_PORT", "CLUSTER_TLS"]
    );
    assert_eq!(
        env["CLUSTER_TLS"], "true",
        "the example's nodes take TLS only"
    );
    // The loopback nodes listen without TLS: the one variable that says so is the test's.
    env.insert("CLUSTER_TLS".into(), "false".into());
    let dir = tempfile::tempdir().expect("code folder");
    std::fs::write(dir.path().join("index.py"), &code).expect("code written");
    let output = Command::new("python3")
        .arg("tests/py/invoke_handler.py")
        .arg(dir.path())
        .arg(&handler)
        .envs(&env)
        .output()
        .expect("python3 runs");
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
    let read = body["read"].as_object().expect("keys read back");
    assert_eq!(read.len(), 12, "{body}");
    assert!(read.values().all(|ok| ok == true), "{body}");
    let used = body["shards"].as_object().expect("keys per shard");
    assert!(used.len() >= 2, "every key on one shard: {body}");

    // The keys are really on the shards whose slots they hash to, and on no other.
    let mut holding = 0;
    for node in &nodes {
        let keys = command(HOST, node.port, &["DBSIZE"]);
        let count: usize = keys.trim_start_matches(':').parse().expect("DBSIZE");
        holding += usize::from(count > 0);
        for (key, _) in read {
            let slot = command(HOST, node.port, &["CLUSTER", "KEYSLOT", key]);
            let slot: u32 = slot.trim_start_matches(':').parse().expect("KEYSLOT");
            let owns = shards[nodes.iter().position(|n| n.port == node.port).unwrap_or(0)]
                .iter()
                .any(|(a, b)| (*a..=*b).contains(&slot));
            let here = command(HOST, node.port, &["EXISTS", key]) == ":1";
            assert_eq!(here, owns, "{key} (slot {slot}) on node {}", node.port);
        }
    }
    assert!(holding >= 2, "keys on {holding} shard(s)");
}
