//! Diagnostics as one SARIF 2.1.0 log, the format GitHub code scanning uploads: a rule for each
//! code that occurs (from the catalog, with its explanation as help) and a result for each diagnostic.

use serde_json::{Map, Value, json};

use super::{Diag, Label, Severity, codes};

/// The schema the log names; the OASIS standard's schema as published for editors and validators.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log of one run over `file`, pretty-printed with a final newline.
pub fn to_sarif(diags: &[Diag], file: &str, src: &str) -> String {
    // Rules in catalog order, each once: a result points at its rule by index.
    let rules: Vec<codes::Code> = codes::ALL
        .iter()
        .filter(|c| diags.iter().any(|d| d.code.id == c.id))
        .copied()
        .collect();
    let uri = uri(file);
    let results: Vec<Value> = diags
        .iter()
        .map(|d| result(d, rules.iter().position(|r| r.id == d.code.id), &uri, src))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cachec",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(rule).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn rule(code: &codes::Code) -> Value {
    json!({
        "id": code.id,
        "shortDescription": { "text": code.title },
        "help": { "text": code.explanation, "markdown": code.explanation },
        "defaultConfiguration": { "level": level(code.severity) },
    })
}

fn result(diag: &Diag, rule: Option<usize>, uri: &str, src: &str) -> Value {
    let message = format!("{}{}", diag.env_prefix(), diag.message);
    let text = if diag.help.is_empty() {
        message
    } else {
        format!("{message}\nhelp: {}", diag.help)
    };
    let primary = diag.labels.iter().filter(|l| l.primary);
    let related: Vec<Value> = diag
        .labels
        .iter()
        .filter(|l| !l.primary)
        .enumerate()
        .map(|(i, l)| location(l, uri, src, Some(i)))
        .collect();
    let mut result = Map::new();
    result.insert("ruleId".into(), json!(diag.code.id));
    if let Some(index) = rule {
        result.insert("ruleIndex".into(), json!(index));
    }
    result.insert("level".into(), json!(level(diag.severity)));
    result.insert("message".into(), json!({ "text": text }));
    let locations: Vec<Value> = primary.map(|l| location(l, uri, src, None)).collect();
    result.insert("locations".into(), json!(locations));
    if !related.is_empty() {
        result.insert("relatedLocations".into(), json!(related));
    }
    if !diag.envs.is_empty() {
        result.insert("properties".into(), json!({ "environments": diag.envs }));
    }
    Value::Object(result)
}

/// A place in the program; related locations carry their label's text and an id.
fn location(label: &Label, uri: &str, src: &str, id: Option<usize>) -> Value {
    let (start_line, start_column) = position(src, label.span.start);
    let (end_line, end_column) = position(src, label.span.end.max(label.span.start));
    let mut location = Map::new();
    if let Some(id) = id {
        location.insert("id".into(), json!(id));
    }
    location.insert(
        "physicalLocation".into(),
        json!({
            "artifactLocation": { "uri": uri },
            "region": {
                "startLine": start_line,
                "startColumn": start_column,
                "endLine": end_line,
                "endColumn": end_column,
            }
        }),
    );
    if id.is_some() && !label.message.is_empty() {
        location.insert("message".into(), json!({ "text": label.message }));
    }
    Value::Object(location)
}

/// One-based line and one-based column counted in code points, as `columnKind` says.
fn position(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = src.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |l| l.chars().count());
    (before.matches('\n').count() + 1, column + 1)
}

/// The file as a relative URI reference (forward slashes, reserved bytes percent-encoded), or a
/// `file://` URI for an absolute path.
fn uri(file: &str) -> String {
    let path = file.replace('\\', "/");
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(byte))
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn a_result_points_at_its_rule_and_its_place() {
        let src = "# é\nx = \"ü\" y\n";
        let at = src.find('y').unwrap_or_default();
        let diag = Diag::new(codes::E0003, Span::new(at, at + 1), "m", "l")
            .with_label(Span::new(0, 1), "other")
            .help("h");
        let log: Value = serde_json::from_str(&to_sarif(&[diag], "a b/s.cache", src)).unwrap();
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "E0003");
        let result = &run["results"][0];
        assert_eq!(result["ruleIndex"], 0);
        assert_eq!(result["level"], "error");
        assert_eq!(result["message"]["text"], "m\nhelp: h");
        let place = &result["locations"][0]["physicalLocation"];
        assert_eq!(place["artifactLocation"]["uri"], "a%20b/s.cache");
        assert_eq!(
            place["region"],
            json!({"startLine": 2, "startColumn": 9, "endLine": 2, "endColumn": 10})
        );
        assert_eq!(result["relatedLocations"][0]["message"]["text"], "other");
        assert_eq!(uri("/tmp/x.cache"), "file:///tmp/x.cache");
    }
}
