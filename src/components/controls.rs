//! The stepper's controls: jump to start, step back, play or pause, step forward, jump to the end
//! of the forward pass and to the end; the speed; a scrubber that shows the phases; gradient
//! descent on or off (its panel beside the derivation holds the rest).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::session::{Action, SPEEDS};

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// How many steps of the walk are done.
    pub cursor: usize,
    /// How many steps there are.
    pub count: usize,
    /// How many of them are forward steps.
    pub forward: usize,
    /// How many are steps of the two passes (the update phase's follow).
    pub passes: usize,
    /// Whether gradient descent is on.
    pub descending: bool,
    /// Whether the animation runs.
    pub playing: bool,
    /// Steps per second.
    pub speed: f64,
    /// Dispatches an action to the session.
    pub act: Callback<Action>,
}

/// What the walk is doing at `cursor`, for the step counter.
fn phase(cursor: usize, forward: usize, passes: usize, count: usize) -> &'static str {
    if cursor == 0 {
        "ready: inputs set"
    } else if cursor <= forward {
        "forward pass"
    } else if cursor < passes {
        "backward pass"
    } else if cursor == count && count == passes {
        "done: every adjoint known"
    } else if cursor == passes {
        "gradient known"
    } else if cursor < count {
        "update phase"
    } else {
        "done: all updated"
    }
}

/// A control's icon: simple shapes, so no font needs the glyph.
fn icon(shape: &'static str) -> Html {
    let d = match shape {
        "start" => "M4 4h2.5v16H4zM20 4v16L8 12z",
        "back" => "M18 4v16L6 12z",
        "play" => "M7 4v16l13-8z",
        "pause" => "M6 4h4.5v16H6zM13.5 4H18v16h-4.5z",
        "next" => "M6 4v16l12-8z",
        "end" => "M17.5 4H20v16h-2.5zM4 4v16l12-8z",
        _ => "",
    };
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d={d} /></svg>
    }
}

/// The controls.
#[component]
pub fn Controls(props: &Props) -> Html {
    let act = |action: Action| props.act.reform(move |_: MouseEvent| action.clone());
    let on_scrub = props.act.reform(|e: InputEvent| {
        let value = e.target_unchecked_into::<HtmlInputElement>().value();
        Action::JumpTo(value.parse().unwrap_or(0))
    });
    let on_speed = props.act.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        Action::SetSpeed(value.parse().unwrap_or(1.0))
    });
    let count = props.count.max(1);
    let split = format!(
        "--split: {:.3}%; --passes: {:.3}%",
        100.0 * props.forward as f64 / count as f64,
        100.0 * props.passes as f64 / count as f64
    );
    let play_label = if props.playing {
        "Pause (space)"
    } else {
        "Play (space)"
    };
    html! {
        <div class="controls" role="group" aria-label="Step through the passes">
            <div class="buttons">
                <button type="button" data-testid="to-start" data-control="home" aria-label="Jump to the start (Home)" title="Start (Home)"
                    onclick={act(Action::JumpTo(0))}>{ icon("start") }</button>
                <button type="button" data-testid="step-prev" data-control="back" aria-label="Step back (←)" title="Step back (←)"
                    onclick={act(Action::Step(-1))}>{ icon("back") }</button>
                <button type="button" data-testid="play" data-control="play" class="play" aria-label={play_label} title={play_label}
                    aria-pressed={props.playing.to_string()} onclick={act(Action::TogglePlay)}>
                    { icon(if props.playing { "pause" } else { "play" }) }
                </button>
                <button type="button" data-testid="step-next" data-control="next" aria-label="Step forward (→)" title="Step forward (→)"
                    onclick={act(Action::Step(1))}>{ icon("next") }</button>
                <button type="button" data-testid="to-forward-end" data-control="forward-end" aria-label="Jump to the end of the forward pass"
                    title="End of the forward pass" onclick={act(Action::ToForwardEnd)}>{ "f(x)" }</button>
                <button type="button" data-testid="to-end" data-control="end" aria-label="Jump to the end (End)" title="End (End)"
                    onclick={act(Action::ToEnd)}>{ icon("end") }</button>
            </div>
            <label class="scrubber" style={split} data-control="scrubber">
                <input type="range" min="0" max={props.count.to_string()} step="1" data-testid="scrubber"
                    aria-label={if props.descending { "Position in the walk: forward pass, backward pass, then the updates" } else { "Position in the walk: forward pass, then backward pass" }}
                    value={props.cursor.to_string()} oninput={on_scrub} />
            </label>
            <p class="step-index" aria-live="polite" data-control="step">
                <span data-testid="step-index" data-step={props.cursor.to_string()}>
                    { format!("step {} / {}", props.cursor, props.count) }
                </span>
                <span class="phase">{ phase(props.cursor, props.forward, props.passes, props.count) }</span>
            </p>
            <label class="speed" data-control="speed">
                <select aria-label="Animation speed" title="Animation speed: steps per second" onchange={on_speed}>
                    { for SPEEDS.iter().map(|&s| html! {
                        <option value={s.to_string()} selected={s == props.speed}>{ format!("{s}×") }</option>
                    }) }
                </select>
            </label>
            <div class="descent-buttons" data-control="descent">
                <button type="button" data-testid="descent-toggle" aria-pressed={props.descending.to_string()}
                    title="Gradient descent: an update phase after the backward pass, then the next iteration (l)"
                    onclick={act(Action::ToggleDescent)}>{ "Descent" }</button>
            </div>
        </div>
    }
}
