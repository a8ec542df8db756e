//! The loss landscape (Li et al., "Visualizing the Loss Landscape of Neural Nets", NeurIPS 2018):
//! the loss on a plane through the current weights, spanned by two random directions that are
//! filter-normalised (each unit's incoming weights scaled to the norm of the network's own, biases
//! left still), and a training trajectory projected onto that plane.

use super::data::{features, Feature, Sample};
use super::loss::Loss;
use super::mlp::Mlp;
use crate::random::SplitMix;

/// A plane through a network's weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Plane {
    /// The weights at the plane's origin.
    pub center: Mlp,
    /// The first direction, shaped like the weights.
    pub d1: Vec<Vec<f64>>,
    /// The second direction.
    pub d2: Vec<Vec<f64>>,
}

/// A random Gaussian direction, filter-normalised against `mlp`, with zero on the biases.
fn direction(mlp: &Mlp, rng: &mut SplitMix) -> Vec<Vec<f64>> {
    mlp.layers
        .iter()
        .map(|layer| {
            let n = layer.outputs;
            let mut d: Vec<f64> = (0..layer.weights.len())
                .map(|k| if k < n { 0.0 } else { rng.normal(0.0, 1.0) })
                .collect();
            for j in 0..n {
                let column = |v: &[f64]| {
                    (1..=layer.inputs)
                        .map(|i| v[i * n + j].powi(2))
                        .sum::<f64>()
                        .sqrt()
                };
                let (own, random) = (column(&layer.weights), column(&d));
                let scale = if random > 0.0 { own / random } else { 0.0 };
                for i in 1..=layer.inputs {
                    d[i * n + j] *= scale;
                }
            }
            d
        })
        .collect()
}

impl Plane {
    /// A plane through `mlp` along two random filter-normalised directions drawn from `seed`.
    pub fn random(mlp: &Mlp, seed: u64) -> Plane {
        let mut rng = SplitMix::new(seed);
        let d1 = direction(mlp, &mut rng);
        let d2 = direction(mlp, &mut rng);
        Plane {
            center: mlp.clone(),
            d1,
            d2,
        }
    }

    /// The network at (α, β) on the plane: center + α·d1 + β·d2, written into `out`.
    fn point_into(&self, alpha: f64, beta: f64, out: &mut Mlp) {
        for (l, layer) in out.layers.iter_mut().enumerate() {
            let center = &self.center.layers[l].weights;
            for (k, w) in layer.weights.iter_mut().enumerate() {
                *w = center[k] + alpha * self.d1[l][k] + beta * self.d2[l][k];
            }
        }
    }

    /// The coordinates (α, β) of `mlp` projected onto the plane (least squares).
    pub fn project(&self, mlp: &Mlp) -> (f64, f64) {
        let (mut a11, mut a12, mut a22, mut b1, mut b2) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (l, layer) in mlp.layers.iter().enumerate() {
            for (k, w) in layer.weights.iter().enumerate() {
                let delta = w - self.center.layers[l].weights[k];
                let (u, v) = (self.d1[l][k], self.d2[l][k]);
                a11 += u * u;
                a12 += u * v;
                a22 += v * v;
                b1 += u * delta;
                b2 += v * delta;
            }
        }
        let det = a11 * a22 - a12 * a12;
        if det.abs() < 1e-300 {
            return (0.0, 0.0);
        }
        ((a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det)
    }

    /// The mean loss over `samples` on a `size`×`size` grid of (α, β) in [-span, span]², row by
    /// row from β = span at the top.
    pub fn grid(
        &self,
        samples: &[Sample],
        chosen: &[Feature],
        loss: Loss,
        span: f64,
        size: usize,
    ) -> Vec<f64> {
        let inputs: Vec<(Vec<f64>, f64)> = samples
            .iter()
            .map(|s| (features(&s.x, chosen), s.y))
            .collect();
        let mut net = self.center.clone();
        let mut cache = net.cache();
        let mut gradient = vec![0.0; net.outputs()];
        let step = 2.0 * span / (size.max(2) - 1) as f64;
        let mut out = Vec::with_capacity(size * size);
        for row in 0..size {
            let beta = span - row as f64 * step;
            for col in 0..size {
                let alpha = -span + col as f64 * step;
                self.point_into(alpha, beta, &mut net);
                let total: f64 = inputs
                    .iter()
                    .map(|(x, y)| {
                        let outputs = net.forward(x, &mut cache);
                        loss.evaluate(outputs, *y, &mut gradient)
                    })
                    .sum();
                out.push(total / inputs.len().max(1) as f64);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::workload::w1;

    #[test]
    fn directions_are_filter_normalised_and_leave_biases_still() {
        let mlp = w1().trainer.mlp;
        let plane = Plane::random(&mlp, 4);
        for (layer, d) in mlp.layers.iter().zip(&plane.d1) {
            let n = layer.outputs;
            assert!(d[..n].iter().all(|&b| b == 0.0));
            for j in 0..n {
                let norm = |v: &[f64]| {
                    (1..=layer.inputs)
                        .map(|i| v[i * n + j].powi(2))
                        .sum::<f64>()
                        .sqrt()
                };
                assert!((norm(d) - norm(&layer.weights)).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn the_centre_of_the_grid_is_the_networks_own_loss_and_projection_inverts_moves() {
        let mut workload = w1();
        workload.trainer.run_epoch();
        let mlp = workload.trainer.mlp.clone();
        let plane = Plane::random(&mlp, 9);
        let data = crate::nn::data::DataSpec {
            generator: crate::nn::data::Generator::Circle,
            points: 100,
            noise: 0.0,
            train_fraction: 1.0,
            seed: 3,
        }
        .generate()
        .unwrap();
        let grid = plane.grid(&data.train, &[], Loss::SquaredError, 1.0, 5);
        let mut g = [0.0];
        let own: f64 = data
            .train
            .iter()
            .map(|s| Loss::SquaredError.evaluate(&mlp.predict(&s.x), s.y, &mut g))
            .sum::<f64>()
            / 100.0;
        assert!(
            (grid[12] - own).abs() < 1e-12,
            "the middle of a 5×5 grid is (0, 0)"
        );
        let mut moved = mlp.clone();
        plane.point_into(0.3, -0.7, &mut moved);
        let (a, b) = plane.project(&moved);
        assert!((a - 0.3).abs() < 1e-9 && (b + 0.7).abs() < 1e-9, "{a} {b}");
    }
}
