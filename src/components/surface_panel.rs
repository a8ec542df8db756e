//! Gradient descent's paths over a function of two variables: f as a banded map (its contours)
//! over a window around the current point, and the paths of SGD, momentum and Adam from a start
//! the user drags, each with its η (and momentum's β) on a slider. The engine computes the heights
//! and the paths; this draws them.

use chainrule::descent::Descent;
use chainrule::nn::train::Optimizer;
use chainrule::render::number::{plain, DEFAULT_DIGITS};
use chainrule::render::text::display_name;
use chainrule::surface::{Plane, Window, CLASSICS};
use chainrule::Graph;
use gloo::timers::callback::Timeout;
use plotters::style::RGBColor;
use web_sys::{HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::plots::heatmap::{context, offscreen, resize};
use crate::plots::palette::Palette;
use crate::session::{Action, Model, Paths};

/// The map's grid: f is evaluated at this many × this many points.
pub const GRID: usize = 200;
/// Updates each path takes.
pub const STEPS: usize = 200;
/// The largest graph mapped: the map evaluates it 40,000 times, about 50 ms for this size here.
pub const MAX_MAPPED: usize = 150;
/// Contour bands of the map.
const BANDS: usize = 14;
/// The optimisers, in the order of [`Paths::rates`].
const NAMES: [&str; 3] = ["SGD", "Momentum", "Adam"];

/// Props of [`SurfacePanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The traced expression.
    pub model: Model,
    /// Every input's value, in the graph's input order.
    pub inputs: Vec<f64>,
    /// The paths' settings.
    pub paths: Paths,
    /// The page's theme, so the map redraws in its colours.
    pub theme: AttrValue,
    /// Dispatches an action to the session.
    pub act: Callback<Action>,
}

/// The two variables the surface spans: the first two that read as parameters (a neuron's w₀
/// and w₁), else the first two.
fn axes(graph: &Graph) -> Option<(usize, usize)> {
    let names: Vec<&str> = graph.inputs().iter().map(|&id| graph.name(id)).collect();
    let preferred = Descent::default_parameters(graph);
    let index = |name: &String| names.iter().position(|n| n == name);
    match preferred.as_slice() {
        [a, b, ..] => Some((index(a)?, index(b)?)),
        _ => (names.len() >= 2).then_some((0, 1)),
    }
}

/// Where the map is drawn: a classic's own window, else ±3 around the current point rounded to
/// the nearest whole number, so the map holds still while descent moves the point a little.
fn window_for(model: &Model, inputs: &[f64], (ax, ay): (usize, usize)) -> Window {
    if let Some(classic) = CLASSICS.iter().find(|c| c.source == model.source) {
        return classic.window;
    }
    let centre = |v: f64| {
        if v.is_finite() {
            v.round().clamp(-1e12, 1e12)
        } else {
            0.0
        }
    };
    Window::around((centre(inputs[ax]), centre(inputs[ay])), 3.0)
}

/// The optimiser `k` of [`NAMES`] with `paths`' settings.
fn optimizer(k: usize, paths: &Paths) -> Optimizer {
    match k {
        0 => Optimizer::Sgd,
        1 => Optimizer::Momentum { beta: paths.beta },
        _ => Optimizer::ADAM,
    }
}

/// Each height's contour band, from 0 (the lowest values) up: bands of equal counts, so a
/// surface whose values span many orders (Rosenbrock's) shows its valley as well as its walls.
fn bands(heights: &[f64]) -> Vec<f64> {
    let mut sorted: Vec<f64> = heights.iter().copied().filter(|h| h.is_finite()).collect();
    chainrule::sort::sort_floats(&mut sorted);
    if sorted.is_empty() {
        return vec![f64::NAN; heights.len()];
    }
    let edges: Vec<f64> = (1..BANDS)
        .map(|b| sorted[(b * sorted.len() / BANDS).min(sorted.len() - 1)])
        .collect();
    heights
        .iter()
        .map(|h| {
            if h.is_finite() {
                edges.partition_point(|e| e <= h) as f64
            } else {
                f64::NAN
            }
        })
        .collect()
}

fn mix(a: RGBColor, b: RGBColor, t: f64) -> [u8; 4] {
    let c = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    [c(a.0, b.0), c(a.1, b.1), c(a.2, b.2), 255]
}

fn css(colour: RGBColor) -> String {
    format!("rgb({},{},{})", colour.0, colour.1, colour.2)
}

/// Paints the map and the paths on `canvas`.
fn paint(canvas: &HtmlCanvasElement, banded: &[f64], window: Window, paths: &[Vec<(f64, f64)>]) {
    let p = Palette::read();
    let (w, h) = (
        (f64::from(canvas.client_width()) * p.scale).round(),
        (f64::from(canvas.client_height()) * p.scale).round(),
    );
    resize(canvas, w as u32, h as u32);
    let Some(ctx) = context(canvas) else {
        return;
    };
    // The lowest band darkest: the minima read as hollows.
    let pixels: Vec<[u8; 4]> = banded
        .iter()
        .map(|b| match b.is_finite() {
            true => mix(p.surface, p.text, 0.42 * (1.0 - b / (BANDS - 1) as f64)),
            false => mix(p.surface, p.surface, 0.0),
        })
        .collect();
    if let Some(map) = offscreen(GRID, GRID, &pixels) {
        ctx.set_image_smoothing_enabled(false);
        let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&map, 0.0, 0.0, w, h);
    }
    let to_pixels = |q: (f64, f64)| {
        let (u, v) = window.fraction(q);
        (u * w, (1.0 - v) * h)
    };
    let colours = [p.positive, p.negative, p.adjoint];
    let dashes: [&[f64]; 3] = [&[], &[8.0, 4.0], &[2.0, 4.0]];
    for ((path, colour), dash) in paths.iter().zip(colours).zip(dashes) {
        ctx.set_stroke_style_str(&css(colour));
        ctx.set_line_width(3.0 * p.scale);
        let pattern = js_sys::Array::new();
        for d in dash {
            pattern.push(&(d * p.scale).into());
        }
        let _ = ctx.set_line_dash(&pattern);
        ctx.begin_path();
        for (k, &q) in path.iter().enumerate() {
            let (x, y) = to_pixels(q);
            if k == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
        if let Some(&end) = path.last() {
            let (x, y) = to_pixels(end);
            ctx.set_fill_style_str(&css(colour));
            ctx.begin_path();
            let _ = ctx.arc(x, y, 4.5 * p.scale, 0.0, std::f64::consts::TAU);
            ctx.fill();
        }
    }
    if let Some(&start) = paths.first().and_then(|p| p.first()) {
        let (x, y) = to_pixels(start);
        ctx.set_stroke_style_str(&css(p.text));
        ctx.set_line_width(2.5 * p.scale);
        ctx.begin_path();
        let _ = ctx.arc(x, y, 7.0 * p.scale, 0.0, std::f64::consts::TAU);
        ctx.stroke();
    }
}

/// What a path came to, in words.
fn outcome(graph: &Graph, plane: &Plane, path: &[(f64, f64)], window: Window) -> String {
    let end = path.last().copied().unwrap_or((f64::NAN, f64::NAN));
    let f = display_name(graph.name(graph.output()));
    let mut inputs = plane.inputs.clone();
    inputs[plane.axes.0] = end.0;
    inputs[plane.axes.1] = end.1;
    let value = chainrule::trace::evaluate(graph, &inputs)[graph.output().index()];
    let (u, v) = window.fraction(end);
    let steps = path.len() - 1;
    if steps < STEPS {
        format!("stopped after {steps} steps: f stopped being finite")
    } else if !(0.0..=1.0).contains(&u) || !(0.0..=1.0).contains(&v) {
        format!(
            "{f} = {} after {steps} steps, off the map",
            plain(value, DEFAULT_DIGITS)
        )
    } else {
        format!("{f} = {} after {steps} steps", plain(value, DEFAULT_DIGITS))
    }
}

/// The panel: nothing for a function of fewer than two variables.
#[component]
pub fn SurfacePanel(props: &Props) -> Html {
    let canvas_ref = use_node_ref();
    // The start while it is dragged (the session learns it when the pointer is let go).
    let dragged = use_state(|| None::<(f64, f64)>);
    let graph = &props.model.graph;
    let axes = axes(graph);
    let heights = {
        let model = props.model.clone();
        let inputs = props.inputs.clone();
        use_memo(
            (model.graph.clone(), inputs, axes),
            move |(_, inputs, axes)| {
                let axes = (*axes)?;
                (model.graph.len() <= MAX_MAPPED).then(|| {
                    let window = window_for(&model, inputs, axes);
                    let plane = Plane {
                        axes,
                        inputs: inputs.clone(),
                    };
                    let heights = plane.heights(&model.graph, window, GRID);
                    (window, bands(&heights))
                })
            },
        )
    };
    // The paths, when there is a map to draw them on.
    let drawn = match (axes, (*heights).clone()) {
        (Some(axes), Some((window, banded))) => {
            let plane = Plane {
                axes,
                inputs: props.inputs.clone(),
            };
            let start = (*dragged)
                .or(props.paths.start)
                .unwrap_or((props.inputs[axes.0], props.inputs[axes.1]));
            let paths: Vec<Vec<(f64, f64)>> = (0..3)
                .map(|k| {
                    plane.path(
                        graph,
                        start,
                        optimizer(k, &props.paths),
                        props.paths.rates[k],
                        STEPS,
                    )
                })
                .collect();
            Some((plane, window, banded, start, paths))
        }
        _ => None,
    };
    // Every hook runs on every render, a map or not (Yew counts them).
    {
        let canvas_ref = canvas_ref.clone();
        let picture = drawn
            .as_ref()
            .map(|(_, window, banded, _, paths)| (*window, banded.clone(), paths.clone()));
        use_effect_with((picture, props.theme.clone()), move |(picture, _)| {
            let picture = picture.clone();
            // After this render's effects: the theme switch among them.
            let draw = Timeout::new(0, move || {
                if let (Some(canvas), Some((window, banded, paths))) =
                    (canvas_ref.cast::<HtmlCanvasElement>(), picture)
                {
                    paint(&canvas, &banded, window, &paths);
                }
            });
            move || drop(draw)
        });
    }
    let Some((plane, window, _, start, paths)) = drawn else {
        return html! {};
    };
    let axes = plane.axes;
    let point_at = move |e: &PointerEvent| {
        let canvas: HtmlCanvasElement = e.target_unchecked_into();
        let (w, h) = (
            f64::from(canvas.client_width()),
            f64::from(canvas.client_height()),
        );
        let (u, v) = (
            f64::from(e.offset_x()) / w.max(1.0),
            1.0 - f64::from(e.offset_y()) / h.max(1.0),
        );
        window.at((u.clamp(0.0, 1.0), v.clamp(0.0, 1.0)))
    };
    let on_down = {
        let dragged = dragged.clone();
        Callback::from(move |e: PointerEvent| {
            let canvas: HtmlCanvasElement = e.target_unchecked_into();
            let _ = canvas.set_pointer_capture(e.pointer_id());
            dragged.set(Some(point_at(&e)));
        })
    };
    let on_move = {
        let dragged = dragged.clone();
        Callback::from(move |e: PointerEvent| {
            if dragged.is_some() {
                dragged.set(Some(point_at(&e)));
            }
        })
    };
    let on_up = {
        let dragged = dragged.clone();
        let act = props.act.clone();
        let paths = props.paths;
        Callback::from(move |_: PointerEvent| {
            if let Some(start) = *dragged {
                act.emit(Action::SetPaths(Paths {
                    start: Some(start),
                    ..paths
                }));
                dragged.set(None);
            }
        })
    };
    let on_classic = props.act.reform(|e: Event| {
        let select = e.target_unchecked_into::<HtmlSelectElement>();
        let k = select.value().parse().unwrap_or(usize::MAX);
        select.set_value("");
        Action::Classic(k)
    });
    let slider = |k: usize| {
        let paths = props.paths;
        props.act.reform(move |e: InputEvent| {
            let value: f64 = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .parse()
                .unwrap_or(f64::NAN);
            let mut next = paths;
            match k {
                3 => next.beta = value,
                // Three significant digits, as the label and the link write it.
                k => {
                    next.rates[k] = format!("{:.2e}", 10f64.powf(value))
                        .parse()
                        .unwrap_or(f64::NAN)
                }
            }
            Action::SetPaths(next)
        })
    };
    let (x, y) = (
        display_name(graph.name(graph.inputs()[axes.0])),
        display_name(graph.name(graph.inputs()[axes.1])),
    );
    let f = display_name(graph.name(graph.output()));
    html! {
        <section class="surface" aria-label="Gradient descent's paths over f" data-testid="surface"
            data-start={format!("{},{}", start.0, start.1)}
            data-ends={paths.iter().map(|p| { let e = p[p.len() - 1]; format!("{},{}", e.0, e.1) }).collect::<Vec<_>>().join(";")}
            data-steps={paths.iter().map(|p| (p.len() - 1).to_string()).collect::<Vec<_>>().join(",")}>
            <h2>
                { format!("Descent over {x} and {y}") }
                <select aria-label="Classic surfaces for optimisers" data-testid="classic" onchange={on_classic}>
                    <option value="" selected=true>{ "Classic surfaces…" }</option>
                    { for CLASSICS.iter().enumerate().map(|(k, c)| html! { <option value={k.to_string()}>{ c.name }</option> }) }
                </select>
            </h2>
            <canvas ref={canvas_ref} class="surface-map" data-testid="surface-map" role="img"
                aria-label={format!("Contours of {f} over {x} from {} to {} and {y} from {} to {}, darkest lowest, with the paths of SGD, momentum and Adam from ({}, {}); drag to move the start",
                    plain(window.x.0, 3), plain(window.x.1, 3), plain(window.y.0, 3), plain(window.y.1, 3),
                    plain(start.0, 3), plain(start.1, 3))}
                onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up} />
            <p class="muted surface-axes">{ format!("{x} across ({} to {}), {y} up ({} to {}); drag to start elsewhere",
                plain(window.x.0, 3), plain(window.x.1, 3), plain(window.y.0, 3), plain(window.y.1, 3)) }</p>
            <ul class="surface-legend">
                { for (0..3).map(|k| html! {
                    <li class={classes!("optimizer", ["sgd", "momentum", "adam"][k])}>
                        <span class="swatch" aria-hidden="true"></span>
                        <span class="name"><strong>{ NAMES[k] }</strong>{ ": " }
                            <span class="outcome" data-testid={format!("path-outcome-{k}")}>{ outcome(graph, &plane, &paths[k], window) }</span>
                        </span>
                        <label>
                            { format!("η = {}", plain(props.paths.rates[k], 3)) }
                            <input type="range" min="-4" max="0.3" step="0.05" data-testid={format!("path-rate-{k}")}
                                aria-label={format!("{}'s learning rate η (log scale)", NAMES[k])}
                                value={props.paths.rates[k].log10().to_string()} oninput={slider(k)} />
                        </label>
                        if k == 1 {
                            <label>
                                { format!("β = {}", plain(props.paths.beta, 3)) }
                                <input type="range" min="0" max="0.99" step="0.01" data-testid="path-beta"
                                    aria-label="Momentum's β" value={props.paths.beta.to_string()} oninput={slider(3)} />
                            </label>
                        }
                    </li>
                }) }
            </ul>
        </section>
    }
}
