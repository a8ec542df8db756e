//! A function of two variables as a surface, and gradient descent's paths over it: the heights
//! on a grid (the other variables held at their values), and the path each optimiser takes from
//! a start, step by step, by the same update training makes ([`Optimizer::update`]).

use crate::graph::Graph;
use crate::nn::train::Optimizer;
use crate::nn::update::Moments;
use crate::trace::{evaluate, Trace};

/// The rectangle a surface is drawn over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// The first variable's range, left to right.
    pub x: (f64, f64),
    /// The second variable's range, bottom to top.
    pub y: (f64, f64),
}

impl Window {
    /// A square of half-width `half` around `(x, y)`.
    pub fn around((x, y): (f64, f64), half: f64) -> Window {
        Window {
            x: (x - half, x + half),
            y: (y - half, y + half),
        }
    }

    /// The point at fractions `(u, v)` of the way across (from the left) and up (from the bottom).
    pub fn at(&self, (u, v): (f64, f64)) -> (f64, f64) {
        (
            self.x.0 + u * (self.x.1 - self.x.0),
            self.y.0 + v * (self.y.1 - self.y.0),
        )
    }

    /// Where `(x, y)` lies, as fractions across and up (outside [0, 1] when outside).
    pub fn fraction(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            (x - self.x.0) / (self.x.1 - self.x.0),
            (y - self.y.0) / (self.y.1 - self.y.0),
        )
    }
}

/// Which two of a graph's inputs span the surface (indices into [`Graph::inputs`]), and every
/// input's value (the others are held there).
#[derive(Clone, Debug, PartialEq)]
pub struct Plane {
    /// The inputs across and up.
    pub axes: (usize, usize),
    /// Every input's value, in the graph's input order.
    pub inputs: Vec<f64>,
}

impl Plane {
    fn with(&self, (x, y): (f64, f64)) -> Vec<f64> {
        let mut inputs = self.inputs.clone();
        inputs[self.axes.0] = x;
        inputs[self.axes.1] = y;
        inputs
    }

    /// f on an `n` × `n` grid of cell centres over `window`, row by row from the top.
    pub fn heights(&self, graph: &Graph, window: Window, n: usize) -> Vec<f64> {
        let mut inputs = self.inputs.clone();
        let output = graph.output().index();
        let mut out = Vec::with_capacity(n * n);
        for row in 0..n {
            let v = 1.0 - (row as f64 + 0.5) / n as f64;
            for column in 0..n {
                let (x, y) = window.at(((column as f64 + 0.5) / n as f64, v));
                inputs[self.axes.0] = x;
                inputs[self.axes.1] = y;
                out.push(evaluate(graph, &inputs)[output]);
            }
        }
        out
    }

    /// The path gradient descent by `optimizer` at rate `rate` takes from `start`: the start and
    /// the point after each of at most `steps` updates, stopping where f or a coordinate stops
    /// being finite.
    pub fn path(
        &self,
        graph: &Graph,
        start: (f64, f64),
        optimizer: Optimizer,
        rate: f64,
        steps: usize,
    ) -> Vec<(f64, f64)> {
        let mut at = start;
        let mut path = Vec::with_capacity(steps + 1);
        path.push(at);
        let (mut mx, mut my) = (Moments::default(), Moments::default());
        let (ix, iy) = (graph.inputs()[self.axes.0], graph.inputs()[self.axes.1]);
        for t in 1..=steps {
            let trace = Trace::with_inputs(graph, &self.with(at));
            let (gx, gy) = (trace.adjoint(ix), trace.adjoint(iy));
            if !(gx.is_finite() && gy.is_finite() && trace.output_value().is_finite()) {
                break;
            }
            let t = i32::try_from(t).unwrap_or(i32::MAX);
            let x = optimizer.update(at.0, gx, rate, &mut mx, t).after;
            let y = optimizer.update(at.1, gy, rate, &mut my, t).after;
            if !(x.is_finite() && y.is_finite()) {
                break;
            }
            at = (x, y);
            path.push(at);
        }
        path
    }
}

/// A classic surface for optimisers: its name, expression, window and a start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Classic {
    /// What it shows.
    pub name: &'static str,
    /// f(x, y).
    pub source: &'static str,
    /// Where it is drawn.
    pub window: Window,
    /// Where descent starts.
    pub start: (f64, f64),
    /// The learning rates of SGD, momentum and Adam that show each at its best and worst here.
    pub rates: [f64; 3],
}

/// The classic cases: a narrow curved valley, a saddle, two minima, and a long thin bowl.
pub const CLASSICS: [Classic; 4] = [
    Classic {
        name: "Rosenbrock's narrow valley",
        source: "(1 - x)^2 + 100*(y - x^2)^2",
        window: Window {
            x: (-2.0, 2.0),
            y: (-1.0, 3.0),
        },
        start: (-1.2, 1.0),
        rates: [0.001, 0.001, 0.05],
    },
    Classic {
        name: "A saddle",
        source: "x^2 - y^2 + 0.1*y^4",
        window: Window {
            x: (-3.0, 3.0),
            y: (-3.0, 3.0),
        },
        start: (2.5, 0.05),
        rates: [0.05, 0.02, 0.05],
    },
    Classic {
        name: "Two minima",
        source: "(x^2 - 1)^2 + y^2 + 0.3*x",
        window: Window {
            x: (-2.0, 2.0),
            y: (-2.0, 2.0),
        },
        start: (1.8, 1.5),
        rates: [0.05, 0.02, 0.05],
    },
    Classic {
        name: "A long thin bowl",
        source: "x^2/20 + y^2",
        window: Window {
            x: (-10.0, 10.0),
            y: (-3.0, 3.0),
        },
        start: (-9.0, 2.0),
        rates: [0.9, 0.2, 0.5],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Sharing;

    fn plane(source: &str) -> (Graph, Plane) {
        let graph = Graph::parse(source, Sharing::Merged).unwrap();
        let n = graph.inputs().len();
        (
            graph,
            Plane {
                axes: (0, 1),
                inputs: vec![0.0; n],
            },
        )
    }

    #[test]
    fn the_first_steps_are_the_ones_worked_by_hand() {
        // f = x² + 3y² from (1, 1): ∇f = (2, 6).
        let (g, p) = plane("x^2 + 3*y^2");
        let sgd = p.path(&g, (1.0, 1.0), Optimizer::Sgd, 0.1, 2);
        // (1 - 0.2, 1 - 0.6) = (0.8, 0.4); then ∇f = (1.6, 2.4): (0.64, 0.16).
        assert!((sgd[1].0 - 0.8).abs() < 1e-15 && (sgd[1].1 - 0.4).abs() < 1e-15);
        assert!((sgd[2].0 - 0.64).abs() < 1e-15 && (sgd[2].1 - 0.16).abs() < 1e-15);
        let momentum = p.path(&g, (1.0, 1.0), Optimizer::Momentum { beta: 0.5 }, 0.1, 2);
        // v = (2, 6), then v = 0.5·(2, 6) + (1.6, 2.4) = (2.6, 5.4): (0.8 - 0.26, 0.4 - 0.54).
        assert!((momentum[2].0 - 0.54).abs() < 1e-15 && (momentum[2].1 + 0.14).abs() < 1e-15);
        // Adam's first step is η in each coordinate, against the gradient's sign.
        let adam = p.path(&g, (1.0, 1.0), Optimizer::ADAM, 0.1, 1);
        assert!((adam[1].0 - 0.9).abs() < 1e-8 && (adam[1].1 - 0.9).abs() < 1e-8);
    }

    #[test]
    fn paths_are_deterministic_and_find_the_bowls_bottom() {
        let (g, p) = plane("x^2 + 3*y^2");
        let a = p.path(&g, (2.0, -1.5), Optimizer::MOMENTUM, 0.05, 200);
        assert_eq!(a, p.path(&g, (2.0, -1.5), Optimizer::MOMENTUM, 0.05, 200));
        let end = a[a.len() - 1];
        assert!(end.0.abs() < 1e-3 && end.1.abs() < 1e-3, "{end:?}");
    }

    #[test]
    fn a_path_stops_where_it_blows_up_and_the_classics_parse() {
        let (g, p) = plane("x^2 + y^2");
        let path = p.path(&g, (1.0, 1.0), Optimizer::Sgd, 1e300, 50);
        assert!(path.len() < 50 && path.iter().all(|q| q.0.is_finite()));
        for classic in CLASSICS {
            let graph = Graph::parse(classic.source, Sharing::Merged).unwrap();
            let names: Vec<&str> = graph.inputs().iter().map(|&i| graph.name(i)).collect();
            assert_eq!(names, ["x", "y"], "{}", classic.name);
            let p = Plane {
                axes: (0, 1),
                inputs: vec![0.0, 0.0],
            };
            let (u, v) = classic.window.fraction(classic.start);
            assert!((0.0..=1.0).contains(&u) && (0.0..=1.0).contains(&v));
            assert_eq!(p.heights(&graph, classic.window, 8).len(), 64);
        }
    }

    #[test]
    fn heights_run_from_the_top_left() {
        let (g, p) = plane("x + 10*y");
        let w = Window::around((0.0, 0.0), 1.0);
        let h = p.heights(&g, w, 2);
        // Cell centres at ±0.5: top left (-0.5, 0.5), bottom right (0.5, -0.5).
        assert_eq!(h, [4.5, 5.5, -5.5, -4.5]);
    }
}
