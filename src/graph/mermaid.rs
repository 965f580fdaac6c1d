//! Mermaid flowchart: boxes as nested subgraphs, nodes shaped by kind. GitHub renders it in markdown.
//! Labels are quoted, with Mermaid's `#code;` entities for the characters its syntax uses.

use super::{Graph, Group, Node, NodeKind};

pub fn render(graph: &Graph) -> String {
    let root = &graph.root;
    let mut title = root.title.clone();
    if !root.detail.is_empty() {
        title = format!("{title} ({})", root.detail);
    }
    let mut out = format!("---\ntitle: {}\n---\nflowchart TB\n", escape(&title));
    contents(root, 1, &mut out);
    for edge in &graph.edges {
        let arrow = if edge.dashed { "-.->" } else { "-->" };
        out.push_str(&format!(
            "  {} {arrow}|\"{}\"| {}\n",
            edge.from,
            escape(&edge.label),
            edge.to
        ));
    }
    out
}

fn contents(group: &Group, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for node in &group.nodes {
        out.push_str(&format!("{indent}{}\n", node_text(node)));
    }
    for sub in &group.groups {
        out.push_str(&format!(
            "{indent}subgraph {}[\"{}\"]\n",
            sub.id,
            label(&sub.title, &sub.detail)
        ));
        contents(sub, depth + 1, out);
        out.push_str(&format!("{indent}end\n"));
    }
}

fn node_text(node: &Node) -> String {
    let (open, close) = match node.kind {
        NodeKind::Instance => ("[", "]"),
        NodeKind::Function => ("([", "])"),
        NodeKind::Primary | NodeKind::Replica => ("[(", ")]"),
        NodeKind::Endpoint => ("{{", "}}"),
        NodeKind::Layer => ("[[", "]]"),
    };
    format!(
        "{}{open}\"{}\"{close}",
        node.id,
        label(&node.title, &node.detail)
    )
}

fn label(title: &str, detail: &str) -> String {
    if detail.is_empty() {
        escape(title)
    } else {
        format!("{}<br/>{}", escape(title), escape(detail))
    }
}

/// Mermaid reads `"`, `#`, `<`, `>` and `&` in labels; entity codes keep them literal.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '#' | '<' | '>' | '&' | '\n' | '\r' | '|' | '`' => {
                out.push_str(&format!("#{};", u32::from(c)))
            }
            _ => out.push(c),
        }
    }
    out
}
