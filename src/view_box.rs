//! The visible part of the graph's drawing, and how panning and zooming move it. Plain
//! arithmetic, tested natively.

/// A window of the drawing, in layout units, whose labels stay readable on a laptop or projector.
const READABLE: (f64, f64) = (1400.0, 760.0);

/// The visible part of the drawing, in layout units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl ViewBox {
    /// The whole drawing, never so small that a three-node graph fills a projector.
    pub fn fit(width: f64, height: f64) -> ViewBox {
        // Labels under the last column reach past the layout's margin.
        let w = (width + 60.0).max(760.0);
        let h = height.max(300.0);
        ViewBox {
            x: (width - w) / 2.0,
            y: (height - h) / 2.0,
            w,
            h,
        }
    }

    /// The first view of a drawing: the whole of it, unless it is so large that its labels
    /// would be unreadable at full view (a network's graph); then a readable window around
    /// `focus` (where the walk starts), from which the view follows the walk.
    pub fn first(width: f64, height: f64, focus: Option<(f64, f64)>) -> ViewBox {
        let fitted = ViewBox::fit(width, height);
        match focus {
            Some((x, y)) if fitted.w > READABLE.0 * 1.6 || fitted.h > READABLE.1 * 1.6 => ViewBox {
                w: READABLE.0,
                h: READABLE.1,
                ..fitted
            }
            .centred_on(x, y),
            _ => fitted,
        }
    }

    /// The same box moved so (x, y) is at its centre.
    pub fn centred_on(self, x: f64, y: f64) -> ViewBox {
        ViewBox {
            x: x - self.w / 2.0,
            y: y - self.h / 2.0,
            ..self
        }
    }

    /// Whether (x, y) is inside the box, at least `margin` (a fraction of its size) from the edges.
    pub fn shows(self, x: f64, y: f64, margin: f64) -> bool {
        let (mx, my) = (self.w * margin, self.h * margin);
        x >= self.x + mx
            && x <= self.x + self.w - mx
            && y >= self.y + my
            && y <= self.y + self.h - my
    }

    /// The `viewBox` attribute.
    pub fn attribute(self) -> String {
        format!("{} {} {} {}", self.x, self.y, self.w, self.h)
    }

    /// Layout units per screen pixel, and the screen offset of the drawing, for an element
    /// `rect_w` × `rect_h` pixels showing this box with `xMidYMid meet`.
    pub fn scale(self, rect_w: f64, rect_h: f64) -> (f64, f64, f64) {
        let scale = (self.w / rect_w.max(1.0)).max(self.h / rect_h.max(1.0));
        (
            scale,
            (rect_w - self.w / scale) / 2.0,
            (rect_h - self.h / scale) / 2.0,
        )
    }

    /// Zoomed by `factor` (>1 zooms out) about the layout point (px, py).
    pub fn zoom(self, factor: f64, px: f64, py: f64) -> ViewBox {
        // Never closer than 40 units across nor further than 40,000: lost either way.
        // (max then min, not clamp: for a very long, thin drawing the bounds cross.)
        let factor = factor
            .max(40.0 / self.w.min(self.h))
            .min(40_000.0 / self.w.max(self.h));
        ViewBox {
            x: px - (px - self.x) * factor,
            y: py - (py - self.y) * factor,
            w: self.w * factor,
            h: self.h * factor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_drawing_is_shown_whole_and_a_large_one_from_where_the_walk_starts() {
        assert_eq!(
            ViewBox::first(900.0, 400.0, Some((10.0, 10.0))),
            ViewBox::fit(900.0, 400.0)
        );
        let first = ViewBox::first(3000.0, 2400.0, Some((500.0, 1800.0)));
        assert_eq!((first.w, first.h), READABLE);
        assert!(first.shows(500.0, 1800.0, 0.4));
        assert!(!first.shows(2900.0, 100.0, 0.0));
        let moved = first.centred_on(2900.0, 100.0);
        assert!(moved.shows(2900.0, 100.0, 0.4));
        assert_eq!((moved.w, moved.h), READABLE);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_in_place() {
        let view = ViewBox {
            x: 0.0,
            y: 0.0,
            w: 800.0,
            h: 400.0,
        };
        let zoomed = view.zoom(0.5, 200.0, 100.0);
        assert_eq!(
            zoomed,
            ViewBox {
                x: 100.0,
                y: 50.0,
                w: 400.0,
                h: 200.0
            }
        );
        // The point (200, 100) sits at the same fraction of the box before and after.
        assert_eq!((200.0 - view.x) / view.w, (200.0 - zoomed.x) / zoomed.w);
    }

    #[test]
    fn zooming_a_very_long_thin_drawing_never_panics() {
        let view = ViewBox {
            x: 0.0,
            y: 0.0,
            w: 2.0e6,
            h: 300.0,
        };
        assert!(view.zoom(0.8, 0.0, 0.0).w.is_finite());
        assert!(view.zoom(1.25, 0.0, 0.0).w.is_finite());
    }

    #[test]
    fn a_small_graph_is_not_blown_up_and_a_wide_one_fits() {
        let small = ViewBox::fit(200.0, 100.0);
        assert_eq!((small.w, small.h), (760.0, 300.0));
        assert_eq!(small.x, (200.0 - 760.0) / 2.0);
        let wide = ViewBox::fit(2000.0, 500.0);
        assert_eq!((wide.w, wide.h), (2060.0, 500.0));
    }

    #[test]
    fn the_scale_follows_the_limiting_side() {
        let view = ViewBox {
            x: 0.0,
            y: 0.0,
            w: 1000.0,
            h: 500.0,
        };
        let (scale, ox, oy) = view.scale(500.0, 500.0);
        assert_eq!(scale, 2.0);
        assert_eq!((ox, oy), (0.0, 125.0));
    }
}
