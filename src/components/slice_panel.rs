//! f and ∂f/∂variable over a range of one chosen variable, the others held at their values, with
//! the current point and its tangent line.

use chainrule::render::number::count;
use chainrule::render::text::display_name;
use chainrule::slice::{slice, window, SlicePoint};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::plots::canvas::FunctionCanvas;
use crate::plots::function_plot::FunctionPlot;
use crate::session::Model;

/// Props of [`SlicePanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The traced expression.
    pub model: Model,
    /// The variables' values, in the graph's input order.
    pub inputs: Vec<f64>,
    /// The page's theme, so the chart redraws in the theme's colours.
    pub theme: AttrValue,
}

/// How many points a curve is drawn through.
const POINTS: usize = 241;
/// The largest graph plotted: choosing the range and drawing evaluates it about 1,200 times.
pub const MAX_PLOTTED: usize = 5_000;

/// The slice along the `k`th variable around its current value, over a window where both curves
/// read, and whether the derivative could be drawn there (None without variables).
fn plot_for(model: &Model, values: &[f64], k: usize) -> Option<(FunctionPlot, bool)> {
    let graph = &model.graph;
    let k = k.min(graph.inputs().len().checked_sub(1)?);
    let input = graph.inputs()[k];
    let at = values.get(k).copied().unwrap_or(0.0);
    let range = window(graph, values, input, at);
    let plot = FunctionPlot {
        variable: display_name(graph.name(input)),
        function: display_name(graph.name(graph.output())),
        points: slice(graph, values, input, range.low, range.high, POINTS),
        current: SlicePoint {
            at,
            value: model.trace.output_value(),
            slope: model.trace.adjoint(input),
        },
    };
    Some((plot, range.resolved))
}

/// The plot and its variable chooser.
#[component]
pub fn SlicePanel(props: &Props) -> Html {
    let chosen = use_state(|| 0usize);
    // Sampling the slice evaluates the graph a few hundred times: only when its inputs change,
    // not on every step of the walk.
    let plot = {
        let model = props.model.clone();
        let inputs = props.inputs.clone();
        let k = *chosen;
        use_memo((model.clone(), inputs.clone(), k), move |_| {
            (model.graph.len() <= MAX_PLOTTED)
                .then(|| plot_for(&model, &inputs, k))
                .flatten()
        })
    };
    let graph = &props.model.graph;
    if graph.len() > MAX_PLOTTED {
        return html! {
            <section class="slice" aria-label="Plot along one variable">
                <p class="plot-note" data-testid="plot-note">
                    { format!("The plot along a variable is drawn for graphs of at most {} nodes; this one has {}.", count(MAX_PLOTTED), count(graph.len())) }
                </p>
            </section>
        };
    }
    let Some((plot, resolved)) = (*plot).clone() else {
        return html! {};
    };
    let k = (*chosen).min(graph.inputs().len() - 1);
    let inputs = graph.inputs();
    let input = inputs[k];
    let at = plot.current.at;
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            chosen.set(select.value().parse().unwrap_or(0));
        })
    };
    let f = display_name(graph.name(graph.output()));
    let x = display_name(graph.name(input));
    html! {
        <section class="slice" aria-label="Plot along one variable">
            <h2>
                { format!("{f} and ∂{f}/∂") }
                <select aria-label="Variable to plot along" {onchange}>
                    { for inputs.iter().enumerate().map(|(i, &id)| html! {
                        <option value={i.to_string()} selected={i == k}>{ display_name(graph.name(id)) }</option>
                    }) }
                </select>
            </h2>
            <FunctionCanvas {plot} theme={props.theme.clone()}
                label={format!("{f} (left axis) and ∂{f}/∂{x} (right axis) along {x}, with the tangent at {x} = {at}")} />
            if !resolved {
                <p class="plot-note" role="note" data-testid="plot-note">
                    { format!("∂{f}/∂{x} varies too fast to draw here: it turns many times even over the narrowest range.") }
                </p>
            }
        </section>
    }
}
