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

/// A range of one variable to draw f and ∂f/∂variable over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// The left end.
    pub low: f64,
    /// The right end.
    pub high: f64,
    /// False when ∂f/∂variable still turns too often to draw even over the narrowest range tried.
    pub resolved: bool,
}

/// How often the derivative may change direction over a window and still read as a curve.
const MAX_TURNS: usize = 6;
/// Points sampled to judge a window.
const PROBE: usize = 161;

/// Times ∂f/∂variable changes direction along `points` (non-finite stretches break the count).
fn turns(points: &[SlicePoint]) -> usize {
    let mut count = 0;
    let mut last_sign = 0.0f64;
    for pair in points.windows(2) {
        let rise = pair[1].slope - pair[0].slope;
        if !rise.is_finite() || rise == 0.0 {
            continue;
        }
        let sign = rise.signum();
        if last_sign != 0.0 && sign != last_sign {
            count += 1;
        }
        last_sign = sign;
    }
    count
}

/// A window around `at` (the variable's value) where both curves read: ±max(3, |at|) when the
/// derivative is calm there, narrowed until it turns at most a few times (the lecture's example
/// oscillates hundreds of times over ±3). Always finite, whatever `at` is.
pub fn window(graph: &Graph, inputs: &[f64], input: NodeId, at: f64) -> Window {
    let centre = if at.is_finite() { at } else { 0.0 };
    // Never so wide that an end overflows, nor so narrow that the ends round to the centre.
    let widest = centre.abs().clamp(3.0, 1e300);
    let narrowest = (centre.abs() * 1e-9).max(1e-9);
    let mut half = widest;
    loop {
        let (low, high) = (
            (centre - half).max(-f64::MAX),
            (centre + half).min(f64::MAX),
        );
        let probe = slice(graph, inputs, input, low, high, PROBE);
        let count = turns(&probe);
        if count <= MAX_TURNS || half <= narrowest {
            // Next to ±f64::MAX an end would round to infinity: it stops at the largest number.
            return Window {
                low: (centre - half).max(-f64::MAX),
                high: (centre + half).min(f64::MAX),
                resolved: count <= MAX_TURNS,
            };
        }
        // Turns grow about linearly with the width: aim for half the allowance in one step.
        let shrink = (MAX_TURNS as f64 / 2.0 / count as f64).clamp(1e-3, 0.5);
        half = (half * shrink).max(narrowest);
    }
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

    fn window_of(source: &str, at: f64) -> Window {
        let graph = Graph::parse(source, Sharing::Merged).unwrap();
        window(&graph, &[at], graph.inputs()[0], at)
    }

    #[test]
    fn a_calm_function_keeps_the_wide_window() {
        assert_eq!(
            window_of("x^3 - x", 2.0),
            Window {
                low: -1.0,
                high: 5.0,
                resolved: true
            }
        );
    }

    #[test]
    fn the_lectures_example_is_narrowed_until_its_derivative_reads() {
        let w = window_of("sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))", 2.0);
        assert!(w.resolved);
        assert!(w.low < 2.0 && w.high > 2.0);
        // cos(c) turns about every π/c' ≈ 0.014 in x near 2: a window of a few turns.
        assert!(w.high - w.low < 0.2, "{w:?}");
        assert!(w.high - w.low > 0.01, "{w:?}");
        let graph = Graph::parse(
            "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))",
            Sharing::Merged,
        )
        .unwrap();
        let points = slice(&graph, &[2.0], graph.inputs()[0], w.low, w.high, PROBE);
        assert!(turns(&points) <= MAX_TURNS);
    }

    #[test]
    fn a_derivative_too_fast_for_any_window_says_so_and_every_window_is_finite() {
        let w = window_of("sin(exp(x))", 40.0);
        assert!(!w.resolved, "{w:?}");
        for at in [
            1e308,
            -1e308,
            f64::MAX,
            -f64::MAX,
            f64::NAN,
            f64::INFINITY,
            -0.0,
            5e-324,
        ] {
            let w = window_of("x^2", at);
            assert!(
                w.low.is_finite() && w.high.is_finite() && w.low < w.high,
                "{at}: {w:?}"
            );
        }
    }
}
