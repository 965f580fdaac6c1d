//! Rectangles and points of the drawn diagram, in SVG user units (y grows downwards), and the
//! tests the layout needs: containment, overlap and whether a straight segment crosses a box.

/// An axis-aligned rectangle: its top-left corner, width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// A point of an edge's path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn centre(&self) -> Point {
        Point {
            x: self.x + self.w / 2.0,
            y: self.y + self.h / 2.0,
        }
    }

    /// The interiors share some area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Grown by `by` on every side.
    pub fn inflate(&self, by: f64) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            w: self.w + 2.0 * by,
            h: self.h + 2.0 * by,
        }
    }

    /// The axis-parallel segment from `a` to `b` runs through the interior.
    pub fn crossed_by(&self, a: Point, b: Point) -> bool {
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        let spans_x = if x0 == x1 {
            x0 > self.x && x0 < self.right()
        } else {
            x0 < self.right() && x1 > self.x
        };
        let spans_y = if y0 == y1 {
            y0 > self.y && y0 < self.bottom()
        } else {
            y0 < self.bottom() && y1 > self.y
        };
        spans_x && spans_y
    }
}
