//! The lecture's six activation functions φ and their derivatives φ', as the lecture gives them
//! (ReLU'(0) = 1).

use serde::{Deserialize, Serialize};

use crate::dual::{sigmoid, step};
use crate::ops::Op;

/// An activation function.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Activation {
    /// φ(x) = x
    Linear,
    /// φ(x) = 1 / (1 + e^-x)
    Sigmoid,
    /// φ(x) = tanh x
    Tanh,
    /// φ(x) = max(x, 0)
    Relu,
    /// φ(x) = max(x, a·x)
    LeakyRelu {
        /// The slope for x < 0 (the lecture's example: 0.1).
        a: f64,
    },
    /// φ(x) = x for x ≥ 0, a(eˣ - 1) otherwise.
    Elu {
        /// The scale for x < 0 (1 by default).
        a: f64,
    },
}

/// tanh through one `exp`, which is several times cheaper than the library's `tanh` (natively
/// and above all in WebAssembly, where both are software): 1 - 2/(e^{2x} + 1), accurate to a few
/// ulps once |x| ≥ 0.25. Nearer 0 that form loses relative precision, so the library takes over.
pub fn tanh(x: f64) -> f64 {
    if x.abs() < 0.25 {
        return x.tanh();
    }
    let e = (2.0 * x.abs()).exp();
    let t = if e.is_infinite() {
        1.0
    } else {
        1.0 - 2.0 / (e + 1.0)
    };
    t.copysign(x)
}

impl Activation {
    /// All six, with the lecture's default parameters.
    pub const ALL: [Activation; 6] = [
        Activation::Linear,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu { a: 0.1 },
        Activation::Elu { a: 1.0 },
    ];

    /// φ(x)
    pub fn value(self, x: f64) -> f64 {
        match self {
            Activation::Linear => x,
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => tanh(x),
            Activation::Relu => step(x, x, 0.0),
            Activation::LeakyRelu { a } => step(x, x, a * x),
            Activation::Elu { a } => step(x, x, a * x.exp_m1()),
        }
    }

    /// φ'(x), in the lecture's forms: σ(x)σ(-x), 1 - tanh²(x), 𝟙(x ≥ 0), 𝟙(x ≥ 0) + a𝟙(x < 0), a·eˣ.
    pub fn derivative(self, x: f64) -> f64 {
        match self {
            Activation::Linear => 1.0,
            Activation::Sigmoid => sigmoid(x) * sigmoid(-x),
            Activation::Tanh => 1.0 - tanh(x).powi(2),
            Activation::Relu => step(x, 1.0, 0.0),
            Activation::LeakyRelu { a } => step(x, 1.0, a),
            Activation::Elu { a } => step(x, 1.0, a * x.exp()),
        }
    }

    /// φ'(x) from x and the already computed φ(x), cheaper where the lecture's form allows.
    pub fn derivative_from(self, x: f64, y: f64) -> f64 {
        match self {
            Activation::Sigmoid => y * (1.0 - y),
            Activation::Tanh => 1.0 - y * y,
            other => other.derivative(x),
        }
    }

    /// The graph operation that applies it (None for the identity, which needs no node).
    pub fn op(self) -> Option<Op> {
        match self {
            Activation::Linear => None,
            Activation::Sigmoid => Some(Op::Sigmoid),
            Activation::Tanh => Some(Op::Tanh),
            Activation::Relu => Some(Op::Relu),
            Activation::LeakyRelu { a } => Some(Op::LeakyRelu(a)),
            Activation::Elu { a } => Some(Op::Elu(a)),
        }
    }

    /// Its name as written on the command line and in the app: `tanh`, `leaky_relu`.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Linear => "linear",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::LeakyRelu { .. } => "leaky_relu",
            Activation::Elu { .. } => "elu",
        }
    }

    /// The activation called `name`, with its default parameter.
    pub fn from_name(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_central_differences_away_from_kinks() {
        for act in Activation::ALL {
            for x in [-2.3, -0.7, 0.4, 1.9] {
                let h = 1e-6;
                let numeric = (act.value(x + h) - act.value(x - h)) / (2.0 * h);
                assert!((act.derivative(x) - numeric).abs() < 1e-7, "{act:?} at {x}");
                let y = act.value(x);
                assert!((act.derivative_from(x, y) - act.derivative(x)).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn the_graph_operations_compute_the_same_function() {
        for act in Activation::ALL {
            for x in [-1.5, 0.0, 2.0] {
                let via_op = act.op().map_or(x, |op| op.eval(&[x]));
                assert_eq!(via_op, act.value(x), "{act:?}");
            }
        }
    }

    #[test]
    fn the_fast_tanh_agrees_with_the_librarys() {
        let mut x = -30.0;
        while x <= 30.0 {
            let (fast, exact) = (tanh(x), x.tanh());
            assert!(
                (fast - exact).abs() <= 4.0 * f64::EPSILON * exact.abs().max(1e-300),
                "{x}: {fast} vs {exact}"
            );
            x += 0.0137;
        }
        assert_eq!(tanh(1e6), 1.0);
        assert_eq!(tanh(-1e6), -1.0);
        assert!(tanh(f64::NAN).is_nan());
        assert_eq!(tanh(0.0), 0.0);
    }

    #[test]
    fn the_lectures_conventions_at_zero() {
        assert_eq!(Activation::Relu.derivative(0.0), 1.0);
        assert_eq!(Activation::LeakyRelu { a: 0.1 }.derivative(-1.0), 0.1);
        assert_eq!(Activation::Elu { a: 1.0 }.derivative(0.0), 1.0);
    }
}
