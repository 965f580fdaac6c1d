//! The environment variables a function's Python source requires: read textually, line by line,
//! from the inline source or every packaged .py file. No interpreter: only this form counts.
//!
//! Required: `os.environ["X"]`, a KeyError when unset. Optional, never reported: `os.environ.get`,
//! `os.getenv`, `"X" in os.environ`. Node.js's `process.env.X` yields `undefined` instead of
//! failing, so a read there does not certainly fail and is never reported either.

use crate::aws::runtimes;
use crate::model::Function;

/// One required read: the variable, the file and the 1-based line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub name: String,
    pub file: String,
    pub line: usize,
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

/// Every required read of the function's source, first occurrence of each name only.
pub fn required(function: &Function) -> Vec<Read> {
    let files: Vec<(String, &str)> = match &function.package {
        None if runtimes::language(&function.runtime.value) == "python" => {
            vec![(function.source.value.clone(), function.code.as_str())]
        }
        None => Vec::new(),
        Some(package) => {
            let folder = function.source.value.trim_end_matches('/');
            package
                .files
                .iter()
                .filter(|f| f.path.ends_with(".py"))
                .map(|f| {
                    let path = if package.folder {
                        format!("{folder}/{}", f.path)
                    } else {
                        function.source.value.clone()
                    };
                    (path, f.text.as_str())
                })
                .collect()
        }
    };
    let mut reads: Vec<Read> = Vec::new();
    for (file, text) in files {
        for (i, line) in text.lines().enumerate() {
            let names = python_reads(line.split('#').next().unwrap_or_default());
            for name in names {
                let set_by_lambda = super::RESERVED.contains(&name) || RUNTIME_SET.contains(&name);
                if !set_by_lambda && !reads.iter().any(|r| r.name == name) {
                    reads.push(Read {
                        name: name.to_string(),
                        file: file.clone(),
                        line: i + 1,
                    });
                }
            }
        }
    }
    reads
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
}
