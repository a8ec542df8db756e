//! The expression field, parsed as the user types, with the error and its caret under it, and the
//! examples menu beside it.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::examples::EXAMPLES;
use crate::session::{Problem, MAX_FIELD_BYTES};

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

/// Characters of the expression shown around an error's column.
const CONTEXT: usize = 72;

/// The expression around the 1-based `column` (the whole of it when short), and the spaces that
/// put the caret under the column: a 100 KB paste is not written out again under the field.
fn caret_line(source: &str, column: usize) -> String {
    let chars: Vec<char> = source.chars().collect();
    let column = column.clamp(1, chars.len() + 1);
    let start = column.saturating_sub(CONTEXT * 3 / 4).min(chars.len());
    let end = (start + CONTEXT).min(chars.len());
    let mut line: String = chars[start..end].iter().collect();
    let mut caret = column - 1 - start;
    if start > 0 {
        line.insert(0, '…');
        caret += 1;
    }
    if end < chars.len() {
        line.push('…');
    }
    format!("{line}\n{}", " ".repeat(caret))
}

/// The expression field and the examples menu.
#[component]
pub fn ExpressionField(props: &Props) -> Html {
    // Text past the field's limit is not taken: the field goes back to what it held (the browser
    // lays out every character of a field on every change), and the session says why.
    let oninput = {
        let on_edit = props.on_edit.clone();
        let source = props.source.clone();
        Callback::from(move |e: InputEvent| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let text = input.value();
            if text.len() > MAX_FIELD_BYTES {
                input.set_value(&source);
            }
            on_edit.emit(text);
        })
    };
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
                maxlength={MAX_FIELD_BYTES.to_string()}
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
                        if !problem.source.is_empty() {
                            <pre class="caret" aria-hidden="true">
                                { caret_line(&problem.source, problem.column) }
                                <span class="marks">{ str::repeat("^", problem.width.min(CONTEXT)) }</span>
                            </pre>
                        }
                    </div>
                }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_line_shows_the_text_around_the_error() {
        assert_eq!(caret_line("sqrt(x", 7), "sqrt(x\n      ");
        let long = format!("{}+)", "x+".repeat(50_000));
        let line = caret_line(&long, 100_002);
        let (text, caret) = line.split_once('\n').unwrap();
        assert!(text.chars().count() <= CONTEXT + 2);
        assert_eq!(text.chars().nth(caret.len()), Some(')'));
    }
}
