//! What the current step writes over the graph: the messages travelling along its edges (the
//! value forward, adjoint × local derivative backward), the formula of a forward step above its
//! node, and the local derivative of each edge of a backward step beside the consumer that
//! writes it. Each label goes where it covers no node and no other label.

use chainrule::layout::Point;
use chainrule::render::derivation::{formula, local_formula, local_symbol};
use chainrule::render::math::Math;
use chainrule::render::notation::render;
use chainrule::render::number::{plain, DEFAULT_DIGITS};
use chainrule::render::text::Text;
use chainrule::NodeId;
use yew::prelude::*;

use super::edge::path_through;
use super::geometry::{place_label, text_width, LINES, TEXT};
use super::scene::Scene;
use crate::camera::Rect;
use crate::session::Model;

/// The most messages drawn travelling at once, and local derivatives written beside them: a
/// node used sixty times sends sixty, and a dozen say as much.
const MAX_PER_STEP: usize = 12;

/// The messages of the step at `node` (forward or not) along the edges on screen.
pub fn messages(
    scene: &Scene,
    model: &Model,
    (node, forward): (NodeId, bool),
    on_screen: Rect,
    cursor: usize,
    speed: f64,
) -> Vec<Html> {
    let (graph, trace) = (&model.graph, &model.trace);
    let duration = format!("{:.2}s", (0.8 / speed).clamp(0.15, 1.2));
    scene
        .edges
        .iter()
        .filter(|e| e.bounds.meets(on_screen))
        .filter(|e| if forward { e.to == node } else { e.from == node })
        .take(MAX_PER_STEP)
        .map(|e| {
            let (from, to) = (e.from, e.to);
            let (motion, carried) = if forward {
                (path_through(&e.points), plain(trace.value(from), DEFAULT_DIGITS))
            } else {
                let reversed: Vec<Point> = e.points.iter().rev().copied().collect();
                let local = trace.local(graph, to, from);
                let message = trace.adjoint(to) * local;
                (
                    path_through(&reversed),
                    format!(
                        "{} × {} = {}",
                        plain(trace.adjoint(to), 4),
                        plain(local, 4),
                        plain(message, 4)
                    ),
                )
            };
            let direction = if forward { "forward" } else { "backward" };
            html! {
                <g key={format!("pulse-{cursor}-{}-{}", from.0, to.0)} class={classes!("pulse", direction)}>
                    <circle r="8" />
                    <text class="carried" y="-14" text-anchor="middle">{ carried }</text>
                    <animateMotion dur={duration.clone()} fill="freeze" path={motion} />
                    <animate attributeName="opacity" values="1;1;0" keyTimes="0;0.8;1" dur={duration.clone()} fill="freeze" />
                </g>
            }
        })
        .collect()
}

/// The labels of the step at `node`: its formula above it going forward; going backward, each
/// consumer on screen writes its local derivative, on the side away from this node first.
pub fn labels(
    scene: &Scene,
    model: &Model,
    (node, forward): (NodeId, bool),
    on_screen: Rect,
    bounds: Rect,
) -> Vec<Html> {
    let (graph, trace) = (&model.graph, &model.trace);
    let text = Text {
        digits: DEFAULT_DIGITS,
    };
    let (x, y) = scene.nodes[node.index()].at;
    // What the labels might cover: the nodes around the step.
    let around = Rect {
        x: x - 900.0,
        y: y - 600.0,
        w: 1800.0,
        h: 1200.0,
    };
    let mut taken: Vec<Rect> = scene
        .nodes
        .iter()
        .map(|n| n.room)
        .filter(|r| r.meets(around))
        .collect();
    if forward {
        let line = render(
            &text,
            &Math::Eq(vec![
                Math::name(graph.name(node)),
                formula(graph, node),
                Math::Num(trace.value(node)),
            ]),
        );
        let candidates = [
            (x + 10.0, y - 50.0),
            (x + 10.0, y + LINES[2] + 32.0),
            (x + 10.0, y - 100.0),
        ];
        return vec![label("formula", &candidates, line, &mut taken, bounds)];
    }
    let seen = |id: NodeId| scene.nodes[id.index()].room.meets(on_screen);
    trace
        .terms(graph, node)
        .filter(|t| seen(t.consumer))
        .take(MAX_PER_STEP)
        .map(|term| {
            let line = render(
                &text,
                &Math::Eq(vec![
                    local_symbol(graph, term.consumer, node),
                    local_formula(graph, term.consumer, node),
                    Math::Num(term.local),
                ]),
            );
            let (cx, cy) = scene.nodes[term.consumer.index()].at;
            let half = (text_width(&line) + 18.0) / 2.0;
            let (above, below) = ((cx, cy - 50.0), (cx, cy + LINES[2] + 32.0));
            let (right, left) = ((cx + 60.0 + half, cy + 30.0), (cx - 80.0 - half, cy + 30.0));
            let candidates = if cy > y + 1.0 {
                [below, above, right, left]
            } else {
                [above, below, right, left]
            };
            label("local", &candidates, line, &mut taken, bounds)
        })
        .collect()
}

/// A text label on a background, so no edge can hide it: at the first of `candidates` where it
/// covers no node and no earlier label (`taken`, which it joins), inside `bounds`.
fn label(
    class: &'static str,
    candidates: &[(f64, f64)],
    line: String,
    taken: &mut Vec<Rect>,
    bounds: Rect,
) -> Html {
    let width = text_width(&line) + 18.0;
    let height = TEXT * 1.3 + 10.0;
    let (x, y) = place_label(candidates, width, height, taken, bounds);
    taken.push(Rect {
        x: x - width / 2.0,
        y: y - height / 2.0,
        w: width,
        h: height,
    });
    html! {
        <g class={classes!("label", class)} transform={format!("translate({x:.1},{y:.1})")}>
            <rect x={format!("{:.1}", -width / 2.0)} y={format!("{:.1}", -height / 2.0)}
                width={format!("{width:.1}")} height={format!("{height:.1}")} rx="6" />
            <text x="0" y="0" text-anchor="middle" dominant-baseline="central">{ line }</text>
        </g>
    }
}
