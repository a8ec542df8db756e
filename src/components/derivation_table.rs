//! The forward and backward steps as a table: the lecture's two lists, as the CLI prints them.

use chainrule::render::derivation::{backward_line, forward_line, gradient_line};
use chainrule::render::notation::render;
use chainrule::render::number::{plain, DEFAULT_DIGITS};
use chainrule::render::text::Text;
use yew::prelude::*;

use crate::session::Model;

/// Props of [`DerivationTable`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The traced expression.
    pub model: Model,
    /// True while the expression field holds an error and this is the last good expression.
    pub stale: bool,
}

/// Both passes, one row per step, and the gradient.
#[component]
pub fn DerivationTable(props: &Props) -> Html {
    let graph = &props.model.graph;
    let trace = &props.model.trace;
    let text = Text {
        digits: DEFAULT_DIGITS,
    };
    let row = |pass: &'static str, node: &str, line: String, value: f64| {
        html! {
            <tr data-pass={pass} data-node={node.to_string()}>
                <th scope="row">{ node }</th>
                <td class="formula">{ line }</td>
                <td class="value" data-value={value.to_string()}>{ plain(value, DEFAULT_DIGITS) }</td>
            </tr>
        }
    };
    let class = classes!("derivation", props.stale.then_some("stale"));
    html! {
        <section {class} aria-label="Derivation">
            <table data-testid="forward-table">
                <caption>{ "Forward pass" }</caption>
                <tbody>
                    { for trace.forward().map(|step| row(
                        "forward",
                        graph.name(step.node),
                        render(&text, &forward_line(graph, step)),
                        step.value,
                    )) }
                </tbody>
            </table>
            <table data-testid="backward-table">
                <caption>{ "Backward pass" }</caption>
                <tbody>
                    { for trace.backward().map(|step| row(
                        "backward",
                        graph.name(step.node),
                        render(&text, &backward_line(graph, trace, step)),
                        step.adjoint,
                    )) }
                </tbody>
            </table>
            <table data-testid="gradient-table">
                <caption>{ "Gradient" }</caption>
                <tbody>
                    { for graph.inputs().iter().map(|&input| html! {
                        <tr data-testid={format!("gradient-{}", graph.name(input))}
                            data-value={trace.adjoint(input).to_string()}>
                            <td class="formula">{ render(&text, &gradient_line(graph, trace, input)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
