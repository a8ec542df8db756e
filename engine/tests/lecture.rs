//! The lecture's worked example (Deisenroth et al., in the course's Lecture 7) reproduced to the
//! lecture's own digits and in its own notation.

use chainrule::render::derivation::{backward_line, forward_line};
use chainrule::render::latex::Latex;
use chainrule::render::notation::render;
use chainrule::{Bindings, Graph, Sharing, Trace};

const LECTURE: &str = "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))";

/// The forward list, verbatim from the lecture.
const FORWARD: &[&str] = &[
    r"a = x^2 = 4",
    r"b = \exp(a) = 54.598",
    r"c = a + b = 58.598",
    r"d = \sqrt{c} = 7.6549",
    r"e = \cos(c) = -0.46",
    r"f = d + e = 7.194",
];

/// The backward list, verbatim from the lecture's last backprop slide.
const BACKWARD: &[&str] = &[
    r"\frac{\partial f}{\partial f} = 1",
    r"\frac{\partial f}{\partial e} = \frac{\partial f}{\partial f} \frac{\partial f}{\partial e} = 1 \times 1 = 1",
    r"\frac{\partial f}{\partial d} = \frac{\partial f}{\partial f} \frac{\partial f}{\partial d} = 1 \times 1 = 1",
    r"\frac{\partial f}{\partial c} = \frac{\partial f}{\partial e} \frac{\partial e}{\partial c} + \frac{\partial f}{\partial d} \frac{\partial d}{\partial c} = 1 \times -\sin(c) + 1 \times \frac{1}{2}c^{-\frac{1}{2}} = -0.822",
    r"\frac{\partial f}{\partial b} = \frac{\partial f}{\partial c} \frac{\partial c}{\partial b} = -0.822 \times 1 = -0.822",
    r"\frac{\partial f}{\partial a} = \frac{\partial f}{\partial c} \frac{\partial c}{\partial a} + \frac{\partial f}{\partial b} \frac{\partial b}{\partial a} = -0.822 \times 1 + -0.822 \times \exp(a) = -45.717",
    r"\frac{\partial f}{\partial x} = \frac{\partial f}{\partial a} \frac{\partial a}{\partial x} = -45.717 \times 2x = -182.87",
];

fn lecture_trace() -> (Graph, Trace) {
    let graph = Graph::parse(LECTURE, Sharing::Merged).unwrap();
    let trace = Trace::compute(&graph, &Bindings::from_pairs([("x", 2.0)])).unwrap();
    (graph, trace)
}

/// LaTeX with spacing and bracket sizing removed, so only what is written is compared.
fn normalise(latex: &str) -> String {
    let mut s: String = latex
        .replace(r"\left(", "(")
        .replace(r"\right)", ")")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // `^{2}` and `^2` are the same thing.
    for c in 'a'..='z' {
        s = s.replace(&format!("{{{c}}}"), &c.to_string());
    }
    for d in '0'..='9' {
        s = s.replace(&format!("^{{{d}}}"), &format!("^{d}"));
    }
    s
}

/// `value` rounded to as many decimals as `written` has.
fn rounds_to(value: f64, written: &str) -> bool {
    let decimals = written.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale == written.parse::<f64>().unwrap()
}

/// Checks one of our lines against the lecture's: everything before the final `= number` must be
/// written identically at some precision, and the final number must round to the lecture's.
fn assert_same_line(ours: impl Fn(usize) -> String, value: f64, lecture: &str) {
    let lecture = normalise(lecture);
    let (lecture_prefix, lecture_value) = lecture.rsplit_once('=').unwrap();
    assert!(
        rounds_to(value, lecture_value),
        "{value} is not {lecture_value}"
    );
    let matched = (1..=6).any(|digits| {
        let line = normalise(&ours(digits));
        line.rsplit_once('=').unwrap().0 == lecture_prefix
    });
    assert!(
        matched,
        "\nlecture: {lecture}\nours:    {}",
        normalise(&ours(5))
    );
}

#[test]
fn forward_pass_matches_the_lecture() {
    let (graph, trace) = lecture_trace();
    assert_eq!(trace.forward().len(), FORWARD.len());
    for (step, lecture) in trace.forward().zip(FORWARD) {
        let ours = |digits| render(&Latex { digits }, &forward_line(&graph, step));
        assert_same_line(ours, step.value, lecture);
    }
}

#[test]
fn backward_pass_matches_the_lecture() {
    let (graph, trace) = lecture_trace();
    assert_eq!(trace.backward().len(), BACKWARD.len());
    for (step, lecture) in trace.backward().zip(BACKWARD) {
        let ours = |digits| render(&Latex { digits }, &backward_line(&graph, &trace, step));
        assert_same_line(ours, step.adjoint, lecture);
    }
}

#[test]
fn the_lectures_numbers_to_the_lectures_digits() {
    let (graph, trace) = lecture_trace();
    let forward: Vec<f64> = trace.forward().map(|s| s.value).collect();
    for (value, written) in forward
        .iter()
        .zip(["4", "54.598", "58.598", "7.6549", "-0.46", "7.194"])
    {
        assert!(rounds_to(*value, written), "{value} vs {written}");
    }
    let backward: Vec<f64> = trace.backward().map(|s| s.adjoint).collect();
    for (value, written) in backward
        .iter()
        .zip(["1", "1", "1", "-0.822", "-0.822", "-45.717", "-182.87"])
    {
        assert!(rounds_to(*value, written), "{value} vs {written}");
    }
    assert_eq!(trace.gradient(&graph)[0].0, "x");
    assert!(rounds_to(trace.gradient(&graph)[0].1, "-182.87"));
}
