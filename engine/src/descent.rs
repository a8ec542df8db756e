//! Gradient descent on an expression: the update phase that follows the backward pass. The
//! variables marked as parameters move against their adjoints by the optimiser training uses
//! ([`Optimizer::update`]), one iteration at a time; the function's value is kept for each
//! iteration, so a chart can show the loss fall (or not).

use std::collections::{BTreeMap, BTreeSet};

use crate::graph::{Graph, NodeId};
use crate::nn::train::Optimizer;
use crate::nn::update::{Moments, Update};
use crate::trace::{evaluate, Trace};

/// The learning rate an update phase starts with.
pub const DEFAULT_RATE: f64 = 0.1;

/// The most iterations a loss chart keeps (the oldest are dropped past it).
pub const MAX_HISTORY: usize = 1000;

/// Gradient descent on one expression: which variables learn, how, and how it has gone.
#[derive(Clone, Debug, PartialEq)]
pub struct Descent {
    /// How the parameters move along the gradient.
    pub optimizer: Optimizer,
    /// η
    pub rate: f64,
    /// The variables that learn, by name.
    pub parameters: BTreeSet<String>,
    /// Each parameter's optimiser state, by name (absent: zero).
    moments: BTreeMap<String, Moments>,
    /// Updates made since the optimiser's state started (Adam's t is one more).
    made: usize,
    /// The function's value before the first iteration and after each, at most [`MAX_HISTORY`].
    losses: Vec<f64>,
    /// Iterations made in all.
    iterations: usize,
    /// Every parameter's value before the first iteration, to start again from.
    start: BTreeMap<String, f64>,
}

/// One parameter's update: its node and the update the optimiser makes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParameterUpdate {
    /// The parameter's input node.
    pub node: NodeId,
    /// The optimiser's state before the update.
    pub prior: Moments,
    /// What the optimiser does to it.
    pub update: Update,
}

/// What one iteration did.
#[derive(Clone, Debug, PartialEq)]
pub struct Iteration {
    /// Each parameter's update, in the graph's input order.
    pub updates: Vec<ParameterUpdate>,
    /// Every input's value after the iteration, in the graph's input order.
    pub inputs: Vec<f64>,
    /// The function's value before.
    pub before: f64,
    /// The function's value after.
    pub after: f64,
}

/// Whether a variable's name reads as a parameter: a weight or a bias (`w1`, `w^{1}_{0,1}`, `b`,
/// `θ`), not an input (`x1`) or a target (`y`).
fn reads_as_parameter(name: &str) -> bool {
    name.starts_with(['w', 'b', 'θ'])
}

impl Descent {
    /// Descent by `optimizer` at rate `rate`, learning `parameters`.
    pub fn new(
        optimizer: Optimizer,
        rate: f64,
        parameters: impl IntoIterator<Item = String>,
    ) -> Descent {
        // Inserted one by one: `collect` would sort first, with a sort of its own.
        let mut learned = BTreeSet::new();
        learned.extend(parameters);
        Descent {
            optimizer,
            rate,
            parameters: learned,
            moments: BTreeMap::new(),
            made: 0,
            losses: Vec::new(),
            iterations: 0,
            start: BTreeMap::new(),
        }
    }

    /// The variables that learn unless the user says otherwise: the weights and biases where the
    /// names say which they are (a neuron's `w0, w1, w2`; a network's `w^{l}_{i,j}`), else every
    /// variable (minimising f over x).
    pub fn default_parameters(graph: &Graph) -> Vec<String> {
        let names: Vec<String> = graph
            .inputs()
            .iter()
            .map(|&id| graph.name(id).to_string())
            .collect();
        let weights: Vec<String> = names
            .iter()
            .filter(|n| reads_as_parameter(n))
            .cloned()
            .collect();
        if weights.is_empty() || weights.len() == names.len() {
            names
        } else {
            weights
        }
    }

    /// Iterations made so far.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// The function's value before the first iteration and after each (the last
    /// [`MAX_HISTORY`]), with the number of the first one kept.
    pub fn losses(&self) -> (usize, &[f64]) {
        (self.iterations + 1 - self.losses.len().max(1), &self.losses)
    }

    /// The optimiser's state of parameter `name` before the next update.
    pub fn moments(&self, name: &str) -> Moments {
        self.moments.get(name).copied().unwrap_or_default()
    }

    /// Adam's t of the next update (from 1).
    pub fn t(&self) -> usize {
        self.made + 1
    }

    /// Changes the optimiser; its state starts again from zero (momentum's velocity and Adam's
    /// moments mean nothing to another optimiser).
    pub fn set_optimizer(&mut self, optimizer: Optimizer) {
        if optimizer != self.optimizer {
            self.optimizer = optimizer;
            self.moments.clear();
            self.made = 0;
        }
    }

    /// The updates the next iteration makes, in the graph's input order, from `trace` (the
    /// backward pass at the current values).
    pub fn updates(&self, graph: &Graph, trace: &Trace) -> Vec<ParameterUpdate> {
        let t = i32::try_from(self.t()).unwrap_or(i32::MAX);
        graph
            .inputs()
            .iter()
            .filter(|&&id| self.parameters.contains(graph.name(id)))
            .map(|&id| {
                let prior = self.moments(graph.name(id));
                let mut moments = prior;
                ParameterUpdate {
                    node: id,
                    prior,
                    update: self.optimizer.update(
                        trace.value(id),
                        trace.adjoint(id),
                        self.rate,
                        &mut moments,
                        t,
                    ),
                }
            })
            .collect()
    }

    /// Makes one iteration from `trace`: every parameter updated, the optimiser's state moved on,
    /// the function evaluated at the new values and recorded.
    pub fn iterate(&mut self, graph: &Graph, trace: &Trace) -> Iteration {
        let updates = self.updates(graph, trace);
        let mut inputs: Vec<f64> = graph.inputs().iter().map(|&id| trace.value(id)).collect();
        for (slot, &id) in graph.inputs().iter().enumerate() {
            if let Some(u) = updates.iter().find(|u| u.node == id) {
                let name = graph.name(id);
                self.start
                    .entry(name.to_string())
                    .or_insert(u.update.before);
                self.moments.insert(name.to_string(), u.update.moments);
                inputs[slot] = u.update.after;
            }
        }
        let before = trace.output_value();
        let after = evaluate(graph, &inputs)
            .get(graph.output().index())
            .copied()
            .unwrap_or(f64::NAN);
        if self.losses.is_empty() {
            self.losses.push(before);
        }
        self.losses.push(after);
        if self.losses.len() > MAX_HISTORY {
            self.losses.remove(0);
        }
        self.made += 1;
        self.iterations += 1;
        Iteration {
            updates,
            inputs,
            before,
            after,
        }
    }

    /// Starts again: the parameters' values before the first iteration (to set back), and the
    /// optimiser's state and the history cleared.
    pub fn restart(&mut self) -> BTreeMap<String, f64> {
        self.moments.clear();
        self.made = 0;
        self.iterations = 0;
        self.losses.clear();
        std::mem::take(&mut self.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Sharing;
    use crate::nn::activation::Activation;
    use crate::nn::data::{DataSet, Sample, Task};
    use crate::nn::expand::expand;
    use crate::nn::loss::Loss;
    use crate::nn::mlp::{Init, Mlp};
    use crate::nn::train::{Regularization, Schedule, TrainConfig, Trainer};

    fn graph(source: &str) -> Graph {
        Graph::parse(source, Sharing::Merged).unwrap()
    }

    #[test]
    fn the_first_steps_are_the_ones_worked_by_hand() {
        // f = (w - 3)², w = 0.5: ∂f/∂w = 2(w - 3) = -5.
        let g = graph("(w - 3)^2");
        let trace = Trace::with_inputs(&g, &[0.5]);
        let mut sgd = Descent::new(Optimizer::Sgd, 0.1, ["w".to_string()]);
        let it = sgd.iterate(&g, &trace);
        // w ← 0.5 - 0.1 × -5 = 1; f: 6.25 → 4.
        assert_eq!(
            (it.updates[0].update.after, it.before, it.after),
            (1.0, 6.25, 4.0)
        );

        let mut momentum = Descent::new(Optimizer::Momentum { beta: 0.5 }, 0.1, ["w".into()]);
        let first = momentum.iterate(&g, &trace);
        assert_eq!(first.inputs, [1.0]);
        // Second step at w = 1: g = -4, v = 0.5 × -5 + -4 = -6.5, w = 1 + 0.65 = 1.65.
        let second = momentum.iterate(&g, &Trace::with_inputs(&g, &first.inputs));
        let u = second.updates[0].update;
        assert_eq!(u.moments.first, -6.5);
        assert!((u.after - 1.65).abs() < 1e-15);

        // Adam's first step is η·sign(g), its second from m̂ and v̂ corrected at t = 2.
        let mut adam = Descent::new(Optimizer::ADAM, 0.1, ["w".into()]);
        let first = adam.iterate(&g, &trace);
        assert!((first.inputs[0] - 0.6).abs() < 1e-8);
        let second = adam.iterate(&g, &Trace::with_inputs(&g, &first.inputs));
        let g2 = 2.0 * (first.inputs[0] - 3.0);
        let m = 0.9 * 0.1 * -5.0 + 0.1 * g2;
        let v = 0.999 * 0.001 * 25.0 + 0.001 * g2 * g2;
        let (m_hat, v_hat) = (m / (1.0 - 0.81), v / (1.0 - 0.999f64.powi(2)));
        let (shown_m, shown_v) = second.updates[0].update.corrected.unwrap();
        assert!((shown_m - m_hat).abs() < 1e-12 && (shown_v - v_hat).abs() < 1e-12);
        let expected = first.inputs[0] - 0.1 * m_hat / (v_hat.sqrt() + 1e-8);
        assert!((second.inputs[0] - expected).abs() < 1e-12);
        assert_eq!(adam.losses(), (0, &[6.25, first.after, second.after][..]));
    }

    #[test]
    fn only_the_parameters_move_and_the_defaults_are_the_weights() {
        let g = graph("sigmoid(w0 + w1*x1 + w2*x2)");
        assert_eq!(Descent::default_parameters(&g), ["w0", "w1", "w2"]);
        assert_eq!(Descent::default_parameters(&graph("x^2 + y^2")), ["x", "y"]);
        let trace = Trace::with_inputs(&g, &[0.1, 0.2, 1.0, 0.3, -1.0]);
        let mut d = Descent::new(Optimizer::Sgd, 1.0, Descent::default_parameters(&g));
        let it = d.iterate(&g, &trace);
        let order: Vec<&str> = g.inputs().iter().map(|&id| g.name(id)).collect();
        for (slot, name) in order.iter().enumerate() {
            let moved = it.inputs[slot] != trace.value(g.inputs()[slot]);
            assert_eq!(moved, name.starts_with('w'), "{name}");
        }
        // Starting again gives back every parameter's first value.
        let start = d.restart();
        assert_eq!(start.len(), 3);
        assert_eq!(d.iterations(), 0);
        assert_eq!(d.losses().1.len(), 0);
    }

    /// A sigmoid neuron on one sample with the squared error: the step-through's iterations on
    /// its expanded graph and the trainer's steps on the dense path, side by side.
    #[test]
    fn next_iteration_on_a_neuron_moves_its_weights_as_training_does() {
        let sample = Sample {
            x: vec![0.7, -1.2],
            y: 1.0,
        };
        for optimizer in [Optimizer::Sgd, Optimizer::MOMENTUM, Optimizer::ADAM] {
            let mlp = Mlp::new(2, &[], 1, Activation::Sigmoid, Init::Xavier, 7);
            let data = DataSet {
                task: Task::Regression,
                train: vec![sample.clone()],
                test: vec![sample.clone()],
            };
            let config = TrainConfig {
                loss: Loss::SquaredError,
                optimizer,
                learning_rate: 0.5,
                schedule: Schedule::Constant,
                batch_size: 1,
                regularization: Regularization::None,
                features: Vec::new(),
                seed: 1,
            };
            let mut trainer = Trainer::new(mlp.clone(), &data, config);
            let expanded = expand(&mlp, &sample.x, sample.y, Loss::SquaredError);
            let g = &expanded.graph;
            let mut descent = Descent::new(optimizer, 0.5, Descent::default_parameters(g));
            assert_eq!(descent.parameters.len(), 3, "two weights and a bias");
            let mut inputs = expanded.inputs.clone();
            let mut losses = Vec::new();
            for step in 1..=6 {
                let trace = Trace::with_inputs(g, &inputs);
                let it = descent.iterate(g, &trace);
                losses.push(it.before);
                inputs = it.inputs;
                trainer.step();
                for &((layer, i, j), id) in &expanded.weights {
                    let slot = g.inputs().iter().position(|&x| x == id).unwrap();
                    let trained = trainer.mlp.layers[layer].weight(i, j);
                    let off = (inputs[slot] - trained).abs();
                    assert!(
                        off < 1e-12,
                        "{optimizer:?} step {step} w{i},{j}: off by {off}"
                    );
                }
            }
            assert!(losses[5] < losses[0], "{optimizer:?}: {losses:?}");
        }
    }

    #[test]
    fn the_history_keeps_the_latest_iterations() {
        let g = graph("w^2");
        let mut d = Descent::new(Optimizer::Sgd, 0.01, ["w".into()]);
        let mut inputs = vec![1.0];
        for _ in 0..MAX_HISTORY + 5 {
            inputs = d.iterate(&g, &Trace::with_inputs(&g, &inputs)).inputs;
        }
        let (first, losses) = d.losses();
        assert_eq!((first, losses.len()), (6, MAX_HISTORY));
        assert_eq!(d.iterations(), MAX_HISTORY + 5);
        assert_eq!(losses[MAX_HISTORY - 1], inputs[0] * inputs[0]);
    }

    #[test]
    fn each_optimiser_writes_its_update_with_its_state() {
        use crate::render::derivation::update_lines;
        use crate::render::notation::render;
        use crate::render::text::Text;
        let g = graph("(w - 3)^2");
        let trace = Trace::with_inputs(&g, &[0.5]);
        let written = |optimizer| {
            let d = Descent::new(optimizer, 0.1, ["w".to_string()]);
            let step = d.updates(&g, &trace)[0];
            update_lines(&g, optimizer, 0.1, d.t(), &step)
                .iter()
                .map(|m| render(&Text { digits: 5 }, m))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            written(Optimizer::Sgd),
            ["w ← w - η·∂f/∂w = 0.5 - 0.1 × -5 = 1"]
        );
        assert_eq!(
            written(Optimizer::MOMENTUM),
            [
                "v ← β·v + ∂f/∂w = 0.9 × 0 + -5 = -5",
                "w ← w - η·v = 0.5 - 0.1 × -5 = 1"
            ]
        );
        let adam = written(Optimizer::ADAM);
        assert_eq!(adam.len(), 5);
        assert_eq!(
            adam[0],
            "m ← β₁·m + (1 - β₁)·∂f/∂w = 0.9 × 0 + 0.1 × -5 = -0.5"
        );
        assert_eq!(adam[2], "m̂ = m/(1 - β₁¹) = -0.5/(1 - 0.9¹) = -5");
        assert_eq!(
            adam[1],
            "v ← β₂·v + (1 - β₂)·(∂f/∂w)² = 0.999 × 0 + 0.001 × (-5)² = 0.025"
        );
        assert_eq!(
            adam[4],
            "w ← w - η·m̂/(√v̂ + ε) = 0.5 - 0.1 × -5/(√25 + ε) = 0.6"
        );
    }
}
