//! Practice mode's panel: the question asked now, a field for the answer (a number or a formula),
//! Check and Reveal, what the last answer earned, and the score.

use chainrule::exercise::LEVELS;
use chainrule::practice::{self, Kind};
use chainrule::render::text::display_name;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::browser;
use crate::progress::{code, Progress};
use crate::session::{Action, Model, Practice, Score};

/// Props of [`PracticePanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The expression on screen.
    pub model: Model,
    /// How many steps of the walk are done (the next one is asked).
    pub cursor: usize,
    /// The practice state.
    pub practice: Practice,
    /// The scores of the exercises finished so far (this visit and before).
    pub progress: Progress,
    /// Dispatches an action to the session.
    pub act: Callback<Action>,
}

/// The score in words.
fn summary(score: &Score) -> String {
    format!(
        "{} of {} right ({} at the first try, {} after a hint), {} revealed",
        score.right(),
        score.total(),
        score.first_time,
        score.after_hints,
        score.revealed
    )
}

/// The panel.
#[component]
pub fn PracticePanel(props: &Props) -> Html {
    let field = use_node_ref();
    let model = &props.model;
    let asked = practice::questions(&model.graph, &model.trace, props.cursor)
        .get(props.practice.part)
        .copied();
    // A new question starts with an empty field, ready for typing.
    {
        let field = field.clone();
        use_effect_with((props.cursor, props.practice.part), move |_| {
            if let Some(input) = field.cast::<HtmlInputElement>() {
                input.set_value("");
                let _ = input.focus();
            }
        });
    }
    // What an answer earned is brought into view (in a lesson the column may have to scroll).
    let feedback = use_node_ref();
    {
        let feedback = feedback.clone();
        use_effect_with(props.practice.clone(), move |_| {
            if let Some(element) = feedback.cast::<web_sys::Element>() {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                element.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    }
    let on_submit = {
        let field = field.clone();
        props.act.reform(move |e: SubmitEvent| {
            e.prevent_default();
            let text = field
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            Action::Answer(text)
        })
    };
    let reveal = props.act.reform(|_: MouseEvent| Action::Reveal);
    // New exercises: the level chosen here, a fresh seed (its link gives every student the same).
    let level = use_state(|| props.practice.exercise.map_or(1, |(_, l)| l));
    let on_level = {
        let level = level.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            level.set(select.value().parse().unwrap_or(1));
        })
    };
    let new_exercise = {
        let level = *level;
        props.act.reform(move |_: MouseEvent| Action::OpenExercise {
            seed: (js_sys::Math::random() * 1e9) as u64 + 1,
            level,
        })
    };
    let on_lecture = props.act.reform(|e: Event| {
        let select = e.target_unchecked_into::<HtmlSelectElement>();
        let level = select.value().parse().unwrap_or(1);
        select.set_value("");
        Action::OpenExercise { seed: 0, level }
    });
    let score = props.practice.score;
    let phase = if props.cursor < model.trace.forward_count() {
        "Forward pass"
    } else {
        "Backward pass"
    };
    html! {
        <section class="practice" aria-label="Practice" data-testid="practice">
            <div class="exercises">
                <select data-testid="practice-level" aria-label="Level of a new exercise" onchange={on_level}>
                    { for LEVELS.iter().enumerate().map(|(k, name)| html! {
                        <option value={(k + 1).to_string()} selected={k + 1 == *level}>{ format!("Level {}: {name}", k + 1) }</option>
                    }) }
                </select>
                <button type="button" data-testid="new-exercise" onclick={new_exercise}
                    title="A new expression at this level, with values that keep the numbers readable">{ "New exercise" }</button>
                <select data-testid="lecture-exercise" aria-label="The lecture's exercises" onchange={on_lecture}>
                    <option value="" selected=true>{ "The lecture's exercises…" }</option>
                    { for LEVELS.iter().enumerate().map(|(k, name)| html! {
                        <option value={(k + 1).to_string()}>{ format!("{}. {name}", k + 1) }</option>
                    }) }
                </select>
            </div>
            if let Some((seed, level)) = props.practice.exercise {
                <p class="exercise-id" data-testid="exercise-id" data-seed={seed.to_string()} data-level={level.to_string()}>
                    { if seed == 0 { format!("The lecture's exercise {level}: {}", LEVELS[level - 1]) }
                      else { format!("Exercise {seed}, level {level}: {} (its link gives everyone this one)", LEVELS[level - 1]) } }
                </p>
            }
            <p class="practice-score" data-testid="practice-score" data-right={score.right().to_string()}
                data-total={score.total().to_string()}>{ summary(&score) }</p>
            if let Some((q, prompt)) = asked.map(|q| (q, practice::prompt(&model.graph, &model.trace, &q))) {
                <p class="practice-prompt" id="practice-prompt" data-testid="practice-prompt" aria-live="polite"
                    data-node={model.graph.name(q.node).to_string()} data-kind={q.kind.name()}
                    data-consumer={match q.kind { Kind::Local { consumer } => model.graph.name(consumer).to_string(), _ => String::new() }}>
                    <span class="phase">{ format!("{phase}, step {}", props.cursor + 1) }</span>
                    <span class="ask">{ &prompt.ask }</span>
                    <span class="context">{ &prompt.context }</span>
                </p>
                <form class="answer" onsubmit={on_submit}>
                    <input ref={field} type="text" data-testid="answer-input" aria-labelledby="practice-prompt"
                        autocomplete="off" spellcheck="false" maxlength="200"
                        placeholder={match q.kind { Kind::Local { .. } => "a number or a formula", _ => "a number" }} />
                    <button type="submit" class="primary" data-testid="answer-submit">{ "Check" }</button>
                    <button type="button" data-testid="practice-reveal" onclick={reveal}
                        title={format!("Show the answer (counted as revealed): {}", display_name(model.graph.name(q.node)))}>
                        { "Reveal" }</button>
                </form>
            } else {
                <p class="practice-prompt done" data-testid="practice-prompt" data-node="" data-kind="">
                    { format!("Both passes are done: {}.", summary(&score)) }
                </p>
                if let Some(the_code) = props.practice.exercise.filter(|_| score.total() > 0).map(|(seed, level)| code(seed, level, score)) {
                    <p class="practice-code">
                        { "Your code for the teacher: " }
                        <code data-testid="practice-code">{ the_code.clone() }</code>
                        <button type="button" onclick={Callback::from(move |_: MouseEvent| browser::copy(&the_code))}>{ "Copy" }</button>
                    </p>
                }
                <p class="hint">{ "Step back (←, Home) to practise again, or choose a new exercise." }</p>
            }
            if !props.progress.0.is_empty() {
                <p class="practice-overall" data-testid="practice-overall" data-exercises={props.progress.0.len().to_string()}>
                    { format!("All your exercises: {} finished, {}.", props.progress.0.len(), summary(&props.progress.total())) }
                </p>
            }
            if let Some(said) = &props.practice.feedback {
                <p ref={feedback.clone()} class={classes!("feedback", match said.correct { Some(true) => "right", Some(false) => "wrong", None => "revealed" })}
                    role="status" aria-live="polite" data-testid="answer-feedback"
                    data-correct={(said.correct == Some(true)).to_string()}
                    data-revealed={said.correct.is_none().to_string()}>{ &said.message }</p>
            }
        </section>
    }
}
