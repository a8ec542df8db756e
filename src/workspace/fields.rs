//! The settings forms' two kinds of field, each written once: a labelled number and a labelled
//! menu. Every `html!` element is code in the download, so forms of many fields call these
//! rather than spelling each field out.

use yew::prelude::*;

/// A labelled number input.
pub struct Number {
    /// The label above it.
    pub label: &'static str,
    /// What it means, on hover.
    pub title: &'static str,
    /// Its name for tests.
    pub testid: &'static str,
    /// Its value as text.
    pub value: String,
    /// The smallest value the arrows reach, and their step (`"any"` for none).
    pub min: &'static str,
    /// The arrows' step.
    pub step: &'static str,
    /// Whether it is greyed out.
    pub disabled: bool,
    /// Called when a new value is committed.
    pub onchange: Callback<Event>,
}

/// The field [`Number`] describes.
pub fn number(field: Number) -> Html {
    html! {
        <label class="field" title={field.title}>{ field.label }
            <input type="number" min={field.min} step={field.step} value={field.value} disabled={field.disabled}
                data-testid={field.testid} onchange={field.onchange} />
        </label>
    }
}

/// A labelled menu of `options` (value, text, whether chosen).
pub fn menu(
    label: &'static str,
    title: &'static str,
    testid: &'static str,
    options: Vec<(String, String, bool)>,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <label class="field" {title}>{ label }
            <select data-testid={testid} {onchange}>
                { for options.into_iter().map(|(value, text, selected)| html! { <option {value} {selected}>{ text }</option> }) }
            </select>
        </label>
    }
}
