//! The lecture's demonstrations beside the workspace: the activation gallery (φ and φ′ for all six,
//! with the parameter a), linear units collapsing into one (w̃), universal approximation (the
//! hidden layer's width), expressive efficiency (parity, shallow against deep), and the loss
//! landscape with the training trajectory.

use std::rc::Rc;

use chainrule::nn::activation::Activation;
use chainrule::nn::collapse::{collapse, unit_output};
use chainrule::nn::data::Generator;
use chainrule::nn::setup::Setup;
use chainrule::render::number::plain;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::action::{changes, Action, Change};
use super::frame::Frame;
use super::paint_key::Paint;
use super::painter::gallery;
use super::state::{Demo, Run};

/// Props of [`DemoPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Which demonstration.
    pub demo: Demo,
    /// The shown run's frame.
    pub frame: Rc<Frame>,
    /// Every run's summary (for the comparison).
    pub summaries: Vec<Summary>,
    /// Every run's first hidden layer's width and number of hidden layers.
    pub shapes: Vec<(usize, usize)>,
    /// The gallery's parameter a.
    pub gallery_a: f64,
    /// Whether a landscape has been computed.
    pub has_landscape: bool,
    /// The settings being edited (what the demonstrations' controls change).
    pub draft: Setup,
    /// Sends the demonstrations' changes.
    pub on_action: Callback<Action>,
}

/// A run in numbers, for comparisons.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// `2-4-4-1 tanh`.
    pub shape: String,
    /// Weights and biases.
    pub parameters: usize,
    /// Epochs done.
    pub epoch: usize,
    /// Latest losses and accuracies (NaN before the first epoch).
    pub train_loss: f64,
    /// Test loss.
    pub test_loss: f64,
    /// Training accuracy.
    pub train_accuracy: f64,
    /// Test accuracy.
    pub test_accuracy: f64,
}

impl Summary {
    /// The summary of `run`.
    pub fn of(run: &Run) -> Summary {
        let mlp = &run.trainer.mlp;
        let mut shape: Vec<String> = vec![mlp.inputs().to_string()];
        shape.extend(mlp.layers.iter().map(|l| l.outputs.to_string()));
        let last = run.trainer.history.last();
        let pick = |f: fn(&chainrule::nn::train::EpochRecord) -> f64| last.map_or(f64::NAN, f);
        Summary {
            shape: shape.join("-"),
            parameters: mlp.parameter_count(),
            epoch: run.trainer.epoch(),
            train_loss: pick(|e| e.train_loss),
            test_loss: pick(|e| e.test_loss),
            train_accuracy: pick(|e| e.train_accuracy),
            test_accuracy: pick(|e| e.test_accuracy),
        }
    }
}

/// A fraction as a percentage, or a dash.
pub fn percent(v: f64) -> String {
    if v.is_finite() {
        format!("{:.1}%", 100.0 * v)
    } else {
        "–".into()
    }
}

/// A number to 4 significant digits, or a dash.
pub fn number(v: f64) -> String {
    if v.is_finite() {
        plain(v, 4)
    } else {
        "–".into()
    }
}

/// The lecture's φ′ for each activation, as the gallery captions it.
fn formulas(a: Activation) -> (&'static str, &'static str) {
    match a {
        Activation::Linear => ("φ(x) = x", "φ′(x) = 1"),
        Activation::Sigmoid => ("φ(x) = 1/(1 + e⁻ˣ)", "φ′(x) = σ(x)σ(−x)"),
        Activation::Tanh => ("φ(x) = tanh x", "φ′(x) = 1 − tanh²x"),
        Activation::Relu => ("φ(x) = max(x, 0)", "φ′(x) = 𝟙(x ≥ 0)"),
        Activation::LeakyRelu { .. } => ("φ(x) = max(x, ax)", "φ′(x) = 𝟙(x ≥ 0) + a𝟙(x < 0)"),
        Activation::Elu { .. } => (
            "φ(x) = x if x ≥ 0, else a(eˣ − 1)",
            "φ′(x) = 𝟙(x ≥ 0) + aeˣ𝟙(x < 0)",
        ),
    }
}

/// Points at which the gallery states its values (for readers and for tests).
pub const SAMPLES: [f64; 7] = [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0];

/// Comparison of the runs side by side.
pub fn comparison(summaries: &[Summary]) -> Html {
    html! {
        <table class="comparison" data-testid="comparison">
            <thead><tr><th>{ "Run" }</th><th>{ "Layers" }</th><th>{ "Parameters" }</th><th>{ "Epoch" }</th>
                <th>{ "Train loss" }</th><th>{ "Test loss" }</th><th>{ "Train acc." }</th><th>{ "Test acc." }</th></tr></thead>
            <tbody>
                { for summaries.iter().enumerate().map(|(r, s)| html! {
                    <tr data-testid={format!("summary-{r}")}>
                        <th>{ ["A", "B"][r.min(1)] }</th><td>{ &s.shape }</td><td>{ s.parameters }</td><td>{ s.epoch }</td>
                        <td>{ number(s.train_loss) }</td><td>{ number(s.test_loss) }</td>
                        <td>{ percent(s.train_accuracy) }</td><td>{ percent(s.test_accuracy) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn gallery_panel(props: &Props) -> Html {
    let on_a = props.on_action.reform(|e: InputEvent| {
        Action::GalleryA(
            e.target_unchecked_into::<HtmlInputElement>()
                .value()
                .parse()
                .unwrap_or(0.1),
        )
    });
    html! {
        <>
            <p>{ "Each activation φ (solid) and its derivative φ′ (dashed), the factor every backward message through a unit is multiplied by. Where φ′ is near 0, gradients vanish." }</p>
            <label class="field">{ format!("a (leaky ReLU, ELU) = {}", props.gallery_a) }
                <input type="range" min="0" max="2" step="0.05" value={props.gallery_a.to_string()} oninput={on_a}
                    data-testid="gallery-a" />
            </label>
            <div class="gallery">
                { for gallery(props.gallery_a).iter().enumerate().map(|(k, &a)| {
                    let (phi, derivative) = formulas(a);
                    let samples: Vec<String> = SAMPLES.iter()
                        .map(|&x| format!("{x},{},{}", a.value(x), a.derivative(x))).collect();
                    html! {
                        <figure class="gallery-card" data-testid={format!("gallery-{}", a.name())} data-samples={samples.join(";")}>
                            <canvas class="chart" data-paint={Paint::Gallery(k).to_string()} role="img"
                                aria-label={format!("{} and its derivative", a.name())} />
                            <figcaption><strong>{ a.name() }</strong><br />{ phi }<br />{ derivative }</figcaption>
                        </figure>
                    }
                }) }
            </div>
        </>
    }
}

/// The network's output beside the single unit's on a few training points.
fn agreement(frame: &Frame, w: &[Vec<f64>]) -> Html {
    let Some(points) = &frame.examples else {
        return html! {};
    };
    html! {
        <table class="comparison agreement" data-testid="collapse-agreement">
            <thead><tr><th>{ "x" }</th><th>{ "network ŷ" }</th><th>{ "one unit w̃" }</th></tr></thead>
            <tbody>
                { for points.iter().map(|x| {
                    let net = frame.mlp.predict(x)[0];
                    let unit = unit_output(w, x)[0];
                    html! {
                        <tr data-net={net.to_string()} data-unit={unit.to_string()}>
                            <td>{ x.iter().map(|v| plain(*v, 3)).collect::<Vec<_>>().join(", ") }</td>
                            <td>{ plain(net, 6) }</td><td>{ plain(unit, 6) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

fn collapse_panel(props: &Props) -> Html {
    let mlp = &props.frame.mlp;
    let on_change = changes(&props.draft, &props.on_action);
    let make = |activation: Option<Activation>| {
        on_change.reform(move |_: MouseEvent| -> Change {
            Rc::new(move |s: &mut Setup| {
                for layer in &mut s.hidden {
                    layer.1 = Activation::Linear;
                }
                if let (Some(a), Some(first)) = (activation, s.hidden.first_mut()) {
                    first.1 = a;
                }
                s.output = Activation::Linear;
            })
        })
    };
    let body = match collapse(mlp) {
        Some(w) => {
            let d = mlp.inputs();
            let rows: Vec<Html> = (0..=d)
                .map(|i| html! {
                    <tr><th>{ if i == 0 { "w̃₀ (bias)".to_string() } else { format!("w̃{}", ["₁", "₂", "₃", "₄", "₅", "₆", "₇"].get(i - 1).copied().unwrap_or("") ) } }</th>
                        <td data-testid={format!("collapsed-{i}")} data-value={w[i][0].to_string()}>{ plain(w[i][0], 5) }</td></tr>
                })
                .collect();
            html! {
                <>
                    <p>{ format!("Every unit is linear, so the whole {}-parameter network computes ŷ = w̃₀ + Σᵢ w̃ᵢxᵢ, one linear unit with these weights:", mlp.parameter_count()) }</p>
                    <table class="collapsed">{ for rows }</table>
                    { agreement(&props.frame, &w) }
                    <p class="muted">{ "Its boundary is a straight line whatever the depth. Make one layer non-linear and train again:" }</p>
                    <button type="button" onclick={make(Some(Activation::Tanh))} data-testid="collapse-nonlinear">{ "Make layer 1 tanh" }</button>
                </>
            }
        }
        None => html! {
            <>
                <p>{ "A layer has a non-linear φ, so no single linear unit is equivalent: the network can bend its boundary." }</p>
                <button type="button" onclick={make(None)} data-testid="collapse-linear">{ "Make every layer linear" }</button>
            </>
        },
    };
    html! { <>{ body }{ comparison(&props.summaries) }</> }
}

fn universal_panel(props: &Props) -> Html {
    let width = props.frame.setup.hidden.first().map_or(1, |l| l.0);
    let on_width = changes(&props.draft, &props.on_action).reform(|e: InputEvent| -> Change {
        let n: usize = e
            .target_unchecked_into::<HtmlInputElement>()
            .value()
            .parse()
            .unwrap_or(1);
        Rc::new(move |s: &mut Setup| {
            s.hidden.truncate(1);
            if let Some(first) = s.hidden.first_mut() {
                first.0 = n.max(1);
            } else {
                s.hidden.push((n.max(1), Activation::Tanh));
            }
        })
    });
    html! {
        <>
            <p>{ "One hidden layer of enough units can approximate any continuous function on an interval (the universal approximation theorem). Type any f(x) in the data settings, choose the width, and train." }</p>
            <label class="field">{ format!("Hidden units: {width}") }
                <input type="range" min="1" max="64" value={width.to_string()} oninput={on_width} data-testid="universal-width" />
            </label>
            { comparison(&props.summaries) }
        </>
    }
}

fn parity_panel(props: &Props) -> Html {
    let bits = match props.frame.setup.data.generator {
        Generator::Parity { bits } => bits,
        _ => 0,
    };
    let width = props.shapes.first().map_or(0, |s| s.0);
    let depth = props.shapes.get(1).map_or(0, |s| s.1);
    let read = |e: &Event| -> usize {
        e.target_unchecked_into::<HtmlInputElement>()
            .value()
            .parse()
            .unwrap_or(0)
    };
    let on_width = props
        .on_action
        .reform(move |e: Event| Action::ParityShape(Some(read(&e)), None));
    let on_depth = props
        .on_action
        .reform(move |e: Event| Action::ParityShape(None, Some(read(&e))));
    let on_bits = props
        .on_action
        .reform(move |e: Event| Action::ParityBits(read(&e)));
    html! {
        <>
            <p>{ "Parity of n bits: run A has one hidden layer, run B three layers n units wide, with about as many parameters. A quarter of the 2ⁿ inputs are held out, so fitting the rest is not enough: compare the test accuracy. The lecture's claim is about size: a shallow network may need exponentially many units where a deep one needs polynomially many. Then shrink each (A's width, B's depth) and see how small each can be and still get parity right on inputs it never saw." }</p>
            <div class="field-row parity">
                <label class="field">{ "Bits n" }
                    <input type="number" min="2" max="12" value={bits.to_string()} onchange={on_bits} data-testid="parity-bits" />
                </label>
                <label class="field">{ "A: units in its one layer" }
                    <input type="number" min="1" value={width.to_string()} onchange={on_width} data-testid="parity-width" />
                </label>
                <label class="field">{ "B: layers of n units" }
                    <input type="number" min="1" max="12" value={depth.to_string()} onchange={on_depth} data-testid="parity-depth" />
                </label>
            </div>
            { comparison(&props.summaries) }
        </>
    }
}

fn landscape_panel(props: &Props) -> Html {
    let compute = props
        .on_action
        .reform(|_: MouseEvent| Action::ComputeLandscape);
    html! {
        <>
            <p>{ "The mean training loss on a plane through the current weights, along two random directions normalised unit by unit (Li et al., 2018); blue is low, orange high. The line is the training path so far, projected onto the plane; the dot is where the weights are now." }</p>
            <button type="button" onclick={compute} data-testid="landscape-compute">{ "Compute around the current weights" }</button>
            if props.has_landscape {
                <canvas class="chart landscape" data-paint={Paint::Landscape.to_string()} role="img" aria-label="Loss landscape with the training path" data-testid="landscape" />
            }
        </>
    }
}

/// The open demonstration.
#[component]
pub fn DemoPanel(props: &Props) -> Html {
    let body = match props.demo {
        Demo::None => return html! {},
        Demo::Gallery => gallery_panel(props),
        Demo::Collapse => collapse_panel(props),
        Demo::Universal => universal_panel(props),
        Demo::Parity => parity_panel(props),
        Demo::Landscape => landscape_panel(props),
    };
    html! {
        <section class="demo" aria-label={props.demo.title()} data-testid={format!("demo-{}", props.demo.name())}>
            <h2>{ props.demo.title() }</h2>
            { body }
        </section>
    }
}
