//! The function along one variable, the others held: f and ∂f/∂variable at evenly spaced points,
//! by forward mode (one dual-number pass per point), for plotting and for tangent lines.

use crate::dual::Dual;
use crate::graph::{Graph, NodeId};
use crate::trace::evaluate;

/// One point of a slice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SlicePoint {
    /// The variable's value.
    pub at: f64,
    /// f there.
    pub value: f64,
    /// ∂f/∂variable there.
    pub slope: f64,
}

/// f and ∂f/∂`input` at `points` evenly spaced values of `input` from `low` to `high`, the other
/// variables at `inputs` (given in the graph's input order). Non-finite points are kept as they are.
pub fn slice(
    graph: &Graph,
    inputs: &[f64],
    input: NodeId,
    low: f64,
    high: f64,
    points: usize,
) -> Vec<SlicePoint> {
    let Some(k) = graph.inputs().iter().position(|&id| id == input) else {
        return Vec::new();
    };
    let output = graph.output().index();
    let mut duals: Vec<Dual> = inputs.iter().map(|&v| Dual::new(v, 0.0)).collect();
    (0..points.max(2))
        .map(|i| {
            let at = low + (high - low) * i as f64 / (points.max(2) - 1) as f64;
            duals[k] = Dual::new(at, 1.0);
            let f = evaluate(graph, &duals)[output];
            SlicePoint {
                at,
                value: f.re,
                slope: f.eps,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Sharing;

    #[test]
    fn a_slice_of_x_squared_times_y() {
        let graph = Graph::parse("x^2 * y", Sharing::Merged).unwrap();
        let points = slice(&graph, &[0.0, 3.0], graph.inputs()[0], -1.0, 1.0, 5);
        let ats: Vec<f64> = points.iter().map(|p| p.at).collect();
        assert_eq!(ats, [-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(points[0].value, 3.0);
        assert_eq!(points[0].slope, -6.0);
        assert_eq!(points[3].slope, 3.0);
    }
}
