//! One frame of an exported animation as a standalone SVG document: the whole graph as the page
//! draws it at a step (the same nodes, edges, messages and labels, through the same functions),
//! fitted to the chosen size, with the expression above and the step's chain rule under it.

use std::fmt::Write;

use chainrule::layout::Point;
use chainrule::render::derivation::{backward_line, forward_line, input_line};
use chainrule::render::math::Math;
use chainrule::render::mathml::escape;
use chainrule::render::notation::render;
use chainrule::render::number::DEFAULT_DIGITS;
use chainrule::render::text::{display_name, Text};
use chainrule::trace::Step;
use chainrule::NodeId;

use super::script::Shot;
use crate::camera::Rect;
use crate::components::graph::edge::{path_through, State, ARROW};
use crate::components::graph::node::{drawing, Look};
use crate::components::graph::overlay::{label, labels, pulses};
use crate::components::graph::scene::Scene;
use crate::session::Model;

/// A monospace glyph's width, in ems (the caption is set in the monospace type).
const GLYPH: f64 = 0.62;

/// The walk's step after `cursor` steps: its node and whether it is a forward step.
fn current(model: &Model, cursor: usize) -> Option<(NodeId, bool)> {
    match model.trace.step(cursor.checked_sub(1)?)? {
        Step::Forward(s) => Some((s.node, true)),
        Step::Backward(s) => Some((s.node, false)),
    }
}

/// The chain rule the step after `cursor` steps applies, in plain text (the inputs before the
/// first step).
pub fn caption(model: &Model, cursor: usize) -> String {
    let (graph, trace) = (&*model.graph, &*model.trace);
    let text = Text {
        digits: DEFAULT_DIGITS,
    };
    let line = |math: &Math| render(&text, math);
    match cursor.checked_sub(1).and_then(|i| trace.step(i)) {
        None => graph
            .inputs()
            .iter()
            .map(|&i| line(&input_line(graph, trace, i)))
            .collect::<Vec<_>>()
            .join(",  "),
        Some(Step::Forward(step)) => line(&forward_line(graph, step)),
        Some(Step::Backward(step)) => line(&backward_line(graph, trace, step)),
    }
}

/// Where the walk is after `cursor` steps, in words: `Forward pass · step 3 of 6`.
pub fn phase(model: &Model, cursor: usize) -> String {
    let forward = model.trace.forward_count();
    let backward = model.trace.step_count() - forward;
    match cursor {
        0 => "The inputs".to_string(),
        c if c <= forward => format!("Forward pass · step {c} of {forward}"),
        c => format!("Backward pass · step {} of {backward}", c - forward),
    }
}

/// The caption in lines of at most `chars` characters where it can be cut, at an `=`: two
/// lines as even as they can be, or as few as hold it.
fn caption_lines(text: &str, chars: usize) -> Vec<String> {
    let count = |s: &str| s.chars().count();
    if count(text) <= chars {
        return vec![text.to_string()];
    }
    let cuts: Vec<usize> = text.match_indices(" = ").map(|(i, _)| i).collect();
    let mut lines: Vec<String> = Vec::new();
    let mut from = 0;
    for (k, &cut) in cuts.iter().enumerate() {
        let next = cuts.get(k + 1).copied().unwrap_or(text.len());
        if count(&text[from..next]) > chars && cut > from {
            lines.push(text[from..cut].to_string());
            from = cut + 1;
        }
    }
    lines.push(text[from..].to_string());
    if lines.len() == 2 {
        let longer = |i: usize| count(&text[..i]).max(count(&text[i..]));
        if let Some(i) = cuts.into_iter().min_by_key(|&i| longer(i)) {
            return vec![text[..i].to_string(), text[i + 1..].to_string()];
        }
    }
    lines
}

/// The point `t` (0 … 1) of the way along the smooth path [`path_through`] draws through
/// `points`, each of its curves an equal share.
fn along(points: &[Point], t: f64) -> (f64, f64) {
    let segments = points.len().saturating_sub(1);
    if segments == 0 {
        return points.first().map_or((0.0, 0.0), |p| (p.x, p.y));
    }
    let u = (t.clamp(0.0, 1.0) * segments as f64).min(segments as f64 - 1e-9);
    let i = u.floor() as usize;
    let s = u - i as f64;
    let (q, p) = (points[i], points[i + 1]);
    let dx = (p.x - q.x) / 2.0;
    let controls = [(q.x, q.y), (q.x + dx, q.y), (p.x - dx, p.y), (p.x, p.y)];
    let weights = [
        (1.0 - s).powi(3),
        3.0 * (1.0 - s).powi(2) * s,
        3.0 * (1.0 - s) * s * s,
        s.powi(3),
    ];
    controls
        .iter()
        .zip(weights)
        .fold((0.0, 0.0), |(x, y), (c, w)| (x + c.0 * w, y + c.1 * w))
}

/// A line of text, squeezed to `room` pixels if it would be wider at `size` px.
fn line(
    out: &mut String,
    class: &str,
    (x, y): (f64, f64),
    size: f64,
    anchor: &str,
    text: &str,
    room: f64,
) {
    let wide = text.chars().count() as f64 * GLYPH * size;
    let squeeze = if wide > room {
        format!(r#" textLength="{room:.0}" lengthAdjust="spacingAndGlyphs""#)
    } else {
        String::new()
    };
    let _ = write!(
        out,
        r#"<text class="{class}" x="{x:.1}" y="{y:.1}" font-size="{size:.1}" text-anchor="{anchor}"{squeeze}>{}</text>"#,
        escape(text)
    );
}

/// The graph at `shot`, in layout units, as the page draws it: edges, nodes, and the step's
/// messages on their way or, once they have arrived, its labels.
fn layer(svg: &mut String, model: &Model, scene: &Scene, shot: Shot) {
    let (graph, trace) = (&*model.graph, &*model.trace);
    let extent = scene.extent;
    let function = display_name(graph.name(graph.output()));
    let step = current(model, shot.cursor);
    let (node, forward) = step.map_or((None, false), |(n, f)| (Some(n), f));
    svg.push_str(r#"<g class="edges">"#);
    for e in &scene.edges {
        let state = State {
            forward: forward && node == Some(e.to),
            backward: !forward && node == Some(e.from),
            highlighted: false,
            carried: model.adjoint_known(e.from, shot.cursor),
        };
        let _ = write!(
            svg,
            r#"<path class="{}" d="{}" marker-end="url(#arrow)"/>"#,
            state.classes().join(" "),
            path_through(&e.points)
        );
    }
    svg.push_str(r#"</g><g class="nodes">"#);
    // A batch drawn with one point open: the others' nodes are drawn as their losses, a stack
    // of cards that lights up for every step inside them, as on the page.
    let shown_as = |id: NodeId| model.layout.shown_as(id);
    for id in graph.ids() {
        if shown_as(id) != id {
            continue;
        }
        let drawn = &scene.nodes[id.index()];
        let value = model.value_known(id, shot.cursor).then(|| trace.value(id));
        let look = Look {
            kind: drawn.kind,
            boxed: &drawn.boxed,
            shown: &drawn.shown,
            symbol: &drawn.symbol,
            function: &function,
            compact: drawn.compact,
            value,
            adjoint: model
                .adjoint_known(id, shot.cursor)
                .then(|| trace.adjoint(id)),
            updated: None,
            folded: model
                .layout
                .folded_group(graph, id)
                .map(|_| "a training point's pass, folded"),
            current: node.map(shown_as) == Some(id),
            highlighted: false,
            non_finite: value.is_some() && trace.produced_non_finite(graph, id),
        };
        let (x, y) = drawn.at;
        let _ = write!(
            svg,
            r#"<g class="{}" transform="translate({x:.1},{y:.1})">{}</g>"#,
            look.classes().join(" "),
            drawing(&look)
        );
    }
    svg.push_str("</g>");
    if let (Some(step), Some(t)) = (step, shot.travel) {
        // What each message carries is written in a label beside its edge, where it covers no
        // node (a label travelling with its dot would cross the nodes' own labels), and the dot
        // travels alone.
        let mut taken: Vec<Rect> = scene.nodes.iter().map(|n| n.room).collect();
        let mut dots = String::new();
        for pulse in pulses(scene, model, step, extent) {
            let (x, y) = along(&pulse.path, t);
            let (mx, my) = along(&pulse.path, 0.5);
            let candidates = [
                (mx, my - 34.0),
                (mx, my + 34.0),
                (mx, my - 72.0),
                (mx, my + 72.0),
            ];
            let class = if pulse.forward { "formula" } else { "message" };
            let placed = label(class, &candidates, pulse.carried, &mut taken, extent);
            svg.push_str(&placed.svg());
            let direction = if pulse.forward { "forward" } else { "backward" };
            let _ = write!(
                dots,
                r#"<g class="pulse {direction}" transform="translate({x:.1},{y:.1})"><circle r="8"/></g>"#
            );
        }
        svg.push_str(&dots);
    }
    if let (Some(step), None) = (step, shot.travel) {
        for placed in labels(scene, model, step, extent, extent) {
            svg.push_str(&placed.svg());
        }
    }
}

/// The graph alone at `shot`, `width` pixels wide and as tall as its shape needs, for a page
/// that holds the frames' stylesheet (a slide of the deck).
pub fn graph_alone(model: &Model, scene: &Scene, shot: Shot, width: u32) -> String {
    const PAD: f64 = 16.0;
    let e = scene.extent;
    let (x, y, w, h) = (e.x - PAD, e.y - PAD, e.w + 2.0 * PAD, e.h + 2.0 * PAD);
    let height = (f64::from(width) * h / w).round();
    let mut svg = String::with_capacity(16 * 1024);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="{x:.1} {y:.1} {w:.1} {h:.1}" role="img" aria-label="The computational graph"><defs>{ARROW}</defs>"#
    );
    layer(&mut svg, model, scene, shot);
    svg.push_str("</svg>");
    svg
}

/// The frame `shot` of the walk through `model` (drawn as `scene`), `width` × `height` pixels,
/// drawn by `style` (see [`super::stylesheet`]; empty where the page holding it has it).
pub fn frame(
    model: &Model,
    scene: &Scene,
    shot: Shot,
    (width, height): (u32, u32),
    style: &str,
) -> String {
    let graph = &*model.graph;
    let (w, h) = (f64::from(width), f64::from(height));
    let unit = h / 720.0;
    let margin = 28.0 * unit;
    // A square frame has no room for the expression and the step side by side: one under the other.
    let narrow = w / h < 1.5;
    let header = if narrow { 92.0 } else { 56.0 } * unit;
    let footer = 150.0 * unit;
    let extent = scene.extent;
    let room = (w - 2.0 * margin, h - header - footer);
    let scale = (room.0 / extent.w).min(room.1 / extent.h).min(2.2 * unit);
    let left = margin + (room.0 - extent.w * scale) / 2.0 - extent.x * scale;
    let top = header + (room.1 - extent.h * scale) / 2.0 - extent.y * scale;

    let mut svg = String::with_capacity(16 * 1024);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#
    );
    if !style.is_empty() {
        let _ = write!(svg, "<style>{style}</style>");
    }
    let _ = write!(
        svg,
        r#"<defs>{ARROW}</defs><rect class="film-back" width="{width}" height="{height}"/>"#
    );
    let function = display_name(graph.name(graph.output()));
    let top_line = margin + 14.0 * unit;
    let (title_room, phase_at, phase_room, phase_anchor) = if narrow {
        (
            w - 2.0 * margin,
            (margin, top_line + 32.0 * unit),
            w - 2.0 * margin,
            "start",
        )
    } else {
        (
            w * 0.62 - margin,
            (w - margin, top_line),
            w * 0.34 - margin,
            "end",
        )
    };
    line(
        &mut svg,
        "film-title",
        (margin, top_line),
        20.0 * unit,
        "start",
        &format!("{function} = {}", model.source),
        title_room,
    );
    line(
        &mut svg,
        "film-phase",
        phase_at,
        20.0 * unit,
        phase_anchor,
        &phase(model, shot.cursor),
        phase_room,
    );

    let _ = write!(
        svg,
        r#"<g transform="translate({left:.2},{top:.2}) scale({scale:.4})">"#
    );
    layer(&mut svg, model, scene, shot);
    svg.push_str("</g>");

    // The chain rule under the graph, in type that reads from the back of a room (a little
    // smaller in a square frame, where lines are short).
    let size = 30.0 * unit.min(w / 960.0);
    let lines = caption_lines(
        &caption(model, shot.cursor),
        ((w - 2.0 * margin) / (GLYPH * size)) as usize,
    );
    let _ = write!(
        svg,
        r#"<line class="film-rule" x1="{margin:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/>"#,
        w - margin,
        h - footer + 8.0 * unit,
        h - footer + 8.0 * unit
    );
    let spacing = size * 1.35;
    let baseline =
        h - footer / 2.0 - spacing * (lines.len() as f64 - 1.0) / 2.0 + size * 0.35 + 4.0 * unit;
    for (i, text) in lines.iter().enumerate() {
        line(
            &mut svg,
            "film-caption",
            (w / 2.0, baseline + spacing * i as f64),
            size,
            "middle",
            text,
            w - 2.0 * margin,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_caption_is_cut_at_the_equals_sign_that_balances_it() {
        let text = "∂f/∂c = ∂f/∂e·∂e/∂c + ∂f/∂d·∂d/∂c = -0.9 × -0.6 + 1 × 0.065 = -0.822";
        assert_eq!(caption_lines(text, 200), vec![text.to_string()]);
        let lines = caption_lines(text, 40);
        assert_eq!(lines.len(), 2);
        assert_eq!(format!("{} {}", lines[0], lines[1]), text);
        assert!(lines[1].starts_with("= "));
        assert!(lines.iter().all(|l| l.chars().count() <= 40));
        // Narrower than its parts: a part a line (the frame squeezes the one that is wider).
        let parts = caption_lines(text, 26);
        assert_eq!(parts.len(), 4, "{parts:?}");
        assert_eq!(parts.join(" "), text);
        assert_eq!(parts[3], "= -0.822");
    }

    #[test]
    fn a_message_travels_from_the_first_point_to_the_last() {
        let points = [
            Point { x: 0.0, y: 0.0 },
            Point { x: 100.0, y: 50.0 },
            Point { x: 200.0, y: 50.0 },
        ];
        assert_eq!(along(&points, 0.0), (0.0, 0.0));
        let end = along(&points, 1.0);
        assert!((end.0 - 200.0).abs() < 1e-6 && (end.1 - 50.0).abs() < 1e-6);
        // Halfway is the middle point: each curve is an equal share.
        let middle = along(&points, 0.5);
        assert!((middle.0 - 100.0).abs() < 1e-6 && (middle.1 - 50.0).abs() < 1e-6);
        let xs: Vec<f64> = (0..=10)
            .map(|i| along(&points, i as f64 / 10.0).0)
            .collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]));
    }
}

#[cfg(test)]
mod lecture {
    use chainrule::trace::Bindings;

    use super::*;
    use crate::components::graph::scene::scene;
    use crate::session::Session;

    fn lecture() -> Model {
        Session::new(
            "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))",
            Bindings::from_pairs([("x", 2.0)]),
        )
        .model
        .expect("the lecture's example")
    }

    #[test]
    fn a_frame_draws_the_step_as_the_page_does() {
        let model = lecture();
        let scene = scene(&model);
        let at = |cursor, travel| Shot {
            cursor,
            travel,
            ms: 0,
        };
        // After the first step: a = x² = 4, its node current, x's value travelling to it.
        let moving = frame(&model, &scene, at(1, Some(0.5)), (1280, 720), "");
        // What the message carries is in a label of its own, in the same place all the way.
        let carried = |svg: &str| {
            svg.split(r#"<g class="label formula""#)
                .nth(1)
                .and_then(|l| l.split("</g>").next())
                .map(str::to_string)
        };
        let leaving = frame(&model, &scene, at(1, Some(0.0)), (1280, 720), "");
        assert!(carried(&moving)
            .is_some_and(|l| l.ends_with(r#"dominant-baseline="central">2</text>"#)));
        assert_eq!(carried(&leaving), carried(&moving));
        assert_ne!(leaving, moving, "the dot moves");
        assert_eq!(moving.matches(r#"class="node "#).count(), 7);
        assert_eq!(moving.matches(" current").count(), 1);
        assert_eq!(moving.matches(r#"class="pulse forward""#).count(), 1);
        assert!(moving.contains(">a = x² = 4</text>"));
        assert!(moving.contains(">Forward pass · step 1 of 6</text>"));
        assert!(
            !moving.contains("a = x² = 4</text></g>"),
            "the formula waits for the message"
        );
        let held = frame(&model, &scene, at(1, None), (1280, 720), "");
        assert!(!held.contains("pulse"));
        assert!(held.contains(r#"class="label formula""#));
        // Step 8, ∂f/∂e: the local derivative beside f, a constant, written once.
        let eighth = frame(&model, &scene, at(8, None), (1280, 720), "");
        assert!(eighth.contains(">∂f/∂e = 1</text>"), "{eighth}");
        assert!(!eighth.contains("= 1 = 1"));
        // The last step: ∂f/∂x, every node computed and carrying its adjoint.
        let last = frame(&model, &scene, at(13, None), (1280, 720), "");
        assert!(last.contains("∂f/∂x = ∂f/∂a·∂a/∂x"));
        assert!(last.contains("-182.87"));
        assert_eq!(last.matches("has-adjoint").count(), 7);
        assert!(last.contains(">Backward pass · step 7 of 7</text>"));
        // The same shot, the same document.
        assert_eq!(last, frame(&model, &scene, at(13, None), (1280, 720), ""));
    }

    #[test]
    fn the_first_frame_names_the_inputs() {
        let model = lecture();
        let first = frame(
            &model,
            &scene(&model),
            Shot {
                cursor: 0,
                travel: None,
                ms: 0,
            },
            (1080, 1080),
            "",
        );
        assert!(first.contains(">x = 2</text>"));
        assert!(first.contains(">The inputs</text>"));
    }
}
