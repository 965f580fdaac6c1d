//! Graphviz DOT: boxes as nested clusters, nodes shaped and coloured by kind; `dot -Tsvg` draws it.
//! Labels are double-quoted strings with `\` and `"` escaped and `\n` between title and detail.

use super::style::{group_style, node_style};
use super::{Graph, Group};

pub fn render(graph: &Graph) -> String {
    let root = &graph.root;
    let mut out = format!("digraph {} {{\n", quote(&root.title));
    out.push_str(&format!(
        "  graph [label={}, labelloc=t, fontname=\"Helvetica\", compound=true, newrank=true];\n",
        quote(&label(&root.title, &root.detail))
    ));
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    contents(root, 1, &mut out);
    for edge in &graph.edges {
        let style = if edge.dashed { ", style=dashed" } else { "" };
        out.push_str(&format!(
            "  {} -> {} [label={}{style}];\n",
            edge.from,
            edge.to,
            quote(&edge.label)
        ));
    }
    out.push_str("}\n");
    out
}

fn contents(group: &Group, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for node in &group.nodes {
        let style = node_style(node.kind);
        out.push_str(&format!(
            "{indent}{} [label={}, shape={}, fillcolor=\"{}\", color=\"{}\"];\n",
            node.id,
            quote(&label(&node.title, &node.detail)),
            style.dot_shape,
            style.fill,
            style.stroke
        ));
    }
    for sub in &group.groups {
        let style = group_style(sub.kind);
        out.push_str(&format!("{indent}subgraph cluster_{} {{\n", sub.id));
        out.push_str(&format!(
            "{indent}  label={}; labeljust=l; style=\"{}\"; color=\"{}\"; fillcolor=\"{}\";\n",
            quote(&label(&sub.title, &sub.detail)),
            if style.dashed || sub.existing {
                "dashed,filled"
            } else {
                "filled"
            },
            style.stroke,
            style.fill
        ));
        contents(sub, depth + 1, out);
        out.push_str(&format!("{indent}}}\n"));
    }
}

fn label(title: &str, detail: &str) -> String {
    if detail.is_empty() {
        title.to_string()
    } else {
        format!("{title}\n{detail}")
    }
}

/// A DOT string: `"` and `\` escaped, line breaks as `\n`.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}
