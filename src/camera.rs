//! Where the graph's drawing sits on the screen, and what moves it: fitting the whole drawing,
//! following the walk through a drawing too large to read whole, panning and zooming. Plain
//! arithmetic on layout units and screen pixels, tested natively.

/// A rectangle, in layout units or in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The smallest rectangle holding every point (None without points).
    pub fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Rect> {
        let mut bounds: Option<(f64, f64, f64, f64)> = None;
        for (x, y) in points {
            let (l, t, r, b) = bounds.unwrap_or((x, y, x, y));
            bounds = Some((l.min(x), t.min(y), r.max(x), b.max(y)));
        }
        bounds.map(|(l, t, r, b)| Rect {
            x: l,
            y: t,
            w: r - l,
            h: b - t,
        })
    }

    /// The same rectangle grown by `left`, `top`, `right` and `bottom`.
    pub fn padded(self, left: f64, top: f64, right: f64, bottom: f64) -> Rect {
        Rect {
            x: self.x - left,
            y: self.y - top,
            w: self.w + left + right,
            h: self.h + top + bottom,
        }
    }

    /// Whether the two rectangles share any point.
    pub fn meets(self, other: Rect) -> bool {
        self.x <= other.right()
            && other.x <= self.right()
            && self.y <= other.bottom()
            && other.y <= self.bottom()
    }

    fn right(self) -> f64 {
        self.x + self.w
    }

    fn bottom(self) -> f64 {
        self.y + self.h
    }
}

/// The screen's size in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Screen {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// What the screen shows: the layout point at its top-left corner and the pixels per layout unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The layout x at the screen's left edge.
    pub x: f64,
    /// The layout y at the screen's top edge.
    pub y: f64,
    /// Pixels per layout unit.
    pub scale: f64,
}

/// Never closer than this many pixels per unit, nor further: the drawing is lost either way.
const SCALE_RANGE: (f64, f64) = (0.02, 6.0);
/// Pixels kept between a followed node and the screen's edge.
const FOLLOW_MARGIN: f64 = 24.0;

impl Camera {
    /// The part of the drawing on screen.
    pub fn visible(self, screen: Screen) -> Rect {
        Rect {
            x: self.x,
            y: self.y,
            w: screen.w / self.scale,
            h: screen.h / self.scale,
        }
    }

    /// The layout point under the screen point (px, py).
    pub fn to_layout(self, px: f64, py: f64) -> (f64, f64) {
        (self.x + px / self.scale, self.y + py / self.scale)
    }

    /// The CSS transform (about the top-left corner) that shows, at this camera, a drawing of
    /// one pixel per layout unit whose top-left corner is the layout point `origin`.
    pub fn transform(self, origin: (f64, f64)) -> String {
        format!(
            "translate({:.2}px, {:.2}px) scale({:.5})",
            (origin.0 - self.x) * self.scale,
            (origin.1 - self.y) * self.scale,
            self.scale
        )
    }

    /// The whole of `extent`, centred, at most `largest` pixels per unit (so that a three-node
    /// graph does not fill a projector).
    pub fn fit(extent: Rect, screen: Screen, largest: f64) -> Camera {
        let scale = (screen.w / extent.w.max(1e-9))
            .min(screen.h / extent.h.max(1e-9))
            .min(largest)
            .clamp(SCALE_RANGE.0, SCALE_RANGE.1);
        Camera {
            x: extent.x + extent.w / 2.0 - screen.w / scale / 2.0,
            y: extent.y + extent.h / 2.0 - screen.h / scale / 2.0,
            scale,
        }
    }

    /// Moved by (dx, dy) pixels: the drawing follows the pointer.
    pub fn panned(self, dx: f64, dy: f64) -> Camera {
        Camera {
            x: self.x - dx / self.scale,
            y: self.y - dy / self.scale,
            ..self
        }
    }

    /// Zoomed by `factor` (above 1 zooms in) about the screen point (px, py), which stays put.
    pub fn zoomed(self, factor: f64, px: f64, py: f64) -> Camera {
        if !factor.is_finite() || factor <= 0.0 {
            return self;
        }
        let scale = (self.scale * factor).clamp(SCALE_RANGE.0, SCALE_RANGE.1);
        let (lx, ly) = self.to_layout(px, py);
        Camera {
            x: lx - px / scale,
            y: ly - py / scale,
            scale,
        }
    }

    /// The least move that brings `focus` on screen with a margin, at this scale; no move at all
    /// when it is already there. A focus larger than the screen is centred on `anchor` (the node
    /// that must stay in view) as far as it allows. Within `extent`, the view does not wander
    /// past the drawing's edge where the drawing is larger than the screen.
    pub fn follow(self, focus: Rect, anchor: (f64, f64), extent: Rect, screen: Screen) -> Camera {
        let view = self.visible(screen);
        let margin = FOLLOW_MARGIN / self.scale;
        let axis = |start: f64, size: f64, lo: f64, hi: f64, at: f64, all_lo: f64, all_hi: f64| {
            let (lo, hi) = (lo - margin, hi + margin);
            let moved = if hi - lo > size {
                // Too wide to show whole: keep the anchor, and as much of the focus as fits.
                (at - size / 2.0).clamp(lo, hi - size)
            } else if lo < start {
                lo
            } else if hi > start + size {
                hi - size
            } else {
                start
            };
            // Stay over the drawing where it is larger than the screen.
            if all_hi - all_lo > size {
                moved.clamp(all_lo, all_hi - size)
            } else {
                moved
            }
        };
        Camera {
            x: axis(
                view.x,
                view.w,
                focus.x,
                focus.right(),
                anchor.0,
                extent.x,
                extent.right(),
            ),
            y: axis(
                view.y,
                view.h,
                focus.y,
                focus.bottom(),
                anchor.1,
                extent.y,
                extent.bottom(),
            ),
            ..self
        }
    }
}

/// How the camera is chosen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Framing {
    /// By the app: the whole drawing when it reads at full view, else a readable window that
    /// follows the walk.
    Auto,
    /// Where the user put it (by dragging or zooming), until they ask for Fit or open another
    /// expression.
    User(Camera),
}

/// The automatic camera: the whole `extent` when it fits the screen at `readable` pixels per
/// unit or more (then it never moves by itself); else a window at the readable scale that
/// moves only as far as needed to keep `focus` (the current node and the nodes it reads) in view,
/// starting from `previous`.
pub fn automatic(
    extent: Rect,
    screen: Screen,
    readable: f64,
    largest: f64,
    focus: Option<(Rect, (f64, f64))>,
    previous: Option<Camera>,
) -> Camera {
    let whole = Camera::fit(extent, screen, largest);
    if whole.scale >= readable {
        return whole;
    }
    let start = match previous {
        Some(camera) if (camera.scale - readable).abs() < 1e-9 => camera,
        _ => Camera {
            x: extent.x,
            y: extent.y + extent.h / 2.0 - screen.h / readable / 2.0,
            scale: readable,
        },
    };
    match focus {
        Some((rect, anchor)) => start.follow(rect, anchor, extent, screen),
        None => start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCREEN: Screen = Screen { w: 800.0, h: 400.0 };

    fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn a_drawing_that_reads_whole_is_fitted_and_never_moves_with_the_walk() {
        let extent = rect(0.0, 0.0, 900.0, 400.0);
        let first = automatic(extent, SCREEN, 0.75, 1.5, None, None);
        assert!((first.scale - 800.0 / 900.0).abs() < 1e-12);
        for focus in [rect(0.0, 0.0, 50.0, 50.0), rect(850.0, 350.0, 50.0, 50.0)] {
            let moved = automatic(
                extent,
                SCREEN,
                0.75,
                1.5,
                Some((focus, (0.0, 0.0))),
                Some(first),
            );
            assert_eq!(moved, first, "the whole drawing stays put at every step");
        }
        let visible = first.visible(SCREEN);
        assert!(visible.x <= 0.0 && visible.right() >= 900.0);
        assert!(visible.y <= 0.0 && visible.bottom() >= 400.0);
    }

    #[test]
    fn a_small_drawing_is_not_blown_up() {
        let camera = Camera::fit(rect(0.0, 0.0, 100.0, 50.0), SCREEN, 1.5);
        assert_eq!(camera.scale, 1.5);
        let visible = camera.visible(SCREEN);
        assert!((visible.x + visible.w / 2.0 - 50.0).abs() < 1e-9, "centred");
    }

    #[test]
    fn a_large_drawing_is_read_through_a_window_that_follows_the_walk() {
        let extent = rect(0.0, 0.0, 4000.0, 2000.0);
        let first = automatic(extent, SCREEN, 1.0, 1.5, None, None);
        assert_eq!(first.scale, 1.0);
        // A focus already in view: no move.
        let near = rect(100.0, first.y + 100.0, 80.0, 80.0);
        let same = automatic(
            extent,
            SCREEN,
            1.0,
            1.5,
            Some((near, (140.0, near.y))),
            Some(first),
        );
        assert_eq!(same, first);
        // A focus beyond the right edge: the least move that shows it with the margin.
        let far = rect(1000.0, first.y + 100.0, 80.0, 80.0);
        let moved = automatic(
            extent,
            SCREEN,
            1.0,
            1.5,
            Some((far, (1040.0, far.y))),
            Some(first),
        );
        assert_eq!(moved.y, first.y, "no vertical move was needed");
        assert_eq!(moved.x + SCREEN.w, 1080.0 + FOLLOW_MARGIN);
    }

    #[test]
    fn a_focus_wider_than_the_screen_keeps_its_anchor() {
        let extent = rect(0.0, 0.0, 4000.0, 2000.0);
        let camera = Camera {
            x: 0.0,
            y: 0.0,
            scale: 1.0,
        };
        let wide = rect(500.0, 100.0, 2000.0, 100.0);
        let moved = camera.follow(wide, (2400.0, 150.0), extent, SCREEN);
        let visible = moved.visible(SCREEN);
        assert!(visible.x <= 2400.0 && visible.right() >= 2400.0);
    }

    #[test]
    fn panning_moves_the_drawing_by_the_distance_dragged() {
        let camera = Camera {
            x: 10.0,
            y: 20.0,
            scale: 2.0,
        };
        let moved = camera.panned(40.0, -10.0);
        // The layout point that was under (100, 100) is now under (140, 90).
        let before = camera.to_layout(100.0, 100.0);
        let after = moved.to_layout(140.0, 90.0);
        assert_eq!(before, after);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_in_place_and_stays_in_range() {
        let camera = Camera {
            x: 0.0,
            y: 0.0,
            scale: 1.0,
        };
        let zoomed = camera.zoomed(2.0, 200.0, 100.0);
        assert_eq!(zoomed.scale, 2.0);
        assert_eq!(
            camera.to_layout(200.0, 100.0),
            zoomed.to_layout(200.0, 100.0)
        );
        assert_eq!(camera.zoomed(1e9, 0.0, 0.0).scale, SCALE_RANGE.1);
        assert_eq!(camera.zoomed(1e-9, 0.0, 0.0).scale, SCALE_RANGE.0);
        assert_eq!(camera.zoomed(f64::NAN, 0.0, 0.0), camera);
    }

    #[test]
    fn rectangles_meet_when_they_share_a_point() {
        let a = rect(0.0, 0.0, 10.0, 10.0);
        assert!(a.meets(rect(10.0, 10.0, 5.0, 5.0)));
        assert!(a.meets(rect(2.0, 2.0, 1.0, 1.0)));
        assert!(!a.meets(rect(11.0, 0.0, 5.0, 5.0)));
        assert!(!a.meets(rect(0.0, -6.0, 5.0, 5.0)));
    }

    #[test]
    fn the_bounds_of_points() {
        assert_eq!(Rect::around([]), None);
        assert_eq!(
            Rect::around([(1.0, 5.0), (-2.0, 3.0)]),
            Some(rect(-2.0, 3.0, 3.0, 2.0))
        );
    }
}
