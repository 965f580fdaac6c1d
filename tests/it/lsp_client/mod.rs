//! A language server client for tests and benchmarks: starts `cachec lsp` and speaks
//! Content-Length framed JSON-RPC to it, failing instead of hanging when the server is silent.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// Long enough for a slow debug build on a busy machine, short enough to fail a hung server.
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications that arrived while a response was awaited.
    backlog: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    pub fn start() -> Client {
        Client::start_with(&[])
    }

    /// Starts the server with extra arguments after `lsp --stdio --as-of` the pinned day.
    pub fn start_with(args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cachec"))
            .args(["lsp", "--stdio", "--as-of", crate::as_of::as_of().as_str()])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("cachec lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            backlog: VecDeque::new(),
            next_id: 0,
        };
        let init = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        );
        let caps = &init["capabilities"];
        assert_eq!(caps["positionEncoding"], "utf-16");
        assert_eq!(caps["textDocumentSync"], 2, "incremental sync");
        assert_eq!(init["serverInfo"]["name"], "cachec");
        client.notify("initialized", json!({}));
        client
    }

    pub fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    pub fn recv(&mut self) -> Value {
        if let Some(msg) = self.backlog.pop_front() {
            return msg;
        }
        self.wait()
    }

    fn wait(&mut self) -> Value {
        match self.messages.recv_timeout(TIMEOUT) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server in {TIMEOUT:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The whole response; notifications that arrive first wait in the backlog.
    pub fn respond(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let msg = self.wait();
            if msg["id"] == id {
                return msg;
            }
            self.backlog.push_back(msg);
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.respond(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The diagnostics published for `uri` at `version`, skipping earlier publications.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        loop {
            let msg = self.recv();
            let params = &msg["params"];
            if msg["method"] == "textDocument/publishDiagnostics"
                && params["uri"] == uri
                && params["version"] == version
            {
                return params["diagnostics"].as_array().expect("a list").clone();
            }
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "cache", "version": 1, "text": text } }),
        );
    }

    pub fn replace(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// Replaces `old` (its first occurrence in `text`) with `new` by an incremental change.
    pub fn edit(&mut self, uri: &str, version: i64, text: &mut String, old: &str, new: &str) {
        let start = text.find(old).expect("text to replace");
        let range = json!({ "start": pos(text, start), "end": pos(text, start + old.len()) });
        text.replace_range(start..start + old.len(), new);
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "range": range, "text": new }] }),
        );
    }

    pub fn at(&mut self, method: &str, uri: &str, text: &str, offset: usize) -> Value {
        self.request(
            method,
            json!({ "textDocument": { "uri": uri }, "position": pos(text, offset) }),
        )
    }

    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("the server exits");
        assert!(status.success(), "exit status {status}");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The LSP position of a byte offset: UTF-16 code units, computed here independently of cachec.
pub fn pos(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({
        "line": before.matches('\n').count(),
        "character": before[line_start..].encode_utf16().count(),
    })
}

pub fn range(text: &str, start: usize, len: usize) -> Value {
    json!({ "start": pos(text, start), "end": pos(text, start + len) })
}

/// The tutorial's example, fa-063: its URI and text.
pub fn example() -> (String, String) {
    example_named("fa-063")
}

/// `examples/<name>/stack.cache`: its URI and text.
pub fn example_named(name: &str) -> (String, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{name}/stack.cache"));
    let text = std::fs::read_to_string(&path).expect("the example");
    (file_uri(&path), text)
}

pub fn file_uri(path: &Path) -> String {
    let path = path.canonicalize().expect("an existing path");
    let text = path.to_str().expect("a UTF-8 path").replace('\\', "/");
    let text = text.replace(' ', "%20");
    if text.starts_with('/') {
        format!("file://{text}")
    } else {
        format!("file:///{text}")
    }
}
