//! A self-contained SVG of the laid-out diagram: boxes and their text first, then the edges as
//! orthogonal paths, then the labels on top, each on a white background.

use super::drawing::{BoxKind, LaidBox, LaidEdge, Layout};
use super::geometry::Rect;
use super::layout::layout;
use super::place::title_size;
use super::style::{group_style, node_style};
use super::text::{DETAIL_SIZE, LABEL_PAD, LINE_H, TITLE_SIZE};
use super::{Graph, GroupKind};

pub fn render(graph: &Graph) -> String {
    let layout = layout(graph);
    let mut body = String::new();
    for b in &layout.boxes {
        draw_box(b, &mut body);
    }
    for edge in &layout.edges {
        draw_edge(edge, &mut body);
    }
    for edge in &layout.edges {
        draw_label(edge, &mut body);
    }
    finish(&graph.root.title, &layout, &body)
}

fn draw_box(b: &LaidBox, out: &mut String) {
    let (fill, stroke, dashed, rx, size, title_colour) = match b.kind {
        BoxKind::Group(kind) => {
            let s = group_style(kind);
            let dashed = s.dashed || b.existing;
            (s.fill, s.stroke, dashed, 4, title_size(kind), s.stroke)
        }
        BoxKind::Node(kind) => {
            let s = node_style(kind);
            (s.fill, s.stroke, false, 8, TITLE_SIZE, "#232F3E")
        }
    };
    if b.kind != BoxKind::Group(GroupKind::Stack) {
        let dash = if dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let Rect { x, y, w, h } = b.rect;
        out.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"{rx}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>\n"
        ));
    }
    // Baselines sit so that ascenders and descenders stay inside `text`, one line each.
    let (x, y) = (b.text.x, b.text.y);
    text(x, y + 12.5, size, "bold", title_colour, &b.title, out);
    if !b.detail.is_empty() {
        text(
            x,
            y + LINE_H + 12.0,
            DETAIL_SIZE,
            "normal",
            "#545B64",
            &b.detail,
            out,
        );
    }
}

fn draw_edge(edge: &LaidEdge, out: &mut String) {
    let mut d = String::new();
    for (i, p) in edge.path.iter().enumerate() {
        let op = if i == 0 { "M" } else { " L" };
        d.push_str(&format!("{op} {:.1} {:.1}", p.x, p.y));
    }
    let dash = if edge.dashed {
        " stroke-dasharray=\"5 4\""
    } else {
        ""
    };
    out.push_str(&format!(
        "<path d=\"{d}\" fill=\"none\" stroke=\"#232F3E\" stroke-width=\"1.5\" stroke-linejoin=\"round\" marker-end=\"url(#arrow)\"{dash}/>\n"
    ));
}

fn draw_label(edge: &LaidEdge, out: &mut String) {
    let Rect { x, y, w, h } = edge.label_rect;
    out.push_str(&format!(
        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"3\" fill=\"#FFFFFF\" fill-opacity=\"0.95\"/>\n"
    ));
    text(
        x + LABEL_PAD,
        y + h - 4.5,
        DETAIL_SIZE,
        "normal",
        "#232F3E",
        &edge.label,
        out,
    );
}

fn text(x: f64, y: f64, size: f64, weight: &str, colour: &str, text: &str, out: &mut String) {
    out.push_str(&format!(
        "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size:.0}\" font-weight=\"{weight}\" fill=\"{colour}\">{}</text>\n",
        escape(text)
    ));
}

fn finish(title: &str, layout: &Layout, body: &str) -> String {
    let (w, h) = (layout.width, layout.height);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" font-family=\"Helvetica, Arial, sans-serif\">\n\
         <title>{}</title>\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#232F3E\"/></marker></defs>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n\
         {body}</svg>\n",
        escape(title),
    )
}

/// Text for XML content and attributes. Characters XML 1.0 cannot hold at all are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c < ' ' => {}
            c => out.push(c),
        }
    }
    out
}
