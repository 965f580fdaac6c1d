//! Diagnostics as JSON objects, one per diagnostic: the stable format of `--message-format json`.
//! `docs/json-diagnostics.md` documents every field; `VERSION` changes when a field's meaning does.

use serde_json::{Value, json};

use super::{Diag, Fact, Label};
use crate::span::line_col;

/// The format's version, the first field of every object.
pub const VERSION: u64 = 1;

/// One diagnostic as a JSON object, its fields always in the documented order.
pub fn to_json(diag: &Diag, file: &str, src: &str) -> Value {
    let mut object = json!({
        "version": VERSION,
        "code": diag.code.id,
        "severity": diag.severity.as_str(),
        "message": diag.message,
        "help": diag.help,
        "file": file,
        "labels": diag.labels.iter().map(|l| label(l, src)).collect::<Vec<_>>(),
        "facts": diag
            .facts
            .iter()
            .map(|(name, value)| ((*name).to_string(), fact(value)))
            .collect::<serde_json::Map<String, Value>>(),
    });
    // Only programs with environments have the field, so other programs' output is unchanged.
    if let (false, Some(map)) = (diag.envs.is_empty(), object.as_object_mut()) {
        map.insert("environments".into(), json!(diag.envs));
    }
    object
}

fn fact(value: &Fact) -> Value {
    match value {
        Fact::Int(n) => json!(n),
        Fact::Text(s) => json!(s),
        Fact::Texts(v) => json!(v),
    }
}

fn label(label: &Label, src: &str) -> Value {
    json!({
        "primary": label.primary,
        "message": label.message,
        "start": position(src, label.span.start),
        "end": position(src, label.span.end),
    })
}

/// A byte offset with its one-based line and one-based column, the column counted in UTF-8 bytes.
fn position(src: &str, offset: usize) -> Value {
    let offset = offset.min(src.len());
    let (line, column) = line_col(src, offset);
    json!({ "offset": offset, "line": line + 1, "column": column + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;
    use crate::span::Span;

    #[test]
    fn columns_count_utf8_bytes_and_fields_keep_their_order() {
        let src = "# é\nx = \"ü\" y\n";
        let at = src.find('y').unwrap();
        let diag = Diag::new(codes::E0003, Span::new(at, at + 1), "m", "l")
            .with_label(Span::new(0, 1), "other")
            .help("h");
        let text = to_json(&diag, "f.cache", src).to_string();
        assert!(text.starts_with(
            r#"{"version":1,"code":"E0003","severity":"error","message":"m","help":"h","file":"f.cache","labels":[{"primary":true,"message":"l","start":{"offset":14,"line":2,"column":10},"end":{"offset":15,"line":2,"column":11}}"#
        ), "{text}");
        assert!(text.contains(r#"{"primary":false,"message":"other","start":{"offset":0,"line":1,"column":1},"end":{"offset":1,"line":1,"column":2}}"#));
    }
}
