//! Backprop's gradient beside forward mode and central finite differences, computed on demand.

use chainrule::check::check_gradient;
use chainrule::render::number::plain;
use chainrule::render::text::display_name;
use yew::prelude::*;

use super::variables::MAX_LISTED;
use crate::session::Model;

/// Props of [`GradientCheck`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The traced expression.
    pub model: Model,
    /// The variables' values, in the graph's input order.
    pub inputs: Vec<f64>,
}

/// Passes over the graph the check may take (three per variable): a few hundred milliseconds at
/// most, whatever the graph.
const BUDGET: usize = 3_000_000;

/// The three derivatives of f for each variable (as many as the budget allows), and how far
/// backprop is from the numeric one.
#[component]
pub fn GradientCheck(props: &Props) -> Html {
    let graph = &props.model.graph;
    let variables = graph.inputs().len();
    let checked = (BUDGET / (3 * graph.len().max(1)))
        .clamp(1, variables.max(1))
        .min(MAX_LISTED);
    let checks: Vec<_> = check_gradient(graph, &props.model.trace, &props.inputs)
        .take(checked)
        .collect();
    let f = display_name(graph.name(graph.output()));
    html! {
        <table class="check" data-testid="gradient-check">
            <caption>
                { "Three ways to the same gradient" }
                if checked < variables { { format!(" (the first {checked} of {variables} variables)") } }
            </caption>
            <thead>
                <tr>
                    <th scope="col">{ "derivative" }</th>
                    <th scope="col">{ "backprop (reverse mode)" }</th>
                    <th scope="col">{ "forward mode (dual numbers)" }</th>
                    <th scope="col">{ "central difference" }</th>
                    <th scope="col">{ "relative error" }</th>
                </tr>
            </thead>
            <tbody>
                { for checks.iter().map(|c| html! {
                    <tr>
                        <th scope="row">{ format!("∂{f}/∂{}", display_name(graph.name(c.input))) }</th>
                        <td>{ plain(c.backprop, 10) }</td>
                        <td>{ plain(c.forward_mode, 10) }</td>
                        <td>{ plain(c.finite_difference, 10) }</td>
                        <td class={classes!((c.relative_error() > 1e-5).then_some("warn"))}>
                            { plain(c.relative_error(), 2) }
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
