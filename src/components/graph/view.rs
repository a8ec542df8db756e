//! The computational graph as SVG, drawn from the engine's layout: operations as blue circles,
//! results as orange boxes (the lecture's convention), values and adjoints appearing as the walk
//! reaches them, and the current step's messages travelling along their edges.
//!
//! The camera ([`crate::camera`]) shows the whole graph when it reads at full view and then never
//! moves by itself; a larger graph is read through a window that follows the walk smoothly. Drag
//! pans, the wheel and a pinch zoom about the pointer, a click selects a node without moving
//! anything; after the user has moved the view it stays where they put it until Fit or another
//! expression.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chainrule::layout::Point;
use chainrule::render::derivation::{formula, local_formula, local_symbol};
use chainrule::render::math::Math;
use chainrule::render::notation::render;
use chainrule::render::number::{plain, DEFAULT_DIGITS};
use chainrule::render::text::{display_name, Text};
use chainrule::trace::Step;
use chainrule::NodeId;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent, ResizeObserver, WheelEvent};
use yew::prelude::*;

use super::edge::{edge, path_through, State};
use super::geometry::{place_label, ports, room, text_width, Kind, LINES, TEXT};
use super::node::NodeView;
use crate::camera::{automatic, Camera, Framing, Rect, Screen};
use crate::keyboard::{self, Key};
use crate::session::Model;

/// Props of [`GraphView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// What to draw.
    pub model: Model,
    /// How many steps of the walk are done.
    pub cursor: usize,
    /// The step just taken.
    pub current: Option<Step>,
    /// The node highlighted (under the pointer here or in the derivation, or selected).
    pub highlighted: Option<NodeId>,
    /// True while the expression has an error and this is the last good graph.
    pub stale: bool,
    /// Steps per second, so travelling messages take one step's time.
    pub speed: f64,
    /// Called when the pointer enters (Some) or leaves (None) a node.
    pub on_hover: Callback<Option<NodeId>>,
    /// Called when a node is clicked (Some) or the empty drawing is (None).
    pub on_select: Callback<Option<NodeId>>,
    /// Presentation mode: the type must read from the back of a room.
    pub presentation: bool,
}

/// Pixels per layout unit at which the graph's type is 12 px (normal: 16-unit type) or 18 px
/// (presentation mode: 18-unit type); below it the camera follows the walk instead of fitting.
fn readable(presentation: bool) -> f64 {
    if presentation {
        18.0 / TEXT
    } else {
        12.0 / 16.0
    }
}

/// The largest scale a small graph is drawn at.
fn largest(presentation: bool) -> f64 {
    if presentation {
        2.0
    } else {
        1.6
    }
}

/// Pointer movement, in pixels, before a press becomes a drag rather than a click.
const DRAG_THRESHOLD: f64 = 4.0;
/// Below the layout's last row, room for the adjoint labels and the local derivatives.
const BOTTOM_ROOM: f64 = 24.0;
/// How far beyond the screen, as a fraction of it, nodes are drawn; a camera move longer than
/// this is a cut rather than a glide (a glide would uncover nodes not yet drawn).
const REACH: f64 = 0.35;
/// The most messages drawn travelling at once, and local derivatives written beside them.
const MAX_PULSES: usize = 12;
/// Pixels along the top of the drawing where the zoom buttons sit.
const TOOL_BAND: f64 = 44.0;

/// What is drawn for one node, worked out once per layout.
#[derive(PartialEq)]
struct Drawn {
    /// The text in its box: a constant's value, else its name.
    boxed: AttrValue,
    shown: AttrValue,
    name: AttrValue,
    kind: Kind,
    symbol: AttrValue,
    compact: bool,
    at: (f64, f64),
    room: Rect,
}

/// Everything about the drawing that depends only on the graph and its layout.
#[derive(PartialEq)]
struct Scene {
    nodes: Vec<Drawn>,
    /// Each edge's path, its points from port to port, its ends and its bounds.
    edges: Vec<(AttrValue, Vec<Point>, NodeId, NodeId, Rect)>,
    extent: Rect,
}

fn scene(model: &Model) -> Scene {
    let graph = &model.graph;
    let layout = &model.layout;
    let places = graph.arrangement().map(|a| &a.places);
    let nodes: Vec<Drawn> = graph
        .ids()
        .map(|id| {
            let node = graph.node(id);
            let kind = Kind::of(node.op);
            let shown = display_name(graph.name(id));
            let boxed = match kind {
                Kind::Const => plain(model.trace.value(id), 4),
                _ => shown.clone(),
            };
            let place = places.map(|p| p[id.index()]);
            let p = layout.nodes[id.index()];
            Drawn {
                room: room(kind, &boxed, place, p.x, p.y),
                boxed: boxed.into(),
                name: graph.name(id).to_string().into(),
                shown: shown.into(),
                kind,
                symbol: node.op.symbol().into(),
                compact: place.is_some_and(|p| p.compact),
                at: (p.x, p.y),
            }
        })
        .collect();
    let edges = layout
        .edges
        .iter()
        .map(|edge| {
            let mut points = edge.points.clone();
            let last = points.len() - 1;
            let from = &nodes[edge.from.index()];
            let to = &nodes[edge.to.index()];
            points[0].x += ports(from.kind, &from.boxed).0;
            points[last].x += ports(to.kind, &to.boxed).1;
            let bounds = Rect::around(points.iter().map(|p| (p.x, p.y))).unwrap_or(from.room);
            (
                path_through(&points).into(),
                points,
                edge.from,
                edge.to,
                bounds,
            )
        })
        .collect();
    let extent = Rect::around(nodes.iter().flat_map(|n| {
        let r = n.room;
        [(r.x, r.y), (r.x + r.w, r.y + r.h)]
    }))
    .unwrap_or(Rect {
        x: 0.0,
        y: 0.0,
        w: 1.0,
        h: 1.0,
    });
    // The layout's margins hold the labels; the rooms catch compact leaves' wide labels.
    let margins = Rect {
        x: 0.0,
        y: 0.0,
        w: layout.width,
        h: layout.height + BOTTOM_ROOM,
    };
    let left = extent.x.min(margins.x);
    let top = extent.y.min(margins.y);
    let right = (extent.x + extent.w).max(margins.w);
    let bottom = (extent.y + extent.h).max(margins.h);
    Scene {
        nodes,
        edges,
        extent: Rect {
            x: left,
            y: top,
            w: right - left,
            h: bottom - top,
        },
    }
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

/// A press on the drawing: where it started, the camera then, and whether it became a drag.
#[derive(Clone, Copy, Debug)]
struct Press {
    pointer: i32,
    x: f64,
    y: f64,
    camera: Camera,
    dragging: bool,
}

/// The graph.
#[component]
pub fn GraphView(props: &Props) -> Html {
    let model = &props.model;
    let graph = &model.graph;
    let trace = &model.trace;
    let scene = {
        let model = model.clone();
        use_memo((model.layout.clone(), model.graph.clone()), move |_| {
            scene(&model)
        })
    };
    let extent = scene.extent;

    let svg_ref = use_node_ref();
    let screen = use_state_eq(|| None::<Screen>);
    let framing = use_state(|| Framing::Auto);
    let followed = use_mut_ref(|| None::<Camera>);
    let shown = use_mut_ref(|| None::<Camera>);
    let press = use_mut_ref(|| None::<Press>);
    let touches: Rc<RefCell<HashMap<i32, (f64, f64)>>> = use_mut_ref(HashMap::new);
    let dragged = use_state(|| false);
    // The click that ends a drag is not a click on what lies under it.
    let just_dragged = use_mut_ref(|| false);

    // The screen's size, whenever the element's size changes.
    {
        let screen = screen.clone();
        use_effect_with(svg_ref.clone(), move |svg_ref| {
            let element = svg_ref.cast::<Element>();
            let measure = {
                let element = element.clone();
                move || {
                    if let Some(element) = &element {
                        let rect = element.get_bounding_client_rect();
                        if rect.width() > 0.0 && rect.height() > 0.0 {
                            screen.set(Some(Screen {
                                w: rect.width(),
                                h: rect.height(),
                            }));
                        }
                    }
                }
            };
            measure();
            let callback = Closure::<dyn FnMut()>::new(measure);
            let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, &element) {
                observer.observe(element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    // Another graph: the app frames it afresh.
    {
        let framing = framing.clone();
        let followed = followed.clone();
        use_effect_with(model.layout.clone(), move |_| {
            framing.set(Framing::Auto);
            *followed.borrow_mut() = None;
        });
    }

    let size = (*screen).unwrap_or(Screen { w: 800.0, h: 420.0 });
    let (current_node, forward_now) = match props.current {
        Some(Step::Forward(s)) => (Some(s.node), true),
        Some(Step::Backward(s)) => (Some(s.node), false),
        None => (None, false),
    };
    // The current node and the nodes its step reads: its arguments going forward, its
    // consumers going backward.
    let focus = current_node
        .or_else(|| trace.forward().next().map(|s| s.node))
        .map(|node| {
            let reads: &[NodeId] = if forward_now || current_node.is_none() {
                graph.args(node)
            } else {
                graph.consumers(node)
            };
            let rooms = std::iter::once(node)
                .chain(reads.iter().copied())
                .map(|id| scene.nodes[id.index()].room);
            let rect = Rect::around(rooms.flat_map(|r| [(r.x, r.y), (r.x + r.w, r.y + r.h)]))
                .unwrap_or(extent)
                // Room for the step's formula above and its local derivatives around.
                .padded(40.0, 60.0, 40.0, 40.0);
            (rect, scene.nodes[node.index()].at)
        });
    // The app's framing keeps clear of the zoom buttons' band along the top.
    let inner = Screen {
        w: size.w,
        h: (size.h - TOOL_BAND).max(size.h / 2.0),
    };
    let band = size.h - inner.h;
    let camera = match *framing {
        Framing::User(camera) => camera,
        Framing::Auto => {
            let previous = *followed.borrow();
            let camera = automatic(
                extent,
                inner,
                readable(props.presentation),
                largest(props.presentation),
                focus,
                previous,
            );
            *followed.borrow_mut() = Some(camera);
            Camera {
                y: camera.y - band / camera.scale,
                ..camera
            }
        }
    };
    // A move of more than a screen (Home, End, a jump in the derivation) is a cut, not a glide
    // across everything in between.
    let leap = shown.borrow().is_some_and(|before| {
        (before.x - camera.x).abs() * camera.scale > size.w * REACH
            || (before.y - camera.y).abs() * camera.scale > size.h * REACH
    });
    *shown.borrow_mut() = Some(camera);

    let zoom_about = {
        let framing = framing.clone();
        let shown = shown.clone();
        move |factor: f64, px: f64, py: f64| {
            if let Some(camera) = *shown.borrow() {
                framing.set(Framing::User(camera.zoomed(factor, px, py)));
            }
        }
    };

    // The wheel zooms about the pointer; its listener must be able to stop the page scrolling.
    {
        let zoom_about = zoom_about.clone();
        use_effect_with(svg_ref.clone(), move |svg_ref| {
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
                        // Lines and pages are larger steps than pixels.
                        let unit = match event.delta_mode() {
                            1 => 16.0,
                            2 => 400.0,
                            _ => 1.0,
                        };
                        zoom_about(
                            (-event.delta_y() * unit * 0.0015).exp(),
                            event.client_x() as f64 - rect.left(),
                            event.client_y() as f64 - rect.top(),
                        );
                    },
                )
            });
            move || drop(listener)
        });
    }

    // +, − and 0 zoom and fit, as the buttons do.
    {
        let framing = framing.clone();
        let zoom_about = zoom_about.clone();
        use_effect_with(size, move |size| {
            let (w, h) = (size.w, size.h);
            let listener = keyboard::listen(false, move |key| {
                match key {
                    Key::ZoomIn => zoom_about(1.25, w / 2.0, h / 2.0),
                    Key::ZoomOut => zoom_about(0.8, w / 2.0, h / 2.0),
                    Key::Fit => framing.set(Framing::Auto),
                    _ => return false,
                }
                true
            });
            move || drop(listener)
        });
    }

    // Pointer positions on the drawing. (Yew delegates events from the page's root, so an event's
    // current target is not the drawing: it is named here.)
    let local = {
        let viewport = svg_ref.clone();
        move |e: &PointerEvent| -> (f64, f64) {
            let rect = viewport
                .cast::<Element>()
                .map(|v| v.get_bounding_client_rect());
            match rect {
                Some(r) => (
                    e.client_x() as f64 - r.left(),
                    e.client_y() as f64 - r.top(),
                ),
                None => (e.client_x() as f64, e.client_y() as f64),
            }
        }
    };
    let onpointerdown = {
        let press = press.clone();
        let shown = shown.clone();
        let touches = touches.clone();
        let just_dragged = just_dragged.clone();
        let local = local.clone();
        Callback::from(move |e: PointerEvent| {
            *just_dragged.borrow_mut() = false;
            let (x, y) = local(&e);
            touches.borrow_mut().insert(e.pointer_id(), (x, y));
            if e.button() != 0 || !e.is_primary() {
                return;
            }
            if let Some(camera) = *shown.borrow() {
                *press.borrow_mut() = Some(Press {
                    pointer: e.pointer_id(),
                    x,
                    y,
                    camera,
                    dragging: false,
                });
            }
        })
    };
    let onpointermove = {
        let press = press.clone();
        let framing = framing.clone();
        let touches = touches.clone();
        let shown = shown.clone();
        let dragged = dragged.clone();
        let viewport = svg_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = local(&e);
            // Two fingers: the change in their distance zooms about their midpoint.
            let previous = touches.borrow_mut().insert(e.pointer_id(), (x, y));
            if touches.borrow().len() == 2 {
                let others: Vec<(f64, f64)> = touches
                    .borrow()
                    .iter()
                    .filter(|(&id, _)| id != e.pointer_id())
                    .map(|(_, &p)| p)
                    .collect();
                if let (Some(&(ox, oy)), Some((px, py))) = (others.first(), previous) {
                    let before = (px - ox).hypot(py - oy);
                    let after = (x - ox).hypot(y - oy);
                    if let Some(camera) = *shown.borrow() {
                        if before > 0.0 {
                            framing.set(Framing::User(camera.zoomed(
                                after / before,
                                (x + ox) / 2.0,
                                (y + oy) / 2.0,
                            )));
                        }
                    }
                }
                *press.borrow_mut() = None;
                return;
            }
            let mut current = press.borrow_mut();
            let Some(p) = current.as_mut().filter(|p| p.pointer == e.pointer_id()) else {
                return;
            };
            // A press that ended where we could not see it (outside the window) ends here.
            if e.buttons() & 1 == 0 {
                *current = None;
                return;
            }
            let (dx, dy) = (x - p.x, y - p.y);
            if !p.dragging && dx.hypot(dy) >= DRAG_THRESHOLD {
                p.dragging = true;
                dragged.set(true);
                if let Some(viewport) = viewport.cast::<Element>() {
                    let _ = viewport.set_pointer_capture(e.pointer_id());
                }
            }
            if p.dragging {
                framing.set(Framing::User(p.camera.panned(dx, dy)));
            }
        })
    };
    let onpointerup = {
        let press = press.clone();
        let touches = touches.clone();
        let dragged = dragged.clone();
        let just_dragged = just_dragged.clone();
        Callback::from(move |e: PointerEvent| {
            touches.borrow_mut().remove(&e.pointer_id());
            let ended = press.borrow().filter(|p| p.pointer == e.pointer_id());
            if let Some(p) = ended {
                *just_dragged.borrow_mut() = p.dragging;
                *press.borrow_mut() = None;
                if *dragged {
                    dragged.set(false);
                }
            }
        })
    };
    // A click on the empty drawing clears the selection; a drag is not a click.
    let onclick = {
        let on_select = props.on_select.clone();
        let just_dragged = just_dragged.clone();
        Callback::from(move |e: MouseEvent| {
            if *just_dragged.borrow() {
                return;
            }
            let on_node = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest(".node").ok().flatten())
                .is_some();
            if !on_node {
                on_select.emit(None);
            }
        })
    };
    let zoom_by = |factor: f64| {
        let zoom_about = zoom_about.clone();
        Callback::from(move |_: MouseEvent| zoom_about(factor, size.w / 2.0, size.h / 2.0))
    };
    let fit = {
        let framing = framing.clone();
        Callback::from(move |_: MouseEvent| framing.set(Framing::Auto))
    };

    let duration = format!("{:.2}s", (0.8 / props.speed).clamp(0.15, 1.2));
    // Only what is on screen or near it is in the page: a graph of any size costs what a
    // screenful costs, and the camera's glides (a longer move is a cut) find it drawn.
    let on_screen = camera.visible(size);
    let (reach_x, reach_y) = (on_screen.w * REACH, on_screen.h * REACH);
    let near = on_screen.padded(reach_x, reach_y, reach_x, reach_y);
    let edges = scene
        .edges
        .iter()
        .filter(|e| e.4.meets(near))
        .map(|(d, _, from, to, _)| {
            let state = State {
                forward: forward_now && current_node == Some(*to),
                backward: !forward_now && current_node == Some(*from),
                highlighted: props.highlighted.is_some_and(|h| h == *from || h == *to),
                carried: model.adjoint_known(*from, props.cursor),
            };
            edge(format!("{}-{}", from.0, to.0), d, state)
        });
    // The current step's messages travel along its edges.
    // A message per edge the step uses and the screen shows, at most a dozen: a node used sixty
    // times sends sixty, and a dozen dots say as much.
    let pulses: Vec<Html> = scene.edges.iter().filter(|e| e.4.meets(on_screen)).filter_map(|(d, points, from, to, _)| {
        let forward = forward_now && current_node == Some(*to);
        let backward = !forward_now && current_node == Some(*from);
        if !forward && !backward {
            return None;
        }
        let (motion, carried) = if backward {
            let reversed: Vec<Point> = points.iter().rev().copied().collect();
            let local = trace.local(graph, *to, *from);
            let message = trace.adjoint(*to) * local;
            (
                path_through(&reversed),
                format!("{} × {} = {}", plain(trace.adjoint(*to), 4), plain(local, 4), plain(message, 4)),
            )
        } else {
            (d.to_string(), plain(trace.value(*from), DEFAULT_DIGITS))
        };
        let direction = if backward { "backward" } else { "forward" };
        Some(html! {
            <g key={format!("pulse-{}-{}-{}", props.cursor, from.0, to.0)} class={classes!("pulse", direction)}>
                <circle r="8" />
                <text class="carried" y="-14" text-anchor="middle">{ carried }</text>
                <animateMotion dur={duration.clone()} fill="freeze" path={motion} />
                <animate attributeName="opacity" values="1;1;0" keyTimes="0;0.8;1" dur={duration.clone()} fill="freeze" />
            </g>
        })
    }).take(MAX_PULSES).collect();

    // The current step's formula above a forward node; on each edge of a backward node, its
    // local derivative, written by the consumer, on the side away from this node.
    let text = Text {
        digits: DEFAULT_DIGITS,
    };
    let mut labels = Vec::new();
    let bounds = Rect {
        y: on_screen.y + band / camera.scale,
        h: on_screen.h - band / camera.scale,
        ..on_screen
    };
    if let Some(node) = current_node {
        let (x, y) = scene.nodes[node.index()].at;
        // Nodes near the step (what the labels might cover).
        let near = Rect {
            x: x - 900.0,
            y: y - 600.0,
            w: 1800.0,
            h: 1200.0,
        };
        let mut taken: Vec<Rect> = scene
            .nodes
            .iter()
            .map(|n| n.room)
            .filter(|r| {
                r.x < near.x + near.w
                    && r.x + r.w > near.x
                    && r.y < near.y + near.h
                    && r.y + r.h > near.y
            })
            .collect();
        if forward_now {
            let line = render(
                &text,
                &Math::Eq(vec![
                    Math::name(graph.name(node)),
                    formula(graph, node),
                    Math::Num(trace.value(node)),
                ]),
            );
            let below = y + LINES[2] + 32.0;
            let candidates = [
                (x + 10.0, y - 50.0),
                (x + 10.0, below),
                (x + 10.0, y - 100.0),
            ];
            labels.push(label("formula", &candidates, line, &mut taken, bounds));
        } else {
            // Written only where they can be seen, and a dozen at most: a node used sixty times
            // would get sixty labels, most of them off screen or on top of each other.
            let seen = |id: NodeId| scene.nodes[id.index()].room.meets(on_screen);
            for term in trace
                .terms(graph, node)
                .filter(|t| seen(t.consumer))
                .take(MAX_PULSES)
            {
                let line = render(
                    &text,
                    &Math::Eq(vec![
                        local_symbol(graph, term.consumer, node),
                        local_formula(graph, term.consumer, node),
                        Math::Num(term.local),
                    ]),
                );
                let (cx, cy) = scene.nodes[term.consumer.index()].at;
                let (above, below) = ((cx, cy - 50.0), (cx, cy + LINES[2] + 32.0));
                // On the side away from this node first, so the labels of its consumers part.
                let candidates = if cy > y + 1.0 {
                    [below, above]
                } else {
                    [above, below]
                };
                labels.push(label("local", &candidates, line, &mut taken, bounds));
            }
        }
    }

    let function = AttrValue::from(display_name(graph.name(graph.output())));
    let nodes = graph.ids().filter(|id| scene.nodes[id.index()].room.meets(near)).map(|id| {
        let drawn = &scene.nodes[id.index()];
        let value = model
            .value_known(id, props.cursor)
            .then(|| trace.value(id));
        let adjoint = model
            .adjoint_known(id, props.cursor)
            .then(|| trace.adjoint(id));
        html! {
            <NodeView key={id.0} {id} name={drawn.name.clone()} shown={drawn.shown.clone()} boxed={drawn.boxed.clone()}
                function={function.clone()} kind={drawn.kind} symbol={drawn.symbol.clone()}
                at={drawn.at} compact={drawn.compact} {value} {adjoint}
                current={current_node == Some(id)} highlighted={props.highlighted == Some(id)}
                non_finite={value.is_some() && trace.produced_non_finite(graph, id)}
                on_hover={props.on_hover.clone()} on_select={props.on_select.clone()} />
        }
    });

    let whole = on_screen.x <= extent.x + 1.0
        && on_screen.y <= extent.y + 1.0
        && on_screen.x + on_screen.w >= extent.x + extent.w - 1.0
        && on_screen.y + on_screen.h >= extent.y + extent.h - 1.0;
    html! {
        <figure class={classes!("graph", props.stale.then_some("stale"), (*dragged || leap).then_some("still"))}
            aria-label="Computational graph">
            <div class="graph-tools" role="toolbar" aria-label="Zoom">
                <button type="button" aria-label="Zoom in (+)" title="Zoom in (+)" data-testid="zoom-in" onclick={zoom_by(1.25)}>{ "+" }</button>
                <button type="button" aria-label="Zoom out (−)" title="Zoom out (−)" data-testid="zoom-out" onclick={zoom_by(0.8)}>{ "−" }</button>
                <button type="button" aria-label="Fit the graph to the screen (0)" title="Fit (0)" data-testid="fit"
                    aria-pressed={matches!(*framing, Framing::Auto).to_string()} onclick={fit}>{ "Fit" }</button>
            </div>
            <div ref={svg_ref} class="viewport" data-testid="graph"
                data-extent={format!("{:.1} {:.1} {:.1} {:.1}", extent.x, extent.y, extent.w, extent.h)}
                data-scale={format!("{:.4}", camera.scale)} data-whole={whole.to_string()}
                {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()}
                onpointercancel={onpointerup.clone()} onlostpointercapture={onpointerup} {onclick}>
                // The whole drawing at one pixel per unit, moved and scaled as one layer: the
                // browser composites a camera move instead of repainting every node.
                <svg class="scene" data-testid="graph-drawing" xmlns="http://www.w3.org/2000/svg" role="img"
                    aria-label={format!("Computational graph of {} = {}", function, model.source)}
                    width={format!("{:.0}", extent.w)} height={format!("{:.0}", extent.h)}
                    viewBox={format!("{:.1} {:.1} {:.1} {:.1}", extent.x, extent.y, extent.w, extent.h)}
                    style={format!("transform: {}", camera.transform((extent.x, extent.y)))}>
                    <defs>
                        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse"
                            markerWidth="14" markerHeight="14" orient="auto-start-reverse">
                            <path d="M0,0 L10,5 L0,10 z" class="arrowhead" />
                        </marker>
                    </defs>
                    <g class="edges">{ for edges }</g>
                    <g class="nodes">{ for nodes }</g>
                    <g class="pulses">{ for pulses.into_iter() }</g>
                    <g class="labels">{ for labels }</g>
                </svg>
            </div>
        </figure>
    }
}
