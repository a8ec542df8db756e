//! Each setting's one text form (`leaky_relu:0.2`, `momentum:0.9`, `parity:6`, `l2:0.001`,
//! `uniform:0.5`), written by `Display` and read back by `FromStr`: links, the workspace's form,
//! model files and the command line all use these, so a name or a default is defined here once.
//! Reading is strict and a refusal says what was not understood.

use std::fmt;
use std::str::FromStr;

use super::activation::Activation;
use super::data::{Feature, Generator};
use super::loss::Loss;
use super::mlp::Init;
use super::train::{Optimizer, Regularization};
use crate::render::text::{excerpt, QUOTED};

impl Optimizer {
    /// Adam with its usual constants (Kingma and Ba).
    pub const ADAM: Optimizer = Optimizer::Adam {
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    };

    /// Momentum with its usual β.
    pub const MOMENTUM: Optimizer = Optimizer::Momentum { beta: 0.9 };
}

/// `text` as a finite number, or a refusal naming it as `what`.
pub fn number(text: &str, what: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("the {what} '{}' is not a number", excerpt(text, QUOTED)))
}

/// `text` as a whole number, or a refusal naming it as `what`.
pub fn whole(text: &str, what: &str) -> Result<usize, String> {
    let text = text.trim();
    text.parse().map_err(|_| {
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        format!(
            "the {what} '{}' is {}",
            excerpt(text, QUOTED),
            if digits {
                "far too large"
            } else {
                "not a whole number"
            }
        )
    })
}

/// `name:parameter` split at its first colon.
fn split(text: &str) -> (&str, Option<&str>) {
    match text.split_once(':') {
        Some((name, parameter)) => (name, Some(parameter)),
        None => (text, None),
    }
}

impl fmt::Display for Activation {
    /// `tanh`; `leaky_relu:0.1` and `elu:1` with their parameter.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Activation::LeakyRelu { a } | Activation::Elu { a } => write!(f, "{}:{a}", self.name()),
            other => f.write_str(other.name()),
        }
    }
}

impl FromStr for Activation {
    type Err = String;

    /// As written; a missing parameter takes the lecture's default.
    fn from_str(text: &str) -> Result<Activation, String> {
        let (name, parameter) = split(text);
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
}

impl fmt::Display for Generator {
    /// `xor`, `function:sin(x)`, `boundary:sin(x)` or with a margin `boundary:0.5:sin(x)`,
    /// `parity:6`, `blobs:3`, `rows` (whose rows a link carries apart).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.name();
        match self {
            Generator::Function { expression } => write!(f, "{name}:{expression}"),
            Generator::Boundary { expression, margin } if *margin != 0.0 => {
                write!(f, "{name}:{margin}:{expression}")
            }
            Generator::Boundary { expression, .. } => write!(f, "{name}:{expression}"),
            Generator::Parity { bits } => write!(f, "{name}:{bits}"),
            Generator::Blobs { classes } => write!(f, "{name}:{classes}"),
            _ => f.write_str(name),
        }
    }
}

impl FromStr for Generator {
    type Err = String;

    fn from_str(text: &str) -> Result<Generator, String> {
        let (name, rest) = text.split_once(':').unwrap_or((text, ""));
        let count = match name {
            "parity" => whole(rest, "number of bits")?,
            "blobs" => whole(rest, "number of classes")?,
            _ => 0,
        };
        // `boundary:0.5:f`: a number before a second colon is the margin.
        if let ("boundary", Some((margin, expression))) = (name, rest.split_once(':')) {
            if let Ok(margin) = margin.trim().parse::<f64>() {
                return Ok(Generator::Boundary {
                    expression: expression.to_string(),
                    margin,
                });
            }
        }
        if name == "rows" {
            return Err("a data set of rows comes with its rows: import the file".into());
        }
        Generator::from_name(name, rest, count)
            .ok_or_else(|| format!("the data set '{}' is unknown", excerpt(name, QUOTED)))
    }
}

impl fmt::Display for Optimizer {
    /// `sgd`, `momentum:0.9`, `adam` (Adam's constants are always the usual ones).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Optimizer::Sgd => f.write_str("sgd"),
            Optimizer::Momentum { beta } => write!(f, "momentum:{beta}"),
            Optimizer::Adam { .. } => f.write_str("adam"),
        }
    }
}

impl FromStr for Optimizer {
    type Err = String;

    /// `sgd`, `momentum` (β = 0.9), `momentum:β`, `adam`.
    fn from_str(text: &str) -> Result<Optimizer, String> {
        match split(text) {
            ("sgd", None) => Ok(Optimizer::Sgd),
            ("adam", None) => Ok(Optimizer::ADAM),
            ("momentum", None) => Ok(Optimizer::MOMENTUM),
            ("momentum", Some(beta)) => Ok(Optimizer::Momentum {
                beta: number(beta, "momentum")?,
            }),
            _ => Err(format!(
                "the optimiser '{}' is not one of sgd, momentum, momentum:β and adam",
                excerpt(text, QUOTED)
            )),
        }
    }
}

impl fmt::Display for Regularization {
    /// `none`, `l1:0.001`, `l2:0.001`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Regularization::None => f.write_str("none"),
            Regularization::L1 { rate } => write!(f, "l1:{rate}"),
            Regularization::L2 { rate } => write!(f, "l2:{rate}"),
        }
    }
}

impl FromStr for Regularization {
    type Err = String;

    fn from_str(text: &str) -> Result<Regularization, String> {
        match split(text) {
            ("none", None) => Ok(Regularization::None),
            ("l1", Some(rate)) => Ok(Regularization::L1 {
                rate: number(rate, "L1 rate")?,
            }),
            ("l2", Some(rate)) => Ok(Regularization::L2 {
                rate: number(rate, "L2 rate")?,
            }),
            _ => Err(format!(
                "the regularisation '{}' is not one of none, l1:rate and l2:rate",
                excerpt(text, QUOTED)
            )),
        }
    }
}

impl Init {
    /// Uniform initialisation's usual half-width.
    pub const UNIFORM: Init = Init::Uniform { scale: 0.5 };
}

impl fmt::Display for Init {
    /// `xavier`, `he`, `uniform:0.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Init::Xavier => f.write_str("xavier"),
            Init::He => f.write_str("he"),
            Init::Uniform { scale } => write!(f, "uniform:{scale}"),
        }
    }
}

impl FromStr for Init {
    type Err = String;

    /// `xavier`, `he`, `uniform` (half-width 0.5) or `uniform:scale`.
    fn from_str(text: &str) -> Result<Init, String> {
        match split(text) {
            ("xavier", None) => Ok(Init::Xavier),
            ("he", None) => Ok(Init::He),
            ("uniform", None) => Ok(Init::UNIFORM),
            ("uniform", Some(scale)) => Ok(Init::Uniform {
                scale: number(scale, "initial scale")?,
            }),
            _ => Err(format!(
                "the initialisation '{}' is not one of xavier, he, uniform and uniform:scale",
                excerpt(text, QUOTED)
            )),
        }
    }
}

impl fmt::Display for Loss {
    /// `squared`, `bce`, `softmax`, `hinge`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Loss {
    type Err = String;

    fn from_str(text: &str) -> Result<Loss, String> {
        Loss::from_name(text).ok_or_else(|| {
            format!(
                "the loss '{}' is not one of squared, bce, softmax and hinge",
                excerpt(text, QUOTED)
            )
        })
    }
}

impl fmt::Display for Feature {
    /// `x1`, `x1^2`, `sin_x1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Feature {
    type Err = String;

    fn from_str(text: &str) -> Result<Feature, String> {
        Feature::from_name(text)
            .ok_or_else(|| format!("the feature '{}' is unknown", excerpt(text, QUOTED)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value's text reads back as the same value.
    fn round_trip<T: fmt::Display + FromStr<Err = String> + PartialEq + fmt::Debug>(values: &[T]) {
        for v in values {
            assert_eq!(v.to_string().parse::<T>().as_ref(), Ok(v), "{v}");
        }
    }

    #[test]
    fn every_setting_reads_back_what_it_writes() {
        round_trip(&Activation::ALL);
        round_trip(&[
            Activation::LeakyRelu { a: 0.25 },
            Activation::Elu { a: 2.0 },
        ]);
        round_trip(&[
            Generator::Circle,
            Generator::MultiGauss,
            Generator::Function {
                expression: "sin(2x) + x/2".into(),
            },
            Generator::Boundary {
                expression: "x^2/3 - 2".into(),
                margin: 0.0,
            },
            Generator::Boundary {
                expression: "sin(x) + x:2".into(),
                margin: 0.5,
            },
            Generator::Boundary {
                expression: "sin(x) + x:2".into(),
                margin: 0.0,
            },
            Generator::Parity { bits: 6 },
            Generator::Blobs { classes: 3 },
        ]);
        round_trip(&[
            Optimizer::Sgd,
            Optimizer::MOMENTUM,
            Optimizer::Momentum { beta: 0.5 },
            Optimizer::ADAM,
        ]);
        round_trip(&[
            Regularization::None,
            Regularization::L1 { rate: 0.01 },
            Regularization::L2 { rate: 1e-4 },
        ]);
        round_trip(&[Init::Xavier, Init::He, Init::UNIFORM]);
        round_trip(&[
            Loss::SquaredError,
            Loss::BinaryCrossEntropy,
            Loss::SoftmaxCrossEntropy,
            Loss::Hinge,
        ]);
        round_trip(&[Feature::X1, Feature::X2]);
    }

    #[test]
    fn short_forms_take_the_usual_defaults_and_strangers_are_named() {
        assert_eq!("momentum".parse(), Ok(Optimizer::Momentum { beta: 0.9 }));
        assert_eq!("uniform".parse(), Ok(Init::Uniform { scale: 0.5 }));
        assert_eq!(
            "leaky_relu".parse(),
            Ok(Activation::LeakyRelu { a: 0.1 }),
            "the lecture's a"
        );
        let refusals = [
            (
                "swish".parse::<Activation>().unwrap_err(),
                "'swish' is not an activation",
            ),
            (
                "relu:2".parse::<Activation>().unwrap_err(),
                "relu takes no parameter",
            ),
            ("adam:1".parse::<Optimizer>().unwrap_err(), "not one of sgd"),
            (
                "l2".parse::<Regularization>().unwrap_err(),
                "not one of none",
            ),
            (
                "uniform:wide".parse::<Init>().unwrap_err(),
                "'wide' is not a number",
            ),
            (
                "donut".parse::<Generator>().unwrap_err(),
                "'donut' is unknown",
            ),
            (
                "parity:x".parse::<Generator>().unwrap_err(),
                "not a whole number",
            ),
            ("mse".parse::<Loss>().unwrap_err(), "'mse' is not one of"),
        ];
        for (message, expected) in refusals {
            assert!(message.contains(expected), "{message}");
        }
    }
}
