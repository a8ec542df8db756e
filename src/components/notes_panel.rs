//! The teacher's notes, in the teacher's window beside an audience window: what to say or ask at
//! this expression, typed here and kept in this browser for the next lesson. The projector never
//! shows them.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::browser;

/// The most expressions whose notes are kept (the most recently written first).
const MOST: usize = 100;

/// The notes kept for `source`.
fn read(source: &str) -> String {
    browser::read_stored(browser::NOTES_KEY)
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == source))
        .map(|(_, text)| text)
        .unwrap_or_default()
}

/// Keeps `text` as the notes for `source` (none, if it is empty).
fn keep(source: &str, text: &str) {
    let mut pairs = browser::read_stored(browser::NOTES_KEY).unwrap_or_default();
    pairs.retain(|(k, _)| k != source);
    if !text.trim().is_empty() {
        pairs.insert(0, (source.to_string(), text.to_string()));
    }
    pairs.truncate(MOST);
    // Notes a browser will not keep are still on the screen for this lesson.
    let _ = browser::store(browser::NOTES_KEY, &pairs);
}

/// Props of [`NotesPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The expression the notes are for.
    pub source: AttrValue,
}

/// The notes.
#[component]
pub fn NotesPanel(props: &Props) -> Html {
    let text = use_state(|| read(&props.source));
    {
        let text = text.clone();
        use_effect_with(props.source.clone(), move |source| text.set(read(source)));
    }
    let oninput = {
        let (text, source) = (text.clone(), props.source.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            keep(&source, &value);
            text.set(value);
        })
    };
    html! {
        <section class="notes" aria-label="Your notes" data-testid="notes">
            <h2><label for="notes-text">{ "Your notes" }</label></h2>
            <textarea id="notes-text" data-testid="notes-text" rows="3" value={(*text).clone()} {oninput}
                placeholder="For this expression, on this screen only: the projector does not show them." />
        </section>
    }
}
