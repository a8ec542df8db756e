//! The lecture's two lists, typeset as MathML by the engine: each line appears when the walk
//! reaches it (until then only its left-hand side shows, as on the lecture's slides), the current
//! line is highlighted, hovering a line highlights its node, and clicking a line jumps there.

use std::rc::Rc;

use chainrule::render::derivation::{adjoint_symbol, backward_line, forward_line, operand};
use chainrule::render::mathml::MathMl;
use chainrule::render::notation::render;
use chainrule::render::number::DEFAULT_DIGITS;
use chainrule::render::text::Text;
use chainrule::NodeId;
use yew::prelude::*;

use crate::session::Model;

/// Props of [`DerivationPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The traced expression.
    pub model: Model,
    /// How many steps of the walk are done.
    pub cursor: usize,
    /// The node under the pointer here or in the graph.
    pub hovered: Option<NodeId>,
    /// True while the expression has an error and this is the last good derivation.
    pub stale: bool,
    /// Called with the position to jump to when a line is clicked.
    pub on_jump: Callback<usize>,
    /// Called when the pointer enters (Some) or leaves (None) a line.
    pub on_hover: Callback<Option<NodeId>>,
}

/// One line of the derivation, typeset once per trace.
#[derive(PartialEq)]
struct Line {
    node: NodeId,
    /// The walk position after this line's step.
    position: usize,
    /// The left-hand side alone, shown before the step.
    pending: Html,
    /// The whole line.
    done: Html,
    /// The whole line as plain text, which screen readers read out (not all of them read
    /// MathML inside a button).
    spoken: String,
}

fn mathml(math: &chainrule::render::math::Math) -> Html {
    // The engine escapes every name and number it writes into MathML; no user text is raw here.
    Html::from_html_unchecked(AttrValue::from(render(
        &MathMl {
            digits: DEFAULT_DIGITS,
        },
        math,
    )))
}

fn spoken(math: &chainrule::render::math::Math) -> String {
    render(
        &Text {
            digits: DEFAULT_DIGITS,
        },
        math,
    )
}

fn lines(model: &Model) -> (Vec<Line>, Vec<Line>) {
    let graph = &model.graph;
    let trace = &model.trace;
    let forward = trace
        .forward()
        .enumerate()
        .map(|(i, step)| Line {
            node: step.node,
            position: i + 1,
            pending: mathml(&operand(graph, step.node)),
            spoken: spoken(&forward_line(graph, step)),
            done: mathml(&forward_line(graph, step)),
        })
        .collect();
    let offset = trace.forward_count();
    let backward = trace
        .backward()
        .enumerate()
        .map(|(j, step)| Line {
            node: step.node,
            position: offset + j + 1,
            pending: mathml(&adjoint_symbol(graph, step.node)),
            spoken: spoken(&backward_line(graph, trace, step)),
            done: mathml(&backward_line(graph, trace, step)),
        })
        .collect();
    (forward, backward)
}

/// Both lists.
#[component]
pub fn DerivationPanel(props: &Props) -> Html {
    let typeset: Rc<(Vec<Line>, Vec<Line>)> = {
        let model = props.model.clone();
        use_memo((model.trace.clone(), model.graph.clone()), move |_| {
            lines(&model)
        })
    };
    let list = |title: &'static str, id: &'static str, lines: &[Line]| {
        html! {
            <section class="pass" aria-labelledby={id}>
                <h2 id={id}>{ title }</h2>
                <ol>
                    { for lines.iter().map(|line| {
                        let done = line.position <= props.cursor;
                        let current = line.position == props.cursor;
                        let class = classes!(
                            "line",
                            if done { "done" } else { "pending" },
                            current.then_some("current"),
                            (props.hovered == Some(line.node)).then_some("hovered"),
                        );
                        let position = line.position;
                        let node = line.node;
                        let onclick = props.on_jump.reform(move |_: MouseEvent| position);
                        let onmouseenter = props.on_hover.reform(move |_: MouseEvent| Some(node));
                        let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
                        html! {
                            <li {class} data-step={position.to_string()} aria-current={current.then_some("step")}>
                                <button type="button" class="jump" {onclick} {onmouseenter} {onmouseleave}
                                    aria-label={if done { format!("Step {position}: {}", line.spoken) } else { format!("Go to step {position}") }}>
                                    { if done { line.done.clone() } else { line.pending.clone() } }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            </section>
        }
    };
    // The current line stays in sight as the walk moves (long derivations scroll).
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        use_effect_with(props.cursor, move |_| {
            let current = panel
                .cast::<web_sys::Element>()
                .and_then(|p| p.query_selector(".line.current").ok().flatten());
            if let Some(line) = current {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                line.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    }
    html! {
        <div ref={panel} class={classes!("derivation", props.stale.then_some("stale"))} data-testid="derivation">
            { list("Forward pass", "forward-title", &typeset.0) }
            { list("Backward pass", "backward-title", &typeset.1) }
        </div>
    }
}
