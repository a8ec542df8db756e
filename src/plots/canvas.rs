//! A canvas sized for the screen (its backing store is CSS size × devicePixelRatio, so lines and
//! text are sharp on laptops and projectors) that redraws a chart when its data changes.

use gloo::timers::callback::Timeout;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::function_plot::{self, FunctionPlot, Style};
use super::palette::css_colour;

/// Props of [`FunctionCanvas`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// What to draw.
    pub plot: FunctionPlot,
    /// The canvas's accessible description.
    pub label: AttrValue,
    /// The page's theme, read from the stylesheet when drawing: a change redraws.
    pub theme: AttrValue,
}

/// The chart on a canvas.
#[component]
pub fn FunctionCanvas(props: &Props) -> Html {
    let canvas_ref = use_node_ref();
    {
        let canvas_ref = canvas_ref.clone();
        let plot = props.plot.clone();
        use_effect_with((plot, props.theme.clone()), move |(plot, _)| {
            // Drawn after this render's effects have all run, the app's theme switch among them.
            let plot = plot.clone();
            let draw = Timeout::new(0, move || {
                let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                    return;
                };
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
                    let _ = function_plot::draw(&plot, &style, &area);
                    let _ = area.present();
                }
            });
            move || drop(draw)
        });
    }
    html! {
        <canvas ref={canvas_ref} class="plot" role="img" aria-label={props.label.clone()} data-testid="function-plot" />
    }
}
