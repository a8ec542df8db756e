//! Fills the workspace's canvases after each render. Every canvas says what it shows as a
//! [`Paint`] in its `data-paint` attribute (`units`, `loss`, `boundary:0`); this one pass reads the theme's
//! colours once and draws them all from the frames, so no canvas computes anything itself.

use std::collections::BTreeMap;
use std::rc::Rc;

use chainrule::nn::activation::Activation;
use chainrule::nn::data::{Generator, Sample, Task};
use chainrule::nn::train::EpochRecord;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

use super::charts::{bars, epochs, lines, plane, range, Area, Axes, Dot, Drawn, Line};
use super::diagram::{column_sizes, drawn_edges, edge_scale, edge_style, shown, Curve, Geometry};
use super::frame::{Frame, Picture};
use super::paint_key::Paint;
use super::state::{Edges, Run, Workspace};
use crate::plots::heatmap::{
    class_colour, context, diverging, offscreen, paint as paint_pixels, resize, upsample, Ramp,
};
use crate::plots::palette::{Palette, CLASSES};

/// Paints every `[data-paint]` canvas under `root` in the page's colours `p`.
pub fn paint(root: &Element, w: &Workspace, frames: &[Rc<Frame>], p: &Palette) {
    let Ok(list) = root.query_selector_all("canvas[data-paint]") else {
        return;
    };
    let clock = gloo::utils::window().performance();
    let now = || clock.as_ref().map_or(0.0, |c| c.now());
    let start = now();
    for k in 0..list.length() {
        let Some(canvas) = list
            .item(k)
            .and_then(|n| n.dyn_into::<HtmlCanvasElement>().ok())
        else {
            continue;
        };
        let Some(what) = canvas
            .get_attribute("data-paint")
            .and_then(|key| key.parse::<Paint>().ok())
        else {
            continue;
        };
        let shown = frames.get(w.selected).map(|f| &**f);
        match what {
            _ if what.throttled() && w.playing && recent(&canvas, start) => {}
            // A few hundred curves cost milliseconds to stroke; a large network's edges follow
            // training 10 times a second too.
            Paint::Edges if w.playing && many_edges(shown) && recent(&canvas, start) => {}
            Paint::Units => {
                if let Some(frame) = shown {
                    units(&canvas, p, frame);
                }
            }
            Paint::Edges => {
                if let Some(frame) = shown {
                    edges(&canvas, p, frame, w.edges != Edges::Weights);
                }
            }
            Paint::Histogram(l) => {
                if let Some(frame) = shown {
                    if let (Some(values), Some(area)) =
                        (frame.pre_activations.get(l), area(&canvas))
                    {
                        bars(&area, p, values, 24, p.positive);
                    }
                }
            }
            Paint::Boundary(r) => {
                let begun = now();
                if let Some(area) = area(&canvas) {
                    if let (Some(run), Some(frame)) = (w.runs.get(r), frames.get(r)) {
                        let spotlight = w.spotlight.filter(|_| r == w.selected);
                        boundary(&canvas, &area, p, run, frame, spotlight, w.playing);
                    }
                }
                // Timings for the benchmark (bench/network.mjs), as attributes anyone can read.
                let _ = canvas.set_attribute("data-paint-ms", &format!("{:.3}", now() - begun));
            }
            Paint::Curve(r) => {
                if let Some(area) = area(&canvas) {
                    if let (Some(run), Some(frame)) = (w.runs.get(r), frames.get(r)) {
                        curve(&area, p, run, frame);
                    }
                }
            }
            Paint::Loss | Paint::Accuracy if unchanged(&canvas, &chart_signature(w, p)) => {}
            Paint::Loss => {
                if let Some(area) = area(&canvas) {
                    let all = epoch_lines(w, p, |e| (e.train_loss, e.test_loss));
                    let axes = Axes {
                        x: "epoch",
                        y: "loss",
                        log_y: w.log_scale,
                        x_fixed: Some(epochs(last_epoch(w))),
                        y_fixed: None,
                    };
                    ranges(&canvas, p, lines(&area, p, axes, &all));
                }
            }
            Paint::Accuracy => {
                if let Some(area) = area(&canvas) {
                    let all = epoch_lines(w, p, |e| {
                        (100.0 * e.train_accuracy, 100.0 * e.test_accuracy)
                    });
                    let axes = Axes {
                        x: "epoch",
                        y: "accuracy %",
                        log_y: false,
                        x_fixed: Some(epochs(last_epoch(w))),
                        y_fixed: Some((0.0, 101.0)),
                    };
                    ranges(&canvas, p, lines(&area, p, axes, &all));
                }
            }
            Paint::Gallery(k) => {
                if let Some(area) = area(&canvas) {
                    if let Some(&a) = gallery(w.gallery_a).get(k) {
                        let xs: Vec<f64> =
                            (0..=200).map(|i| -4.0 + 8.0 * i as f64 / 200.0).collect();
                        let curve =
                            |f: &dyn Fn(f64) -> f64| xs.iter().map(|&x| (x, f(x))).collect();
                        let all = [
                            Line {
                                label: "φ(x)".into(),
                                points: curve(&|x| a.value(x)),
                                colour: p.positive,
                                dashed: false,
                                dots: false,
                            },
                            Line {
                                label: "φ′(x)".into(),
                                points: curve(&|x| a.derivative(x)),
                                colour: p.adjoint,
                                dashed: true,
                                dots: false,
                            },
                        ];
                        let drawn = lines(
                            &area,
                            p,
                            Axes {
                                x: "x",
                                y: "",
                                log_y: false,
                                x_fixed: Some((-4.0, 4.0)),
                                y_fixed: None,
                            },
                            &all,
                        );
                        ranges(&canvas, p, drawn);
                    }
                }
            }
            Paint::Landscape => {
                if let (Some(land), Some(area)) = (&w.landscape, area(&canvas)) {
                    let ramp = Ramp::new(p);
                    let (lo, hi) = range(land.grid.iter().copied(), 0.0);
                    let pixels: Vec<[u8; 4]> = land
                        .grid
                        .iter()
                        .map(|&v| {
                            ramp.at(1.0
                                - 2.0
                                    * ((v.ln_1p() - lo.ln_1p())
                                        / (hi.ln_1p() - lo.ln_1p()).max(1e-12)))
                        })
                        .collect();
                    let image = offscreen(land.size, land.size, &pixels);
                    let span = land.span;
                    plane(
                        &area,
                        &canvas,
                        p,
                        (-span, span),
                        (-span, span),
                        ("α", "β"),
                        image.as_ref(),
                        &[],
                        &land.path,
                    );
                    let _ = area.present();
                }
            }
        }
    }
    let _ = root.set_attribute("data-paint-ms", &format!("{:.3}", now() - start));
    let count: u64 = root
        .get_attribute("data-paint-count")
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let _ = root.set_attribute("data-paint-count", &(count + 1).to_string());
}

/// Charts with axes and labels cost a millisecond or more each; while training, they are redrawn
/// at most every 100 ms (10 times a second: a curve that grows by an epoch a frame still moves
/// smoothly), so the unit maps and the boundary keep the full frame rate. Records the time when it says to draw. (A canvas that is
/// skipped keeps its last drawing.)
fn recent(canvas: &HtmlCanvasElement, now: f64) -> bool {
    let last: f64 = canvas
        .get_attribute("data-drawn-at")
        .and_then(|t| t.parse().ok())
        .unwrap_or(f64::NEG_INFINITY);
    if now - last < 100.0 {
        return true;
    }
    let _ = canvas.set_attribute("data-drawn-at", &format!("{now:.1}"));
    false
}

/// Edges beyond which the diagram draws them as hairlines (see [`edges`]).
const DENSE_EDGES: usize = 600;

/// Whether the shown network draws enough edges that stroking them all costs a frame's margin.
fn many_edges(frame: Option<&Frame>) -> bool {
    frame.is_some_and(|f| drawn_edges(&column_sizes(f)) > 300)
}

/// What the loss and accuracy charts depend on: each run's number of records, the scale, the
/// colours and the canvas's size.
fn chart_signature(w: &Workspace, p: &Palette) -> String {
    let lengths: Vec<String> = w
        .runs
        .iter()
        .map(|r| format!("{}:{}", r.trainer.history.len(), r.trainer.epoch()))
        .collect();
    format!(
        "{}|{}|{:?}|{:?}",
        lengths.join(","),
        w.log_scale,
        p.text,
        p.positive
    )
}

/// Whether `canvas` already shows what `signature` describes (at its current size); if not,
/// records that it will.
fn unchanged(canvas: &HtmlCanvasElement, signature: &str) -> bool {
    let signature = format!(
        "{signature}|{}x{}",
        canvas.client_width(),
        canvas.client_height()
    );
    if canvas.get_attribute("data-drawn").as_deref() == Some(signature.as_str()) {
        return true;
    }
    let _ = canvas.set_attribute("data-drawn", &signature);
    false
}

/// Each run's training (solid) and test (dashed) curves of `measure` per epoch, run A in the
/// operations' blue and run B in the adjoints' purple.
fn epoch_lines(
    w: &Workspace,
    p: &Palette,
    measure: impl Fn(&EpochRecord) -> (f64, f64),
) -> Vec<Line> {
    let mut all = Vec::new();
    for (r, run) in w.runs.iter().enumerate() {
        let name = run_name(w, r);
        let colour = if r == 0 { p.positive } else { p.adjoint };
        let values: Vec<(f64, (f64, f64))> = run
            .trainer
            .history
            .iter()
            .map(|e| (e.epoch as f64, measure(e)))
            .collect();
        for (label, dashed) in [("train", false), ("test", true)] {
            all.push(Line {
                label: format!("{name}{label}"),
                points: values
                    .iter()
                    .map(|&(x, (train, test))| (x, if dashed { test } else { train }))
                    .collect(),
                colour,
                dashed,
                dots: false,
            });
        }
    }
    all
}

/// Writes what a chart drew on its canvas: its ranges (`data-x-range`, `data-y-range`, for tests
/// and anyone checking an axis) and its plot in CSS pixels (`data-plot`, for the pointer's
/// readout).
fn ranges(canvas: &HtmlCanvasElement, p: &Palette, drawn: Drawn) {
    let Drawn { xs, ys, plot } = drawn;
    let _ = canvas.set_attribute("data-x-range", &format!("{} {}", xs.0, xs.1));
    let _ = canvas.set_attribute("data-y-range", &format!("{} {}", ys.0, ys.1));
    let css = plot.map(|v| f64::from(v) / p.scale);
    let _ = canvas.set_attribute(
        "data-plot",
        &format!("{} {} {} {}", css[0], css[1], css[2], css[3]),
    );
}

/// The last epoch any run has recorded.
fn last_epoch(w: &Workspace) -> f64 {
    w.runs
        .iter()
        .filter_map(|run| run.trainer.history.last())
        .map(|e| e.epoch as f64)
        .fold(0.0, f64::max)
}

/// The activations shown in the gallery, with the gallery's parameter a.
pub fn gallery(a: f64) -> [Activation; 6] {
    [
        Activation::Linear,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu { a },
        Activation::Elu { a },
    ]
}

fn run_name(w: &Workspace, r: usize) -> String {
    if w.runs.len() > 1 {
        format!("{} ", ["A", "B"][r.min(1)])
    } else {
        String::new()
    }
}

/// Every weight as a curve from unit to unit, blue for positive and orange for negative, as wide
/// as it is large.
fn edges(canvas: &HtmlCanvasElement, p: &Palette, frame: &Frame, by_gradient: bool) {
    let Some((ctx, scale)) = diagram_canvas(canvas, p, frame) else {
        return;
    };
    let sizes = column_sizes(frame);
    let geometry = Geometry::of(&sizes);
    // A dense diagram's edges are hairlines whose strength is their opacity: a thousand wide
    // curves are a blob to the eye, and stroking them took the browser 60–80 ms each time (a
    // one-pixel line is drawn by a far cheaper rasteriser).
    let dense = drawn_edges(&sizes) > DENSE_EDGES;
    ctx.set_global_alpha(0.85);
    ctx.set_line_cap("round");
    // One path per colour and width (rounded to a quarter unit): a few dozen strokes instead of
    // one per weight, and two calls per edge instead of six.
    let mut buckets: BTreeMap<(bool, u32), Vec<Curve>> = BTreeMap::new();
    let largest = edge_scale(frame, by_gradient);
    for (l, layer) in frame.mlp.layers.iter().enumerate() {
        for i in 1..=shown(layer.inputs).0 {
            for j in 1..=shown(layer.outputs).0 {
                let (sign, width) = edge_style(frame, largest, l, (i * layer.outputs) + j - 1);
                buckets
                    .entry((sign, (width * 4.0).round() as u32))
                    .or_default()
                    .push(geometry.edge(l, i - 1, j - 1));
            }
        }
    }
    let colour = |c: RGBColor| format!("rgb({},{},{})", c.0, c.1, c.2);
    let (positive, negative) = (colour(p.positive), colour(p.negative));
    for ((sign, quarters), curves) in buckets {
        ctx.set_stroke_style_str(if sign { &positive } else { &negative });
        let width = f64::from(quarters) / 4.0;
        if dense {
            // Widths run from 1 to about 8: opacities from 0.15 to 1.
            ctx.set_global_alpha((0.15 + 0.85 * (width - 1.0) / 7.2).clamp(0.15, 1.0));
            ctx.set_line_width(1.0 / scale);
        } else {
            ctx.set_line_width(width);
        }
        ctx.begin_path();
        for [(x1, y1), (c1, _), (c2, _), (x2, y2)] in curves {
            ctx.move_to(x1, y1);
            ctx.bezier_curve_to(c1, y1, c2, y2, x2, y2);
        }
        ctx.stroke();
    }
}

/// Sizes a chart canvas to its box times the device pixel ratio (only when that changed) and
/// clears it.
fn area(canvas: &HtmlCanvasElement) -> Option<Area> {
    cleared(canvas, gloo::utils::window().device_pixel_ratio().max(1.0))?;
    CanvasBackend::with_canvas_object(canvas.clone()).map(|b| b.into_drawing_area())
}

/// Gives a canvas a backing store of its box times `ratio` (only when that changed), clears it
/// and resets its transform; its context and its width in device pixels.
fn cleared(canvas: &HtmlCanvasElement, ratio: f64) -> Option<(CanvasRenderingContext2d, f64)> {
    let (w, h) = (canvas.client_width(), canvas.client_height());
    if w <= 0 || h <= 0 {
        return None;
    }
    let (pw, ph) = ((f64::from(w) * ratio) as u32, (f64::from(h) * ratio) as u32);
    resize(canvas, pw, ph);
    let ctx = context(canvas)?;
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, f64::from(pw), f64::from(ph));
    Some((ctx, f64::from(w) * ratio))
}

/// A value of a unit with activation `a` scaled to [-1, 1] for colouring: sigmoid's (0, 1) is
/// stretched, unbounded activations are scaled by the map's largest magnitude when it exceeds 1.
fn shades(ramp: &Ramp, values: &[f64], a: Activation) -> Vec<[u8; 4]> {
    let largest = values
        .iter()
        .filter(|v| v.is_finite())
        .fold(1.0f64, |m, v| m.max(v.abs()));
    values
        .iter()
        .map(|&v| match a {
            Activation::Sigmoid => ramp.at(2.0 * v - 1.0),
            Activation::Tanh => ramp.at(v),
            _ => ramp.at(v / largest),
        })
        .collect()
}

/// Every unit's picture (a heat map over the plane, or a curve over x), inputs first, on one
/// canvas over the diagram: a canvas per unit made the browser composite hundreds of layers a
/// frame (most of a frame on a network of 8 × 32).
fn units(canvas: &HtmlCanvasElement, p: &Palette, frame: &Frame) {
    let ramp = &Ramp::new(p);
    let Some((ctx, _)) = diagram_canvas(canvas, p, frame) else {
        return;
    };
    let geometry = Geometry::of(&column_sizes(frame));
    let side = geometry.unit;
    // One scratch canvas: each map is put there at its grid's size, then drawn scaled.
    let grid = offscreen(0, 0, &[]);
    ctx.set_image_smoothing_enabled(true);
    let colour = |c: RGBColor| format!("rgb({},{},{})", c.0, c.1, c.2);
    let (text, positive) = (colour(p.text), colour(p.positive));
    for (c, n) in column_sizes(frame).into_iter().enumerate() {
        let (maps, activation) = if c == 0 {
            (&frame.inputs, Activation::Linear)
        } else {
            // No maps at all when the units are not pictured (more than two inputs).
            let (Some(layer), Some(maps)) = (frame.mlp.layers.get(c - 1), frame.units.get(c - 1))
            else {
                continue;
            };
            (maps, layer.activation)
        };
        for (j, values) in maps.iter().enumerate().take(shown(n).0) {
            // A unit whose map was not computed (too many units) keeps a blank face.
            if values.is_empty() {
                continue;
            }
            let (x, y) = (geometry.x(c) - side / 2.0, geometry.y(j) - side / 2.0);
            match (frame.picture, &grid) {
                (Picture::Plane { .. }, Some(grid)) => {
                    let size = frame.size;
                    paint_pixels(grid, size, size, &shades(ramp, values, activation));
                    let _ = ctx
                        .draw_image_with_html_canvas_element_and_dw_and_dh(grid, x, y, side, side);
                }
                (Picture::Line { .. }, _) => {
                    let (lo, hi) = range(values.iter().copied(), 0.08);
                    ctx.set_stroke_style_str(if c == 0 { &text } else { &positive });
                    ctx.set_line_width(side / 25.0);
                    ctx.begin_path();
                    for (k, &v) in values.iter().enumerate() {
                        let px = x + side * k as f64 / (values.len().max(2) - 1) as f64;
                        let py = y + side - side * (v - lo) / (hi - lo);
                        if k == 0 {
                            ctx.move_to(px, py);
                        } else {
                            ctx.line_to(px, py);
                        }
                    }
                    ctx.stroke();
                }
                _ => {}
            }
        }
    }
}

/// Sizes a canvas laid over the diagram to its box at the display's resolution, clears it and
/// sets its transform to the diagram's own coordinates; gives its context and that scale.
fn diagram_canvas(
    canvas: &HtmlCanvasElement,
    p: &Palette,
    frame: &Frame,
) -> Option<(CanvasRenderingContext2d, f64)> {
    let (ctx, width) = cleared(canvas, p.scale)?;
    let scale = width / Geometry::of(&column_sizes(frame)).width;
    let _ = ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0);
    Some((ctx, scale))
}

fn label_colour(p: &Palette, task: Task, y: f64, scale: f64) -> RGBColor {
    let pick = |c: [u8; 4]| RGBColor(c[0], c[1], c[2]);
    match task {
        Task::Binary if y > 0.0 => p.positive,
        Task::Binary => p.negative,
        Task::Classes(_) => CLASSES[(y.max(0.0) as usize) % CLASSES.len()],
        Task::Regression => pick(diverging(p, y / scale)),
    }
}

/// The most data points drawn over a plane or curve: beyond a few thousand they cover it
/// anyway, and each costs a fill per frame.
pub const MAX_DOTS: usize = 2_000;

/// The data as dots: all of it, or with more than [`MAX_DOTS`] points an even sample of the
/// training and the test points alike.
fn dots(p: &Palette, run: &Run, scale: f64) -> Vec<Dot> {
    let task = run.data.task;
    let make = |s: &Sample, test: bool| Dot {
        at: (s.x[0], s.x.get(1).copied().unwrap_or(s.y)),
        colour: label_colour(p, task, s.y, scale),
        test,
    };
    let every = (run.data.train.len() + run.data.test.len()).div_ceil(MAX_DOTS);
    run.data
        .train
        .iter()
        .step_by(every.max(1))
        .map(|s| make(s, false))
        .chain(
            run.data
                .test
                .iter()
                .step_by(every.max(1))
                .map(|s| make(s, true)),
        )
        .collect()
}

/// The decision boundary (or fitted surface) over the plane, with the training and test points.
/// With a `spotlight` unit, its own map takes the output's place (as hovering a neuron does in
/// TensorFlow Playground).
/// The most pixels a side the output's picture is coloured at (beyond, the canvas stretches it).
const PICTURE: usize = 480;

fn boundary(
    canvas: &HtmlCanvasElement,
    area: &Area,
    p: &Palette,
    run: &Run,
    frame: &Frame,
    spotlight: Option<(usize, usize)>,
    playing: bool,
) {
    let Picture::Plane { extent } = frame.picture else {
        return;
    };
    let Some(outputs) = frame.units.last() else {
        return;
    };
    let ramp = &Ramp::new(p);
    let task = run.data.task;
    let scale = run
        .data
        .train
        .iter()
        .map(|s| s.y.abs())
        .fold(1e-9, f64::max);
    let output = frame
        .mlp
        .layers
        .last()
        .map_or(Activation::Linear, |l| l.activation);
    let unit = spotlight.and_then(|(l, j)| {
        let values = frame.units.get(l)?.get(j)?;
        Some((values, frame.mlp.layers.get(l)?.activation))
    });
    // Still, it is coloured at the canvas's resolution (at most PICTURE pixels a side): values
    // are interpolated, then coloured, so the boundary stays sharp when the plot is enlarged.
    // While training it is redrawn every frame, and the grid itself (smoothed) keeps the pace.
    let side = if playing {
        frame.size
    } else {
        (canvas.width() as usize).clamp(frame.size, PICTURE)
    };
    // At the grid's own size (training) the values are used as they are.
    let fine = |values: &[f64]| -> Vec<f64> {
        if side == frame.size {
            values.to_vec()
        } else {
            upsample(values, frame.size, side)
        }
    };
    let pixels: Vec<[u8; 4]> = match task {
        _ if unit.is_some() => {
            unit.map_or_else(Vec::new, |(values, a)| shades(ramp, &fine(values), a))
        }
        Task::Classes(k) => {
            let classes: Vec<Vec<f64>> = outputs.iter().take(k).map(|o| fine(o)).collect();
            (0..side * side)
                .map(|i| {
                    let best = (0..classes.len())
                        .max_by(|&a, &b| classes[a][i].total_cmp(&classes[b][i]))
                        .unwrap_or(0);
                    class_colour(p, best, 0.45)
                })
                .collect()
        }
        Task::Regression => fine(&outputs[0])
            .iter()
            .map(|&v| ramp.at(v / scale))
            .collect(),
        Task::Binary => shades(ramp, &fine(&outputs[0]), output),
    };
    let image = offscreen(side, side, &pixels);
    let rect = plane(
        area,
        canvas,
        p,
        (-extent, extent),
        (-extent, extent),
        match frame.setup.input_names().as_slice() {
            // A file's columns by their names; generated sets as the lecture writes them.
            [a, b] if matches!(frame.setup.data.generator, Generator::Rows(_)) => (a, b),
            _ => ("x₁", "x₂"),
        },
        image.as_ref(),
        &dots(p, run, scale),
        &[],
    );
    let _ = area.present();
    if let Some([l, t, r, b]) = rect {
        let ratio = p.scale;
        let css = |v: i32| f64::from(v) / ratio;
        let _ = canvas.set_attribute(
            "data-area",
            &format!("{} {} {} {} {extent}", css(l), css(t), css(r), css(b)),
        );
    }
}

/// A 1-D fit: the data as dots and the network's curve.
fn curve(area: &Area, p: &Palette, run: &Run, frame: &Frame) {
    let Picture::Line { low, high } = frame.picture else {
        return;
    };
    let Some(out) = frame.units.last().and_then(|u| u.first()) else {
        return;
    };
    let step = (high - low) / (out.len().max(2) - 1) as f64;
    let fitted: Vec<(f64, f64)> = out
        .iter()
        .enumerate()
        .map(|(k, &v)| (low + k as f64 * step, v))
        .collect();
    let points = |samples: &[Sample]| samples.iter().map(|s| (s.x[0], s.y)).collect();
    let all = [
        Line {
            label: "training data".into(),
            points: points(&run.data.train),
            colour: p.negative,
            dashed: false,
            dots: true,
        },
        Line {
            label: "test data".into(),
            points: points(&run.data.test),
            colour: p.adjoint,
            dashed: false,
            dots: true,
        },
        Line {
            label: "network".into(),
            points: fitted,
            colour: p.positive,
            dashed: false,
            dots: false,
        },
    ];
    lines(
        area,
        p,
        Axes {
            x: "x",
            y: "y",
            log_y: false,
            x_fixed: None,
            y_fixed: None,
        },
        &all,
    );
    let _ = area.present();
}
