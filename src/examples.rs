//! The examples menu: the lecture's worked examples and a few that show one idea each.

/// An expression with values for its variables.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Example {
    /// Shown in the menu.
    pub title: &'static str,
    /// The expression.
    pub source: &'static str,
    /// Values for its variables.
    pub values: &'static [(&'static str, f64)],
}

/// All examples; the first is the lecture's and opens the app.
pub const EXAMPLES: &[Example] = &[
    Example {
        title: "The lecture's example",
        source: "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))",
        values: &[("x", 2.0)],
    },
    Example {
        title: "A single neuron σ(w₀ + w₁x₁ + w₂x₂)",
        source: "sigmoid(w0 + w1*x1 + w2*x2)",
        values: &[
            ("w0", 0.5),
            ("w1", -1.0),
            ("x1", 2.0),
            ("w2", 0.8),
            ("x2", 1.5),
        ],
    },
    Example {
        title: "The lecture's network of linear units",
        source: "v0 + v1*(w01 + w11*x1 + w21*x2) + v2*(w02 + w12*x1 + w22*x2)",
        values: &[
            ("v0", 0.1),
            ("v1", 0.7),
            ("w01", -0.2),
            ("w11", 0.5),
            ("x1", 1.0),
            ("w21", -0.3),
            ("x2", 2.0),
            ("v2", -0.6),
            ("w02", 0.4),
            ("w12", 0.9),
            ("w22", 0.2),
        ],
    },
    Example {
        title: "Squared error of a neuron ½(y − σ(w₀ + w₁x))²",
        source: "(y - sigmoid(w0 + w1*x))^2 / 2",
        values: &[("y", 1.0), ("w0", -0.5), ("w1", 0.8), ("x", 1.5)],
    },
    Example {
        title: "One variable used many times",
        source: "x*sin(x) + x^2*cos(x) + exp(-x)*x",
        values: &[("x", 1.2)],
    },
    Example {
        title: "ReLU and its kink at 0",
        source: "relu(w*x + b) - leaky_relu(w*x - b, 0.1)",
        values: &[("w", 1.5), ("x", 0.4), ("b", -0.6)],
    },
];
