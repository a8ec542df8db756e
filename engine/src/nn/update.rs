//! One optimiser update of one parameter, w ← w − η·(what the optimiser makes of ∂ℓ/∂w): the code
//! training runs for every weight, and what the step-through's update phase shows, with the
//! optimiser's state (momentum's velocity, Adam's moments and their bias-corrected m̂ and v̂).

use super::train::Optimizer;

/// One parameter's optimiser state: momentum's velocity v in `first`; Adam's m in `first` and v
/// in `second`. Starts at zero.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Moments {
    /// Momentum's v, or Adam's m.
    pub first: f64,
    /// Adam's v.
    pub second: f64,
}

/// One update, as the step-through writes it: `w ← w − η·m̂/(√v̂ + ε) = 0.5 − 0.1 × … = 0.417`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Update {
    /// w before.
    pub before: f64,
    /// ∂ℓ/∂w.
    pub gradient: f64,
    /// The state after the update.
    pub moments: Moments,
    /// Adam's bias-corrected m̂ and v̂ (None for the others).
    pub corrected: Option<(f64, f64)>,
    /// w after.
    pub after: f64,
}

impl Optimizer {
    /// The factors that correct Adam's moments for their start at zero at step `t` (from 1):
    /// 1/(1 − β₁ᵗ) and 1/(1 − β₂ᵗ); 1 and 1 for the others. Computed once per step, not per weight.
    pub fn corrections(&self, t: i32) -> (f64, f64) {
        match *self {
            Optimizer::Adam { beta1, beta2, .. } => {
                (1.0 / (1.0 - beta1.powi(t)), 1.0 / (1.0 - beta2.powi(t)))
            }
            _ => (1.0, 1.0),
        }
    }

    /// Updates `w` with gradient `g` at rate `rate`, moving `state`; `corrections` from
    /// [`Optimizer::corrections`] for this step. Returns Adam's m̂ and v̂.
    #[inline(always)]
    pub fn apply(
        &self,
        w: &mut f64,
        g: f64,
        rate: f64,
        state: (&mut f64, &mut f64),
        corrections: (f64, f64),
    ) -> Option<(f64, f64)> {
        let (first, second) = state;
        match *self {
            Optimizer::Sgd => {
                *w -= rate * g;
                None
            }
            Optimizer::Momentum { beta } => {
                *first = beta * *first + g;
                *w -= rate * *first;
                None
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                *first = beta1 * *first + (1.0 - beta1) * g;
                *second = beta2 * *second + (1.0 - beta2) * g * g;
                let m_hat = *first * corrections.0;
                let v_hat = *second * corrections.1;
                *w -= rate * m_hat / (v_hat.sqrt() + epsilon);
                Some((m_hat, v_hat))
            }
        }
    }

    /// [`Optimizer::apply`] to every parameter of a layer: `weights[k]` with `gradients[k]` and
    /// state `(first[k], second[k])`. Each optimiser's loop is element by element with nothing
    /// in between, so LLVM runs it two lanes at a time (WebAssembly SIMD) with the same bits.
    pub fn apply_all(
        &self,
        weights: &mut [f64],
        gradients: &[f64],
        rate: f64,
        state: (&mut [f64], &mut [f64]),
        corrections: (f64, f64),
    ) {
        let (first, second) = state;
        let n = weights.len();
        let (gradients, first, second) = (&gradients[..n], &mut first[..n], &mut second[..n]);
        let each = |optimizer: Optimizer, w: &mut f64, g: f64, m: &mut f64, v: &mut f64| {
            optimizer.apply(w, g, rate, (m, v), corrections);
        };
        // One loop per optimiser, so the match is not inside the loop.
        match *self {
            o @ Optimizer::Sgd => {
                for (w, &g) in weights.iter_mut().zip(gradients) {
                    each(o, w, g, &mut 0.0, &mut 0.0);
                }
            }
            o @ Optimizer::Momentum { .. } => {
                for ((w, &g), m) in weights.iter_mut().zip(gradients).zip(first) {
                    each(o, w, g, m, &mut 0.0);
                }
            }
            o @ Optimizer::Adam { .. } => {
                for (((w, &g), m), v) in weights.iter_mut().zip(gradients).zip(first).zip(second) {
                    each(o, w, g, m, v);
                }
            }
        }
    }

    /// The `t`-th update (from 1) of a parameter `w` with gradient `g` at rate `rate`, from
    /// `moments` (left as they are after it), recorded for showing.
    pub fn update(&self, w: f64, g: f64, rate: f64, moments: &mut Moments, t: i32) -> Update {
        let mut after = w;
        let corrected = self.apply(
            &mut after,
            g,
            rate,
            (&mut moments.first, &mut moments.second),
            self.corrections(t),
        );
        Update {
            before: w,
            gradient: g,
            moments: *moments,
            corrected,
            after,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::setup::Setup;

    #[test]
    fn the_update_shown_is_the_update_training_makes_for_every_optimiser() {
        for optimizer in [Optimizer::Sgd, Optimizer::MOMENTUM, Optimizer::ADAM] {
            // The whole training set as one batch, so a step's gradient is the mean gradient.
            let setup = Setup {
                optimizer,
                batch_size: 0,
                hidden: vec![(2, crate::nn::activation::Activation::Tanh)],
                ..Setup::default()
            };
            let (_, mut trainer) = setup.build().unwrap();
            let rate = setup.learning_rate;
            let mut weights: Vec<Vec<f64>> = trainer
                .mlp
                .layers
                .iter()
                .map(|l| l.weights.clone())
                .collect();
            let mut moments: Vec<Vec<Moments>> = weights
                .iter()
                .map(|w| vec![Moments::default(); w.len()])
                .collect();
            let mut losses = Vec::new();
            for t in 1..=5 {
                let gradients = trainer.gradient(None);
                losses.push(trainer.step());
                for (l, layer) in trainer.mlp.layers.iter().enumerate() {
                    for (k, &trained) in layer.weights.iter().enumerate() {
                        let shown = optimizer.update(
                            weights[l][k],
                            gradients[l][k],
                            rate,
                            &mut moments[l][k],
                            t,
                        );
                        // Training sums the batch in its shuffled order, the mean gradient in
                        // the data's: the same up to rounding.
                        let off = (shown.after - trained).abs();
                        assert!(
                            off <= 1e-12,
                            "{optimizer:?} step {t}, w[{l}][{k}]: off by {off}"
                        );
                        assert_eq!(shown.corrected.is_some(), optimizer == Optimizer::ADAM);
                        weights[l][k] = trained;
                    }
                }
            }
            // And it learns: the loss falls over the five updates.
            assert!(losses[4] < losses[0], "{optimizer:?}: {losses:?}");
        }
    }

    #[test]
    fn adam_s_first_update_moves_each_weight_by_about_the_learning_rate() {
        let mut m = Moments::default();
        let u = Optimizer::ADAM.update(0.5, 0.83, 0.1, &mut m, 1);
        // m̂ = g and v̂ = g² at t = 1, so the step is η·g/(|g| + ε).
        let (m_hat, v_hat) = u.corrected.unwrap();
        assert!((m_hat - 0.83).abs() < 1e-12 && (v_hat - 0.83 * 0.83).abs() < 1e-12);
        assert!((u.after - 0.4).abs() < 1e-8);
        let sgd = Optimizer::Sgd.update(0.5, 0.83, 0.1, &mut Moments::default(), 1);
        assert!((sgd.after - 0.417).abs() < 1e-12);
    }
}
