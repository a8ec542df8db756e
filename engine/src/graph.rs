//! The computational graph: an arena of nodes in topological order (every node after its
//! arguments), identical subexpressions merged, operation nodes named a, b, c, ... as in the
//! lecture and the output named f.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use serde::Serialize;

use crate::expr::{parse, Ast, AstKind, ParseError, Span};
use crate::ops::Op;
use crate::render::notation::is_numeric;
use crate::render::number;

/// The index of a node in a [`Graph`]; smaller ids come first in topological order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Whether identical subexpressions share one node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Sharing {
    /// Identical subexpressions are one node: `x^2` computed once (the lecture's graph).
    #[default]
    Merged,
    /// Every occurrence is its own node, as in the syntax tree; variables are still one node each.
    Tree,
}

/// One node: an operation, its arguments and where it came from in the source. Its name is
/// [`Graph::name`].
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What it computes.
    pub op: Op,
    /// The source text of its first occurrence (empty for graphs not built from text).
    pub span: Span,
    args_start: u32,
    args_len: u32,
}

/// A computational graph in topological order.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    nodes: Vec<Node>,
    names: Names,
    args: Vec<NodeId>,
    consumer_start: Vec<u32>,
    consumers: Vec<NodeId>,
    inputs: Vec<NodeId>,
    output: NodeId,
    arrangement: Option<Box<Arrangement>>,
}

/// How a graph built from a structure (a network) is best shown: where each node goes and the
/// order of the backward walk. A typed expression has none; layering and reverse topological
/// order then serve.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrangement {
    /// Each node's place, by [`NodeId`] index.
    pub places: Vec<Place>,
    /// The backward walk: the output first, every node after all of its consumers.
    pub backward: Vec<NodeId>,
    /// Parts that can be folded into one node each (a batch's samples), in order; none for a
    /// graph whose parts are not alike.
    pub groups: Vec<Group>,
}

/// A part of an arranged graph that can be drawn folded, as its summary node alone (one
/// sample's pass in a batch, as its loss), while another part is drawn open.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Its nodes, the summary among them.
    pub members: Vec<NodeId>,
    /// The node it is drawn as when folded.
    pub summary: NodeId,
    /// Rows to move its members by when it is the part drawn open: it then sits where the
    /// nodes of no group (a batch's shared weights) are placed for it.
    pub shift: f64,
}

/// Where one node of an arranged graph goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// The column, from the left.
    pub column: u32,
    /// The row, from the top, in node spacings (fractions pack leaves closer).
    pub row: f64,
    /// A leaf drawn compactly, its labels to its left (a weight beside its neuron).
    pub compact: bool,
}

impl Graph {
    /// Parses `source` and builds its graph.
    pub fn parse(source: &str, sharing: Sharing) -> Result<Graph, ParseError> {
        Ok(Graph::from_ast(&parse(source)?, sharing))
    }

    /// Builds the graph of a parsed expression.
    pub fn from_ast(ast: &Ast, sharing: Sharing) -> Graph {
        let mut builder = GraphBuilder::with_capacity(sharing, ast.nodes.len());
        let mut ids = Vec::with_capacity(ast.nodes.len());
        let mut variables: Vec<Option<NodeId>> = vec![None; ast.variables.len()];
        for node in &ast.nodes {
            let id = match &node.kind {
                AstKind::Number(v) => builder.constant(*v, None, node.span),
                AstKind::Constant(c) => builder.constant(c.value(), Some(c.symbol()), node.span),
                AstKind::Var(v) => *variables[v.0 as usize]
                    .get_or_insert_with(|| builder.input(&ast.variables[v.0 as usize], node.span)),
                AstKind::Apply { op, .. } => {
                    let mut args = [NodeId(0); 2];
                    for (slot, a) in node.args().iter().enumerate() {
                        args[slot] = ids[a.index()];
                    }
                    builder.op(*op, &args[..op.arity()], None, node.span)
                }
            };
            ids.push(id);
        }
        builder.finish(ids.last().copied().unwrap_or(NodeId(0)))
    }

    /// All nodes, in topological order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The node `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// How many nodes there are.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True for a graph with no nodes (never produced by parsing).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The ids of all nodes, in topological order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = NodeId> + ExactSizeIterator {
        (0..self.nodes.len() as u32).map(NodeId)
    }

    /// The argument nodes of `id`, in order (a node may appear twice, as in `x*x`).
    pub fn args(&self, id: NodeId) -> &[NodeId] {
        let node = &self.nodes[id.index()];
        &self.args[node.args_start as usize..(node.args_start + node.args_len) as usize]
    }

    /// The nodes that use `id`, each once, in topological order.
    pub fn consumers(&self, id: NodeId) -> &[NodeId] {
        let i = id.index();
        &self.consumers[self.consumer_start[i] as usize..self.consumer_start[i + 1] as usize]
    }

    /// Positions of `id`'s consumer edges in one flat numbering of all edges, parallel to
    /// [`Graph::consumers`]: for data kept per edge elsewhere (the trace's local derivatives).
    pub fn consumer_edges(&self, id: NodeId) -> std::ops::Range<usize> {
        let i = id.index();
        self.consumer_start[i] as usize..self.consumer_start[i + 1] as usize
    }

    /// How many (argument, consumer) edges there are, counting a repeated argument once.
    pub fn edge_count(&self) -> usize {
        self.consumers.len()
    }

    /// The variables, in order of first appearance.
    pub fn inputs(&self) -> &[NodeId] {
        &self.inputs
    }

    /// The variable called `name`.
    pub fn input(&self, name: &str) -> Option<NodeId> {
        self.inputs
            .iter()
            .copied()
            .find(|&id| self.name(id) == name)
    }

    /// The node whose value is the expression's value.
    pub fn output(&self) -> NodeId {
        self.output
    }

    /// The name of the node `id`.
    pub fn name(&self, id: NodeId) -> &str {
        self.names.get(id.index())
    }

    /// True for nodes that compute something (not variables or constants).
    pub fn is_operation(&self, id: NodeId) -> bool {
        !matches!(self.node(id).op, Op::Input | Op::Const(_))
    }

    /// How the graph is best shown, when it was built from a structure.
    pub fn arrangement(&self) -> Option<&Arrangement> {
        self.arrangement.as_deref()
    }

    /// Whether `arrangement` fits this graph: a place for every node, and a backward walk that
    /// holds each non-constant node up to the output once, after all of its consumers.
    pub fn check_arrangement(&self, arrangement: &Arrangement) -> Result<(), &'static str> {
        if arrangement.places.len() != self.len() {
            return Err("the arrangement does not place every node");
        }
        let walked = |id: NodeId| !matches!(self.node(id).op, Op::Const(_)) && id <= self.output;
        let mut seen = vec![false; self.len()];
        for &id in &arrangement.backward {
            if id.index() >= self.len() || seen[id.index()] || !walked(id) {
                return Err("the backward walk repeats a node or holds one it cannot");
            }
            let consumers_first = self
                .consumers(id)
                .iter()
                .all(|c| *c > self.output || seen[c.index()]);
            if !consumers_first {
                return Err("the backward walk reaches a node before one of its consumers");
            }
            seen[id.index()] = true;
        }
        if self.ids().any(|id| walked(id) && !seen[id.index()]) {
            return Err("the backward walk leaves out a node");
        }
        let mut grouped = vec![false; self.len()];
        for group in &arrangement.groups {
            if !group.members.contains(&group.summary) {
                return Err("a group's summary is not one of its members");
            }
            for &id in &group.members {
                if id.index() >= self.len() || std::mem::replace(&mut grouped[id.index()], true) {
                    return Err("the groups overlap or hold a node the graph does not");
                }
            }
        }
        Ok(())
    }

    /// The same graph, shown as `arrangement` says if it fits (else as any graph is shown).
    pub fn arranged(mut self, arrangement: Arrangement) -> Graph {
        let fits = self.check_arrangement(&arrangement);
        debug_assert_eq!(fits, Ok(()));
        if fits.is_ok() {
            self.arrangement = Some(Box::new(arrangement));
        }
        self
    }
}

/// What makes two nodes the same node: the operation (with its parameter) and the arguments.
type MergeKey = (u8, u64, u32, u32);

fn merge_key(op: Op, args: &[NodeId]) -> MergeKey {
    let (tag, bits) = op.key();
    (
        tag,
        bits,
        args.first().map_or(u32::MAX, |a| a.0),
        args.get(1).map_or(u32::MAX, |a| a.0),
    )
}

fn node_key(nodes: &[Node], args: &[NodeId], id: NodeId) -> MergeKey {
    let node = &nodes[id.index()];
    let start = node.args_start as usize;
    merge_key(node.op, &args[start..start + node.args_len as usize])
}

/// Every node's name in one buffer, so that a graph of 10⁵ nodes does not make 10⁵ allocations.
#[derive(Clone, Debug, Default, PartialEq)]
struct Names {
    text: String,
    ends: Vec<u32>,
}

impl Names {
    fn with_capacity(nodes: usize) -> Self {
        Names {
            text: String::with_capacity(nodes * 3),
            ends: Vec::with_capacity(nodes),
        }
    }

    /// Ends the name being written at the end of the buffer.
    fn close(&mut self) {
        self.ends.push(self.text.len() as u32);
    }

    fn push(&mut self, name: &str) {
        self.text.push_str(name);
        self.close();
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}

/// Builds a [`Graph`] node by node; used by the parser's graph and by anything that makes graphs
/// of its own (a network expanded for one sample).
#[derive(Debug)]
pub struct GraphBuilder {
    sharing: Sharing,
    nodes: Vec<Node>,
    /// The names given so far; empty for nodes still to be lettered.
    names: Names,
    named: Vec<bool>,
    args: Vec<NodeId>,
    inputs: Vec<NodeId>,
    by_name: FxHashMap<String, NodeId>,
    /// The merged nodes by their (operation, arguments): only ids are stored, so the table stays
    /// small enough for the cache even for 10⁵ nodes.
    by_key: HashTable<NodeId>,
}

/// A node's name as given to the builder.
enum Given<'a> {
    Text(&'a str),
    Number(f64),
    Letter,
}

impl GraphBuilder {
    /// An empty builder with room for about `nodes` nodes (growing costs more than guessing).
    pub fn with_capacity(sharing: Sharing, nodes: usize) -> Self {
        let by_key = match sharing {
            Sharing::Merged => HashTable::with_capacity(nodes),
            Sharing::Tree => HashTable::new(),
        };
        GraphBuilder {
            sharing,
            nodes: Vec::with_capacity(nodes),
            names: Names::with_capacity(nodes),
            named: Vec::with_capacity(nodes),
            args: Vec::with_capacity(nodes * 2),
            inputs: Vec::new(),
            by_name: FxHashMap::default(),
            by_key,
        }
    }

    fn push(&mut self, op: Op, args: &[NodeId], name: Given<'_>, span: Span) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        match name {
            Given::Text(text) => self.names.text.push_str(text),
            Given::Number(v) => number::write_exact(&mut self.names.text, v),
            Given::Letter => {}
        }
        self.names.close();
        self.named.push(!matches!(name, Given::Letter));
        self.nodes.push(Node {
            op,
            span,
            args_start: self.args.len() as u32,
            args_len: args.len() as u32,
        });
        self.args.extend_from_slice(args);
        id
    }

    /// The variable `name`, created on first use.
    pub fn input(&mut self, name: &str, span: Span) -> NodeId {
        if let Some(&id) = self.by_name.get(name) {
            return id;
        }
        let id = self.push(Op::Input, &[], Given::Text(name), span);
        self.by_name.insert(name.to_string(), id);
        self.inputs.push(id);
        id
    }

    /// A constant leaf, written as `name` or (None) as its value.
    pub fn constant(&mut self, value: f64, name: Option<&str>, span: Span) -> NodeId {
        let name = name.map_or(Given::Number(value), Given::Text);
        self.shared(Op::Const(value), &[], name, span)
    }

    /// An operation node on earlier nodes, with a name of its own or (None) a letter later.
    pub fn op(&mut self, op: Op, args: &[NodeId], name: Option<&str>, span: Span) -> NodeId {
        debug_assert!(op.accepts(args.len()));
        debug_assert!(args.iter().all(|a| a.index() < self.nodes.len()));
        self.shared(op, args, name.map_or(Given::Letter, Given::Text), span)
    }

    fn shared(&mut self, op: Op, args: &[NodeId], name: Given<'_>, span: Span) -> NodeId {
        // The merge key holds two arguments; a variadic node (a neuron's sum) is never a repeat.
        if self.sharing == Sharing::Tree || op.is_variadic() {
            return self.push(op, args, name, span);
        }
        let key = merge_key(op, args);
        let hash = FxBuildHasher.hash_one(key);
        let (nodes, all_args) = (&self.nodes, &self.args);
        if let Some(&id) = self
            .by_key
            .find(hash, |&id| node_key(nodes, all_args, id) == key)
        {
            return id;
        }
        let id = self.push(op, args, name, span);
        let (nodes, all_args) = (&self.nodes, &self.args);
        self.by_key.insert_unique(hash, id, |&id| {
            FxBuildHasher.hash_one(node_key(nodes, all_args, id))
        });
        id
    }

    /// Finishes the graph with `output` as its value: unnamed operation nodes get the letters
    /// a, b, c, ... in order, skipping names already taken, and an unnamed output is called f.
    pub fn finish(self, output: NodeId) -> Graph {
        let given = |i: usize| self.names.get(i);
        // Numbers (most constants' names) cannot collide with a letter, so they need no look-up.
        let taken: FxHashSet<&str> = (0..self.nodes.len())
            .filter(|&i| self.named[i] && !is_numeric(given(i)))
            .map(given)
            .collect();
        let output_unnamed = self.named.get(output.index()) == Some(&false);
        let output_is_f = output_unnamed && !taken.contains("f");
        let mut names = Names::with_capacity(self.nodes.len());
        let mut letters = Letters::new(&taken);
        for i in 0..self.nodes.len() {
            if self.named[i] {
                names.push(given(i));
            } else if output_is_f && i == output.index() {
                names.push("f");
            } else {
                letters.write_next_free(&mut names.text);
                names.close();
            }
        }
        let (consumer_start, consumers) = consumers_of(&self.nodes, &self.args);
        Graph {
            nodes: self.nodes,
            names,
            args: self.args,
            consumer_start,
            consumers,
            inputs: self.inputs,
            output,
            arrangement: None,
        }
    }
}

/// a, b, ..., z, a1, b1, ..., z1, a2, ... (never f, which names the output)
struct Letters<'t> {
    n: usize,
    /// The round's digits ("" for the first 26 names, then "1", "2", ...).
    suffix: String,
    buffer: String,
    taken: &'t FxHashSet<&'t str>,
    /// Whether any taken name looks like a letter name; if none does, no look-up is needed.
    clashes: bool,
    /// Letters that begin a taken name with a super- or subscript (`a^{1}_{2}`, `x_1`): a node
    /// called `a` or `a1` (shown a₁) beside them would read as one of them, so none is.
    reserved: [bool; 26],
}

impl<'t> Letters<'t> {
    fn new(taken: &'t FxHashSet<&'t str>) -> Self {
        let letter_like = |name: &&str| {
            let mut chars = name.chars();
            chars.next().is_some_and(|c| c.is_ascii_lowercase())
                && chars.all(|c| c.is_ascii_digit())
        };
        let mut reserved = [false; 26];
        for name in taken {
            if let [first @ b'a'..=b'z', b'^' | b'_', ..] = name.as_bytes() {
                reserved[(first - b'a') as usize] = true;
            }
        }
        // Never all of them (the names would run out).
        if reserved.iter().all(|&r| r) {
            reserved = [false; 26];
        }
        Letters {
            n: 0,
            suffix: String::new(),
            buffer: String::new(),
            taken,
            clashes: taken.iter().any(letter_like),
            reserved,
        }
    }

    fn write_next_free(&mut self, out: &mut String) {
        loop {
            let letter = (b'a' + (self.n % 26) as u8) as char;
            if self.n % 26 == 0 && self.n > 0 {
                self.suffix = (self.n / 26).to_string();
            }
            self.n += 1;
            self.buffer.clear();
            self.buffer.push(letter);
            self.buffer.push_str(&self.suffix);
            if self.buffer != "f"
                && !self.reserved[(letter as u8 - b'a') as usize]
                && !(self.clashes && self.taken.contains(self.buffer.as_str()))
            {
                out.push_str(&self.buffer);
                return;
            }
        }
    }
}

/// The consumer lists as one flat array with offsets: each consumer once per argument node.
fn consumers_of(nodes: &[Node], args: &[NodeId]) -> (Vec<u32>, Vec<NodeId>) {
    let distinct = |node: &Node| {
        let a = &args[node.args_start as usize..(node.args_start + node.args_len) as usize];
        let repeat = a.len() == 2 && a[0] == a[1];
        a.iter()
            .take(if repeat { 1 } else { a.len() })
            .copied()
            .collect::<Vec<_>>()
    };
    let mut counts = vec![0u32; nodes.len() + 1];
    for node in nodes {
        for a in distinct(node) {
            counts[a.index() + 1] += 1;
        }
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    let mut fill = counts.clone();
    let mut consumers = vec![NodeId(0); counts[nodes.len()] as usize];
    for (i, node) in nodes.iter().enumerate() {
        for a in distinct(node) {
            consumers[fill[a.index()] as usize] = NodeId(i as u32);
            fill[a.index()] += 1;
        }
    }
    (counts, consumers)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LECTURE: &str = "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))";

    fn describe(graph: &Graph) -> Vec<String> {
        graph
            .ids()
            .map(|id| {
                let args: Vec<&str> = graph.args(id).iter().map(|&a| graph.name(a)).collect();
                format!(
                    "{} = {}({})",
                    graph.name(id),
                    graph.node(id).op.name(),
                    args.join(", ")
                )
            })
            .collect()
    }

    #[test]
    fn the_lectures_expression_gives_the_lectures_graph() {
        let graph = Graph::parse(LECTURE, Sharing::Merged).unwrap();
        assert_eq!(
            describe(&graph),
            [
                "x = input()",
                "a = pow(x)",
                "b = exp(a)",
                "c = add(a, b)",
                "d = sqrt(c)",
                "e = cos(c)",
                "f = add(d, e)"
            ]
        );
        let name = |id: &NodeId| graph.name(*id);
        let c = graph.input("x").map(|x| graph.consumers(x)[0]).unwrap();
        assert_eq!(name(&c), "a");
        let consumers: Vec<&str> = graph.consumers(NodeId(3)).iter().map(name).collect();
        assert_eq!(consumers, ["d", "e"]);
    }

    #[test]
    fn a_tree_repeats_every_shared_subexpression_but_not_the_variables() {
        let graph = Graph::parse(LECTURE, Sharing::Tree).unwrap();
        assert_eq!(graph.len(), 1 + 11);
        assert_eq!(graph.inputs().len(), 1);
        assert_eq!(graph.consumers(graph.inputs()[0]).len(), 4);
    }

    #[test]
    fn letters_that_begin_scripted_names_are_left_to_them() {
        // a^{1}_{1} and x_1 (a network's names) are shown a¹₁ and x₁: no step may be called a,
        // a1 (shown a₁) or x beside them.
        let mut b = GraphBuilder::with_capacity(Sharing::Merged, 8);
        let none = crate::expr::Span::default();
        let a = b.input("a^{1}_{1}", none);
        let x = b.input("x_1", none);
        let product = b.op(crate::ops::Op::Mul, &[a, x], None, none);
        let sine = b.op(crate::ops::Op::Sin, &[x], None, none);
        let sum = b.op(crate::ops::Op::Add, &[product, sine], None, none);
        let graph = b.finish(sum);
        let names: Vec<&str> = graph.ids().map(|id| graph.name(id)).collect();
        assert_eq!(names, ["a^{1}_{1}", "x_1", "b", "c", "f"]);
    }

    #[test]
    fn names_skip_what_the_expression_already_uses() {
        let graph = Graph::parse("a*b + exp(e) + f", Sharing::Merged).unwrap();
        let names: Vec<&str> = graph.ids().map(|id| graph.name(id)).collect();
        assert_eq!(names, ["a", "b", "c", "e", "d", "g", "f", "h"]);
        assert_eq!(graph.name(graph.output()), "h");
    }

    #[test]
    fn a_node_used_twice_by_one_consumer_lists_it_once() {
        let graph = Graph::parse("x*x", Sharing::Merged).unwrap();
        assert_eq!(graph.args(NodeId(1)), [NodeId(0), NodeId(0)]);
        assert_eq!(graph.consumers(NodeId(0)), [NodeId(1)]);
    }

    #[test]
    fn constants_are_leaves_named_by_their_value() {
        let graph = Graph::parse("2*x + 2 + pi", Sharing::Merged).unwrap();
        let names: Vec<&str> = graph.ids().map(|id| graph.name(id)).collect();
        assert_eq!(names, ["2", "x", "a", "b", "π", "f"]);
    }
}
