//! The expression field, parsed as the user types, with the error and its caret under it, and the
//! examples menu beside it.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::examples::EXAMPLES;
use crate::session::Problem;

/// Props of [`ExpressionField`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The text as typed.
    pub source: String,
    /// What is wrong with it, if anything.
    pub problem: Option<Problem>,
    /// Called with the new text on every keystroke.
    pub on_edit: Callback<String>,
    /// Called with the index of a chosen example.
    pub on_example: Callback<usize>,
}

/// The expression field and the examples menu.
#[component]
pub fn ExpressionField(props: &Props) -> Html {
    let oninput = props
        .on_edit
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let onchange = {
        let on_example = props.on_example.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            if let Ok(i) = select.value().parse::<usize>() {
                on_example.emit(i);
            }
            select.set_value("");
        })
    };
    let invalid = props.problem.is_some();
    html! {
        <div class="expression">
            <label for="expr-input" class="f">{ "f =" }</label>
            <input
                id="expr-input"
                data-testid="expr-input"
                class="expr-input"
                type="text"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-invalid={invalid.to_string()}
                aria-describedby="parse-error"
                value={props.source.clone()}
                {oninput}
            />
            <select class="examples" aria-label="Examples" data-testid="examples" {onchange}>
                <option value="" selected=true>{ "Examples…" }</option>
                { for EXAMPLES.iter().enumerate().map(|(i, example)| html! {
                    <option value={i.to_string()}>{ example.title }</option>
                }) }
            </select>
            <div id="parse-error" class="parse-error" role="status" aria-live="polite">
                if let Some(problem) = &props.problem {
                    <div data-testid="parse-error">
                        <p class="message">{ &problem.message }</p>
                        <pre class="caret" aria-hidden="true">
                            { format!("{}\n{}", problem.source, " ".repeat(problem.column - 1)) }
                            <span class="marks">{ str::repeat("^", problem.width) }</span>
                        </pre>
                    </div>
                }
            </div>
        </div>
    }
}
