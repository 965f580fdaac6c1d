//! The environment variables a function's source reads: textually, line by line, from the inline
//! source or every packaged file of its language (`functions::sources`). No interpreter.
//!
//! Python: `os.environ["X"]`, a KeyError when unset (`fails`). Optional, never reported:
//! `os.environ.get`, `os.getenv`, `"X" in os.environ`. Node.js: `process.env.X` and
//! `process.env["X"]` yield `undefined` when unset, which does not certainly fail; one followed by
//! a fallback (`|| "d"`, `?? "d"`) is not reported at all.

use crate::aws::runtimes;
use crate::check::functions::sources;
use crate::model::Function;

/// One read without a fallback: the variable, the file and the 1-based line it is on; `fails`
/// when the read raises on an unset variable (Python) rather than yielding `undefined` (Node.js).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub name: String,
    pub file: String,
    pub line: usize,
    pub fails: bool,
}

/// Variables Lambda's runtimes set themselves, beyond the reserved ones: a read of one is not a
/// variable the program must set. Source: Lambda Developer Guide, "Defined runtime environment
/// variables", https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
const RUNTIME_SET: &[&str] = &[
    "LANG",
    "PATH",
    "LD_LIBRARY_PATH",
    "NODE_PATH",
    "PYTHONPATH",
    "TZ",
    "AWS_XRAY_CONTEXT_MISSING",
    "AWS_XRAY_DAEMON_ADDRESS",
    "_AWS_XRAY_DAEMON_ADDRESS",
    "_AWS_XRAY_DAEMON_PORT",
    "AWS_LAMBDA_LOG_FORMAT",
    "AWS_LAMBDA_LOG_LEVEL",
];

/// Every read without a fallback in the function's source, first occurrence of each name only.
pub fn required(function: &Function) -> Vec<Read> {
    let python = runtimes::language(&function.runtime.value) == "python";
    let mut reads: Vec<Read> = Vec::new();
    for (file, text) in sources::files(function) {
        for (i, line) in text.lines().enumerate() {
            let names = if python {
                python_reads(line.split('#').next().unwrap_or_default())
            } else if line.trim_start().starts_with("//") {
                Vec::new()
            } else {
                node_reads(line)
            };
            for name in names {
                let set_by_lambda = super::RESERVED.contains(&name) || RUNTIME_SET.contains(&name);
                if !set_by_lambda && !reads.iter().any(|r| r.name == name) {
                    reads.push(Read {
                        name: name.to_string(),
                        file: file.clone(),
                        line: i + 1,
                        fails: python,
                    });
                }
            }
        }
    }
    reads
}

/// `process.env.X`, `process.env["X"]` and `process.env['X']`, unless a fallback follows.
fn node_reads(line: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("process.env") {
        rest = &rest[at + "process.env".len()..];
        let read = if let Some(after) = rest.strip_prefix('.') {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(after.len());
            Some((&after[..end], &after[end..])).filter(|(name, _)| !name.is_empty())
        } else {
            rest.trim_start().strip_prefix('[').and_then(quoted)
        };
        let Some((name, after)) = read else { continue };
        let next = after.trim_start();
        if !(next.starts_with("||") || next.starts_with("??")) {
            names.push(name);
        }
        rest = after;
    }
    names
}

/// `os.environ["X"]` and `os.environ['X']`.
fn python_reads(line: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("os.environ[") {
        rest = &rest[at + "os.environ[".len()..];
        if let Some((name, after)) = quoted(rest) {
            names.push(name);
            rest = after;
        }
    }
    names
}

/// A string literal in `"` or `'` at the start, followed by `]`; its text and what follows.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &text[1..];
    let end = body.find(quote)?;
    let after = body[end + 1..].trim_start().strip_prefix(']')?;
    Some((&body[..end], after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_subscripts_are_required_and_get_is_not() {
        let line = r#"h = os.environ["HOST"]; p = os.environ.get("PORT"); u = os.environ['USER']"#;
        assert_eq!(python_reads(line), ["HOST", "USER"]);
        assert!(python_reads(r#"os.getenv("X")"#).is_empty());
    }

    #[test]
    fn node_reads_without_a_fallback_count() {
        let line = r#"const h = process.env.HOST, p = process.env["PORT"] ?? "6379", u = process.env['USER'];"#;
        assert_eq!(node_reads(line), ["HOST", "USER"]);
        assert!(node_reads("const t = process.env.TLS || 'no';").is_empty());
        assert!(node_reads("const all = process.env;").is_empty());
    }
}
