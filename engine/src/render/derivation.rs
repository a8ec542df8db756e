//! Trace steps as written mathematics, in the lecture's form:
//! `b = exp(a) = 54.598` and `∂f/∂c = ∂f/∂e ∂e/∂c + ∂f/∂d ∂d/∂c = 1 × -sin(c) + 1 × ½c^(-½) = -0.822`.

use super::math::Math;
use crate::graph::{Graph, NodeId};
use crate::trace::{BackwardStep, ForwardStep, Term, Trace};

/// A node as it appears inside formulas: its name (constants are named by their value).
pub fn operand(graph: &Graph, id: NodeId) -> Math {
    Math::name(graph.name(id))
}

/// The formula a node computes, in terms of its arguments' names: `exp(a)`, `x²`, `a + b`.
pub fn formula(graph: &Graph, id: NodeId) -> Math {
    let args: Vec<Math> = graph.args(id).iter().map(|&a| operand(graph, a)).collect();
    graph.node(id).op.formula(&args)
}

/// The local derivative ∂consumer/∂node written symbolically (`-sin(c)`), summed over every
/// argument slot of `consumer` that holds `node` (so `x·x` gives `x + x`).
pub fn local_formula(graph: &Graph, consumer: NodeId, node: NodeId) -> Math {
    let args: Vec<Math> = graph
        .args(consumer)
        .iter()
        .map(|&a| operand(graph, a))
        .collect();
    let op = graph.node(consumer).op;
    let mut parts: Vec<Math> = graph
        .args(consumer)
        .iter()
        .enumerate()
        .filter(|&(_, &a)| a == node)
        .map(|(slot, _)| op.partial_formula(slot, &args))
        .collect();
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        Math::Add(parts)
    }
}

/// The symbol of the function being differentiated: the output node's name (f).
pub fn function_symbol(graph: &Graph) -> &str {
    graph.name(graph.output())
}

/// ∂f/∂node
pub fn adjoint_symbol(graph: &Graph, node: NodeId) -> Math {
    Math::Partial(function_symbol(graph).into(), graph.name(node).into())
}

/// ∂consumer/∂node
pub fn local_symbol(graph: &Graph, consumer: NodeId, node: NodeId) -> Math {
    Math::Partial(graph.name(consumer).into(), graph.name(node).into())
}

/// A forward step as the lecture writes it: `b = exp(a) = 54.598`.
pub fn forward_line(graph: &Graph, step: ForwardStep) -> Math {
    Math::Eq(vec![
        operand(graph, step.node),
        formula(graph, step.node),
        Math::Num(step.value),
    ])
}

/// A backward step as the lecture writes it: the adjoint as a sum over consumers, symbolically,
/// then with the consumers' adjoints as numbers beside the symbolic local derivatives, then its
/// value. The output's step is `∂f/∂f = 1`.
pub fn backward_line(graph: &Graph, trace: &Trace, step: BackwardStep) -> Math {
    let terms: Vec<Term> = trace.terms(graph, step.node).collect();
    let mut parts = vec![adjoint_symbol(graph, step.node)];
    if !terms.is_empty() {
        parts.push(Math::Add(
            terms
                .iter()
                .map(|t| {
                    Math::Mul(vec![
                        adjoint_symbol(graph, t.consumer),
                        local_symbol(graph, t.consumer, step.node),
                    ])
                })
                .collect(),
        ));
        parts.push(Math::Add(
            terms
                .iter()
                .map(|t| {
                    Math::Times(vec![
                        Math::Num(t.consumer_adjoint),
                        local_formula(graph, t.consumer, step.node),
                    ])
                })
                .collect(),
        ));
    }
    parts.push(if graph.output() == step.node {
        Math::int(1)
    } else {
        Math::Num(step.adjoint)
    });
    Math::Eq(parts)
}

/// The final derivative for one variable: `∂f/∂x = -182.87`.
pub fn gradient_line(graph: &Graph, trace: &Trace, input: NodeId) -> Math {
    Math::Eq(vec![
        adjoint_symbol(graph, input),
        Math::Num(trace.adjoint(input)),
    ])
}

/// A variable's value: `x = 2`.
pub fn input_line(graph: &Graph, trace: &Trace, input: NodeId) -> Math {
    Math::Eq(vec![operand(graph, input), Math::Num(trace.value(input))])
}
