//! `--allow` and `--deny` through the binary: a code that is not a warning of the catalog is a
//! usage error (exit 2) naming the nearest warnings, and nothing is checked or written.

use std::process::{Command, Output};

const EXAMPLE: &str = "examples/fa-063/stack.cache";

fn cachec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args(args)
        .output()
        .expect("cachec runs")
}

fn refused(args: &[&str]) -> String {
    let out = cachec(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{args:?}:\n{stderr}");
    assert!(out.stdout.is_empty(), "{args:?} printed on stdout");
    assert!(
        !stderr.contains("warning emitted"),
        "{args:?} checked anyway"
    );
    stderr
}

#[test]
fn an_unknown_code_is_a_usage_error_naming_the_nearest_warnings() {
    for command in ["check", "build", "graph"] {
        let stderr = refused(&[command, EXAMPLE, "--allow", "W9999"]);
        assert!(stderr.contains("`W9999`"), "{stderr}");
        // Three codes, each a warning of the catalog (which ones depends on the catalog's growth).
        let named = stderr
            .split("nearest warnings are ")
            .nth(1)
            .and_then(|rest| rest.lines().next())
            .unwrap_or_else(|| panic!("names no warnings: {stderr}"));
        let named: Vec<&str> = named.split(", ").collect();
        assert_eq!(named.len(), 3, "{stderr}");
        for code in named {
            let code = cachec::diag::codes::lookup(code).unwrap_or_else(|| panic!("{code}"));
            assert_eq!(
                code.severity,
                cachec::diag::Severity::Warning,
                "{}",
                code.id
            );
        }
    }
    let stderr = refused(&["check", EXAMPLE, "--allow", "W0520"]);
    assert!(stderr.contains("nearest warnings are W0502"), "{stderr}");
}

#[test]
fn an_error_code_cannot_be_allowed() {
    let stderr = refused(&["check", EXAMPLE, "--allow", "E0008"]);
    assert!(
        stderr.contains("E0008 (unknown name) is an error"),
        "{stderr}"
    );
    assert!(stderr.contains("errors cannot be silenced"), "{stderr}");
}

#[test]
fn deny_takes_only_warnings() {
    let stderr = refused(&["check", EXAMPLE, "--deny", "W9999"]);
    assert!(stderr.contains("[possible values: warnings]"), "{stderr}");
}

#[test]
fn a_warning_is_allowed_in_any_case() {
    let out = cachec(&["check", EXAMPLE, "--allow", "w0501", "--allow", "W0502"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("W0501") && !stderr.contains("W0502"),
        "{stderr}"
    );
}
