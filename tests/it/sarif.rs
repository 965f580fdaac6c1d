//! `--message-format sarif` is a SARIF 2.1.0 log that the standard's schema accepts (checked with
//! Python's `jsonschema`, which cfn-lint brings), with the rules and places GitHub code scanning shows.

use crate::common;
use std::process::Command;

use serde_json::Value;

/// Runs `cachec check --message-format sarif` on `src`; the log as text and the exit status.
fn sarif(src: &str, extra: &[&str]) -> (String, Option<i32>) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("stack.cache"), src).expect("written");
    std::fs::copy("examples/fa-063/probe.py", tmp.path().join("probe.py")).expect("source");
    sarif_in(tmp.path(), extra)
}

/// `check --message-format sarif` of the `stack.cache` in `dir`: the log and the exit status.
fn sarif_in(dir: &std::path::Path, extra: &[&str]) -> (String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args([
            "check",
            "--as-of",
            common::as_of().as_str(),
            "--message-format",
            "sarif",
            "stack.cache",
        ])
        .args(extra)
        .current_dir(dir)
        .output()
        .expect("cachec runs");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        out.status.code(),
    )
}

/// The schema's verdict on `log`: `None` when valid, else the validator's messages.
fn invalid(log: &str) -> Option<String> {
    const SCRIPT: &str = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        cls = jsonschema.validators.validator_for(schema)\n\
        cls.check_schema(schema)\n\
        errors = [e.message for e in cls(schema).iter_errors(json.load(sys.stdin))]\n\
        print('\\n'.join(errors))\n\
        sys.exit(1 if errors else 0)\n";
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT, "tests/sarif/sarif-schema-2.1.0.json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), log.as_bytes())
        .expect("piped");
    let out = child.wait_with_output().expect("the validator ends");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("No module named"),
        "Python's jsonschema is missing (scripts/setup-tools installs it)"
    );
    (!out.status.success()).then(|| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn the_schema_rejects_what_is_not_sarif() {
    // The judge can say no: a log without its version, and a result with a level SARIF lacks.
    assert!(invalid(r#"{"runs": []}"#).is_some());
    let (log, _) = sarif(
        &std::fs::read_to_string("examples/fa-063/stack.cache").expect("example"),
        &[],
    );
    assert!(invalid(&log.replace("\"level\": \"warning\"", "\"level\": \"severe\"")).is_some());
}

#[test]
fn an_example_with_warnings_is_a_valid_log_with_rules_and_places() {
    let src = std::fs::read_to_string("examples/fa-063/stack.cache").expect("example");
    let (log, status) = sarif(&src, &[]);
    assert_eq!(status, Some(0), "{log}");
    assert_eq!(invalid(&log), None);
    let log: Value = serde_json::from_str(&log).expect("JSON");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 4, "{results:?}");
    for result in results {
        let rule = &rules[result["ruleIndex"].as_u64().expect("index") as usize];
        assert_eq!(rule["id"], result["ruleId"]);
        assert_eq!(result["level"], "warning");
        let code = cachec::diag::codes::lookup(rule["id"].as_str().expect("id")).expect("a code");
        assert_eq!(rule["help"]["markdown"], code.explanation);
        assert_eq!(rule["shortDescription"]["text"], code.title);
        let place = &result["locations"][0]["physicalLocation"];
        assert_eq!(place["artifactLocation"]["uri"], "stack.cache");
        let line = place["region"]["startLine"].as_u64().expect("line") as usize;
        let column = place["region"]["startColumn"].as_u64().expect("column") as usize;
        let text = src.lines().nth(line - 1).expect("the line");
        assert!(text.len() >= column, "{text}");
    }
    // W0502 points at the cache's name on line 17, column 19.
    let w0502 = results
        .iter()
        .find(|r| r["ruleId"] == "W0502")
        .expect("W0502");
    let region = &w0502["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].clone(), region["startColumn"].clone()),
        (17.into(), 19.into())
    );
}

#[test]
fn errors_and_a_clean_program_are_valid_logs() {
    let (log, status) = sarif(
        "stack \"s\" {}\nnetwork vpc { cidr = 10 }\nnetwork vpc {}\n",
        &[],
    );
    assert_eq!(status, Some(1));
    assert_eq!(invalid(&log), None);
    let log: Value = serde_json::from_str(&log).expect("JSON");
    let results = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .clone();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["level"] == "error"), "{results:?}");
    // Code scanning wants a log even when nothing is found.
    let dir = tempfile::tempdir().expect("temporary folder");
    assert!(
        Command::new(env!("CARGO_BIN_EXE_cachec"))
            .arg("init")
            .arg(dir.path().join("p"))
            .output()
            .expect("init")
            .status
            .success()
    );
    let (log, status) = sarif_in(&dir.path().join("p"), &[]);
    assert_eq!(status, Some(0), "{log}");
    assert_eq!(invalid(&log), None);
    let log: Value = serde_json::from_str(&log).expect("JSON");
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn a_finding_of_some_environments_names_them_in_a_valid_log() {
    let src = std::fs::read_to_string("tests/ui/environments_only_prod.cache").expect("case");
    let (log, status) = sarif(&src, &[]);
    assert_eq!(status, Some(1), "{log}");
    assert_eq!(invalid(&log), None);
    let log: Value = serde_json::from_str(&log).expect("JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    let prod = results
        .iter()
        .find(|r| r["ruleId"] == "E0106")
        .expect("E0106");
    assert_eq!(
        prod["properties"]["environments"],
        serde_json::json!(["prod"])
    );
    let text = prod["message"]["text"].as_str().expect("text");
    assert!(text.starts_with("[prod] "), "{text}");
}
