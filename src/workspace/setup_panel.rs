//! The data and training settings: which data set, its noise, size, split and seed, the input
//! features, the label a click on the plane adds; the loss, optimiser, learning rate, batch size,
//! penalty, initialisation and weight seed. Every field edits the draft setup; a value that does
//! not read as a number is reported, never applied.

use std::rc::Rc;

use chainrule::nn::data::{Feature, Generator, Scale};
use chainrule::nn::loss::Loss;
use chainrule::nn::mlp::Init;
use chainrule::nn::setup::Setup;
use chainrule::nn::train::{Optimizer, Regularization};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::action::{configure, Action, Edit};
use super::diagram::feature_label;
use super::fields::{menu, number, Number};
use super::import_panel::{scale_title, ImportPanel};

/// Props of [`SetupPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The setup being edited.
    pub draft: Setup,
    /// What is wrong with it, if anything.
    pub problem: Option<String>,
    /// The label new points get.
    pub new_label: f64,
    /// Whether the plane takes new points (two inputs, ±1 labels).
    pub clickable: bool,
    /// Sends the edited settings, a refusal, a data set or the label of new points.
    pub on_action: Callback<Action>,
}

const DATA_SETS: [(&str, &str); 12] = [
    ("circle", "Circle"),
    ("xor", "XOR"),
    ("gauss", "Two Gaussians"),
    ("spiral", "Spiral"),
    ("moons", "Two moons"),
    ("blobs:3", "Blobs (classes)"),
    ("parity:4", "Parity of n bits"),
    ("plane", "Plane (regression)"),
    ("multi_gauss", "Gaussian bumps (regression)"),
    ("function:sin(2x) + x/2", "y = f(x) (regression)"),
    ("boundary:x^2/3 - 2", "Above or below y = f(x)"),
    ("rows", "Your own data (CSV)…"),
];

fn value_of(e: &Event) -> String {
    let target = e.target();
    if let Some(select) = target
        .clone()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlSelectElement>(t).ok())
    {
        return select.value();
    }
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// A field whose text becomes a number and then a change; `what` names it in messages.
fn numeric<T: std::str::FromStr + Copy + 'static>(
    on: &Callback<Edit>,
    what: &'static str,
    apply: fn(&mut Setup, T),
) -> Callback<Event> {
    on.reform(move |e: Event| -> Edit {
        let text = value_of(&e);
        // A number field reads as empty when what was typed is not a number.
        let value: T = text.trim().parse().map_err(|_| match text.trim() {
            "" => format!("the {what} is empty or not a number: type a number"),
            typed => format!("the {what} '{typed}' is not a number"),
        })?;
        Ok(Rc::new(move |s: &mut Setup| apply(s, value)))
    })
}

/// Whether two settings are of the same kind, whatever their parameters (a select shows kinds).
fn same_kind<T>(a: &T, b: &T) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

fn loss_title(loss: Loss) -> &'static str {
    match loss {
        Loss::SquaredError => "½(y − ŷ)²",
        Loss::BinaryCrossEntropy => "Binary cross-entropy",
        Loss::SoftmaxCrossEntropy => "Softmax cross-entropy",
        Loss::Hinge => "Hinge",
    }
}

/// The panel.
#[component]
pub fn SetupPanel(props: &Props) -> Html {
    let s = &props.draft;
    let on = &props.on_action.reform({
        let draft = s.clone();
        move |edit: Edit| configure(&draft, edit)
    });
    let importing = use_state(|| false);
    let data_kind = if *importing {
        "rows"
    } else {
        s.data.generator.name()
    };
    let on_data = {
        let (on, importing) = (props.on_action.clone(), importing.clone());
        Callback::from(move |e: Event| {
            let value = value_of(&e);
            importing.set(value == "rows");
            if value != "rows" {
                on.emit(match value.parse::<Generator>() {
                    Ok(generator) => Action::ChooseData(generator),
                    Err(problem) => Action::Refuse(problem),
                })
            }
        })
    };
    let import_again = {
        let importing = importing.clone();
        Callback::from(move |_: MouseEvent| importing.set(true))
    };
    let on_function = on.reform(|e: Event| -> Edit {
        let expression = value_of(&e);
        Ok(Rc::new(move |s: &mut Setup| match &mut s.data.generator {
            Generator::Function { expression: f } | Generator::Boundary { expression: f, .. } => {
                f.clone_from(&expression)
            }
            _ => {}
        }))
    });
    let function_field = |expression: &str, title: &'static str| {
        html! {
            <label class="field wide inline-field" {title}>{ "f(x) =" }
                <input type="text" value={expression.to_string()} data-testid="data-function" onchange={on_function.clone()}
                    spellcheck="false" title="Any expression in x, as in the expression stepper" />
            </label>
        }
    };
    // What a data set adds: a block above the size fields, and a number beside them (in the same
    // row, so the settings stay on one screen at a projector's 720 px).
    let (above, beside) = match &s.data.generator {
        _ if *importing => {
            let close = {
                let importing = importing.clone();
                Callback::from(move |()| importing.set(false))
            };
            (
                html! { <ImportPanel on_action={props.on_action.clone()} on_close={close} /> },
                None,
            )
        }
        Generator::Function { expression } => (
            function_field(
                expression,
                "The target function of x, in the expression language",
            ),
            None,
        ),
        Generator::Boundary { expression, margin } => (
            function_field(
                expression,
                "The curve x2 = f(x1): points above it are +1, below it −1",
            ),
            Some(number(Number {
                label: "Margin",
                title: "No point lies closer to the curve than this (measured vertically)",
                testid: "data-margin",
                value: margin.to_string(),
                min: "0",
                step: "0.1",
                disabled: false,
                onchange: numeric(on, "margin", |s, m: f64| {
                    if let Generator::Boundary { margin, .. } = &mut s.data.generator {
                        *margin = m;
                    }
                }),
            })),
        ),
        Generator::Rows(rows) => {
            let on_scale = on.reform(|e: Event| -> Edit {
                let scale = Scale::from_name(&value_of(&e)).unwrap_or(Scale::None);
                Ok(Rc::new(move |s: &mut Setup| {
                    if let Generator::Rows(rows) = &mut s.data.generator {
                        rows.scale = scale;
                    }
                }))
            });
            (
                html! {
                    <p class="rows-summary" data-testid="rows-summary">
                        <strong>{ &rows.file }</strong>
                        { format!(": {} → {}", rows.columns.join(", "), rows.label) }
                        if let Some([negative, positive]) = &rows.labels {
                            { format!(" ({negative} −1, {positive} +1)") }
                        }
                        { " " }
                        <button type="button" class="link" onclick={import_again} data-testid="import-again">{ "Another file…" }</button>
                    </p>
                },
                Some(menu("Scale", "How the inputs are scaled before the network sees them: each column to mean 0 and standard deviation 1, each into −1 … 1, or as they are", "data-scale",
                    Scale::ALL.iter().map(|&k| (k.name().into(), scale_title(k).into(), rows.scale == k)).collect(), on_scale)),
            )
        }
        Generator::Parity { bits } => (
            html! {},
            Some(number(Number {
                label: "Bits",
                title: "Inputs of the parity function (1 to 16); all 2ⁿ combinations are the data",
                testid: "data-bits",
                value: bits.to_string(),
                min: "1",
                step: "1",
                disabled: false,
                onchange: numeric(on, "number of bits", |s, b: usize| {
                    s.data.generator = Generator::Parity { bits: b };
                    s.data.points = 1usize.checked_shl(b as u32).unwrap_or(0);
                }),
            })),
        ),
        Generator::Blobs { classes } => (
            html! {},
            Some(number(Number {
                label: "Classes",
                title: "How many Gaussian blobs (2 to 16), one class each",
                testid: "data-classes",
                value: classes.to_string(),
                min: "2",
                step: "1",
                disabled: false,
                onchange: numeric(on, "number of classes", |s, k: usize| {
                    s.data.generator = Generator::Blobs { classes: k }
                }),
            })),
        ),
        _ => (html! {}, None),
    };
    let plane = s.raw_inputs() == 2;
    let from_file = matches!(s.data.generator, Generator::Rows(_));
    // Sets with settings of their own on the plane set the fields closer, to stay on one screen.
    let dense = plane
        && matches!(
            s.data.generator,
            Generator::Boundary { .. } | Generator::Rows(_) | Generator::Blobs { .. }
        );
    let features = Feature::ALL.iter().map(|&f| {
        let checked = s.features.contains(&f);
        let toggle = on.reform(move |_: Event| -> Edit {
            Ok(Rc::new(move |s: &mut Setup| {
                if let Some(k) = s.features.iter().position(|&g| g == f) {
                    s.features.remove(k);
                } else {
                    s.features.push(f);
                    chainrule::sort::sort_by_key(&mut s.features, |g| {
                        Feature::ALL.iter().position(|h| h == g)
                    });
                }
            }))
        });
        html! {
            <label class="toggle" title={format!("Feed {} to the network", feature_label(f.name()))}>
                <input type="checkbox" checked={checked} onchange={toggle} data-testid={format!("feature-{}", f.name())} />
                { feature_label(f.name()) }
            </label>
        }
    });
    let on_optimizer = on.reform(|e: Event| -> Edit {
        let optimizer: Optimizer = value_of(&e).parse()?;
        Ok(Rc::new(move |s: &mut Setup| s.optimizer = optimizer))
    });
    let (reg_kind, reg_rate) = match s.regularization {
        Regularization::None => ("none", 0.0),
        Regularization::L1 { rate } => ("l1", rate),
        Regularization::L2 { rate } => ("l2", rate),
    };
    let on_reg = on.reform(move |e: Event| -> Edit {
        let kind = value_of(&e);
        Ok(Rc::new(move |s: &mut Setup| {
            let rate = match s.regularization {
                Regularization::L1 { rate } | Regularization::L2 { rate } => rate,
                Regularization::None => 0.001,
            };
            s.regularization = match kind.as_str() {
                "l1" => Regularization::L1 { rate },
                "l2" => Regularization::L2 { rate },
                _ => Regularization::None,
            };
        }))
    });
    let on_init = on.reform(|e: Event| -> Edit {
        let init: Init = value_of(&e).parse()?;
        Ok(Rc::new(move |s: &mut Setup| s.init = init))
    });
    let on_loss = on.reform(|e: Event| -> Edit {
        let loss: Loss = value_of(&e).parse()?;
        Ok(Rc::new(move |s: &mut Setup| {
            s.loss = loss;
            if loss == Loss::BinaryCrossEntropy {
                s.output = chainrule::nn::activation::Activation::Sigmoid;
            }
        }))
    });
    let label = |value: f64, text: &'static str, class: &'static str| {
        let on_label = props.on_action.reform(Action::Label);
        html! {
            <button type="button" class={classes!("label-choice", class)} aria-pressed={(props.new_label == value).to_string()}
                onclick={Callback::from(move |_: MouseEvent| on_label.emit(value))}
                title="The class a click on the output plot adds">{ text }</button>
        }
    };
    html! {
        <section class={classes!("setup", dense.then_some("dense"))} aria-label="Data and training settings">
            <h2>{ "Data" }</h2>
            <label class="field wide" title="Which points to learn from: TensorFlow Playground's sets and more">{ "Data set" }
                <select data-testid="data-set" onchange={on_data}>
                    { for DATA_SETS.iter().map(|(value, title)| {
                        let kind = value.split(':').next().unwrap_or_default();
                        // The current set keeps its own parameters (a typed curve, a file).
                        let value = if kind == s.data.generator.name() { s.data.generator.to_string() } else { value.to_string() };
                        html! { <option {value} selected={kind == data_kind}>{ *title }</option> }
                    }) }
                </select>
            </label>
            { above }
            // A file's rows have no noise: its scale takes that place.
            <div class={classes!("field-row", (beside.is_some() && !from_file).then_some("three"))}>
                { beside.unwrap_or_default() }
                { number(Number {
                    label: "Points", title: "How many points to generate", testid: "data-points",
                    value: s.data.points.to_string(), min: "1", step: "1",
                    disabled: matches!(s.data.generator, Generator::Parity { .. }) || from_file,
                    onchange: numeric(on, "number of points", |s, n: usize| s.data.points = n),
                }) }
                if !from_file {
                    { number(Number {
                        label: "Noise", title: "How much the points scatter (Playground's 0 to 0.5 scale for its sets)",
                        testid: "data-noise", value: s.data.noise.to_string(), min: "0", step: "0.05", disabled: false,
                        onchange: numeric(on, "noise", |s, v: f64| s.data.noise = v),
                    }) }
                }
            </div>
            <div class="field-row">
                { number(Number {
                    label: "Training %", title: "The share of points used for training (0 to 100); the rest are the test set",
                    testid: "data-split", value: (s.data.train_fraction * 100.0).round().to_string(), min: "0", step: "5",
                    disabled: false, onchange: numeric(on, "training share", |s, v: f64| s.data.train_fraction = v / 100.0),
                }) }
                { number(Number {
                    label: "Data seed", title: "Change it for another draw of the same kind of data", testid: "data-seed",
                    value: s.data.seed.to_string(), min: "0", step: "1", disabled: false,
                    onchange: numeric(on, "data seed", |s, v: u64| s.data.seed = v),
                }) }
            </div>
            if plane {
                <fieldset class="features">
                    <legend>{ "Features" }</legend>
                    { for features }
                </fieldset>
            }
            if props.clickable {
                <div class="field-row add-points">
                    <span class="muted">{ "A click adds" }</span>
                    { label(1.0, "+1", "positive") }
                    { label(-1.0, "−1", "negative") }
                </div>
            }
            <h2>{ "Training" }</h2>
            <div class="field-row">
                { menu("Loss", "What training minimises: ½(y − ŷ)², binary or softmax cross-entropy, or the hinge max(0, 1 − yŷ)", "loss",
                    [Loss::SquaredError, Loss::BinaryCrossEntropy, Loss::SoftmaxCrossEntropy, Loss::Hinge].iter()
                        .map(|&l| (l.to_string(), loss_title(l).into(), s.loss == l)).collect(), on_loss) }
                { menu("First weights", "How the initial weights are drawn: Xavier (uniform ±√(6/(fan in + fan out))), He (normal, variance 2/fan in), or Playground's uniform ±0.5 with biases 0.1", "init",
                    [(Init::Xavier, "Xavier"), (Init::He, "He"), (Init::UNIFORM, "Uniform ±0.5")].iter()
                        .map(|(init, title)| (init.to_string(), title.to_string(), same_kind(&s.init, init))).collect(), on_init) }
            </div>
            <div class="field-row">
                { menu("Optimiser", "How the gradient moves the weights", "optimizer",
                    [(Optimizer::Sgd, "SGD"), (Optimizer::MOMENTUM, "Momentum"), (Optimizer::ADAM, "Adam")].iter()
                        // The current one keeps its own β (a link may set another).
                        .map(|(o, title)| {
                            let current = same_kind(&s.optimizer, o);
                            (if current { s.optimizer.to_string() } else { o.to_string() }, title.to_string(), current)
                        }).collect(), on_optimizer) }
                { number(Number {
                    label: "Learning rate", title: "The step size η", testid: "learning-rate",
                    value: s.learning_rate.to_string(), min: "0", step: "any", disabled: false,
                    onchange: numeric(on, "learning rate", |s, v: f64| s.learning_rate = v),
                }) }
            </div>
            <div class="field-row">
                { number(Number {
                    label: "Batch size", title: "Examples per step; 0 for the whole training set", testid: "batch-size",
                    value: s.batch_size.to_string(), min: "0", step: "1", disabled: false,
                    onchange: numeric(on, "batch size", |s, v: usize| s.batch_size = v),
                }) }
                { number(Number {
                    label: "Weight seed", title: "The initial weights' seed, apart from the data's", testid: "weight-seed",
                    value: s.weight_seed.to_string(), min: "0", step: "1", disabled: false,
                    onchange: numeric(on, "weight seed", |s, v: u64| s.weight_seed = v),
                }) }
            </div>
            <div class="field-row">
                { menu("Penalty", "L1 or L2 penalty on the weights (not the biases)", "regularization",
                    [("none", "None"), ("l1", "L1"), ("l2", "L2")].iter()
                        .map(|&(kind, title)| (kind.to_string(), title.to_string(), reg_kind == kind)).collect(), on_reg) }
                { number(Number {
                    label: "Rate", title: "The penalty's rate", testid: "regularization-rate",
                    value: reg_rate.to_string(), min: "0", step: "any", disabled: reg_kind == "none",
                    onchange: numeric(on, "penalty rate", |s, v: f64| s.regularization = match s.regularization {
                        Regularization::L1 { .. } => Regularization::L1 { rate: v },
                        Regularization::L2 { .. } => Regularization::L2 { rate: v },
                        Regularization::None => Regularization::None,
                    }),
                }) }
            </div>
            if let Some(problem) = &props.problem {
                <p class="problem" role="alert" data-testid="setup-problem">{ problem }</p>
            }
        </section>
    }
}
