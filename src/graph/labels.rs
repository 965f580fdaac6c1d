//! Where each edge's label goes: on or beside one of its segments, never over a node, a box's
//! text or another label; among such places, the one over fewest other edges and borders.

use super::drawing::{BoxKind, Layout};
use super::geometry::{Point, Rect};
use super::text::{ARROW, CLEARANCE, label_size};

/// Where along a segment to try, best first.
const ALONG: [f64; 7] = [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9];

/// One rectangle per `(path, label)`, in order; a label placed earlier is avoided by later ones.
pub fn place(layout: &Layout, edges: &[(&[Point], &str)]) -> Vec<Rect> {
    let solid: Vec<Rect> = layout
        .boxes
        .iter()
        .map(|b| match b.kind {
            BoxKind::Node(_) => b.rect,
            BoxKind::Group(_) => b.text,
        })
        .chain(edges.iter().flat_map(|(path, _)| {
            // The arrowhead and where an edge leaves its node stay visible.
            [path.first(), path.last()].into_iter().flatten().map(|p| {
                Rect {
                    x: p.x,
                    y: p.y,
                    w: 0.0,
                    h: 0.0,
                }
                .inflate(ARROW)
            })
        }))
        .collect();
    let borders: Vec<Rect> = layout
        .boxes
        .iter()
        .filter(|b| matches!(b.kind, BoxKind::Group(_)) && b.parent.is_some())
        .map(|b| b.rect)
        .collect();
    let bounds = layout.boxes.first().map(|b| b.rect);
    let mut placed: Vec<Rect> = Vec::with_capacity(edges.len());
    for (e, (path, label)) in edges.iter().enumerate() {
        let (w, h) = label_size(label);
        let mut best: Option<(f64, Rect)> = None;
        let mut fallback: Option<(f64, Rect)> = None;
        for (s, pair) in path.windows(2).enumerate() {
            let [a, b] = pair else { continue };
            for (k, &t) in ALONG.iter().enumerate() {
                let at = Point {
                    x: a.x + (b.x - a.x) * t,
                    y: a.y + (b.y - a.y) * t,
                };
                for (side, rect) in candidates(at, a.x == b.x, w, h).into_iter().enumerate() {
                    let room = rect.inflate(CLEARANCE);
                    let hard = solid.iter().chain(&placed).any(|r| r.overlaps(&room))
                        || bounds.is_some_and(|o| !inside(&rect, &o));
                    let over_edges = edges
                        .iter()
                        .enumerate()
                        .filter(|&(other, _)| other != e)
                        .filter(|(_, (p, _))| crosses(p, &room))
                        .count();
                    let over_borders = borders.iter().filter(|r| on_border(r, &room)).count();
                    let score = over_edges as f64 * 100.0
                        + over_borders as f64 * 30.0
                        + side as f64 * 4.0
                        + k as f64
                        + s as f64 * 0.5;
                    let slot = if hard { &mut fallback } else { &mut best };
                    if slot.as_ref().is_none_or(|(b, _)| score < *b) {
                        *slot = Some((score, rect));
                    }
                }
            }
        }
        let rect = best.or(fallback).map(|(_, r)| r).unwrap_or(Rect {
            x: 0.0,
            y: 0.0,
            w,
            h,
        });
        placed.push(rect);
    }
    placed
}

/// Centred on the point, then beside the segment on either side.
fn candidates(at: Point, vertical: bool, w: f64, h: f64) -> [Rect; 3] {
    let centred = Rect {
        x: at.x - w / 2.0,
        y: at.y - h / 2.0,
        w,
        h,
    };
    let gap = 3.0;
    if vertical {
        [
            centred,
            Rect {
                x: at.x + gap,
                ..centred
            },
            Rect {
                x: at.x - gap - w,
                ..centred
            },
        ]
    } else {
        [
            centred,
            Rect {
                y: at.y - gap - h,
                ..centred
            },
            Rect {
                y: at.y + gap,
                ..centred
            },
        ]
    }
}

fn inside(rect: &Rect, outer: &Rect) -> bool {
    rect.x >= outer.x
        && rect.y >= outer.y
        && rect.right() <= outer.right()
        && rect.bottom() <= outer.bottom()
}

fn crosses(path: &[Point], rect: &Rect) -> bool {
    path.windows(2)
        .any(|pair| matches!(pair, [a, b] if rect.crossed_by(*a, *b)))
}

/// The rectangle straddles the border of `group`.
fn on_border(group: &Rect, rect: &Rect) -> bool {
    rect.overlaps(group) && !inside(rect, group)
}
