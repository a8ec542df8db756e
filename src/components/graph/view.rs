//! The computational graph as SVG, drawn from the engine's layout: operations as blue circles,
//! results as orange boxes (the lecture's convention), values and adjoints appearing as the walk
//! reaches them, and the current step's messages travelling along their edges.
//!
//! The camera ([`crate::camera`]) shows the whole graph when it reads at full view and then never
//! moves by itself; a larger graph is read through a window that follows the walk smoothly. Drag
//! pans, the wheel and a pinch zoom about the pointer, a click selects a node without moving
//! anything; after the user has moved the view it stays where they put it until Fit or another
//! expression.

use chainrule::render::text::display_name;
use chainrule::trace::Step;
use chainrule::NodeId;
use yew::prelude::*;

use super::edge::{edge, State, ARROW};
use super::geometry::TEXT;
use super::gestures::use_gestures;
use super::node::NodeView;
use super::overlay::{labels, messages, pulses};
use super::scene::{scene, EdgeLine};
use super::screen::use_screen;
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
    /// The parameter whose update is the step just taken (the update phase), if any.
    #[prop_or_default]
    pub updating: Option<NodeId>,
    /// The parameters updated so far in the update phase, with their new values.
    #[prop_or_default]
    pub updated: Vec<(NodeId, f64)>,
    /// Called to draw one point of a batch open and the others folded (None: all open).
    #[prop_or_default]
    pub on_fold: Callback<Option<usize>>,
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

/// How far beyond the screen, as a fraction of it, nodes are drawn; a camera move longer than
/// this is a cut rather than a glide (a glide would uncover nodes not yet drawn).
const REACH: f64 = 0.35;

/// The most edges in the page at once. A variable used by every link of a long chain (x + x + …)
/// sends a fan of thousands of edges across any view of it; past this many, the edges with an end
/// in view are drawn and of the rest the shortest, and the page stays quick.
const MAX_EDGES: usize = 600;
/// Pixels along the top of the drawing where the zoom buttons sit.
const TOOL_BAND: f64 = 44.0;

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

    let viewport = use_node_ref();
    let framing = use_state(|| Framing::Auto);
    let followed = use_mut_ref(|| None::<Camera>);
    let shown = use_mut_ref(|| None::<Camera>);

    let screen = use_screen(viewport.clone());
    // Another graph: the app frames it afresh.
    {
        let framing = framing.clone();
        let followed = followed.clone();
        use_effect_with(model.layout.clone(), move |_| {
            framing.set(Framing::Auto);
            *followed.borrow_mut() = None;
        });
    }

    let size = screen.unwrap_or(Screen { w: 800.0, h: 420.0 });
    let (current_node, forward_now) = match props.current {
        Some(Step::Forward(s)) => (Some(s.node), true),
        Some(Step::Backward(s)) => (Some(s.node), false),
        None => (props.updating, false),
    };
    // An update reads only its own node: no edge carries it, no message travels.
    let updating_now = props.current.is_none() && props.updating.is_some();
    // The current node and the nodes its step reads: its arguments going forward, its
    // consumers going backward.
    let focus = current_node
        .or_else(|| trace.forward().next().map(|s| s.node))
        .map(|node| {
            let reads: &[NodeId] = if updating_now {
                &[]
            } else if forward_now || current_node.is_none() {
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

    let gestures = use_gestures(
        viewport.clone(),
        shown.clone(),
        framing.clone(),
        props.on_select.clone(),
    );
    let zoom_about = gestures.zoom_about.clone();

    // +, − and 0 zoom and fit, as the buttons do.
    {
        let framing = framing.clone();
        let zoom_about = zoom_about.clone();
        use_effect_with(size, move |size| {
            let (w, h) = (size.w, size.h);
            let listener = keyboard::listen(move |key| {
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

    let zoom_by = |factor: f64| {
        let zoom_about = zoom_about.clone();
        Callback::from(move |_: MouseEvent| zoom_about(factor, size.w / 2.0, size.h / 2.0))
    };
    let fit = {
        let framing = framing.clone();
        Callback::from(move |_: MouseEvent| framing.set(Framing::Auto))
    };

    // Only what is on screen or near it is in the page: a graph of any size costs what a
    // screenful costs, and the camera's glides (a longer move is a cut) find it drawn.
    let on_screen = camera.visible(size);
    let (reach_x, reach_y) = (on_screen.w * REACH, on_screen.h * REACH);
    let near = on_screen.padded(reach_x, reach_y, reach_x, reach_y);
    let mut shown: Vec<&EdgeLine> = scene
        .edges
        .iter()
        .filter(|e| e.bounds.meets(near))
        .collect();
    if shown.len() > MAX_EDGES {
        let inside = |id: NodeId| scene.nodes[id.index()].room.meets(near);
        chainrule::sort::sort_by(&mut shown, |a, b| {
            let ends = |e: &EdgeLine| !(inside(e.from) || inside(e.to));
            ends(a)
                .cmp(&ends(b))
                .then(a.bounds.w.total_cmp(&b.bounds.w))
        });
        shown.truncate(MAX_EDGES);
    }
    let edges = shown.into_iter().map(|e| {
        let (from, to) = (e.from, e.to);
        let state = State {
            forward: forward_now && current_node == Some(to),
            backward: !forward_now && !updating_now && current_node == Some(from),
            highlighted: props.highlighted.is_some_and(|h| h == from || h == to),
            carried: model.adjoint_known(from, props.cursor),
        };
        edge(format!("{}-{}", from.0, to.0), &e.points, state)
    });
    let step = current_node
        .filter(|_| !updating_now)
        .map(|node| (node, forward_now));
    let pulses = step.map_or_else(Vec::new, |step| {
        messages(
            pulses(&scene, model, step, on_screen),
            props.cursor,
            props.speed,
        )
    });
    let bounds = Rect {
        y: on_screen.y + band / camera.scale,
        h: on_screen.h - band / camera.scale,
        ..on_screen
    };
    let labels = step.map_or_else(Vec::new, |step| {
        labels(&scene, model, step, on_screen, bounds)
    });

    // A batch drawn with one point open: the others' nodes are drawn as their losses, which
    // light up for every step inside them and open their point when clicked.
    let shown_as = |id: NodeId| model.layout.shown_as(id);
    let groups = graph.arrangement().map_or(&[][..], |a| &a.groups[..]);
    let folded_group = |id: NodeId| model.layout.folded_group(graph, id);
    let function = AttrValue::from(display_name(graph.name(graph.output())));
    let nodes = graph.ids().filter(|&id| shown_as(id) == id && scene.nodes[id.index()].room.meets(near)).map(|id| {
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
                updated={props.updated.iter().find(|u| u.0 == id).map(|u| u.1)}
                current={current_node.map(shown_as) == Some(id)}
                highlighted={props.highlighted.map(shown_as) == Some(id)}
                non_finite={value.is_some() && trace.produced_non_finite(graph, id)}
                folded={folded_group(id).map(|g| AttrValue::from(format!(
                    "Training point {}: its pass folded into {} ({} nodes). Click to open it.",
                    g + 1, drawn.shown, groups[g].members.len())))}
                on_hover={props.on_hover.clone()}
                on_select={match folded_group(id) {
                    Some(g) => props.on_fold.reform(move |_| Some(g)),
                    None => props.on_select.clone(),
                }} />
        }
    });
    let fold_menu = (!groups.is_empty()).then(|| {
        let k = groups.len();
        let open = model.layout.fold.as_ref().map(|f| f.open);
        let on_fold = props.on_fold.clone();
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            on_fold.emit(value.parse::<usize>().ok());
        });
        html! {
            <select data-testid="fold" aria-label="Points drawn open (f)" title="Points drawn open (f)" {onchange}>
                <option value="all" selected={open.is_none()}>{ format!("All {k} points") }</option>
                { for (0..k).map(|g| html! {
                    <option value={g.to_string()} selected={open == Some(g)}>
                        { format!("Point {} open, {} folded", g + 1, k - 1) }
                    </option>
                }) }
            </select>
        }
    });

    let whole = on_screen.x <= extent.x + 1.0
        && on_screen.y <= extent.y + 1.0
        && on_screen.x + on_screen.w >= extent.x + extent.w - 1.0
        && on_screen.y + on_screen.h >= extent.y + extent.h - 1.0;
    html! {
        <figure class={classes!("graph", props.stale.then_some("stale"), (gestures.dragging || leap).then_some("still"))}
            aria-label="Computational graph">
            <div class="graph-tools" role="toolbar" aria-label="Zoom" data-control="zoom">
                { for fold_menu }
                <button type="button" aria-label="Zoom in (+)" title="Zoom in (+)" data-testid="zoom-in" onclick={zoom_by(1.25)}>{ "+" }</button>
                <button type="button" aria-label="Zoom out (−)" title="Zoom out (−)" data-testid="zoom-out" onclick={zoom_by(0.8)}>{ "−" }</button>
                <button type="button" aria-label="Fit the graph to the screen (0)" title="Fit (0)" data-testid="fit"
                    aria-pressed={matches!(*framing, Framing::Auto).to_string()} onclick={fit}>{ "Fit" }</button>
            </div>
            <div ref={viewport} class="viewport" data-testid="graph"
                data-extent={format!("{:.1} {:.1} {:.1} {:.1}", extent.x, extent.y, extent.w, extent.h)}
                data-scale={format!("{:.4}", camera.scale)} data-whole={whole.to_string()}
                data-nodes={graph.len().to_string()}
                onpointerdown={gestures.onpointerdown} onpointermove={gestures.onpointermove}
                onpointerup={gestures.onpointerup.clone()} onpointercancel={gestures.onpointerup.clone()}
                onlostpointercapture={gestures.onpointerup} onclick={gestures.onclick}>
                // The whole drawing at one pixel per unit, moved and scaled as one layer: the
                // browser composites a camera move instead of repainting every node.
                <svg class="scene" data-testid="graph-drawing" xmlns="http://www.w3.org/2000/svg" role="img"
                    aria-label={format!("Computational graph of {} = {}", function, model.source)}
                    width={format!("{:.0}", extent.w)} height={format!("{:.0}", extent.h)}
                    viewBox={format!("{:.1} {:.1} {:.1} {:.1}", extent.x, extent.y, extent.w, extent.h)}
                    style={format!("transform: {}", camera.transform((extent.x, extent.y)))}>
                    <defs>{ Html::from_html_unchecked(AttrValue::from(ARROW)) }</defs>
                    <g class="edges">{ for edges }</g>
                    <g class="nodes">{ for nodes }</g>
                    <g class="pulses">{ for pulses.into_iter() }</g>
                    <g class="labels">{ for labels.iter().map(|l| l.view()) }</g>
                </svg>
            </div>
        </figure>
    }
}
