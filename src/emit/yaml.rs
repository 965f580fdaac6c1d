//! YAML for CloudFormation: short-form tags (`!Ref`, `!Sub`), block scalars for code.
//! Written by hand because CloudFormation reads YAML 1.1, where a plain `yes`, `on` or `1:20` is not
//! a string; serde_yaml 0.9 prints those plain. Here any string that is not plainly a string is quoted.

use super::node::{Map, Node};

/// The whole document, ending in a newline.
pub fn to_yaml(root: &Node) -> String {
    let mut out = String::new();
    match root {
        Node::Map(map) if !map.is_empty() => write_map(&mut out, map, 0, false),
        other => {
            out.push_str(&inline(other).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// Entries at `indent`; with `first_inline` the first one continues the current line (after `- `).
fn write_map(out: &mut String, map: &Map, indent: usize, first_inline: bool) {
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 || !first_inline {
            pad(out, indent);
        }
        out.push_str(&scalar(key));
        out.push(':');
        write_after(out, value, indent);
    }
}

fn write_list(out: &mut String, items: &[Node], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push('-');
        match item {
            Node::Map(map) if !map.is_empty() => {
                out.push(' ');
                write_map(out, map, indent + 2, true);
            }
            _ => write_after(out, item, indent),
        }
    }
}

/// A value after `key:` or `-` at `indent`: inline when it fits on the line, else a nested block.
fn write_after(out: &mut String, node: &Node, indent: usize) {
    if let Some(text) = inline(node) {
        out.push(' ');
        out.push_str(&text);
        out.push('\n');
        return;
    }
    match node {
        Node::Str(s) => block_scalar(out, s, indent + 2),
        Node::Map(map) => {
            out.push('\n');
            write_map(out, map, indent + 2, false);
        }
        Node::List(items) => {
            out.push('\n');
            write_list(out, items, indent + 2);
        }
        Node::Sub(s) => {
            out.push_str(" !Sub");
            block_scalar(out, s, indent + 2);
        }
        Node::SubWith(s, vars) => {
            out.push_str(" !Sub\n");
            write_list(
                out,
                &[Node::Str(s.clone()), Node::Map(vars.clone())],
                indent + 2,
            );
        }
        Node::Base64(inner) => {
            out.push_str(" !Base64");
            write_after(out, inner, indent);
        }
        Node::Join(sep, items) => {
            out.push_str(" !Join\n");
            write_list(
                out,
                &[Node::Str(sep.clone()), Node::List(items.clone())],
                indent + 2,
            );
        }
        Node::Select(index, inner) => {
            out.push_str(" !Select\n");
            write_list(
                out,
                &[Node::Int(*index as i64), (**inner).clone()],
                indent + 2,
            );
        }
        Node::Split(sep, inner) => {
            out.push_str(" !Split\n");
            write_list(
                out,
                &[Node::Str(sep.clone()), (**inner).clone()],
                indent + 2,
            );
        }
        Node::Int(_) | Node::Bool(_) | Node::Ref(_) | Node::GetAtt(..) => {}
    }
}

/// The one-line form of a node, if it has one.
fn inline(node: &Node) -> Option<String> {
    match node {
        Node::Str(s) if !s.contains('\n') => Some(scalar(s)),
        Node::Int(n) => Some(n.to_string()),
        Node::Bool(b) => Some(b.to_string()),
        Node::List(items) if items.is_empty() => Some("[]".into()),
        Node::Map(map) if map.is_empty() => Some("{}".into()),
        Node::Ref(id) => Some(format!("!Ref {}", scalar(id))),
        Node::GetAtt(id, attr) => Some(format!("!GetAtt {}", scalar(&format!("{id}.{attr}")))),
        Node::Sub(s) if !s.contains('\n') => Some(format!("!Sub {}", scalar(s))),
        Node::Base64(inner) => match inner.as_ref() {
            Node::Str(_) | Node::Sub(_) | Node::Ref(_) => {
                inline(inner).map(|i| format!("!Base64 {i}"))
            }
            _ => None,
        },
        _ => None,
    }
}

/// A one-line string, plain when YAML 1.1 and 1.2 both read it back as this same string.
fn scalar(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else if s.chars().all(|c| !c.is_control()) {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        double_quoted(s)
    }
}

fn is_plain_safe(s: &str) -> bool {
    const RESERVED: &[&str] = &[
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    ];
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':' | ' '))
        && !s.contains(": ")
        && !s.ends_with([':', ' '])
        && !RESERVED.contains(&s.to_ascii_lowercase().as_str())
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A literal block (`|`) for multi-line text; text a block cannot hold exactly is double-quoted.
fn block_scalar(out: &mut String, s: &str, indent: usize) {
    let representable = s.chars().all(|c| c == '\n' || c == '\t' || !c.is_control())
        && !s.lines().any(|l| l.ends_with(' ') || l.ends_with('\t'));
    if !representable {
        out.push(' ');
        out.push_str(&double_quoted(s));
        out.push('\n');
        return;
    }
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let indicator = if body.starts_with(' ') || body.starts_with('\n') {
        "2"
    } else {
        ""
    };
    out.push_str(&format!(" |{indicator}{chomp}\n"));
    for line in s
        .split('\n')
        .take(body.split('\n').count() + trailing.saturating_sub(1))
    {
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::node::map;

    fn round_trip(node: &Node) -> serde_yaml::Value {
        serde_yaml::from_str(&to_yaml(node)).expect("valid YAML")
    }

    #[test]
    fn quotes_strings_yaml_1_1_reads_otherwise() {
        for s in [
            "yes",
            "on",
            "Off",
            "y",
            "1:20",
            "0755",
            "2026-01-01",
            "6.2",
            "",
            " x",
            "a: b",
            "#c",
            "~",
        ] {
            let text = to_yaml(&Node::Map(map([("k", Node::str(s))])));
            assert!(
                text.contains('\'') || text.contains('"'),
                "{s:?} must be quoted: {text}"
            );
            assert_eq!(
                round_trip(&Node::Map(map([("k", Node::str(s))])))["k"],
                serde_yaml::Value::from(s)
            );
        }
    }

    #[test]
    fn block_scalars_keep_text_exactly() {
        for s in [
            "a\nb\n",
            "a\nb",
            "a\n\nb\n\n",
            "  indented\nx\n",
            "\nfirst blank\n",
            "tab\there\n",
        ] {
            let doc = Node::Map(map([("k", Node::str(s)), ("after", Node::Int(1))]));
            let back = round_trip(&doc);
            assert_eq!(back["k"], serde_yaml::Value::from(s), "{}", to_yaml(&doc));
            assert_eq!(back["after"], serde_yaml::Value::from(1));
        }
    }

    #[test]
    fn tags_and_nesting() {
        let doc = Node::Map(map([
            ("r", Node::reference("Vpc")),
            ("g", Node::get_att("Cache", "PrimaryEndPoint.Address")),
            (
                "s",
                Node::SubWith("${A}-x".into(), map([("A", Node::reference("B"))])),
            ),
            (
                "l",
                Node::list([Node::Map(map([
                    ("a", Node::Int(1)),
                    ("b", Node::list([Node::str("x")])),
                ]))]),
            ),
        ]));
        let text = to_yaml(&doc);
        assert!(text.contains("r: !Ref Vpc\n"), "{text}");
        assert!(
            text.contains("g: !GetAtt Cache.PrimaryEndPoint.Address\n"),
            "{text}"
        );
        assert!(text.contains("l:\n  - a: 1\n    b:\n      - x\n"), "{text}");
        let back = round_trip(&doc);
        assert!(matches!(back["s"], serde_yaml::Value::Tagged(_)));
    }
}
