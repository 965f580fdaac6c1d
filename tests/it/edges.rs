//! Inputs at the edges: a binary or non-UTF-8 file gets one clear diagnostic without its raw
//! bytes, and the language server ends quietly when its client goes away.

use std::io::Write;
use std::process::{Command, Stdio};

fn check(bytes: &[u8]) -> (String, Option<i32>) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("x.cache"), bytes).expect("written");
    let out = Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args(["check", "--color", "always", "x.cache"])
        .current_dir(tmp.path())
        .output()
        .expect("cachec runs");
    (
        String::from_utf8(out.stderr).expect("UTF-8 report"),
        out.status.code(),
    )
}

#[test]
fn binary_and_non_utf8_files_get_one_diagnostic_without_their_bytes() {
    let cases: [(&[u8], &str); 4] = [
        (
            b"\x7fELF\x02\x01\x01\x00\x00\x00\x03\x00",
            "x.cache:1:8: the file is binary, not a .cache program: a NUL byte",
        ),
        (
            b"stack s {\n  region = \"\xff\xfe\"\n}\n",
            "x.cache:2:13: the file is not UTF-8 text: byte 0xFF",
        ),
        (
            b"\xff",
            "x.cache:1:1: the file is not UTF-8 text: byte 0xFF",
        ),
        (
            b"# \x1b[31mred\x1b[0m\n\x00",
            "x.cache:2:1: the file is binary, not a .cache program: a NUL byte",
        ),
    ];
    for (bytes, message) in cases {
        let (text, status) = check(bytes);
        assert_eq!(status, Some(1), "{text}");
        assert!(text.contains(message), "{text:?}");
        assert_eq!(text.matches("E0001").count(), 1, "one diagnostic: {text}");
        assert!(text.contains("1 error found"), "{text}");
        // Colour codes are cachec's own; the file's bytes (and its escapes) never reach the terminal.
        let without_colour = text.replace("\x1b[", "");
        assert!(
            !without_colour
                .chars()
                .any(|c| c == '\u{fffd}' || (c.is_control() && c != '\n')),
            "raw bytes printed: {text:?}"
        );
        assert!(!text.contains("31mred"), "{text:?}");
        assert!(!text.contains('│'), "no snippet gutter: {text}");
    }
}

#[test]
fn fmt_reports_a_binary_file_the_same_way_and_leaves_it() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let bytes = b"\x7fELF\x00\x01";
    std::fs::write(tmp.path().join("x.cache"), bytes).expect("written");
    for args in [&["fmt", "x.cache"][..], &["fmt", "--check", "x.cache"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_cachec"))
            .args(args)
            .current_dir(tmp.path())
            .output()
            .expect("cachec runs");
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(
            text.contains("x.cache:1:5: the file is binary, not a .cache program"),
            "{text}"
        );
        assert!(!text.contains('\u{7f}') && !text.contains('\0'), "{text:?}");
    }
    assert_eq!(
        std::fs::read(tmp.path().join("x.cache")).expect("kept"),
        bytes
    );
}

#[test]
fn a_text_file_still_shows_its_line() {
    let (text, _) = check(b"stack s { region = }\n");
    assert!(text.contains("stack s { region = }"), "{text}");
    assert!(text.contains('│'), "{text}");
}

fn lsp(input: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cachec"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cachec lsp starts");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("written");
    drop(stdin);
    child.wait_with_output().expect("cachec lsp ends")
}

fn message(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

#[test]
fn the_language_server_ends_quietly_when_its_client_goes_away() {
    let initialize =
        message(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    let initialized = message(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    let before = Vec::new();
    let after = [initialize.clone(), initialized].concat();
    for input in [before, initialize, after] {
        let out = lsp(&input);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn exit_without_shutdown_is_still_an_error() {
    let input = [
        message(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#),
        message(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        message(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    assert_eq!(lsp(&input).status.code(), Some(1));
}

#[test]
fn a_line_too_long_to_show_gets_its_position_instead() {
    let src = format!("# {}\nstack s {{ region = }}\n", "a".repeat(70_000));
    let (text, status) = check(src.as_bytes());
    assert_eq!(status, Some(1), "{text}");
    assert!(text.contains("x.cache:2:"), "{text}");
    assert!(
        !text.contains(&"a".repeat(100)),
        "a snippet of a 70,000-byte line"
    );
}
