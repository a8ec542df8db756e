//! One sample's pass through a network and its loss, expanded into an ordinary scalar graph that
//! the stepper can trace and animate, with the lecture's names: inputs `x_i`, weights
//! `w^{l}_{i,j}`, activations `a^{l}_{j}`, outputs `h^{l}_{j}`, the output `ŷ`, the target `y`
//! and the loss `ℓ`. Products w·h and partial sums are unnamed and get letters.

use super::loss::Loss;
use super::mlp::Mlp;
use crate::expr::Span;
use crate::graph::{Graph, GraphBuilder, NodeId, Sharing};
use crate::ops::Op;

/// A network expanded for one sample.
#[derive(Clone, Debug, PartialEq)]
pub struct Expanded {
    /// The scalar graph, output ℓ.
    pub graph: Graph,
    /// The value of each of the graph's inputs, in the graph's input order.
    pub inputs: Vec<f64>,
    /// For each weight, its place (layer index from 0, i, j from 1) and its input node.
    pub weights: Vec<((usize, usize, usize), NodeId)>,
}

/// Builds the graph of ℓ(y, f(x)) for the network `mlp` (x already turned into features).
pub fn expand(mlp: &Mlp, x: &[f64], label: f64, loss: Loss) -> Expanded {
    let mut b = GraphBuilder::with_capacity(Sharing::Merged, mlp.parameter_count() * 3 + 16);
    let mut inputs = Vec::new();
    let none = Span::default();
    let mut input = |b: &mut GraphBuilder, name: String, value: f64| {
        inputs.push(value);
        b.input(&name, none)
    };
    let mut h: Vec<NodeId> = x
        .iter()
        .enumerate()
        .map(|(i, &v)| input(&mut b, format!("x_{}", i + 1), v))
        .collect();
    let mut weights = Vec::with_capacity(mlp.parameter_count());
    let last = mlp.layers.len() - 1;
    for (l, layer) in mlp.layers.iter().enumerate() {
        let level = l + 1;
        let mut next = Vec::with_capacity(layer.outputs);
        for j in 1..=layer.outputs {
            let output_name = if l == last && layer.outputs == 1 {
                "ŷ".to_string()
            } else {
                format!("h^{{{level}}}_{{{j}}}")
            };
            // A linear unit's output is its activation: one node, named as the output.
            let activation_op = layer.activation.op();
            let sum_name = match activation_op {
                Some(_) => format!("a^{{{level}}}_{{{j}}}"),
                None => output_name.clone(),
            };
            let bias = input(
                &mut b,
                format!("w^{{{level}}}_{{0,{j}}}"),
                layer.weight(0, j),
            );
            weights.push(((l, 0, j), bias));
            let mut sum = bias;
            for (i, &h_i) in h.iter().enumerate() {
                let name = format!("w^{{{level}}}_{{{},{j}}}", i + 1);
                let w = input(&mut b, name, layer.weight(i + 1, j));
                weights.push(((l, i + 1, j), w));
                let product = b.op(Op::Mul, &[w, h_i], None, none);
                let name = (i + 1 == h.len()).then_some(sum_name.as_str());
                sum = b.op(Op::Add, &[sum, product], name, none);
            }
            let out = match activation_op {
                Some(op) => b.op(op, &[sum], Some(&output_name), none),
                None => sum,
            };
            next.push(out);
        }
        h = next;
    }
    let y = input(&mut b, "y".into(), label);
    let ell = Some("ℓ");
    let output = match loss {
        Loss::SquaredError => {
            let difference = b.op(Op::Sub, &[y, h[0]], None, none);
            let square = b.op(Op::PowConst(2.0), &[difference], None, none);
            let two = b.constant(2.0, None, none);
            b.op(Op::Div, &[square, two], ell, none)
        }
        Loss::Hinge => {
            let one = b.constant(1.0, None, none);
            let score = b.op(Op::Mul, &[y, h[0]], None, none);
            let margin = b.op(Op::Sub, &[one, score], None, none);
            b.op(Op::Relu, &[margin], ell, none)
        }
        Loss::BinaryCrossEntropy => {
            // y is 1 for a positive label and 0 otherwise, as the loss reads ±1 labels.
            let one = b.constant(1.0, None, none);
            let log_p = b.op(Op::Log, &[h[0]], None, none);
            let positive = b.op(Op::Mul, &[y, log_p], None, none);
            let not_y = b.op(Op::Sub, &[one, y], None, none);
            let not_p = b.op(Op::Sub, &[one, h[0]], None, none);
            let log_not_p = b.op(Op::Log, &[not_p], None, none);
            let negative = b.op(Op::Mul, &[not_y, log_not_p], None, none);
            let total = b.op(Op::Add, &[positive, negative], None, none);
            b.op(Op::Neg, &[total], ell, none)
        }
        Loss::SoftmaxCrossEntropy => {
            // log Σ exp(ŷ_k) - ŷ_y, the label's output picked by the class index.
            let mut total = b.op(Op::Exp, &[h[0]], None, none);
            for &o in &h[1..] {
                let e = b.op(Op::Exp, &[o], None, none);
                total = b.op(Op::Add, &[total, e], None, none);
            }
            let log_total = b.op(Op::Log, &[total], None, none);
            let class = (label.max(0.0) as usize).min(h.len() - 1);
            b.op(Op::Sub, &[log_total, h[class]], ell, none)
        }
    };
    if loss == Loss::BinaryCrossEntropy {
        if let Some(v) = inputs.last_mut() {
            *v = if label > 0.0 { 1.0 } else { 0.0 };
        }
    }
    Expanded {
        graph: b.finish(output),
        inputs,
        weights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::finite_difference;
    use crate::nn::activation::Activation;
    use crate::nn::mlp::{Backward, Init};
    use crate::Trace;

    fn check(mlp: &Mlp, x: &[f64], label: f64, loss: Loss) {
        let expanded = expand(mlp, x, label, loss);
        let trace = Trace::with_inputs(&expanded.graph, &expanded.inputs);
        // The dense training path's gradient for the same sample.
        let mut cache = mlp.cache();
        let outputs = mlp.forward(x, &mut cache).to_vec();
        let mut b1 = vec![0.0; outputs.len()];
        let value = loss.evaluate(&outputs, label, &mut b1);
        let mut dense = mlp.zero_gradients();
        mlp.backward(&cache, &b1, &mut dense, &mut Backward::default());
        assert!(
            (trace.output_value() - value).abs() < 1e-12,
            "{loss:?}: ℓ {} vs {value}",
            trace.output_value()
        );
        for &((l, i, j), node) in &expanded.weights {
            let from_graph = trace.adjoint(node);
            let from_dense = dense[l][i * mlp.layers[l].outputs + j - 1];
            let numeric = finite_difference(&expanded.graph, &expanded.inputs, node);
            assert!(
                (from_graph - from_dense).abs() < 1e-12,
                "{loss:?} w^{}_{i},{j}: {from_graph} vs {from_dense}",
                l + 1
            );
            assert!(
                (from_graph - numeric).abs() < 1e-6 * (1.0 + numeric.abs()),
                "{loss:?}: {from_graph} vs numeric {numeric}"
            );
        }
    }

    #[test]
    fn the_scalar_graph_agrees_with_the_dense_path_and_finite_differences() {
        let tanh = Mlp::new(
            2,
            &[(4, Activation::Tanh), (2, Activation::Tanh)],
            1,
            Activation::Tanh,
            Init::Xavier,
            1,
        );
        check(&tanh, &[0.8, -1.3], 1.0, Loss::SquaredError);
        let relu = Mlp::new(
            2,
            &[(5, Activation::Relu), (3, Activation::Elu { a: 1.0 })],
            1,
            Activation::Linear,
            Init::He,
            2,
        );
        check(&relu, &[0.3, 0.9], -1.0, Loss::Hinge);
        let sigmoid = Mlp::new(
            3,
            &[(3, Activation::LeakyRelu { a: 0.1 })],
            1,
            Activation::Sigmoid,
            Init::Xavier,
            3,
        );
        check(&sigmoid, &[0.3, -0.2, 1.1], 1.0, Loss::BinaryCrossEntropy);
        check(&sigmoid, &[0.3, -0.2, 1.1], -1.0, Loss::BinaryCrossEntropy);
        let classes = Mlp::new(
            2,
            &[(4, Activation::Sigmoid)],
            3,
            Activation::Linear,
            Init::Xavier,
            4,
        );
        check(&classes, &[-0.5, 0.25], 2.0, Loss::SoftmaxCrossEntropy);
    }

    #[test]
    fn nodes_carry_the_lectures_names() {
        let mlp = Mlp::new(
            2,
            &[(2, Activation::Sigmoid)],
            1,
            Activation::Linear,
            Init::Xavier,
            1,
        );
        let expanded = expand(&mlp, &[1.0, 2.0], 0.5, Loss::SquaredError);
        let g = &expanded.graph;
        let names: Vec<&str> = g.ids().map(|id| g.name(id)).collect();
        for name in [
            "x_1",
            "x_2",
            "w^{1}_{0,1}",
            "w^{1}_{2,2}",
            "a^{1}_{1}",
            "h^{1}_{2}",
            "w^{2}_{0,1}",
            "ŷ",
            "y",
            "ℓ",
        ] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
        assert_eq!(g.name(g.output()), "ℓ");
    }
}
