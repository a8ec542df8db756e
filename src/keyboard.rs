//! One keyboard model for the whole app: what a key press means, whatever was clicked last.
//!
//! Keys typed into a text field stay in the field. A control reached with Tab keeps the keys it
//! uses itself (arrows in a slider or a menu, space in a checkbox); a control that was clicked
//! keeps nothing, so after clicking any button, space still plays and → still steps. Buttons never
//! take space (Enter activates a focused button). The listeners that read these keys must be
//! able to cancel the browser's own action (scrolling, clicking the focused button): see
//! [`listen`].

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, KeyboardEvent};

/// What a key asks for. Which of these apply depends on the tab and the lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Space: play or pause (the walk, or training).
    Play,
    /// →
    Next,
    /// ←
    Back,
    /// Home
    Home,
    /// End
    End,
    /// `p`: presentation mode.
    Presentation,
    /// `t`: the next theme.
    Theme,
    /// `?`: the shortcut sheet.
    Help,
    /// Escape: close what is open.
    Escape,
    /// `n` or a presenter's Page Down: the next lesson stop.
    LessonNext,
    /// `b` or a presenter's Page Up: the previous lesson stop.
    LessonBack,
    /// `e`: one epoch.
    Epoch,
    /// `r`: reset the weights.
    Reset,
    /// `+`: zoom in.
    ZoomIn,
    /// `-`: zoom out.
    ZoomOut,
    /// `0`: fit the graph to the screen.
    Fit,
    /// `q`: practice mode on or off.
    Practice,
    /// `l`: gradient descent (the update phase) on or off.
    Descent,
    /// `i`: gradient descent's next iteration.
    Iterate,
    /// `f`: a batch's next point drawn open, the others folded.
    Fold,
}

/// Input types whose keys are text.
const TEXT_INPUTS: &[&str] = &[
    "text", "number", "search", "email", "url", "tel", "password", "date", "time",
];

/// Where the key was typed, as far as keys are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// A text field: every key but Escape is the field's.
    Text,
    /// A slider or a menu reached with the keyboard: its arrows and Home/End are its own.
    Arrows,
    /// A checkbox or radio button reached with the keyboard: space is its own.
    Toggle,
    /// Anything else (the page, a button, a control that was clicked).
    Page,
}

fn target_of(event: &KeyboardEvent) -> Target {
    let Some(element) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return Target::Page;
    };
    let tag = element.tag_name().to_ascii_lowercase();
    let by_keyboard = element.matches(":focus-visible").unwrap_or(false);
    match tag.as_str() {
        "textarea" => Target::Text,
        "input" => {
            let kind = element
                .dyn_ref::<HtmlInputElement>()
                .map(|i| i.type_())
                .unwrap_or_default();
            if TEXT_INPUTS.contains(&kind.as_str()) {
                Target::Text
            } else if !by_keyboard {
                Target::Page
            } else if kind == "range" {
                Target::Arrows
            } else {
                Target::Toggle
            }
        }
        "select" if by_keyboard => Target::Arrows,
        // A part of a picture that walks its own items with the arrows (the diagram's weights).
        _ if element.has_attribute("data-arrows") => Target::Arrows,
        _ if element
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|e| e.is_content_editable()) =>
        {
            Target::Text
        }
        _ => Target::Page,
    }
}

/// What the key of `event` asks for, if anything.
pub fn read(event: &KeyboardEvent) -> Option<Key> {
    if event.ctrl_key() || event.meta_key() || event.alt_key() {
        return None;
    }
    let key = event.key();
    let target = target_of(event);
    let owned = match target {
        Target::Text => key != "Escape",
        Target::Arrows => matches!(
            key.as_str(),
            "ArrowLeft"
                | "ArrowRight"
                | "ArrowUp"
                | "ArrowDown"
                | "Home"
                | "End"
                | "PageUp"
                | "PageDown"
        ),
        Target::Toggle => key == " ",
        Target::Page => false,
    };
    if owned {
        return None;
    }
    meaning(&key)
}

/// The meaning of a key, by its `KeyboardEvent.key` value.
fn meaning(key: &str) -> Option<Key> {
    Some(match key {
        " " => Key::Play,
        "ArrowRight" => Key::Next,
        "ArrowLeft" => Key::Back,
        "Home" => Key::Home,
        "End" => Key::End,
        "p" | "P" => Key::Presentation,
        "t" | "T" => Key::Theme,
        "?" => Key::Help,
        "Escape" => Key::Escape,
        "n" | "N" | "PageDown" => Key::LessonNext,
        "b" | "B" | "PageUp" => Key::LessonBack,
        "e" | "E" => Key::Epoch,
        "r" | "R" => Key::Reset,
        "+" | "=" => Key::ZoomIn,
        "-" | "_" => Key::ZoomOut,
        "0" => Key::Fit,
        "q" | "Q" => Key::Practice,
        "l" | "L" => Key::Descent,
        "i" | "I" => Key::Iterate,
        "f" | "F" => Key::Fold,
        _ => return None,
    })
}

/// Listens for keys on the window before anything else on the page sees them. `handle` says
/// whether it acted on the key (the lesson's keys mean nothing outside a lesson, say); if it did,
/// the browser's own action (scrolling the page, clicking the focused button) is cancelled.
pub fn listen(handle: impl Fn(Key) -> bool + 'static) -> EventListener {
    let options = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: false,
    };
    EventListener::new_with_options(&gloo::utils::window(), "keydown", options, move |event| {
        let event: &KeyboardEvent = event.unchecked_ref();
        if let Some(key) = read(event) {
            if handle(key) {
                event.prevent_default();
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_mean_what_the_sheet_says() {
        assert_eq!(meaning("n"), Some(Key::LessonNext));
        assert_eq!(meaning("PageUp"), Some(Key::LessonBack));
        assert_eq!(meaning(" "), Some(Key::Play));
        assert_eq!(meaning("0"), Some(Key::Fit));
        assert_eq!(meaning("i"), Some(Key::Iterate));
        assert_eq!(meaning("f"), Some(Key::Fold));
        assert_eq!(meaning("x"), None);
    }
}
