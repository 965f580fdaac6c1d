//! `--message-format json`: one object per diagnostic on stdout, fields in the documented order,
//! offsets that slice the source to the text labelled, lines and columns (UTF-8 bytes) from one.

use crate::common;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const FIELDS: &[&str] = &[
    "version", "code", "severity", "message", "help", "file", "labels", "facts",
];
const LABEL_FIELDS: &[&str] = &["primary", "message", "start", "end"];

/// A program with three mistakes; the first sits after non-ASCII text on its line.
const BROKEN: &str = r#"stack "s" { description = "キャッシュ 🚀" }  network vpc { cidr = 10
  subnet a { zone = "a"  cidr = "10.0.1.0/24" }
  subnet a { zone = "b"  cidr = "10.0.2.0/24" }
}
replication_group cache {
  engine = "redis"  engine_version = "7.1"  node_type = "cache.t4g.micro"  subnets = [a]
}
"#;

fn write(name: &str, src: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("json_diagnostics");
    std::fs::create_dir_all(&dir).expect("temp folder");
    let path = dir.join(name);
    std::fs::write(&path, src).expect("written");
    path
}

fn cachec(args: &[&str]) -> (Vec<Value>, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args(args)
        .output()
        .expect("cachec runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let objects = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("every stdout line is one JSON object"))
        .collect();
    (
        objects,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

/// One-based line and UTF-8 byte column of `offset`, counted here independently of cachec.
fn line_col(src: &str, offset: usize) -> (u64, u64) {
    let before = &src[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() as u64 + 1;
    let col = (offset - before.rfind('\n').map_or(0, |i| i + 1)) as u64 + 1;
    (line, col)
}

fn assert_position(src: &str, pos: &Value) {
    let offset = pos["offset"].as_u64().expect("offset") as usize;
    let (line, column) = line_col(src, offset);
    assert_eq!(pos["line"], line, "{pos}");
    assert_eq!(pos["column"], column, "{pos}");
}

/// The source text under the primary label of `diag`.
fn primary_text<'a>(src: &'a str, diag: &Value) -> &'a str {
    let label = diag["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .find(|l| l["primary"] == true)
        .expect("a primary label");
    let start = label["start"]["offset"].as_u64().expect("start") as usize;
    let end = label["end"]["offset"].as_u64().expect("end") as usize;
    &src[start..end]
}

#[test]
fn check_prints_one_object_per_diagnostic() {
    let path = write("broken.cache", BROKEN);
    let file = path.to_str().expect("UTF-8 path");
    let (diags, stderr, code) = cachec(&["check", file, "--message-format", "json"]);
    assert_eq!(code, Some(1));
    assert_eq!(stderr, "", "JSON mode leaves stderr to real failures");
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["E0004", "E0007"]);
    for diag in &diags {
        assert_eq!(keys(diag), FIELDS);
        assert_eq!(diag["version"], 1);
        assert_eq!(diag["severity"], "error");
        assert_eq!(diag["file"], file);
        assert!(!diag["message"].as_str().unwrap().is_empty());
        assert!(!diag["help"].as_str().unwrap().is_empty());
        for label in diag["labels"].as_array().unwrap() {
            assert_eq!(keys(label), LABEL_FIELDS);
            assert_position(BROKEN, &label["start"]);
            assert_position(BROKEN, &label["end"]);
        }
    }
    // `cidr = 10` follows a string holding 3-byte and 4-byte characters on the same line.
    let wrong_type = &diags[0];
    assert_eq!(primary_text(BROKEN, wrong_type), "10");
    let start = &wrong_type["labels"][0]["start"];
    assert_eq!(start["line"], 1);
    assert_eq!(start["column"], BROKEN.find("10\n").unwrap() as u64 + 1);
    // The duplicate name points at the second `a`, with the first as a secondary label.
    let duplicate = &diags[1];
    let labels = duplicate["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(labels[0]["primary"], true);
    assert_eq!(labels[0]["start"]["line"], 3);
    assert_eq!(labels[0]["start"]["column"], 10);
    assert_eq!(labels[1]["primary"], false);
    assert_eq!(labels[1]["message"], "first declared here");
    assert_eq!(labels[1]["start"]["line"], 2);
}

#[test]
fn build_prints_the_same_objects_and_writes_nothing() {
    let path = write("broken_build.cache", BROKEN);
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("json_diagnostics_out");
    let _ = std::fs::remove_dir_all(&out);
    let (diags, _, code) = cachec(&[
        "build",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--message-format",
        "json",
    ]);
    assert_eq!(code, Some(1));
    assert_eq!(diags.len(), 2);
    assert!(diags.iter().all(|d| keys(d) == FIELDS));
    assert!(!out.exists(), "a failed build writes nothing");
}

#[test]
fn warnings_are_reported_with_their_severity_and_exit_zero() {
    let (diags, _, code) = cachec(&[
        "check",
        "examples/fa-063/stack.cache",
        "--as-of",
        common::as_of().as_str(),
        "--message-format",
        "json",
    ]);
    assert_eq!(code, Some(0));
    let found: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or(""),
                d["severity"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("W0502", "warning"),
            ("W0420", "warning"),
            ("W0423", "warning"),
            ("W0501", "warning")
        ]
    );
}

#[test]
fn a_clean_program_prints_nothing_on_stdout() {
    let (diags, _, code) = cachec(&[
        "check",
        "examples/single-node/stack.cache",
        "--as-of",
        common::as_of().as_str(),
        "--message-format",
        "json",
    ]);
    assert_eq!(code, Some(0));
    assert!(diags.is_empty(), "{diags:?}");
}

/// The one diagnostic `check` reports for `src`: its code and facts.
fn only_facts(name: &str, src: &str) -> (Value, Value) {
    let path = write(name, src);
    let (objects, _, _) = cachec(&[
        "check",
        path.to_str().expect("UTF-8 path"),
        "--message-format",
        "json",
    ]);
    let [only] = objects.as_slice() else {
        panic!("one diagnostic: {objects:?}");
    };
    (only["code"].clone(), only["facts"].clone())
}

#[test]
fn typed_rules_carry_their_facts() {
    let open = "stack \"s\" {}\nnetwork vpc {\n  cidr = \"10.0.0.0/16\"\n  subnet data { zone = \"a\"  cidr = \"10.0.1.0/24\" }\n}\nreplication_group cache {\n  engine = \"redis\"  engine_version = \"7.1\"  node_type = \"cache.t4g.micro\"  subnets = [data]\n  transit_encryption = true  allow_cidrs = [\"0.0.0.0/0\"]\n}\n";
    assert_eq!(
        only_facts("facts.cache", open),
        (
            "W0503".into(),
            serde_json::json!({"cache": "cache", "port": 6379, "blocks": ["0.0.0.0/0"]})
        )
    );
    let zone = "stack \"s\" { region = \"eu-west-1\" }\nnetwork vpc {\n  cidr = \"10.0.0.0/16\"\n  subnet data { zone = \"d\"  cidr = \"10.0.1.0/24\" }\n}\n";
    assert_eq!(
        only_facts("zone_facts.cache", zone),
        (
            "E0208".into(),
            serde_json::json!({"region": "eu-west-1", "zone": "d"})
        )
    );
}

/// A finding of some environments names them in `environments`, after the other fields; one of
/// every environment has no such field.
#[test]
fn findings_of_some_environments_name_them() {
    let src = std::fs::read_to_string("tests/ui/environments_only_prod.cache").expect("case");
    let src = src.replace("transit_encryption = true", "transit_encryption = false");
    let path = write("environments.cache", &src);
    let (objects, _, status) = cachec(&[
        "check",
        "--message-format",
        "json",
        path.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(status, Some(1));
    let prod: Vec<&Value> = objects.iter().filter(|o| o["code"] == "E0106").collect();
    assert_eq!(prod.len(), 1, "{objects:?}");
    assert_eq!(prod[0]["environments"], serde_json::json!(["prod"]));
    assert_eq!(keys(prod[0]).last(), Some(&"environments"));
    let everywhere: Vec<&Value> = objects.iter().filter(|o| o["code"] == "W0502").collect();
    assert_eq!(
        everywhere.len(),
        1,
        "once, not per environment: {objects:?}"
    );
    assert!(everywhere[0].get("environments").is_none());
}
