//! A network setup as readable URL pairs (`data=xor&layers=4:tanh,2:tanh&lr=0.03`), so a teacher
//! can write a link by hand and a link reproduces the same run: same data seed, same weight seed,
//! and on request the trained weights themselves. Reading is strict and says what is wrong.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Weak};

use chainrule::nn::data::{Feature, Generator, Rows, Sample, Scale};
use chainrule::nn::mlp::Mlp;
use chainrule::nn::setup::Setup;
use chainrule::render::text::{excerpt, QUOTED};

/// Query pairs, in order.
pub type Pairs = Vec<(String, String)>;

/// A setting's refusal as the link's: "the loss 'x' is …" becomes "its loss 'x' is …".
fn its<T>(read: Result<T, String>) -> Result<T, String> {
    read.map_err(|reason| match reason.strip_prefix("the ") {
        Some(rest) => format!("its {rest}"),
        None => reason,
    })
}

fn number(text: &str, what: &str) -> Result<f64, String> {
    its(chainrule::nn::text::number(text, what))
}

fn whole(text: &str, what: &str) -> Result<usize, String> {
    its(chainrule::nn::text::whole(text, what))
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

/// Most rows of a file's data a link carries (about 20 KB of text); the model file keeps more.
pub const LINK_ROWS: usize = 1000;

/// A file's rows as [`points_text`] writes them, kept for the rows last written: the link is
/// written at every frame of training, and a file's rows never change (a new file is new rows).
fn rows_text(rows: &Arc<[Sample]>) -> Rc<str> {
    /// The rows last written (while they live) and their text.
    type Written = Option<(Weak<[Sample]>, Rc<str>)>;
    thread_local! {
        static LAST: RefCell<Written> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((weak, text)) = last.as_ref() {
            if weak.upgrade().is_some_and(|kept| Arc::ptr_eq(&kept, rows)) {
                return text.clone();
            }
        }
        let text: Rc<str> = points_text(rows).into();
        *last = Some((Arc::downgrade(rows), text.clone()));
        text
    })
}

/// Points as `x1:x2:y;…`, the form of added points and of a file's rows.
fn points_text(samples: &[Sample]) -> String {
    let points: Vec<String> = samples
        .iter()
        .map(|s| {
            let x: Vec<String> = s.x.iter().map(f64::to_string).collect();
            format!("{}:{}", x.join(":"), s.y)
        })
        .collect();
    points.join(";")
}

/// The points [`points_text`] wrote; `what` names one in a refusal.
fn read_points(text: &str, what: &str) -> Result<Vec<Sample>, String> {
    text.split(';')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let numbers: Vec<f64> = p
                .split(':')
                .map(|n| number(n, what))
                .collect::<Result<_, _>>()?;
            match numbers.split_last() {
                Some((&y, x)) if !x.is_empty() => Ok(Sample { x: x.to_vec(), y }),
                _ => Err(format!(
                    "its {what} '{}' has no coordinates",
                    excerpt(p, QUOTED)
                )),
            }
        })
        .collect()
}

/// The pairs describing `setup`, each key prefixed with `prefix` (`""` for the first run, `"b."`
/// for the second). A file's rows are in them up to [`LINK_ROWS`].
pub fn setup_pairs(setup: &Setup, prefix: &str) -> Pairs {
    let mut pairs: Pairs = Vec::new();
    let mut put = |key: &str, value: String| pairs.push((format!("{prefix}{key}"), value));
    put("data", setup.data.generator.to_string());
    if let Generator::Rows(rows) = &setup.data.generator {
        put("file", rows.file.clone());
        for (key, column) in ["col1", "col2"].iter().zip(&rows.columns) {
            put(key, column.clone());
        }
        put("label", rows.label.clone());
        if let Some([negative, positive]) = &rows.labels {
            put("neg", negative.clone());
            put("pos", positive.clone());
        }
        put("scale", rows.scale.name().into());
        if rows.samples.len() <= LINK_ROWS {
            put("rows", rows_text(&rows.samples).to_string());
        }
    }
    put("points", setup.data.points.to_string());
    put("noise", setup.data.noise.to_string());
    put("train", setup.data.train_fraction.to_string());
    put("dseed", setup.data.seed.to_string());
    let features: Vec<&str> = setup.features.iter().map(|f| f.name()).collect();
    put("features", features.join(","));
    let layers: Vec<String> = setup
        .hidden
        .iter()
        .map(|&(n, a)| format!("{n}:{a}"))
        .collect();
    put("layers", layers.join(","));
    put("out", setup.output.to_string());
    put("loss", setup.loss.to_string());
    put("opt", setup.optimizer.to_string());
    put("lr", setup.learning_rate.to_string());
    put("batch", setup.batch_size.to_string());
    put("reg", setup.regularization.to_string());
    put("init", setup.init.to_string());
    put("wseed", setup.weight_seed.to_string());
    if !setup.added.is_empty() {
        put("add", points_text(&setup.added));
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
    match get("data") {
        Some("rows") => setup.data.generator = Generator::Rows(Box::new(parse_rows(&get)?)),
        Some(v) => setup.data.generator = its(v.parse())?,
        None => {}
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
            .map(|f| its(f.parse::<Feature>()))
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
                Ok((whole(n, "layer size")?, its(a.parse())?))
            })
            .collect::<Result<_, String>>()?;
    }
    if let Some(v) = get("out") {
        setup.output = its(v.parse())?;
    }
    if let Some(v) = get("loss") {
        setup.loss = its(v.parse())?;
    }
    if let Some(v) = get("opt") {
        setup.optimizer = its(v.parse())?;
    }
    if let Some(v) = get("lr") {
        setup.learning_rate = number(v, "learning rate")?;
    }
    if let Some(v) = get("batch") {
        setup.batch_size = whole(v, "batch size")?;
    }
    if let Some(v) = get("reg") {
        setup.regularization = its(v.parse())?;
    }
    if let Some(v) = get("init") {
        setup.init = its(v.parse())?;
    }
    if let Some(v) = get("wseed") {
        setup.weight_seed = seed(v, "weight seed")?;
    }
    if let Some(v) = get("add") {
        setup.added = read_points(v, "added point")?;
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

/// A file's data as the pairs give it, or why they do not.
fn parse_rows<'a>(get: &impl Fn(&str) -> Option<&'a str>) -> Result<Rows, String> {
    let file = get("file").unwrap_or("your file").to_string();
    let Some(rows) = get("rows") else {
        return Err(format!(
            "its data set is the file '{}', which has more rows than a link holds ({LINK_ROWS}): open the model file saved with it, or import the file again",
            excerpt(&file, QUOTED)
        ));
    };
    let scale = get("scale").unwrap_or("none");
    Ok(Rows {
        columns: ["col1", "col2"]
            .iter()
            .filter_map(|k| get(k))
            .map(str::to_string)
            .collect(),
        label: get("label").unwrap_or("label").to_string(),
        labels: get("neg")
            .zip(get("pos"))
            .map(|(n, p)| [n.to_string(), p.to_string()]),
        scale: Scale::from_name(scale)
            .ok_or_else(|| format!("its scale '{}' is unknown", excerpt(scale, QUOTED)))?,
        samples: read_points(rows, "row")?.into(),
        file,
    })
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
    use chainrule::nn::activation::Activation;
    use chainrule::nn::data::Generator;
    use chainrule::nn::loss::Loss;
    use chainrule::nn::mlp::Init;
    use chainrule::nn::train::{Optimizer, Regularization};

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
        setup.data.generator = Generator::Boundary {
            expression: "x^2/3 - 2".into(),
            margin: 0.25,
        };
        assert_eq!(parse_setup(&setup_pairs(&setup, ""), "").unwrap(), setup);
    }

    #[test]
    fn a_small_files_rows_travel_in_the_link_and_a_large_ones_are_named() {
        let mut rows = Rows {
            file: "exam, 2026.csv".into(),
            columns: vec!["hours".into(), "score %".into()],
            label: "passed?".into(),
            labels: Some(["no".into(), "yes; or so".into()]),
            scale: Scale::Standard,
            samples: vec![
                Sample {
                    x: vec![1.5, 0.1],
                    y: 1.0,
                },
                Sample {
                    x: vec![-3.0, 2.0 / 3.0],
                    y: -1.0,
                },
            ]
            .into(),
        };
        let mut setup = Setup::default();
        setup.features.clear();
        setup.data.generator = Generator::Rows(Box::new(rows.clone()));
        assert_eq!(parse_setup(&setup_pairs(&setup, ""), "").unwrap(), setup);
        // Other rows (a file imported after) are written as themselves, not as the last ones.
        let mut other = rows.clone();
        other.samples = vec![Sample {
            x: vec![7.0, 8.0],
            y: 1.0,
        }]
        .into();
        setup.data.generator = Generator::Rows(Box::new(other));
        assert_eq!(parse_setup(&setup_pairs(&setup, ""), "").unwrap(), setup);
        rows.samples = vec![rows.samples[0].clone(); LINK_ROWS + 1].into();
        setup.data.generator = Generator::Rows(Box::new(rows));
        let refusal = parse_setup(&setup_pairs(&setup, ""), "").unwrap_err();
        assert!(
            refusal.contains("the file 'exam, 2026.csv', which has more rows than a link holds (1000): open the model file"),
            "{refusal}"
        );
        let broken = pairs(&[("data", "rows"), ("rows", "1:2;x:1")]);
        assert!(parse_setup(&broken, "")
            .unwrap_err()
            .contains("its row 'x' is not a number"));
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
