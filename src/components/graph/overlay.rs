//! What the current step writes over the graph: the messages travelling along its edges (the
//! value forward, adjoint × local derivative backward), the formula of a forward step above its
//! node, and the local derivative of each edge of a backward step beside the consumer that
//! writes it. Each label goes where it covers no node and no other label.

use chainrule::layout::Point;
use chainrule::render::derivation::{formula, local_formula, local_symbol};
use chainrule::render::math::Math;
use chainrule::render::mathml::escape;
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

/// A message of a step: the path it travels, what it carries, and its direction.
pub struct Pulse {
    /// The edge's ends, argument first.
    pub edge: (NodeId, NodeId),
    /// The points it travels through, in the order it travels.
    pub path: Vec<Point>,
    /// What it carries: the value forward, adjoint × local derivative = message backward.
    pub carried: String,
    /// Forward (a value) or backward (a message).
    pub forward: bool,
}

/// The messages of the step at `node` (forward or not) along the edges in `on_screen`.
pub fn pulses(
    scene: &Scene,
    model: &Model,
    (node, forward): (NodeId, bool),
    on_screen: Rect,
) -> Vec<Pulse> {
    let (graph, trace) = (&model.graph, &model.trace);
    scene
        .edges
        .iter()
        .filter(|e| e.bounds.meets(on_screen))
        .filter(|e| {
            if forward {
                e.to == node
            } else {
                e.from == node
            }
        })
        .take(MAX_PER_STEP)
        .map(|e| {
            let (from, to) = (e.from, e.to);
            let (path, carried) = if forward {
                (e.points.clone(), plain(trace.value(from), DEFAULT_DIGITS))
            } else {
                let local = trace.local(graph, to, from);
                let message = trace.adjoint(to) * local;
                (
                    e.points.iter().rev().copied().collect(),
                    format!(
                        "{} × {} = {}",
                        plain(trace.adjoint(to), 4),
                        plain(local, 4),
                        plain(message, 4)
                    ),
                )
            };
            Pulse {
                edge: (from, to),
                path,
                carried,
                forward,
            }
        })
        .collect()
}

/// The step's messages travelling along their edges, each in one step's time at `speed`.
pub fn messages(pulses: Vec<Pulse>, cursor: usize, speed: f64) -> Vec<Html> {
    let duration = format!("{:.2}s", (0.8 / speed).clamp(0.15, 1.2));
    pulses
        .into_iter()
        .map(|pulse| {
            let (from, to) = pulse.edge;
            let direction = if pulse.forward { "forward" } else { "backward" };
            html! {
                <g key={format!("pulse-{cursor}-{}-{}", from.0, to.0)} class={classes!("pulse", direction)}>
                    <circle r="8" />
                    <text class="carried" y="-14" text-anchor="middle">{ pulse.carried }</text>
                    <animateMotion dur={duration.clone()} fill="freeze" path={path_through(&pulse.path)} />
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
) -> Vec<Label> {
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
            let (formula, value) = (
                local_formula(graph, term.consumer, node),
                Math::Num(term.local),
            );
            // A constant derivative is written once (`∂f/∂e = 1`, not `∂f/∂e = 1 = 1`).
            let mut line = vec![local_symbol(graph, term.consumer, node)];
            if render(&text, &formula) != render(&text, &value) {
                line.push(formula);
            }
            line.push(value);
            let line = render(&text, &Math::Eq(line));
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

/// A label placed over the graph: its kind (`formula`, `local`), its centre and size, its text.
pub struct Label {
    /// Its kind, which the stylesheet draws it by.
    pub class: &'static str,
    /// Its centre.
    pub at: (f64, f64),
    /// Its width and height.
    pub size: (f64, f64),
    /// Its text.
    pub text: String,
}

impl Label {
    /// The label as SVG markup, its text escaped: the page and an exported frame
    /// ([`crate::film`]) draw it alike.
    pub fn svg(&self) -> String {
        let (x, y) = self.at;
        let (w, h) = self.size;
        format!(
            r#"<g class="label {}" transform="translate({x:.1},{y:.1})"><rect x="{:.1}" y="{:.1}" width="{w:.1}" height="{h:.1}" rx="6"/><text x="0" y="0" text-anchor="middle" dominant-baseline="central">{}</text></g>"#,
            self.class,
            -w / 2.0,
            -h / 2.0,
            escape(&self.text)
        )
    }

    /// The label on the page.
    pub fn view(&self) -> Html {
        Html::from_html_unchecked(AttrValue::from(self.svg()))
    }
}

/// A text label on a background, so no edge can hide it: at the first of `candidates` where it
/// covers no node and no earlier label (`taken`, which it joins), inside `bounds`.
pub fn label(
    class: &'static str,
    candidates: &[(f64, f64)],
    text: String,
    taken: &mut Vec<Rect>,
    bounds: Rect,
) -> Label {
    let width = text_width(&text) + 18.0;
    let height = TEXT * 1.3 + 10.0;
    let (x, y) = place_label(candidates, width, height, taken, bounds);
    taken.push(Rect {
        x: x - width / 2.0,
        y: y - height / 2.0,
        w: width,
        h: height,
    });
    Label {
        class,
        at: (x, y),
        size: (width, height),
        text,
    }
}
