//! The `chainrule` command as a user runs it.

use std::process::{Command, Output};

fn chainrule(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chainrule"))
        .args(args)
        .output()
        .expect("the chainrule binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const LECTURE: &str = "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))";

#[test]
fn the_table_prints_the_lectures_lists() {
    let output = chainrule(&["trace", LECTURE, "--at", "x=2"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    for line in [
        "a = x² = 4",
        "b = exp(a) = 54.598",
        "d = √c = 7.6549",
        "∂f/∂c = ∂f/∂e·∂e/∂c + ∂f/∂d·∂d/∂c = 1 × -sin(c) + 1 × ½·c^(-½) = -0.82228",
        "∂f/∂x = ∂f/∂a·∂a/∂x = -45.717 × 2x = -182.87",
    ] {
        assert!(table.contains(line), "missing {line:?} in\n{table}");
    }
}

#[test]
fn json_has_value_gradient_and_nodes_in_topological_order() {
    let output = chainrule(&["trace", LECTURE, "--at", "x=2", "--format", "json"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!((json["value"].as_f64().unwrap() - 7.194329635585855).abs() < 1e-12);
    assert!((json["gradient"]["x"].as_f64().unwrap() + 182.86980730598307).abs() < 1e-9);
    let nodes = json["nodes"].as_array().unwrap();
    let names: Vec<&str> = nodes.iter().map(|n| n["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["x", "a", "b", "c", "d", "e", "f"]);
    assert_eq!(nodes[0]["op"], "input");
    assert_eq!(nodes[3]["op"], "add");
    assert_eq!(nodes[3]["inputs"], serde_json::json!(["a", "b"]));
    assert!((nodes[3]["adjoint"].as_f64().unwrap() + 0.8222836874831592).abs() < 1e-12);
}

#[test]
fn json_writes_non_finite_numbers_as_strings() {
    let output = chainrule(&["trace", "log(x) + 2", "--at", "x=0", "--format", "json"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["value"], "-inf");
    assert_eq!(json["gradient"]["x"], "inf");
    let nan = chainrule(&["trace", "sqrt(x)", "--at", "x=-1", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&nan.stdout).unwrap();
    assert_eq!(json["value"], "NaN");
    let constant = json["nodes"].as_array().unwrap();
    assert_eq!(constant.len(), 2);
}

#[test]
fn constants_and_the_tree_option() {
    let output = chainrule(&[
        "trace",
        "x^2 + x^2 + 2",
        "--at",
        "x=3",
        "--tree",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ops: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["op"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["input", "pow", "pow", "add", "const", "add"]);
    assert_eq!(json["gradient"]["x"].as_f64(), Some(12.0));
}

#[test]
fn other_formats_print_the_same_derivation() {
    let markdown = stdout(&chainrule(&[
        "trace", "exp(x)", "--at", "x=0", "--format", "markdown",
    ]));
    assert!(
        markdown.contains(r"- $f = \exp\left(x\right) = 1$"),
        "{markdown}"
    );
    let latex = stdout(&chainrule(&[
        "trace", "exp(x)", "--at", "x=0", "--format", "latex",
    ]));
    assert!(latex.contains(r"\begin{itemize}"), "{latex}");
    let mathml = stdout(&chainrule(&[
        "trace", "exp(x)", "--at", "x=0", "--format", "mathml",
    ]));
    assert!(mathml.contains("<math display=\"block\">"), "{mathml}");
}

#[test]
fn bad_input_exits_2_with_a_caret_message() {
    let output = chainrule(&["trace", "sqrt(x^2 + 1", "--at", "x=1"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error at column 13: expected ')' to close '(' at column 5, found the end of the input\n  \
         sqrt(x^2 + 1\n              ^\n"
    );
    let missing = chainrule(&["trace", "x + y", "--at", "x=1"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("'y' has no value"));
    let bad_at = chainrule(&["trace", "x", "--at", "x=oops"]);
    assert_eq!(bad_at.status.code(), Some(2));
    assert!(stderr(&bad_at).contains("must be a number"));
}

#[test]
fn nothing_a_user_types_makes_it_panic() {
    let long_sum = "x+".repeat(50_000) + "x";
    let deep = "(".repeat(5_000) + "x" + &")".repeat(5_000);
    let inputs = [
        "",
        " ",
        "(",
        ")",
        "+",
        "-",
        "*",
        "^",
        "x^",
        "2^^2",
        "1e999",
        "1e-999",
        ".",
        "..",
        "x..2",
        "sqrt()",
        "sqrt(,)",
        "elu(x,)",
        "leaky_relu(x, y)",
        "f(x)",
        "pi(1)",
        "e(1)",
        "xx yy",
        "√",
        "𝟙",
        "∂",
        "x ÷ 0",
        "0/0",
        "exp(exp(exp(x)))",
        "x^-0.5",
        "(-8)^(1/3)",
        "abs(x)",
        "\u{7}",
        "2x3",
        "3(",
        "σ",
        "σ(x",
        &long_sum,
        &deep,
    ];
    for input in inputs {
        let output = chainrule(&["trace", input, "--at", "x=0,y=1"]);
        let code = output.status.code();
        assert!(
            code == Some(0) || code == Some(2),
            "{input:?} exited with {code:?}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        if code == Some(2) {
            let explained =
                message.starts_with("error at column") || message.contains("has no value");
            assert!(explained, "{input:?}: {message}");
        }
    }
}

#[test]
fn train_reaches_playgrounds_accuracy_on_its_default_and_reports_json() {
    let output = chainrule(&["train", "--epochs", "100", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let epochs = json["epochs"].as_array().unwrap();
    assert_eq!(epochs.len(), 101, "epoch 0, then one a finished epoch");
    assert_eq!(epochs[0]["epoch"], 0);
    let last = epochs.last().unwrap();
    assert!(last["test_accuracy"].as_f64().unwrap() >= 0.95, "{last}");
    assert!(last["train_loss"].as_f64().unwrap() < epochs[0]["train_loss"].as_f64().unwrap());
    assert_eq!(json["parameters"], 4 * 3 + 2 * 5 + 3);
    assert!(json["seconds"].as_f64().unwrap() > 0.0);
    assert_eq!(json["status"], "finished");
    assert!(json["warning"].is_null(), "{}", json["warning"]);
}

#[test]
fn train_names_a_learning_rate_too_large_even_when_the_loss_stays_finite() {
    let output = chainrule(&["train", "--epochs", "40", "--learning-rate", "100"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("finished"), "{text}");
    assert!(
        text.contains("warning: ") && text.contains("learning rate (now 100) is too large"),
        "{text}"
    );
}

#[test]
fn train_rejects_unknown_settings_and_reports_divergence() {
    let bad = chainrule(&["train", "--activation", "swish"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("'swish' is not an activation"));
    let bad_target = chainrule(&["train", "--data", "function", "--function", "sin(x"]);
    assert_eq!(bad_target.status.code(), Some(2));
    assert!(stderr(&bad_target).contains("column"));
    let diverging = chainrule(&[
        "train",
        "--data",
        "plane",
        "--hidden",
        "8",
        "--activation",
        "linear",
        "--output-activation",
        "linear",
        "--learning-rate",
        "1000",
        "--epochs",
        "20",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&diverging.stdout).unwrap();
    assert!(
        json["status"]
            .as_str()
            .unwrap()
            .contains("lower the learning rate"),
        "{json}"
    );
}

#[test]
fn train_learns_which_side_of_a_typed_curve_a_point_lies() {
    let output = chainrule(&[
        "train",
        "--data",
        "boundary",
        "--function",
        "x^2/3 - 2",
        "--margin",
        "0.5",
        "--hidden",
        "8",
        "--epochs",
        "100",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let last = json["epochs"].as_array().unwrap().last().unwrap().clone();
    assert!(last["test_accuracy"].as_f64().unwrap() >= 0.95, "{last}");
    for (flags, words) in [
        (
            &["--function", "0", "--margin", "12"][..],
            "use a smaller margin",
        ),
        (&["--margin=-1"][..], "margin must be a number from 0 to 12"),
        (&["--function", "x + y"][..], "may use only the variable x"),
    ] {
        let args = [&["train", "--data", "boundary"][..], flags].concat();
        let refused = chainrule(&args);
        assert_eq!(refused.status.code(), Some(2), "{flags:?}");
        assert!(stderr(&refused).contains(words), "{}", stderr(&refused));
    }
}

/// Peak resident memory of the children this process has waited for, in MiB.
fn children_peak_mib() -> f64 {
    // SAFETY: getrusage writes into the struct it is given, which is zeroed and ours.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

/// Runs `train` with hostile flags: it must answer in words (exit 2) or train (0) or report
/// divergence (1), never abort, panic or run without end.
fn hostile(flags: &[&str]) -> (i32, String, f64) {
    let mut args = vec!["train"];
    args.extend_from_slice(flags);
    let start = std::time::Instant::now();
    let output = chainrule(&args);
    let seconds = start.elapsed().as_secs_f64();
    let code = output.status.code().unwrap_or(-1);
    (code, stderr(&output) + &stdout(&output), seconds)
}

#[test]
fn train_refuses_hostile_flags_in_words_and_never_aborts_or_runs_unbounded() {
    let refused: &[(&[&str], &str)] = &[
        (&["--points", "1000000000000", "--epochs", "0"], "points"),
        (&["--hidden", "100000,100000", "--epochs", "0"], "neurons"),
        (&["--hidden", "18446744073709551615"], "neurons"),
        (&["--hidden", "1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024"], "at most 100,000"),
        (&["--epochs", "18446744073709551615", "--points", "10"], "epochs"),
        (&["--points", "0"], "points"),
        (&["--train-fraction", "0"], "training set is empty"),
        (&["--train-fraction", "nan"], "training share"),
        (&["--learning-rate", "nan"], "learning rate"),
        (&["--learning-rate", "-1"], "learning rate"),
        (&["--learning-rate-end", "nan"], "learning-rate-end"),
        (&["--learning-rate-end", "1e300"], "learning-rate-end"),
        (&["--noise", "1e308"], "noise"),
        (&["--noise", "-1"], "noise"),
        (&["--l1", "nan"], "regularisation"),
        (&["--l1", "-1"], "regularisation"),
        (&["--l1", "0.1", "--l2", "0.1"], "choose one"),
        (&["--loss", "softmax"], "several classes"),
        (&["--loss", "bce"], "sigmoid"),
        (&["--data", "parity", "--bits", "99"], "bits"),
        (&["--data", "parity", "--bits", "0"], "bits"),
        (&["--data", "blobs", "--classes", "1000", "--loss", "softmax"], "classes"),
        (&["--data", "nonsense"], "unknown data set"),
        (&["--optimizer", "nonsense"], "the optimiser 'nonsense' is not one of sgd"),
        (&["--optimizer", "momentum:fast"], "the momentum 'fast' is not a number"),
        (&["--init", "uniform:wide"], "the initial scale 'wide' is not a number"),
        (&["--features", "x3"], "the feature 'x3' is unknown"),
        (&["--hidden", "4,banana"], "the layer size 'banana' is not a whole number"),
        (&["--activation", "banana"], "'banana' is not an activation"),
        (&["--activation", "relu:2"], "relu takes no parameter"),
        (&["--data", "function", "--function", "sin(x"], "expected ')'"),
        (&["--data", "function", "--function", "y"], "variable"),
    ];
    let mut slowest: f64 = 0.0;
    for (flags, words) in refused {
        let (code, output, seconds) = hostile(flags);
        slowest = slowest.max(seconds);
        assert_eq!(
            code, 2,
            "{flags:?} should be refused with status 2:\n{output}"
        );
        assert!(
            output.contains(words),
            "{flags:?}: expected {words:?} in\n{output}"
        );
    }
    // Settings that train, and that diverge: status 0 and 1, and the right setting blamed.
    let (code, output, seconds) = hostile(&["--epochs", "3"]);
    slowest = slowest.max(seconds);
    assert_eq!(code, 0, "{output}");
    let diverging: &[(&[&str], &str)] = &[
        (
            &[
                "--learning-rate",
                "1e6",
                "--output-activation",
                "linear",
                "--activation",
                "linear",
            ],
            "lower the learning rate",
        ),
        (&["--l1", "1e300", "--epochs", "20"], "lower the L1 rate"),
        (&["--l2", "1e300", "--epochs", "20"], "lower the L2 rate"),
    ];
    for (flags, words) in diverging {
        let (code, output, seconds) = hostile(flags);
        slowest = slowest.max(seconds);
        assert_eq!(
            code, 1,
            "{flags:?} diverges, and says so with status 1:\n{output}"
        );
        assert!(
            output.contains(words),
            "{flags:?}: expected {words:?} in\n{output}"
        );
        assert!(
            !words.contains("learning rate") || !output.contains("L1"),
            "{output}"
        );
    }
    let peak = children_peak_mib();
    println!("hostile train flags: slowest run {slowest:.2} s, peak memory {peak:.0} MiB");
    assert!(
        slowest < 30.0,
        "a refusal or a short run took {slowest:.1} s"
    );
    assert!(peak < 1024.0, "peak memory {peak:.0} MiB");
}

#[test]
fn a_variable_given_twice_is_refused() {
    let output = chainrule(&["trace", "x^2", "--at", "x=1,x=2"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("x is given twice"),
        "{}",
        stderr(&output)
    );
}

/// The command line reads every setting in the links' text forms (one definition in the engine).
#[test]
fn train_takes_the_settings_as_links_write_them() {
    let out = chainrule(&[
        "train",
        "--data",
        "xor",
        "--activation",
        "leaky_relu:0.2",
        "--output-activation",
        "elu:1.5",
        "--optimizer",
        "momentum:0.5",
        "--init",
        "uniform:0.3",
        "--features",
        "x1,x2,x1x2",
        "--epochs",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn practice_prints_an_exercise_and_its_worked_solution() {
    let lecture = chainrule(&["practice", "--seed", "0", "--level", "3", "--answers"]);
    assert!(lecture.status.success(), "{}", stderr(&lecture));
    let text = stdout(&lecture);
    assert!(
        text.contains("`sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))` at x = 2"),
        "{text}"
    );
    assert!(
        text.contains("### Solution") && text.contains("-182.87"),
        "{text}"
    );
    // The same seed, the same exercise; without --answers, no solution.
    let a = stdout(&chainrule(&["practice", "--seed", "77", "--level", "5"]));
    let b = stdout(&chainrule(&["practice", "--seed", "77", "--level", "5"]));
    assert_eq!(a, b);
    assert!(a.contains("level 5: the squared loss of a neuron") && !a.contains("Solution"));
    let latex = stdout(&chainrule(&[
        "practice",
        "--seed",
        "77",
        "--level",
        "5",
        "--answers",
        "--format",
        "latex",
    ]));
    assert!(
        latex.contains("\\subsection*{Exercise 77") && latex.contains("\\partial"),
        "{latex}"
    );
    let refused = chainrule(&["practice", "--level", "6"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("6"), "{}", stderr(&refused));
}
