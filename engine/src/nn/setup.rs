//! A whole experiment as plain data: the data set (generated, plus the user's own points), the
//! network's shape and the training settings. It is what a link or a saved file holds to reproduce
//! a run exactly, and nothing computed. Checking it says what is wrong in words; building it never
//! panics.

use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::data::{DataSet, DataSpec, Feature, Generator, Sample, Scale, Task};
use super::loss::Loss;
use super::mlp::{Init, Mlp};
use super::train::{Optimizer, Regularization, Schedule, TrainConfig, Trainer};
use crate::render::number::{count, exact};

/// Most units a layer may have: far past any teaching network, short of exhausting a browser tab.
pub const MAX_UNITS: usize = 1024;
/// Most hidden layers.
pub const MAX_LAYERS: usize = 64;
/// Most generated points.
pub const MAX_POINTS: usize = 100_000;
/// Most bits of the parity data set (2ⁿ points).
pub const MAX_BITS: usize = 16;
/// Most weights and biases in all: a training step of ten examples then takes a few milliseconds
/// in a browser tab, which keeps answering while it trains (measured: see the README's limits).
pub const MAX_PARAMETERS: usize = 100_000;
/// Most points × weights: each epoch's record evaluates the network on every point, and this
/// keeps that under about a tenth of a second in the browser.
pub const MAX_WORK: usize = 50_000_000;
/// Most noise: twenty times Playground's largest (0.5), far past where any pattern is left.
pub const MAX_NOISE: f64 = 10.0;
/// Most points a user adds by hand (clicking the plane, or in a file).
pub const MAX_ADDED: usize = 2_000;

/// Everything needed to reproduce a training run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Setup {
    /// How the data set is generated.
    pub data: DataSpec,
    /// Points the user added (always in the training set).
    pub added: Vec<Sample>,
    /// Generated training points the user removed, by their index in the generated training set.
    pub removed: Vec<usize>,
    /// Input features (empty: the raw inputs).
    pub features: Vec<Feature>,
    /// Hidden layers: units and activation.
    pub hidden: Vec<(usize, Activation)>,
    /// The output layer's activation.
    pub output: Activation,
    /// The loss.
    pub loss: Loss,
    /// The optimiser.
    pub optimizer: Optimizer,
    /// η
    pub learning_rate: f64,
    /// Examples per step (0: the whole training set).
    pub batch_size: usize,
    /// The weight penalty.
    pub regularization: Regularization,
    /// How the weights start.
    pub init: Init,
    /// The weights' seed, apart from the data's.
    pub weight_seed: u64,
}

/// The settings that belong to a data set rather than to the network: how many points, how
/// noisy, and the output and loss that fit its labels. Each data set opens with its own (see
/// [`Fitting::opening`]), and a workspace remembers the user's for each set it has shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitting {
    /// Points generated.
    pub points: usize,
    /// Their noise.
    pub noise: f64,
    /// The output activation.
    pub output: Activation,
    /// The loss.
    pub loss: Loss,
}

impl Fitting {
    /// What `generator` opens with: 500 points without noise (Playground's opening), a tanh
    /// output and ½(y − ŷ)² for ±1 labels, a linear output for regression and for the logits of
    /// a softmax over blobs, and every input of a parity once.
    pub fn opening(generator: &Generator) -> Fitting {
        let (points, output, loss) = match generator {
            Generator::Parity { bits } => (1 << bits, Activation::Tanh, Loss::SquaredError),
            Generator::Blobs { .. } => (500, Activation::Linear, Loss::SoftmaxCrossEntropy),
            Generator::Plane | Generator::MultiGauss | Generator::Function { .. } => {
                (500, Activation::Linear, Loss::SquaredError)
            }
            Generator::Rows(rows) => (
                rows.samples.len(),
                match rows.task() {
                    Task::Regression => Activation::Linear,
                    _ => Activation::Tanh,
                },
                Loss::SquaredError,
            ),
            Generator::Circle
            | Generator::Xor
            | Generator::Gauss
            | Generator::Spiral
            | Generator::Moons
            | Generator::Boundary { .. } => (500, Activation::Tanh, Loss::SquaredError),
        };
        Fitting {
            points,
            noise: 0.0,
            output,
            loss,
        }
    }

    /// The fitting `setup` has now.
    pub fn of(setup: &Setup) -> Fitting {
        Fitting {
            points: setup.data.points,
            noise: setup.data.noise,
            output: setup.output,
            loss: setup.loss,
        }
    }

    /// Gives `setup` this fitting (a parity set keeps each of its inputs once, a file its rows).
    pub fn apply(&self, setup: &mut Setup) {
        setup.data.points = match &setup.data.generator {
            Generator::Parity { bits } => 1 << bits,
            Generator::Rows(rows) => rows.samples.len(),
            _ => self.points,
        };
        setup.data.noise = self.noise;
        setup.output = self.output;
        setup.loss = self.loss;
    }
}

impl Default for Setup {
    /// TensorFlow Playground's opening screen on XOR: 2-4-2-1 tanh, ½(y - ŷ)², SGD 0.03, batch 10.
    fn default() -> Self {
        Setup {
            data: DataSpec {
                generator: Generator::Xor,
                points: 500,
                noise: 0.0,
                train_fraction: 0.5,
                seed: 1,
            },
            added: Vec::new(),
            removed: Vec::new(),
            features: vec![Feature::X1, Feature::X2],
            hidden: vec![(4, Activation::Tanh), (2, Activation::Tanh)],
            output: Activation::Tanh,
            loss: Loss::SquaredError,
            optimizer: Optimizer::Sgd,
            learning_rate: 0.03,
            batch_size: 10,
            regularization: Regularization::None,
            init: Init::Xavier,
            weight_seed: 1,
        }
    }
}

impl Setup {
    /// Why this setup cannot be trained, in words, or nothing.
    pub fn check(&self) -> Result<(), String> {
        if let Generator::Rows(rows) = &self.data.generator {
            if !(1..=MAX_POINTS).contains(&rows.samples.len()) {
                return Err(format!(
                    "the file's data has {} rows, and the workspace trains on 1 to {} (the command line reads up to {})",
                    count(rows.samples.len()),
                    count(MAX_POINTS),
                    count(super::csv::MAX_ROWS)
                ));
            }
            if !(1..=2).contains(&rows.columns.len())
                || rows.samples.iter().any(|s| s.x.len() != rows.columns.len())
            {
                return Err("a file's data needs one or two input columns in every row".into());
            }
        }
        let points = self.data.points;
        if !(1..=MAX_POINTS).contains(&points) {
            return Err(format!(
                "the data set needs between 1 and {} points, not {}",
                count(MAX_POINTS),
                count(points)
            ));
        }
        if !(0.0..=MAX_NOISE).contains(&self.data.noise) {
            return Err(format!(
                "the noise must be a number from 0 to {MAX_NOISE}, not {}",
                exact(self.data.noise)
            ));
        }
        if self.added.len() > MAX_ADDED {
            return Err(format!(
                "at most {} points can be added by hand, not {}",
                count(MAX_ADDED),
                count(self.added.len())
            ));
        }
        if self.removed.len() > MAX_POINTS {
            return Err(format!(
                "at most {} points can be removed, not {}",
                count(MAX_POINTS),
                count(self.removed.len())
            ));
        }
        if !(0.0..=1.0).contains(&self.data.train_fraction) {
            return Err("the training share must be between 0% and 100%".into());
        }
        match self.data.generator {
            Generator::Parity { bits } if !(1..=MAX_BITS).contains(&bits) => {
                return Err(format!(
                    "parity needs 1 to {MAX_BITS} bits, not {}",
                    count(bits)
                ));
            }
            Generator::Boundary { margin, .. } if !(0.0..=12.0).contains(&margin) => {
                return Err(format!(
                    "the margin must be a number from 0 to 12 (the plane is 12 wide), not {}",
                    exact(margin)
                ));
            }
            Generator::Blobs { classes } if !(2..=16).contains(&classes) => {
                return Err(format!(
                    "blobs need 2 to 16 classes, not {}",
                    count(classes)
                ));
            }
            _ => {}
        }
        if self.hidden.len() > MAX_LAYERS {
            return Err(format!(
                "at most {MAX_LAYERS} hidden layers, not {}",
                count(self.hidden.len())
            ));
        }
        if let Some(l) = self
            .hidden
            .iter()
            .position(|&(n, _)| !(1..=MAX_UNITS).contains(&n))
        {
            return Err(format!(
                "hidden layer {} needs 1 to {} neurons, not {}",
                l + 1,
                count(MAX_UNITS),
                count(self.hidden[l].0)
            ));
        }
        let parameters = self.parameter_count();
        if parameters > MAX_PARAMETERS {
            return Err(format!(
                "this network would have {} weights and biases; at most {} keep the page responsive",
                count(parameters),
                count(MAX_PARAMETERS)
            ));
        }
        let points = match &self.data.generator {
            Generator::Parity { bits } => 1usize << bits,
            Generator::Rows(rows) => rows.samples.len(),
            _ => self.data.points,
        } + self.added.len();
        if points.saturating_mul(parameters) > MAX_WORK {
            return Err(format!(
                "{} points through {} weights is too much to train live: points × weights is at most {} (use fewer points or a smaller network)",
                count(points),
                count(parameters),
                count(MAX_WORK)
            ));
        }
        if !self.learning_rate.is_finite() || self.learning_rate <= 0.0 {
            return Err("the learning rate must be a number above 0".into());
        }
        let below_one = |v: f64| (0.0..1.0).contains(&v);
        match self.optimizer {
            Optimizer::Sgd => {}
            Optimizer::Momentum { beta } if !below_one(beta) => {
                return Err(format!(
                    "the momentum β must be at least 0 and below 1, not {}",
                    exact(beta)
                ))
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } if !(below_one(beta1)
                && below_one(beta2)
                && epsilon.is_finite()
                && epsilon > 0.0) =>
            {
                return Err(
                    "Adam's β₁ and β₂ must be at least 0 and below 1, and its ε a number above 0"
                        .into(),
                )
            }
            _ => {}
        }
        let rate = match self.regularization {
            Regularization::None => 0.0,
            Regularization::L1 { rate } | Regularization::L2 { rate } => rate,
        };
        if !rate.is_finite() || rate < 0.0 {
            return Err("the regularisation rate must be a number of 0 or more".into());
        }
        let classes = matches!(self.data.generator, Generator::Blobs { .. });
        match (classes, self.loss) {
            (true, Loss::SoftmaxCrossEntropy) | (false, Loss::SquaredError) => {}
            (true, _) => {
                return Err(
                    "blobs have several classes: choose the softmax cross-entropy loss".into(),
                )
            }
            (false, Loss::SoftmaxCrossEntropy) => {
                return Err(
                    "softmax cross-entropy needs several classes: choose the blobs data set".into(),
                )
            }
            (false, _) if self.regression() => {
                return Err(format!(
                    "{} is a regression data set: choose the squared error loss",
                    self.data.generator.name()
                ))
            }
            (false, _) => {}
        }
        if self.loss == Loss::BinaryCrossEntropy && self.output != Activation::Sigmoid {
            return Err(
                "binary cross-entropy reads the output as a probability: make the output sigmoid"
                    .into(),
            );
        }
        Ok(())
    }

    /// Whether the targets are real numbers rather than labels.
    pub fn regression(&self) -> bool {
        match &self.data.generator {
            Generator::Plane | Generator::MultiGauss | Generator::Function { .. } => true,
            Generator::Rows(rows) => rows.task() == Task::Regression,
            _ => false,
        }
    }

    /// The raw inputs per point: 1 for a function of x, n for parity, a file's input columns, 2
    /// for the plane's sets.
    pub fn raw_inputs(&self) -> usize {
        match &self.data.generator {
            Generator::Function { .. } => 1,
            Generator::Parity { bits } => *bits,
            Generator::Rows(rows) => rows.columns.len(),
            _ => 2,
        }
    }

    /// The raw inputs' names, as a file of this data heads its columns: a file's own (marked
    /// when scaled), `x` for a function of x, `x1` … `xn` otherwise.
    pub fn input_names(&self) -> Vec<String> {
        match &self.data.generator {
            Generator::Rows(rows) if rows.scale == Scale::None => rows.columns.clone(),
            Generator::Rows(rows) => rows
                .columns
                .iter()
                .map(|c| format!("{c} ({})", rows.scale.name()))
                .collect(),
            Generator::Function { .. } => vec!["x".into()],
            _ => (1..=self.raw_inputs()).map(|i| format!("x{i}")).collect(),
        }
    }

    /// The features actually fed to the network: the chosen ones for plane data, the raw inputs
    /// otherwise (features of x1 and x2 mean nothing for other inputs).
    pub fn effective_features(&self) -> Vec<Feature> {
        if self.raw_inputs() == 2 {
            self.features.clone()
        } else {
            Vec::new()
        }
    }

    /// How many inputs the network has.
    pub fn inputs(&self) -> usize {
        match self.effective_features().len() {
            0 => self.raw_inputs(),
            n => n,
        }
    }

    /// How many weights and biases the network has (one output assumed for several classes,
    /// which is at most 16 outputs: the count is checked before the data is generated).
    pub fn parameter_count(&self) -> usize {
        let outputs = match self.data.generator {
            Generator::Blobs { classes } => classes,
            _ => 1,
        };
        let mut fan_in = self.inputs();
        let mut total = 0usize;
        for &(units, _) in self
            .hidden
            .iter()
            .chain(std::iter::once(&(outputs, self.output)))
        {
            total = total.saturating_add((fan_in + 1).saturating_mul(units));
            fan_in = units;
        }
        total
    }

    /// The data set: generated, the removed points taken out, the added ones put in.
    pub fn data_set(&self) -> Result<DataSet, String> {
        self.check()?;
        let mut data = self.data.generate()?;
        let mut removed = self.removed.clone();
        crate::sort::sort_by_key(&mut removed, |&r| r);
        removed.dedup();
        for &i in removed.iter().rev() {
            if i < data.train.len() {
                data.train.remove(i);
            }
        }
        let width = self.raw_inputs();
        data.train.extend(
            self.added
                .iter()
                .filter(|s| s.x.len() == width && s.x.iter().all(|v| v.is_finite()))
                .cloned(),
        );
        Ok(data)
    }

    /// The network at its initial weights, shaped for `task`.
    pub fn network(&self, task: Task) -> Mlp {
        let outputs = match task {
            Task::Classes(k) => k,
            _ => 1,
        };
        Mlp::new(
            self.inputs(),
            &self.hidden,
            outputs,
            self.output,
            self.init,
            self.weight_seed,
        )
    }

    /// The training settings.
    pub fn config(&self) -> TrainConfig {
        TrainConfig {
            loss: self.loss,
            optimizer: self.optimizer,
            learning_rate: self.learning_rate,
            schedule: Schedule::Constant,
            batch_size: self.batch_size,
            regularization: self.regularization,
            features: self.effective_features(),
            seed: self.weight_seed,
        }
    }

    /// The data and a trainer at the initial weights, or what is wrong with the setup.
    pub fn build(&self) -> Result<(DataSet, Trainer), String> {
        let data = self.data_set()?;
        if data.train.is_empty() {
            return Err("the training set is empty: raise the training share or add points".into());
        }
        let trainer = Trainer::new(self.network(data.task), &data, self.config());
        Ok((data, trainer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_data_set_opens_with_settings_that_fit_its_labels() {
        for generator in [
            Generator::Circle,
            Generator::Parity { bits: 4 },
            Generator::Plane,
            Generator::Blobs { classes: 3 },
            Generator::Function {
                expression: "sin(x)".into(),
            },
        ] {
            let mut setup = Setup {
                data: DataSpec {
                    generator: generator.clone(),
                    ..Setup::default().data
                },
                ..Setup::default()
            };
            Fitting::opening(&generator).apply(&mut setup);
            assert!(setup.check().is_ok(), "{generator:?}: {:?}", setup.check());
        }
        assert_eq!(Fitting::opening(&Generator::Parity { bits: 4 }).points, 16);
        assert_eq!(
            Fitting::opening(&Generator::Circle).output,
            Activation::Tanh
        );
        assert_eq!(
            Fitting::opening(&Generator::Plane).output,
            Activation::Linear
        );
    }

    #[test]
    fn the_default_builds_and_learns_xor() {
        let (data, mut trainer) = Setup::default().build().unwrap();
        assert_eq!(data.train.len(), 250);
        assert_eq!(trainer.mlp.parameter_count(), 12 + 10 + 3);
        for _ in 0..200 {
            trainer.run_epoch();
        }
        assert!(
            trainer.accuracy(false) > 0.95,
            "{}",
            trainer.accuracy(false)
        );
    }

    #[test]
    fn bad_settings_are_refused_in_words() {
        type Change = Box<dyn Fn(&mut Setup)>;
        let cases: Vec<(Change, &str)> = vec![
            (Box::new(|s| s.learning_rate = f64::NAN), "learning rate"),
            (Box::new(|s| s.hidden[1].0 = 0), "hidden layer 2"),
            (Box::new(|s| s.data.points = 0), "points"),
            (Box::new(|s| s.loss = Loss::SoftmaxCrossEntropy), "softmax"),
            (Box::new(|s| s.loss = Loss::BinaryCrossEntropy), "sigmoid"),
            (
                Box::new(|s| s.data.generator = Generator::Blobs { classes: 3 }),
                "softmax",
            ),
            (
                Box::new(|s| {
                    s.data.generator = Generator::Plane;
                    s.loss = Loss::Hinge;
                }),
                "squared error",
            ),
            (
                Box::new(|s| s.data.generator = Generator::Parity { bits: 40 }),
                "bits",
            ),
            (
                Box::new(|s| {
                    s.data.generator = Generator::Boundary {
                        expression: "x".into(),
                        margin: -1.0,
                    }
                }),
                "margin must be a number from 0 to 12",
            ),
            (
                Box::new(|s| {
                    s.data.generator = Generator::Rows(Box::new(super::super::data::Rows {
                        file: "big.csv".into(),
                        columns: vec!["a".into()],
                        label: "y".into(),
                        labels: None,
                        scale: super::super::data::Scale::None,
                        samples: vec![
                            Sample {
                                x: vec![0.0],
                                y: 0.0
                            };
                            MAX_POINTS + 1
                        ]
                        .into(),
                    }))
                }),
                "has 100,001 rows, and the workspace trains on 1 to 100,000",
            ),
            (
                Box::new(|s| {
                    s.data.generator = Generator::Rows(Box::new(super::super::data::Rows {
                        file: "ragged.csv".into(),
                        columns: vec!["a".into(), "b".into()],
                        label: "y".into(),
                        labels: None,
                        scale: super::super::data::Scale::None,
                        samples: vec![Sample {
                            x: vec![0.0],
                            y: 0.0,
                        }]
                        .into(),
                    }))
                }),
                "one or two input columns in every row",
            ),
            (
                Box::new(|s| s.hidden = vec![(1024, Activation::Relu); 64]),
                "at most 100,000",
            ),
            (
                Box::new(|s| {
                    s.data.points = MAX_POINTS;
                    s.hidden = vec![(64, Activation::Relu); 2];
                }),
                "too much to train live",
            ),
            (
                Box::new(|s| s.data.noise = 1e308),
                "noise must be a number from 0 to 10, not 1e308",
            ),
            (
                Box::new(|s| s.optimizer = Optimizer::Momentum { beta: 1e308 }),
                "momentum",
            ),
            (
                Box::new(|s| {
                    s.optimizer = Optimizer::Adam {
                        beta1: 0.9,
                        beta2: 1.0,
                        epsilon: 1e-8,
                    }
                }),
                "Adam",
            ),
            (
                Box::new(|s| {
                    s.added = vec![
                        Sample {
                            x: vec![0.0, 0.0],
                            y: 1.0
                        };
                        MAX_ADDED + 1
                    ]
                }),
                "added by hand",
            ),
        ];
        for (change, word) in cases {
            let mut setup = Setup::default();
            change(&mut setup);
            let message = setup.build().err().unwrap();
            assert!(message.contains(word), "{message}");
        }
    }

    #[test]
    fn added_and_removed_points_change_the_training_set() {
        let mut setup = Setup::default();
        let generated = setup.data_set().unwrap();
        setup.removed = vec![3, 0, 3, 9999];
        setup.added = vec![
            Sample {
                x: vec![1.0, 2.0],
                y: 1.0,
            },
            Sample {
                x: vec![f64::NAN, 2.0],
                y: 1.0,
            },
        ];
        let data = setup.data_set().unwrap();
        assert_eq!(data.train.len(), generated.train.len() - 2 + 1);
        assert_eq!(data.train[0], generated.train[1]);
        assert_eq!(data.train.last().unwrap().x, [1.0, 2.0]);
        assert_eq!(data.test, generated.test);
    }

    #[test]
    fn features_apply_to_the_plane_only_and_classes_get_one_output_each() {
        let mut setup = Setup {
            features: vec![Feature::X1, Feature::X2, Feature::X1X2],
            ..Setup::default()
        };
        assert_eq!(setup.inputs(), 3);
        setup.data.generator = Generator::Parity { bits: 5 };
        assert_eq!(setup.inputs(), 5);
        setup.data.generator = Generator::Blobs { classes: 4 };
        setup.loss = Loss::SoftmaxCrossEntropy;
        setup.output = Activation::Linear;
        let (_, trainer) = setup.build().unwrap();
        assert_eq!(trainer.mlp.outputs(), 4);
        assert_eq!(setup.parameter_count(), trainer.mlp.parameter_count());
    }
}
