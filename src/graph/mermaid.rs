//! Mermaid flowchart: boxes as nested subgraphs, nodes shaped by kind. GitHub renders it in markdown.
//! Labels are quoted, with Mermaid's `#code;` entities for the characters its syntax uses.

use super::{Graph, Group, GroupKind, Node, NodeKind};

pub fn render(graph: &Graph) -> String {
    let root = &graph.root;
    let mut title = root.title.clone();
    if !root.detail.is_empty() {
        title = format!("{title} ({})", root.detail);
    }
    let mut out = format!("---\ntitle: {}\n---\nflowchart TB\n", escape(&title));
    if contents(root, 1, &mut out) {
        out.push_str(&format!("  classDef {EMPTY} fill:none,stroke:none\n"));
    }
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

/// The class of the invisible node that keeps an empty box drawn.
const EMPTY: &str = "empty";

/// Writes what `group` holds; says whether some box was empty.
fn contents(group: &Group, depth: usize, out: &mut String) -> bool {
    let indent = "  ".repeat(depth);
    let mut empty = false;
    for node in &group.nodes {
        out.push_str(&format!("{indent}{}\n", node_text(node)));
    }
    for sub in ordered(group) {
        out.push_str(&format!(
            "{indent}subgraph {}[\"{}\"]\n",
            sub.id,
            title(&sub.title, &sub.detail)
        ));
        if sub.nodes.is_empty() && sub.groups.is_empty() {
            // Mermaid leaves out an empty subgraph, title and all.
            out.push_str(&format!("{indent}  {}_empty[\" \"]:::{EMPTY}\n", sub.id));
            empty = true;
        }
        empty |= contents(sub, depth + 1, out);
        out.push_str(&format!("{indent}end\n"));
    }
    empty
}

/// Mermaid hands subgraphs to its layout (dagre) in the reverse of the order they are written,
/// and dagre keeps that order where edges do not decide it: zones are written last first.
fn ordered(group: &Group) -> Box<dyn Iterator<Item = &Group> + '_> {
    if group.kind == GroupKind::Vpc {
        Box::new(group.groups.iter().rev())
    } else {
        Box::new(group.groups.iter())
    }
}

/// One line: Mermaid leaves room for one line of a subgraph's title, and its children cover
/// the rest.
fn title(title: &str, detail: &str) -> String {
    if detail.is_empty() {
        escape(title)
    } else {
        format!("{} ({})", escape(title), escape(detail))
    }
}

fn node_text(node: &Node) -> String {
    let (open, close) = match node.kind {
        NodeKind::Instance => ("[", "]"),
        NodeKind::Function => ("([", "])"),
        NodeKind::Primary | NodeKind::Replica | NodeKind::Serverless => ("[(", ")]"),
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
