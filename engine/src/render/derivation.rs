//! Trace steps as written mathematics, in the lecture's form:
//! `b = exp(a) = 54.598` and `∂f/∂c = ∂f/∂e ∂e/∂c + ∂f/∂d ∂d/∂c = 1 × -sin(c) + 1 × ½c^(-½) = -0.822`.

use super::math::Math;
use crate::descent::ParameterUpdate;
use crate::graph::{Graph, NodeId};
use crate::nn::train::Optimizer;
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

/// `u - v`
fn minus(u: Math, v: Math) -> Math {
    Math::Sub(Box::new(u), Box::new(v))
}

/// `u/v`
fn over(u: Math, v: Math) -> Math {
    Math::Div(Box::new(u), Box::new(v))
}

/// One parameter's update as the optimiser makes it, its state first: for SGD
/// `w ← w - η·∂f/∂w = 0.5 - 0.1 × 0.83 = 0.417`; for momentum the velocity `v ← β·v + ∂f/∂w`
/// then `w ← w - η·v`; for Adam `m`, `v`, their corrections `m̂ = m/(1 - β₁ᵗ)` and
/// `v̂ = v/(1 - β₂ᵗ)` at step `t`, then `w ← w - η·m̂/(√v̂ + ε)`. The last line is the parameter's.
pub fn update_lines(
    graph: &Graph,
    optimizer: Optimizer,
    rate: f64,
    t: usize,
    step: &ParameterUpdate,
) -> Vec<Math> {
    let (w, u) = (operand(graph, step.node), &step.update);
    let gradient = adjoint_symbol(graph, step.node);
    let (eta, n) = (Math::name("η"), Math::Num);
    match optimizer {
        Optimizer::Sgd => vec![Math::Gets(vec![
            w.clone(),
            minus(w, Math::Mul(vec![eta, gradient])),
            minus(n(u.before), Math::Times(vec![n(rate), n(u.gradient)])),
            n(u.after),
        ])],
        Optimizer::Momentum { beta } => {
            let v = Math::name("v");
            vec![
                Math::Gets(vec![
                    v.clone(),
                    Math::Add(vec![Math::Mul(vec![Math::name("β"), v.clone()]), gradient]),
                    Math::Add(vec![
                        Math::Times(vec![n(beta), n(step.prior.first)]),
                        n(u.gradient),
                    ]),
                    n(u.moments.first),
                ]),
                Math::Gets(vec![
                    w.clone(),
                    minus(w, Math::Mul(vec![eta, v])),
                    minus(n(u.before), Math::Times(vec![n(rate), n(u.moments.first)])),
                    n(u.after),
                ]),
            ]
        }
        Optimizer::Adam { beta1, beta2, .. } => {
            let (m, v) = (Math::name("m"), Math::name("v"));
            let (m_hat, v_hat) = (Math::name("m̂"), Math::name("v̂"));
            let (b1, b2) = (Math::name("β_1"), Math::name("β_2"));
            let (shown_m, shown_v) = u.corrected.unwrap_or((f64::NAN, f64::NAN));
            let t = Math::int(i64::try_from(t).unwrap_or(i64::MAX));
            let one = Math::int(1);
            let rest = |b: &Math| minus(one.clone(), b.clone());
            let corrected =
                |name: Math, moment: Math, b: &Math, beta: f64, value: f64, after: f64| {
                    Math::Eq(vec![
                        name,
                        over(moment, minus(one.clone(), b.clone().pow(t.clone()))),
                        over(n(after), minus(one.clone(), n(beta).pow(t.clone()))),
                        n(value),
                    ])
                };
            vec![
                Math::Gets(vec![
                    m.clone(),
                    Math::Add(vec![
                        Math::Mul(vec![b1.clone(), m.clone()]),
                        Math::Mul(vec![rest(&b1), gradient.clone()]),
                    ]),
                    Math::Add(vec![
                        Math::Times(vec![n(beta1), n(step.prior.first)]),
                        Math::Times(vec![n(1.0 - beta1), n(u.gradient)]),
                    ]),
                    n(u.moments.first),
                ]),
                Math::Gets(vec![
                    v.clone(),
                    Math::Add(vec![
                        Math::Mul(vec![b2.clone(), v.clone()]),
                        Math::Mul(vec![rest(&b2), gradient.pow(Math::int(2))]),
                    ]),
                    Math::Add(vec![
                        Math::Times(vec![n(beta2), n(step.prior.second)]),
                        Math::Times(vec![n(1.0 - beta2), n(u.gradient).pow(Math::int(2))]),
                    ]),
                    n(u.moments.second),
                ]),
                corrected(m_hat.clone(), m, &b1, beta1, shown_m, u.moments.first),
                corrected(v_hat.clone(), v, &b2, beta2, shown_v, u.moments.second),
                Math::Gets(vec![
                    w.clone(),
                    minus(
                        w,
                        Math::Mul(vec![
                            eta,
                            over(
                                m_hat,
                                Math::Add(vec![Math::call("sqrt", v_hat), Math::name("ε")]),
                            ),
                        ]),
                    ),
                    minus(
                        n(u.before),
                        Math::Times(vec![
                            n(rate),
                            // ε by name: its value (10⁻⁸) is the usual one, and as a number it
                            // would make the line twice as long.
                            over(
                                n(shown_m),
                                Math::Add(vec![Math::call("sqrt", n(shown_v)), Math::name("ε")]),
                            ),
                        ]),
                    ),
                    n(u.after),
                ]),
            ]
        }
    }
}

/// The optimiser's state after one parameter's update, each as `name = value`: momentum's `v`,
/// Adam's `m`, `v`, `m̂` and `v̂`; nothing for SGD.
pub fn update_state(optimizer: Optimizer, step: &ParameterUpdate) -> Vec<Math> {
    let u = &step.update;
    let pair = |name: &str, value: f64| Math::Eq(vec![Math::name(name), Math::Num(value)]);
    match (optimizer, u.corrected) {
        (Optimizer::Sgd, _) => Vec::new(),
        (Optimizer::Momentum { .. }, _) => vec![pair("v", u.moments.first)],
        (Optimizer::Adam { .. }, corrected) => {
            let (m_hat, v_hat) = corrected.unwrap_or((f64::NAN, f64::NAN));
            vec![
                pair("m", u.moments.first),
                pair("v", u.moments.second),
                pair("m̂", m_hat),
                pair("v̂", v_hat),
            ]
        }
    }
}
