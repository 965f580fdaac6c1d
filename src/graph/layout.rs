//! The diagram laid out for drawing: every box with its place and the place of its text, every
//! edge as an orthogonal path through the gaps between boxes, with a label that covers no text.

use std::collections::HashMap;

use super::drawing::{LaidEdge, Layout};
use super::geometry::Point;
use super::{Graph, labels, place, route};

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
