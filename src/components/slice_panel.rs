//! f and ∂f/∂variable over a range of one chosen variable, the others held at their values, with
//! the current point and its tangent line.

use chainrule::slice::{slice, SlicePoint};
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

/// The slice along the `k`th variable around its current value (None without variables).
fn plot_for(model: &Model, values: &[f64], k: usize) -> Option<FunctionPlot> {
    let graph = &model.graph;
    let k = k.min(graph.inputs().len().checked_sub(1)?);
    let input = graph.inputs()[k];
    let at = values.get(k).copied().unwrap_or(0.0);
    let (centre, half) = if at.is_finite() {
        (at, at.abs().max(3.0))
    } else {
        (0.0, 3.0)
    };
    Some(FunctionPlot {
        variable: graph.name(input).to_string(),
        function: graph.name(graph.output()).to_string(),
        points: slice(graph, values, input, centre - half, centre + half, POINTS),
        current: SlicePoint {
            at,
            value: model.trace.output_value(),
            slope: model.trace.adjoint(input),
        },
    })
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
        use_memo((model.trace.clone(), inputs.clone(), k), move |_| {
            plot_for(&model, &inputs, k)
        })
    };
    let graph = &props.model.graph;
    let Some(plot) = (*plot).clone() else {
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
    let f = graph.name(graph.output());
    let x = graph.name(input);
    html! {
        <section class="slice" aria-label="Plot along one variable">
            <h2>
                { format!("{f} and ∂{f}/∂") }
                <select aria-label="Variable to plot along" {onchange}>
                    { for inputs.iter().enumerate().map(|(i, &id)| html! {
                        <option value={i.to_string()} selected={i == k}>{ graph.name(id) }</option>
                    }) }
                </select>
            </h2>
            <FunctionCanvas {plot} theme={props.theme.clone()}
                label={format!("{f} and its derivative along {x}, with the tangent at {x} = {at}")} />
            <ul class="legend" aria-hidden="true">
                <li class="value">{ f }</li>
                <li class="slope">{ format!("∂{f}/∂{x}") }</li>
                <li class="tangent">{ format!("tangent at {x} = {}", chainrule::render::number::plain(at, 5)) }</li>
            </ul>
        </section>
    }
}
