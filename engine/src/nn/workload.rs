//! The three speed workloads, defined once so the native benchmark, the WebAssembly benchmark and
//! the peers' scripts all run the same work:
//!
//! - W1, TensorFlow Playground's default: circle, 500 points, noise 0, half for training;
//!   2-4-2-1 with tanh everywhere; ½(y - ŷ)²; SGD 0.03, batch 10; 100 epochs.
//! - W2, micrograd's demo: two moons, 100 points, noise 0.1, labels ±1; 2-16-16-1, ReLU hidden,
//!   linear output; hinge loss + 1e-4·Σw²; full batch; SGD with rate 1 - 0.9·k/100; 100 steps.
//! - W3, wide: spiral, 1000 points (half for training); 2-64-64-1, tanh hidden, sigmoid output;
//!   binary cross-entropy; Adam 0.01, batch 32; 20 epochs.

use super::activation::Activation;
use super::data::{DataSpec, Generator};
use super::loss::Loss;
use super::mlp::{Init, Mlp};
use super::train::{Optimizer, Regularization, Schedule, TrainConfig, Trainer};

/// A workload ready to run.
#[derive(Clone, Debug)]
pub struct Workload {
    /// W1, W2 or W3.
    pub name: &'static str,
    /// The trainer, at its start.
    pub trainer: Trainer,
    /// Optimiser steps to take.
    pub steps: usize,
    /// Whether quality is judged on the training set (W2) rather than the test set.
    pub judged_on_training: bool,
    /// The accuracy the workload must reach.
    pub target: f64,
}

/// What a run of a workload did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    /// Forward and backward passes of one sample each.
    pub sample_passes: usize,
    /// The accuracy the workload is judged on.
    pub accuracy: f64,
}

impl Workload {
    /// Floating-point operations in one sample's forward and backward pass: per layer, the
    /// forward multiply-adds and bias, the activation derivative, the weight and bias gradients,
    /// and (above the first layer) the message to the layer below. Activation functions
    /// themselves count 1.
    pub fn flops_per_pass(&self) -> usize {
        self.trainer
            .mlp
            .layers
            .iter()
            .enumerate()
            .map(|(l, layer)| {
                let (i, o) = (layer.inputs, layer.outputs);
                let forward = 2 * i * o + o + o;
                let backward = o + 2 * i * o + o + if l > 0 { 2 * i * o } else { 0 };
                forward + backward
            })
            .sum()
    }

    /// Runs it to the end: training only, as the peers do (no per-epoch evaluation).
    pub fn run(&mut self) -> Outcome {
        self.trainer.record_epochs = false;
        let mut passes = 0;
        let batch = match self.trainer.config.batch_size {
            0 => usize::MAX,
            b => b,
        };
        let train_size = self.trainer.train_size();
        let mut position = 0;
        for _ in 0..self.steps {
            let size = batch.min(train_size - position);
            self.trainer.step();
            passes += size;
            position = (position + size) % train_size;
        }
        let accuracy = self.trainer.accuracy(self.judged_on_training);
        Outcome {
            sample_passes: passes,
            accuracy,
        }
    }
}

fn config(loss: Loss, optimizer: Optimizer, learning_rate: f64, batch_size: usize) -> TrainConfig {
    TrainConfig {
        loss,
        optimizer,
        learning_rate,
        schedule: Schedule::Constant,
        batch_size,
        regularization: Regularization::None,
        features: vec![],
        seed: 1,
    }
}

fn data(
    generator: Generator,
    points: usize,
    noise: f64,
    train_fraction: f64,
) -> super::data::DataSet {
    let spec = DataSpec {
        generator,
        points,
        noise,
        train_fraction,
        seed: 1,
    };
    spec.generate()
        .unwrap_or_else(|e| unreachable!("the workloads' data sets are fixed and valid: {e}"))
}

/// W1's data: Playground's circle, 500 points, no noise, half for training.
pub fn w1_data() -> super::data::DataSet {
    data(Generator::Circle, 500, 0.0, 0.5)
}

/// W1, TensorFlow Playground's default.
pub fn w1() -> Workload {
    let data = w1_data();
    let mlp = Mlp::new(
        2,
        &[(4, Activation::Tanh), (2, Activation::Tanh)],
        1,
        Activation::Tanh,
        Init::Xavier,
        1,
    );
    let trainer = Trainer::new(
        mlp,
        &data,
        config(Loss::SquaredError, Optimizer::Sgd, 0.03, 10),
    );
    Workload {
        name: "W1",
        trainer,
        steps: 100 * 25,
        judged_on_training: false,
        target: 0.95,
    }
}

/// W2's data: two moons, 100 points, noise 0.1, all for training.
pub fn w2_data() -> super::data::DataSet {
    data(Generator::Moons, 100, 0.1, 1.0)
}

/// W2, micrograd's demo.
pub fn w2() -> Workload {
    let data = w2_data();
    let mlp = Mlp::new(
        2,
        &[(16, Activation::Relu), (16, Activation::Relu)],
        1,
        Activation::Linear,
        Init::Uniform { scale: 1.0 },
        1,
    );
    let mut config = config(Loss::Hinge, Optimizer::Sgd, 1.0, 0);
    config.schedule = Schedule::Linear {
        end: 0.1,
        steps: 100,
    };
    config.regularization = Regularization::L2 { rate: 1e-4 };
    let trainer = Trainer::new(mlp, &data, config);
    Workload {
        name: "W2",
        trainer,
        steps: 100,
        judged_on_training: true,
        target: 0.95,
    }
}

/// W3's data: the spiral, 1000 points, half for training.
pub fn w3_data() -> super::data::DataSet {
    data(Generator::Spiral, 1000, 0.0, 0.5)
}

/// W3, wide.
pub fn w3() -> Workload {
    let data = w3_data();
    let mlp = Mlp::new(
        2,
        &[(64, Activation::Tanh), (64, Activation::Tanh)],
        1,
        Activation::Sigmoid,
        Init::Uniform { scale: 0.5 },
        1,
    );
    let adam = Optimizer::Adam {
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    };
    let trainer = Trainer::new(mlp, &data, config(Loss::BinaryCrossEntropy, adam, 0.01, 32));
    Workload {
        name: "W3",
        trainer,
        steps: 20 * 16,
        judged_on_training: false,
        target: 0.85,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workload_reaches_its_quality() {
        for mut workload in [w1(), w2(), w3()] {
            let outcome = workload.run();
            assert!(
                outcome.accuracy >= workload.target,
                "{}: {}",
                workload.name,
                outcome.accuracy
            );
        }
    }

    #[test]
    fn sample_passes_count_the_work() {
        assert_eq!(w1().run().sample_passes, 25_000);
        assert_eq!(w2().run().sample_passes, 10_000);
        assert_eq!(w3().run().sample_passes, 10_000);
    }
}
