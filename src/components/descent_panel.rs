//! Gradient descent's panel: the optimiser and η, which variables learn, the loss before and after
//! the last iteration, a chart of the loss per iteration, Next iteration and Start again.

use chainrule::descent::Descent;
use chainrule::nn::train::Optimizer;
use chainrule::render::number::{plain, DEFAULT_DIGITS};
use chainrule::render::text::display_name;
use gloo::timers::callback::Timeout;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::{HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::plots::palette::Palette;
use crate::session::{Action, Model};
use crate::workspace::charts::{self, Axes, Line};

/// The optimisers offered, with their names in the menu.
const OPTIMIZERS: [(&str, Optimizer); 3] = [
    ("SGD", Optimizer::Sgd),
    ("Momentum", Optimizer::MOMENTUM),
    ("Adam", Optimizer::ADAM),
];

/// Learn switches listed at most (a network's example has dozens of weights; the rest are set
/// by link).
const MAX_SWITCHES: usize = 60;

/// The update phase's title: the iteration, the optimiser, η (and Adam's t).
pub fn title(d: &Descent) -> String {
    let name = OPTIMIZERS
        .iter()
        .find(|o| std::mem::discriminant(&o.1) == std::mem::discriminant(&d.optimizer))
        .map_or("SGD", |o| o.0);
    let t = match d.optimizer {
        Optimizer::Adam { .. } => format!(", t = {}", d.t()),
        _ => String::new(),
    };
    format!(
        "Update {}: {name}, η = {}{t}",
        d.iterations() + 1,
        plain(d.rate, DEFAULT_DIGITS)
    )
}

/// Parameters named in the learn line before "and N more".
const SUMMARISED: usize = 4;

/// Props of [`DescentPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The expression on screen.
    pub model: Model,
    /// The descent's settings and history.
    pub descent: Descent,
    /// The page's theme, so the chart redraws in its colours.
    pub theme: AttrValue,
    /// Dispatches an action to the session.
    pub act: Callback<Action>,
}

/// The panel.
#[component]
pub fn DescentPanel(props: &Props) -> Html {
    let d = &props.descent;
    let graph = &props.model.graph;
    let f = display_name(graph.name(graph.output()));
    let on_optimizer = props.act.reform(|e: Event| {
        let select = e.target_unchecked_into::<HtmlSelectElement>();
        let k: usize = select.value().parse().unwrap_or(0);
        Action::SetOptimizer(OPTIMIZERS.get(k).map_or(Optimizer::Sgd, |o| o.1))
    });
    let on_rate = props.act.reform(|e: InputEvent| {
        let text = e.target_unchecked_into::<HtmlInputElement>().value();
        Action::SetRate(text.trim().parse().unwrap_or(f64::NAN))
    });
    let chosen = OPTIMIZERS
        .iter()
        .position(|o| std::mem::discriminant(&o.1) == std::mem::discriminant(&d.optimizer))
        .unwrap_or(0);
    let (first, losses) = d.losses();
    let now = props.model.trace.output_value();
    let change = match losses {
        [.., before, after] => format!(
            "{f}: {} → {} (iteration {})",
            plain(*before, DEFAULT_DIGITS),
            plain(*after, DEFAULT_DIGITS),
            d.iterations()
        ),
        _ => format!("{f} = {} (iteration 0)", plain(now, DEFAULT_DIGITS)),
    };
    let diverged = losses.last().is_some_and(|l| !l.is_finite());
    let grew = matches!(losses, [.., before, after] if after > before);
    let inputs = graph.inputs();
    // What learns, in a line that opens to the switches.
    let learned: Vec<String> = inputs
        .iter()
        .map(|&id| graph.name(id))
        .filter(|n| d.parameters.contains(*n))
        .map(display_name)
        .collect();
    let learning = match learned.len() {
        0 => "Learn: nothing yet (choose)".to_string(),
        n if n <= SUMMARISED => format!("Learn: {}", learned.join(", ")),
        n => format!(
            "Learn: {} and {} more",
            learned[..SUMMARISED].join(", "),
            n - SUMMARISED
        ),
    };
    html! {
        <section class="descent" aria-label="Gradient descent" data-testid="descent"
            data-iterations={d.iterations().to_string()} data-loss={now.to_string()}>
            <div class="descent-settings">
                <label>
                    <span class="visually-hidden">{ "Optimiser" }</span>
                    <select data-testid="descent-optimizer" onchange={on_optimizer} title="The optimiser of the update phase">
                        { for OPTIMIZERS.iter().enumerate().map(|(k, (name, _))| html! {
                            <option value={k.to_string()} selected={k == chosen}>{ *name }</option>
                        }) }
                    </select>
                </label>
                <label>{ "η = " }
                    <input type="number" data-testid="descent-rate" min="0" step="any" value={d.rate.to_string()}
                        oninput={on_rate} aria-label="Learning rate η" />
                </label>
            </div>
            <details class="learn">
                <summary data-testid="learn-summary">{ learning }</summary>
                <fieldset>
                <legend class="visually-hidden">{ "Variables that learn" }</legend>
                { for inputs.iter().take(MAX_SWITCHES).map(|&id| {
                    let name = graph.name(id).to_string();
                    let learns = d.parameters.contains(&name);
                    let toggle = props.act.reform({
                        let name = name.clone();
                        move |_: Event| Action::SetLearned(name.clone(), !learns)
                    });
                    html! {
                        <label class="switch" key={name.clone()}>
                            <input type="checkbox" checked={learns} onchange={toggle}
                                data-testid={format!("learn-{name}")} />
                            { display_name(&name) }
                        </label>
                    }
                }) }
                if inputs.len() > MAX_SWITCHES {
                    <span class="muted">{ format!("and {} more (set by link: learn=)", inputs.len() - MAX_SWITCHES) }</span>
                }
                </fieldset>
            </details>
            <p class="descent-change" data-testid="descent-change" aria-live="polite">{ change }</p>
            <div class="descent-actions">
                <button type="button" class="primary" data-testid="next-iteration" disabled={d.parameters.is_empty()}
                    title="Update the parameters and run the forward pass at their new values (i)"
                    onclick={props.act.reform(|_: MouseEvent| Action::Iterate)}>{ "Next iteration (i)" }</button>
                <button type="button" data-testid="descent-restart" disabled={d.iterations() == 0}
                    title="Set the parameters back to their values before the first iteration"
                    onclick={props.act.reform(|_: MouseEvent| Action::RestartDescent)}>{ "Start again" }</button>
            </div>
            if diverged {
                <p class="descent-warning" role="alert">{ format!("{f} is no longer finite: η is too large for this function. Start again with a smaller η.") }</p>
            } else if grew {
                <p class="descent-warning">{ format!("{f} grew: the step overshot. A smaller η, or Adam, takes smaller steps.") }</p>
            }
            if losses.len() > 1 {
                <LossCanvas first={first} losses={losses.to_vec()} function={f.clone()} theme={props.theme.clone()} />
            }
        </section>
    }
}

/// Props of [`LossCanvas`].
#[derive(Properties, PartialEq)]
struct LossProps {
    /// The number of the first iteration kept.
    first: usize,
    /// The function's value at each iteration from `first`.
    losses: Vec<f64>,
    /// The function's name.
    function: String,
    /// The page's theme.
    theme: AttrValue,
}

/// The loss per iteration, drawn with the network workspace's line chart.
#[component]
fn LossCanvas(props: &LossProps) -> Html {
    let canvas_ref = use_node_ref();
    {
        let canvas_ref = canvas_ref.clone();
        let key = (props.losses.clone(), props.first, props.theme.clone());
        let function = props.function.clone();
        use_effect_with(key, move |(losses, first, _)| {
            let (first, last) = (*first, first + losses.len().saturating_sub(1));
            let points: Vec<(f64, f64)> = losses
                .iter()
                .enumerate()
                .map(|(k, &l)| ((first + k) as f64, l))
                .collect();
            // Drawn after this render's effects, the theme switch among them.
            let draw = Timeout::new(0, move || {
                let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                    return;
                };
                let palette = Palette::read();
                canvas.set_width((f64::from(canvas.client_width()) * palette.scale) as u32);
                canvas.set_height((f64::from(canvas.client_height()) * palette.scale) as u32);
                let Some(backend) = CanvasBackend::with_canvas_object(canvas) else {
                    return;
                };
                let area = backend.into_drawing_area();
                let _ = area.fill(&TRANSPARENT);
                let line = Line {
                    label: String::new(),
                    points,
                    colour: palette.positive,
                    dashed: false,
                    dots: false,
                };
                let axes = Axes {
                    x: "iteration",
                    y: &function,
                    log_y: false,
                    // Whole iterations, at least five wide, as the workspace's epochs read.
                    x_fixed: Some((first as f64, (last as f64).max(first as f64 + 5.0))),
                    y_fixed: None,
                };
                charts::lines(&area, &palette, axes, &[line]);
                let _ = area.present();
            });
            move || drop(draw)
        });
    }
    let last = props.losses.last().copied().unwrap_or(f64::NAN);
    html! {
        <canvas ref={canvas_ref} class="loss-chart" role="img" data-testid="descent-chart"
            data-points={props.losses.len().to_string()}
            aria-label={format!("{} per iteration, from iteration {} to {}; now {}", props.function, props.first,
                props.first + props.losses.len() - 1, plain(last, DEFAULT_DIGITS))} />
    }
}
