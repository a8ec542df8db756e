//! What the graph's drawing is, worked out once per graph and layout: each node's names, shape,
//! place and room, each edge's path from port to port, and the drawing's extent.

use chainrule::layout::Point;
use chainrule::render::number::plain;
use chainrule::render::text::display_name;
use chainrule::NodeId;
use yew::AttrValue;

use super::geometry::{ports, room, Kind};
use crate::camera::Rect;
use crate::session::Model;

/// Below the layout's last row, room for the adjoint labels and the local derivatives.
const BOTTOM_ROOM: f64 = 24.0;

/// What is drawn for one node, worked out once per layout.
#[derive(PartialEq)]
pub struct Drawn {
    /// The text in its box: a constant's value, else its name.
    pub boxed: AttrValue,
    /// Its name as the lecture writes it.
    pub shown: AttrValue,
    /// Its name in the graph.
    pub name: AttrValue,
    /// How it is drawn.
    pub kind: Kind,
    /// Its operation's symbol.
    pub symbol: AttrValue,
    /// A leaf packed beside the node it feeds.
    pub compact: bool,
    /// Its centre.
    pub at: (f64, f64),
    /// The room it and its labels take.
    pub room: Rect,
}

/// One edge's line: its points from port to port, its ends and its bounds. Its SVG path is
/// written only when it is drawn: a large graph has far more edges than a screen shows.
#[derive(PartialEq)]
pub struct EdgeLine {
    /// Its points, from the argument's port to the consumer's.
    pub points: Vec<Point>,
    /// The argument.
    pub from: NodeId,
    /// The consumer.
    pub to: NodeId,
    /// The box around its points.
    pub bounds: Rect,
}

/// Everything about the drawing that depends only on the graph and its layout.
#[derive(PartialEq)]
pub struct Scene {
    /// Every node, by id.
    pub nodes: Vec<Drawn>,
    /// Every edge, from port to port.
    pub edges: Vec<EdgeLine>,
    /// Where the drawing lies, labels included.
    pub extent: Rect,
}

/// The drawing of `model`'s graph as its layout places it.
pub fn scene(model: &Model) -> Scene {
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
            EdgeLine {
                points,
                from: edge.from,
                to: edge.to,
                bounds,
            }
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
