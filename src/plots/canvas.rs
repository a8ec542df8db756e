//! A canvas sized for the screen (its backing store is CSS size × devicePixelRatio, so lines and
//! text are sharp on laptops and projectors) that redraws a chart when its data changes.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::function_plot::{self, FunctionPlot, Style};

/// Props of [`FunctionCanvas`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// What to draw.
    pub plot: FunctionPlot,
    /// The canvas's accessible description.
    pub label: AttrValue,
}

/// A colour from a CSS custom property of the root element (`#rrggbb`), or a fallback.
fn css_colour(name: &str, fallback: RGBColor) -> RGBColor {
    let value = gloo::utils::document()
        .document_element()
        .and_then(|root| {
            gloo::utils::window()
                .get_computed_style(&root)
                .ok()
                .flatten()
        })
        .and_then(|style| style.get_property_value(name).ok())
        .unwrap_or_default();
    let hex = value.trim().trim_start_matches('#');
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    match (hex.len(), channel(0), channel(2), channel(4)) {
        (6, Some(r), Some(g), Some(b)) => RGBColor(r, g, b),
        _ => fallback,
    }
}

/// The chart on a canvas.
#[component]
pub fn FunctionCanvas(props: &Props) -> Html {
    let canvas_ref = use_node_ref();
    {
        let canvas_ref = canvas_ref.clone();
        let plot = props.plot.clone();
        use_effect_with(plot, move |plot| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let ratio = gloo::utils::window().device_pixel_ratio().max(1.0);
                canvas.set_width((canvas.client_width() as f64 * ratio) as u32);
                canvas.set_height((canvas.client_height() as f64 * ratio) as u32);
                let style = Style {
                    text: css_colour("--text", RGBColor(21, 23, 28)),
                    grid: css_colour("--line", RGBColor(212, 214, 220)),
                    value: css_colour("--op", RGBColor(0, 114, 178)),
                    slope: css_colour("--adjoint", RGBColor(204, 121, 167)),
                    tangent: css_colour("--value", RGBColor(230, 159, 0)),
                    scale: ratio,
                };
                if let Some(backend) = CanvasBackend::with_canvas_object(canvas) {
                    let area = backend.into_drawing_area();
                    let _ = area.fill(&TRANSPARENT);
                    let _ = function_plot::draw(plot, &style, &area);
                    let _ = area.present();
                }
            }
        });
    }
    html! {
        <canvas ref={canvas_ref} class="plot" role="img" aria-label={props.label.clone()} data-testid="function-plot" />
    }
}
