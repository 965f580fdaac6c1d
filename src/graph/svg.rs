//! A self-contained SVG: boxes nest (stack, VPC, zones side by side, subnets stacked, nodes in a
//! row), sized from estimated text widths; arrows are straight lines between node borders.

use indexmap::IndexMap;

use super::style::{group_style, node_style};
use super::{Graph, Group, GroupKind, Node};

/// An upper estimate of one character's width at the font size used, so text stays in its box.
const CHAR_W: f64 = 7.5;
const LINE_H: f64 = 16.0;
const PAD: f64 = 10.0;
const GAP: f64 = 24.0;
const NODE_MIN_W: f64 = 100.0;
const MARGIN: f64 = 16.0;

#[derive(Debug, Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Where the ray from the centre towards `(dx, dy)` leaves the rectangle.
    fn border(&self, dx: f64, dy: f64) -> (f64, f64) {
        let (cx, cy) = self.centre();
        let tx = if dx == 0.0 {
            f64::INFINITY
        } else {
            self.w / 2.0 / dx.abs()
        };
        let ty = if dy == 0.0 {
            f64::INFINITY
        } else {
            self.h / 2.0 / dy.abs()
        };
        let t = tx.min(ty);
        (cx + dx * t, cy + dy * t)
    }
}

pub fn render(graph: &Graph) -> String {
    let root = &graph.root;
    let (w, h) = measure(root);
    let mut svg = Svg::default();
    let mut nodes = IndexMap::new();
    place(
        root,
        Rect {
            x: MARGIN,
            y: MARGIN,
            w,
            h,
        },
        &mut svg,
        &mut nodes,
    );
    for edge in &graph.edges {
        if let (Some(from), Some(to)) = (nodes.get(&edge.from), nodes.get(&edge.to)) {
            svg.arrow(from, to, &edge.label, edge.dashed);
        }
    }
    svg.finish(&root.title, w + 2.0 * MARGIN, h + 2.0 * MARGIN)
}

fn text_w(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_W
}

fn node_size(node: &Node) -> (f64, f64) {
    let w = text_w(&node.title).max(text_w(&node.detail)) + 2.0 * PAD;
    (w.max(NODE_MIN_W), 2.0 * LINE_H + 2.0 * PAD)
}

fn header(group: &Group) -> f64 {
    let lines = if group.detail.is_empty() { 1.0 } else { 2.0 };
    PAD + lines * LINE_H + PAD / 2.0
}

/// Zones sit side by side in the VPC; everything else stacks.
fn side_by_side(group: &Group) -> bool {
    group.kind == GroupKind::Vpc
}

fn measure(group: &Group) -> (f64, f64) {
    let (nodes_w, nodes_h) = row(&group.nodes);
    let sizes: Vec<(f64, f64)> = group.groups.iter().map(measure).collect();
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
    let w = nodes_w
        .max(groups_w)
        .max(text_w(&group.title))
        .max(text_w(&group.detail));
    (
        w + 2.0 * PAD,
        header(group) + nodes_h + between + groups_h + PAD,
    )
}

fn row(nodes: &[Node]) -> (f64, f64) {
    let sizes: Vec<(f64, f64)> = nodes.iter().map(node_size).collect();
    let w = sizes.iter().map(|s| s.0).sum::<f64>() + GAP * sizes.len().saturating_sub(1) as f64;
    (w, sizes.iter().map(|s| s.1).fold(0.0, f64::max))
}

/// Draws `group` into `at` (its measured size, or stretched to its row or column).
fn place(group: &Group, at: Rect, svg: &mut Svg, nodes: &mut IndexMap<String, Rect>) {
    svg.group(group, at);
    let mut y = at.y + header(group);
    let mut x = at.x + PAD;
    let (_, nodes_h) = row(&group.nodes);
    for node in &group.nodes {
        let (w, h) = node_size(node);
        let rect = Rect { x, y, w, h };
        svg.node(node, rect);
        nodes.insert(node.id.clone(), rect);
        x += w + GAP;
    }
    if !group.nodes.is_empty() {
        y += nodes_h + GAP;
    }
    let sizes: Vec<(f64, f64)> = group.groups.iter().map(measure).collect();
    let tallest = sizes.iter().map(|s| s.1).fold(0.0, f64::max);
    let mut x = at.x + PAD;
    for (sub, (w, h)) in group.groups.iter().zip(sizes) {
        if side_by_side(group) {
            place(
                sub,
                Rect {
                    x,
                    y,
                    w,
                    h: tallest,
                },
                svg,
                nodes,
            );
            x += w + GAP;
        } else {
            let w = at.w - 2.0 * PAD;
            place(sub, Rect { x, y, w, h }, svg, nodes);
            y += h + GAP;
        }
    }
}

/// SVG text under construction: boxes first, then arrows over them.
#[derive(Default)]
struct Svg {
    body: String,
}

impl Svg {
    fn group(&mut self, group: &Group, at: Rect) {
        let style = group_style(group.kind);
        if group.kind != GroupKind::Stack {
            let dash = if style.dashed {
                " stroke-dasharray=\"6 4\""
            } else {
                ""
            };
            self.body.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{dash}/>\n",
                at.x, at.y, at.w, at.h, style.fill, style.stroke
            ));
        }
        let size = if group.kind == GroupKind::Stack {
            16
        } else {
            13
        };
        self.text(
            at.x + PAD,
            at.y + PAD + LINE_H * 0.75,
            size,
            "bold",
            style.stroke,
            &group.title,
        );
        if !group.detail.is_empty() {
            self.text(
                at.x + PAD,
                at.y + PAD + LINE_H * 1.75,
                11,
                "normal",
                "#545B64",
                &group.detail,
            );
        }
    }

    fn node(&mut self, node: &Node, at: Rect) {
        let style = node_style(node.kind);
        self.body.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"8\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>\n",
            at.x, at.y, at.w, at.h, style.fill, style.stroke
        ));
        self.text(
            at.x + PAD,
            at.y + PAD + LINE_H * 0.75,
            13,
            "bold",
            "#232F3E",
            &node.title,
        );
        self.text(
            at.x + PAD,
            at.y + PAD + LINE_H * 1.75,
            11,
            "normal",
            "#545B64",
            &node.detail,
        );
    }

    fn text(&mut self, x: f64, y: f64, size: u32, weight: &str, colour: &str, text: &str) {
        self.body.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{colour}\">{}</text>\n",
            escape(text)
        ));
    }

    fn arrow(&mut self, from: &Rect, to: &Rect, label: &str, dashed: bool) {
        let (fx, fy) = from.centre();
        let (tx, ty) = to.centre();
        let (dx, dy) = (tx - fx, ty - fy);
        if dx == 0.0 && dy == 0.0 {
            return;
        }
        let (x1, y1) = from.border(dx, dy);
        let (x2, y2) = to.border(-dx, -dy);
        let dash = if dashed {
            " stroke-dasharray=\"5 4\""
        } else {
            ""
        };
        self.body.push_str(&format!(
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"#232F3E\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"{dash}/>\n"
        ));
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
        let w = text_w(label) * 0.9 + 8.0;
        self.body.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"16\" rx=\"3\" fill=\"#FFFFFF\" fill-opacity=\"0.9\"/>\n",
            mx - w / 2.0,
            my - 8.0
        ));
        self.body.push_str(&format!(
            "<text x=\"{mx:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#232F3E\">{}</text>\n",
            my + 4.0,
            escape(label)
        ));
    }

    fn finish(self, title: &str, w: f64, h: f64) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" font-family=\"Helvetica, Arial, sans-serif\">\n\
             <title>{}</title>\n\
             <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#232F3E\"/></marker></defs>\n\
             <rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n\
             {}</svg>\n",
            escape(title),
            self.body
        )
    }
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
