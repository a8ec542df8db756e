//! Practice: the step-through's walk as questions a student answers, checked against the trace,
//! and a wrong answer met with the step's rule and a hint aimed at the mistake it most likely is
//! (found by computing the common wrong answers and comparing).
//!
//! A forward step asks the node's value; a backward step asks each term's local derivative and
//! then the adjoint, as the lecture forms them. An answer is a number or an expression in the
//! graph's names; a local derivative written as an expression is checked as Desmos checks typed
//! expressions, by evaluating it at several points around the trace's own.

use std::f64::consts::PI;

use crate::graph::{Graph, NodeId, Sharing};
use crate::ops::Op;
use crate::render::derivation::{formula, local_formula};
use crate::render::math::Math;
use crate::render::notation::render;
use crate::render::text::{display_name, Text};
use crate::trace::{evaluate, Step, Term, Trace};

/// What a question asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A node's value, in the forward pass.
    Value,
    /// ∂consumer/∂node, the local derivative of one term of the node's adjoint.
    Local {
        /// The node that uses this one.
        consumer: NodeId,
    },
    /// ∂f/∂node, the sum of its terms.
    Adjoint,
}

impl Kind {
    /// Its name in the page's contract: `value`, `local` or `adjoint`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Value => "value",
            Kind::Local { .. } => "local",
            Kind::Adjoint => "adjoint",
        }
    }
}

/// One question: what is asked about which node, and the right answer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Question {
    /// The node asked about.
    pub node: NodeId,
    /// What is asked.
    pub kind: Kind,
    /// The right answer, from the trace.
    pub expected: f64,
}

/// The questions of walk step `i` (from 0, forward steps first), in the order they are asked.
pub fn questions(graph: &Graph, trace: &Trace, i: usize) -> Vec<Question> {
    match trace.step(i) {
        None => Vec::new(),
        Some(Step::Forward(step)) => vec![Question {
            node: step.node,
            kind: Kind::Value,
            expected: step.value,
        }],
        Some(Step::Backward(step)) => {
            let mut asked: Vec<Question> = trace
                .terms(graph, step.node)
                .map(|t| Question {
                    node: step.node,
                    kind: Kind::Local {
                        consumer: t.consumer,
                    },
                    expected: t.local,
                })
                .collect();
            asked.push(Question {
                node: step.node,
                kind: Kind::Adjoint,
                expected: step.adjoint,
            });
            asked
        }
    }
}

/// Whether `answer` is right for `expected` at the lecture's precision: within a relative 10⁻³,
/// or an absolute 10⁻³ near 0.
pub fn close(answer: f64, expected: f64) -> bool {
    if answer.is_nan() || expected.is_nan() {
        return answer.is_nan() && expected.is_nan();
    }
    if answer.is_infinite() || expected.is_infinite() {
        return answer == expected;
    }
    (answer - expected).abs() <= 1e-3 * expected.abs().max(1.0)
}

/// The outcome of an answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Whether it is right.
    pub correct: bool,
    /// What to tell the student: why it is right, or the rule and a hint.
    pub message: String,
}

fn name(graph: &Graph, id: NodeId) -> String {
    display_name(graph.name(id))
}

/// The names of the nodes that use `node`, in the order their messages arrive.
fn consumer_names(graph: &Graph, trace: &Trace, node: NodeId) -> Vec<String> {
    trace
        .terms(graph, node)
        .map(|t| name(graph, t.consumer))
        .collect()
}

fn text(math: &Math) -> String {
    render(&Text { digits: 5 }, math)
}

fn number(v: f64) -> String {
    crate::render::number::plain(v, 5)
}

/// What a question asks (`∂e/∂c = ?`), and what the student needs beside it (`e = cos(c)`).
#[derive(Clone, Debug, PartialEq)]
pub struct Prompt {
    /// The question.
    pub ask: String,
    /// What it is about, in the lecture's notation.
    pub context: String,
}

/// What the question asks, in the lecture's symbols, and its context: the node's formula for a
/// value or a local derivative, the nodes that use it for an adjoint.
pub fn prompt(graph: &Graph, trace: &Trace, question: &Question) -> Prompt {
    let n = name(graph, question.node);
    let f = name(graph, graph.output());
    match question.kind {
        Kind::Value => Prompt {
            ask: format!("{n} = {} = ?", text(&formula(graph, question.node))),
            context: "a number, or a formula in the values found so far".into(),
        },
        Kind::Local { consumer } => {
            let c = name(graph, consumer);
            Prompt {
                ask: format!("∂{c}/∂{n} = ?"),
                context: format!(
                    "where {c} = {}: a number, or a formula in {c}'s inputs",
                    text(&formula(graph, consumer))
                ),
            }
        }
        Kind::Adjoint => {
            let consumers = consumer_names(graph, trace, question.node);
            Prompt {
                ask: format!("∂{f}/∂{n} = ?"),
                context: match consumers.len() {
                    0 => "where the backward pass starts".into(),
                    1 => format!("{n} is used by {}", consumers[0]),
                    _ => format!("{n} is used by {}", consumers.join(" and ")),
                },
            }
        }
    }
}

/// The right answer written out, as a reveal shows it: `∂e/∂c = -sin(c) = -0.8876`.
pub fn solution(graph: &Graph, question: &Question) -> String {
    let n = name(graph, question.node);
    let f = name(graph, graph.output());
    let value = number(question.expected);
    match question.kind {
        Kind::Value => format!("{n} = {} = {value}", text(&formula(graph, question.node))),
        Kind::Local { consumer } => format!(
            "∂{}/∂{n} = {} = {value}",
            name(graph, consumer),
            text(&local_formula(graph, consumer, question.node))
        ),
        Kind::Adjoint => format!("∂{f}/∂{n} = {value}"),
    }
}

/// An answer read: a number, or a formula with the value it has at each point asked for.
struct Reading {
    answer: Graph,
    /// The graph's node for each of the answer's names, in the answer's input order.
    bound: Vec<NodeId>,
}

fn read(graph: &Graph, answer: &str) -> Result<Reading, String> {
    // The message with the answer and a caret under the column, as the expression field shows.
    let parsed = Graph::parse(answer, Sharing::Merged)
        .map_err(|e| format!("that answer does not read: {}", e.render(answer).trim_end()))?;
    let names: Vec<(String, NodeId)> = graph
        .ids()
        .filter(|&id| !matches!(graph.node(id).op, Op::Const(_)))
        .map(|id| (graph.name(id).to_string(), id))
        .collect();
    let bound = parsed
        .inputs()
        .iter()
        .map(|&input| {
            let wanted = parsed.name(input);
            names
                .iter()
                .find(|(n, _)| n == wanted)
                .map(|&(_, id)| id)
                .ok_or_else(|| {
                    let known: Vec<String> = names.iter().map(|(n, _)| display_name(n)).collect();
                    format!(
                        "there is no node called {} here; a formula may use {}.",
                        display_name(wanted),
                        known.join(", ")
                    )
                })
        })
        .collect::<Result<_, _>>()?;
    Ok(Reading {
        answer: parsed,
        bound,
    })
}

impl Reading {
    /// The answer's value when the graph's nodes have `values`.
    fn at(&self, values: &[f64]) -> f64 {
        let inputs: Vec<f64> = self.bound.iter().map(|id| values[id.index()]).collect();
        evaluate(&self.answer, &inputs)[self.answer.output().index()]
    }
}

/// ∂consumer/∂node when the consumer's arguments are `args` (summed over the slots that hold
/// node), and the consumer's value there.
fn local_at(graph: &Graph, consumer: NodeId, node: NodeId, args: &[f64]) -> (f64, f64) {
    let op = graph.node(consumer).op;
    let value = op.eval(args);
    let local = graph
        .args(consumer)
        .iter()
        .enumerate()
        .filter(|&(_, &a)| a == node)
        .map(|(slot, _)| op.partial(slot, args, value))
        .sum();
    (local, value)
}

/// Checks `answer` against `question` and says why it is right, or gives the rule and a hint.
pub fn check(graph: &Graph, trace: &Trace, question: &Question, answer: &str) -> Verdict {
    let reading = match read(graph, answer) {
        Ok(reading) => reading,
        Err(message) => {
            return Verdict {
                correct: false,
                message: crate::render::text::sentence(&message),
            }
        }
    };
    let given = reading.at(trace.values());
    let right_here = close(given, question.expected);
    if right_here {
        if let Kind::Local { consumer } = question.kind {
            if !reading.bound.is_empty()
                && !holds_around(graph, trace, consumer, question, &reading)
            {
                let inputs: Vec<String> = graph
                    .args(consumer)
                    .iter()
                    .map(|&a| name(graph, a))
                    .collect();
                return Verdict {
                    correct: false,
                    message: format!(
                        "That is the right number here, but as a formula it does not follow {}'s inputs: write it in terms of {} (or give the number).",
                        name(graph, consumer),
                        inputs.join(", ")
                    ),
                };
            }
        }
        return Verdict {
            correct: true,
            message: format!("Right: {}.", solution(graph, question)),
        };
    }
    let hint = mistakes(graph, trace, question)
        .into_iter()
        .find(|(wrong, _)| wrong.is_finite() && close(given, *wrong))
        .map(|(_, hint)| hint);
    Verdict {
        correct: false,
        message: match hint {
            Some(hint) => format!("Not yet. {hint} {}", rule(graph, trace, question)),
            None => format!(
                "Not yet: {} is not it. {}",
                number(given),
                rule(graph, trace, question)
            ),
        },
    }
}

/// Whether a formula for ∂consumer/∂node agrees with the true one at points around the trace's
/// (the consumer's arguments moved, its value recomputed; points where the truth is not finite
/// are skipped).
fn holds_around(
    graph: &Graph,
    trace: &Trace,
    consumer: NodeId,
    question: &Question,
    reading: &Reading,
) -> bool {
    let args: Vec<NodeId> = graph.args(consumer).to_vec();
    let mut values = trace.values().to_vec();
    for shift in [0.13, -0.21, 0.37, -0.05] {
        let moved: Vec<f64> = args
            .iter()
            .enumerate()
            .map(|(k, a)| {
                let v = trace.value(*a);
                v * (1.0 + shift * (1.0 + k as f64 * 0.3)) + shift * 0.5
            })
            .collect();
        let (truth, value) = local_at(graph, consumer, question.node, &moved);
        if !truth.is_finite() {
            continue;
        }
        for (a, v) in args.iter().zip(&moved) {
            values[a.index()] = *v;
        }
        values[consumer.index()] = value;
        if !close(reading.at(&values), truth) {
            return false;
        }
    }
    true
}

/// The step's rule, in general terms (not the answer).
fn rule(graph: &Graph, trace: &Trace, question: &Question) -> String {
    let n = name(graph, question.node);
    let f = name(graph, graph.output());
    match question.kind {
        Kind::Value => format!(
            "The rule: {n} = {}, with the values found so far.",
            text(&formula(graph, question.node))
        ),
        Kind::Local { consumer } => {
            let c = name(graph, consumer);
            format!(
                "The rule: differentiate {c} = {} with respect to {n}, holding its other inputs fixed.",
                text(&formula(graph, consumer))
            )
        }
        Kind::Adjoint => {
            let consumers = consumer_names(graph, trace, question.node);
            if consumers.is_empty() {
                format!("The rule: ∂{f}/∂{f} = 1, where the backward pass starts.")
            } else {
                let sum: Vec<String> = consumers
                    .iter()
                    .map(|c| format!("∂{f}/∂{c}·∂{c}/∂{n}"))
                    .collect();
                format!("The rule: ∂{f}/∂{n} = {}.", sum.join(" + "))
            }
        }
    }
}

/// The common wrong answers to `question`, each with the hint it earns, most telling first.
fn mistakes(graph: &Graph, trace: &Trace, question: &Question) -> Vec<(f64, String)> {
    let e = question.expected;
    let n = name(graph, question.node);
    let f = name(graph, graph.output());
    let mut out = Vec::new();
    match question.kind {
        Kind::Value => {
            let node = question.node;
            let op = graph.node(node).op;
            let args: Vec<f64> = graph.args(node).iter().map(|&a| trace.value(a)).collect();
            if let (Op::Sin | Op::Cos | Op::Tan, Some(&u)) = (op, args.first()) {
                out.push((
                    op.eval(&[u * PI / 180.0]),
                    format!(
                        "That is {} of {} degrees; {} = {} takes radians.",
                        op.name(),
                        number(u),
                        n,
                        text(&formula(graph, node))
                    ),
                ));
            }
            if args.len() == 1 {
                out.push((
                    op.partial(0, &args, e),
                    format!(
                        "That is the derivative of {}; this step asks for its value.",
                        text(&formula(graph, node))
                    ),
                ));
            }
            out.push((-e, "Check the sign.".to_string()));
        }
        Kind::Local { consumer } => {
            let c = name(graph, consumer);
            let op = graph.node(consumer).op;
            let args: Vec<f64> = graph
                .args(consumer)
                .iter()
                .map(|&a| trace.value(a))
                .collect();
            let u = args.first().copied().unwrap_or(f64::NAN);
            out.push((
                -e,
                match op {
                    Op::Cos => "Check the sign: the derivative of cos is −sin.".to_string(),
                    _ => "Check the sign.".to_string(),
                },
            ));
            if let Op::Sin | Op::Cos = op {
                let wrong = if op == Op::Sin {
                    (u * PI / 180.0).cos()
                } else {
                    -(u * PI / 180.0).sin()
                };
                out.push((
                    wrong,
                    format!(
                        "That works in degrees; {c} = {} takes radians.",
                        text(&formula(graph, consumer))
                    ),
                ));
            }
            out.push((
                trace.value(consumer),
                format!("That is the value of {c} itself; the question is how fast {c} changes as {n} moves."),
            ));
            out.push((
                e * trace.adjoint(consumer),
                format!(
                    "That is the whole message ∂{f}/∂{c}·∂{c}/∂{n}; this part asks only for ∂{c}/∂{n}."
                ),
            ));
            out.push((
                e * trace.value(question.node),
                format!(
                    "That has an extra factor {n}: the derivative of {} with respect to {n} has no inner factor here (the chain rule's other factors come in with the messages).",
                    text(&formula(graph, consumer))
                ),
            ));
            if op == Op::Mul {
                out.push((
                    trace.value(question.node),
                    format!("That is {n} itself; the derivative of a product with respect to one factor is the other factor."),
                ));
            }
            if let Op::PowConst(p) = op {
                out.push((
                    e / p,
                    format!("Bring the exponent {} down as a factor.", number(p)),
                ));
                out.push((
                    p * u.powf(p),
                    format!(
                        "Lower the exponent by one: the power rule gives {}·{n}^{}.",
                        number(p),
                        number(p - 1.0)
                    ),
                ));
            }
        }
        Kind::Adjoint => {
            let terms: Vec<Term> = trace.terms(graph, question.node).collect();
            let names = consumer_names(graph, trace, question.node);
            if terms.is_empty() {
                out.push((
                    trace.value(question.node),
                    format!("That is {f}'s value; ∂{f}/∂{f} asks how {f} changes with itself."),
                ));
            }
            if terms.len() > 1 {
                for (k, missing) in names.iter().enumerate() {
                    let partial: f64 = terms
                        .iter()
                        .enumerate()
                        .filter(|&(j, _)| j != k)
                        .map(|(_, t)| t.message)
                        .sum();
                    let others: Vec<&str> = names
                        .iter()
                        .enumerate()
                        .filter(|&(j, _)| j != k)
                        .map(|(_, s)| s.as_str())
                        .collect();
                    out.push((
                        partial,
                        format!(
                            "You have the message from {} but not from {missing}: {n} feeds {}, so ∂{f}/∂{n} is the sum of all their messages.",
                            others.join(" and "),
                            names.join(" and ")
                        ),
                    ));
                }
                out.push((
                    terms.iter().map(|t| t.message).product(),
                    format!(
                        "The messages from {} add up: multiply along a path, add across paths.",
                        names.join(" and ")
                    ),
                ));
            }
            if !terms.is_empty() {
                out.push((
                    terms
                        .iter()
                        .map(|t| trace.value(t.consumer) * t.local)
                        .sum(),
                    format!(
                        "Each message multiplies ∂{}/∂{n} by ∂{f}/∂{}, the adjoint found earlier in the backward pass, not by {}'s value.",
                        names[0], names[0], names[0]
                    ),
                ));
                out.push((
                    terms.iter().map(|t| t.local).sum(),
                    format!(
                        "That is the local derivative alone: multiply it by ∂{f}/∂{} first.",
                        names[0]
                    ),
                ));
            }
            out.push((-e, "Check the sign.".to_string()));
        }
    }
    out.retain(|(wrong, _)| !close(*wrong, e));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::Bindings;

    const LECTURE: &str = "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))";

    fn lecture() -> (Graph, Trace) {
        let graph = Graph::parse(LECTURE, Sharing::Merged).unwrap();
        let trace = Trace::compute(&graph, &Bindings::from_pairs([("x", 2.0)])).unwrap();
        (graph, trace)
    }

    fn find(graph: &Graph, trace: &Trace, node: &str, kind: &str) -> Question {
        (0..trace.step_count())
            .flat_map(|i| questions(graph, trace, i))
            .find(|q| graph.name(q.node) == node && q.kind.name() == kind)
            .unwrap()
    }

    #[test]
    fn the_lecture_is_answered_with_its_own_numbers() {
        let (graph, trace) = lecture();
        let mut asked = Vec::new();
        for i in 0..trace.step_count() {
            asked.extend(questions(&graph, &trace, i));
        }
        // Six values; f's, e's, d's, b's, x's adjoints with one term each, c's and a's with two.
        assert_eq!(asked.iter().filter(|q| q.kind == Kind::Value).count(), 6);
        assert_eq!(asked.iter().filter(|q| q.kind == Kind::Adjoint).count(), 7);
        let answers = [
            ("a", "value", "4"),
            ("b", "value", "54.598"),
            ("c", "value", "58.598"),
            ("d", "value", "7.6549"),
            ("e", "value", "-0.46061"),
            ("f", "value", "7.1943"),
            ("c", "adjoint", "-0.822"),
            ("a", "adjoint", "-45.717"),
            ("x", "adjoint", "-182.87"),
        ];
        for (node, kind, answer) in answers {
            let q = find(&graph, &trace, node, kind);
            let verdict = check(&graph, &trace, &q, answer);
            assert!(
                verdict.correct,
                "{node} {kind} {answer}: {}",
                verdict.message
            );
        }
        let wrong = check(&graph, &trace, &find(&graph, &trace, "a", "value"), "5");
        assert!(!wrong.correct);
        assert!(wrong.message.contains("a = x²"), "{}", wrong.message);
    }

    #[test]
    fn a_local_derivative_is_checked_as_a_formula_around_the_point() {
        let (graph, trace) = lecture();
        let c = graph.ids().find(|&id| graph.name(id) == "c").unwrap();
        let e = graph.ids().find(|&id| graph.name(id) == "e").unwrap();
        let q = questions(&graph, &trace, trace.forward_count() + 3)
            .into_iter()
            .find(|q| q.kind == Kind::Local { consumer: e })
            .unwrap();
        assert_eq!(q.node, c);
        for right in ["-sin(c)", "-1*sin(c)", "sin(c)*-1", "0 - sin(c)", "-0.8876"] {
            let v = check(&graph, &trace, &q, right);
            assert!(v.correct, "{right}: {}", v.message);
        }
        for wrong in ["sin(c)", "cos(c)", "-cos(c)"] {
            assert!(!check(&graph, &trace, &q, wrong).correct, "{wrong}");
        }
        // Right here, but written in x rather than in e's input c.
        let v = check(&graph, &trace, &q, "-sin(x^2 + exp(x^2))");
        assert!(
            !v.correct && v.message.contains("in terms of c"),
            "{}",
            v.message
        );
        // Unreadable and unknown names are explained, not failed on.
        let v = check(&graph, &trace, &q, "-sin(c");
        assert!(
            !v.correct && v.message.contains("column 7"),
            "{}",
            v.message
        );
        assert!(v.message.ends_with("-sin(c\n        ^"), "{:?}", v.message);
        let v = check(&graph, &trace, &q, "-sin(q)");
        assert!(v.message.contains("no node called q"), "{}", v.message);
        // ∂b/∂a for b = exp(a): exp(a), b itself, or the number.
        let b = graph.ids().find(|&id| graph.name(id) == "b").unwrap();
        let q = questions(&graph, &trace, trace.forward_count() + 5)
            .into_iter()
            .find(|q| q.kind == Kind::Local { consumer: b })
            .unwrap();
        for right in ["exp(a)", "b", "54.598"] {
            assert!(check(&graph, &trace, &q, right).correct, "{right}");
        }
    }

    #[test]
    fn each_common_mistake_gets_its_own_hint() {
        let (graph, trace) = lecture();
        let hint = |node: &str, kind: &str, answer: &str| {
            let q = find(&graph, &trace, node, kind);
            let v = check(&graph, &trace, &q, answer);
            assert!(!v.correct, "{node} {kind} {answer}");
            v.message
        };
        // ∂f/∂c from one path only: through d (½c^(-½)) or through e (−sin c).
        let only_d = format!("{}", 0.5 / 58.598f64.sqrt());
        assert!(hint("c", "adjoint", &only_d).contains("not from e"));
        let only_e = format!("{}", -(58.598f64).sin());
        assert!(hint("c", "adjoint", &only_e).contains("not from d"));
        // Multiplied where a sum was needed.
        let product = format!("{}", -(58.598f64).sin() * 0.5 / 58.598f64.sqrt());
        assert!(hint("c", "adjoint", &product).contains("add up"));
        // The value instead of the adjoint: ∂f/∂x with a's value 4 for ∂f/∂a.
        assert!(hint("x", "adjoint", "16").contains("not by a's value"));
        // Wrong sign.
        assert!(hint("x", "adjoint", "182.87").contains("sign"));
        // ∂e/∂c as cos's own value, as +sin, and in degrees.
        assert!(hint("c", "local", "-0.46061").contains("value of e itself"));
        assert!(hint("c", "local", "0.8876").contains("−sin"));
        let degrees = format!("{}", -(58.598f64 * PI / 180.0).sin());
        assert!(hint("c", "local", &degrees).contains("radians"));
        // exp(a) vs a·exp(a) for ∂b/∂a.
        let b = graph.ids().find(|&id| graph.name(id) == "b").unwrap();
        let q = questions(&graph, &trace, trace.forward_count() + 5);
        let db = q
            .iter()
            .find(|q| q.kind == Kind::Local { consumer: b })
            .unwrap();
        let v = check(&graph, &trace, db, "a*exp(a)");
        assert!(v.message.contains("extra factor a"), "{}", v.message);
        // cos in degrees in the forward pass.
        let degrees = format!("{}", (58.598f64 * PI / 180.0).cos());
        assert!(hint("e", "value", &degrees).contains("degrees"));
        // The power rule's exponent.
        assert!(hint("x", "local", "2").contains("exponent"));
    }
}
