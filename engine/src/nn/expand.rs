//! One sample's pass through a network and its loss, expanded into an ordinary scalar graph that
//! the stepper can trace and animate, in the lecture's form: inputs `x_i`, weights `w^{l}_{i,j}`,
//! each unit's weighted sum `a^{l}_{j} = w₀ + Σᵢ wᵢ·hᵢ` as one node, its output `h^{l}_{j}`, the
//! output `ŷ`, the target `y` and the loss `ℓ` as one node, so that the backward walk reads as the
//! lecture's messages: ∂ℓ/∂ℓ, B₁ = ∂ℓ/∂ŷ, B₂,ᵢ = ∂ℓ/∂hᵢ, B₃,ᵢ = ∂ℓ/∂aᵢ, then the weights.
//!
//! The graph carries its [`Arrangement`]: a column per layer's weights, sums and outputs, left to
//! right, units in order, weights packed beside the unit they feed.

use super::loss::Loss;
use super::mlp::Mlp;
use crate::expr::Span;
use crate::graph::{Arrangement, Graph, GraphBuilder, Group, NodeId, Place, Sharing};
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

/// Rows between the weights packed beside a unit (a unit's own row is one node spacing).
const WEIGHT_PITCH: f64 = 0.5;

/// Builds the graph of ℓ(y, f(x)) for the network `mlp` (x already turned into features).
pub fn expand(mlp: &Mlp, x: &[f64], label: f64, loss: Loss) -> Expanded {
    build(mlp, &[(x, label)], loss)
}

/// Builds the graph of a batch's loss L = (ℓ⁽¹⁾ + … + ℓ⁽ᵏ⁾)/k for the network `mlp` and the
/// samples `batch` (x already turned into features, and its label): the weights are shared
/// inputs, each fanned out to every sample's subgraph, so each weight's adjoint is the sum of k
/// messages, the lecture's "gradient of the sum is the sum of gradients". The samples' subgraphs
/// are stacked top to bottom, the weights between them; every per-sample name carries the sample
/// as `(s)` in its superscript (`x^{(2)}_{1}`, `a^{1(2)}_{1}`, `ℓ^{(2)}`).
pub fn expand_batch(mlp: &Mlp, batch: &[(&[f64], f64)], loss: Loss) -> Expanded {
    build(mlp, batch, loss)
}

/// A node's name, `base^{sup}_{sub}`, with the sample `(s)` added to the superscript when the
/// graph is a batch's.
fn named(base: &str, sup: &str, sub: &str, sample: Option<usize>) -> String {
    let sup = match sample {
        Some(s) => format!("{sup}({s})"),
        None => sup.to_string(),
    };
    match (sup.is_empty(), sub.is_empty()) {
        (true, true) => base.to_string(),
        (true, false) => format!("{base}_{{{sub}}}"),
        (false, true) => format!("{base}^{{{sup}}}"),
        (false, false) => format!("{base}^{{{sup}}}_{{{sub}}}"),
    }
}

/// One sample's part of the graph: its nodes, by kind, for the walk.
struct SampleNodes {
    xs: Vec<NodeId>,
    y: Option<NodeId>,
    sums_by_layer: Vec<Vec<NodeId>>,
    outputs_by_layer: Vec<Vec<NodeId>>,
    loss: NodeId,
}

impl SampleNodes {
    /// Every node of the sample's pass, its loss included.
    fn members(&self) -> Vec<NodeId> {
        let layers = self.sums_by_layer.iter().zip(&self.outputs_by_layer);
        let mut members: Vec<NodeId> = self.xs.iter().copied().chain(self.y).collect();
        for (sums, outputs) in layers {
            members.extend(sums);
            // A linear layer's outputs are its sums.
            members.extend(outputs.iter().filter(|o| !sums.contains(o)));
        }
        members.push(self.loss);
        members
    }
}

fn build(mlp: &Mlp, batch: &[(&[f64], f64)], loss: Loss) -> Expanded {
    let width = batch.first().map_or(0, |(x, _)| x.len());
    let batched = batch.len() > 1;
    let mut b = GraphBuilder::with_capacity(
        Sharing::Merged,
        mlp.parameter_count() + batch.len() * (4 * width + 16) + 1,
    );
    let none = Span::default();
    let mut inputs = Vec::new();
    let mut places: Vec<Place> = Vec::new();
    let place = |places: &mut Vec<Place>, id: NodeId, column: u32, row: f64, compact: bool| {
        if places.len() <= id.index() {
            places.resize(
                id.index() + 1,
                Place {
                    column: 0,
                    row: 0.0,
                    compact: false,
                },
            );
        }
        places[id.index()] = Place {
            column,
            row,
            compact,
        };
    };

    // Columns: x, then for each layer its weights, its sums and (unless linear) its outputs.
    let mut columns = Vec::with_capacity(mlp.layers.len());
    let mut next = 1;
    for layer in &mlp.layers {
        let with_outputs = layer.activation.op().is_some();
        columns.push((next, next + 1, next + if with_outputs { 2 } else { 1 }));
        next += if with_outputs { 3 } else { 2 };
    }
    // Each layer centred on one line; a unit as tall as the weights packed beside it.
    let pitch = |fan_in: usize| ((fan_in + 1) as f64 * WEIGHT_PITCH + WEIGHT_PITCH).max(1.0);
    let unit_row = |l: usize, j: usize| {
        let layer = &mlp.layers[l];
        let step = pitch(layer.inputs);
        (j as f64 - (layer.outputs as f64 - 1.0) / 2.0) * step
    };
    let last = mlp.layers.len() - 1;
    let outputs = mlp.layers[last].outputs;
    // A sample's band: from its highest row to its lowest (the inputs, the widest layer, y).
    let (top, bottom) = (0..mlp.layers.len())
        .flat_map(|l| [unit_row(l, 0), unit_row(l, mlp.layers[l].outputs - 1)])
        .chain([
            -(width as f64 - 1.0) / 2.0,
            (width as f64 - 1.0) / 2.0,
            unit_row(last, outputs - 1) + 1.0,
        ])
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), r| {
            (lo.min(r), hi.max(r))
        });
    let band = bottom - top + 1.5;
    let offset = |s: usize| (s as f64 - (batch.len() as f64 - 1.0) / 2.0) * band;

    // The first sample's inputs first, so the variables read x, the weights layer by layer, then
    // y, and the other samples' x and y after them.
    let mut samples: Vec<SampleNodes> = Vec::with_capacity(batch.len());
    let add_inputs =
        |b: &mut GraphBuilder, inputs: &mut Vec<f64>, places: &mut Vec<Place>, s: usize| {
            let (x, _) = batch[s];
            let sample = batched.then_some(s + 1);
            x.iter()
                .enumerate()
                .map(|(i, &v)| {
                    inputs.push(v);
                    let name = match sample {
                        Some(_) => named("x", "", &(i + 1).to_string(), sample),
                        None => format!("x_{}", i + 1),
                    };
                    let id = b.input(&name, none);
                    let row = i as f64 - (x.len() as f64 - 1.0) / 2.0 + offset(s);
                    place(places, id, 0, row, false);
                    id
                })
                .collect::<Vec<NodeId>>()
        };
    let first_xs = add_inputs(&mut b, &mut inputs, &mut places, 0);
    let mut weights = Vec::with_capacity(mlp.parameter_count());
    // Per layer, per unit: its weights w₀ⱼ, w₁ⱼ, …
    let mut unit_weights: Vec<Vec<Vec<NodeId>>> = Vec::with_capacity(mlp.layers.len());
    for (l, layer) in mlp.layers.iter().enumerate() {
        let level = l + 1;
        let mut units = Vec::with_capacity(layer.outputs);
        for j in 1..=layer.outputs {
            let centre = unit_row(l, j - 1);
            let mut block = Vec::with_capacity(layer.inputs + 1);
            for i in 0..=layer.inputs {
                inputs.push(layer.weight(i, j));
                let id = b.input(&format!("w^{{{level}}}_{{{i},{j}}}"), none);
                let row = centre + (i as f64 - layer.inputs as f64 / 2.0) * WEIGHT_PITCH;
                place(&mut places, id, columns[l].0, row, true);
                weights.push(((l, i, j), id));
                block.push(id);
            }
            units.push(block);
        }
        unit_weights.push(units);
    }
    let output_name = |j: usize, sample: Option<usize>| {
        if outputs == 1 {
            named("ŷ", "", "", sample)
        } else {
            named("ŷ", "", &j.to_string(), sample)
        }
    };
    // The softmax loss reads its label as the class that belongs to the loss node: no y.
    let add_y = |b: &mut GraphBuilder, inputs: &mut Vec<f64>, s: usize| {
        let label = batch[s].1;
        (loss != Loss::SoftmaxCrossEntropy).then(|| {
            inputs.push(match loss {
                // y is 1 for a positive label and 0 otherwise, as the loss reads ±1 labels.
                Loss::BinaryCrossEntropy => f64::from(label > 0.0),
                _ => label,
            });
            b.input(&named("y", "", "", batched.then_some(s + 1)), none)
        })
    };
    let first_y = add_y(&mut b, &mut inputs, 0);
    let mut leaves = vec![(first_xs, first_y)];
    for s in 1..batch.len() {
        let xs = add_inputs(&mut b, &mut inputs, &mut places, s);
        let y = add_y(&mut b, &mut inputs, s);
        leaves.push((xs, y));
    }

    let out_column = columns[last].2;
    for (s, (xs, y)) in leaves.into_iter().enumerate() {
        let sample = batched.then_some(s + 1);
        // Then each layer's sums, then its outputs, so the forward walk goes layer by layer.
        let mut h = xs.clone();
        let mut sums_by_layer = Vec::with_capacity(mlp.layers.len());
        let mut outputs_by_layer = Vec::with_capacity(mlp.layers.len());
        for (l, layer) in mlp.layers.iter().enumerate() {
            let level = (l + 1).to_string();
            let activation = layer.activation.op();
            let (_, sum_column, out_column) = columns[l];
            let sums: Vec<NodeId> = (1..=layer.outputs)
                .map(|j| {
                    let mut args = Vec::with_capacity(2 * h.len() + 1);
                    let block = &unit_weights[l][j - 1];
                    args.push(block[0]);
                    for (w, &h_i) in block[1..].iter().zip(&h) {
                        args.extend([*w, h_i]);
                    }
                    // A linear unit's output is its sum: one node, named as the output.
                    let name = match (activation, l == last) {
                        (Some(_), _) => named("a", &level, &j.to_string(), sample),
                        (None, true) => output_name(j, sample),
                        (None, false) => named("h", &level, &j.to_string(), sample),
                    };
                    let id = b.op(Op::WeightedSum, &args, Some(&name), none);
                    let row = unit_row(l, j - 1) + offset(s);
                    place(&mut places, id, sum_column, row, false);
                    id
                })
                .collect();
            let outs: Vec<NodeId> = match activation {
                Some(op) => sums
                    .iter()
                    .enumerate()
                    .map(|(k, &sum)| {
                        let j = k + 1;
                        let name = if l == last {
                            output_name(j, sample)
                        } else {
                            named("h", &level, &j.to_string(), sample)
                        };
                        let id = b.op(op, &[sum], Some(&name), none);
                        place(
                            &mut places,
                            id,
                            out_column,
                            unit_row(l, k) + offset(s),
                            false,
                        );
                        id
                    })
                    .collect(),
                None => sums.clone(),
            };
            sums_by_layer.push(sums);
            outputs_by_layer.push(outs.clone());
            h = outs;
        }

        let ell = named("ℓ", "", "", sample);
        let ell = Some(ell.as_str());
        let output = match (loss, y) {
            (Loss::SoftmaxCrossEntropy, _) | (_, None) => {
                let class = (batch[s].1.max(0.0) as usize).min(h.len() - 1) as u32;
                b.op(Op::SoftmaxCrossEntropy(class), &h, ell, none)
            }
            (Loss::SquaredError, Some(y)) => b.op(Op::SquaredError, &[h[0], y], ell, none),
            (Loss::BinaryCrossEntropy, Some(y)) => {
                b.op(Op::BinaryCrossEntropy, &[h[0], y], ell, none)
            }
            (Loss::Hinge, Some(y)) => b.op(Op::Hinge, &[h[0], y], ell, none),
        };
        let lowest = unit_row(last, outputs - 1) + offset(s);
        if let Some(y) = y {
            place(&mut places, y, out_column, lowest + 1.0, false);
        }
        place(
            &mut places,
            output,
            out_column + 1,
            lowest + if y.is_some() { 0.5 } else { 0.0 },
            false,
        );
        samples.push(SampleNodes {
            xs,
            y,
            sums_by_layer,
            outputs_by_layer,
            loss: output,
        });
    }
    let losses: Vec<NodeId> = samples.iter().map(|s| s.loss).collect();
    let output = if batched {
        let mean = b.op(Op::Mean, &losses, Some("L"), none);
        place(&mut places, mean, out_column + 2, 0.0, false);
        mean
    } else {
        losses[0]
    };

    // The lecture's order: ℓ, the outputs (B₁), then each layer's outputs and sums from the last
    // hidden layer down (B₂,ᵢ then B₃,ᵢ), then the weights from the last layer down, then x and y.
    // A batch goes from L to every sample's ℓ, and then layer by layer through all the samples.
    let mut backward = Vec::with_capacity(places.len());
    if batched {
        backward.push(output);
    }
    backward.extend(&losses);
    for l in (0..mlp.layers.len()).rev() {
        for sample in &samples {
            backward.extend(&sample.outputs_by_layer[l]);
            if mlp.layers[l].activation.op().is_some() {
                backward.extend(&sample.sums_by_layer[l]);
            }
        }
    }
    for l in (0..mlp.layers.len()).rev() {
        backward.extend(unit_weights[l].iter().flatten());
    }
    for sample in &samples {
        backward.extend(&sample.xs);
        backward.extend(sample.y);
    }
    // A batch's samples fold, each into its loss; open, a sample sits where a lone sample does,
    // its units beside their weights.
    let groups = if batched {
        samples
            .iter()
            .enumerate()
            .map(|(s, sample)| Group {
                members: sample.members(),
                summary: sample.loss,
                shift: -offset(s),
            })
            .collect()
    } else {
        Vec::new()
    };
    let graph = b.finish(output).arranged(Arrangement {
        places,
        backward,
        groups,
    });
    Expanded {
        graph,
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

    /// The batch graph of `mlp` on `samples` against the dense path: L is the mean of the
    /// samples' losses, each weight's adjoint the mean of their gradients (the trainer's batch
    /// gradient), and each first-layer weight has one consumer per sample.
    fn check_batch(mlp: &Mlp, samples: &[(Vec<f64>, f64)], loss: Loss) {
        use crate::nn::data::{DataSet, Sample, Task};
        use crate::nn::train::{Optimizer, Regularization, Schedule, TrainConfig, Trainer};
        let batch: Vec<(&[f64], f64)> = samples.iter().map(|(x, y)| (&x[..], *y)).collect();
        let expanded = expand_batch(mlp, &batch, loss);
        let g = &expanded.graph;
        let trace = Trace::with_inputs(g, &expanded.inputs);
        assert_eq!(g.name(g.output()), "L");
        let singles: Vec<f64> = samples
            .iter()
            .map(|(x, y)| {
                let one = expand(mlp, x, *y, loss);
                Trace::with_inputs(&one.graph, &one.inputs).output_value()
            })
            .collect();
        let mean = singles.iter().sum::<f64>() / samples.len() as f64;
        assert!((trace.output_value() - mean).abs() < 1e-12, "{loss:?}: L");
        let data = DataSet {
            task: Task::Regression,
            train: samples
                .iter()
                .map(|(x, y)| Sample {
                    x: x.clone(),
                    y: *y,
                })
                .collect(),
            test: Vec::new(),
        };
        let config = TrainConfig {
            loss,
            optimizer: Optimizer::Sgd,
            learning_rate: 0.1,
            schedule: Schedule::Constant,
            batch_size: 0,
            regularization: Regularization::None,
            features: Vec::new(),
            seed: 1,
        };
        let dense = Trainer::new(mlp.clone(), &data, config).gradient(None);
        for &((l, i, j), node) in &expanded.weights {
            let from_graph = trace.adjoint(node);
            let from_dense = dense[l][i * mlp.layers[l].outputs + j - 1];
            assert!(
                (from_graph - from_dense).abs() < 1e-12,
                "{loss:?} w^{}_{i},{j}: {from_graph} vs {from_dense}",
                l + 1
            );
            if l == 0 {
                assert_eq!(g.consumers(node).len(), samples.len());
            }
        }
    }

    #[test]
    fn a_batch_graph_is_the_mean_of_its_samples_for_every_loss() {
        let samples = |labels: [f64; 4]| -> Vec<(Vec<f64>, f64)> {
            [[0.8, -1.3], [0.1, 0.4], [-1.2, 0.9], [2.0, -0.5]]
                .iter()
                .zip(labels)
                .map(|(x, y)| (x.to_vec(), y))
                .collect()
        };
        let tanh = Mlp::new(
            2,
            &[(2, Activation::Tanh)],
            1,
            Activation::Linear,
            Init::Xavier,
            1,
        );
        check_batch(&tanh, &samples([0.5, -1.0, 2.0, 0.0]), Loss::SquaredError);
        let relu = Mlp::new(
            2,
            &[(3, Activation::Relu)],
            1,
            Activation::Linear,
            Init::He,
            2,
        );
        check_batch(&relu, &samples([1.0, -1.0, -1.0, 1.0]), Loss::Hinge);
        let sigmoid = Mlp::new(
            2,
            &[(3, Activation::Tanh)],
            1,
            Activation::Sigmoid,
            Init::Xavier,
            3,
        );
        check_batch(
            &sigmoid,
            &samples([1.0, -1.0, 1.0, -1.0]),
            Loss::BinaryCrossEntropy,
        );
        let classes = Mlp::new(
            2,
            &[(4, Activation::Sigmoid)],
            3,
            Activation::Linear,
            Init::Xavier,
            4,
        );
        check_batch(
            &classes,
            &samples([0.0, 2.0, 1.0, 2.0]),
            Loss::SoftmaxCrossEntropy,
        );
    }

    #[test]
    fn a_batch_reads_as_the_lecture_writes_samples_and_walks_from_the_mean() {
        let mlp = Mlp::new(
            2,
            &[(2, Activation::Tanh)],
            1,
            Activation::Linear,
            Init::Xavier,
            1,
        );
        let (a, b) = ([1.0, 2.0], [-0.5, 0.5]);
        let expanded = expand_batch(&mlp, &[(&a, 1.0), (&b, -1.0)], Loss::SquaredError);
        let g = &expanded.graph;
        let names: Vec<&str> = g.ids().map(|id| g.name(id)).collect();
        for name in [
            "x^{(2)}_{1}",
            "a^{1(1)}_{2}",
            "h^{1(2)}_{1}",
            "ŷ^{(1)}",
            "y^{(2)}",
            "ℓ^{(2)}",
            "L",
        ] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
        assert_eq!(crate::render::text::display_name("a^{1(2)}_{1}"), "a¹⁽²⁾₁");
        let walk = names_in_walk(&expanded);
        assert_eq!(&walk[..3], ["L", "ℓ^{(1)}", "ℓ^{(2)}"]);
        assert_eq!(walk.len(), g.len());
        // The samples are stacked, the first above the second, the weights between them.
        use crate::layout::{layout, Spacing};
        let drawn = layout(g, Spacing::default());
        let at = |name: &str| drawn.nodes[g.ids().find(|&id| g.name(id) == name).unwrap().index()];
        assert!(at("ŷ^{(1)}").y < at("ŷ^{(2)}").y);
        let w = at("w^{2}_{0,1}").y;
        assert!(at("ŷ^{(1)}").y < w && w < at("ŷ^{(2)}").y);
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

    fn names_in_walk(expanded: &Expanded) -> Vec<String> {
        let g = &expanded.graph;
        let trace = Trace::with_inputs(g, &expanded.inputs);
        trace
            .backward()
            .map(|step| g.name(step.node).to_string())
            .collect()
    }

    #[test]
    fn the_backward_walk_is_the_lectures_order_of_messages() {
        let mlp = Mlp::new(
            2,
            &[(2, Activation::Tanh)],
            1,
            Activation::Linear,
            Init::Xavier,
            1,
        );
        let expanded = expand(&mlp, &[1.0, 2.0], 0.5, Loss::SquaredError);
        let walk = names_in_walk(&expanded);
        assert_eq!(
            &walk[..6],
            ["ℓ", "ŷ", "h^{1}_{1}", "h^{1}_{2}", "a^{1}_{1}", "a^{1}_{2}"],
            "∂ℓ/∂ℓ, B₁ = ∂ℓ/∂ŷ, then B₂,ᵢ, then B₃,ᵢ"
        );
        assert_eq!(
            &walk[6..9],
            ["w^{2}_{0,1}", "w^{2}_{1,1}", "w^{2}_{2,1}"],
            "then the weights, the last layer first"
        );
        assert_eq!(&walk[walk.len() - 3..], ["x_1", "x_2", "y"]);
        assert_eq!(walk.len(), expanded.graph.len());
    }

    #[test]
    fn the_layout_runs_by_layer_left_to_right_with_units_in_order() {
        use crate::layout::{layout, Spacing};
        let mlp = Mlp::new(
            2,
            &[(4, Activation::Tanh), (2, Activation::Tanh)],
            1,
            Activation::Tanh,
            Init::Xavier,
            1,
        );
        let expanded = expand(&mlp, &[0.5, -0.5], 1.0, Loss::SquaredError);
        let g = &expanded.graph;
        let drawn = layout(g, Spacing::default());
        assert_eq!(drawn, layout(g, Spacing::default()), "deterministic");
        let at = |name: &str| drawn.nodes[g.ids().find(|&id| g.name(id) == name).unwrap().index()];
        let columns = [
            "x_1",
            "w^{1}_{0,1}",
            "a^{1}_{1}",
            "h^{1}_{1}",
            "w^{2}_{0,1}",
            "a^{2}_{1}",
            "h^{2}_{1}",
            "w^{3}_{0,1}",
            "a^{3}_{1}",
            "ŷ",
            "ℓ",
        ];
        for pair in columns.windows(2) {
            assert!(
                at(pair[0]).x < at(pair[1]).x,
                "{} left of {}",
                pair[0],
                pair[1]
            );
        }
        for j in 1..4 {
            let (upper, lower) = (
                at(&format!("a^{{1}}_{{{j}}}")),
                at(&format!("a^{{1}}_{{{}}}", j + 1)),
            );
            assert!(upper.y < lower.y, "units in order");
        }
        // A unit's weights sit beside it, and no edge passes through a weight.
        let unit = at("a^{1}_{2}");
        for i in 0..=2 {
            let w = at(&format!("w^{{1}}_{{{i},2}}"));
            assert!((w.y - unit.y).abs() <= Spacing::default().node);
        }
        for edge in &drawn.edges {
            for bend in &edge.points[1..edge.points.len() - 1] {
                for id in g.ids() {
                    let p = drawn.nodes[id.index()];
                    assert!(
                        p.x != bend.x || (p.y - bend.y).abs() >= Spacing::default().node * 0.24
                    );
                }
            }
        }
    }

    /// A name in a batch graph without its sample: `a^{1(2)}_{1}` → `a^{1}_{1}`, `x^{(2)}_{1}` →
    /// `x_{1}`, and the single graph's `x_1` → `x_{1}`, so the two can be compared.
    fn unsampled(name: &str, s: usize) -> String {
        let name = name.replace(&format!("({s})"), "").replace("^{}", "");
        match name.strip_prefix("x_") {
            Some(i) if !i.starts_with('{') => format!("x_{{{i}}}"),
            _ => name,
        }
    }

    #[test]
    fn a_folded_batch_draws_one_sample_as_alone_and_the_others_as_their_losses() {
        use crate::layout::{folded, layout, Spacing};
        let mlp = Mlp::new(
            2,
            &[(2, Activation::Tanh)],
            1,
            Activation::Sigmoid,
            Init::Xavier,
            5,
        );
        let points = [[1.0, 2.0], [-0.5, 0.5], [0.25, -1.0], [2.0, 0.0]];
        let batch: Vec<(&[f64], f64)> = points.iter().map(|x| (&x[..], 1.0)).collect();
        let expanded = expand_batch(&mlp, &batch, Loss::SquaredError);
        let g = &expanded.graph;
        let groups = &g.arrangement().unwrap().groups;
        assert_eq!(groups.len(), 4);
        // Every node but the weights and L is in exactly one sample's group (checked on build).
        let grouped: usize = groups.iter().map(|g| g.members.len()).sum();
        assert_eq!(grouped + mlp.parameter_count() + 1, g.len());
        let spacing = Spacing::default();
        for (open, x) in points.iter().enumerate() {
            let drawn = folded(g, open, spacing);
            let fold = drawn.fold.as_ref().unwrap();
            assert_eq!(fold.open, open);
            let shown: Vec<_> = g
                .ids()
                .filter(|&id| fold.shown_as[id.index()] == id)
                .collect();
            // One sample's nodes, the weights, the other samples' losses and L.
            assert_eq!(
                shown.len(),
                groups[open].members.len() + mlp.parameter_count() + 3 + 1
            );
            for (s, group) in groups.iter().enumerate() {
                for &id in &group.members {
                    let expected = if s == open { id } else { group.summary };
                    assert_eq!(fold.shown_as[id.index()], expected);
                    assert_eq!(drawn.nodes[id.index()], drawn.nodes[expected.index()]);
                }
            }
            // No two drawn nodes share a place; no edge stays inside a folded sample; each
            // weight's edges reach all four samples, the folded ones at their losses.
            for (i, &a) in shown.iter().enumerate() {
                for &b in &shown[i + 1..] {
                    assert_ne!(drawn.nodes[a.index()], drawn.nodes[b.index()]);
                }
            }
            for edge in &drawn.edges {
                assert_ne!(
                    fold.shown_as[edge.from.index()],
                    fold.shown_as[edge.to.index()]
                );
            }
            for &(_, w) in &expanded.weights {
                assert_eq!(drawn.edges.iter().filter(|e| e.from == w).count(), 4);
            }
            // The open sample sits beside the weights exactly as a lone sample does.
            let alone = expand(&mlp, x, 1.0, Loss::SquaredError);
            let lone = layout(&alone.graph, spacing);
            let at = |graph: &Graph, l: &crate::layout::Layout, name: &str| {
                let id = graph
                    .ids()
                    .find(|&id| unsampled(graph.name(id), open + 1) == name);
                l.nodes[id.unwrap_or_else(|| panic!("{name}")).index()]
            };
            let anchor = "w^{1}_{0,1}";
            let (a, b) = (at(g, &drawn, anchor), at(&alone.graph, &lone, anchor));
            for id in groups[open]
                .members
                .iter()
                .copied()
                .chain(expanded.weights.iter().map(|w| w.1))
            {
                let name = unsampled(g.name(id), open + 1);
                let (p, q) = (drawn.nodes[id.index()], at(&alone.graph, &lone, &name));
                assert_eq!((p.x - a.x, p.y - a.y), (q.x - b.x, q.y - b.y), "{name}");
            }
        }
        assert_eq!(
            folded(g, 4, spacing),
            layout(g, spacing),
            "no such sample: all open"
        );
    }
}
