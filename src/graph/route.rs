//! Orthogonal edge routing: a grid of tracks through the gaps between boxes, and for each edge
//! the cheapest path on it (A*: length, plus a penalty per bend and for running along another edge).
//!
//! Tracks lie strictly between consecutive box borders, at least one in every interval, so a
//! step between neighbouring grid points can never jump over a box: a step is allowed exactly when
//! both of its points are. A point is allowed for an edge when it is in no node and no box's text,
//! and every group holding it holds one of the edge's ends.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use super::drawing::{BoxKind, LaidBox, Layout};
use super::geometry::{Point, Rect};

/// The least distance from a box's border to a track, and between parallel tracks in one gap.
const CLEAR: f64 = 6.0;
const TRACK: f64 = 8.0;
const MAX_TRACKS: usize = 3;
/// The first and last segments, straight out of and into a node: room for the arrowhead.
const STUB: f64 = 12.0;
const BEND: f64 = 40.0;
/// Running along an edge that shares neither end costs this many times the length.
const SHARED: f64 = 4.0;
const CROSS: f64 = 12.0;
const NONE: usize = usize::MAX;

/// Right, left, down, up.
const STEPS: [(isize, isize); 4] = [(1, 0), (-1, 0), (0, 1), (0, -1)];

fn opposite(d: usize) -> usize {
    d ^ 1
}

struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// In a node or in a box's text.
    blocked: Vec<bool>,
    /// The innermost group holding the point, as an index in `Layout::boxes`.
    innermost: Vec<usize>,
}

/// Where an edge may leave or enter a node: a point on its border, the end of the stub straight
/// out of it, the direction out, and what choosing it costs (the middle of a side is cheapest).
struct Port {
    at: Point,
    stub: Point,
    out: usize,
    cost: f64,
}

/// Offsets from the middle of a side: several edges at one node keep apart.
const ALONG_SIDE: [(f64, f64); 3] = [(0.0, 0.0), (-1.0, 6.0), (1.0, 6.0)];
/// Using a port an edge that shares neither end already uses.
const PORT_TAKEN: f64 = 200.0;

fn ports(rect: &Rect) -> Vec<Port> {
    let c = rect.centre();
    let mut out = Vec::with_capacity(12);
    for (side, (dx, dy)) in STEPS.iter().enumerate() {
        let (dx, dy) = (*dx as f64, *dy as f64);
        for (k, cost) in ALONG_SIDE {
            // Along the side: a third of the way to the corner on long sides, less on short ones.
            let (sx, sy) = (k * (rect.w / 6.0).min(24.0), k * (rect.h / 4.0).min(12.0));
            // Exactly on the border, whatever the rounding of the centre.
            let edge = |d: f64, lo: f64, hi: f64, mid: f64| match d {
                d if d > 0.0 => hi,
                d if d < 0.0 => lo,
                _ => mid,
            };
            let at = Point {
                x: edge(dx, rect.x, rect.right(), c.x + sx),
                y: edge(dy, rect.y, rect.bottom(), c.y + sy),
            };
            out.push(Port {
                at,
                stub: Point {
                    x: at.x + dx * STUB,
                    y: at.y + dy * STUB,
                },
                out: side,
                cost,
            });
        }
    }
    out
}

/// The corner of a group its text sits in: edges pass beside or below it, not between the
/// text and the border.
fn header(b: &LaidBox) -> Rect {
    Rect {
        x: b.rect.x,
        y: b.rect.y,
        w: b.text.right() + CLEAR - b.rect.x,
        h: b.text.bottom() + CLEAR - b.rect.y,
    }
}

/// Tracks between consecutive borders, centred in each interval.
fn tracks(mut borders: Vec<f64>, stubs: Vec<f64>) -> Vec<f64> {
    borders.sort_by(f64::total_cmp);
    borders.dedup();
    let mut out = stubs;
    for pair in borders.windows(2) {
        let [a, b] = pair else { continue };
        let room = b - a - 2.0 * CLEAR;
        let n = if room <= 0.0 {
            1
        } else {
            ((room / TRACK) as usize + 1).min(MAX_TRACKS)
        };
        let mid = (a + b) / 2.0;
        for k in 0..n {
            out.push(mid + (k as f64 - (n - 1) as f64 / 2.0) * TRACK);
        }
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

/// The indexes of `values` (sorted) strictly between `lo` and `hi`.
fn between(values: &[f64], lo: f64, hi: f64) -> std::ops::Range<usize> {
    values.partition_point(|&v| v <= lo)..values.partition_point(|&v| v < hi)
}

impl Grid {
    fn new(layout: &Layout) -> Grid {
        let mut bx = Vec::new();
        let mut by = Vec::new();
        let mut sx = Vec::new();
        let mut sy = Vec::new();
        for b in &layout.boxes {
            bx.extend([b.rect.x, b.rect.right()]);
            by.extend([b.rect.y, b.rect.bottom()]);
            if let BoxKind::Group(_) = b.kind {
                let head = header(b);
                bx.push(head.right());
                by.push(head.bottom());
            } else {
                for p in ports(&b.rect) {
                    sx.push(p.stub.x);
                    sy.push(p.stub.y);
                }
            }
        }
        let xs = tracks(bx, sx);
        let ys = tracks(by, sy);
        let n = xs.len() * ys.len();
        let mut grid = Grid {
            xs,
            ys,
            blocked: vec![false; n],
            innermost: vec![NONE; n],
        };
        for (i, b) in layout.boxes.iter().enumerate() {
            match b.kind {
                BoxKind::Group(_) => {
                    grid.mark(&b.rect, |g| &mut g.innermost, i);
                    grid.mark(&header(b), |g| &mut g.blocked, true);
                }
                BoxKind::Node(_) => grid.mark(&b.rect, |g| &mut g.blocked, true),
            }
        }
        grid
    }

    /// Sets `value` in the field `of` at every grid point strictly inside `rect`.
    fn mark<T: Copy>(&mut self, rect: &Rect, of: impl Fn(&mut Grid) -> &mut Vec<T>, value: T) {
        let cols = between(&self.xs, rect.x, rect.right());
        let rows = between(&self.ys, rect.y, rect.bottom());
        let nx = self.xs.len();
        let field = of(self);
        for j in rows {
            for i in cols.clone() {
                if let Some(slot) = field.get_mut(j * nx + i) {
                    *slot = value;
                }
            }
        }
    }

    fn index(&self, p: Point) -> Option<usize> {
        let i = self.xs.binary_search_by(|v| v.total_cmp(&p.x)).ok()?;
        let j = self.ys.binary_search_by(|v| v.total_cmp(&p.y)).ok()?;
        Some(j * self.xs.len() + i)
    }

    fn point(&self, p: usize) -> Point {
        let nx = self.xs.len();
        Point {
            x: self.xs.get(p % nx).copied().unwrap_or_default(),
            y: self.ys.get(p / nx).copied().unwrap_or_default(),
        }
    }

    fn step(&self, p: usize, d: usize) -> Option<usize> {
        let nx = self.xs.len();
        let (i, j) = (p % nx, p / nx);
        let (dx, dy) = STEPS.get(d)?;
        let i = i.checked_add_signed(*dx).filter(|&i| i < nx)?;
        let j = j.checked_add_signed(*dy).filter(|&j| j < self.ys.len())?;
        Some(j * nx + i)
    }
}

/// A* queue entry: cheapest estimate first, then the one furthest along (fewer states to look
/// at), then the lowest state, so ties break the same way on every run.
#[derive(PartialEq)]
struct Open {
    f: f64,
    g: f64,
    state: usize,
}

impl Eq for Open {}

impl Ord for Open {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .f
            .total_cmp(&self.f)
            .then(self.g.total_cmp(&other.g))
            .then(other.state.cmp(&self.state))
    }
}

impl PartialOrd for Open {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// What earlier edges occupy: grid steps (keyed by their lower point and axis) and points, with
/// a flag per step and point so the search asks the maps only where some edge has been.
struct Taken {
    steps: HashMap<(usize, bool), Vec<usize>>,
    points: HashMap<usize, Vec<usize>>,
    /// By box index and port index.
    ports: HashMap<(usize, usize), Vec<usize>>,
    any_step: Vec<bool>,
    any_point: Vec<bool>,
}

impl Taken {
    fn new(grid: &Grid) -> Taken {
        let n = grid.blocked.len();
        Taken {
            steps: HashMap::new(),
            points: HashMap::new(),
            ports: HashMap::new(),
            any_step: vec![false; 2 * n],
            any_point: vec![false; n],
        }
    }

    fn step(&self, key: (usize, bool)) -> Option<&Vec<usize>> {
        let flag = self.any_step.get(key.0 * 2 + usize::from(key.1));
        flag.copied()
            .unwrap_or(false)
            .then(|| self.steps.get(&key))?
    }

    fn point(&self, p: usize) -> Option<&Vec<usize>> {
        let flag = self.any_point.get(p).copied().unwrap_or(false);
        flag.then(|| self.points.get(&p))?
    }

    fn take(&mut self, grid: &Grid, cells: &[usize], e: usize) {
        for pair in cells.windows(2) {
            if let [p, q] = *pair {
                let key = (p.min(q), grid.point(p).y == grid.point(q).y);
                self.steps.entry(key).or_default().push(e);
                if let Some(flag) = self.any_step.get_mut(key.0 * 2 + usize::from(key.1)) {
                    *flag = true;
                }
            }
        }
        for &p in cells {
            self.points.entry(p).or_default().push(e);
            if let Some(flag) = self.any_point.get_mut(p) {
                *flag = true;
            }
        }
    }
}

/// One path per `(from, to)` pair of box indexes, routed in order.
pub fn route(layout: &Layout, pairs: &[(usize, usize)]) -> Vec<Vec<Point>> {
    let grid = Grid::new(layout);
    let mut taken = Taken::new(&grid);
    let mut search = Search::new(&grid);
    let mut out = Vec::with_capacity(pairs.len());
    for (e, &(from, to)) in pairs.iter().enumerate() {
        let related = |other: usize| pairs.get(other).is_some_and(|&(f, t)| f == from || t == to);
        let unrelated = |owners: Option<&Vec<usize>>| {
            owners.is_some_and(|o| o.iter().any(|&other| !related(other)))
        };
        let mut allowed = vec![false; layout.boxes.len()];
        for end in [from, to] {
            for (b, slot) in allowed.iter_mut().enumerate() {
                *slot |= layout.holds(b, end);
            }
        }
        let open = |p: usize, all_groups: bool| {
            !grid.blocked.get(p).copied().unwrap_or(true)
                && grid
                    .innermost
                    .get(p)
                    .is_some_and(|&g| all_groups || g == NONE || allowed.get(g) == Some(&true))
        };
        let (Some(a), Some(b)) = (layout.boxes.get(from), layout.boxes.get(to)) else {
            out.push(Vec::new());
            continue;
        };
        let (starts, goals) = (ports(&a.rect), ports(&b.rect));
        let port_cost = |of: usize, k: usize| {
            if unrelated(taken.ports.get(&(of, k))) {
                PORT_TAKEN
            } else {
                0.0
            }
        };
        let found = [false, true].into_iter().find_map(|all_groups| {
            search.run(
                &grid,
                (&starts, |k| port_cost(from, k)),
                (&goals, |k| port_cost(to, k)),
                |p| open(p, all_groups),
                |p, d, q| {
                    let len = step_len(&grid, p, q);
                    let key = if d < 2 {
                        (p.min(q), true)
                    } else {
                        (p.min(q), false)
                    };
                    let mut cost = len;
                    if unrelated(taken.step(key)) {
                        cost += SHARED * len;
                    }
                    if unrelated(taken.point(q)) {
                        cost += CROSS;
                    }
                    cost
                },
            )
        });
        let Some(((k0, first), cells, (k1, last))) = found else {
            out.push(vec![a.rect.centre(), b.rect.centre()]);
            continue;
        };
        taken.ports.entry((from, k0)).or_default().push(e);
        taken.ports.entry((to, k1)).or_default().push(e);
        taken.take(&grid, &cells, e);
        let mut path = vec![first];
        path.extend(cells.iter().map(|&p| grid.point(p)));
        path.push(last);
        out.push(simplify(path));
    }
    out
}

fn step_len(grid: &Grid, p: usize, q: usize) -> f64 {
    let (a, b) = (grid.point(p), grid.point(q));
    (a.x - b.x).abs() + (a.y - b.y).abs()
}

/// Drops the points in the middle of straight runs.
fn simplify(path: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(path.len());
    for p in path {
        if out.last() == Some(&p) {
            continue;
        }
        if let [.., a, b] = out.as_slice()
            && ((a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y))
        {
            out.pop();
        }
        out.push(p);
    }
    out
}

/// A path between ports: the first port (index and point), the grid points from stub to stub,
/// and the last port.
type PortPath = ((usize, Point), Vec<usize>, (usize, Point));

/// A* state over (grid point, direction of arrival), reused from edge to edge.
struct Search {
    cost: Vec<f64>,
    prev: Vec<usize>,
    touched: Vec<usize>,
}

impl Search {
    fn new(grid: &Grid) -> Search {
        let n = grid.blocked.len() * 4 + 12;
        Search {
            cost: vec![f64::INFINITY; n],
            prev: vec![NONE; n],
            touched: Vec::new(),
        }
    }

    fn reset(&mut self) {
        for &s in &self.touched {
            if let Some(c) = self.cost.get_mut(s) {
                *c = f64::INFINITY;
            }
            if let Some(p) = self.prev.get_mut(s) {
                *p = NONE;
            }
        }
        self.touched.clear();
    }

    fn relax(&mut self, state: usize, cost: f64, prev: usize) -> bool {
        match self.cost.get_mut(state) {
            Some(c) if cost < *c => {
                *c = cost;
                if let Some(p) = self.prev.get_mut(state) {
                    *p = prev;
                }
                self.touched.push(state);
                true
            }
            _ => false,
        }
    }

    /// The cheapest path from a port of `starts` to a port of `goals` (each with the extra cost
    /// of using each port): the first port, the grid points from stub to stub, and the last port.
    fn run(
        &mut self,
        grid: &Grid,
        (starts, start_cost): (&[Port], impl Fn(usize) -> f64),
        (goals, goal_cost): (&[Port], impl Fn(usize) -> f64),
        open: impl Fn(usize) -> bool,
        step_cost: impl Fn(usize, usize, usize) -> f64,
    ) -> Option<PortPath> {
        self.reset();
        let points = grid.blocked.len();
        let goal_cells: Vec<Option<usize>> = goals
            .iter()
            .map(|g| grid.index(g.stub).filter(|&p| open(p)))
            .collect();
        let goal_points: Vec<Point> = goals.iter().map(|g| g.stub).collect();
        let h = |p: usize| {
            let at = grid.point(p);
            goal_points
                .iter()
                .zip(&goal_cells)
                .filter(|(_, c)| c.is_some())
                .map(|(g, _)| {
                    // Not in line with the goal: at least one bend to come.
                    let bend = if g.x != at.x && g.y != at.y {
                        BEND
                    } else {
                        0.0
                    };
                    (g.x - at.x).abs() + (g.y - at.y).abs() + bend
                })
                .fold(f64::INFINITY, f64::min)
                + STUB
        };
        let mut heap = BinaryHeap::new();
        for (k, port) in starts.iter().enumerate() {
            if let Some(p) = grid.index(port.stub).filter(|&p| open(p)) {
                let state = p * 4 + port.out;
                let g = STUB + port.cost + start_cost(k);
                if self.relax(state, g, NONE) {
                    heap.push(Open {
                        f: g + h(p),
                        g,
                        state,
                    });
                }
            }
        }
        while let Some(Open {
            g: pushed, state, ..
        }) = heap.pop()
        {
            let g = self.cost.get(state).copied().unwrap_or(f64::INFINITY);
            if state >= points * 4 {
                return self.path(grid, starts, goals, state);
            }
            if pushed > g {
                continue; // a cheaper way here was found after this entry was queued
            }
            let (p, d) = (state / 4, state % 4);
            for (k, cell) in goal_cells.iter().enumerate() {
                let Some(goal) = goals.get(k) else { continue };
                let inward = opposite(goal.out);
                if *cell == Some(p) && d != goal.out {
                    let turn = if d == inward { 0.0 } else { BEND };
                    let total = g + STUB + turn + goal.cost + goal_cost(k);
                    if self.relax(points * 4 + k, total, state) {
                        heap.push(Open {
                            f: total,
                            g: total,
                            state: points * 4 + k,
                        });
                    }
                }
            }
            for nd in 0..4 {
                if nd == opposite(d) {
                    continue;
                }
                let Some(q) = grid.step(p, nd).filter(|&q| open(q)) else {
                    continue;
                };
                let turn = if nd == d { 0.0 } else { BEND };
                let total = g + turn + step_cost(p, nd, q);
                let next = q * 4 + nd;
                if self.relax(next, total, state) {
                    heap.push(Open {
                        f: total + h(q),
                        g: total,
                        state: next,
                    });
                }
            }
        }
        None
    }

    fn path(&self, grid: &Grid, starts: &[Port], goals: &[Port], goal: usize) -> Option<PortPath> {
        let points = grid.blocked.len();
        let k1 = goal.checked_sub(points * 4)?;
        let last = goals.get(k1)?.at;
        let mut cells = Vec::new();
        let mut at = self.prev.get(goal).copied().unwrap_or(NONE);
        let mut first_dir = 0;
        while at != NONE {
            cells.push(at / 4);
            first_dir = at % 4;
            at = self.prev.get(at).copied().unwrap_or(NONE);
        }
        cells.reverse();
        let first_cell = *cells.first()?;
        let k0 = starts
            .iter()
            .position(|s| s.out == first_dir && grid.index(s.stub) == Some(first_cell))?;
        let first = starts.get(k0)?.at;
        Some(((k0, first), cells, (k1, last)))
    }
}
