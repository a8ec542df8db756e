//! The lecture's two lists, typeset as MathML by the engine: each line appears when the walk
//! reaches it (until then only its left-hand side shows, as on the lecture's slides), the current
//! line is highlighted, hovering a line highlights its node, and clicking a line jumps there. With
//! gradient descent on, a third list follows: each parameter's update.

use chainrule::render::derivation::{adjoint_symbol, backward_line, forward_line, operand};
use chainrule::render::math::Math;
use chainrule::render::notation::render;
use chainrule::render::number::DEFAULT_DIGITS;
use chainrule::render::text::Text;
use chainrule::trace::Step;
use chainrule::NodeId;
use yew::prelude::*;

use super::math::{chain, typeset};
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
    /// The update phase, when gradient descent is on.
    #[prop_or_default]
    pub updates: Option<UpdatePhase>,
}

/// The update phase as the third list writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct UpdatePhase {
    /// `Update 3: Adam, η = 0.1, t = 3`
    pub title: String,
    /// Each parameter's node and its lines, the parameter's own last.
    pub steps: Vec<(NodeId, Vec<Math>)>,
}

/// One line of the derivation: which node's step it is and where it comes in the walk.
#[derive(Clone, Copy, PartialEq)]
struct Line {
    node: NodeId,
    /// The walk position after this line's step.
    position: usize,
    /// In the backward list (else the forward one).
    backward: bool,
}

/// Lines typeset as MathML on either side of the current one, when a derivation is long; the
/// others are plain text until the walk comes near (a derivation of hundreds of lines as MathML
/// is tens of thousands of elements, too many to redraw in a frame).
const TYPESET_REACH: usize = 6;
/// A derivation this short is typeset whole.
const TYPESET_ALL: usize = 40;
/// Lines listed on either side of the current one, when a derivation is long; the rest are
/// summed up in a line that jumps there.
const LIST_REACH: usize = 16;
/// A derivation this short is listed whole.
const LIST_ALL: usize = 60;

fn text(math: &Math) -> String {
    render(
        &Text {
            digits: DEFAULT_DIGITS,
        },
        math,
    )
}

fn lines(model: &Model) -> (Vec<Line>, Vec<Line>) {
    let trace = &model.trace;
    let forward = trace
        .forward()
        .enumerate()
        .map(|(i, step)| Line {
            node: step.node,
            position: i + 1,
            backward: false,
        })
        .collect();
    let offset = trace.forward_count();
    let backward = trace
        .backward()
        .enumerate()
        .map(|(j, step)| Line {
            node: step.node,
            position: offset + j + 1,
            backward: true,
        })
        .collect();
    (forward, backward)
}

/// Props of [`LineView`].
#[derive(Properties, PartialEq)]
struct LineProps {
    model: Model,
    line: Line,
    done: bool,
    current: bool,
    hovered: bool,
    /// Typeset as MathML (else plain text).
    typeset: bool,
    on_jump: Callback<usize>,
    on_hover: Callback<Option<NodeId>>,
}

/// One line: a component of its own, so a step redraws only the lines it changes.
#[component]
fn LineView(props: &LineProps) -> Html {
    let LineProps { model, line, .. } = props;
    let (graph, trace) = (&model.graph, &model.trace);
    let whole = match trace.step(line.position - 1) {
        Some(Step::Forward(step)) => forward_line(graph, step),
        Some(Step::Backward(step)) => backward_line(graph, trace, step),
        None => return html! {},
    };
    let lhs = match line.backward {
        false => operand(graph, line.node),
        true => adjoint_symbol(graph, line.node),
    };
    // The whole line as plain text, which screen readers read out (not all of them read MathML
    // inside a button).
    let spoken = text(&whole);
    let shown = match (props.typeset, props.done) {
        (true, true) => chain(&whole),
        (true, false) => typeset(&lhs),
        (false, true) => html! { <span class="plain">{ spoken.clone() }</span> },
        (false, false) => html! { <span class="plain">{ text(&lhs) }</span> },
    };
    let class = classes!(
        "line",
        if props.done { "done" } else { "pending" },
        props.current.then_some("current"),
        props.hovered.then_some("hovered"),
    );
    let position = line.position;
    let node = line.node;
    let onclick = props.on_jump.reform(move |_: MouseEvent| position);
    let onmouseenter = props.on_hover.reform(move |_: MouseEvent| Some(node));
    let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
    html! {
        <li {class} data-step={position.to_string()} aria-current={props.current.then_some("step")}>
            <button type="button" class="jump" {onclick} {onmouseenter} {onmouseleave}
                aria-label={if props.done { format!("Step {position}: {spoken}") } else { format!("Go to step {position}") }}>
                { shown }
            </button>
        </li>
    }
}

/// Scrolls the derivation's own column just enough to show `line`, and nothing else: the
/// browser's scrollIntoView would also scroll the side column and hide a lesson's buttons.
fn reveal(line: &web_sys::Element) {
    let Some(column) = line.closest(".side-scroll").ok().flatten() else {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        line.scroll_into_view_with_scroll_into_view_options(&options);
        return;
    };
    let (shown, wanted) = (
        column.get_bounding_client_rect(),
        line.get_bounding_client_rect(),
    );
    let above = wanted.top() - shown.top();
    let below = wanted.bottom() - shown.bottom();
    let by = if above < 0.0 {
        above
    } else if below > 0.0 {
        // A line taller than the column shows its top.
        below.min(above)
    } else {
        return;
    };
    column.set_scroll_top(column.scroll_top() + by.round() as i32);
}

/// Both lists.
#[component]
pub fn DerivationPanel(props: &Props) -> Html {
    let all = {
        let model = props.model.clone();
        use_memo((model.trace.clone(), model.graph.clone()), move |_| {
            lines(&model)
        })
    };
    let forward_done = all.0.last().map_or(0, |l| l.position);
    let total = all.0.len() + all.1.len();
    let listed =
        |line: &Line| total <= LIST_ALL || line.position.abs_diff(props.cursor) <= LIST_REACH;
    // The lines left out before and after those listed, as a line that jumps to the nearest.
    let skipped = |lines: &[Line], at_end: bool| -> Html {
        let hidden: Vec<&Line> = lines
            .iter()
            .filter(|l| !listed(l) && (l.position > props.cursor) == at_end)
            .collect();
        let (Some(first), Some(last)) = (hidden.first(), hidden.last()) else {
            return html! {};
        };
        let target = if at_end {
            first.position
        } else {
            last.position
        };
        html! {
            <li class="line skipped">
                <button type="button" class="jump" onclick={props.on_jump.reform(move |_: MouseEvent| target)}>
                    { format!("⋯ steps {} to {} ({} lines): go to step {target}", first.position, last.position, hidden.len()) }
                </button>
            </li>
        }
    };
    let list = |title: &'static str, id: &'static str, lines: &[Line], backward: bool| {
        // The pass being walked (the forward one until its last step is done).
        let walking = backward == (props.cursor > forward_done) && props.cursor <= total;
        html! {
            <section class={classes!("pass", walking.then_some("walking"))} aria-labelledby={id}>
                <h2 id={id}>{ title }</h2>
                <ol>
                    { skipped(lines, false) }
                    { for lines.iter().filter(|l| listed(l)).map(|&line| html! {
                        <LineView key={line.position} model={props.model.clone()} {line}
                            done={line.position <= props.cursor} current={line.position == props.cursor}
                            hovered={props.hovered == Some(line.node)}
                            typeset={total <= TYPESET_ALL || line.position.abs_diff(props.cursor) <= TYPESET_REACH}
                            on_jump={props.on_jump.clone()} on_hover={props.on_hover.clone()} />
                    }) }
                    { skipped(lines, true) }
                </ol>
            </section>
        }
    };
    // The current line stays in sight as the walk moves (long derivations scroll).
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        use_effect_with(props.cursor, move |&cursor| {
            // By position, not by the `current` class (the lines are components of their own, and
            // the one that was current may not have redrawn yet), and after this render's layout
            // has settled: a pass that folds away in presentation mode moves the line.
            let scroll = gloo::timers::callback::Timeout::new(0, move || {
                let current = panel.cast::<web_sys::Element>().and_then(|p| {
                    p.query_selector(&format!(".line[data-step=\"{cursor}\"]"))
                        .ok()
                        .flatten()
                });
                if let Some(line) = current {
                    reveal(&line);
                }
            });
            move || drop(scroll)
        });
    }
    let updates = props.updates.as_ref().map(|UpdatePhase { title, steps }| {
        html! {
            <section class={classes!("pass", "updates", (props.cursor > total).then_some("walking"))}
                aria-labelledby="update-title" data-testid="update-list">
                <h2 id="update-title">{ title }</h2>
                <ol>
                    { for steps.iter().enumerate().map(|(k, (node, lines))| {
                        let position = total + k + 1;
                        let (node, done) = (*node, position <= props.cursor);
                        let current = position == props.cursor;
                        let class = classes!("line", if done { "done" } else { "pending" },
                            current.then_some("current"), (props.hovered == Some(node)).then_some("hovered"));
                        let spoken = lines.iter().map(text).collect::<Vec<_>>().join("; ");
                        // Until its step, only the parameter's arrow shows: `w ←`.
                        html! {
                            <li {class} key={position} data-step={position.to_string()} aria-current={current.then_some("step")}>
                                <button type="button" class="jump" onclick={props.on_jump.reform(move |_: MouseEvent| position)}
                                    onmouseenter={props.on_hover.reform(move |_: MouseEvent| Some(node))}
                                    onmouseleave={props.on_hover.reform(|_: MouseEvent| None)}
                                    aria-label={if done { format!("Step {position}: {spoken}") } else { format!("Go to step {position}") }}>
                                    if done {
                                        { for lines.iter().map(chain) }
                                    } else {
                                        <span class="chain"><span class="part">{ typeset(&operand(&props.model.graph, node)) }
                                            <span class="equals" aria-hidden="true">{ "←" }</span></span></span>
                                    }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            </section>
        }
    });
    html! {
        <div ref={panel} class={classes!("derivation", props.stale.then_some("stale"))} data-testid="derivation">
            { list("Forward pass", "forward-title", &all.0, false) }
            { list("Backward pass", "backward-title", &all.1, true) }
            { updates.unwrap_or_default() }
        </div>
    }
}
