//! A multilayer perceptron on the dense, fast path: each layer's weights in one flat array, in
//! the lecture's indexing. `w^l_{i,j}` connects unit i of layer l-1 (i = 0 is the bias unit,
//! h_0 ≡ 1) to unit j of layer l (j = 1..H_l), and is stored at `weights[i * outputs + j - 1]`.

use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::kernel::{axpy, dot, outer_sums};
use crate::random::SplitMix;

/// How initial weights are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Init {
    /// Uniform in [-scale, scale].
    Uniform {
        /// Half the width of the range.
        scale: f64,
    },
    /// Xavier/Glorot: uniform in ±√(6 / (fan_in + fan_out)).
    Xavier,
    /// He: normal with variance 2 / fan_in.
    He,
}

/// One layer: its sizes, its activation and its weights (biases in row 0).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    /// Units in the layer before (H_{l-1}).
    pub inputs: usize,
    /// Units in this layer (H_l).
    pub outputs: usize,
    /// φ^l
    pub activation: Activation,
    /// (inputs + 1) × outputs weights, row-major, row 0 the biases.
    pub weights: Vec<f64>,
}

impl Layer {
    /// w^l_{i,j} (i = 0 is the bias; j counts from 1).
    pub fn weight(&self, i: usize, j: usize) -> f64 {
        self.weights[i * self.outputs + j - 1]
    }
}

/// A multilayer perceptron.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mlp {
    /// Hidden layers, then the output layer.
    pub layers: Vec<Layer>,
}

/// The values of one forward pass, kept for the backward pass: per layer, the activations a^l
/// and the outputs h^l (index 0 holds the input x as h^0).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cache {
    /// a^l for l = 1..=L+1 (at index l - 1).
    pub activations: Vec<Vec<f64>>,
    /// h^l for l = 0..=L+1.
    pub outputs: Vec<Vec<f64>>,
}

impl Mlp {
    /// A network with `inputs` inputs, hidden layers of the given sizes and activations, and
    /// `outputs` output units with `output_activation`; weights drawn by `init` from `seed`.
    pub fn new(
        inputs: usize,
        hidden: &[(usize, Activation)],
        outputs: usize,
        output_activation: Activation,
        init: Init,
        seed: u64,
    ) -> Mlp {
        let mut rng = SplitMix::new(seed);
        let mut layers = Vec::with_capacity(hidden.len() + 1);
        let mut fan_in = inputs;
        for &(size, activation) in hidden
            .iter()
            .chain(std::iter::once(&(outputs, output_activation)))
        {
            let weights = (0..(fan_in + 1) * size)
                .map(|k| {
                    let bias = k < size;
                    match init {
                        // TensorFlow Playground starts biases at 0.1 and weights in ±0.5.
                        Init::Uniform { scale } if bias => 0.1 * scale / 0.5,
                        Init::Uniform { scale } => rng.uniform(-scale, scale),
                        _ if bias => 0.0,
                        Init::Xavier => {
                            let limit = (6.0 / (fan_in + size) as f64).sqrt();
                            rng.uniform(-limit, limit)
                        }
                        Init::He => rng.normal(0.0, 2.0 / fan_in.max(1) as f64),
                    }
                })
                .collect();
            layers.push(Layer {
                inputs: fan_in,
                outputs: size,
                activation,
                weights,
            });
            fan_in = size;
        }
        Mlp { layers }
    }

    /// How many inputs the network takes.
    pub fn inputs(&self) -> usize {
        self.layers.first().map_or(0, |l| l.inputs)
    }

    /// How many outputs it gives.
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, |l| l.outputs)
    }

    /// How many weights and biases it has.
    pub fn parameter_count(&self) -> usize {
        self.layers.iter().map(|l| l.weights.len()).sum()
    }

    /// A cache shaped for this network.
    pub fn cache(&self) -> Cache {
        Cache {
            activations: self.layers.iter().map(|l| vec![0.0; l.outputs]).collect(),
            outputs: std::iter::once(vec![0.0; self.inputs()])
                .chain(self.layers.iter().map(|l| vec![0.0; l.outputs]))
                .collect(),
        }
    }

    /// The forward pass for one input, keeping every a^l and h^l in `cache`; returns ŷ.
    pub fn forward<'c>(&self, x: &[f64], cache: &'c mut Cache) -> &'c [f64] {
        cache.outputs[0].copy_from_slice(&x[..self.inputs()]);
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, after) = cache.outputs.split_at_mut(l + 1);
            let h_in = &before[l];
            let a = &mut cache.activations[l];
            let n = layer.outputs;
            a.copy_from_slice(&layer.weights[..n]);
            if n < NARROW {
                // A unit or two: each sum down its column, the same additions in the same
                // order as a row at a time, without a call per input.
                for (j, a) in a.iter_mut().enumerate() {
                    let column = layer.weights[n + j..].iter().step_by(n);
                    for (&h, &w) in h_in.iter().zip(column) {
                        *a += h * w;
                    }
                }
            } else {
                for (i, &h) in h_in.iter().enumerate() {
                    axpy(a, h, &layer.weights[(i + 1) * n..(i + 2) * n]);
                }
            }
            layer.activation.apply(a, &mut after[0]);
        }
        cache.outputs.last().map_or(&[], |v| v.as_slice())
    }

    /// The network's output for one input.
    pub fn predict(&self, x: &[f64]) -> Vec<f64> {
        let mut cache = self.cache();
        self.forward(x, &mut cache).to_vec()
    }

    /// The backward pass after [`Mlp::forward`]: from B1 = ∂ℓ/∂ŷ (`output_gradient`), adds
    /// ∂ℓ/∂w^l_{i,j} to `gradients` (shaped like the weights). `delta` is scratch space.
    pub fn backward(
        &self,
        cache: &Cache,
        output_gradient: &[f64],
        gradients: &mut [Vec<f64>],
        scratch: &mut Backward,
    ) {
        self.backward_messages(cache, output_gradient, scratch, |l, _, delta| {
            add_gradient(&mut gradients[l], &cache.outputs[l], delta);
        });
    }

    /// The backward pass after [`Mlp::forward`] for one sample of a batch: a wide layer's inputs
    /// and deltas are kept in `batch` for [`Mlp::accumulate`] to add to `gradients` once the
    /// batch is through; a narrow layer's gradients (under [`WIDE`] units, where keeping costs
    /// more than it saves) are added now. Either way each gradient gains the samples' terms in
    /// their order, as [`Mlp::backward`] would add them.
    pub fn backward_into(
        &self,
        cache: &Cache,
        output_gradient: &[f64],
        scratch: &mut Backward,
        batch: &mut Batch,
        gradients: &mut [Vec<f64>],
    ) {
        batch.resize(self.layers.len());
        self.backward_messages(cache, output_gradient, scratch, |l, _, delta| {
            if delta.len() >= WIDE {
                batch.inputs[l].extend_from_slice(&cache.outputs[l]);
                batch.deltas[l].extend_from_slice(delta);
            } else {
                add_gradient(&mut gradients[l], &cache.outputs[l], delta);
            }
        });
    }

    /// Adds the gradients of the samples kept in `batch` to `gradients` (shaped like the
    /// weights), and empties `batch`.
    pub fn accumulate(&self, batch: &mut Batch, gradients: &mut [Vec<f64>]) {
        for (l, layer) in self.layers.iter().enumerate().take(batch.deltas.len()) {
            if !batch.deltas[l].is_empty() {
                outer_sums(
                    &mut gradients[l],
                    layer.outputs,
                    &batch.inputs[l],
                    &batch.deltas[l],
                );
            }
            batch.inputs[l].clear();
            batch.deltas[l].clear();
        }
    }

    /// The backward pass's messages after [`Mlp::forward`], layer by layer from the output
    /// down: `visit(l, upstream, delta)` gets, for the layer at index l, ∂ℓ/∂h at its outputs
    /// (B1 = `output_gradient` for the output layer; the lecture's B2 one layer down) and
    /// δ = ∂ℓ/∂a = that · φ'(a) (the lecture's B3).
    pub fn backward_messages(
        &self,
        cache: &Cache,
        output_gradient: &[f64],
        scratch: &mut Backward,
        mut visit: impl FnMut(usize, &[f64], &[f64]),
    ) {
        let last = self.layers.len() - 1;
        scratch.upstream.clear();
        scratch.upstream.extend_from_slice(output_gradient);
        for l in (0..=last).rev() {
            let layer = &self.layers[l];
            let n = layer.outputs;
            // δ_j = ∂ℓ/∂a_j = ∂ℓ/∂h_j · φ'(a_j): the lecture's B3 for a hidden layer.
            layer.activation.deltas(
                &scratch.upstream,
                &cache.activations[l],
                &cache.outputs[l + 1],
                &mut scratch.delta,
            );
            visit(l, &scratch.upstream, &scratch.delta);
            if l > 0 {
                // ∂ℓ/∂h_i = Σ_j w_{i,j} δ_j: the lecture's B2 one layer down.
                scratch.upstream.clear();
                let rows = layer.weights[n..].chunks_exact(n.max(1));
                scratch
                    .upstream
                    .extend(rows.map(|row| dot(row, &scratch.delta)));
            }
        }
    }

    /// Zeroed gradients shaped like the weights.
    pub fn zero_gradients(&self) -> Vec<Vec<f64>> {
        self.layers
            .iter()
            .map(|l| vec![0.0; l.weights.len()])
            .collect()
    }
}

/// Layers narrower than this sum their forward pass a column at a time.
const NARROW: usize = 3;

/// Layers at least this wide keep a batch's samples for [`Mlp::accumulate`].
pub const WIDE: usize = 8;

/// One sample's terms added to a layer's gradients: row 0 (the bias, h₀ = 1; 1·δ is δ exactly)
/// gains δ, row i + 1 gains hᵢ·δ.
fn add_gradient(grad: &mut [f64], inputs: &[f64], delta: &[f64]) {
    let n = delta.len();
    axpy(&mut grad[..n], 1.0, delta);
    for (i, &h) in inputs.iter().enumerate() {
        axpy(&mut grad[(i + 1) * n..(i + 2) * n], h, delta);
    }
}

/// A batch's samples as the backward pass leaves them, for [`Mlp::accumulate`]: per layer, each
/// sample's inputs h and deltas δ, one after another.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    inputs: Vec<Vec<f64>>,
    deltas: Vec<Vec<f64>>,
}

impl Batch {
    fn resize(&mut self, layers: usize) {
        self.inputs.resize_with(layers, Vec::new);
        self.deltas.resize_with(layers, Vec::new);
    }
}

/// Scratch space for [`Mlp::backward`], reused across samples.
#[derive(Clone, Debug, Default)]
pub struct Backward {
    upstream: Vec<f64>,
    delta: Vec<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::loss::Loss;

    fn net() -> Mlp {
        Mlp::new(
            2,
            &[(4, Activation::Tanh), (3, Activation::Elu { a: 1.0 })],
            1,
            Activation::Sigmoid,
            Init::Xavier,
            7,
        )
    }

    #[test]
    fn shapes_follow_the_lectures_indexing() {
        let mlp = net();
        assert_eq!(mlp.parameter_count(), 3 * 4 + 5 * 3 + 4);
        assert_eq!(mlp.layers[0].weight(0, 1), mlp.layers[0].weights[0]);
        assert_eq!(mlp.layers[0].weight(2, 4), mlp.layers[0].weights[2 * 4 + 3]);
        assert!(
            mlp.layers[0].weights[..4].iter().all(|&b| b == 0.0),
            "Xavier biases start at 0"
        );
    }

    #[test]
    fn backprop_matches_central_differences_for_every_weight() {
        let mlp = net();
        let (x, y) = ([0.7, -1.2], 1.0);
        let loss_at = |m: &Mlp| {
            let mut g = [0.0];
            Loss::BinaryCrossEntropy.evaluate(&m.predict(&x), y, &mut g)
        };
        let mut cache = mlp.cache();
        let mut b1 = [0.0];
        let outputs = mlp.forward(&x, &mut cache).to_vec();
        Loss::BinaryCrossEntropy.evaluate(&outputs, y, &mut b1);
        let mut grads = mlp.zero_gradients();
        mlp.backward(&cache, &b1, &mut grads, &mut Backward::default());
        for (l, layer_grads) in grads.iter().enumerate() {
            for (k, &from_backprop) in layer_grads.iter().enumerate() {
                let h = 1e-6;
                let mut plus = mlp.clone();
                plus.layers[l].weights[k] += h;
                let mut minus = mlp.clone();
                minus.layers[l].weights[k] -= h;
                let numeric = (loss_at(&plus) - loss_at(&minus)) / (2.0 * h);
                assert!(
                    (from_backprop - numeric).abs() < 1e-7,
                    "layer {l} weight {k}: {from_backprop} vs {numeric}"
                );
            }
        }
    }

    #[test]
    fn a_batch_accumulates_the_per_sample_gradients_bit_for_bit() {
        let mlp = Mlp::new(
            3,
            &[
                (11, Activation::Tanh),
                (9, Activation::Relu),
                (4, Activation::Tanh),
            ],
            2,
            Activation::Linear,
            Init::Xavier,
            3,
        );
        let mut rng = SplitMix::new(9);
        let (mut cache, mut scratch, mut batch) =
            (mlp.cache(), Backward::default(), Batch::default());
        let (mut one_by_one, mut at_once) = (mlp.zero_gradients(), mlp.zero_gradients());
        for samples in [1, 5, 32] {
            for _ in 0..samples {
                let x: Vec<f64> = (0..3).map(|_| rng.uniform(-2.0, 2.0)).collect();
                let upstream = [rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0)];
                mlp.forward(&x, &mut cache);
                mlp.backward(&cache, &upstream, &mut one_by_one, &mut scratch);
                mlp.backward_into(&cache, &upstream, &mut scratch, &mut batch, &mut at_once);
            }
            mlp.accumulate(&mut batch, &mut at_once);
            let bits =
                |g: &[Vec<f64>]| -> Vec<u64> { g.concat().iter().map(|v| v.to_bits()).collect() };
            assert_eq!(bits(&at_once), bits(&one_by_one), "{samples} samples");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_network() {
        assert_eq!(net(), net());
        let other = Mlp::new(
            2,
            &[(4, Activation::Tanh)],
            1,
            Activation::Tanh,
            Init::He,
            8,
        );
        assert_ne!(
            other,
            Mlp::new(
                2,
                &[(4, Activation::Tanh)],
                1,
                Activation::Tanh,
                Init::He,
                9
            )
        );
    }
}
