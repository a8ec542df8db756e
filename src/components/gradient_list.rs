//! The gradient as the walk reveals it: ∂f/∂variable for each variable, "?" until the backward
//! pass reaches it.

use chainrule::render::number::plain;
use chainrule::render::text::display_name;
use yew::prelude::*;

use super::variables::MAX_LISTED;
use crate::session::Model;

/// Props of [`GradientList`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The traced expression.
    pub model: Model,
    /// How many steps of the walk are done.
    pub cursor: usize,
}

/// The list (its first few hundred entries: the derivation has every one).
#[component]
pub fn GradientList(props: &Props) -> Html {
    let Model { graph, trace, .. } = &props.model;
    let f = display_name(graph.name(graph.output()));
    let hidden = graph.inputs().len().saturating_sub(MAX_LISTED);
    html! {
        <section class="gradient" aria-label="Gradient">
            <h2>{ "Gradient" }</h2>
            <ul>
                { for graph.inputs().iter().take(MAX_LISTED).map(|&input| {
                    let known = props.model.adjoint_known(input, props.cursor);
                    let value = trace.adjoint(input);
                    html! {
                        <li data-testid={format!("gradient-{}", graph.name(input))}
                            data-value={if known { value.to_string() } else { String::new() }}>
                            { format!("∂{f}/∂{} = {}", display_name(graph.name(input)),
                                if known { plain(value, 5) } else { "?".into() }) }
                        </li>
                    }
                }) }
            </ul>
            if hidden > 0 {
                <p class="muted">{ format!("and {hidden} more, in the derivation") }</p>
            }
        </section>
    }
}
