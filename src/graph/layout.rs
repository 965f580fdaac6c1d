//! The diagram laid out for drawing: every box with its place and the place of its text, every
//! edge as an orthogonal path through the gaps between boxes, with a label that covers no text.

use std::collections::HashMap;

use super::geometry::{Point, Rect};
use super::{Graph, GroupKind, NodeKind, labels, place, route};

/// What `svg` draws, and what the tests check the drawing against.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// Parents before their children; the first is the stack, which holds all others.
    pub boxes: Vec<LaidBox>,
    /// In the order of `Graph::edges`, leaving out edges whose ends are not drawn.
    pub edges: Vec<LaidEdge>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaidBox {
    pub id: String,
    pub kind: BoxKind,
    pub title: String,
    pub detail: String,
    /// The index in `Layout::boxes` of the box this one sits in.
    pub parent: Option<usize>,
    pub rect: Rect,
    /// Where the title and detail are written (an upper estimate of the text's extent).
    pub text: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxKind {
    Group(GroupKind),
    Node(NodeKind),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaidEdge {
    /// Indexes in `Layout::boxes`.
    pub from: usize,
    pub to: usize,
    /// From a point on the border of `from` to a point on the border of `to`; each segment is
    /// horizontal or vertical.
    pub path: Vec<Point>,
    pub label: String,
    /// Where the label is written, on a white background.
    pub label_rect: Rect,
    pub dashed: bool,
}

impl Layout {
    /// `ancestor` is `of` or holds it, directly or through other boxes.
    pub fn holds(&self, ancestor: usize, of: usize) -> bool {
        let mut at = Some(of);
        while let Some(i) = at {
            if i == ancestor {
                return true;
            }
            at = self.boxes.get(i).and_then(|b| b.parent);
        }
        false
    }
}

/// Places the boxes, routes the edges in order, then places their labels.
pub fn layout(graph: &Graph) -> Layout {
    let placed = place::place(&graph.root, &graph.edges);
    let mut layout = Layout {
        width: placed.width,
        height: placed.height,
        boxes: placed.boxes,
        edges: Vec::new(),
    };
    let ids: HashMap<&str, usize> = layout
        .boxes
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let index = |id: &str| ids.get(id).copied();
    let ends: Vec<(usize, usize, &super::Edge)> = graph
        .edges
        .iter()
        .filter_map(|e| Some((index(&e.from)?, index(&e.to)?, e)))
        .filter(|(from, to, _)| from != to)
        .collect();
    let pairs: Vec<(usize, usize)> = ends.iter().map(|&(f, t, _)| (f, t)).collect();
    let paths = route::route(&layout, &pairs);
    let labelled: Vec<(&[Point], &str)> = paths
        .iter()
        .zip(&ends)
        .map(|(p, (_, _, e))| (p.as_slice(), e.label.as_str()))
        .collect();
    let label_rects = labels::place(&layout, &labelled);
    layout.edges = ends
        .iter()
        .zip(paths.iter().zip(label_rects))
        .map(|(&(from, to, edge), (path, label_rect))| LaidEdge {
            from,
            to,
            path: path.clone(),
            label: edge.label.clone(),
            label_rect,
            dashed: edge.dashed,
        })
        .collect();
    layout
}

/// An upper estimate of the width of `text` at font size `size`, from classes of character
/// widths in Helvetica (and Arial, Liberation Sans and Nimbus Sans, which share its metrics).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    text.chars().map(|c| em_width(c, bold)).sum::<f64>() * size
}

/// Each class's widest character, rounded up: `i` is 0.28 em, `r` 0.39, `o` 0.61 (bold), `W` 0.94.
fn em_width(c: char, bold: bool) -> f64 {
    match c {
        ' ' | 'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.35,
        'f' | 't' | 'r' | '-' | '(' | ')' | '/' | '[' | ']' | '{' | '}' | '"' | '*' => 0.5,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 1.0,
        'A'..='Z' | '&' => 0.8,
        c if c.is_ascii() => {
            if bold {
                0.64
            } else {
                0.59
            }
        }
        _ => 1.0,
    }
}
