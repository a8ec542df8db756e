//! Data sets, seeded and reproducible. TensorFlow Playground's four classification sets and two
//! regression sets follow its generators (so a Playground run can be reproduced here); two moons
//! as in micrograd's demo; 1-D regression targets; n-bit parity; Gaussian blobs for several classes.

use serde::{Deserialize, Serialize};

use crate::random::SplitMix;
use crate::{Graph, Sharing};

/// One example: raw inputs and a label (a target value, ±1, or a class index).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// The raw inputs (x1, x2 for the plane sets).
    pub x: Vec<f64>,
    /// The target.
    pub y: f64,
}

/// A data set's generator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// Read through one reader shared by the tagged settings (see `tagged`).
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "super::tagged::Tagged"
)]
pub enum Generator {
    /// Playground: +1 inside radius 2.5, -1 in the ring from 3.5 to 5.
    Circle,
    /// Playground: XOR of the signs on [-5, 5]², pushed 0.3 away from the axes.
    Xor,
    /// Playground: two Gaussian clusters at (2, 2) (+1) and (-2, -2) (-1).
    Gauss,
    /// Playground: two interleaved spirals.
    Spiral,
    /// Playground regression: a plane, (x1 + x2) / 10.
    Plane,
    /// Playground regression: six Gaussian bumps of alternating sign.
    MultiGauss,
    /// Two interleaving half circles (labels ±1), as scikit-learn and micrograd make them.
    Moons,
    /// A 1-D regression target y = f(x) on [-3, 3]; f is an expression in x.
    Function {
        /// The expression, such as `sin(x)`, `abs(x)`, `relu(x)/x` or anything the parser reads.
        expression: String,
    },
    /// Points on [-6, 6]², +1 above the curve x2 = f(x1) and -1 below it.
    Boundary {
        /// f, an expression in x.
        expression: String,
        /// No point lies closer to the curve than this, measured vertically (0: any point).
        margin: f64,
    },
    /// All 2ⁿ inputs in {-1, 1}ⁿ labelled by their parity (±1).
    Parity {
        /// The number of bits.
        bits: usize,
    },
    /// `classes` Gaussian blobs on a circle; the label is the class index.
    Blobs {
        /// How many classes.
        classes: usize,
    },
    /// Rows of the user's own, read from a CSV file.
    Rows(Box<Rows>),
}

/// A data set of the user's own: the rows of a file with the columns they chose, kept as read
/// (scaled only when generated, so the scale can change and the file's values stay).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rows {
    /// The file's name, to show.
    pub file: String,
    /// The input columns' names, one or two.
    pub columns: Vec<String>,
    /// The label column's name.
    pub label: String,
    /// For classification, the label values read as -1 and +1; none for regression.
    pub labels: Option<[String; 2]>,
    /// How the inputs are scaled for training.
    pub scale: Scale,
    /// The rows: inputs as read, targets ±1 or real (shared: a setup is cloned often, and a file
    /// may hold a hundred thousand rows).
    pub samples: std::sync::Arc<[Sample]>,
}

/// How a file's inputs are scaled before the network sees them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// As in the file.
    None,
    /// Each column to mean 0 and standard deviation 1.
    Standard,
    /// Each column's smallest value to -1 and largest to 1.
    Range,
}

impl Scale {
    /// All three, in the order a menu shows them.
    pub const ALL: [Scale; 3] = [Scale::Standard, Scale::Range, Scale::None];

    /// Its name in links and files.
    pub fn name(self) -> &'static str {
        match self {
            Scale::None => "none",
            Scale::Standard => "standard",
            Scale::Range => "range",
        }
    }

    /// The scale called `name`.
    pub fn from_name(name: &str) -> Option<Scale> {
        Scale::ALL.into_iter().find(|s| s.name() == name)
    }

    /// `samples` with each input column scaled; a column with one value only is centred.
    pub fn apply(self, samples: &[Sample]) -> Vec<Sample> {
        let mut out = samples.to_vec();
        let width = samples.first().map_or(0, |s| s.x.len());
        for c in 0..width {
            let column = || samples.iter().filter_map(|s| s.x.get(c).copied());
            let n = samples.len() as f64;
            let (shift, spread) = match self {
                Scale::None => continue,
                Scale::Standard => {
                    let mean = column().sum::<f64>() / n;
                    let variance = column().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
                    (mean, variance.sqrt())
                }
                Scale::Range => {
                    let low = column().fold(f64::INFINITY, f64::min);
                    let high = column().fold(f64::NEG_INFINITY, f64::max);
                    ((low + high) / 2.0, (high - low) / 2.0)
                }
            };
            let spread = if spread > 0.0 { spread } else { 1.0 };
            for s in &mut out {
                if let Some(v) = s.x.get_mut(c) {
                    *v = (*v - shift) / spread;
                }
            }
        }
        out
    }
}

impl Rows {
    /// Classification (±1) when the labels are two values, regression otherwise.
    pub fn task(&self) -> Task {
        if self.labels.is_some() {
            Task::Binary
        } else {
            Task::Regression
        }
    }
}

impl Generator {
    /// Every kind's name, as [`Generator::name`] gives them.
    pub const NAMES: [&'static str; 12] = [
        "circle",
        "xor",
        "gauss",
        "spiral",
        "plane",
        "multi_gauss",
        "moons",
        "function",
        "boundary",
        "parity",
        "blobs",
        "rows",
    ];

    /// Its name on the command line and in links.
    pub fn name(&self) -> &'static str {
        match self {
            Generator::Circle => "circle",
            Generator::Xor => "xor",
            Generator::Gauss => "gauss",
            Generator::Spiral => "spiral",
            Generator::Plane => "plane",
            Generator::MultiGauss => "multi_gauss",
            Generator::Moons => "moons",
            Generator::Function { .. } => "function",
            Generator::Boundary { .. } => "boundary",
            Generator::Parity { .. } => "parity",
            Generator::Blobs { .. } => "blobs",
            Generator::Rows(_) => "rows",
        }
    }

    /// The generator called `name`, given what its kind needs: the expression of a function or a
    /// boundary (with no margin), the number of bits of parity or of classes of blobs (`count`).
    /// Rows come from a file, not a name.
    pub fn from_name(name: &str, expression: &str, count: usize) -> Option<Generator> {
        Some(match name {
            "circle" => Generator::Circle,
            "xor" => Generator::Xor,
            "gauss" => Generator::Gauss,
            "spiral" => Generator::Spiral,
            "plane" => Generator::Plane,
            "multi_gauss" => Generator::MultiGauss,
            "moons" => Generator::Moons,
            "function" => Generator::Function {
                expression: expression.to_string(),
            },
            "boundary" => Generator::Boundary {
                expression: expression.to_string(),
                margin: 0.0,
            },
            "parity" => Generator::Parity { bits: count },
            "blobs" => Generator::Blobs { classes: count },
            _ => return None,
        })
    }
}

/// How a data set is made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSpec {
    /// Which generator.
    pub generator: Generator,
    /// How many points (ignored by parity, which has 2ⁿ).
    pub points: usize,
    /// Noise level: Playground's 0 to 0.5 scale for its sets, a standard deviation otherwise.
    pub noise: f64,
    /// The fraction of points used for training; the rest are the test set.
    pub train_fraction: f64,
    /// The data seed (the weights have their own).
    pub seed: u64,
}

/// What kind of target a data set has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Labels ±1.
    Binary,
    /// Real targets.
    Regression,
    /// Class indices 0..k.
    Classes(usize),
}

/// A generated data set, split.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSet {
    /// What its labels mean.
    pub task: Task,
    /// Training examples.
    pub train: Vec<Sample>,
    /// Test examples.
    pub test: Vec<Sample>,
}

fn dist(x: f64, y: f64, cx: f64, cy: f64) -> f64 {
    ((x - cx).powi(2) + (y - cy).powi(2)).sqrt()
}

fn sample(x: f64, y: f64, label: f64) -> Sample {
    Sample {
        x: vec![x, y],
        y: label,
    }
}

/// Playground's regression sets: points uniform on [-6, 6]², labelled by `label` at the point
/// moved by noise (so noise blurs the target, not the positions).
fn plane_points(
    rng: &mut SplitMix,
    n: usize,
    noise: f64,
    label: impl Fn(f64, f64) -> f64,
) -> Vec<Sample> {
    (0..n)
        .map(|_| {
            let x = rng.uniform(-6.0, 6.0);
            let y = rng.uniform(-6.0, 6.0);
            let nx = rng.uniform(-6.0, 6.0) * noise;
            let ny = rng.uniform(-6.0, 6.0) * noise;
            sample(x, y, label(x + nx, y + ny))
        })
        .collect()
}

impl DataSpec {
    /// Generates the data set, or says why it cannot (an unparsable target function).
    pub fn generate(&self) -> Result<DataSet, String> {
        let mut rng = SplitMix::new(self.seed);
        let n = self.points;
        let noise = self.noise;
        let (task, mut points) = match &self.generator {
            Generator::Circle => {
                let radius = 5.0;
                let mut points = Vec::with_capacity(n);
                for (low, high) in [(0.0, radius * 0.5), (radius * 0.7, radius)] {
                    for _ in 0..n / 2 {
                        let r = rng.uniform(low, high);
                        let angle = rng.uniform(0.0, 2.0 * std::f64::consts::PI);
                        let (x, y) = (r * angle.sin(), r * angle.cos());
                        let nx = rng.uniform(-radius, radius) * noise;
                        let ny = rng.uniform(-radius, radius) * noise;
                        let label = if dist(x + nx, y + ny, 0.0, 0.0) < radius * 0.5 {
                            1.0
                        } else {
                            -1.0
                        };
                        points.push(sample(x, y, label));
                    }
                }
                (Task::Binary, points)
            }
            Generator::Xor => {
                let pad = |v: f64| if v > 0.0 { v + 0.3 } else { v - 0.3 };
                let points = (0..n)
                    .map(|_| {
                        let x = pad(rng.uniform(-5.0, 5.0));
                        let y = pad(rng.uniform(-5.0, 5.0));
                        let nx = rng.uniform(-5.0, 5.0) * noise;
                        let ny = rng.uniform(-5.0, 5.0) * noise;
                        sample(
                            x,
                            y,
                            if (x + nx) * (y + ny) >= 0.0 {
                                1.0
                            } else {
                                -1.0
                            },
                        )
                    })
                    .collect();
                (Task::Binary, points)
            }
            Generator::Gauss => {
                // Playground maps noise 0..0.5 linearly to variance 0.5..4.
                let variance = 0.5 + noise / 0.5 * 3.5;
                let mut points = Vec::with_capacity(n);
                for (c, label) in [(2.0, 1.0), (-2.0, -1.0)] {
                    for _ in 0..n / 2 {
                        let x = rng.normal(c, variance);
                        let y = rng.normal(c, variance);
                        points.push(sample(x, y, label));
                    }
                }
                (Task::Binary, points)
            }
            Generator::Spiral => {
                let half = n / 2;
                let mut points = Vec::with_capacity(n);
                for (delta, label) in [(0.0, 1.0), (std::f64::consts::PI, -1.0)] {
                    for i in 0..half {
                        let r = i as f64 / half as f64 * 5.0;
                        let t = 1.75 * i as f64 / half as f64 * 2.0 * std::f64::consts::PI + delta;
                        let x = r * t.sin() + rng.uniform(-1.0, 1.0) * noise;
                        let y = r * t.cos() + rng.uniform(-1.0, 1.0) * noise;
                        points.push(sample(x, y, label));
                    }
                }
                (Task::Binary, points)
            }
            Generator::Plane => (
                Task::Regression,
                plane_points(&mut rng, n, noise, |x, y| (x + y) / 10.0),
            ),
            Generator::MultiGauss => {
                const BUMPS: [(f64, f64, f64); 6] = [
                    (-4.0, 2.5, 1.0),
                    (0.0, 2.5, -1.0),
                    (4.0, 2.5, 1.0),
                    (-4.0, -2.5, -1.0),
                    (0.0, -2.5, 1.0),
                    (4.0, -2.5, -1.0),
                ];
                let label = |x: f64, y: f64| {
                    BUMPS.iter().fold(0.0f64, |best, &(cx, cy, sign)| {
                        let value = sign * (1.0 - dist(x, y, cx, cy) / 2.0).clamp(0.0, 1.0);
                        if value.abs() > best.abs() {
                            value
                        } else {
                            best
                        }
                    })
                };
                (Task::Regression, plane_points(&mut rng, n, noise, label))
            }
            Generator::Moons => {
                let outer = n / 2;
                let inner = n - outer;
                let pi = std::f64::consts::PI;
                let mut points = Vec::with_capacity(n);
                for i in 0..outer {
                    let t = pi * i as f64 / (outer.max(2) - 1) as f64;
                    points.push(sample(
                        t.cos() + rng.normal(0.0, noise * noise),
                        t.sin() + rng.normal(0.0, noise * noise),
                        -1.0,
                    ));
                }
                for i in 0..inner {
                    let t = pi * i as f64 / (inner.max(2) - 1) as f64;
                    points.push(sample(
                        1.0 - t.cos() + rng.normal(0.0, noise * noise),
                        0.5 - t.sin() + rng.normal(0.0, noise * noise),
                        1.0,
                    ));
                }
                (Task::Binary, points)
            }
            Generator::Function { expression } => {
                let f = function_of_x(expression)?;
                let points = (0..n)
                    .map(|_| {
                        let x = rng.uniform(-3.0, 3.0);
                        Sample {
                            x: vec![x],
                            y: f(x) + rng.normal(0.0, noise * noise),
                        }
                    })
                    .collect();
                (Task::Regression, points)
            }
            Generator::Boundary { expression, margin } => {
                let f = function_of_x(expression)?;
                let mut points = Vec::with_capacity(n);
                // Points are drawn until n lie clear of the curve; a curve that leaves no room
                // (or is undefined almost everywhere) is refused, not looped on.
                let mut draws = 0usize;
                while points.len() < n {
                    draws += 1;
                    if draws > 100 * n {
                        return Err(format!(
                            "hardly any point of [-6, 6]² lies {} clear of the curve y = {expression} \
                             (and where f is defined): use a smaller margin or another curve",
                            if *margin > 0.0 { format!("{margin}") } else { "anywhere".into() }
                        ));
                    }
                    let x = rng.uniform(-6.0, 6.0);
                    let y = rng.uniform(-6.0, 6.0);
                    let curve = f(x);
                    if !curve.is_finite() || (y - curve).abs() < *margin {
                        continue;
                    }
                    // As in Playground, noise moves the point where the label is read.
                    let nx = rng.uniform(-6.0, 6.0) * noise;
                    let ny = rng.uniform(-6.0, 6.0) * noise;
                    let moved = f(x + nx);
                    let above = if moved.is_finite() {
                        y + ny > moved
                    } else {
                        y > curve
                    };
                    points.push(sample(x, y, if above { 1.0 } else { -1.0 }));
                }
                (Task::Binary, points)
            }
            Generator::Parity { bits } => {
                let bits = (*bits).clamp(1, 16);
                let points = (0..1usize << bits)
                    .map(|code| {
                        let x: Vec<f64> = (0..bits)
                            .map(|b| if code >> b & 1 == 1 { 1.0 } else { -1.0 })
                            .collect();
                        let y = if code.count_ones() % 2 == 1 {
                            1.0
                        } else {
                            -1.0
                        };
                        Sample { x, y }
                    })
                    .collect();
                (Task::Binary, points)
            }
            Generator::Blobs { classes } => {
                let k = (*classes).max(2);
                let points = (0..n)
                    .map(|i| {
                        let class = i % k;
                        let angle = 2.0 * std::f64::consts::PI * class as f64 / k as f64;
                        let x = rng.normal(3.0 * angle.cos(), 0.5 + noise);
                        let y = rng.normal(3.0 * angle.sin(), 0.5 + noise);
                        sample(x, y, class as f64)
                    })
                    .collect();
                (Task::Classes(k), points)
            }
            Generator::Rows(rows) => (rows.task(), rows.scale.apply(&rows.samples)),
        };
        rng.shuffle(&mut points);
        let train = ((points.len() as f64) * self.train_fraction.clamp(0.0, 1.0)).round() as usize;
        let test = points.split_off(train.min(points.len()));
        Ok(DataSet {
            task,
            train: points,
            test,
        })
    }
}

/// f(x) for an expression in x (or in no variable), or why it is not one.
fn function_of_x(expression: &str) -> Result<impl Fn(f64) -> f64, String> {
    let graph = Graph::parse(expression, Sharing::Merged).map_err(|e| e.render(expression))?;
    if graph.inputs().len() > 1
        || graph
            .inputs()
            .first()
            .is_some_and(|&i| graph.name(i) != "x")
    {
        return Err(format!(
            "the function '{expression}' may use only the variable x"
        ));
    }
    Ok(move |x: f64| {
        let inputs: &[f64] = if graph.inputs().is_empty() { &[] } else { &[x] };
        crate::trace::evaluate::<f64>(&graph, inputs)[graph.output().index()]
    })
}

/// An input feature computed from the raw inputs, as TensorFlow Playground offers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// x1
    X1,
    /// x2
    X2,
    /// x1²
    X1Squared,
    /// x2²
    X2Squared,
    /// x1·x2
    X1X2,
    /// sin x1
    SinX1,
    /// sin x2
    SinX2,
}

impl Feature {
    /// All seven, in Playground's order.
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// Its value for raw inputs (x1, x2); a missing x2 counts as 0.
    pub fn value(self, raw: &[f64]) -> f64 {
        let x1 = raw.first().copied().unwrap_or(0.0);
        let x2 = raw.get(1).copied().unwrap_or(0.0);
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => x1.sin(),
            Feature::SinX2 => x2.sin(),
        }
    }

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1^2",
            Feature::X2Squared => "x2^2",
            Feature::X1X2 => "x1x2",
            Feature::SinX1 => "sin_x1",
            Feature::SinX2 => "sin_x2",
        }
    }

    /// The feature called `name`.
    pub fn from_name(name: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// The feature vector of raw inputs; with no features chosen, the raw inputs themselves.
pub fn features(raw: &[f64], chosen: &[Feature]) -> Vec<f64> {
    if chosen.is_empty() {
        raw.to_vec()
    } else {
        chosen.iter().map(|f| f.value(raw)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(generator: Generator, points: usize, noise: f64) -> DataSpec {
        DataSpec {
            generator,
            points,
            noise,
            train_fraction: 0.5,
            seed: 1,
        }
    }

    #[test]
    fn every_generator_is_found_by_its_name() {
        for g in [
            Generator::Circle,
            Generator::Xor,
            Generator::Gauss,
            Generator::Spiral,
            Generator::Plane,
            Generator::MultiGauss,
            Generator::Moons,
            Generator::Function {
                expression: "sin(x)".into(),
            },
            Generator::Parity { bits: 3 },
            Generator::Blobs { classes: 3 },
        ] {
            assert_eq!(Generator::from_name(g.name(), "sin(x)", 3), Some(g));
        }
        assert_eq!(Generator::from_name("donut", "", 0), None);
    }

    #[test]
    fn the_circle_follows_playgrounds_radii() {
        let data = spec(Generator::Circle, 500, 0.0).generate().unwrap();
        assert_eq!(data.train.len() + data.test.len(), 500);
        for s in data.train.iter().chain(&data.test) {
            let r = dist(s.x[0], s.x[1], 0.0, 0.0);
            if s.y > 0.0 {
                assert!(r <= 2.5);
            } else {
                assert!((3.5..=5.0).contains(&r), "{r}");
            }
        }
        let positives = data
            .train
            .iter()
            .chain(&data.test)
            .filter(|s| s.y > 0.0)
            .count();
        assert_eq!(positives, 250);
    }

    #[test]
    fn xor_stays_off_the_axes_and_is_labelled_by_the_sign_of_the_product() {
        let data = spec(Generator::Xor, 200, 0.0).generate().unwrap();
        for s in data.train.iter().chain(&data.test) {
            assert!(s.x[0].abs() >= 0.3 && s.x[1].abs() >= 0.3);
            assert_eq!(s.y, if s.x[0] * s.x[1] >= 0.0 { 1.0 } else { -1.0 });
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
        let a = spec(Generator::Spiral, 100, 0.2).generate().unwrap();
        assert_eq!(a, spec(Generator::Spiral, 100, 0.2).generate().unwrap());
        let mut other = spec(Generator::Spiral, 100, 0.2);
        other.seed = 2;
        assert_ne!(a, other.generate().unwrap());
    }

    #[test]
    fn parity_has_every_code_once() {
        let data = DataSpec {
            train_fraction: 1.0,
            ..spec(Generator::Parity { bits: 4 }, 0, 0.0)
        }
        .generate()
        .unwrap();
        assert_eq!(data.train.len(), 16);
        let odd = data.train.iter().filter(|s| s.y > 0.0).count();
        assert_eq!(odd, 8);
    }

    #[test]
    fn a_typed_target_function_is_evaluated_by_the_engine() {
        let data = spec(
            Generator::Function {
                expression: "abs(x) - 1".into(),
            },
            50,
            0.0,
        )
        .generate()
        .unwrap();
        for s in &data.train {
            assert!((s.y - (s.x[0].abs() - 1.0)).abs() < 1e-12);
        }
        assert!(spec(
            Generator::Function {
                expression: "x + y".into()
            },
            5,
            0.0
        )
        .generate()
        .is_err());
        assert!(spec(
            Generator::Function {
                expression: "sin(".into()
            },
            5,
            0.0
        )
        .generate()
        .unwrap_err()
        .contains("column"));
    }

    #[test]
    fn features_are_playgrounds() {
        let raw = [2.0, -3.0];
        let all: Vec<f64> = Feature::ALL.iter().map(|f| f.value(&raw)).collect();
        assert_eq!(&all[..5], &[2.0, -3.0, 4.0, 9.0, -6.0]);
        assert_eq!(features(&raw, &[]), raw);
    }

    #[test]
    fn a_boundary_labels_points_by_their_side_of_the_curve_and_keeps_the_margin() {
        let boundary = |margin: f64| Generator::Boundary {
            expression: "x^2/3 - 2".into(),
            margin,
        };
        let data = spec(boundary(1.0), 400, 0.0).generate().unwrap();
        assert_eq!(data.task, Task::Binary);
        assert_eq!(data.train.len() + data.test.len(), 400);
        for s in data.train.iter().chain(&data.test) {
            let gap = s.x[1] - (s.x[0] * s.x[0] / 3.0 - 2.0);
            assert!(gap.abs() >= 1.0, "{s:?} lies in the margin");
            assert_eq!(s.y, gap.signum());
            assert!(s.x.iter().all(|v| (-6.0..=6.0).contains(v)));
        }
        // Noise moves where the label is read, so some points near the curve change side.
        let noisy = spec(boundary(0.0), 400, 0.3).generate().unwrap();
        let wrong = noisy
            .train
            .iter()
            .filter(|s| s.y != (s.x[1] - (s.x[0] * s.x[0] / 3.0 - 2.0)).signum())
            .count();
        assert!(wrong > 0);
        // A margin wider than the square, or a curve defined nowhere, is refused in words.
        let full = spec(boundary(20.0), 10, 0.0).generate().unwrap_err();
        assert!(full.contains("use a smaller margin"), "{full}");
        let nowhere = Generator::Boundary {
            expression: "sqrt(-1 - x^2)".into(),
            margin: 0.0,
        };
        assert!(spec(nowhere, 10, 0.0).generate().is_err());
        assert!(spec(
            Generator::Boundary {
                expression: "x + y".into(),
                margin: 0.0
            },
            5,
            0.0
        )
        .generate()
        .unwrap_err()
        .contains("only the variable x"));
    }

    #[test]
    fn a_files_rows_are_scaled_when_generated_and_kept_as_read() {
        let samples: Vec<Sample> = [(10.0, 200.0, 1.0), (20.0, 400.0, -1.0), (30.0, 600.0, 1.0)]
            .iter()
            .map(|&(a, b, y)| Sample { x: vec![a, b], y })
            .collect();
        let standard = Scale::Standard.apply(&samples);
        let sd = (200.0f64 / 3.0).sqrt();
        assert!((standard[0].x[0] + 10.0 / sd).abs() < 1e-12);
        assert_eq!(standard[1].x, [0.0, 0.0]);
        let range = Scale::Range.apply(&samples);
        assert_eq!(
            range.iter().map(|s| s.x[1]).collect::<Vec<_>>(),
            [-1.0, 0.0, 1.0]
        );
        assert_eq!(Scale::None.apply(&samples), samples);
        // A column of one value is centred, not divided by zero.
        let flat = Scale::Standard.apply(&[sample(5.0, 1.0, 1.0), sample(5.0, 2.0, -1.0)]);
        assert_eq!(flat[0].x[0], 0.0);
        let rows = Rows {
            file: "f.csv".into(),
            columns: vec!["a".into(), "b".into()],
            label: "y".into(),
            labels: Some(["no".into(), "yes".into()]),
            scale: Scale::Range,
            samples: samples.clone().into(),
        };
        let data = DataSpec {
            train_fraction: 2.0 / 3.0,
            ..spec(Generator::Rows(Box::new(rows)), 0, 0.0)
        }
        .generate()
        .unwrap();
        assert_eq!(
            (data.task, data.train.len(), data.test.len()),
            (Task::Binary, 2, 1)
        );
        assert!(data
            .train
            .iter()
            .chain(&data.test)
            .all(|s| s.x.iter().all(|v| v.abs() <= 1.0)));
        for name in Scale::ALL.map(Scale::name) {
            assert_eq!(Scale::from_name(name).map(Scale::name), Some(name));
        }
    }
}
