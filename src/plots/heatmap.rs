//! Grids of values as pixels: a diverging colour scale (orange for negative, the background at
//! zero, blue for positive, as TensorFlow Playground colours them) painted into a canvas through
//! one `putImageData`, so a 100×100 map costs one call, not ten thousand rectangles.

use plotters::style::RGBColor;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::palette::{Palette, CLASSES};

fn mix(a: RGBColor, b: RGBColor, t: f64) -> [u8; 4] {
    let t = t.clamp(0.0, 1.0);
    let channel = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    [channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2), 255]
}

/// The colour of `v` in [-1, 1] (clamped; NaN is the background).
pub fn diverging(palette: &Palette, v: f64) -> [u8; 4] {
    if v.is_nan() {
        return mix(palette.surface, palette.surface, 0.0);
    }
    if v >= 0.0 {
        mix(palette.surface, palette.positive, v)
    } else {
        mix(palette.surface, palette.negative, -v)
    }
}

/// Steps of the diverging scale on each side of zero: one per 8-bit colour step, so a looked-up
/// colour is the computed one to within rounding.
const STEPS: usize = 256;

/// The diverging scale tabulated once per drawing: a map of thousands of points looks each colour
/// up instead of mixing and rounding three channels per point (most of a frame's painting on a
/// deep network).
pub struct Ramp([[u8; 4]; 2 * STEPS + 1], [u8; 4]);

impl Ramp {
    /// The diverging scale in `palette`'s colours.
    pub fn new(palette: &Palette) -> Ramp {
        let mut table = [[0; 4]; 2 * STEPS + 1];
        for (k, colour) in table.iter_mut().enumerate() {
            *colour = diverging(palette, k as f64 / STEPS as f64 - 1.0);
        }
        Ramp(table, diverging(palette, f64::NAN))
    }

    /// The colour of `v` in [-1, 1], as [`diverging`] gives it.
    pub fn at(&self, v: f64) -> [u8; 4] {
        if v.is_nan() {
            return self.1;
        }
        let k = ((v.clamp(-1.0, 1.0) + 1.0) * STEPS as f64).round() as usize;
        self.0[k]
    }
}

/// A `size`×`size` grid of values (row by row, its first and last points on the picture's
/// edges) resampled to `target`×`target` by bilinear interpolation, so a picture is coloured at
/// the display's resolution instead of a small image's colours being stretched (blocky or
/// blurred when enlarged).
pub fn upsample(values: &[f64], size: usize, target: usize) -> Vec<f64> {
    if size < 2 || values.len() != size * size || target == 0 {
        return values.to_vec();
    }
    let scale = (size - 1) as f64 / (target.max(2) - 1) as f64;
    let at = |k: usize| {
        let x = k as f64 * scale;
        let i = (x.floor() as usize).min(size - 2);
        (i, x - i as f64)
    };
    let columns: Vec<(usize, f64)> = (0..target).map(at).collect();
    let mut out = Vec::with_capacity(target * target);
    for row in 0..target {
        let (r, fy) = at(row);
        let (top, bottom) = (&values[r * size..], &values[(r + 1) * size..]);
        out.extend(columns.iter().map(|&(c, fx)| {
            let upper = top[c] + (top[c + 1] - top[c]) * fx;
            let lower = bottom[c] + (bottom[c + 1] - bottom[c]) * fx;
            upper + (lower - upper) * fy
        }));
    }
    out
}

/// The colour of class `k` at confidence `c` in [0, 1].
pub fn class_colour(palette: &Palette, k: usize, c: f64) -> [u8; 4] {
    mix(palette.surface, CLASSES[k % CLASSES.len()], c)
}

/// Gives `canvas` a backing store of `width`×`height` pixels. Setting a canvas's size, even to
/// the same size, reallocates and clears it; done sixty times a second on a hundred canvases
/// that is most of a frame, so only a change is applied.
pub fn resize(canvas: &HtmlCanvasElement, width: u32, height: u32) {
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
}

/// The 2-D context of a canvas.
pub fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Paints `width`×`height` pixels (row by row from the top) into `canvas`, resizing it to that.
pub fn paint(canvas: &HtmlCanvasElement, width: usize, height: usize, pixels: &[[u8; 4]]) {
    if width == 0 || height == 0 || pixels.len() != width * height {
        return;
    }
    resize(canvas, width as u32, height as u32);
    let Some(ctx) = context(canvas) else {
        return;
    };
    if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(
        Clamped(pixels.as_flattened()),
        width as u32,
        height as u32,
    ) {
        let _ = ctx.put_image_data(&image, 0.0, 0.0);
    }
}

/// A canvas that is not on the page, painted with `pixels`, for scaling onto another canvas.
pub fn offscreen(width: usize, height: usize, pixels: &[[u8; 4]]) -> Option<HtmlCanvasElement> {
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    paint(&canvas, width, height, pixels);
    Some(canvas)
}

#[cfg(test)]
mod tests {
    use super::{diverging, upsample, Ramp};
    use crate::plots::palette::Palette;
    use plotters::style::RGBColor;

    #[test]
    fn the_ramp_gives_the_diverging_colours_to_within_rounding() {
        let palette = Palette {
            surface: RGBColor(250, 250, 250),
            positive: RGBColor(8, 119, 189),
            negative: RGBColor(245, 147, 34),
            text: RGBColor(0, 0, 0),
            grid: RGBColor(200, 200, 200),
            adjoint: RGBColor(204, 121, 167),
            scale: 1.0,
            font: 13.0,
        };
        let ramp = Ramp::new(&palette);
        for k in 0..=400 {
            let v = -1.2 + 2.4 * f64::from(k) / 400.0;
            let (a, b) = (ramp.at(v), diverging(&palette, v));
            for c in 0..4 {
                assert!(a[c].abs_diff(b[c]) <= 1, "{v}: {a:?} vs {b:?}");
            }
        }
        assert_eq!(ramp.at(f64::NAN), diverging(&palette, f64::NAN));
        assert_eq!(ramp.at(1.0), diverging(&palette, 1.0));
        assert_eq!(ramp.at(-1.0), diverging(&palette, -1.0));
    }

    #[test]
    fn upsampling_keeps_the_corners_and_interpolates_between_them() {
        // A 2×2 grid: 0 1 / 2 3.
        let out = upsample(&[0.0, 1.0, 2.0, 3.0], 2, 5);
        assert_eq!(out.len(), 25);
        assert_eq!((out[0], out[4], out[20], out[24]), (0.0, 1.0, 2.0, 3.0));
        assert!((out[12] - 1.5).abs() < 1e-12, "the centre is the mean");
        // Along the top row, evenly from 0 to 1.
        for (k, v) in out[..5].iter().enumerate() {
            assert!((v - k as f64 / 4.0).abs() < 1e-12);
        }
        assert_eq!(upsample(&[1.0; 9], 3, 0), vec![1.0; 9]);
    }
}
