//! YAML for CloudFormation: short-form tags (`!Ref`, `!Sub`), block scalars for code.
//! Written by hand because CloudFormation reads YAML 1.1, where a plain `yes`, `on` or `1:20` is not
//! a string; serde_yaml 0.9 prints those plain. Here any string that is not plainly a string is quoted.

use super::node::{Map, Node, Template};

/// Any tree as a whole document, ending in a newline: the reference `template` is held to.
#[cfg(test)]
pub fn to_yaml(root: &Node) -> String {
    let mut out = String::with_capacity(4096);
    match root {
        Node::Map(map) if !map.is_empty() => write_map(&mut out, map, 0, false),
        other => {
            write_inline(&mut out, other);
            out.push('\n');
        }
    }
    out
}

/// A whole template, printed straight from its parts in CloudFormation's section order: the same
/// text as `to_yaml(&template.into_node())`, without building that tree.
pub fn template(t: &Template) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("AWSTemplateFormatVersion: '2010-09-09'\n");
    out.push_str("Description:");
    write_str(&mut out, &t.description, 0);
    if !t.parameters.is_empty() {
        out.push_str("Parameters:\n");
        for (id, p) in &t.parameters {
            pad(&mut out, 2);
            scalar(&mut out, id);
            out.push_str(":\n    Type:");
            write_str(&mut out, &p.ty, 4);
            out.push_str("    Description:");
            write_str(&mut out, &p.description, 4);
            if let Some(d) = &p.default {
                out.push_str("    Default:");
                write_str(&mut out, d, 4);
            }
        }
    }
    out.push_str("Resources:");
    if t.resources.is_empty() {
        out.push_str(" {}\n");
    } else {
        out.push('\n');
    }
    for (id, r) in &t.resources {
        pad(&mut out, 2);
        scalar(&mut out, id);
        out.push_str(":\n    Type:");
        write_str(&mut out, r.ty, 4);
        if let Some(policy) = r.policy {
            out.push_str("    DeletionPolicy:");
            write_str(&mut out, policy, 4);
            out.push_str("    UpdateReplacePolicy:");
            write_str(&mut out, policy, 4);
        }
        if r.online_resharding {
            out.push_str("    UpdatePolicy:\n      UseOnlineResharding: true\n");
        }
        if !r.lint_exempt.is_empty() {
            out.push_str(
                "    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks:\n",
            );
            for check in r.lint_exempt {
                write_str_item(&mut out, check, 12);
            }
        }
        if !r.depends_on.is_empty() {
            out.push_str("    DependsOn:\n");
            for d in &r.depends_on {
                write_str_item(&mut out, d, 6);
            }
        }
        if !r.properties.is_empty() {
            out.push_str("    Properties:\n");
            write_map(&mut out, &r.properties, 6, false);
        }
    }
    if !t.outputs.is_empty() {
        out.push_str("Outputs:\n");
        for (id, o) in &t.outputs {
            pad(&mut out, 2);
            scalar(&mut out, id);
            out.push_str(":\n    Description:");
            write_str(&mut out, &o.description, 4);
            out.push_str("    Value:");
            write_after(&mut out, &o.value, 4);
            if let Some(name) = &o.export {
                out.push_str("    Export:\n      Name:");
                write_str(&mut out, name, 6);
            }
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
        scalar(out, key);
        out.push(':');
        write_after(out, value, indent);
    }
}

fn write_list<'a>(out: &mut String, items: impl IntoIterator<Item = &'a Node>, indent: usize) {
    for item in items {
        write_item(out, item, indent);
    }
}

fn write_item(out: &mut String, item: &Node, indent: usize) {
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

/// A plain string as a list item: what `!Sub`, `!Join` and `!Split` take first.
fn write_str_item(out: &mut String, s: &str, indent: usize) {
    pad(out, indent);
    out.push('-');
    write_str(out, s, indent);
}

fn write_str(out: &mut String, s: &str, indent: usize) {
    if s.contains('\n') {
        block_scalar(out, s, indent + 2);
    } else {
        out.push(' ');
        scalar(out, s);
        out.push('\n');
    }
}

/// A value after `key:` or `-` at `indent`: inline when it fits on the line, else a nested block.
fn write_after(out: &mut String, node: &Node, indent: usize) {
    if has_inline(node) {
        out.push(' ');
        write_inline(out, node);
        out.push('\n');
        return;
    }
    match node {
        Node::Str(s) => write_str(out, s, indent),
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
            write_str_item(out, s, indent + 2);
            pad(out, indent + 2);
            out.push('-');
            if vars.is_empty() {
                out.push_str(" {}\n");
            } else {
                out.push(' ');
                write_map(out, vars, indent + 4, true);
            }
        }
        Node::Base64(inner) => {
            out.push_str(" !Base64");
            write_after(out, inner, indent);
        }
        Node::Join(sep, items) => {
            out.push_str(" !Join\n");
            write_str_item(out, sep, indent + 2);
            pad(out, indent + 2);
            out.push('-');
            if items.is_empty() {
                out.push_str(" []\n");
            } else {
                out.push('\n');
                write_list(out, items, indent + 4);
            }
        }
        Node::Select(index, inner) => {
            out.push_str(" !Select\n");
            pad(out, indent + 2);
            out.push_str("- ");
            out.push_str(&index.to_string());
            out.push('\n');
            write_item(out, inner, indent + 2);
        }
        Node::Split(sep, inner) => {
            out.push_str(" !Split\n");
            write_str_item(out, sep, indent + 2);
            write_item(out, inner, indent + 2);
        }
        Node::Int(_) | Node::Bool(_) | Node::Ref(_) | Node::GetAtt(..) => {}
    }
}

/// Whether a node has a one-line form.
fn has_inline(node: &Node) -> bool {
    match node {
        Node::Str(s) | Node::Sub(s) => !s.contains('\n'),
        Node::Int(_) | Node::Bool(_) | Node::Ref(_) | Node::GetAtt(..) => true,
        Node::List(items) => items.is_empty(),
        Node::Map(map) => map.is_empty(),
        Node::Base64(inner) => {
            matches!(inner.as_ref(), Node::Str(_) | Node::Sub(_) | Node::Ref(_))
                && has_inline(inner)
        }
        Node::SubWith(..) | Node::Join(..) | Node::Select(..) | Node::Split(..) => false,
    }
}

/// The one-line form of a node for which `has_inline` holds.
fn write_inline(out: &mut String, node: &Node) {
    match node {
        Node::Str(s) => scalar(out, s),
        Node::Int(n) => out.push_str(&n.to_string()),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::List(_) => out.push_str("[]"),
        Node::Map(_) => out.push_str("{}"),
        Node::Ref(id) => {
            out.push_str("!Ref ");
            scalar(out, id);
        }
        Node::GetAtt(id, attr) => {
            out.push_str("!GetAtt ");
            let dotted = format!("{id}.{attr}");
            scalar(out, &dotted);
        }
        Node::Sub(s) => {
            out.push_str("!Sub ");
            scalar(out, s);
        }
        Node::Base64(inner) => {
            out.push_str("!Base64 ");
            write_inline(out, inner);
        }
        Node::SubWith(..) | Node::Join(..) | Node::Select(..) | Node::Split(..) => {}
    }
}

/// A one-line string, plain when YAML 1.1 and 1.2 both read it back as this same string.
fn scalar(out: &mut String, s: &str) {
    if is_plain_safe(s) {
        out.push_str(s);
    } else if s.chars().all(|c| !c.is_control()) {
        out.push('\'');
        for c in s.chars() {
            if c == '\'' {
                out.push('\'');
            }
            out.push(c);
        }
        out.push('\'');
    } else {
        double_quoted(out, s);
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
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(s))
}

fn double_quoted(out: &mut String, s: &str) {
    out.push('"');
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
}

/// A literal block (`|`) for multi-line text; text a block cannot hold exactly is double-quoted.
fn block_scalar(out: &mut String, s: &str, indent: usize) {
    let representable = s.chars().all(|c| c == '\n' || c == '\t' || !c.is_control())
        && !s.lines().any(|l| l.ends_with(' ') || l.ends_with('\t'));
    if !representable {
        out.push(' ');
        double_quoted(out, s);
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
    out.push_str(" |");
    out.push_str(indicator);
    out.push_str(chomp);
    out.push('\n');
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

    /// Printing a template directly gives the same text as printing its tree.
    #[test]
    fn templates_print_as_their_trees_do() {
        let mut options = crate::Options::default();
        options.check.today = crate::date::Date::new(2026, 11, 26);
        // Small enough to split the templates; large enough for one cache with alarms on six nodes.
        let limits = crate::emit::split::Limits {
            bytes: 100_000,
            ..Default::default()
        };
        for seed in 0..4 {
            let g = crate::generate::program(seed, 12, 2);
            let model = crate::check(&g.source, &g, &options).model.expect("valid");
            for nested in [false, true] {
                let emit = crate::emit::EmitOptions {
                    single: !nested,
                    ..Default::default()
                };
                let templates =
                    crate::emit::templates_within(crate::emit::plan(&model), emit, &limits)
                        .expect("fits");
                for (stem, t) in templates {
                    assert_eq!(template(&t), to_yaml(&t.into_node()), "{stem}");
                }
            }
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
