//! The lesson's current stop: where it is in the lecture, what to look at, and the way on.

use yew::prelude::*;

use crate::lesson::STOPS;

/// Props of [`LessonPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The stop shown, from 0.
    pub stop: usize,
    /// Go to a stop.
    pub on_go: Callback<usize>,
    /// Leave the lesson.
    pub on_close: Callback<()>,
}

/// The panel.
#[component]
pub fn LessonPanel(props: &Props) -> Html {
    let Some(stop) = STOPS.get(props.stop) else {
        return html! {};
    };
    let k = props.stop;
    let go = |to: usize| props.on_go.reform(move |_: MouseEvent| to);
    let close = props.on_close.reform(|_: MouseEvent| ());
    let on_pick = props.on_go.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
            .parse()
            .unwrap_or(0)
    });
    html! {
        <section class="lesson" aria-label="Lesson" data-testid="lesson-panel" data-stop={(k + 1).to_string()}>
            <div class="lesson-nav">
                <button type="button" onclick={go(k.saturating_sub(1))} disabled={k == 0} data-testid="lesson-back"
                    title="The previous stop (b or Page Up)" aria-label="Previous stop">{ "‹ Back" }</button>
                <select aria-label="Lesson stop" onchange={on_pick} data-testid="lesson-stops" title="Go to a stop">
                    { for STOPS.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == k}>{ format!("{}. {}", i + 1, s.title) }</option>
                    }) }
                </select>
                <button type="button" class="primary" onclick={go((k + 1).min(STOPS.len() - 1))} disabled={k + 1 == STOPS.len()}
                    data-testid="lesson-next" title="The next stop (n or Page Down)" aria-label="Next stop">{ "Next ›" }</button>
                <button type="button" class="link" onclick={close} data-testid="lesson-close" title="Leave the lesson (the view stays)">{ "Leave" }</button>
            </div>
            <div class="lesson-text">
                <h2 data-testid="lesson-title">{ format!("{} of {} · {}", k + 1, STOPS.len(), stop.title) }</h2>
                <p>{ stop.text }</p>
            </div>
        </section>
    }
}
