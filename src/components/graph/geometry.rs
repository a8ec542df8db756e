//! The shapes of the graph's drawing, in layout units: how large a node is, where its edges
//! attach, where its labels go. Sized for the largest type (presentation mode's 18 units), so the
//! same layout reads in both modes.

use chainrule::graph::Place;
use chainrule::ops::Op;

use crate::camera::Rect;

/// The graph's type size in presentation mode, in layout units (normal mode draws 16).
pub const TEXT: f64 = 18.0;
/// A monospace glyph's width, in ems.
const GLYPH: f64 = 0.62;
/// The operation circle's radius and centre, left of the result box.
pub const OP_R: f64 = 24.0;
/// The operation circle's centre.
pub const OP_CX: f64 = -40.0;
/// The result box's left edge (the stem joins it to the circle).
pub const BOX_X: f64 = -6.0;
/// The result box's half-height.
pub const BOX_HALF: f64 = 17.0;
/// Below the box, the baselines of the value and the adjoint's two lines.
pub const LINES: [f64; 3] = [40.0, 61.0, 82.0];
/// A compact node's two label lines, left of it.
pub const COMPACT_LINES: [f64; 2] = [-7.0, 14.0];

/// How a node is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An operation: a circle with its symbol, and a result box.
    Op,
    /// A variable: a box.
    Input,
    /// A constant: a box holding its value.
    Const,
}

impl Kind {
    /// The kind of a node computing `op`.
    pub fn of(op: Op) -> Kind {
        match op {
            Op::Input => Kind::Input,
            Op::Const(_) => Kind::Const,
            _ => Kind::Op,
        }
    }
}

/// Width of `text` set in the graph's monospace type.
pub fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * GLYPH * TEXT
}

/// A node's box: its left edge and width, for a node of `kind` whose box shows `label`.
pub fn result_box(kind: Kind, label: &str) -> (f64, f64) {
    let width = (text_width(label) + 16.0).max(44.0);
    match kind {
        Kind::Op => (BOX_X, width),
        Kind::Input | Kind::Const => (-width / 2.0, width),
    }
}

/// Where edges leave a node (its right side) and enter one (its left side), from its centre.
pub fn ports(kind: Kind, label: &str) -> (f64, f64) {
    let (x, w) = result_box(kind, label);
    let enter = match kind {
        Kind::Op => OP_CX - OP_R,
        _ => x,
    };
    (x + w, enter)
}

/// The room a node and its labels take around its centre: left, top, right, bottom.
pub fn footprint(kind: Kind, label: &str, place: Option<Place>) -> (f64, f64, f64, f64) {
    let (x, w) = result_box(kind, label);
    let left = match kind {
        Kind::Op => OP_CX - OP_R,
        _ => x,
    };
    if place.is_some_and(|p| p.compact) {
        // Labels to the left: "∂ℓ/∂w¹₀,₁ = -0.12345" at most.
        return (
            left - text_width("∂ℓ/∂w¹₀,₁ = -0.12345"),
            BOX_HALF + 4.0,
            x + w,
            BOX_HALF + 4.0,
        );
    }
    let centre = x + w / 2.0;
    let labels = text_width("= -0.12345") / 2.0;
    (
        left.min(centre - labels),
        BOX_HALF + 4.0,
        (x + w).max(centre + labels),
        LINES[2] + 8.0,
    )
}

/// The room around a node, as a rectangle about its centre (x, y).
pub fn room(kind: Kind, label: &str, place: Option<Place>, x: f64, y: f64) -> Rect {
    let (l, t, r, b) = footprint(kind, label, place);
    Rect {
        x: x + l,
        y: y - t,
        w: r - l,
        h: t + b,
    }
}

/// Keeps a label of `width` × `height` centred at (x, y) inside `bounds`.
pub fn inside(x: f64, y: f64, width: f64, height: f64, bounds: Rect) -> (f64, f64) {
    let clamp = |v: f64, lo: f64, hi: f64| {
        if lo > hi {
            (lo + hi) / 2.0
        } else {
            v.clamp(lo, hi)
        }
    };
    (
        clamp(x, bounds.x + width / 2.0, bounds.x + bounds.w - width / 2.0),
        clamp(
            y,
            bounds.y + height / 2.0,
            bounds.y + bounds.h - height / 2.0,
        ),
    )
}

/// The area two rectangles share.
fn overlap(a: Rect, b: Rect) -> f64 {
    let w = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
    let h = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
    w.max(0.0) * h.max(0.0)
}

/// Where a label of `width` × `height` goes: the first of the `candidates` (centres, each kept
/// inside `bounds`) that covers none of the `obstacles`, else the one that covers least.
pub fn place_label(
    candidates: &[(f64, f64)],
    width: f64,
    height: f64,
    obstacles: &[Rect],
    bounds: Rect,
) -> (f64, f64) {
    let mut best = (f64::INFINITY, (0.0, 0.0));
    for &(x, y) in candidates {
        let (x, y) = inside(x, y, width, height, bounds);
        let rect = Rect {
            x: x - width / 2.0,
            y: y - height / 2.0,
            w: width,
            h: height,
        };
        let covered: f64 = obstacles.iter().map(|&o| overlap(rect, o)).sum();
        if covered == 0.0 {
            return (x, y);
        }
        if covered < best.0 {
            best = (covered, (x, y));
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_grow_with_their_names_and_edges_attach_at_their_sides() {
        let (_, narrow) = result_box(Kind::Op, "a");
        let (_, wide) = result_box(Kind::Op, "h¹₁₂");
        assert_eq!(narrow, 44.0);
        assert!(wide > narrow);
        let (out, into) = ports(Kind::Op, "a");
        assert_eq!(out, BOX_X + 44.0);
        assert_eq!(into, OP_CX - OP_R);
        let (out, into) = ports(Kind::Input, "x");
        assert_eq!((out, into), (22.0, -22.0));
    }

    #[test]
    fn labels_are_kept_inside_their_bounds() {
        let bounds = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 50.0,
        };
        assert_eq!(inside(95.0, 10.0, 20.0, 10.0, bounds), (90.0, 10.0));
        assert_eq!(inside(50.0, 25.0, 200.0, 10.0, bounds), (50.0, 25.0));
    }

    #[test]
    fn a_label_goes_where_it_covers_nothing() {
        let bounds = Rect {
            x: 0.0,
            y: 0.0,
            w: 1000.0,
            h: 1000.0,
        };
        let node = Rect {
            x: 90.0,
            y: 90.0,
            w: 20.0,
            h: 20.0,
        };
        let above = (100.0, 100.0);
        let below = (100.0, 300.0);
        assert_eq!(
            place_label(&[above, below], 50.0, 20.0, &[node], bounds),
            below
        );
        assert_eq!(place_label(&[above], 50.0, 20.0, &[node], bounds), above);
    }
}
