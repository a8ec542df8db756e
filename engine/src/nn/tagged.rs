//! How the network's tagged settings read back: `{"kind": "adam", "beta1": 0.9, …}`.
//!
//! They are written as serde writes an internally tagged enum, but read through one plain struct
//! that holds every field any of them has, then checked kind by kind. serde's own reader for an
//! internally tagged enum first buffers the whole object, about 6 KB of WebAssembly per enum (the
//! five here were 28 KB of the app's download); this is one small reader for all of them.

use serde::Deserialize;

use super::activation::Activation;
use super::data::{Generator, Rows, Sample, Scale};
use super::train::{Optimizer, Regularization, Schedule};

/// A tagged setting as read: its kind and whichever fields it had.
#[derive(Deserialize)]
pub struct Tagged {
    kind: String,
    a: Option<f64>,
    expression: Option<String>,
    margin: Option<f64>,
    bits: Option<usize>,
    classes: Option<usize>,
    beta: Option<f64>,
    beta1: Option<f64>,
    beta2: Option<f64>,
    epsilon: Option<f64>,
    rate: Option<f64>,
    end: Option<f64>,
    steps: Option<usize>,
    file: Option<String>,
    columns: Option<Vec<String>>,
    label: Option<String>,
    labels: Option<[String; 2]>,
    scale: Option<Scale>,
    samples: Option<Vec<Sample>>,
}

/// A field the kind needs, or serde's words for its absence.
fn needs<T>(field: Option<T>, name: &str) -> Result<T, String> {
    field.ok_or_else(|| format!("missing field `{name}`"))
}

impl Tagged {
    /// serde's words for a kind that is none of `kinds`.
    fn unknown(&self, kinds: &[&str]) -> String {
        let kinds: Vec<String> = kinds.iter().map(|k| format!("`{k}`")).collect();
        format!(
            "unknown variant `{}`, expected one of {}",
            self.kind,
            kinds.join(", ")
        )
    }
}

impl TryFrom<Tagged> for Activation {
    type Error = String;
    fn try_from(t: Tagged) -> Result<Self, String> {
        Ok(match t.kind.as_str() {
            "linear" => Activation::Linear,
            "sigmoid" => Activation::Sigmoid,
            "tanh" => Activation::Tanh,
            "relu" => Activation::Relu,
            "leaky_relu" => Activation::LeakyRelu {
                a: needs(t.a, "a")?,
            },
            "elu" => Activation::Elu {
                a: needs(t.a, "a")?,
            },
            _ => {
                let kinds = Activation::ALL.map(Activation::name);
                return Err(t.unknown(&kinds));
            }
        })
    }
}

impl TryFrom<Tagged> for Generator {
    type Error = String;
    fn try_from(t: Tagged) -> Result<Self, String> {
        Ok(match t.kind.as_str() {
            "function" => Generator::Function {
                expression: needs(t.expression, "expression")?,
            },
            "parity" => Generator::Parity {
                bits: needs(t.bits, "bits")?,
            },
            "blobs" => Generator::Blobs {
                classes: needs(t.classes, "classes")?,
            },
            "boundary" => Generator::Boundary {
                expression: needs(t.expression, "expression")?,
                margin: t.margin.unwrap_or(0.0),
            },
            "rows" => Generator::Rows(Box::new(Rows {
                file: t.file.unwrap_or_default(),
                columns: needs(t.columns, "columns")?,
                label: t.label.unwrap_or_default(),
                labels: t.labels,
                scale: t.scale.unwrap_or(Scale::None),
                samples: needs(t.samples, "samples")?.into(),
            })),
            kind => match Generator::from_name(kind, "", 0) {
                Some(generator) => generator,
                None => return Err(t.unknown(&Generator::NAMES)),
            },
        })
    }
}

impl TryFrom<Tagged> for Optimizer {
    type Error = String;
    fn try_from(t: Tagged) -> Result<Self, String> {
        Ok(match t.kind.as_str() {
            "sgd" => Optimizer::Sgd,
            "momentum" => Optimizer::Momentum {
                beta: needs(t.beta, "beta")?,
            },
            "adam" => Optimizer::Adam {
                beta1: needs(t.beta1, "beta1")?,
                beta2: needs(t.beta2, "beta2")?,
                epsilon: needs(t.epsilon, "epsilon")?,
            },
            _ => return Err(t.unknown(&["sgd", "momentum", "adam"])),
        })
    }
}

impl TryFrom<Tagged> for Regularization {
    type Error = String;
    fn try_from(t: Tagged) -> Result<Self, String> {
        Ok(match t.kind.as_str() {
            "none" => Regularization::None,
            "l1" => Regularization::L1 {
                rate: needs(t.rate, "rate")?,
            },
            "l2" => Regularization::L2 {
                rate: needs(t.rate, "rate")?,
            },
            _ => return Err(t.unknown(&["none", "l1", "l2"])),
        })
    }
}

impl TryFrom<Tagged> for Schedule {
    type Error = String;
    fn try_from(t: Tagged) -> Result<Self, String> {
        Ok(match t.kind.as_str() {
            "constant" => Schedule::Constant,
            "linear" => Schedule::Linear {
                end: needs(t.end, "end")?,
                steps: needs(t.steps, "steps")?,
            },
            _ => return Err(t.unknown(&["constant", "linear"])),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use std::fmt::Debug;

    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: T) {
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
    }

    #[test]
    fn every_kind_reads_back_as_written() {
        Activation::ALL.into_iter().for_each(round_trip);
        for name in Generator::NAMES.into_iter().filter(|&n| n != "rows") {
            let generator = Generator::from_name(name, "sin(x)", 3).unwrap();
            assert_eq!(generator.name(), name);
            round_trip(generator);
        }
        round_trip(Generator::Boundary {
            expression: "x^2/3".into(),
            margin: 0.5,
        });
        round_trip(Generator::Rows(Box::new(Rows {
            file: "exam.csv".into(),
            columns: vec!["hours".into(), "score".into()],
            label: "passed".into(),
            labels: Some(["no".into(), "yes".into()]),
            scale: Scale::Standard,
            samples: vec![Sample {
                x: vec![1.5, -2.0],
                y: 1.0,
            }]
            .into(),
        })));
        [Optimizer::Sgd, Optimizer::MOMENTUM, Optimizer::ADAM]
            .into_iter()
            .for_each(round_trip);
        [
            Regularization::None,
            Regularization::L1 { rate: 0.01 },
            Regularization::L2 { rate: 1e-3 },
        ]
        .into_iter()
        .for_each(round_trip);
        [
            Schedule::Constant,
            Schedule::Linear {
                end: 0.1,
                steps: 100,
            },
        ]
        .into_iter()
        .for_each(round_trip);
    }

    #[test]
    fn what_is_wrong_is_named_with_where() {
        // As in a model file: a setting inside the setup, whose reader says where.
        #[derive(Debug, Deserialize)]
        struct Holder {
            #[allow(dead_code)]
            optimizer: Optimizer,
        }
        let error = |json: &str| {
            serde_json::from_str::<Holder>(json)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error(r#"{"optimizer": {"kind": "adamw"}}"#),
            "unknown variant `adamw`, expected one of `sgd`, `momentum`, `adam` at line 1 column 32"
        );
        assert_eq!(
            error(r#"{"optimizer": {"kind": "momentum"}}"#),
            "missing field `beta` at line 1 column 35"
        );
        assert!(error(r#"{"optimizer": {"beta": 0.9}}"#).starts_with("missing field `kind`"));
        assert!(
            error(r#"{"optimizer": {"kind": "momentum", "beta": "high"}}"#)
                .starts_with("invalid type: string \"high\", expected f64")
        );
        let activation = serde_json::from_str::<Activation>(r#"{"kind": "swish"}"#);
        assert!(activation
            .unwrap_err()
            .to_string()
            .contains("`leaky_relu`, `elu`"));
        let generator = serde_json::from_str::<Generator>(r#"{"kind": "parity"}"#);
        assert!(generator
            .unwrap_err()
            .to_string()
            .contains("missing field `bits`"));
    }
}
