//! Two independent ways to check a backprop gradient: forward mode with dual numbers, and central
//! finite differences.

use crate::dual::Dual;
use crate::graph::{Graph, NodeId};
use crate::trace::{evaluate, Trace};

/// ∂node/∂input for every node, by forward mode: one pass on dual numbers seeded at `input`.
/// `inputs` are the variables' values in the graph's input order.
pub fn forward_mode(graph: &Graph, inputs: &[f64], input: NodeId) -> Vec<f64> {
    let duals: Vec<Dual> = graph
        .inputs()
        .iter()
        .zip(inputs)
        .map(|(&id, &v)| Dual::new(v, if id == input { 1.0 } else { 0.0 }))
        .collect();
    evaluate(graph, &duals).into_iter().map(|d| d.eps).collect()
}

/// ∂f/∂input by the central difference (f(x+h) - f(x-h)) / 2h, with h scaled to the input.
pub fn finite_difference(graph: &Graph, inputs: &[f64], input: NodeId) -> f64 {
    let Some(k) = graph.inputs().iter().position(|&id| id == input) else {
        return 0.0;
    };
    // ∛ε balances truncation error against rounding error for central differences.
    let h = f64::EPSILON.cbrt() * inputs[k].abs().max(1.0);
    let at = |delta: f64| {
        let mut shifted = inputs.to_vec();
        shifted[k] += delta;
        evaluate::<f64>(graph, &shifted)[graph.output().index()]
    };
    (at(h) - at(-h)) / (2.0 * h)
}

/// The three derivatives of f with respect to one variable, side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientCheck {
    /// The variable.
    pub input: NodeId,
    /// By reverse mode (the trace).
    pub backprop: f64,
    /// By forward mode (dual numbers).
    pub forward_mode: f64,
    /// By central finite differences.
    pub finite_difference: f64,
}

impl GradientCheck {
    /// |backprop - finite difference| relative to the larger of the two (absolute near zero).
    pub fn relative_error(&self) -> f64 {
        relative_error(self.backprop, self.finite_difference)
    }
}

/// |a - b| / max(|a|, |b|, 1e-8): a relative error that stays meaningful near zero.
pub fn relative_error(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1e-8)
}

/// Checks the trace's gradient for each variable in turn (each costs three passes over the
/// graph, so a caller with many variables takes as many as its budget allows).
pub fn check_gradient<'a>(
    graph: &'a Graph,
    trace: &'a Trace,
    inputs: &'a [f64],
) -> impl Iterator<Item = GradientCheck> + 'a {
    let output = graph.output().index();
    graph.inputs().iter().map(move |&input| GradientCheck {
        input,
        backprop: trace.adjoint(input),
        forward_mode: forward_mode(graph, inputs, input)[output],
        finite_difference: finite_difference(graph, inputs, input),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Sharing;

    #[test]
    fn three_ways_agree_on_a_smooth_function_of_two_variables() {
        let graph = Graph::parse("x*sin(y) + exp(x/y) - tanh(x*y)", Sharing::Merged).unwrap();
        let inputs = [0.7, -1.3];
        let trace = Trace::with_inputs(&graph, &inputs);
        for check in check_gradient(&graph, &trace, &inputs) {
            assert!((check.backprop - check.forward_mode).abs() < 1e-12);
            assert!(check.relative_error() < 1e-8, "{check:?}");
        }
    }

    #[test]
    fn forward_mode_gives_every_nodes_derivative() {
        let graph = Graph::parse("x^2 + y", Sharing::Merged).unwrap();
        let tangents = forward_mode(&graph, &[3.0, 5.0], graph.inputs()[0]);
        assert_eq!(tangents, [1.0, 6.0, 0.0, 6.0]);
    }
}
