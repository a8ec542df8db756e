//! Every operation in one place: its value, its local partial derivatives, and how its formula and
//! its derivatives are written. Adding an operation means adding one arm to each `match` here.

use crate::dual::{self, Scalar};
use crate::render::math::{Cmp, Math};
use std::ops::Neg;

/// An operation: what a graph node computes from its arguments.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// A variable, given a value from outside.
    Input,
    /// A constant leaf.
    Const(f64),
    /// `-u`
    Neg,
    /// `u + v`
    Add,
    /// `u - v`
    Sub,
    /// `u · v`
    Mul,
    /// `u / v`
    Div,
    /// `u ^ v` where the exponent is computed.
    Pow,
    /// `u ^ p` for a constant p, which belongs to the node (x² is one node).
    PowConst(f64),
    /// `exp(u)`
    Exp,
    /// natural `log(u)`
    Log,
    /// `sqrt(u)`
    Sqrt,
    /// `sin(u)`
    Sin,
    /// `cos(u)`
    Cos,
    /// `tan(u)`
    Tan,
    /// `tanh(u)`
    Tanh,
    /// `σ(u) = 1 / (1 + e^-u)`
    Sigmoid,
    /// `max(u, 0)`
    Relu,
    /// `max(u, a·u)` with its parameter a.
    LeakyRelu(f64),
    /// `u` for u ≥ 0, `a(eᵘ - 1)` otherwise, with its parameter a.
    Elu(f64),
    /// `|u|`
    Abs,
    /// A neuron's weighted sum `w₀ + w₁·h₁ + … + wₙ·hₙ`, with arguments `[w₀, w₁, h₁, …, wₙ, hₙ]`
    /// (the lecture's aⱼ = Σᵢ wᵢ,ⱼ hᵢ with h₀ = 1): one node, so that ∂a/∂wᵢ = hᵢ is one step.
    WeightedSum,
    /// The squared error `½(y − ŷ)²`, with arguments `[ŷ, y]`.
    SquaredError,
    /// The binary cross-entropy `−(y log ŷ + (1 − y) log(1 − ŷ))`, with arguments `[ŷ, y]`.
    BinaryCrossEntropy,
    /// The hinge loss `max(0, 1 − y·ŷ)`, with arguments `[ŷ, y]`.
    Hinge,
    /// The softmax cross-entropy `log Σₖ exp(ŷₖ) − ŷ_c` of the outputs `[ŷ₁, …, ŷₖ]` for the class
    /// c (from 0) that belongs to the node.
    SoftmaxCrossEntropy(u32),
    /// The mean `(u₁ + … + uₖ)/k` of its arguments: a batch's loss, the mean of its samples'.
    Mean,
}

/// A function the expression language knows by name.
#[derive(Clone, Copy, Debug)]
pub struct Function {
    /// The name it is written with.
    pub name: &'static str,
    /// Other names for it.
    pub aliases: &'static [&'static str],
    /// How it becomes an operation.
    pub shape: Shape,
}

/// How a function's arguments map to an operation.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// One argument.
    Unary(Op),
    /// One argument and a constant parameter with a default: `leaky_relu(u, a)`.
    Parameterised {
        /// What the parameter is called in messages.
        parameter: &'static str,
        /// Its value when left out.
        default: f64,
        /// The operation for a given parameter.
        make: fn(f64) -> Op,
    },
}

/// The functions of the expression language, in the order they are listed to users.
pub const FUNCTIONS: &[Function] = &[
    Function {
        name: "exp",
        aliases: &[],
        shape: Shape::Unary(Op::Exp),
    },
    Function {
        name: "log",
        aliases: &["ln"],
        shape: Shape::Unary(Op::Log),
    },
    Function {
        name: "sqrt",
        aliases: &[],
        shape: Shape::Unary(Op::Sqrt),
    },
    Function {
        name: "sin",
        aliases: &[],
        shape: Shape::Unary(Op::Sin),
    },
    Function {
        name: "cos",
        aliases: &[],
        shape: Shape::Unary(Op::Cos),
    },
    Function {
        name: "tan",
        aliases: &[],
        shape: Shape::Unary(Op::Tan),
    },
    Function {
        name: "tanh",
        aliases: &[],
        shape: Shape::Unary(Op::Tanh),
    },
    Function {
        name: "sigmoid",
        aliases: &["σ"],
        shape: Shape::Unary(Op::Sigmoid),
    },
    Function {
        name: "relu",
        aliases: &["ReLU"],
        shape: Shape::Unary(Op::Relu),
    },
    Function {
        name: "leaky_relu",
        aliases: &[],
        shape: Shape::Parameterised {
            parameter: "a",
            default: 0.1,
            make: Op::LeakyRelu,
        },
    },
    Function {
        name: "elu",
        aliases: &["ELU"],
        shape: Shape::Parameterised {
            parameter: "a",
            default: 1.0,
            make: Op::Elu,
        },
    },
    Function {
        name: "abs",
        aliases: &[],
        shape: Shape::Unary(Op::Abs),
    },
];

impl Function {
    /// The function called `name` (or one of its aliases).
    pub fn lookup(name: &str) -> Option<&'static Function> {
        FUNCTIONS
            .iter()
            .find(|f| f.name == name || f.aliases.contains(&name))
    }

    /// The known name closest to a mistyped one, if any is close enough to be a likely typo.
    pub fn suggest(name: &str) -> Option<&'static str> {
        // Function names are ASCII.
        let lower = name.to_ascii_lowercase();
        FUNCTIONS
            .iter()
            .flat_map(|f| {
                std::iter::once(f.name)
                    .chain(f.aliases.iter().copied())
                    .map(move |n| (f.name, n))
            })
            .map(|(canonical, n)| {
                (
                    strsim::damerau_levenshtein(&lower, &n.to_ascii_lowercase()),
                    canonical,
                )
            })
            .filter(|&(distance, canonical)| distance <= 2 && distance < canonical.len())
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, canonical)| canonical)
    }
}

impl Op {
    /// How many argument nodes the operation takes (for the variadic ones, the fewest).
    pub fn arity(self) -> usize {
        match self {
            Op::Input | Op::Const(_) => 0,
            Op::Add
            | Op::Sub
            | Op::Mul
            | Op::Div
            | Op::Pow
            | Op::SquaredError
            | Op::BinaryCrossEntropy
            | Op::Hinge => 2,
            _ => 1,
        }
    }

    /// Whether the operation takes any number of arguments (from [`Op::arity`] on).
    pub fn is_variadic(self) -> bool {
        matches!(
            self,
            Op::WeightedSum | Op::SoftmaxCrossEntropy(_) | Op::Mean
        )
    }

    /// Whether the operation can take `n` arguments.
    pub fn accepts(self, n: usize) -> bool {
        match self {
            Op::WeightedSum => n % 2 == 1,
            Op::SoftmaxCrossEntropy(class) => (class as usize) < n,
            Op::Mean => n >= 1,
            _ => n == self.arity(),
        }
    }

    /// A short machine name, as written in JSON: `"add"`, `"exp"`, `"pow"`.
    pub fn name(self) -> &'static str {
        match self {
            Op::Input => "input",
            Op::Const(_) => "const",
            Op::Neg => "neg",
            Op::Add => "add",
            Op::Sub => "sub",
            Op::Mul => "mul",
            Op::Div => "div",
            Op::Pow | Op::PowConst(_) => "pow",
            Op::Exp => "exp",
            Op::Log => "log",
            Op::Sqrt => "sqrt",
            Op::Sin => "sin",
            Op::Cos => "cos",
            Op::Tan => "tan",
            Op::Tanh => "tanh",
            Op::Sigmoid => "sigmoid",
            Op::Relu => "relu",
            Op::LeakyRelu(_) => "leaky_relu",
            Op::Elu(_) => "elu",
            Op::Abs => "abs",
            Op::WeightedSum => "weighted_sum",
            Op::SquaredError => "squared_error",
            Op::BinaryCrossEntropy => "binary_cross_entropy",
            Op::Hinge => "hinge",
            Op::SoftmaxCrossEntropy(_) => "softmax_cross_entropy",
            Op::Mean => "mean",
        }
    }

    /// How the operation is labelled on a drawn graph node: `+`, `exp`, `(·)²`, `σ`.
    pub fn symbol(self) -> String {
        match self {
            Op::Input | Op::Const(_) => String::new(),
            Op::Neg | Op::Sub => "−".into(),
            Op::Add => "+".into(),
            Op::Mul => "×".into(),
            Op::Div => "÷".into(),
            Op::Pow => "^".into(),
            Op::PowConst(p) => {
                let superscript = [' ', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
                if (2.0..=9.0).contains(&p) && p == p.round() {
                    format!("(·){}", superscript[p as usize])
                } else {
                    format!("(·)^{p}")
                }
            }
            Op::Sqrt => "√".into(),
            Op::Sigmoid => "σ".into(),
            Op::Relu => "ReLU".into(),
            Op::LeakyRelu(_) => "LReLU".into(),
            Op::Elu(_) => "ELU".into(),
            Op::Abs => "|·|".into(),
            Op::WeightedSum => "Σ".into(),
            Op::Mean => "mean".into(),
            Op::SquaredError | Op::BinaryCrossEntropy | Op::Hinge | Op::SoftmaxCrossEntropy(_) => {
                "ℓ".into()
            }
            other => other.name().into(),
        }
    }

    /// The constant parameter the operation carries, if any (exponent, slope a).
    pub fn parameter(self) -> Option<f64> {
        match self {
            Op::Const(v) | Op::PowConst(v) | Op::LeakyRelu(v) | Op::Elu(v) => Some(v),
            _ => None,
        }
    }

    /// A key equal for equal operations, for merging identical subexpressions.
    pub fn key(self) -> (u8, u64) {
        let tag = match self {
            Op::Input => 0,
            Op::Const(_) => 1,
            Op::Neg => 2,
            Op::Add => 3,
            Op::Sub => 4,
            Op::Mul => 5,
            Op::Div => 6,
            Op::Pow => 7,
            Op::PowConst(_) => 8,
            Op::Exp => 9,
            Op::Log => 10,
            Op::Sqrt => 11,
            Op::Sin => 12,
            Op::Cos => 13,
            Op::Tan => 14,
            Op::Tanh => 15,
            Op::Sigmoid => 16,
            Op::Relu => 17,
            Op::LeakyRelu(_) => 18,
            Op::Elu(_) => 19,
            Op::Abs => 20,
            Op::WeightedSum => 21,
            Op::SquaredError => 22,
            Op::BinaryCrossEntropy => 23,
            Op::Hinge => 24,
            Op::SoftmaxCrossEntropy(_) => 25,
            Op::Mean => 26,
        };
        let bits = match self {
            Op::SoftmaxCrossEntropy(class) => u64::from(class),
            _ => self.parameter().map_or(0, f64::to_bits),
        };
        (tag, bits)
    }

    /// The operation's value on its arguments, on plain numbers or on dual numbers alike.
    /// Leaves have no arguments: a constant gives its value, an input must be set by the caller.
    // Kept out of line: inlined into the evaluation loop, its twenty-arm match made the loop
    // twice as slow (measured with `cargo bench --bench trace`).
    #[inline(never)]
    pub fn eval<S: Scalar>(self, args: &[S]) -> S {
        let u = || args[0];
        let v = || args[1];
        match self {
            Op::Input => S::constant(f64::NAN),
            Op::Const(c) => S::constant(c),
            Op::Neg => -u(),
            Op::Add => u() + v(),
            Op::Sub => u() - v(),
            Op::Mul => u() * v(),
            Op::Div => u() / v(),
            Op::Pow => u().pow(v()),
            Op::PowConst(p) => u().powf(p),
            Op::Exp => u().exp(),
            Op::Log => u().ln(),
            Op::Sqrt => u().sqrt(),
            Op::Sin => u().sin(),
            Op::Cos => u().cos(),
            Op::Tan => u().tan(),
            Op::Tanh => u().tanh(),
            Op::Sigmoid => u().sigmoid(),
            Op::Relu => u().relu(),
            Op::LeakyRelu(a) => u().leaky_relu(a),
            Op::Elu(a) => u().elu(a),
            Op::Abs => u().abs(),
            Op::WeightedSum => args[1..]
                .chunks_exact(2)
                .fold(u(), |sum, wh| sum + wh[0] * wh[1]),
            Op::SquaredError => (v() - u()).powf(2.0) * S::constant(0.5),
            Op::BinaryCrossEntropy => {
                let one = S::constant(1.0);
                -(v() * u().ln() + (one - v()) * (one - u()).ln())
            }
            Op::Hinge => (S::constant(1.0) - v() * u()).relu(),
            Op::SoftmaxCrossEntropy(class) => {
                // Shifted by the largest output (a constant), so exp never overflows.
                let max = args
                    .iter()
                    .map(|a| a.value())
                    .fold(f64::NEG_INFINITY, f64::max);
                let shift = S::constant(max);
                let total = args[1..]
                    .iter()
                    .fold((u() - shift).exp(), |t, &a| t + (a - shift).exp());
                total.ln() + shift
                    - args
                        .get(class as usize)
                        .copied()
                        .unwrap_or(S::constant(f64::NAN))
            }
            Op::Mean => {
                args[1..].iter().fold(u(), |sum, &a| sum + a) * S::constant(1.0 / args.len() as f64)
            }
        }
    }

    /// The local partial derivative ∂node/∂(argument `slot`), given the arguments and the node's
    /// own value (which several rules reuse: exp, sqrt, tanh, σ).
    // Out of line for the same reason as `eval`.
    #[inline(never)]
    pub fn partial(self, slot: usize, args: &[f64], value: f64) -> f64 {
        let u = args.first().copied().unwrap_or(f64::NAN);
        match (self, slot) {
            (Op::Input | Op::Const(_), _) => 0.0,
            (Op::Neg, _) => -1.0,
            (Op::Add, _) | (Op::Sub, 0) => 1.0,
            (Op::Sub, _) => -1.0,
            (Op::Mul, 0) => args[1],
            (Op::Mul, _) => u,
            (Op::Div, 0) => 1.0 / args[1],
            (Op::Div, _) => -u / (args[1] * args[1]),
            (Op::Pow, 0) => args[1] * u.powf(args[1] - 1.0),
            (Op::Pow, _) => {
                if u == 0.0 && args[1] > 0.0 {
                    0.0
                } else {
                    value * u.ln()
                }
            }
            (Op::PowConst(p), _) => p * u.powf(p - 1.0),
            (Op::Exp, _) => value,
            (Op::Log, _) => 1.0 / u,
            (Op::Sqrt, _) => 0.5 / value,
            (Op::Sin, _) => u.cos(),
            (Op::Cos, _) => -u.sin(),
            (Op::Tan, _) => 1.0 + value * value,
            (Op::Tanh, _) => 1.0 - value * value,
            (Op::Sigmoid, _) => value * dual::sigmoid(-u),
            (Op::Relu, _) => dual::step(u, 1.0, 0.0),
            (Op::LeakyRelu(a), _) => dual::step(u, 1.0, a),
            (Op::Elu(a), _) => dual::step(u, 1.0, a * u.exp()),
            (Op::Abs, _) => {
                if u > 0.0 {
                    1.0
                } else if u < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            (Op::WeightedSum, 0) => 1.0,
            // wᵢ sits at an odd slot, its hᵢ right after it: each is the other's derivative.
            (Op::WeightedSum, slot) if slot % 2 == 1 => args[slot + 1],
            (Op::WeightedSum, slot) => args[slot - 1],
            (Op::SquaredError, 0) => u - args[1],
            (Op::SquaredError, _) => args[1] - u,
            (Op::BinaryCrossEntropy, 0) => (u - args[1]) / (u * (1.0 - u)),
            (Op::BinaryCrossEntropy, _) => (1.0 - u).ln() - u.ln(),
            (Op::Hinge, slot) => {
                let y = args[1];
                let open = dual::step(1.0 - y * u, 1.0, 0.0);
                -open * if slot == 0 { y } else { u }
            }
            (Op::SoftmaxCrossEntropy(class), slot) => {
                let max = args.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let total: f64 = args.iter().map(|a| (a - max).exp()).sum();
                (args[slot] - max).exp() / total - if slot == class as usize { 1.0 } else { 0.0 }
            }
            (Op::Mean, _) => 1.0 / args.len() as f64,
        }
    }

    /// How the node's formula is written, given how its arguments are written: `exp(a)`, `x²`.
    pub fn formula(self, args: &[Math]) -> Math {
        let u = || args[0].clone();
        let v = || args[1].clone();
        match self {
            Op::Input => Math::name("?"),
            Op::Const(c) => Math::number(c),
            Op::Neg => u().neg(),
            Op::Add => Math::Add(vec![u(), v()]),
            Op::Sub => Math::Sub(Box::new(u()), Box::new(v())),
            Op::Mul => Math::Mul(vec![u(), v()]),
            Op::Div => Math::Div(Box::new(u()), Box::new(v())),
            Op::Pow => u().pow(v()),
            Op::PowConst(p) => u().pow(Math::number(p)),
            Op::Exp => Math::call("exp", u()),
            Op::Log => Math::call("log", u()),
            Op::Sqrt => Math::call("sqrt", u()),
            Op::Sin => Math::call("sin", u()),
            Op::Cos => Math::call("cos", u()),
            Op::Tan => Math::call("tan", u()),
            Op::Tanh => Math::call("tanh", u()),
            Op::Sigmoid => Math::call("σ", u()),
            Op::Relu => Math::call("relu", u()),
            Op::LeakyRelu(a) => Math::Call("leaky_relu", vec![u(), Math::number(a)]),
            Op::Elu(a) => Math::Call("elu", vec![u(), Math::number(a)]),
            Op::Abs => Math::Abs(Box::new(u())),
            Op::WeightedSum => Math::Add(
                std::iter::once(u())
                    .chain(args[1..].chunks_exact(2).map(|wh| Math::Mul(wh.to_vec())))
                    .collect(),
            ),
            Op::SquaredError => Math::Mul(vec![
                Math::Ratio(1, 2),
                Math::Sub(Box::new(v()), Box::new(u())).pow(Math::int(2)),
            ]),
            Op::BinaryCrossEntropy => Math::Add(vec![
                Math::Mul(vec![v(), Math::call("log", u())]),
                Math::Mul(vec![one_minus(v()), Math::call("log", one_minus(u()))]),
            ])
            .neg(),
            Op::Hinge => Math::Call("max", vec![Math::int(0), hinge_margin(args)]),
            Op::SoftmaxCrossEntropy(class) => Math::Sub(
                Box::new(Math::call(
                    "log",
                    Math::Add(args.iter().map(|a| Math::call("exp", a.clone())).collect()),
                )),
                Box::new(args.get(class as usize).cloned().unwrap_or(Math::name("?"))),
            ),
            Op::Mean => Math::Div(
                Box::new(Math::Add(args.to_vec())),
                Box::new(Math::int(args.len() as i64)),
            ),
        }
    }

    /// How the local partial derivative ∂node/∂(argument `slot`) is written, in the lecture's
    /// forms: `-sin(c)`, `½c^(-½)`, `exp(a)`, `2x`, `σ(a)σ(-a)`, `𝟙(a ≥ 0)`.
    pub fn partial_formula(self, slot: usize, args: &[Math]) -> Math {
        let u = || args[0].clone();
        let v = || args[1].clone();
        let indicator = |cmp| Math::Indicator(Box::new(u()), cmp);
        match (self, slot) {
            (Op::Input | Op::Const(_), _) => Math::int(0),
            (Op::Neg, _) | (Op::Sub, 1) => Math::int(-1),
            (Op::Add, _) | (Op::Sub, _) => Math::int(1),
            (Op::Mul, 0) => v(),
            (Op::Mul, _) => u(),
            (Op::Div, 0) => Math::Div(Box::new(Math::int(1)), Box::new(v())),
            (Op::Div, _) => Math::Div(Box::new(u()), Box::new(v().pow(Math::int(2)))).neg(),
            (Op::Pow, 0) => Math::Mul(vec![
                v(),
                u().pow(Math::Sub(Box::new(v()), Box::new(Math::int(1)))),
            ]),
            (Op::Pow, _) => Math::Mul(vec![u().pow(v()), Math::call("log", u())]),
            (Op::PowConst(p), _) => power_rule(p, u()),
            (Op::Exp, _) => Math::call("exp", u()),
            (Op::Log, _) => Math::Div(Box::new(Math::int(1)), Box::new(u())),
            (Op::Sqrt, _) => Math::Mul(vec![Math::Ratio(1, 2), u().pow(Math::Ratio(-1, 2))]),
            (Op::Sin, _) => Math::call("cos", u()),
            (Op::Cos, _) => Math::call("sin", u()).neg(),
            (Op::Tan, _) => Math::Add(vec![Math::int(1), Math::call("tan", u()).pow(Math::int(2))]),
            (Op::Tanh, _) => Math::Sub(
                Box::new(Math::int(1)),
                Box::new(Math::call("tanh", u()).pow(Math::int(2))),
            ),
            (Op::Sigmoid, _) => Math::Mul(vec![Math::call("σ", u()), Math::call("σ", u().neg())]),
            (Op::Relu, _) => indicator(Cmp::AtLeast),
            (Op::LeakyRelu(a), _) => Math::Add(vec![
                indicator(Cmp::AtLeast),
                Math::Mul(vec![Math::number(a), indicator(Cmp::Below)]),
            ]),
            (Op::Elu(a), _) => Math::Add(vec![
                indicator(Cmp::AtLeast),
                Math::Mul(vec![
                    Math::number(a),
                    Math::call("exp", u()),
                    indicator(Cmp::Below),
                ]),
            ]),
            (Op::Abs, _) => Math::call("sign", u()),
            (Op::WeightedSum, 0) => Math::int(1),
            (Op::WeightedSum, slot) if slot % 2 == 1 => args[slot + 1].clone(),
            (Op::WeightedSum, slot) => args[slot - 1].clone(),
            (Op::SquaredError, 0) => Math::Sub(Box::new(u()), Box::new(v())),
            (Op::SquaredError, _) => Math::Sub(Box::new(v()), Box::new(u())),
            (Op::BinaryCrossEntropy, 0) => Math::Div(
                Box::new(Math::Sub(Box::new(u()), Box::new(v()))),
                Box::new(Math::Mul(vec![u(), one_minus(u())])),
            ),
            (Op::BinaryCrossEntropy, _) => Math::Sub(
                Box::new(Math::call("log", one_minus(u()))),
                Box::new(Math::call("log", u())),
            ),
            (Op::Hinge, slot) => Math::Mul(vec![
                if slot == 0 { v() } else { u() }.neg(),
                Math::Indicator(Box::new(hinge_margin(args)), Cmp::AtLeast),
            ]),
            (Op::SoftmaxCrossEntropy(class), slot) => {
                let softmax = Math::Div(
                    Box::new(Math::call("exp", args[slot].clone())),
                    Box::new(Math::Add(
                        args.iter().map(|a| Math::call("exp", a.clone())).collect(),
                    )),
                );
                if slot == class as usize {
                    Math::Sub(Box::new(softmax), Box::new(Math::int(1)))
                } else {
                    softmax
                }
            }
            (Op::Mean, _) => Math::Ratio(1, args.len() as i64),
        }
    }
}

/// `1 − u`
fn one_minus(u: Math) -> Math {
    Math::Sub(Box::new(Math::int(1)), Box::new(u))
}

/// The hinge's margin `1 − y·ŷ`, from the arguments `[ŷ, y]`.
fn hinge_margin(args: &[Math]) -> Math {
    one_minus(Math::Mul(vec![args[1].clone(), args[0].clone()]))
}

/// d/du u^p = p·u^(p-1), tidied: 2u rather than 2u¹, and 1 rather than 1·u⁰.
fn power_rule(p: f64, u: Math) -> Math {
    let coefficient = Math::number(p);
    let rest = p - 1.0;
    if rest == 0.0 {
        coefficient
    } else if rest == 1.0 {
        Math::Mul(vec![coefficient, u])
    } else {
        Math::Mul(vec![coefficient, u.pow(Math::number(rest))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[Op] = &[
        Op::Neg,
        Op::Add,
        Op::Sub,
        Op::Mul,
        Op::Div,
        Op::Pow,
        Op::PowConst(2.0),
        Op::PowConst(-1.5),
        Op::Exp,
        Op::Log,
        Op::Sqrt,
        Op::Sin,
        Op::Cos,
        Op::Tan,
        Op::Tanh,
        Op::Sigmoid,
        Op::Relu,
        Op::LeakyRelu(0.1),
        Op::Elu(1.0),
        Op::Abs,
    ];

    /// Every operation with argument lists it is defined at: the fixed-arity ones at three
    /// points, the network's operations at points of their own (probabilities in (0, 1), labels).
    fn cases() -> Vec<(Op, Vec<f64>)> {
        let mut cases = Vec::new();
        for &op in ALL {
            for point in [[0.7, 1.3], [-0.4, 2.1], [1.9, -0.8]] {
                let args = &point[..op.arity()];
                if matches!(op, Op::Log | Op::Sqrt | Op::Pow | Op::PowConst(_)) && args[0] < 0.0 {
                    continue;
                }
                cases.push((op, args.to_vec()));
            }
        }
        cases.extend([
            (Op::WeightedSum, vec![0.3]),
            (Op::WeightedSum, vec![0.3, -1.2, 0.8, 0.5, 2.0]),
            (Op::Mean, vec![0.3]),
            (Op::Mean, vec![0.3, -1.2, 0.8, 2.5]),
            (Op::SquaredError, vec![0.4, -1.0]),
            (Op::BinaryCrossEntropy, vec![0.3, 1.0]),
            (Op::BinaryCrossEntropy, vec![0.8, 0.0]),
            (Op::Hinge, vec![0.4, 1.0]),
            (Op::Hinge, vec![-0.7, 1.0]),
            (Op::SoftmaxCrossEntropy(1), vec![0.2, -0.5, 1.4]),
            (Op::SoftmaxCrossEntropy(0), vec![3.0, 1.0]),
        ]);
        cases
    }

    fn central_difference(op: Op, args: &[f64], slot: usize) -> f64 {
        let h = 1e-6;
        let mut plus = args.to_vec();
        let mut minus = args.to_vec();
        plus[slot] += h;
        minus[slot] -= h;
        (op.eval(&plus) - op.eval(&minus)) / (2.0 * h)
    }

    #[test]
    fn every_partial_matches_a_central_difference() {
        for (op, args) in cases() {
            assert!(op.accepts(args.len()), "{op:?} {args:?}");
            let value = op.eval(&args);
            for slot in 0..args.len() {
                let exact = op.partial(slot, &args, value);
                let approx = central_difference(op, &args, slot);
                assert!(
                    (exact - approx).abs() < 1e-6 * (1.0 + exact.abs()),
                    "{op:?} slot {slot} at {args:?}: {exact} vs {approx}"
                );
            }
        }
    }

    #[test]
    fn every_partial_matches_forward_mode() {
        use crate::dual::Dual;
        for (op, args) in cases() {
            let value = op.eval(&args);
            for slot in 0..args.len() {
                let duals: Vec<Dual> = args
                    .iter()
                    .enumerate()
                    .map(|(i, &a)| Dual::new(a, if i == slot { 1.0 } else { 0.0 }))
                    .collect();
                let forward = op.eval(&duals).eps;
                let reverse = op.partial(slot, &args, value);
                assert!(
                    (forward - reverse).abs() < 1e-12 * (1.0 + reverse.abs()),
                    "{op:?} slot {slot} at {args:?}: {forward} vs {reverse}"
                );
            }
        }
    }

    #[test]
    fn the_network_operations_agree_with_the_dense_losses() {
        use crate::nn::loss::Loss;
        let mut gradient = [0.0; 3];
        for (op, loss, outputs, label, y) in [
            (Op::SquaredError, Loss::SquaredError, vec![0.4], -1.0, -1.0),
            (
                Op::BinaryCrossEntropy,
                Loss::BinaryCrossEntropy,
                vec![0.3],
                1.0,
                1.0,
            ),
            (
                Op::BinaryCrossEntropy,
                Loss::BinaryCrossEntropy,
                vec![0.3],
                -1.0,
                0.0,
            ),
            (Op::Hinge, Loss::Hinge, vec![0.4], 1.0, 1.0),
        ] {
            let dense = loss.evaluate(&outputs, label, &mut gradient);
            let args = [outputs[0], y];
            let value = op.eval(&args);
            assert!((value - dense).abs() < 1e-12, "{op:?}: {value} vs {dense}");
            assert!(
                (op.partial(0, &args, value) - gradient[0]).abs() < 1e-12,
                "{op:?}"
            );
        }
        let outputs = [0.2, -0.5, 1.4];
        let dense = Loss::SoftmaxCrossEntropy.evaluate(&outputs, 2.0, &mut gradient);
        let op = Op::SoftmaxCrossEntropy(2);
        let value = op.eval(&outputs);
        assert!((value - dense).abs() < 1e-12);
        for (k, g) in gradient.iter().enumerate() {
            assert!((op.partial(k, &outputs, value) - g).abs() < 1e-12);
        }
        assert_eq!(Op::WeightedSum.eval(&[0.5, 2.0, 3.0, -1.0, 4.0]), 2.5);
    }

    #[test]
    fn the_lectures_activation_derivatives_at_zero() {
        assert_eq!(Op::Relu.partial(0, &[0.0], 0.0), 1.0);
        assert_eq!(Op::LeakyRelu(0.1).partial(0, &[-2.0], -0.2), 0.1);
        assert_eq!(Op::Elu(1.0).partial(0, &[0.0], 0.0), 1.0);
    }

    #[test]
    fn typos_get_the_nearest_name() {
        assert_eq!(Function::suggest("ecp"), Some("exp"));
        assert_eq!(Function::suggest("sqr"), Some("sqrt"));
        assert_eq!(Function::suggest("Sigmod"), Some("sigmoid"));
        assert_eq!(Function::suggest("leakyrelu"), Some("leaky_relu"));
        assert_eq!(Function::suggest("banana"), None);
    }

    #[test]
    fn merging_keys_tell_parameters_apart() {
        assert_eq!(Op::PowConst(2.0).key(), Op::PowConst(2.0).key());
        assert_ne!(Op::PowConst(2.0).key(), Op::PowConst(3.0).key());
        assert_ne!(Op::Elu(1.0).key(), Op::LeakyRelu(1.0).key());
    }
}
