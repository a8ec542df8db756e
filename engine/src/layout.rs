//! Positions for drawing a graph: layered left to right (inputs left, output right), long edges
//! routed through bend points so they never pass through a node, few crossings, deterministic.
//!
//! A small Sugiyama-style layout, written here rather than taken from a crate: the graphs are
//! small, the result must be identical on every run and platform, and the steps (layering, dummy
//! nodes, barycentre ordering, median placement) fit in one readable file.

use serde::Serialize;

use crate::graph::{Graph, NodeId, Place};
use crate::ops::Op;

/// A point in layout units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Point {
    /// Left to right.
    pub x: f64,
    /// Top to bottom.
    pub y: f64,
}

/// How far apart things are placed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spacing {
    /// Between the centres of adjacent layers.
    pub layer: f64,
    /// Between the centres of neighbours within a layer.
    pub node: f64,
    /// Around the whole drawing.
    pub margin: f64,
}

impl Default for Spacing {
    fn default() -> Self {
        Spacing {
            layer: 160.0,
            node: 90.0,
            margin: 60.0,
        }
    }
}

/// An edge from an argument to the node that uses it, as a polyline of its end points and bends.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EdgePath {
    /// The argument node.
    pub from: NodeId,
    /// The consumer.
    pub to: NodeId,
    /// From `from`'s centre through any bends to `to`'s centre.
    pub points: Vec<Point>,
}

/// Where every node and edge goes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Layout {
    /// The centre of each node, by [`NodeId`] index.
    pub nodes: Vec<Point>,
    /// The layer (column) of each node, by [`NodeId`] index.
    pub layers: Vec<usize>,
    /// One path per (argument, consumer) pair.
    pub edges: Vec<EdgePath>,
    /// The drawing's width, margins included.
    pub width: f64,
    /// The drawing's height, margins included.
    pub height: f64,
    /// When a graph's groups are drawn folded but one: which.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fold: Option<Fold>,
}

impl Layout {
    /// The node `id` is drawn as: itself, or the summary of the folded group it is in.
    pub fn shown_as(&self, id: NodeId) -> NodeId {
        self.fold.as_ref().map_or(id, |f| f.shown_as[id.index()])
    }

    /// The group of `graph`'s arrangement (by index) that `id` is the summary of, when that
    /// group is drawn folded.
    pub fn folded_group(&self, graph: &Graph, id: NodeId) -> Option<usize> {
        let fold = self.fold.as_ref()?;
        graph
            .arrangement()?
            .groups
            .iter()
            .position(|g| g.summary == id)
            .filter(|&g| g != fold.open)
    }
}

/// One group of an arranged graph drawn open and the others folded, each as its summary node.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fold {
    /// The group drawn open, by its index in the arrangement.
    pub open: usize,
    /// The node each node is drawn as, by [`NodeId`] index: itself, or the summary of the
    /// folded group it is in (placed there, and not drawn).
    pub shown_as: Vec<NodeId>,
}

/// Bends for long edges, per node of the graph: the layout's memory and time stay linear.
const BEND_BUDGET_PER_NODE: usize = 4;

/// A vertex of the layered graph: a real node or a bend point of a long edge.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Vertex {
    Node(NodeId),
    Bend,
}

/// Lays out `graph` with the given spacing.
pub fn layout(graph: &Graph, spacing: Spacing) -> Layout {
    if let Some(arrangement) = graph.arrangement() {
        return arranged(graph, &arrangement.places, None, spacing);
    }
    let layers_of = assign_layers(graph);
    let layer_count = layers_of.iter().max().map_or(0, |&l| l + 1);

    // Vertices per layer, and edges between adjacent layers (by vertex index). A long edge gets
    // a bend in each layer it crosses, so it never passes through a node, but only while the
    // bends stay within a budget linear in the graph: a variable used by every link of a long
    // chain (x + x + … + x) would otherwise need a number of bends that grows with the square of
    // the chain. The shortest long edges get their bends first; the rest are drawn direct.
    let mut vertices: Vec<Vertex> = graph.ids().map(Vertex::Node).collect();
    let mut layer_of_vertex = layers_of.clone();
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); vertices.len()];
    let mut above: Vec<Vec<usize>> = vec![Vec::new(); vertices.len()];
    let mut pairs: Vec<(NodeId, NodeId)> = Vec::with_capacity(graph.edge_count());
    for to in graph.ids() {
        let mut seen = Vec::with_capacity(2);
        for &from in graph.args(to) {
            if !seen.contains(&from) {
                seen.push(from);
                pairs.push((from, to));
            }
        }
    }
    let span = |&(from, to): &(NodeId, NodeId)| layers_of[to.index()] - layers_of[from.index()];
    let mut by_span: Vec<usize> = (0..pairs.len()).filter(|&e| span(&pairs[e]) > 1).collect();
    crate::sort::sort_by_key(&mut by_span, |&e| span(&pairs[e]));
    let mut bent = vec![false; pairs.len()];
    let mut budget = BEND_BUDGET_PER_NODE * graph.len();
    for e in by_span {
        let bends = span(&pairs[e]) - 1;
        if bends > budget {
            break;
        }
        budget -= bends;
        bent[e] = true;
    }
    let mut chains: Vec<(NodeId, NodeId, Option<Vec<usize>>)> = Vec::with_capacity(pairs.len());
    for (e, &(from, to)) in pairs.iter().enumerate() {
        if span(&pairs[e]) > 1 && !bent[e] {
            chains.push((from, to, None));
            continue;
        }
        let mut chain = Vec::new();
        let mut previous = from.index();
        for layer in layers_of[from.index()] + 1..layers_of[to.index()] {
            let bend = vertices.len();
            vertices.push(Vertex::Bend);
            layer_of_vertex.push(layer);
            below.push(Vec::new());
            above.push(Vec::new());
            below[bend].push(previous);
            above[previous].push(bend);
            chain.push(bend);
            previous = bend;
        }
        below[to.index()].push(previous);
        above[previous].push(to.index());
        chains.push((from, to, Some(chain)));
    }

    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (v, &layer) in layer_of_vertex.iter().enumerate() {
        rows[layer].push(v);
    }
    order_rows(&mut rows, &below, &above, vertices.len());
    let ys = place_rows(&rows, &below, &above, vertices.len(), spacing.node);

    let min_y = ys.iter().copied().fold(f64::INFINITY, f64::min);
    let max_y = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let offset = if min_y.is_finite() {
        spacing.margin - min_y
    } else {
        0.0
    };
    let point = |v: usize| Point {
        x: spacing.margin + layer_of_vertex[v] as f64 * spacing.layer,
        y: ys[v] + offset,
    };
    let nodes: Vec<Point> = (0..graph.len()).map(point).collect();
    let edges = chains
        .into_iter()
        .map(|(from, to, chain)| EdgePath {
            from,
            to,
            points: std::iter::once(from.index())
                .chain(chain.unwrap_or_default())
                .chain(std::iter::once(to.index()))
                .map(point)
                .collect(),
        })
        .collect();
    Layout {
        nodes,
        layers: layers_of,
        edges,
        width: 2.0 * spacing.margin + layer_count.saturating_sub(1) as f64 * spacing.layer,
        height: 2.0 * spacing.margin
            + if min_y.is_finite() {
                max_y - min_y
            } else {
                0.0
            },
        fold: None,
    }
}

/// Lays out an arranged graph with its group `open` drawn open, where a lone group would be, and
/// every other group folded into its summary, the summaries stacked in order in the open one's
/// summary column. An edge inside a folded group is not drawn; one that enters or leaves it is
/// drawn to or from its summary (it keeps its own ends, so the step's messages travel along it).
/// A graph without that group is laid out whole.
pub fn folded(graph: &Graph, open: usize, spacing: Spacing) -> Layout {
    let Some((arrangement, opened)) = graph
        .arrangement()
        .and_then(|a| a.groups.get(open).map(|g| (a, g)))
    else {
        return layout(graph, spacing);
    };
    let mut places = arrangement.places.clone();
    let mut shown_as: Vec<NodeId> = graph.ids().collect();
    for &id in &opened.members {
        places[id.index()].row += opened.shift;
    }
    let summary_row = places[opened.summary.index()].row;
    for (g, group) in arrangement.groups.iter().enumerate() {
        if g == open {
            continue;
        }
        for &id in &group.members {
            shown_as[id.index()] = group.summary;
        }
        places[group.summary.index()] = Place {
            row: summary_row + g as f64 - open as f64,
            ..places[opened.summary.index()]
        };
    }
    let mut folded = arranged(graph, &places, Some(&shown_as), spacing);
    folded.fold = Some(Fold { open, shown_as });
    folded
}

/// How much wider than a layer the gap before a column of compact leaves is: their labels sit to
/// their left.
const COMPACT_GAP: f64 = 1.3;

/// The layout an arranged graph asks for: its columns and rows as given, a column of compact
/// leaves with room for their labels on its left, and an edge that skips columns bent through
/// the free gap of each column it crosses nearest its straight line. With `shown_as`, a node
/// drawn as another takes no room and its edges run from and to that other.
fn arranged(
    graph: &Graph,
    places: &[Place],
    shown_as: Option<&[NodeId]>,
    spacing: Spacing,
) -> Layout {
    let shown = |id: NodeId| shown_as.map_or(id, |s| s[id.index()]);
    let drawn: Vec<&Place> = graph
        .ids()
        .filter(|&id| shown(id) == id)
        .map(|id| &places[id.index()])
        .collect();
    let columns = drawn
        .iter()
        .map(|p| p.column as usize + 1)
        .max()
        .unwrap_or(0);
    let mut compact = vec![false; columns];
    for p in &drawn {
        compact[p.column as usize] |= p.compact;
    }
    let mut xs = vec![spacing.margin; columns];
    for c in 1..columns {
        let gap = if compact[c] { 1.0 + COMPACT_GAP } else { 1.0 };
        xs[c] = xs[c - 1] + gap * spacing.layer;
    }
    let top = drawn.iter().map(|p| p.row).fold(f64::INFINITY, f64::min);
    let bottom = drawn
        .iter()
        .map(|p| p.row)
        .fold(f64::NEG_INFINITY, f64::max);
    let y_of = |row: f64| spacing.margin + (row - top) * spacing.node;
    let nodes: Vec<Point> = graph
        .ids()
        .map(|id| {
            let p = places[shown(id).index()];
            Point {
                x: xs[p.column as usize],
                y: y_of(p.row),
            }
        })
        .collect();
    // Each column's free gaps: between neighbours, and above and below all of them.
    let mut rows: Vec<Vec<f64>> = vec![Vec::new(); columns];
    for p in &drawn {
        rows[p.column as usize].push(y_of(p.row));
    }
    let gaps: Vec<Vec<f64>> = rows
        .into_iter()
        .map(|mut ys| {
            crate::sort::sort_floats(&mut ys);
            let mut gaps: Vec<f64> = ys.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
            if let (Some(first), Some(last)) = (ys.first(), ys.last()) {
                gaps.push(first - spacing.node / 2.0);
                gaps.push(last + spacing.node / 2.0);
            }
            gaps
        })
        .collect();
    let mut edges = Vec::with_capacity(graph.edge_count());
    for to in graph.ids() {
        let mut seen: Vec<NodeId> = Vec::with_capacity(2);
        for &from in graph.args(to) {
            if seen.contains(&from) || shown(from) == shown(to) {
                continue;
            }
            seen.push(from);
            let (a, b) = (nodes[from.index()], nodes[to.index()]);
            let first = places[shown(from).index()].column;
            let last = places[shown(to).index()].column;
            let mut points = vec![a];
            for c in first + 1..last {
                let x = xs[c as usize];
                let straight = a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x);
                let y = gaps[c as usize]
                    .iter()
                    .copied()
                    .min_by(|p, q| (p - straight).abs().total_cmp(&(q - straight).abs()))
                    .unwrap_or(straight);
                points.push(Point { x, y });
            }
            points.push(b);
            edges.push(EdgePath { from, to, points });
        }
    }
    Layout {
        nodes,
        layers: graph
            .ids()
            .map(|id| places[shown(id).index()].column as usize)
            .collect(),
        edges,
        width: 2.0 * spacing.margin + xs.last().map_or(0.0, |x| x - spacing.margin),
        height: 2.0 * spacing.margin + (bottom - top).max(0.0) * spacing.node,
        fold: None,
    }
}

/// Inputs in layer 0; an operation one right of its furthest argument; a constant just left of
/// its first consumer, so it does not drag a long edge across the drawing.
fn assign_layers(graph: &Graph) -> Vec<usize> {
    let mut layers = vec![0usize; graph.len()];
    for id in graph.ids() {
        if graph.is_operation(id) {
            layers[id.index()] = 1 + graph
                .args(id)
                .iter()
                .filter(|a| !matches!(graph.node(**a).op, Op::Const(_)))
                .map(|a| layers[a.index()])
                .max()
                .unwrap_or(0);
        }
    }
    for id in graph.ids() {
        if matches!(graph.node(id).op, Op::Const(_)) {
            layers[id.index()] = graph
                .consumers(id)
                .iter()
                .map(|c| layers[c.index()])
                .min()
                .map_or(0, |l| l.saturating_sub(1));
        }
    }
    layers
}

/// Orders each row by the barycentre of its neighbours, sweeping right then left a few times,
/// and keeps the ordering with the fewest crossings.
fn order_rows(rows: &mut [Vec<usize>], below: &[Vec<usize>], above: &[Vec<usize>], n: usize) {
    // Buffers reused across rows and sweeps: a chain of 20,000 layers would otherwise allocate
    // for every row of every sweep.
    let mut position = vec![0.0f64; n];
    for row in rows.iter() {
        for (i, &v) in row.iter().enumerate() {
            position[v] = i as f64;
        }
    }
    let mut scratch = Crossings::default();
    let mut best = position.clone();
    let mut best_crossings = scratch.count(rows, below, &position);
    let mut keyed: Vec<(f64, f64)> = Vec::new();
    let mut reordered: Vec<usize> = Vec::new();
    for sweep in 0..8 {
        let forward = sweep % 2 == 0;
        let neighbours = if forward { below } else { above };
        let order: Box<dyn Iterator<Item = usize>> = if forward {
            Box::new(1..rows.len())
        } else {
            Box::new((0..rows.len().saturating_sub(1)).rev())
        };
        for r in order {
            keyed.clear();
            keyed.extend(rows[r].iter().map(|&v| {
                let ns = &neighbours[v];
                let key = if ns.is_empty() {
                    position[v]
                } else {
                    ns.iter().map(|&u| position[u]).sum::<f64>() / ns.len() as f64
                };
                // Ties keep the row's order: position[v] is v's place in it.
                (key, position[v])
            }));
            sort_pairs(&mut keyed);
            reordered.clear();
            reordered.extend(keyed.iter().map(|&(_, place)| rows[r][place as usize]));
            for (i, (slot, &v)) in rows[r].iter_mut().zip(&reordered).enumerate() {
                *slot = v;
                position[v] = i as f64;
            }
        }
        let count = scratch.count(rows, below, &position);
        if count < best_crossings {
            best_crossings = count;
            best.copy_from_slice(&position);
        }
    }
    // Positions within a row are distinct whole numbers, so they give back the best order.
    for row in rows.iter_mut() {
        crate::sort::sort_by(row, |&a, &b| best[a].total_cmp(&best[b]));
    }
}

/// Buffers for counting edge crossings, kept between counts.
#[derive(Default)]
struct Crossings {
    edges: Vec<(f64, f64)>,
    lower: Vec<f64>,
    merged: Vec<f64>,
}

impl Crossings {
    /// Edge crossings between adjacent rows: pairs of edges whose ends are in opposite order.
    fn count(&mut self, rows: &[Vec<usize>], below: &[Vec<usize>], position: &[f64]) -> usize {
        let mut total = 0;
        for row in rows.iter().skip(1) {
            self.edges.clear();
            self.edges.extend(
                row.iter()
                    .flat_map(|&v| below[v].iter().map(move |&u| (position[u], position[v]))),
            );
            sort_pairs(&mut self.edges);
            // Count inversions in the lower ends by merge sort: O(E log E).
            self.lower.clear();
            self.lower.extend(self.edges.iter().map(|e| e.1));
            total += inversions(&mut self.lower, &mut self.merged);
        }
        total
    }
}

/// Sorts pairs by their first number, then their second. The standard library's sort, one copy
/// for the two sorts that run thousands of times a layout, where its speed shows
/// ([`crate::sort`] serves the rest).
fn sort_pairs(pairs: &mut [(f64, f64)]) {
    fn by_both(a: &(f64, f64), b: &(f64, f64)) -> std::cmp::Ordering {
        a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))
    }
    pairs.sort_unstable_by(by_both);
}

fn inversions(xs: &mut [f64], merged: &mut Vec<f64>) -> usize {
    if xs.len() < 2 {
        return 0;
    }
    let mid = xs.len() / 2;
    let mut count = inversions(&mut xs[..mid], merged) + inversions(&mut xs[mid..], merged);
    merged.clear();
    let (mut i, mut j) = (0, mid);
    while i < mid && j < xs.len() {
        if xs[j] < xs[i] {
            count += mid - i;
            merged.push(xs[j]);
            j += 1;
        } else {
            merged.push(xs[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&xs[i..mid]);
    merged.extend_from_slice(&xs[j..]);
    xs.copy_from_slice(merged);
    count
}

/// Vertical positions: each vertex pulled toward the mean of its neighbours, then pushed apart to
/// keep its row's order and the minimum gap.
fn place_rows(
    rows: &[Vec<usize>],
    below: &[Vec<usize>],
    above: &[Vec<usize>],
    n: usize,
    gap: f64,
) -> Vec<f64> {
    let mut y = vec![0.0f64; n];
    for row in rows {
        let half = (row.len() as f64 - 1.0) / 2.0;
        for (i, &v) in row.iter().enumerate() {
            y[v] = (i as f64 - half) * gap;
        }
    }
    let mut placed: Vec<f64> = Vec::new();
    for round in 0..6 {
        let order: Box<dyn Iterator<Item = &Vec<usize>>> = if round % 2 == 0 {
            Box::new(rows.iter())
        } else {
            Box::new(rows.iter().rev())
        };
        for row in order {
            placed.clear();
            placed.extend(row.iter().map(|&v| {
                let count = below[v].len() + above[v].len();
                if count == 0 {
                    y[v]
                } else {
                    below[v].iter().chain(&above[v]).map(|&u| y[u]).sum::<f64>() / count as f64
                }
            }));
            spread(&mut placed, gap);
            for (&v, &p) in row.iter().zip(&placed) {
                y[v] = p;
            }
        }
    }
    y
}

/// Moves `y` (the desired positions, in row order) as little as the order and the minimum gap
/// allow (centred on the desired mean where they must spread).
fn spread(y: &mut [f64], gap: f64) {
    let desired_sum: f64 = y.iter().sum();
    for i in 1..y.len() {
        y[i] = y[i].max(y[i - 1] + gap);
    }
    let shift = (desired_sum - y.iter().sum::<f64>()) / y.len().max(1) as f64;
    for v in y.iter_mut() {
        *v += shift;
    }
    // The shift may pull the first few closer to their desired places than the gap allows.
    for i in 1..y.len() {
        y[i] = y[i].max(y[i - 1] + gap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Sharing;

    fn lecture() -> (Graph, Layout) {
        let graph = Graph::parse(
            "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))",
            Sharing::Merged,
        )
        .unwrap();
        let layout = layout(&graph, Spacing::default());
        (graph, layout)
    }

    #[test]
    fn the_lectures_graph_runs_left_to_right() {
        let (_, layout) = lecture();
        assert_eq!(layout.layers, [0, 1, 2, 3, 4, 4, 5]);
        let xs: Vec<f64> = layout.nodes.iter().map(|p| p.x).collect();
        assert!(xs.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn the_long_edge_bends_around_b() {
        let (graph, layout) = lecture();
        let a_to_c = layout
            .edges
            .iter()
            .find(|e| graph.name(e.from) == "a" && graph.name(e.to) == "c")
            .unwrap();
        assert_eq!(a_to_c.points.len(), 3);
        let bend = a_to_c.points[1];
        let b = layout.nodes[2];
        assert_eq!(bend.x, b.x);
        assert!((bend.y - b.y).abs() >= Spacing::default().node);
    }

    #[test]
    fn no_two_nodes_overlap_and_the_lectures_graph_has_no_crossings() {
        let (_, layout) = lecture();
        for (i, p) in layout.nodes.iter().enumerate() {
            for q in &layout.nodes[i + 1..] {
                assert!(p.x != q.x || (p.y - q.y).abs() >= Spacing::default().node - 1e-9);
            }
        }
        assert_eq!(count_crossings(&layout), 0);
    }

    fn count_crossings(layout: &Layout) -> usize {
        let segments: Vec<(Point, Point)> = layout
            .edges
            .iter()
            .flat_map(|e| {
                e.points
                    .windows(2)
                    .map(|w| (w[0], w[1]))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut count = 0;
        for (i, s) in segments.iter().enumerate() {
            for t in &segments[i + 1..] {
                if s.0.x == t.0.x && s.1.x == t.1.x && (s.0.y - t.0.y) * (s.1.y - t.1.y) < 0.0 {
                    count += 1;
                }
            }
        }
        count
    }

    #[test]
    fn layout_is_deterministic_and_handles_big_graphs() {
        let source = (0..300)
            .map(|i| format!("sin(x*{i})"))
            .collect::<Vec<_>>()
            .join(" + ");
        let graph = Graph::parse(&source, Sharing::Merged).unwrap();
        let first = layout(&graph, Spacing::default());
        assert_eq!(first, layout(&graph, Spacing::default()));
        assert_eq!(first.nodes.len(), graph.len());
    }

    #[test]
    fn a_variable_used_by_every_link_of_a_long_chain_costs_linear_room() {
        // 20,000 nodes: the largest graph the app draws.
        for terms in [1000, 4000, 19_999] {
            let source = vec!["x"; terms].join(" + ");
            let graph = Graph::parse(&source, Sharing::Merged).unwrap();
            let drawn = layout(&graph, Spacing::default());
            let points: usize = drawn.edges.iter().map(|e| e.points.len()).sum();
            assert!(
                points <= (BEND_BUDGET_PER_NODE + 3) * (graph.len() + graph.edge_count()),
                "{terms} terms: {points} points for {} nodes",
                graph.len()
            );
            assert_eq!(drawn.edges.len(), graph.edge_count());
            assert!(drawn
                .nodes
                .iter()
                .all(|p| p.x.is_finite() && p.y.is_finite()));
        }
    }
}
