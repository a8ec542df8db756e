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

/// The plot and its variable chooser.
#[component]
pub fn SlicePanel(props: &Props) -> Html {
    let chosen = use_state(|| 0usize);
    let graph = &props.model.graph;
    let inputs = graph.inputs();
    if inputs.is_empty() {
        return html! {};
    }
    let k = (*chosen).min(inputs.len() - 1);
    let input = inputs[k];
    let at = props.inputs.get(k).copied().unwrap_or(0.0);
    let half = if at.is_finite() {
        at.abs().max(3.0)
    } else {
        3.0
    };
    let centre = if at.is_finite() { at } else { 0.0 };
    let trace = &props.model.trace;
    let plot = FunctionPlot {
        variable: graph.name(input).to_string(),
        function: graph.name(graph.output()).to_string(),
        points: slice(
            graph,
            &props.inputs,
            input,
            centre - half,
            centre + half,
            POINTS,
        ),
        current: SlicePoint {
            at,
            value: trace.output_value(),
            slope: trace.adjoint(input),
        },
    };
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
