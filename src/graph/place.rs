//! Where each box goes: boxes nest (stack, VPC, zones side by side, subnets stacked, nodes in a
//! row), sized from estimated text widths, with gaps wide enough for edges and their labels.

use std::collections::HashMap;

use super::drawing::{BoxKind, LaidBox};
use super::geometry::Rect;
use super::text::{self, DETAIL_SIZE, LINE_H, STACK_SIZE, TITLE_SIZE, text_width};
use super::{Edge, Group, GroupKind, Node};

/// From a box's border to its text.
pub const PAD: f64 = 10.0;
/// From a group's border to what it holds, and from its text to what it holds.
const INSET: f64 = 24.0;
const HEAD_GAP: f64 = 20.0;
/// Between boxes side by side or stacked: room for a few edges and a label.
const GAP: f64 = 40.0;
const NODE_MIN_W: f64 = 100.0;
const MARGIN: f64 = 16.0;

pub struct Placed {
    pub width: f64,
    pub height: f64,
    pub boxes: Vec<LaidBox>,
}

/// The gap between two nodes side by side that an edge joins directly: its label must fit.
struct Gaps<'a>(HashMap<(&'a str, &'a str), f64>);

impl Gaps<'_> {
    fn between(&self, a: &Node, b: &Node) -> f64 {
        let (a, b) = (a.id.as_str(), b.id.as_str());
        let wide = [(a, b), (b, a)]
            .iter()
            .filter_map(|k| self.0.get(k).copied())
            .fold(0.0, f64::max);
        GAP.max(wide)
    }
}

pub fn place(root: &Group, edges: &[Edge]) -> Placed {
    let mut gaps = HashMap::new();
    for e in edges {
        let need = text::label_size(&e.label).0 + text::ROOM_AROUND;
        let slot = gaps.entry((e.from.as_str(), e.to.as_str())).or_insert(0.0);
        *slot = need.max(*slot);
    }
    let gaps = Gaps(gaps);
    let (w, h) = measure(root, &gaps);
    let mut boxes = Vec::new();
    let at = Rect {
        x: MARGIN,
        y: MARGIN,
        w,
        h,
    };
    group(root, at, None, &gaps, &mut boxes);
    Placed {
        width: w + 2.0 * MARGIN,
        height: h + 2.0 * MARGIN,
        boxes,
    }
}

pub fn title_size(kind: GroupKind) -> f64 {
    if kind == GroupKind::Stack {
        STACK_SIZE
    } else {
        TITLE_SIZE
    }
}

fn group_text_w(group: &Group) -> f64 {
    let title = text_width(&group.title, title_size(group.kind), true);
    title.max(text_width(&group.detail, DETAIL_SIZE, false))
}

fn lines(detail: &str) -> f64 {
    if detail.is_empty() { 1.0 } else { 2.0 }
}

fn node_size(node: &Node) -> (f64, f64) {
    let title = text_width(&node.title, TITLE_SIZE, true);
    let text = title.max(text_width(&node.detail, DETAIL_SIZE, false));
    ((text + 2.0 * PAD).max(NODE_MIN_W), 2.0 * LINE_H + 2.0 * PAD)
}

/// From the group's top to the top of what it holds.
fn header(group: &Group) -> f64 {
    PAD + lines(&group.detail) * LINE_H + HEAD_GAP
}

/// Zones sit side by side in the VPC; everything else stacks.
fn side_by_side(group: &Group) -> bool {
    group.kind == GroupKind::Vpc
}

fn measure(group: &Group, gaps: &Gaps) -> (f64, f64) {
    let (nodes_w, nodes_h) = row(&group.nodes, gaps);
    let sizes: Vec<(f64, f64)> = group.groups.iter().map(|g| measure(g, gaps)).collect();
    let gaps = GAP * sizes.len().saturating_sub(1) as f64;
    let (groups_w, groups_h) = if side_by_side(group) {
        let w = sizes.iter().map(|s| s.0).sum::<f64>() + gaps;
        (w, sizes.iter().map(|s| s.1).fold(0.0, f64::max))
    } else {
        let h = sizes.iter().map(|s| s.1).sum::<f64>() + gaps;
        (sizes.iter().map(|s| s.0).fold(0.0, f64::max), h)
    };
    let between = if group.nodes.is_empty() || group.groups.is_empty() {
        0.0
    } else {
        GAP
    };
    let inner = nodes_w.max(groups_w) + 2.0 * INSET;
    let text = group_text_w(group) + 2.0 * PAD;
    (
        inner.max(text),
        header(group) + nodes_h + between + groups_h + INSET,
    )
}

fn row(nodes: &[Node], gaps: &Gaps) -> (f64, f64) {
    let sizes: Vec<(f64, f64)> = nodes.iter().map(node_size).collect();
    let between: f64 = nodes
        .windows(2)
        .map(|pair| match pair {
            [a, b] => gaps.between(a, b),
            _ => 0.0,
        })
        .sum();
    let w = sizes.iter().map(|s| s.0).sum::<f64>() + between;
    (w, sizes.iter().map(|s| s.1).fold(0.0, f64::max))
}

/// Places `group` into `at` (its measured size, or stretched to its row or column), then what it
/// holds, parents before children.
fn group(group: &Group, at: Rect, parent: Option<usize>, gaps: &Gaps, boxes: &mut Vec<LaidBox>) {
    let me = boxes.len();
    boxes.push(LaidBox {
        id: group.id.clone(),
        kind: BoxKind::Group(group.kind),
        title: group.title.clone(),
        detail: group.detail.clone(),
        existing: group.existing,
        parent,
        rect: at,
        text: Rect {
            x: at.x + PAD,
            y: at.y + PAD,
            w: group_text_w(group),
            h: lines(&group.detail) * LINE_H,
        },
    });
    let mut y = at.y + header(group);
    let mut x = at.x + INSET;
    let (_, nodes_h) = row(&group.nodes, gaps);
    for (n, node) in group.nodes.iter().enumerate() {
        let (w, h) = node_size(node);
        let rect = Rect { x, y, w, h };
        boxes.push(LaidBox {
            id: node.id.clone(),
            kind: BoxKind::Node(node.kind),
            title: node.title.clone(),
            detail: node.detail.clone(),
            existing: false,
            parent: Some(me),
            rect,
            text: Rect {
                x: x + PAD,
                y: y + PAD,
                w: w - 2.0 * PAD,
                h: 2.0 * LINE_H,
            },
        });
        x += w + match group.nodes.get(n..n + 2) {
            Some([a, b]) => gaps.between(a, b),
            _ => GAP,
        };
    }
    if !group.nodes.is_empty() {
        y += nodes_h + GAP;
    }
    let sizes: Vec<(f64, f64)> = group.groups.iter().map(|g| measure(g, gaps)).collect();
    let tallest = sizes.iter().map(|s| s.1).fold(0.0, f64::max);
    let mut x = at.x + INSET;
    for (sub, (w, h)) in group.groups.iter().zip(sizes) {
        if side_by_side(group) {
            let h = tallest;
            self::group(sub, Rect { x, y, w, h }, Some(me), gaps, boxes);
            x += w + GAP;
        } else {
            let w = at.w - 2.0 * INSET;
            self::group(sub, Rect { x, y, w, h }, Some(me), gaps, boxes);
            y += h + GAP;
        }
    }
}
