//! The computational graph as SVG, drawn from the engine's layout: operations as blue circles,
//! results as orange boxes (the lecture's convention), values and adjoints appearing as the walk
//! reaches them, and the current step's messages travelling along their edges. Pans with a drag,
//! zooms with the wheel or the buttons, and fits itself to the screen on load.

use std::cell::RefCell;
use std::rc::Rc;

use chainrule::layout::Point;
use chainrule::ops::Op;
use chainrule::render::derivation::{formula, local_formula, local_symbol};
use chainrule::render::math::Math;
use chainrule::render::notation::render;
use chainrule::render::number::{plain, DEFAULT_DIGITS};
use chainrule::render::text::{display_name, Text};
use chainrule::trace::Step;
use chainrule::NodeId;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent, WheelEvent};
use yew::prelude::*;

use crate::session::Model;
use crate::view_box::ViewBox;

/// Props of [`GraphView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// What to draw.
    pub model: Model,
    /// How many steps of the walk are done.
    pub cursor: usize,
    /// The step just taken.
    pub current: Option<Step>,
    /// The node under the pointer here or in the derivation.
    pub hovered: Option<NodeId>,
    /// True while the expression has an error and this is the last good graph.
    pub stale: bool,
    /// Steps per second, so travelling messages take one step's time.
    pub speed: f64,
    /// Called when the pointer enters (Some) or leaves (None) a node.
    pub on_hover: Callback<Option<NodeId>>,
    /// Presentation mode: larger type, so labels need wider backgrounds.
    pub presentation: bool,
}

/// Where edges leave and enter a node, relative to its centre.
const OUT_PORT: f64 = 34.0;
const IN_PORT: f64 = -52.0;
const INPUT_HALF_WIDTH: f64 = 22.0;

fn out_port(op: Op) -> f64 {
    match op {
        Op::Input => INPUT_HALF_WIDTH,
        Op::Const(_) => 18.0,
        _ => OUT_PORT,
    }
}

/// A smooth path through `points`, leaving and entering each horizontally.
fn path_through(points: &[Point]) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        if i == 0 {
            d.push_str(&format!("M{:.1},{:.1}", p.x, p.y));
        } else {
            let q = points[i - 1];
            let dx = (p.x - q.x) / 2.0;
            d.push_str(&format!(
                " C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                q.x + dx,
                q.y,
                p.x - dx,
                p.y,
                p.x,
                p.y
            ));
        }
    }
    d
}

/// A text label on a background, so no edge can hide it. Widths assume the monospace font at
/// the stylesheet's label size (15 or, presenting, 18 units), whose glyphs are 0.6 em wide.
fn label(class: &'static str, at: Point, lines: &[String], presentation: bool) -> Html {
    let font = if presentation { 18.0 } else { 15.0 };
    let char = 0.61 * font;
    let line_height = 1.25 * font;
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * char + 16.0;
    let height = lines.len() as f64 * line_height + 8.0;
    html! {
        <g class={classes!("label", class)} transform={format!("translate({:.1},{:.1})", at.x, at.y)}>
            <rect x={format!("{:.1}", -width / 2.0)} y={format!("{:.1}", -height / 2.0)}
                width={format!("{width:.1}")} height={format!("{height:.1}")} rx="6" />
            { for lines.iter().enumerate().map(|(i, line)| html! {
                <text x="0" y={format!("{:.1}", -height / 2.0 + 4.0 + line_height * (i as f64 + 0.75))}
                    text-anchor="middle">{ line.clone() }</text>
            }) }
        </g>
    }
}

/// The graph.
#[component]
pub fn GraphView(props: &Props) -> Html {
    let model = &props.model;
    let graph = &model.graph;
    let trace = &model.trace;
    let layout = &model.layout;
    let text = Text {
        digits: DEFAULT_DIGITS,
    };
    let fitted = ViewBox::fit(layout.width, layout.height);
    // A large graph opens on a readable window where the walk starts (the first forward step's
    // node, else the output), and the window follows the walk's current node.
    let start = trace
        .forward()
        .next()
        .map(|step| step.node)
        .unwrap_or(graph.output());
    let at = |id: NodeId| layout.nodes.get(id.index()).map(|p| (p.x, p.y));
    let first = ViewBox::first(layout.width, layout.height, at(start));

    let view = use_state(|| first);
    {
        let view = view.clone();
        use_effect_with(layout.clone(), move |_| view.set(first));
    }
    {
        let view = view.clone();
        let focus = props.current.and_then(|step| match step {
            Step::Forward(s) => at(s.node),
            Step::Backward(s) => at(s.node),
        });
        use_effect_with(focus.map(|(x, y)| (x.to_bits(), y.to_bits())), move |_| {
            if let Some((x, y)) = focus {
                if !view.shows(x, y, 0.1) {
                    view.set(view.centred_on(x, y));
                }
            }
        });
    }
    let svg_ref = use_node_ref();
    let drag: Rc<RefCell<Option<(f64, f64, ViewBox)>>> = use_mut_ref(|| None);

    // Wheel zoom needs a listener that may cancel scrolling, which Yew's are not.
    {
        let view = view.clone();
        let svg_ref = svg_ref.clone();
        use_effect_with((svg_ref.clone(), *view), move |_| {
            let listener = svg_ref.cast::<Element>().map(|svg| {
                let target = svg.clone();
                EventListener::new_with_options(
                    &svg,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let event: &WheelEvent = event.unchecked_ref();
                        event.prevent_default();
                        let rect = target.get_bounding_client_rect();
                        let current = *view;
                        let (scale, ox, oy) = current.scale(rect.width(), rect.height());
                        let px = current.x + (event.client_x() as f64 - rect.left() - ox) * scale;
                        let py = current.y + (event.client_y() as f64 - rect.top() - oy) * scale;
                        view.set(current.zoom((event.delta_y() * 0.0015).exp(), px, py));
                    },
                )
            });
            move || drop(listener)
        });
    }

    let onpointerdown = {
        let drag = drag.clone();
        let view = view.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            if let Some(target) = e
                .current_target()
                .and_then(|t| t.dyn_into::<Element>().ok())
            {
                let _ = target.set_pointer_capture(e.pointer_id());
            }
            *drag.borrow_mut() = Some((e.client_x() as f64, e.client_y() as f64, *view));
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let view = view.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((sx, sy, start)) = *drag.borrow() else {
                return;
            };
            let Some(svg) = svg_ref.cast::<Element>() else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            let (scale, _, _) = start.scale(rect.width(), rect.height());
            view.set(ViewBox {
                x: start.x - (e.client_x() as f64 - sx) * scale,
                y: start.y - (e.client_y() as f64 - sy) * scale,
                ..start
            });
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None)
    };
    let zoom_by = |factor: f64| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            let v = *view;
            view.set(v.zoom(factor, v.x + v.w / 2.0, v.y + v.h / 2.0));
        })
    };
    let fit = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(fitted))
    };

    // What the current step touches.
    let (current_node, forward_now) = match props.current {
        Some(Step::Forward(s)) => (Some(s.node), true),
        Some(Step::Backward(s)) => (Some(s.node), false),
        None => (None, false),
    };
    let duration = format!("{:.2}s", (0.8 / props.speed).clamp(0.15, 1.2));

    // Edge geometry depends only on the layout: worked out once, not on every step.
    let geometry = {
        let graph = graph.clone();
        use_memo(layout.clone(), move |layout| {
            layout
                .edges
                .iter()
                .map(|edge| {
                    let mut points = edge.points.clone();
                    let last = points.len() - 1;
                    points[0].x += out_port(graph.node(edge.from).op);
                    points[last].x += IN_PORT;
                    let path = path_through(&points);
                    (points, path)
                })
                .collect::<Vec<_>>()
        })
    };
    let edges = layout.edges.iter().zip(geometry.iter()).map(|(edge, (points, path))| {
        let path = path.clone();
        let active_forward = forward_now && current_node == Some(edge.to);
        let active_backward = !forward_now && current_node == Some(edge.from);
        let hovered = props.hovered.is_some_and(|h| h == edge.from || h == edge.to);
        let carried = model.adjoint_known(edge.from, props.cursor);
        let class = classes!(
            "edge",
            active_forward.then_some("active-forward"),
            active_backward.then_some("active-backward"),
            hovered.then_some("hovered"),
            carried.then_some("carried"),
        );
        let pulse = if active_forward || active_backward {
            let (motion, carried_text) = if active_backward {
                let reversed: Vec<Point> = points.iter().rev().copied().collect();
                let local = trace.local(graph, edge.to, edge.from);
                let message = trace.adjoint(edge.to) * local;
                (path_through(&reversed), format!("{} × {} = {}", plain(trace.adjoint(edge.to), 4), plain(local, 4), plain(message, 4)))
            } else {
                (path.clone(), plain(trace.value(edge.from), DEFAULT_DIGITS))
            };
            let direction = if active_backward { "backward" } else { "forward" };
            html! {
                <g key={format!("pulse-{}", props.cursor)} class={classes!("pulse", direction)}>
                    <circle r="7" />
                    <text class="carried" y="-13" text-anchor="middle">{ carried_text }</text>
                    <animateMotion dur={duration.clone()} fill="freeze" path={motion} />
                    <animate attributeName="opacity" values="1;1;0" keyTimes="0;0.8;1" dur={duration.clone()} fill="freeze" />
                </g>
            }
        } else {
            html! {}
        };
        html! {
            <g key={format!("{}-{}", edge.from.0, edge.to.0)}>
                <path class={class} d={path} marker-end="url(#arrow)" />
                { pulse }
            </g>
        }
    });

    // Labels for the current step: the formula above a forward node; on each edge of a backward
    // node its local derivative, while the message (adjoint × local derivative) travels along it.
    let mut labels = Vec::new();
    if let Some(node) = current_node {
        let at = layout.nodes[node.index()];
        if forward_now {
            let line = render(
                &text,
                &Math::Eq(vec![
                    Math::name(graph.name(node)),
                    formula(graph, node),
                    Math::Num(trace.value(node)),
                ]),
            );
            labels.push(label(
                "formula",
                Point {
                    x: at.x,
                    y: at.y - 48.0,
                },
                &[line],
                props.presentation,
            ));
        } else {
            // Each local derivative is written by its consumer, on the side away from this node,
            // so the labels of a node with several consumers never meet.
            for term in trace.terms(graph, node) {
                let local = render(
                    &text,
                    &Math::Eq(vec![
                        local_symbol(graph, term.consumer, node),
                        local_formula(graph, term.consumer, node),
                        Math::Num(term.local),
                    ]),
                );
                let consumer = layout.nodes[term.consumer.index()];
                let below = consumer.y > at.y + 1.0;
                let y = if below {
                    consumer.y + 82.0
                } else {
                    consumer.y - 46.0
                };
                labels.push(label(
                    "local",
                    Point {
                        x: consumer.x - 10.0,
                        y,
                    },
                    &[local],
                    props.presentation,
                ));
            }
        }
    }

    let nodes = graph.ids().map(|id| {
        let node = graph.node(id);
        let name = graph.name(id);
        // Written as the lecture writes it (w¹₀,₁, h²₁, c₁); the test id keeps the plain name.
        let shown = display_name(name);
        let at = layout.nodes[id.index()];
        let value_known = model.value_known(id, props.cursor);
        let adjoint_known = model.adjoint_known(id, props.cursor);
        let value = trace.value(id);
        let adjoint = trace.adjoint(id);
        let kind = match node.op {
            Op::Input => "input",
            Op::Const(_) => "const",
            _ => "op",
        };
        let class = classes!(
            "node",
            kind,
            value_known.then_some("computed"),
            adjoint_known.then_some("has-adjoint"),
            (current_node == Some(id)).then_some("current"),
            (props.hovered == Some(id)).then_some("hovered"),
            (value_known && trace.produced_non_finite(graph, id)).then_some("non-finite"),
        );
        let onmouseenter = props.on_hover.reform(move |_: MouseEvent| Some(id));
        let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
        let half = match node.op {
            Op::Input => INPUT_HALF_WIDTH,
            Op::Const(_) => 18.0,
            _ => 20.0,
        };
        let box_x = match node.op {
            Op::Input | Op::Const(_) => -half,
            _ => -6.0,
        };
        let box_w = if matches!(node.op, Op::Input | Op::Const(_)) { 2.0 * half } else { 40.0 };
        let name_x = box_x + box_w / 2.0;
        let description = if value_known {
            format!("{shown} = {}", plain(value, DEFAULT_DIGITS))
        } else {
            format!("{shown}, not computed yet")
        };
        html! {
            <g key={id.0} class={class} data-testid={format!("node-{name}")}
                data-value={if value_known { value.to_string() } else { String::new() }}
                data-adjoint={if adjoint_known { adjoint.to_string() } else { String::new() }}
                transform={format!("translate({:.1},{:.1})", at.x, at.y)}
                {onmouseenter} {onmouseleave}>
                <title>{ description }</title>
                if kind == "op" {
                    <line class="stem" x1="-14" y1="0" x2="-6" y2="0" />
                    <circle class="op-glyph" cx="-32" cy="0" r="19" />
                    <text class={classes!("op-symbol", (node.op.symbol().chars().count() > 2).then_some("long"))}
                        x="-32" y="0" text-anchor="middle" dominant-baseline="central">
                        { node.op.symbol() }
                    </text>
                }
                <rect class="result" x={box_x.to_string()} y="-16" width={box_w.to_string()} height="32" rx="7" />
                <text class="name" x={name_x.to_string()} y="0" text-anchor="middle" dominant-baseline="central">
                    { if kind == "const" { plain(value, 4) } else { shown.clone() } }
                </text>
                if value_known && kind != "const" {
                    <text class="value" x={name_x.to_string()} y="34" text-anchor="middle">
                        { format!("= {}", plain(value, DEFAULT_DIGITS)) }
                    </text>
                }
                if adjoint_known && kind != "const" {
                    <text class="adjoint" x={name_x.to_string()} y="54" text-anchor="middle">
                        { format!("∂{}/∂{shown} = {}", display_name(graph.name(graph.output())), plain(adjoint, DEFAULT_DIGITS)) }
                    </text>
                }
            </g>
        }
    });

    html! {
        <figure class={classes!("graph", props.stale.then_some("stale"))} aria-label="Computational graph">
            <div class="graph-tools" role="toolbar" aria-label="Zoom">
                <button type="button" aria-label="Zoom in" title="Zoom in (+)" onclick={zoom_by(1.0 / 1.25)}>{ "+" }</button>
                <button type="button" aria-label="Zoom out" title="Zoom out (−)" onclick={zoom_by(1.25)}>{ "−" }</button>
                <button type="button" aria-label="Fit the graph to the screen" title="Fit (0)" onclick={fit}>{ "Fit" }</button>
            </div>
            <svg ref={svg_ref} data-testid="graph" xmlns="http://www.w3.org/2000/svg" role="img"
                aria-label={format!("Computational graph of f = {}", model.source)}
                viewBox={view.attribute()} preserveAspectRatio="xMidYMid meet"
                {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse"
                        markerWidth="13" markerHeight="13" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="arrowhead" />
                    </marker>
                </defs>
                <g class="edges">{ for edges }</g>
                <g class="nodes">{ for nodes }</g>
                <g class="labels">{ for labels }</g>
            </svg>
        </figure>
    }
}
