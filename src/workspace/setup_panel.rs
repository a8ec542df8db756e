//! The data and training settings: which data set, its noise, size, split and seed, the input
//! features, the label a click on the plane adds; the loss, optimiser, learning rate, batch size,
//! penalty, initialisation and weight seed. Every field edits the draft setup; a value that does
//! not read as a number is reported, never applied.

use std::rc::Rc;

use chainrule::nn::data::{Feature, Generator};
use chainrule::nn::loss::Loss;
use chainrule::nn::mlp::Init;
use chainrule::nn::setup::Setup;
use chainrule::nn::train::{Optimizer, Regularization};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::action::{configure, Action, Edit};
use super::diagram::feature_label;

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

const DATA_SETS: [(&str, &str); 10] = [
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
    apply: impl Fn(&mut Setup, T) + 'static,
) -> Callback<Event> {
    let apply = Rc::new(apply);
    on.reform(move |e: Event| -> Edit {
        let text = value_of(&e);
        // A number field reads as empty when what was typed is not a number.
        let value: T = text.trim().parse().map_err(|_| match text.trim() {
            "" => format!("the {what} is empty or not a number: type a number"),
            typed => format!("the {what} '{typed}' is not a number"),
        })?;
        let apply = apply.clone();
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
    let data_value = s.data.generator.to_string();
    let data_kind = data_value.split(':').next().unwrap_or_default().to_string();
    let on_data = {
        let on = props.on_action.clone();
        Callback::from(move |e: Event| {
            on.emit(match value_of(&e).parse::<Generator>() {
                Ok(generator) => Action::ChooseData(generator),
                Err(problem) => Action::Refuse(problem),
            })
        })
    };
    let detail = match &s.data.generator {
        Generator::Function { expression } => {
            let on_function = on.reform(|e: Event| -> Edit {
                let expression = value_of(&e);
                Ok(Rc::new(move |s: &mut Setup| {
                    s.data.generator = Generator::Function {
                        expression: expression.clone(),
                    }
                }))
            });
            html! {
                <label class="field wide" title="The target function of x, in the expression language">{ "f(x) = " }
                    <input type="text" value={expression.clone()} data-testid="data-function" onchange={on_function}
                        spellcheck="false" title="Any expression in x, as in the expression stepper" />
                </label>
            }
        }
        Generator::Parity { bits } => html! {
            <label class="field" title="Inputs of the parity function; all 2ⁿ combinations are the data">{ "Bits" }
                <input type="number" min="1" max="16" value={bits.to_string()} data-testid="data-bits"
                    onchange={numeric(on, "number of bits", |s, b: usize| {
                        s.data.generator = Generator::Parity { bits: b };
                        s.data.points = 1usize.checked_shl(b as u32).unwrap_or(0);
                    })} />
            </label>
        },
        Generator::Blobs { classes } => html! {
            <label class="field" title="How many Gaussian blobs, one class each">{ "Classes" }
                <input type="number" min="2" max="16" value={classes.to_string()}
                    onchange={numeric(on, "number of classes", |s, k: usize| s.data.generator = Generator::Blobs { classes: k })} />
            </label>
        },
        _ => html! {},
    };
    let plane = s.raw_inputs() == 2;
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
        <section class="setup" aria-label="Data and training settings">
            <h2>{ "Data" }</h2>
            <label class="field wide" title="Which points to learn from: TensorFlow Playground's sets and more">{ "Data set" }
                <select data-testid="data-set" onchange={on_data}>
                    { for DATA_SETS.iter().map(|(value, title)| {
                        let kind = value.split(':').next().unwrap_or_default();
                        html! { <option value={*value} selected={kind == data_kind}>{ *title }</option> }
                    }) }
                </select>
            </label>
            { detail }
            <div class="field-row">
                <label class="field" title="How many points to generate">{ "Points" }
                    <input type="number" min="1" value={s.data.points.to_string()} data-testid="data-points"
                        disabled={matches!(s.data.generator, Generator::Parity { .. })}
                        onchange={numeric(on, "number of points", |s, n: usize| s.data.points = n)} />
                </label>
                <label class="field" title="How much the points scatter (Playground's 0 to 0.5 scale for its sets)">{ "Noise" }
                    <input type="number" min="0" step="0.05" value={s.data.noise.to_string()} data-testid="data-noise"
                        onchange={numeric(on, "noise", |s, v: f64| s.data.noise = v)} />
                </label>
            </div>
            <div class="field-row">
                <label class="field" title="The share of points used for training; the rest are the test set">{ "Training %" }
                    <input type="number" min="0" max="100" step="5" value={(s.data.train_fraction * 100.0).round().to_string()}
                        data-testid="data-split" onchange={numeric(on, "training share", |s, v: f64| s.data.train_fraction = v / 100.0)} />
                </label>
                <label class="field" title="Change it for another draw of the same kind of data">{ "Data seed" }
                    <input type="number" min="0" value={s.data.seed.to_string()} data-testid="data-seed"
                        onchange={numeric(on, "data seed", |s, v: u64| s.data.seed = v)} />
                </label>
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
                <label class="field" title="What training minimises: ½(y − ŷ)², binary or softmax cross-entropy, or the hinge max(0, 1 − yŷ)">{ "Loss" }
                    <select data-testid="loss" onchange={on_loss}>
                        { for [Loss::SquaredError, Loss::BinaryCrossEntropy, Loss::SoftmaxCrossEntropy, Loss::Hinge].iter().map(|&l| html! {
                            <option value={l.to_string()} selected={s.loss == l}>{ loss_title(l) }</option>
                        }) }
                    </select>
                </label>
                <label class="field" title="How the initial weights are drawn: Xavier (uniform ±√(6/(fan in + fan out))), He (normal, variance 2/fan in), or Playground's uniform ±0.5 with biases 0.1">{ "First weights" }
                    <select data-testid="init" onchange={on_init}>
                        { for [(Init::Xavier, "Xavier"), (Init::He, "He"), (Init::UNIFORM, "Uniform ±0.5")].into_iter().map(|(init, title)| html! {
                            <option value={init.to_string()} selected={same_kind(&s.init, &init)}>{ title }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="field-row">
                <label class="field" title="How the gradient moves the weights">{ "Optimiser" }
                    <select data-testid="optimizer" onchange={on_optimizer}>
                        { for [(Optimizer::Sgd, "SGD"), (Optimizer::MOMENTUM, "Momentum"), (Optimizer::ADAM, "Adam")].into_iter().map(|(o, title)| html! {
                            // The current one keeps its own β (a link may set another).
                            <option value={if same_kind(&s.optimizer, &o) { s.optimizer.to_string() } else { o.to_string() }}
                                selected={same_kind(&s.optimizer, &o)}>{ title }</option>
                        }) }
                    </select>
                </label>
                <label class="field" title="The step size η">{ "Learning rate" }
                    <input type="number" min="0" step="any" value={s.learning_rate.to_string()} data-testid="learning-rate"
                        onchange={numeric(on, "learning rate", |s, v: f64| s.learning_rate = v)} />
                </label>
            </div>
            <div class="field-row">
                <label class="field" title="Examples per step; 0 for the whole training set">{ "Batch size" }
                    <input type="number" min="0" value={s.batch_size.to_string()} data-testid="batch-size"
                        title="Examples per step; 0 for the whole training set"
                        onchange={numeric(on, "batch size", |s, v: usize| s.batch_size = v)} />
                </label>
                <label class="field" title="The initial weights' seed, apart from the data's">{ "Weight seed" }
                    <input type="number" min="0" value={s.weight_seed.to_string()} data-testid="weight-seed"
                        onchange={numeric(on, "weight seed", |s, v: u64| s.weight_seed = v)} />
                </label>
            </div>
            <div class="field-row">
                <label class="field" title="L1 or L2 penalty on the weights (not the biases)">{ "Penalty" }
                    <select data-testid="regularization" onchange={on_reg}>
                        <option value="none" selected={reg_kind == "none"}>{ "None" }</option>
                        <option value="l1" selected={reg_kind == "l1"}>{ "L1" }</option>
                        <option value="l2" selected={reg_kind == "l2"}>{ "L2" }</option>
                    </select>
                </label>
                <label class="field" title="The penalty's rate">{ "Rate" }
                    <input type="number" min="0" step="any" value={reg_rate.to_string()} disabled={reg_kind == "none"}
                        data-testid="regularization-rate"
                        onchange={numeric(on, "penalty rate", |s, v: f64| s.regularization = match s.regularization {
                            Regularization::L1 { .. } => Regularization::L1 { rate: v },
                            Regularization::L2 { .. } => Regularization::L2 { rate: v },
                            Regularization::None => Regularization::None,
                        })} />
                </label>
            </div>
            if let Some(problem) = &props.problem {
                <p class="problem" role="alert" data-testid="setup-problem">{ problem }</p>
            }
        </section>
    }
}
