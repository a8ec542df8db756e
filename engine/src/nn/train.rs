//! Training, one batch or one epoch per call, so a user interface can interleave it with drawing.
//! Each finished epoch records train and test loss and accuracy; a loss that stops being finite
//! stops training with a plain status instead of a screen of NaN.

use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::data::{features, DataSet, Feature, Sample};
use super::loss::Loss;
use super::mlp::{Backward, Batch, Cache, Mlp};
use crate::random::SplitMix;

/// How the weights move along the gradient.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
// Read through one reader shared by the tagged settings (see `tagged`).
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "super::tagged::Tagged"
)]
pub enum Optimizer {
    /// w ← w - η g
    Sgd,
    /// v ← βv + g; w ← w - η v
    Momentum {
        /// β, typically 0.9.
        beta: f64,
    },
    /// Adam (Kingma and Ba), with bias correction.
    Adam {
        /// β₁, typically 0.9.
        beta1: f64,
        /// β₂, typically 0.999.
        beta2: f64,
        /// ε, typically 1e-8.
        epsilon: f64,
    },
}

/// A penalty on the weights (not the biases).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
// Read through one reader shared by the tagged settings (see `tagged`).
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "super::tagged::Tagged"
)]
pub enum Regularization {
    /// No penalty.
    None,
    /// rate · Σ|w|
    L1 {
        /// The rate.
        rate: f64,
    },
    /// rate · Σw²
    L2 {
        /// The rate.
        rate: f64,
    },
}

/// How the learning rate changes over the steps.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
// Read through one reader shared by the tagged settings (see `tagged`).
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "super::tagged::Tagged"
)]
pub enum Schedule {
    /// Always the same.
    Constant,
    /// η·(1 - (1 - end)·k/steps) at step k, reaching η·end after `steps` (micrograd's demo uses
    /// end = 0.1 over 100 steps).
    Linear {
        /// The fraction of η left at the end.
        end: f64,
        /// Steps to get there.
        steps: usize,
    },
}

/// Everything about training except the network and the data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// The loss.
    pub loss: Loss,
    /// The optimiser.
    pub optimizer: Optimizer,
    /// η
    pub learning_rate: f64,
    /// How η changes.
    pub schedule: Schedule,
    /// Examples per step (0 or more than the training set: the whole set).
    pub batch_size: usize,
    /// The weight penalty.
    pub regularization: Regularization,
    /// Input features computed from the raw inputs (empty: the raw inputs).
    pub features: Vec<Feature>,
    /// Seed for the order of examples.
    pub seed: u64,
}

/// Loss and accuracy after an epoch.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    /// Epochs completed.
    pub epoch: usize,
    /// Mean loss on the training set (penalty included).
    pub train_loss: f64,
    /// Mean loss on the test set.
    pub test_loss: f64,
    /// Fraction of training examples classified right (NaN for regression).
    pub train_accuracy: f64,
    /// Fraction of test examples classified right.
    pub test_accuracy: f64,
}

/// Whether training can go on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Status {
    /// It can.
    Running,
    /// The loss stopped being finite: what happened and what to try.
    Diverged(String),
}

/// How many epochs of a loss that does not settle make a [`Trainer`]'s warning speak.
pub const UNSETTLED: usize = 10;

/// What training changes in a [`Trainer`], apart from its history: enough to carry training on
/// elsewhere (the app trains in a Web Worker) and to come back to it bit for bit. Numbers only
/// (the network's shape and settings stay with the trainer), so a compact binary format carries
/// it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Each layer's weights, as [`Layer::weights`](super::mlp::Layer::weights).
    pub weights: Vec<Vec<f64>>,
    first: Vec<Vec<f64>>,
    second: Vec<Vec<f64>>,
    order: Vec<usize>,
    position: usize,
    steps: usize,
    epochs: usize,
    rng: SplitMix,
    /// Whether training can go on.
    pub status: Status,
    /// The learning rate's warning, if any.
    pub warning: Option<String>,
}

/// A network, its data and its optimiser state, advanced a batch or an epoch at a time.
#[derive(Clone, Debug)]
pub struct Trainer {
    /// The network being trained.
    pub mlp: Mlp,
    /// The settings.
    pub config: TrainConfig,
    train: Vec<(Vec<f64>, f64)>,
    test: Vec<(Vec<f64>, f64)>,
    regression: bool,
    order: Vec<usize>,
    position: usize,
    steps: usize,
    epochs: usize,
    first: Vec<Vec<f64>>,
    second: Vec<Vec<f64>>,
    gradients: Vec<Vec<f64>>,
    cache: Cache,
    scratch: Backward,
    batch: Batch,
    output_gradient: Vec<f64>,
    rng: SplitMix,
    /// One record per finished epoch.
    pub history: Vec<EpochRecord>,
    /// Whether training can go on.
    pub status: Status,
    /// Why the learning rate looks too large while the loss is still finite (the loss does not
    /// settle, or the units saturated), checked at each recorded epoch; `None` while training
    /// looks healthy.
    pub warning: Option<String>,
    /// Whether each finished epoch is evaluated and recorded in `history` (on by default; a
    /// benchmark that measures only training turns it off).
    pub record_epochs: bool,
}

fn prepare(samples: &[Sample], chosen: &[Feature]) -> Vec<(Vec<f64>, f64)> {
    samples
        .iter()
        .map(|s| (features(&s.x, chosen), s.y))
        .collect()
}

impl Trainer {
    /// A trainer for `mlp` on `data` with `config`.
    pub fn new(mlp: Mlp, data: &DataSet, config: TrainConfig) -> Trainer {
        let train = prepare(&data.train, &config.features);
        let test = prepare(&data.test, &config.features);
        let zeros = mlp.zero_gradients();
        let mut rng = SplitMix::new(config.seed);
        let mut order: Vec<usize> = (0..train.len()).collect();
        rng.shuffle(&mut order);
        Trainer {
            cache: mlp.cache(),
            output_gradient: vec![0.0; mlp.outputs()],
            regression: data.task == super::data::Task::Regression,
            first: zeros.clone(),
            second: zeros.clone(),
            gradients: zeros,
            scratch: Backward::default(),
            batch: Batch::default(),
            mlp,
            config,
            train,
            test,
            order,
            position: 0,
            steps: 0,
            epochs: 0,
            rng,
            history: Vec::new(),
            status: Status::Running,
            warning: None,
            record_epochs: true,
        }
    }

    /// Where training has got to (the history apart).
    pub fn progress(&self) -> Progress {
        Progress {
            weights: self.mlp.layers.iter().map(|l| l.weights.clone()).collect(),
            first: self.first.clone(),
            second: self.second.clone(),
            order: self.order.clone(),
            position: self.position,
            steps: self.steps,
            epochs: self.epochs,
            rng: self.rng.clone(),
            status: self.status.clone(),
            warning: self.warning.clone(),
        }
    }

    /// Carries on from `progress`, taken from a trainer of the same network shape on the same
    /// data and settings; `None` (and nothing changed) when its shapes do not fit this trainer.
    pub fn resume(&mut self, progress: Progress) -> Option<()> {
        let shapes = |v: &[Vec<f64>]| v.iter().map(Vec::len).collect::<Vec<_>>();
        let weights: Vec<usize> = self.mlp.layers.iter().map(|l| l.weights.len()).collect();
        let fits = shapes(&progress.weights) == weights
            && shapes(&progress.first) == shapes(&self.first)
            && shapes(&progress.second) == shapes(&self.second)
            && progress.order.len() == self.order.len()
            && progress.position <= self.train.len();
        if !fits {
            return None;
        }
        let Progress {
            weights,
            first,
            second,
            order,
            position,
            steps,
            epochs,
            rng,
            status,
            warning,
        } = progress;
        for (layer, w) in self.mlp.layers.iter_mut().zip(weights) {
            layer.weights = w;
        }
        self.first = first;
        self.second = second;
        self.order = order;
        self.position = position;
        self.steps = steps;
        self.epochs = epochs;
        self.rng = rng;
        self.status = status;
        self.warning = warning;
        Some(())
    }

    /// How many training examples there are.
    pub fn train_size(&self) -> usize {
        self.train.len()
    }

    /// The current accuracy on the training set (`true`) or the test set.
    pub fn accuracy(&mut self, on_training: bool) -> f64 {
        self.evaluate(if on_training {
            Which::Train
        } else {
            Which::Test
        })
        .1
    }

    /// Epochs completed.
    pub fn epoch(&self) -> usize {
        self.epochs
    }

    /// Optimiser steps taken.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Training example `i` as the network sees it (features, label).
    pub fn example(&self, i: usize) -> Option<(&[f64], f64)> {
        self.train.get(i).map(|(x, y)| (x.as_slice(), *y))
    }

    /// ∂ℓ/∂w for every weight, shaped like the weights: for training example `i`, or the mean over
    /// the whole training set (penalty left out) when `i` is None.
    pub fn gradient(&mut self, i: Option<usize>) -> Vec<Vec<f64>> {
        let n = self.train.len();
        match i {
            Some(i) => self.gradient_over(i.min(n)..(i + 1).min(n)),
            None => self.gradient_over(0..n),
        }
    }

    /// ∂ℓ/∂w averaged over at most the first `limit` training examples (all of them when the set
    /// is smaller): the whole set's gradient, within a budget.
    pub fn mean_gradient(&mut self, limit: usize) -> Vec<Vec<f64>> {
        self.gradient_over(0..limit.min(self.train.len()))
    }

    fn gradient_over(&mut self, range: std::ops::Range<usize>) -> Vec<Vec<f64>> {
        let mut gradients = self.mlp.zero_gradients();
        let n = range.len().max(1) as f64;
        for (x, y) in &self.train[range] {
            let outputs = self.mlp.forward(x, &mut self.cache);
            self.config
                .loss
                .evaluate(outputs, *y, &mut self.output_gradient);
            self.mlp.backward(
                &self.cache,
                &self.output_gradient,
                &mut gradients,
                &mut self.scratch,
            );
        }
        for g in gradients.iter_mut().flatten() {
            *g /= n;
        }
        gradients
    }

    /// Each layer's pre-activations a^l over the first `limit` training examples, for histograms
    /// that show saturated and dead units: `result[l]` lists layer l+1's values, unit by unit
    /// within each example.
    pub fn pre_activations(&mut self, limit: usize) -> Vec<Vec<f64>> {
        let count = limit.min(self.train.len());
        let mut out: Vec<Vec<f64>> = self
            .mlp
            .layers
            .iter()
            .map(|l| Vec::with_capacity(count * l.outputs))
            .collect();
        for (x, _) in &self.train[..count] {
            self.mlp.forward(x, &mut self.cache);
            for (values, a) in out.iter_mut().zip(&self.cache.activations) {
                values.extend_from_slice(a);
            }
        }
        out
    }

    fn batch_size(&self) -> usize {
        match self.config.batch_size {
            0 => self.train.len(),
            b => b.min(self.train.len()),
        }
    }

    /// One optimiser step on the next batch; returns the batch's mean loss. Finishing an epoch
    /// records it and reshuffles.
    pub fn step(&mut self) -> f64 {
        if self.status != Status::Running || self.train.is_empty() {
            return f64::NAN;
        }
        let end = (self.position + self.batch_size()).min(self.train.len());
        let batch = end - self.position;
        for g in &mut self.gradients {
            g.iter_mut().for_each(|v| *v = 0.0);
        }
        let mut total = 0.0;
        for &k in &self.order[self.position..end] {
            let (x, y) = &self.train[k];
            let outputs = self.mlp.forward(x, &mut self.cache);
            total += self
                .config
                .loss
                .evaluate(outputs, *y, &mut self.output_gradient);
            self.mlp.backward_into(
                &self.cache,
                &self.output_gradient,
                &mut self.scratch,
                &mut self.batch,
                &mut self.gradients,
            );
        }
        self.mlp.accumulate(&mut self.batch, &mut self.gradients);
        let mean = total / batch as f64 + self.penalty();
        if !mean.is_finite() {
            self.status = Status::Diverged(format!(
                "the loss became {} at step {}: {}",
                if mean.is_nan() { "NaN" } else { "infinite" },
                self.steps + 1,
                self.remedy()
            ));
            return mean;
        }
        self.update(batch);
        self.position = end;
        if self.position >= self.train.len() {
            self.position = 0;
            self.epochs += 1;
            self.rng.shuffle(&mut self.order);
            if !self.record_epochs {
                return mean;
            }
            let record = self.record();
            if !record.train_loss.is_finite() {
                self.status = Status::Diverged(format!(
                    "the training loss became {} after epoch {}: {}",
                    record.train_loss,
                    self.epochs,
                    self.remedy()
                ));
            }
            self.history.push(record);
            self.warning = self.diagnose();
        }
        mean
    }

    /// Why the learning rate looks too large although the loss is still finite: the loss stayed
    /// above where it started for [`UNSETTLED`] epochs, rose that long in a row, went up and down
    /// that long without falling, or stopped moving well above its minimum with the hidden units
    /// saturated (their φ′ near 0, so no gradient passes). Read from the recorded epochs (and
    /// the units, when the loss is flat); `None` while training looks healthy.
    fn diagnose(&mut self) -> Option<String> {
        let losses: Vec<f64> = self.history.iter().map(|e| e.train_loss).collect();
        let start = *losses.first()?;
        let recent = losses.get(losses.len().checked_sub(UNSETTLED + 1)?..)?;
        let eta = self.config.learning_rate;
        let advice = format!(
            "the learning rate (now {eta}) is too large for this network: lower it and reset"
        );
        let shown = |v: f64| crate::render::number::plain(v, 4);
        if recent[1..].iter().all(|&l| l > start) {
            return Some(format!(
                "the training loss has stayed above where it started ({}) for {UNSETTLED} epochs: {advice}",
                shown(start)
            ));
        }
        let steps: Vec<f64> = recent.windows(2).map(|w| w[1] - w[0]).collect();
        if steps.iter().all(|&d| d > 0.0) {
            return Some(format!(
                "the training loss rose for {UNSETTLED} epochs in a row: {advice}"
            ));
        }
        let turns = steps.windows(2).filter(|d| d[0] * d[1] < 0.0).count();
        let level = recent[UNSETTLED];
        let moved = recent.iter().fold(0.0f64, |m, &l| m.max((l - level).abs()));
        if turns * 3 >= UNSETTLED * 2 && level >= recent[0] && moved > 1e-3 * start {
            return Some(format!(
                "the training loss went up and down for {UNSETTLED} epochs without falling: {advice}"
            ));
        }
        if moved <= 1e-3 * start && level > 0.5 * start {
            let saturated = self.saturation();
            if saturated >= 0.9 {
                return Some(format!(
                    "the training loss has not moved from {} for {UNSETTLED} epochs and {:.0}% of the hidden units' inputs are where φ′ is near 0 (saturated), so almost no gradient passes: {advice}",
                    shown(level),
                    100.0 * saturated
                ));
            }
        }
        None
    }

    /// The share of hidden units' pre-activations (over up to 200 training points) where the
    /// unit's φ′ is below 0.01: saturated tanh and sigmoid units, dead ReLUs.
    fn saturation(&mut self) -> f64 {
        let hidden = self.mlp.layers.len().saturating_sub(1);
        let layers: Vec<Activation> = self.mlp.layers[..hidden]
            .iter()
            .map(|l| l.activation)
            .collect();
        let values = self.pre_activations(200);
        let (mut flat, mut all) = (0usize, 0usize);
        for (a, activation) in values.iter().zip(&layers) {
            all += a.len();
            flat += a
                .iter()
                .filter(|&&v| activation.derivative(v).abs() < 0.01)
                .count();
        }
        if all == 0 {
            0.0
        } else {
            flat as f64 / all as f64
        }
    }

    /// Steps until the current epoch ends (or training stops).
    pub fn run_epoch(&mut self) {
        let epoch = self.epochs;
        while self.epochs == epoch && self.status == Status::Running && !self.train.is_empty() {
            self.step();
        }
    }

    /// What most likely made the loss stop being finite, and what to change: the setting to
    /// blame, not always the learning rate.
    fn remedy(&self) -> String {
        let weights = || self.mlp.layers.iter().flat_map(|l| l.weights.iter());
        if self.steps == 0 {
            // Not a step has been taken: the starting point itself is out of range.
            let largest = weights().fold(0.0f64, |m, w| m.max(w.abs()));
            return format!(
                "the network's output is not finite before any step (its largest weight is {largest:e}): reset the weights"
            );
        }
        let eta = self.config.learning_rate;
        let (name, rate) = match self.config.regularization {
            Regularization::L1 { rate } => ("L1", rate),
            Regularization::L2 { rate } => ("L2", rate),
            Regularization::None => ("", 0.0),
        };
        // A penalty whose pull on a weight in one step exceeds the weight overshoots every step.
        if rate * eta >= 1.0 || !self.penalty().is_finite() {
            return format!(
                "lower the {name} rate (now {rate}): at this learning rate its pull on each weight outweighs the weight itself; then reset"
            );
        }
        format!("lower the learning rate (now {eta}) and reset")
    }

    fn penalty(&self) -> f64 {
        let weights = self.mlp.layers.iter().flat_map(|l| &l.weights[l.outputs..]);
        match self.config.regularization {
            Regularization::None => 0.0,
            Regularization::L1 { rate } => rate * weights.map(|w| w.abs()).sum::<f64>(),
            Regularization::L2 { rate } => rate * weights.map(|w| w * w).sum::<f64>(),
        }
    }

    fn update(&mut self, batch: usize) {
        self.steps += 1;
        let rate = match self.config.schedule {
            Schedule::Constant => self.config.learning_rate,
            Schedule::Linear { end, steps } => {
                let progress = (self.steps - 1) as f64 / steps.max(1) as f64;
                self.config.learning_rate * (1.0 - (1.0 - end) * progress.min(1.0))
            }
        };
        let scale = 1.0 / batch as f64;
        let optimizer = self.config.optimizer;
        let corrections = optimizer.corrections(self.steps as i32);
        for (l, layer) in self.mlp.layers.iter_mut().enumerate() {
            // The batch's mean gradient, in place, and the penalty's for weights (not biases).
            let (biases, weights) = self.gradients[l].split_at_mut(layer.outputs);
            biases.iter_mut().for_each(|g| *g *= scale);
            let ws = &layer.weights[layer.outputs..];
            match self.config.regularization {
                Regularization::None => weights.iter_mut().for_each(|g| *g *= scale),
                Regularization::L1 { rate } => {
                    for (g, w) in weights.iter_mut().zip(ws) {
                        *g = *g * scale + rate * w.signum();
                    }
                }
                Regularization::L2 { rate } => {
                    for (g, w) in weights.iter_mut().zip(ws) {
                        *g = *g * scale + 2.0 * rate * w;
                    }
                }
            }
            optimizer.apply_all(
                &mut layer.weights,
                &self.gradients[l],
                rate,
                (&mut self.first[l], &mut self.second[l]),
                corrections,
            );
        }
    }

    /// Mean loss and accuracy of the current network on `data` (accuracy NaN for regression).
    fn evaluate(&mut self, which: Which) -> (f64, f64) {
        let data = match which {
            Which::Train => &self.train,
            Which::Test => &self.test,
        };
        if data.is_empty() {
            return (f64::NAN, f64::NAN);
        }
        let (mut loss, mut right) = (0.0, 0usize);
        for (x, y) in data {
            let outputs = self.mlp.forward(x, &mut self.cache);
            loss += self
                .config
                .loss
                .evaluate(outputs, *y, &mut self.output_gradient);
            right += usize::from(self.config.loss.correct(outputs, *y));
        }
        let n = data.len() as f64;
        let accuracy = if self.regression {
            f64::NAN
        } else {
            right as f64 / n
        };
        (loss / n, accuracy)
    }

    /// Losses and accuracies of the network as it is now, recorded at the current epoch (so a
    /// chart can start from the initial weights).
    pub fn record_now(&mut self) {
        let record = self.record();
        self.history.push(record);
    }

    fn record(&mut self) -> EpochRecord {
        let (train_loss, train_accuracy) = self.evaluate(Which::Train);
        let (test_loss, test_accuracy) = self.evaluate(Which::Test);
        EpochRecord {
            epoch: self.epochs,
            train_loss: train_loss + self.penalty(),
            test_loss,
            train_accuracy,
            test_accuracy,
        }
    }
}

#[derive(Clone, Copy)]
enum Which {
    Train,
    Test,
}

/// The network's first output over a `size`×`size` grid of the plane [low, high]², row by row
/// from the top (y = high) — for decision boundaries. Raw inputs become features as in training.
pub fn grid(mlp: &Mlp, chosen: &[Feature], low: f64, high: f64, size: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(size * size);
    over_grid(mlp, chosen, low, high, size, |outputs| {
        out.push(outputs[mlp.layers.len()][0])
    });
    out
}

/// Every unit's output h^l_j over the same grid as [`grid`], for each neuron's own map:
/// `maps[l][j]` holds layer l+1's unit j+1 (the last layer is the output).
pub fn unit_maps(
    mlp: &Mlp,
    chosen: &[Feature],
    low: f64,
    high: f64,
    size: usize,
) -> Vec<Vec<Vec<f64>>> {
    let mut maps: Vec<Vec<Vec<f64>>> = mlp
        .layers
        .iter()
        .map(|l| vec![Vec::with_capacity(size * size); l.outputs])
        .collect();
    over_grid(mlp, chosen, low, high, size, |outputs| {
        for (layer_maps, h) in maps.iter_mut().zip(&outputs[1..]) {
            for (map, &v) in layer_maps.iter_mut().zip(h) {
                map.push(v);
            }
        }
    });
    maps
}

/// Every unit's output along the line x ∈ [low, high] for a network of one input (a 1-D fit):
/// `curves[l][j]` holds `size` values, shaped as [`unit_maps`]'s.
pub fn unit_curves(mlp: &Mlp, low: f64, high: f64, size: usize) -> Vec<Vec<Vec<f64>>> {
    let mut curves: Vec<Vec<Vec<f64>>> = mlp
        .layers
        .iter()
        .map(|l| vec![Vec::with_capacity(size); l.outputs])
        .collect();
    let mut cache = mlp.cache();
    let step = (high - low) / (size.max(2) - 1) as f64;
    for k in 0..size {
        mlp.forward(&[low + k as f64 * step], &mut cache);
        for (layer_curves, h) in curves.iter_mut().zip(&cache.outputs[1..]) {
            for (curve, &v) in layer_curves.iter_mut().zip(h) {
                curve.push(v);
            }
        }
    }
    curves
}

/// Runs the network at each grid point, top row first, handing every layer's outputs to `visit`.
fn over_grid(
    mlp: &Mlp,
    chosen: &[Feature],
    low: f64,
    high: f64,
    size: usize,
    mut visit: impl FnMut(&[Vec<f64>]),
) {
    let mut cache = mlp.cache();
    let step = (high - low) / (size.max(2) - 1) as f64;
    let mut input = Vec::with_capacity(chosen.len().max(2));
    for row in 0..size {
        let y = high - row as f64 * step;
        for col in 0..size {
            let x = low + col as f64 * step;
            input.clear();
            if chosen.is_empty() {
                input.extend_from_slice(&[x, y]);
            } else {
                input.extend(chosen.iter().map(|f| f.value(&[x, y])));
            }
            mlp.forward(&input, &mut cache);
            visit(&cache.outputs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::activation::Activation;
    use crate::nn::data::{DataSpec, Generator};
    use crate::nn::mlp::Init;

    #[test]
    fn too_large_a_learning_rate_is_named_even_when_the_loss_stays_finite() {
        use crate::nn::setup::Setup;
        for (rate, warned) in [
            (0.03, false),
            (0.3, false),
            (10.0, true),
            (100.0, true),
            (1000.0, true),
        ] {
            let setup = Setup {
                learning_rate: rate,
                ..Setup::default()
            };
            let (_, mut trainer) = setup.build().unwrap();
            trainer.record_now();
            for _ in 0..40 {
                trainer.run_epoch();
            }
            assert_eq!(trainer.status, Status::Running, "rate {rate}");
            let warning = trainer.warning.clone();
            assert_eq!(warning.is_some(), warned, "rate {rate}: {warning:?}");
            if let Some(w) = warning {
                assert!(w.contains(&format!("now {rate}")), "{w}");
            }
        }
    }

    #[test]
    fn training_carried_on_elsewhere_from_its_progress_comes_back_bit_for_bit() {
        use crate::nn::setup::Setup;
        let setup = Setup {
            optimizer: Optimizer::ADAM,
            batch_size: 7,
            ..Setup::default()
        };
        let (data, mut here) = setup.build().unwrap();
        let (_, mut elsewhere) = setup.build().unwrap();
        for _ in 0..60 {
            here.step();
        }
        // Another trainer (a worker's) takes over halfway through an epoch and hands back.
        for _ in 0..25 {
            elsewhere.step();
        }
        let mut worker = Trainer::new(setup.build().unwrap().1.mlp, &data, setup.config());
        worker.resume(elsewhere.progress()).unwrap();
        worker.history = elsewhere.history.clone();
        for _ in 25..60 {
            worker.step();
        }
        elsewhere.resume(worker.progress()).unwrap();
        elsewhere.history = worker.history.clone();
        assert_eq!(elsewhere.progress(), here.progress());
        assert_eq!(elsewhere.history, here.history);
        assert!(here.epoch() >= 1 && here.steps() == 60);
        // A network of another shape is refused and leaves the trainer as it was.
        let other = Setup {
            hidden: vec![(3, Activation::Tanh)],
            ..setup.clone()
        };
        let before = here.progress();
        assert!(here.resume(other.build().unwrap().1.progress()).is_none());
        assert_eq!(here.progress(), before);
    }

    #[test]
    fn the_mean_gradient_is_the_mean_of_the_examples_gradients() {
        let mut trainer = w1();
        let n = trainer.train_size();
        let mean = trainer.gradient(None);
        let mut total = trainer.mlp.zero_gradients();
        for i in 0..n {
            for (t, g) in total
                .iter_mut()
                .flatten()
                .zip(trainer.gradient(Some(i)).iter().flatten())
            {
                *t += g / n as f64;
            }
        }
        for (a, b) in mean.iter().flatten().zip(total.iter().flatten()) {
            assert!((a - b).abs() < 1e-12);
        }
        assert!(mean.iter().flatten().any(|g| g.abs() > 1e-6));
        let pre = trainer.pre_activations(50);
        assert_eq!(pre.len(), 3);
        assert_eq!(pre[0].len(), 50 * 4);
        let (x, _) = trainer.example(0).unwrap();
        let h = &trainer.mlp.layers[0];
        let a = h.weight(0, 2) + h.weight(1, 2) * x[0] + h.weight(2, 2) * x[1];
        assert!((pre[0][1] - a).abs() < 1e-12);
    }

    /// TensorFlow Playground's default (the W1), with epoch records on.
    fn w1() -> Trainer {
        crate::nn::workload::w1().trainer
    }

    #[test]
    fn playgrounds_default_learns_the_circle() {
        let mut trainer = w1();
        for _ in 0..100 {
            trainer.run_epoch();
        }
        let last = trainer.history.last().unwrap();
        assert_eq!(trainer.history.len(), 100);
        assert!(last.test_accuracy >= 0.95, "{last:?}");
        assert!(last.train_loss < trainer.history[0].train_loss);
    }

    #[test]
    fn a_diverging_run_stops_with_a_suggestion() {
        let data = DataSpec {
            generator: Generator::Plane,
            points: 200,
            noise: 0.0,
            train_fraction: 0.5,
            seed: 1,
        }
        .generate()
        .unwrap();
        let mlp = Mlp::new(
            2,
            &[(8, Activation::Linear)],
            1,
            Activation::Linear,
            Init::Xavier,
            3,
        );
        let mut trainer = Trainer::new(
            mlp,
            &data,
            TrainConfig {
                learning_rate: 1e3,
                ..w1().config
            },
        );
        for _ in 0..20 {
            trainer.run_epoch();
        }
        match &trainer.status {
            Status::Diverged(message) => {
                assert!(message.contains("lower the learning rate"), "{message}")
            }
            Status::Running => panic!("a learning rate of 1000 on linear units must diverge"),
        }
        let steps = trainer.steps();
        trainer.step();
        assert_eq!(trainer.steps(), steps, "a stopped trainer does not move");
    }

    #[test]
    fn divergence_blames_the_setting_that_caused_it() {
        let diverge = |trainer: &mut Trainer| {
            for _ in 0..20 {
                trainer.run_epoch();
            }
            match &trainer.status {
                Status::Diverged(message) => message.clone(),
                Status::Running => panic!("expected to diverge"),
            }
        };
        let data = crate::nn::workload::w1_data();
        let mut penalised = Trainer::new(
            w1().mlp,
            &data,
            TrainConfig {
                regularization: Regularization::L1 { rate: 1e300 },
                ..w1().config
            },
        );
        let message = diverge(&mut penalised);
        assert!(message.contains("lower the L1 rate"), "{message}");
        let mut huge = Mlp::new(
            2,
            &[(4, Activation::Linear)],
            1,
            Activation::Linear,
            Init::Xavier,
            1,
        );
        huge.layers
            .iter_mut()
            .for_each(|l| l.weights.iter_mut().for_each(|w| *w = 1e308));
        let mut trainer = Trainer::new(huge, &data, w1().config);
        let message = diverge(&mut trainer);
        assert!(message.contains("before any step"), "{message}");
        assert!(!message.contains("learning rate"), "{message}");
    }

    #[test]
    fn adam_and_momentum_learn_xor_with_product_features() {
        for optimizer in [
            Optimizer::Adam {
                beta1: 0.9,
                beta2: 0.999,
                epsilon: 1e-8,
            },
            Optimizer::Momentum { beta: 0.9 },
        ] {
            let data = DataSpec {
                generator: Generator::Xor,
                points: 400,
                noise: 0.0,
                train_fraction: 0.5,
                seed: 2,
            }
            .generate()
            .unwrap();
            let mlp = Mlp::new(1, &[], 1, Activation::Sigmoid, Init::Xavier, 1);
            let config = TrainConfig {
                loss: Loss::BinaryCrossEntropy,
                optimizer,
                learning_rate: 0.05,
                schedule: Schedule::Constant,
                batch_size: 32,
                regularization: Regularization::L2 { rate: 1e-4 },
                features: vec![Feature::X1X2],
                seed: 1,
            };
            let mut trainer = Trainer::new(mlp, &data, config);
            for _ in 0..30 {
                trainer.run_epoch();
            }
            assert!(
                trainer.history.last().unwrap().test_accuracy > 0.97,
                "{optimizer:?}"
            );
        }
    }

    #[test]
    fn every_units_map_matches_a_forward_pass() {
        let mlp = Mlp::new(
            2,
            &[(3, Activation::Tanh)],
            1,
            Activation::Sigmoid,
            Init::Xavier,
            2,
        );
        let maps = unit_maps(&mlp, &[], -2.0, 2.0, 4);
        assert_eq!(maps.len(), 2);
        assert_eq!(maps[0].len(), 3);
        let mut cache = mlp.cache();
        // The point in row 1, column 2 of a 4×4 grid on [-2, 2]² is (2/3, 2/3).
        let third = 2.0 / 3.0;
        mlp.forward(&[third, third], &mut cache);
        let row_1_column_2 = 4 + 2;
        for (map, &h) in maps[0].iter().zip(&cache.outputs[1]) {
            assert!((map[row_1_column_2] - h).abs() < 1e-12);
        }
        assert_eq!(maps[1][0], grid(&mlp, &[], -2.0, 2.0, 4));
    }

    #[test]
    fn the_grid_runs_from_the_top_left() {
        let mlp = Mlp::new(
            2,
            &[],
            1,
            Activation::Linear,
            Init::Uniform { scale: 0.5 },
            1,
        );
        let mut linear = mlp.clone();
        linear.layers[0].weights = vec![0.0, 1.0, 0.0];
        let g = grid(&linear, &[], -1.0, 1.0, 3);
        assert_eq!(g, [-1.0, 0.0, 1.0, -1.0, 0.0, 1.0, -1.0, 0.0, 1.0]);
    }
}
