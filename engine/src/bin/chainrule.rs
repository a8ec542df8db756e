//! The `chainrule` command-line tool: trace an expression and print the lecture's lists.

use std::process::ExitCode;
use std::str::FromStr;

use chainrule::exercise;
use chainrule::nn::activation::Activation;
use chainrule::nn::csv;
use chainrule::nn::data::{DataSet, DataSpec, Generator, Task};
use chainrule::nn::loss::Loss;
use chainrule::nn::mlp::{Init, Mlp};
use chainrule::nn::setup::Setup;
use chainrule::nn::text::whole;
use chainrule::nn::train::{Optimizer, Regularization, Schedule, Status, Trainer};
use chainrule::render::{self, json, Format};
use chainrule::{Bindings, Graph, Sharing, Trace};
use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "chainrule",
    version,
    about = "See backpropagation happen, step by step"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an expression's graph, run the forward and backward passes, and print every step.
    Trace {
        /// The expression, such as 'sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))'.
        expression: String,
        /// Values for the variables: x=2,y=-1 (a value may be any constant expression: t=pi/4).
        #[arg(long, default_value = "")]
        at: String,
        /// What to print.
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
        /// Do not merge identical subexpressions: draw the expression's tree.
        #[arg(long)]
        tree: bool,
        /// Significant digits for numbers in the table, Markdown and LaTeX.
        #[arg(long, default_value_t = render::number::DEFAULT_DIGITS, value_parser = clap::value_parser!(u8).range(1..=17).map(usize::from))]
        digits: usize,
    },
    /// Train a multilayer perceptron and print its loss and accuracy per epoch.
    Train(Box<TrainArgs>),
    /// Print a practice exercise (the app's `#practice=SEED&level=N`), and with --answers its
    /// worked solution, for problem sheets.
    Practice {
        /// The seed: 0 is the lecture's exercise at the level, any other a new one.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// The level: 1 a chain, 2 a fan-out, 3 a shared subexpression, 4 a neuron, 5 a neuron's loss.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=5).map(usize::from))]
        level: usize,
        /// Print the worked solution too: both passes, step by step.
        #[arg(long)]
        answers: bool,
        /// How to write it.
        #[arg(long, value_enum, default_value_t = SheetFormat::Markdown)]
        format: SheetFormat,
    },
}

/// How `practice` writes an exercise.
#[derive(Clone, Copy, ValueEnum)]
enum SheetFormat {
    /// Markdown, its maths in $…$ as `trace --format markdown` writes it.
    Markdown,
    /// LaTeX.
    Latex,
}

/// The `train` subcommand's options.
#[derive(clap::Args)]
struct TrainArgs {
    /// The data set: circle, xor, gauss, spiral, plane, multi_gauss, moons, function, boundary,
    /// parity, blobs.
    #[arg(long, default_value = "circle")]
    data: String,
    /// Train on a CSV file of one's own instead (a header row; commas, semicolons or tabs).
    #[arg(long)]
    data_file: Option<std::path::PathBuf>,
    /// With --data-file: the input columns, by name, comma-separated.
    #[arg(long, default_value = "x1,x2")]
    x: String,
    /// With --data-file: the label column (two values: classification; numbers: regression).
    #[arg(long, default_value = "label")]
    y: String,
    /// For --data function: the target y = f(x); for --data boundary: the curve x2 = f(x1) that
    /// parts +1 (above) from -1 (below). Any expression in x.
    #[arg(long, default_value = "sin(x)")]
    function: String,
    /// For --data boundary: no point lies closer to the curve than this, vertically.
    #[arg(long, default_value_t = 0.0)]
    margin: f64,
    /// For --data parity: the number of bits.
    #[arg(long, default_value_t = 4)]
    bits: usize,
    /// For --data blobs: the number of classes.
    #[arg(long, default_value_t = 3)]
    classes: usize,
    /// How many points.
    #[arg(long, default_value_t = 500)]
    points: usize,
    /// Noise (TensorFlow Playground's 0 to 0.5 scale for its sets).
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.0)]
    noise: f64,
    /// The fraction of points used for training.
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.5)]
    train_fraction: f64,
    /// The data seed.
    #[arg(long, default_value_t = 1)]
    data_seed: u64,
    /// Input features, comma-separated: x1,x2,x1^2,x2^2,x1x2,sin_x1,sin_x2 (default: the raw inputs).
    #[arg(long, default_value = "")]
    features: String,
    /// Hidden layer sizes, comma-separated (empty: no hidden layer).
    #[arg(long, default_value = "4,2")]
    hidden: String,
    /// Hidden activations: one for all layers or one per layer (linear, sigmoid, tanh, relu, leaky_relu, elu; leaky_relu:a and elu:a set a).
    #[arg(long, default_value = "tanh")]
    activation: String,
    /// The output layer's activation.
    #[arg(long, default_value = "tanh")]
    output_activation: String,
    /// The loss: squared, bce, softmax, hinge.
    #[arg(long, default_value = "squared")]
    loss: String,
    /// The optimiser: sgd, momentum, momentum:β, adam.
    #[arg(long, default_value = "sgd")]
    optimizer: String,
    /// The learning rate.
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.03)]
    learning_rate: f64,
    /// Decay the learning rate linearly to this fraction of itself over the run (1: constant).
    #[arg(long, allow_negative_numbers = true, default_value_t = 1.0)]
    learning_rate_end: f64,
    /// Examples per step (0: the whole training set).
    #[arg(long, default_value_t = 10)]
    batch_size: usize,
    /// L1 penalty rate.
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.0)]
    l1: f64,
    /// L2 penalty rate (rate·Σw²).
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.0)]
    l2: f64,
    /// Weight initialisation: xavier, he, uniform (±0.5), uniform:scale.
    #[arg(long, default_value = "xavier")]
    init: String,
    /// Epochs to train.
    #[arg(long, default_value_t = 100)]
    epochs: usize,
    /// The weight-initialisation seed (the data has its own).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// What to print.
    #[arg(long, value_enum, default_value_t = TrainFormat::Table)]
    format: TrainFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum TrainFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Table,
    Json,
    Markdown,
    Latex,
    Mathml,
}

/// Exit status when training stopped because the loss stopped being finite.
const DIVERGED: u8 = 1;
/// Exit status for input that is refused: a bad expression, value, option or setting.
const REFUSED: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok((output, diverged)) => {
            print!("{output}");
            if diverged {
                ExitCode::from(DIVERGED)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(REFUSED)
        }
    }
}

/// What the command prints, and whether it failed without being refused (training diverged).
fn run(command: Command) -> Result<(String, bool), String> {
    match command {
        Command::Train(args) => train(&args),
        Command::Practice {
            seed,
            level,
            answers,
            format,
        } => Ok((practice_sheet(seed, level, answers, format)?, false)),
        Command::Trace {
            expression,
            at,
            format,
            tree,
            digits,
        } => {
            let sharing = if tree { Sharing::Tree } else { Sharing::Merged };
            let graph = Graph::parse(&expression, sharing).map_err(|e| e.render(&expression))?;
            let bindings = Bindings::parse(&at).map_err(|e| format!("--at: {e}"))?;
            let trace = Trace::compute(&graph, &bindings).map_err(|e| e.to_string())?;
            let output = match format {
                OutputFormat::Json => format!("{:#}\n", json::trace_json(&graph, &trace)),
                OutputFormat::Table => {
                    let document = render::document(&graph, &trace, Format::Text, digits);
                    format!(
                        "{} = {}\n\n{document}",
                        render::derivation::function_symbol(&graph),
                        expression.trim()
                    )
                }
                OutputFormat::Markdown => {
                    render::document(&graph, &trace, Format::Markdown, digits)
                }
                OutputFormat::Latex => render::document(&graph, &trace, Format::Latex, digits),
                OutputFormat::Mathml => render::document(&graph, &trace, Format::MathMl, digits),
            };
            Ok((output, false))
        }
    }
}

/// An exercise as a problem sheet writes it: the task, the expression and its values, and with
/// `answers` both passes worked out.
fn practice_sheet(
    seed: u64,
    level: usize,
    answers: bool,
    format: SheetFormat,
) -> Result<String, String> {
    let made = exercise::exercise(seed, level);
    let graph = Graph::parse(&made.source, Sharing::Merged).map_err(|e| e.render(&made.source))?;
    let bindings = Bindings::from_pairs(made.values.iter().map(|(n, v)| (n.as_str(), *v)));
    let trace = Trace::compute(&graph, &bindings).map_err(|e| e.to_string())?;
    let values: Vec<String> = made
        .values
        .iter()
        .map(|(n, v)| format!("{n} = {v}"))
        .collect();
    let what = exercise::LEVELS[made.level - 1];
    let f = render::derivation::function_symbol(&graph);
    let mut out = match format {
        SheetFormat::Markdown => format!(
            "## Exercise {seed}, level {level}: {what}

Compute every node of f = `{}` at {}, forward, then every adjoint ∂{f}/∂· backward, as the lecture does.
",
            made.source,
            values.join(", ")
        ),
        SheetFormat::Latex => format!(
            "\\subsection*{{Exercise {seed}, level {level}: {what}}}\n\nCompute every node of $f = \\texttt{{{}}}$ at ${}$, forward, then every adjoint $\\partial {f}/\\partial\\cdot$ backward, as the lecture does.\n",
            made.source.replace('^', "\\^{}"),
            values.join(",\\ ")
        ),
    };
    if answers {
        let (heading, body) = match format {
            SheetFormat::Markdown => (
                "\n### Solution\n\n",
                render::document(
                    &graph,
                    &trace,
                    Format::Markdown,
                    render::number::DEFAULT_DIGITS,
                ),
            ),
            SheetFormat::Latex => (
                "\n\\subsubsection*{Solution}\n\n",
                render::document(
                    &graph,
                    &trace,
                    Format::Latex,
                    render::number::DEFAULT_DIGITS,
                ),
            ),
        };
        out.push_str(heading);
        out.push_str(&body);
    }
    Ok(out)
}

/// Comma-separated settings, each in its one text form (`tanh,leaky_relu:0.2`).
fn list<T: FromStr<Err = String>>(text: &str) -> Result<Vec<T>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::parse)
        .collect()
}

/// Most epochs `train` runs: ten thousand times Playground's usual hundred, and a bound on the
/// run whatever the network.
const MAX_EPOCHS: usize = 1_000_000;

/// The run that `args` describe, checked as the app checks a setup (the same limits and words),
/// and the learning rate's schedule.
fn setup(args: &TrainArgs) -> Result<(Setup, f64), String> {
    let count = if args.data == "blobs" {
        args.classes
    } else {
        args.bits
    };
    let generator = match Generator::from_name(&args.data, &args.function, count) {
        Some(Generator::Boundary { expression, .. }) => Generator::Boundary {
            expression,
            margin: args.margin,
        },
        Some(generator) => generator,
        None => return Err(format!("unknown data set '{}'", args.data)),
    };
    let sizes = args
        .hidden
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| whole(t, "layer size"))
        .collect::<Result<Vec<usize>, String>>()?;
    let activations: Vec<Activation> = list(&args.activation)?;
    let hidden = sizes
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let activation = activations.get(i).or(activations.last());
            (n, activation.copied().unwrap_or(Activation::Tanh))
        })
        .collect();
    let init: Init = args.init.trim().parse()?;
    let optimizer: Optimizer = args.optimizer.trim().parse()?;
    let regularization = match (args.l1, args.l2) {
        (l1, l2) if l1 != 0.0 && l2 != 0.0 => {
            return Err(format!("--l1 {l1} and --l2 {l2}: choose one penalty"))
        }
        (l1, _) if l1 != 0.0 => Regularization::L1 { rate: l1 },
        (_, l2) if l2 != 0.0 => Regularization::L2 { rate: l2 },
        _ => Regularization::None,
    };
    let setup = Setup {
        data: DataSpec {
            generator,
            points: args.points,
            noise: args.noise,
            train_fraction: args.train_fraction,
            seed: args.data_seed,
        },
        added: Vec::new(),
        removed: Vec::new(),
        features: list(&args.features)?,
        hidden,
        output: args.output_activation.trim().parse()?,
        loss: args.loss.trim().parse()?,
        optimizer,
        learning_rate: args.learning_rate,
        batch_size: args.batch_size,
        regularization,
        init,
        weight_seed: args.seed,
    };
    setup.check()?;
    if args.epochs > MAX_EPOCHS {
        return Err(format!("at most {MAX_EPOCHS} epochs, not {}", args.epochs));
    }
    let end = args.learning_rate_end;
    if !(0.0..=1.0).contains(&end) {
        return Err(format!(
            "--learning-rate-end is the fraction the rate decays to: a number from 0 to 1, not {end}"
        ));
    }
    Ok((setup, end))
}

/// The data set in the CSV file at `path` (the columns `args` name, split by its training share
/// and data seed) and a trainer for it, built as `setup` says; or what is wrong with the file.
fn from_file(
    args: &TrainArgs,
    setup: &Setup,
    path: &std::path::Path,
) -> Result<(DataSet, Trainer), String> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        let row = 1 + e.as_bytes()[..bad].iter().filter(|&&b| b == b'\n').count();
        format!(
            "{shown} is not text (UTF-8): row {row} has a byte that is not (byte {})",
            bad + 1
        )
    })?;
    let inputs: Vec<&str> = args
        .x
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let table = csv::read(&text, &inputs, &args.y).map_err(|e| format!("{shown}: {e}"))?;
    if table.task == Task::Regression && setup.loss != Loss::SquaredError {
        return Err(format!(
            "{shown}: the labels in '{}' are numbers of many values, a regression: choose the squared error loss",
            args.y
        ));
    }
    if !setup.features.is_empty() && inputs.len() != 2 {
        return Err(format!(
            "--features are made from two inputs, x1 and x2: choose two columns with --x, not {}",
            inputs.len()
        ));
    }
    let data = table.split(setup.data.train_fraction, setup.data.seed);
    let inputs = match setup.features.len() {
        0 => inputs.len(),
        n => n,
    };
    let mlp = Mlp::new(
        inputs,
        &setup.hidden,
        1,
        setup.output,
        setup.init,
        setup.weight_seed,
    );
    let trainer = Trainer::new(mlp, &data, setup.config());
    Ok((data, trainer))
}

/// Trains as `args` say; the report, and whether training diverged.
fn train(args: &TrainArgs) -> Result<(String, bool), String> {
    let (setup, end) = setup(args)?;
    let (data, mut trainer) = match &args.data_file {
        Some(path) => from_file(args, &setup, path)?,
        None => setup.build()?,
    };
    if end != 1.0 {
        let batch = match setup.batch_size {
            0 => data.train.len(),
            b => b.min(data.train.len()),
        };
        trainer.config.schedule = Schedule::Linear {
            end,
            steps: args
                .epochs
                .saturating_mul(data.train.len().div_ceil(batch.max(1))),
        };
    }
    let parameters = trainer.mlp.parameter_count();
    // Epoch 0 first, as the app's charts start: the losses the training started from.
    trainer.record_now();
    let start = std::time::Instant::now();
    for _ in 0..args.epochs {
        trainer.run_epoch();
        if trainer.status != Status::Running {
            break;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let diverged = trainer.status != Status::Running;
    let status = match &trainer.status {
        Status::Running => "finished".to_string(),
        Status::Diverged(message) => message.clone(),
    };
    let number = json::number;
    let report = match args.format {
        TrainFormat::Json => {
            let epochs: Vec<serde_json::Value> = trainer
                .history
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "epoch": r.epoch,
                        "train_loss": number(r.train_loss),
                        "test_loss": number(r.test_loss),
                        "train_accuracy": number(r.train_accuracy),
                        "test_accuracy": number(r.test_accuracy),
                    })
                })
                .collect();
            let value = serde_json::json!({
                "parameters": parameters,
                "steps": trainer.steps(),
                "seconds": seconds,
                "status": status,
                "warning": trainer.warning,
                "epochs": epochs,
            });
            format!("{value:#}\n")
        }
        TrainFormat::Table => {
            let mut out = format!(
                "{parameters} parameters, {} training and {} test examples\n\n epoch   train loss   test loss   train acc   test acc\n",
                data.train.len(),
                data.test.len()
            );
            let every = (trainer.history.len() / 20).max(1);
            let last = trainer.history.last().map(|r| r.epoch);
            for r in trainer
                .history
                .iter()
                .filter(|r| r.epoch % every == 0 || Some(r.epoch) == last)
            {
                let pct = |a: f64| {
                    if a.is_nan() {
                        "-".to_string()
                    } else {
                        format!("{:.1}%", 100.0 * a)
                    }
                };
                out.push_str(&format!(
                    "{:>6} {:>12.6} {:>11.6} {:>11} {:>10}\n",
                    r.epoch,
                    r.train_loss,
                    r.test_loss,
                    pct(r.train_accuracy),
                    pct(r.test_accuracy)
                ));
            }
            out.push_str(&format!(
                "\n{status}: {} steps in {:.3} s\n",
                trainer.steps(),
                seconds
            ));
            // The same diagnosis the workspace shows: a learning rate too large while the loss
            // is still finite.
            if let Some(warning) = &trainer.warning {
                out.push_str(&format!("warning: {warning}\n"));
            }
            out
        }
    };
    Ok((report, diverged))
}
