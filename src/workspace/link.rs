//! A network setup as readable URL pairs (`data=xor&layers=4:tanh,2:tanh&lr=0.03`), so a teacher
//! can write a link by hand and a link reproduces the same run: same data seed, same weight seed,
//! and on request the trained weights themselves. Reading is strict and says what is wrong.

use chainrule::nn::activation::Activation;
use chainrule::nn::data::{Feature, Generator, Sample};
use chainrule::nn::loss::Loss;
use chainrule::nn::mlp::{Init, Mlp};
use chainrule::nn::setup::Setup;
use chainrule::nn::train::{Optimizer, Regularization};
use chainrule::render::text::{excerpt, QUOTED};

/// Query pairs, in order.
pub type Pairs = Vec<(String, String)>;

/// `tanh`, `leaky_relu:0.2`, `elu:1`.
pub fn activation_text(activation: Activation) -> String {
    match activation {
        Activation::LeakyRelu { a } | Activation::Elu { a } => {
            format!("{}:{a}", activation.name())
        }
        other => other.name().to_string(),
    }
}

/// The activation written as [`activation_text`] writes it (a missing parameter takes the
/// lecture's default).
pub fn parse_activation(text: &str) -> Result<Activation, String> {
    let (name, parameter) = match text.split_once(':') {
        Some((name, p)) => (name, Some(p)),
        None => (text, None),
    };
    let base = Activation::from_name(name)
        .ok_or_else(|| format!("'{}' is not an activation", excerpt(name, QUOTED)))?;
    let Some(p) = parameter else {
        return Ok(base);
    };
    let a = number(p, "activation parameter")?;
    match base {
        Activation::LeakyRelu { .. } => Ok(Activation::LeakyRelu { a }),
        Activation::Elu { .. } => Ok(Activation::Elu { a }),
        _ => Err(format!("{name} takes no parameter")),
    }
}

fn number(text: &str, what: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("its {what} '{}' is not a number", excerpt(text, QUOTED)))
}

fn whole(text: &str, what: &str) -> Result<usize, String> {
    let text = text.trim();
    text.parse().map_err(|_| {
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        format!(
            "its {what} '{}' is {}",
            excerpt(text, QUOTED),
            if digits {
                "far too large"
            } else {
                "not a whole number"
            }
        )
    })
}

/// A seed: any whole number from 0 to 2⁶⁴ − 1, the same range as the form, model files and the
/// command line (a `usize` would be 32 bits in the browser).
fn seed(text: &str, what: &str) -> Result<u64, String> {
    text.trim().parse().map_err(|_| {
        format!(
            "its {what} '{}' is not a whole number from 0 to {}",
            excerpt(text, QUOTED),
            u64::MAX
        )
    })
}

/// The data set as a link writes it: `xor`, `function:sin(x)`, `parity:6`, `blobs:3`.
pub fn generator_text(generator: &Generator) -> String {
    let name = generator.name();
    match generator {
        Generator::Function { expression } => format!("{name}:{expression}"),
        Generator::Parity { bits } => format!("{name}:{bits}"),
        Generator::Blobs { classes } => format!("{name}:{classes}"),
        _ => name.to_string(),
    }
}

/// The data set [`generator_text`] wrote.
pub fn parse_generator(text: &str) -> Result<Generator, String> {
    let (name, rest) = text.split_once(':').unwrap_or((text, ""));
    let count = match name {
        "parity" => whole(rest, "number of bits")?,
        "blobs" => whole(rest, "number of classes")?,
        _ => 0,
    };
    Generator::from_name(name, rest, count)
        .ok_or_else(|| format!("its data set '{}' is unknown", excerpt(name, QUOTED)))
}

fn optimizer_text(optimizer: Optimizer) -> String {
    match optimizer {
        Optimizer::Sgd => "sgd".into(),
        Optimizer::Momentum { beta } => format!("momentum:{beta}"),
        Optimizer::Adam { .. } => "adam".into(),
    }
}

/// Adam with its usual constants.
pub const ADAM: Optimizer = Optimizer::Adam {
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
};

fn parse_optimizer(text: &str) -> Result<Optimizer, String> {
    match text.split_once(':') {
        None if text == "sgd" => Ok(Optimizer::Sgd),
        None if text == "adam" => Ok(ADAM),
        None if text == "momentum" => Ok(Optimizer::Momentum { beta: 0.9 }),
        Some(("momentum", beta)) => Ok(Optimizer::Momentum {
            beta: number(beta, "momentum")?,
        }),
        _ => Err(format!(
            "its optimiser '{}' is not one of sgd, momentum, momentum:β and adam",
            excerpt(text, QUOTED)
        )),
    }
}

fn regularization_text(r: Regularization) -> String {
    match r {
        Regularization::None => "none".into(),
        Regularization::L1 { rate } => format!("l1:{rate}"),
        Regularization::L2 { rate } => format!("l2:{rate}"),
    }
}

fn parse_regularization(text: &str) -> Result<Regularization, String> {
    match text.split_once(':') {
        None if text == "none" => Ok(Regularization::None),
        Some(("l1", rate)) => Ok(Regularization::L1 {
            rate: number(rate, "L1 rate")?,
        }),
        Some(("l2", rate)) => Ok(Regularization::L2 {
            rate: number(rate, "L2 rate")?,
        }),
        _ => Err(format!(
            "its regularisation '{}' is unknown",
            excerpt(text, QUOTED)
        )),
    }
}

fn init_text(init: Init) -> String {
    match init {
        Init::Xavier => "xavier".into(),
        Init::He => "he".into(),
        Init::Uniform { scale } => format!("uniform:{scale}"),
    }
}

fn parse_init(text: &str) -> Result<Init, String> {
    match text.split_once(':') {
        None if text == "xavier" => Ok(Init::Xavier),
        None if text == "he" => Ok(Init::He),
        Some(("uniform", scale)) => Ok(Init::Uniform {
            scale: number(scale, "initial scale")?,
        }),
        _ => Err(format!(
            "its initialisation '{}' is unknown",
            excerpt(text, QUOTED)
        )),
    }
}

/// The pairs describing `setup`, each key prefixed with `prefix` (`""` for the first run, `"b."`
/// for the second).
pub fn setup_pairs(setup: &Setup, prefix: &str) -> Pairs {
    let mut pairs: Pairs = Vec::new();
    let mut put = |key: &str, value: String| pairs.push((format!("{prefix}{key}"), value));
    put("data", generator_text(&setup.data.generator));
    put("points", setup.data.points.to_string());
    put("noise", setup.data.noise.to_string());
    put("train", setup.data.train_fraction.to_string());
    put("dseed", setup.data.seed.to_string());
    let features: Vec<&str> = setup.features.iter().map(|f| f.name()).collect();
    put("features", features.join(","));
    let layers: Vec<String> = setup
        .hidden
        .iter()
        .map(|&(n, a)| format!("{n}:{}", activation_text(a)))
        .collect();
    put("layers", layers.join(","));
    put("out", activation_text(setup.output));
    put("loss", setup.loss.name().into());
    put("opt", optimizer_text(setup.optimizer));
    put("lr", setup.learning_rate.to_string());
    put("batch", setup.batch_size.to_string());
    put("reg", regularization_text(setup.regularization));
    put("init", init_text(setup.init));
    put("wseed", setup.weight_seed.to_string());
    if !setup.added.is_empty() {
        let added: Vec<String> = setup
            .added
            .iter()
            .map(|s| {
                let x: Vec<String> = s.x.iter().map(f64::to_string).collect();
                format!("{}:{}", x.join(":"), s.y)
            })
            .collect();
        put("add", added.join(";"));
    }
    if !setup.removed.is_empty() {
        let removed: Vec<String> = setup.removed.iter().map(usize::to_string).collect();
        put("del", removed.join(","));
    }
    pairs
}

/// The setup described by pairs with keys prefixed by `prefix`, or why they do not describe one.
/// Keys that are missing keep the default's value, so a hand-written link can be short.
pub fn parse_setup(pairs: &[(String, String)], prefix: &str) -> Result<Setup, String> {
    let get = |key: &str| {
        let key = format!("{prefix}{key}");
        pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    };
    let mut setup = Setup::default();
    if let Some(v) = get("data") {
        setup.data.generator = parse_generator(v)?;
    }
    if let Some(v) = get("points") {
        setup.data.points = whole(v, "number of points")?;
    }
    if let Some(v) = get("noise") {
        setup.data.noise = number(v, "noise")?;
    }
    if let Some(v) = get("train") {
        setup.data.train_fraction = number(v, "training share")?;
    }
    if let Some(v) = get("dseed") {
        setup.data.seed = seed(v, "data seed")?;
    }
    if let Some(v) = get("features") {
        setup.features = v
            .split(',')
            .filter(|f| !f.is_empty())
            .map(|f| {
                Feature::from_name(f)
                    .ok_or_else(|| format!("its feature '{}' is unknown", excerpt(f, QUOTED)))
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(v) = get("layers") {
        setup.hidden = v
            .split(',')
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (n, a) = l.split_once(':').ok_or_else(|| {
                    format!("its layer '{}' is not units:activation", excerpt(l, QUOTED))
                })?;
                Ok((whole(n, "layer size")?, parse_activation(a)?))
            })
            .collect::<Result<_, String>>()?;
    }
    if let Some(v) = get("out") {
        setup.output = parse_activation(v)?;
    }
    if let Some(v) = get("loss") {
        setup.loss = Loss::from_name(v)
            .ok_or_else(|| format!("its loss '{}' is unknown", excerpt(v, QUOTED)))?;
    }
    if let Some(v) = get("opt") {
        setup.optimizer = parse_optimizer(v)?;
    }
    if let Some(v) = get("lr") {
        setup.learning_rate = number(v, "learning rate")?;
    }
    if let Some(v) = get("batch") {
        setup.batch_size = whole(v, "batch size")?;
    }
    if let Some(v) = get("reg") {
        setup.regularization = parse_regularization(v)?;
    }
    if let Some(v) = get("init") {
        setup.init = parse_init(v)?;
    }
    if let Some(v) = get("wseed") {
        setup.weight_seed = seed(v, "weight seed")?;
    }
    if let Some(v) = get("add") {
        setup.added = v
            .split(';')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let numbers: Vec<f64> = p
                    .split(':')
                    .map(|n| number(n, "added point"))
                    .collect::<Result<_, _>>()?;
                match numbers.split_last() {
                    Some((&y, x)) if !x.is_empty() => Ok(Sample { x: x.to_vec(), y }),
                    _ => Err(format!(
                        "its added point '{}' has no coordinates",
                        excerpt(p, QUOTED)
                    )),
                }
            })
            .collect::<Result<_, String>>()?;
    }
    if let Some(v) = get("del") {
        setup.removed = v
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| whole(p, "removed point"))
            .collect::<Result<_, _>>()?;
    }
    setup
        .check()
        .map_err(|reason| format!("its setup is not trainable ({reason})"))?;
    Ok(setup)
}

/// Every weight of `mlp`, layer by layer, as the shortest text that reads back exactly.
pub fn weights_text(mlp: &Mlp) -> String {
    let all: Vec<String> = mlp
        .layers
        .iter()
        .flat_map(|l| l.weights.iter().map(f64::to_string))
        .collect();
    all.join(",")
}

/// Puts the weights [`weights_text`] wrote into `mlp`, which must have the same shape.
pub fn read_weights(text: &str, mlp: &mut Mlp) -> Result<(), String> {
    let values: Vec<f64> = text
        .split(',')
        .map(|w| number(w, "weight"))
        .collect::<Result<_, _>>()?;
    if values.len() != mlp.parameter_count() {
        return Err(format!(
            "it has {} weights for a network of {}",
            values.len(),
            mlp.parameter_count()
        ));
    }
    let mut values = values.into_iter();
    for w in mlp.layers.iter_mut().flat_map(|l| l.weights.iter_mut()) {
        *w = values.next().unwrap_or(*w);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Pairs {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_setting_survives_the_round_trip() {
        let mut setup = Setup::default();
        setup.data.generator = Generator::Spiral;
        setup.data.noise = 0.25;
        setup.data.points = 321;
        setup.data.seed = 5_000_000_000;
        setup.features = vec![Feature::X1X2, Feature::SinX2];
        setup.hidden = vec![
            (8, Activation::LeakyRelu { a: 0.2 }),
            (3, Activation::Elu { a: 1.5 }),
            (5, Activation::Relu),
        ];
        setup.output = Activation::Sigmoid;
        setup.loss = Loss::BinaryCrossEntropy;
        setup.optimizer = Optimizer::Momentum { beta: 0.8 };
        setup.learning_rate = 0.003;
        setup.batch_size = 0;
        setup.regularization = Regularization::L1 { rate: 1e-4 };
        setup.init = Init::Uniform { scale: 0.5 };
        setup.weight_seed = u64::MAX;
        setup.added = vec![Sample {
            x: vec![1.5, -2.25],
            y: -1.0,
        }];
        setup.removed = vec![4, 8];
        let back = parse_setup(&setup_pairs(&setup, "b."), "b.").unwrap();
        assert_eq!(back, setup);
        setup.data.generator = Generator::Function {
            expression: "sin(x) + x:2".into(),
        };
        setup.loss = Loss::SquaredError;
        assert_eq!(parse_setup(&setup_pairs(&setup, ""), "").unwrap(), setup);
    }

    #[test]
    fn a_short_link_fills_in_the_defaults() {
        let setup = parse_setup(&pairs(&[("layers", "4:tanh,4:tanh")]), "").unwrap();
        assert_eq!(setup.hidden, [(4, Activation::Tanh), (4, Activation::Tanh)]);
        assert_eq!(setup.learning_rate, Setup::default().learning_rate);
        assert!(parse_setup(&pairs(&[("layers", "")]), "")
            .unwrap()
            .hidden
            .is_empty());
    }

    #[test]
    fn tampered_pairs_are_refused_with_a_reason() {
        let cases = [
            (pairs(&[("data", "donut")]), "'donut' is unknown"),
            (pairs(&[("layers", "4")]), "units:activation"),
            (pairs(&[("layers", "4:swish")]), "not an activation"),
            (pairs(&[("layers", "-4:tanh")]), "whole number"),
            (pairs(&[("lr", "fast")]), "not a number"),
            (pairs(&[("lr", "inf")]), "not a number"),
            (pairs(&[("lr", "0")]), "learning rate must be"),
            (pairs(&[("loss", "softmax")]), "not trainable"),
            (pairs(&[("add", "3")]), "no coordinates"),
            (pairs(&[("layers", "100000:relu")]), "neurons"),
            (pairs(&[("out", "relu:2")]), "no parameter"),
            (
                pairs(&[("points", "99999999999999999999999")]),
                "far too large",
            ),
            (pairs(&[("opt", "adam:1,1,0")]), "not one of sgd"),
            (pairs(&[("noise", "1e308")]), "not 1e308"),
        ];
        for (pairs, reason) in cases {
            let err = parse_setup(&pairs, "").unwrap_err();
            assert!(err.contains(reason), "{err}");
        }
    }

    #[test]
    fn weights_read_back_exactly_and_a_wrong_count_is_refused() {
        let (_, trainer) = Setup::default().build().unwrap();
        let text = weights_text(&trainer.mlp);
        let mut other = Setup {
            weight_seed: 2,
            ..Setup::default()
        }
        .build()
        .unwrap()
        .1
        .mlp;
        assert_ne!(other, trainer.mlp);
        read_weights(&text, &mut other).unwrap();
        assert_eq!(other, trainer.mlp);
        assert!(read_weights("1,2", &mut other)
            .unwrap_err()
            .contains("2 weights"));
    }
}
