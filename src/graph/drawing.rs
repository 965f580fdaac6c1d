//! The diagram as laid out, as plain data: every box with its place and the place of its text, every
//! edge as an orthogonal path with its label. `layout` makes it, `svg` draws it, the tests check it.

use super::geometry::{Point, Rect};
use super::{GroupKind, NodeKind};

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
    /// A group for something that exists outside the program (drawn dashed).
    pub existing: bool,
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
