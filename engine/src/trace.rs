//! The forward and reverse passes, recorded as an ordered list of steps: the animation script.
//! A trace is computed once per (graph, input values) and then only read.

use std::collections::BTreeMap;
use std::fmt;

use crate::dual::Scalar;
use crate::graph::{Graph, NodeId};
use crate::ops::Op;
use crate::render::text::{excerpt, QUOTED};

/// Values for a graph's variables, by name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bindings(pub BTreeMap<String, f64>);

/// A variable the graph needs and the bindings lack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingValue(pub String);

impl fmt::Display for MissingValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the variable '{}' has no value; give one, as in {}=1",
            self.0, self.0
        )
    }
}

impl std::error::Error for MissingValue {}

impl Bindings {
    /// Bindings from (name, value) pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, f64)>) -> Self {
        // Inserted one by one: `collect` would sort first, with a copy of the sort per caller.
        let mut map = BTreeMap::new();
        map.extend(pairs.into_iter().map(|(k, v)| (k.to_string(), v)));
        Bindings(map)
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<f64> {
        self.0.get(name).copied()
    }

    /// Sets `name` to `value`.
    pub fn set(&mut self, name: &str, value: f64) {
        self.0.insert(name.to_string(), value);
    }

    /// Reads `x=2, y=-1/2, t=pi`: comma-separated assignments whose values may be any expression
    /// without variables.
    pub fn parse(text: &str) -> Result<Bindings, String> {
        let mut bindings = Bindings::default();
        for part in split_top_level(text)
            .into_iter()
            .filter(|p| !p.trim().is_empty())
        {
            let Some((name, value)) = part.split_once('=') else {
                return Err(format!(
                    "'{}' is not an assignment: write it as x=2",
                    excerpt(part.trim(), QUOTED)
                ));
            };
            let name = name.trim();
            let valid = name.starts_with(|c: char| c.is_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_alphanumeric() || c == '_');
            if !valid {
                return Err(format!(
                    "'{}' is not a variable name",
                    excerpt(name, QUOTED)
                ));
            }
            if bindings.get(name).is_some() {
                return Err(format!(
                    "{} is given twice: give each variable one value",
                    excerpt(name, QUOTED)
                ));
            }
            // Non-finite values are values too, written as JSON and links write them.
            let special = match value.trim() {
                "NaN" | "nan" => Some(f64::NAN),
                "inf" | "∞" => Some(f64::INFINITY),
                "-inf" | "-∞" => Some(f64::NEG_INFINITY),
                _ => None,
            };
            if let Some(v) = special {
                bindings.set(name, v);
                continue;
            }
            let shown = excerpt(name, QUOTED);
            let ast = crate::expr::parse(value)
                .map_err(|e| format!("the value of {shown}: {}", e.render(value)))?;
            let v = ast.constant_value(ast.root()).ok_or_else(|| {
                format!("the value of {shown} must be a number, not depend on a variable")
            })?;
            bindings.set(name, v);
        }
        Ok(bindings)
    }

    /// The values of `graph`'s variables, in the graph's input order.
    pub fn values_for(&self, graph: &Graph) -> Result<Vec<f64>, MissingValue> {
        graph
            .inputs()
            .iter()
            .map(|&id| {
                let name = graph.name(id);
                self.get(name).ok_or_else(|| MissingValue(name.to_string()))
            })
            .collect()
    }
}

/// Splits on commas that are not inside parentheses.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Every node's value, for input values given in the graph's input order, on any [`Scalar`].
pub fn evaluate<S: Scalar>(graph: &Graph, inputs: &[S]) -> Vec<S> {
    let mut values: Vec<S> = Vec::with_capacity(graph.len());
    let mut next_input = inputs.iter();
    // A network's weighted sums take many arguments; every other operation one or two.
    let mut wide: Vec<S> = Vec::new();
    for id in graph.ids() {
        let op = graph.node(id).op;
        let value = match op {
            Op::Input => next_input.next().copied().unwrap_or(S::constant(f64::NAN)),
            _ => {
                let args = graph.args(id);
                if args.len() <= 2 {
                    let mut buffer = [S::constant(0.0); 2];
                    for (slot, a) in args.iter().enumerate() {
                        buffer[slot] = values[a.index()];
                    }
                    op.eval(&buffer[..args.len()])
                } else {
                    wide.clear();
                    wide.extend(args.iter().map(|a| values[a.index()]));
                    op.eval(&wide)
                }
            }
        };
        values.push(value);
    }
    values
}

/// One step of the forward pass: an operation node receives its value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForwardStep {
    /// The node computed.
    pub node: NodeId,
    /// Its value.
    pub value: f64,
}

/// One term of an adjoint: the message from one consumer, ∂f/∂consumer · ∂consumer/∂node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Term {
    /// The node that uses this one.
    pub consumer: NodeId,
    /// ∂f/∂consumer, already known when this term is formed.
    pub consumer_adjoint: f64,
    /// ∂consumer/∂node: the local derivative (summed over the slots where node is an argument).
    pub local: f64,
    /// The product: what flows back along the edge.
    pub message: f64,
}

/// One step of the backward pass: a node's adjoint ∂f/∂node, the sum of its terms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BackwardStep {
    /// The node whose adjoint is formed.
    pub node: NodeId,
    /// ∂f/∂node.
    pub adjoint: f64,
}

/// A step of either pass, as the stepper walks them: all forward steps, then all backward steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    /// A forward step.
    Forward(ForwardStep),
    /// A backward step.
    Backward(BackwardStep),
}

/// Both passes over a graph for one set of input values. Kept lean (about 40 bytes a node): the
/// steps and terms are views over these columns, built when asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    values: Vec<f64>,
    adjoints: Vec<f64>,
    /// ∂consumer/∂node for every edge, in the order of [`Graph::consumer_edges`].
    locals: Vec<f64>,
    /// Operation nodes in topological order: the forward walk.
    forward: Vec<NodeId>,
    /// Output first, then every non-constant node in reverse topological order: the backward walk.
    backward: Vec<NodeId>,
    output: NodeId,
}

impl Trace {
    /// Runs both passes with the variables' values taken from `bindings`.
    pub fn compute(graph: &Graph, bindings: &Bindings) -> Result<Trace, MissingValue> {
        Ok(Trace::with_inputs(graph, &bindings.values_for(graph)?))
    }

    /// Runs both passes with input values in the graph's input order.
    pub fn with_inputs(graph: &Graph, inputs: &[f64]) -> Trace {
        let values = evaluate(graph, inputs);
        let forward = graph.ids().filter(|&id| graph.is_operation(id)).collect();

        let output = graph.output();
        let mut adjoints = vec![0.0; graph.len()];
        let mut locals = vec![0.0; graph.edge_count()];
        let mut backward = Vec::with_capacity(graph.len());
        if !graph.is_empty() {
            adjoints[output.index()] = 1.0;
        }
        for node in graph.ids().rev() {
            if matches!(graph.node(node).op, Op::Const(_)) || node > output {
                continue;
            }
            if node != output {
                let mut adjoint = 0.0;
                let edges = graph.consumer_edges(node);
                for (&consumer, edge) in graph.consumers(node).iter().zip(edges) {
                    let local = local_derivative(graph, &values, consumer, node);
                    locals[edge] = local;
                    adjoint += adjoints[consumer.index()] * local;
                }
                adjoints[node.index()] = adjoint;
            }
            backward.push(node);
        }
        // Every adjoint is known; an arranged graph (a network) is walked in its own order,
        // which visits the same nodes, each after its consumers.
        if let Some(arrangement) = graph.arrangement() {
            backward.clone_from(&arrangement.backward);
        }
        Trace {
            values,
            adjoints,
            locals,
            forward,
            backward,
            output,
        }
    }

    /// The value of every node, by [`NodeId`] index.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The value of node `id`.
    pub fn value(&self, id: NodeId) -> f64 {
        self.values[id.index()]
    }

    /// ∂f/∂node for every node, by [`NodeId`] index.
    pub fn adjoints(&self) -> &[f64] {
        &self.adjoints
    }

    /// ∂f/∂node for node `id`.
    pub fn adjoint(&self, id: NodeId) -> f64 {
        self.adjoints[id.index()]
    }

    /// The expression's value f.
    pub fn output_value(&self) -> f64 {
        self.values
            .get(self.output.index())
            .copied()
            .unwrap_or(f64::NAN)
    }

    /// ∂f/∂variable for each variable, in the graph's input order.
    pub fn gradient<'g>(&self, graph: &'g Graph) -> Vec<(&'g str, f64)> {
        graph
            .inputs()
            .iter()
            .map(|&id| (graph.name(id), self.adjoint(id)))
            .collect()
    }

    /// The forward steps, in topological order.
    pub fn forward(&self) -> impl ExactSizeIterator<Item = ForwardStep> + DoubleEndedIterator + '_ {
        self.forward.iter().map(|&node| ForwardStep {
            node,
            value: self.value(node),
        })
    }

    /// The backward steps, in reverse topological order, starting with ∂f/∂f = 1.
    pub fn backward(
        &self,
    ) -> impl ExactSizeIterator<Item = BackwardStep> + DoubleEndedIterator + '_ {
        self.backward.iter().map(|&node| BackwardStep {
            node,
            adjoint: self.adjoint(node),
        })
    }

    /// The terms of `node`'s adjoint, consumers in the order their messages arrive (the reverse
    /// of topological order, as the lecture lists them). Empty for the output.
    pub fn terms<'a>(&'a self, graph: &'a Graph, node: NodeId) -> impl Iterator<Item = Term> + 'a {
        let consumers = if node == self.output {
            &[][..]
        } else {
            graph.consumers(node)
        };
        let edges = graph.consumer_edges(node);
        consumers
            .iter()
            .zip(edges)
            .rev()
            .map(move |(&consumer, edge)| {
                let consumer_adjoint = self.adjoint(consumer);
                let local = self.locals[edge];
                Term {
                    consumer,
                    consumer_adjoint,
                    local,
                    message: consumer_adjoint * local,
                }
            })
    }

    /// The local derivative ∂consumer/∂node along one edge (0 where there is no such edge).
    pub fn local(&self, graph: &Graph, consumer: NodeId, node: NodeId) -> f64 {
        graph
            .consumers(node)
            .iter()
            .zip(graph.consumer_edges(node))
            .find(|(&c, _)| c == consumer)
            .map_or(0.0, |(_, edge)| self.locals[edge])
    }

    /// How many steps the stepper walks: forward then backward.
    pub fn step_count(&self) -> usize {
        self.forward.len() + self.backward.len()
    }

    /// How many forward steps there are (the backward steps follow them).
    pub fn forward_count(&self) -> usize {
        self.forward.len()
    }

    /// Step `i` of the walk (forward steps first), if there is one.
    pub fn step(&self, i: usize) -> Option<Step> {
        match i.checked_sub(self.forward.len()) {
            None => self.forward.get(i).map(|&node| {
                Step::Forward(ForwardStep {
                    node,
                    value: self.value(node),
                })
            }),
            Some(j) => self.backward.get(j).map(|&node| {
                Step::Backward(BackwardStep {
                    node,
                    adjoint: self.adjoint(node),
                })
            }),
        }
    }

    /// True where a node's value is not finite although all of its arguments' values are: the
    /// node where a NaN or an infinity was born.
    pub fn produced_non_finite(&self, graph: &Graph, id: NodeId) -> bool {
        !self.value(id).is_finite() && graph.args(id).iter().all(|&a| self.value(a).is_finite())
    }
}

/// ∂consumer/∂node, summed over every argument slot of `consumer` that holds `node`.
fn local_derivative(graph: &Graph, values: &[f64], consumer: NodeId, node: NodeId) -> f64 {
    let args = graph.args(consumer);
    let op = graph.node(consumer).op;
    let value = values[consumer.index()];
    let partials = |args_values: &[f64]| -> f64 {
        args.iter()
            .enumerate()
            .filter(|&(_, &a)| a == node)
            .map(|(slot, _)| op.partial(slot, args_values, value))
            .sum()
    };
    if args.len() <= 2 {
        let mut buffer = [0.0; 2];
        for (slot, a) in args.iter().enumerate() {
            buffer[slot] = values[a.index()];
        }
        partials(&buffer[..args.len()])
    } else {
        let wide: Vec<f64> = args.iter().map(|a| values[a.index()]).collect();
        partials(&wide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Sharing;

    fn trace(source: &str, x: f64) -> (Graph, Trace) {
        let graph = Graph::parse(source, Sharing::Merged).unwrap();
        let trace = Trace::compute(&graph, &Bindings::from_pairs([("x", x)])).unwrap();
        (graph, trace)
    }

    #[test]
    fn backward_terms_come_in_reverse_topological_order_of_consumers() {
        let (graph, trace) = trace("sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))", 2.0);
        let c = trace.backward().nth(3).unwrap();
        assert_eq!(graph.name(c.node), "c");
        let consumers: Vec<&str> = trace
            .terms(&graph, c.node)
            .map(|t| graph.name(t.consumer))
            .collect();
        assert_eq!(consumers, ["e", "d"]);
        let order: Vec<&str> = trace.backward().map(|s| graph.name(s.node)).collect();
        assert_eq!(order, ["f", "e", "d", "c", "b", "a", "x"]);
    }

    #[test]
    fn a_variable_used_twice_in_one_node_gets_both_slots() {
        let (graph, trace) = trace("x*x", 3.0);
        let x = trace.backward().nth(1).unwrap();
        assert_eq!(x.adjoint, 6.0);
        assert_eq!(trace.terms(&graph, x.node).count(), 1);
    }

    #[test]
    fn non_finite_values_are_carried_and_located() {
        let (graph, trace) = trace("log(x - 1) + sqrt(x)", 1.0);
        assert_eq!(trace.output_value(), f64::NEG_INFINITY);
        let born: Vec<&str> = graph
            .ids()
            .filter(|&id| trace.produced_non_finite(&graph, id))
            .map(|id| graph.name(id))
            .collect();
        assert_eq!(born, ["b"]);
        assert_eq!(trace.adjoint(graph.inputs()[0]), f64::INFINITY);
    }

    #[test]
    fn missing_values_are_named() {
        let graph = Graph::parse("x + y", Sharing::Merged).unwrap();
        let err = Trace::compute(&graph, &Bindings::from_pairs([("x", 1.0)])).unwrap_err();
        assert_eq!(err, MissingValue("y".into()));
    }

    #[test]
    fn bindings_read_constant_expressions() {
        let b = Bindings::parse("x=2, y = -1/2,t=elu(-1, 2)").unwrap();
        assert_eq!(b.get("x"), Some(2.0));
        assert_eq!(b.get("y"), Some(-0.5));
        assert!((b.get("t").unwrap() - 2.0 * ((-1.0f64).exp() - 1.0)).abs() < 1e-15);
        assert!(Bindings::parse("x")
            .unwrap_err()
            .contains("not an assignment"));
        assert!(Bindings::parse("x=y")
            .unwrap_err()
            .contains("must be a number"));
        assert!(Bindings::parse("x=2+").unwrap_err().contains("column 3"));
        assert!(Bindings::parse("2x=1")
            .unwrap_err()
            .contains("not a variable name"));
    }

    #[test]
    fn the_walk_runs_forward_then_backward() {
        let (_, trace) = trace("exp(x)", 0.0);
        assert_eq!(trace.step_count(), 3);
        assert!(matches!(trace.step(0), Some(Step::Forward(_))));
        assert!(matches!(trace.step(2), Some(Step::Backward(_))));
        assert_eq!(trace.step(3), None);
    }
}
