//! Sample-wise losses ℓ(y, ŷ) and B1 = ∂ℓ/∂ŷ, the first backprop message.

use serde::{Deserialize, Serialize};

/// A loss function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// ½(y - ŷ)², for regression (and TensorFlow Playground's classification, labels ±1).
    SquaredError,
    /// -y log ŷ - (1 - y) log(1 - ŷ) with labels ±1 read as 1 and 0; ŷ from a sigmoid output.
    BinaryCrossEntropy,
    /// -log softmax(ŷ)_y over several outputs; the label is the class index.
    SoftmaxCrossEntropy,
    /// max(0, 1 - y·ŷ) with labels ±1.
    Hinge,
}

/// Keeps probabilities away from 0 and 1, where the logarithms are infinite.
const EPS: f64 = 1e-12;

impl Loss {
    /// ℓ for one sample: `outputs` are the network's outputs ŷ, `label` the target (a value, ±1,
    /// or a class index). Writes ∂ℓ/∂ŷ into `gradient` (one entry per output).
    pub fn evaluate(self, outputs: &[f64], label: f64, gradient: &mut [f64]) -> f64 {
        match self {
            Loss::SquaredError => {
                let d = outputs[0] - label;
                gradient[0] = d;
                0.5 * d * d
            }
            Loss::BinaryCrossEntropy => {
                let y = if label > 0.0 { 1.0 } else { 0.0 };
                let p = outputs[0].clamp(EPS, 1.0 - EPS);
                gradient[0] = (p - y) / (p * (1.0 - p));
                -(y * p.ln() + (1.0 - y) * (1.0 - p).ln())
            }
            Loss::SoftmaxCrossEntropy => {
                let max = outputs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let total: f64 = outputs.iter().map(|o| (o - max).exp()).sum();
                let class = label as usize;
                for (k, (g, o)) in gradient.iter_mut().zip(outputs).enumerate() {
                    *g = (o - max).exp() / total - if k == class { 1.0 } else { 0.0 };
                }
                total.ln() + max - outputs.get(class).copied().unwrap_or(f64::NAN)
            }
            Loss::Hinge => {
                let margin = 1.0 - label * outputs[0];
                gradient[0] = if margin > 0.0 { -label } else { 0.0 };
                margin.max(0.0)
            }
        }
    }

    /// Whether the prediction `outputs` gets `label` right (for accuracy).
    pub fn correct(self, outputs: &[f64], label: f64) -> bool {
        match self {
            Loss::SoftmaxCrossEntropy => {
                let best = outputs
                    .iter()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(b.1))
                    .map_or(usize::MAX, |(k, _)| k);
                best == label as usize
            }
            Loss::BinaryCrossEntropy => (outputs[0] >= 0.5) == (label > 0.0),
            Loss::SquaredError | Loss::Hinge => (outputs[0] >= 0.0) == (label > 0.0),
        }
    }

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Loss::SquaredError => "squared",
            Loss::BinaryCrossEntropy => "bce",
            Loss::SoftmaxCrossEntropy => "softmax",
            Loss::Hinge => "hinge",
        }
    }

    /// The loss called `name`.
    pub fn from_name(name: &str) -> Option<Loss> {
        [
            Loss::SquaredError,
            Loss::BinaryCrossEntropy,
            Loss::SoftmaxCrossEntropy,
            Loss::Hinge,
        ]
        .into_iter()
        .find(|l| l.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradients_match_central_differences() {
        let cases: [(Loss, Vec<f64>, f64); 5] = [
            (Loss::SquaredError, vec![0.3], -1.0),
            (Loss::BinaryCrossEntropy, vec![0.3], 1.0),
            (Loss::BinaryCrossEntropy, vec![0.8], -1.0),
            (Loss::SoftmaxCrossEntropy, vec![0.3, -1.2, 2.0], 1.0),
            (Loss::Hinge, vec![0.3], 1.0),
        ];
        for (loss, outputs, label) in cases {
            let mut gradient = vec![0.0; outputs.len()];
            loss.evaluate(&outputs, label, &mut gradient);
            for k in 0..outputs.len() {
                let h = 1e-6;
                let mut scratch = vec![0.0; outputs.len()];
                let mut plus = outputs.clone();
                plus[k] += h;
                let mut minus = outputs.clone();
                minus[k] -= h;
                let numeric = (loss.evaluate(&plus, label, &mut scratch)
                    - loss.evaluate(&minus, label, &mut scratch))
                    / (2.0 * h);
                assert!(
                    (gradient[k] - numeric).abs() < 1e-6,
                    "{loss:?} output {k}: {} vs {numeric}",
                    gradient[k]
                );
            }
        }
    }
}
