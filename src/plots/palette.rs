//! The page's colours for charts drawn on canvases. The stylesheet's colours are `light-dark(...)`
//! pairs, which only a styled element resolves, so they are read from a hidden probe element each
//! time a chart is drawn: a theme switch redraws in the new colours.

use plotters::style::RGBColor;

/// What `property` computes to on a hidden probe element whose `property` is `var(name)`: a
/// custom property resolved as the page styles it now.
fn resolved(property: &str, name: &str) -> Option<String> {
    let document = gloo::utils::document();
    let (Ok(probe), Some(body)) = (document.create_element("span"), document.body()) else {
        return None;
    };
    let _ = probe.set_attribute("style", &format!("display:none;{property}:var({name})"));
    let _ = body.append_child(&probe);
    let value = gloo::utils::window()
        .get_computed_style(&probe)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value(property).ok());
    probe.remove();
    value
}

/// The colour a CSS custom property (`--text`) resolves to on the page right now, or a fallback.
pub fn css_colour(name: &str, fallback: RGBColor) -> RGBColor {
    // Computed colours read "rgb(r, g, b)".
    let channels: Vec<u8> = resolved("color", name)
        .unwrap_or_default()
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    match channels[..] {
        [r, g, b] => RGBColor(r, g, b),
        _ => fallback,
    }
}

/// The length in CSS pixels a custom property (`--chart-text`) resolves to, or a fallback.
pub fn css_length(name: &str, fallback: f64) -> f64 {
    resolved("font-size", name)
        .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
        .filter(|v| *v > 0.0)
        .unwrap_or(fallback)
}

/// The colours of the network charts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Axes and labels.
    pub text: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// The chart's background, the middle of diverging scales.
    pub surface: RGBColor,
    /// Positive values and the +1 class (blue, as in TensorFlow Playground).
    pub positive: RGBColor,
    /// Negative values and the -1 class (orange).
    pub negative: RGBColor,
    /// Gradients and the second run (the adjoint colour of the stepper).
    pub adjoint: RGBColor,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// The size of chart text in CSS pixels (larger when presenting).
    pub font: f64,
}

impl Palette {
    /// The page's palette now.
    pub fn read() -> Palette {
        Palette {
            text: css_colour("--text", RGBColor(21, 23, 28)),
            grid: css_colour("--line", RGBColor(212, 214, 220)),
            surface: css_colour("--surface", RGBColor(255, 255, 255)),
            positive: css_colour("--op", RGBColor(0, 114, 178)),
            negative: css_colour("--value", RGBColor(230, 159, 0)),
            adjoint: css_colour("--adjoint", RGBColor(204, 121, 167)),
            scale: gloo::utils::window().device_pixel_ratio().max(1.0),
            font: css_length("--chart-text", 13.0),
        }
    }
}

/// Okabe–Ito colours for classes beyond two.
pub const CLASSES: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(213, 94, 0),
    RGBColor(86, 180, 233),
    RGBColor(204, 121, 167),
    RGBColor(240, 228, 66),
    RGBColor(120, 120, 120),
];
