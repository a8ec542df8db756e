//! The lecture's six activation functions φ and their derivatives φ', as the lecture gives them
//! (ReLU'(0) = 1).

use serde::{Deserialize, Serialize};

use super::kernel;
use crate::dual::{sigmoid, step};
use crate::ops::Op;

/// An activation function.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
// Read through one reader shared by the tagged settings (see `tagged`).
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "super::tagged::Tagged"
)]
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

/// tanh x, the same bits on every target (the library's differs between them), and several
/// times cheaper than the library's in WebAssembly: see [`kernel::scalar::tanh`].
pub fn tanh(x: f64) -> f64 {
    kernel::scalar::tanh(x)
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

    /// h ← φ(a), element by element: a layer's outputs from its pre-activations.
    pub fn apply(self, a: &[f64], h: &mut [f64]) {
        match self {
            Activation::Tanh => kernel::tanh(a, h),
            other => h.iter_mut().zip(a).for_each(|(h, &a)| *h = other.value(a)),
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

    /// δ ← g · φ'(a) element by element, from each unit's a, h = φ(a) and upstream gradient g:
    /// a layer's B3.
    pub fn deltas(self, upstream: &[f64], a: &[f64], h: &[f64], delta: &mut Vec<f64>) {
        #[inline(always)]
        fn fill(act: Activation, upstream: &[f64], a: &[f64], h: &[f64], delta: &mut Vec<f64>) {
            delta.clear();
            let units = a.iter().zip(h);
            delta.extend(
                (upstream.iter().zip(units)).map(|(g, (&a, &h))| g * act.derivative_from(a, h)),
            );
        }
        // The function named as a constant in its own loop, so the match leaves the loop and
        // the common ones run two lanes at a time.
        match self {
            Activation::Tanh => fill(Activation::Tanh, upstream, a, h, delta),
            Activation::Sigmoid => fill(Activation::Sigmoid, upstream, a, h, delta),
            other => fill(other, upstream, a, h, delta),
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
    fn the_own_tanh_agrees_with_the_librarys_to_a_few_ulps() {
        let near = |x: f64| {
            let (own, library) = (tanh(x), x.tanh());
            assert!(
                (own - library).abs() <= 2.0 * f64::EPSILON * library.abs(),
                "{x}: {own} vs {library}"
            );
        };
        let mut x = -30.0;
        while x <= 30.0 {
            near(x);
            x += 0.0137;
        }
        // Near 0, where 1 - 2/(e^{2x} + 1) would cancel, and around the reduction's seams.
        for e in -320..0 {
            near(1.7 * 10f64.powi(e / 10));
            near(-1.3 * 10f64.powi(e / 10));
        }
        for k in 1..60 {
            let seam = (k as f64 - 0.5) * std::f64::consts::LN_2 / 2.0;
            for x in [seam.next_down(), seam, seam.next_up()] {
                near(x);
            }
        }
        assert_eq!(tanh(-0.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(tanh(f64::INFINITY), 1.0);
        assert_eq!(tanh(20.0), 1.0);
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
