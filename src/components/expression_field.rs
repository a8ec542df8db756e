//! The expression field, parsed as the user types, with the error and its caret under it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

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
}

/// The expression field.
#[component]
pub fn ExpressionField(props: &Props) -> Html {
    let oninput = props
        .on_edit
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let invalid = props.problem.is_some();
    html! {
        <div class="expression">
            <label for="expr-input">{ "f =" }</label>
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
