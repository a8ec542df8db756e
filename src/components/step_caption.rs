//! The current step in large type under the graph, so the chain rule being applied is readable
//! from the back of a lecture hall; before the first step and after the last, what to do next.

use chainrule::render::derivation::{backward_line, forward_line, gradient_line};
use chainrule::render::math::Math;
use chainrule::render::notation::render;
use chainrule::render::number::DEFAULT_DIGITS;
use chainrule::render::text::Text;
use chainrule::trace::Step;
use yew::prelude::*;

use super::math::{chain, typeset};
use crate::session::Model;

/// How many of the gradient's components the last step's caption lists.
const GRADIENT_SHOWN: usize = 4;

/// Props of [`StepCaption`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The traced expression.
    pub model: Model,
    /// The step just taken, if any.
    pub current: Option<Step>,
    /// True after the backward pass's last step.
    pub finished: bool,
    /// Whether gradient descent is on (the update phase follows the backward pass).
    #[prop_or_default]
    pub descending: bool,
    /// The update just made, in the update phase: the parameter's line and the optimiser's state
    /// after it (`v = …`).
    #[prop_or_default]
    pub update: Option<(Math, Vec<Math>)>,
    /// True after the update phase's last step.
    #[prop_or_default]
    pub updated: bool,
    /// In the teacher's window beside an audience window: how many steps are done, so that the
    /// caption also says the step that comes next (for the teacher's eyes only).
    #[prop_or_default]
    pub next: Option<usize>,
}

/// The caption.
#[component]
pub fn StepCaption(props: &Props) -> Html {
    let graph = &props.model.graph;
    let trace = &props.model.trace;
    let (phase, body) = match (props.current, &props.update) {
        (None, Some((own, state))) => {
            (
                "update",
                html! {
                    <>
                        { chain(own) }
                        // The optimiser's state, or (SGD has none) what comes next: the step counter
                        // says "all updated" either way.
                        if !state.is_empty() {
                            <p class="state">{ for state.iter().map(typeset) }</p>
                        } else if props.updated {
                            <p>{ "All updated: press i for the next iteration." }</p>
                        }
                    </>
                },
            )
        }
        (None, None) => (
            "ready",
            html! {
                <>
                    <p>{ "The inputs are set. Step forward to compute each node's value, left to right." }</p>
                    <p class="hint" data-testid="hint">
                        <kbd>{ "→" }</kbd>{ " steps · " }<kbd>{ "space" }</kbd>{ " plays · " }<kbd>{ "?" }</kbd>
                        { " lists every key · Lesson walks through the lecture" }
                    </p>
                </>
            },
        ),
        (Some(Step::Forward(step)), _) => ("forward", chain(&forward_line(graph, step))),
        (Some(Step::Backward(step)), _) if props.finished => {
            // The last line is the gradient when there is one variable; else each is listed (a
            // handful: the derivation lists every one).
            let inputs = graph.inputs();
            let gradient: Vec<Math> = inputs
                .iter()
                .take(GRADIENT_SHOWN)
                .map(|&i| gradient_line(graph, trace, i))
                .collect();
            let more = inputs.len().saturating_sub(GRADIENT_SHOWN);
            (
                "done",
                html! {
                    <>
                        { chain(&backward_line(graph, trace, step)) }
                        <p>{ "Done: every node carries its adjoint." }
                            if props.descending { { " Next, each parameter's update (→)." } }
                            if inputs.len() > 1 {
                                { " The gradient: " }
                                { for gradient.iter().map(typeset) }
                                if more > 0 { { format!("and {more} more in the derivation.") } }
                            }
                        </p>
                    </>
                },
            )
        }
        (Some(Step::Backward(step)), _) => ("backward", chain(&backward_line(graph, trace, step))),
    };
    let next = props
        .next
        .and_then(|cursor| trace.step(cursor))
        .map(|step| {
            let line = match step {
                Step::Forward(s) => forward_line(graph, s),
                Step::Backward(s) => backward_line(graph, trace, s),
            };
            let text = Text {
                digits: DEFAULT_DIGITS,
            };
            html! { <p class="next-step" data-testid="next-step">{ "Next: " }{ render(&text, &line) }</p> }
        });
    html! {
        <div class={classes!("caption", phase)} data-testid="step-caption" data-control="caption" aria-live="polite">
            { body }
            { for next }
        </div>
    }
}
