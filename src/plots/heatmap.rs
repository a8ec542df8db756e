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
    let bytes: Vec<u8> = pixels.iter().flatten().copied().collect();
    let Some(ctx) = context(canvas) else {
        return;
    };
    if let Ok(image) =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&bytes), width as u32, height as u32)
    {
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
