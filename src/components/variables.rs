//! One number field per variable of the expression.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`Variables`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Each variable's name and value, in order of appearance.
    pub variables: Vec<(String, f64)>,
    /// Called with a variable's name and its new value.
    pub on_value: Callback<(String, f64)>,
}

/// The variables' value fields.
#[component]
pub fn Variables(props: &Props) -> Html {
    if props.variables.is_empty() {
        return html! {};
    }
    html! {
        <fieldset class="variables">
            <legend>{ "at" }</legend>
            { for props.variables.iter().map(|(name, value)| {
                let id = format!("var-{name}");
                let name_for_input = name.clone();
                let oninput = props.on_value.reform(move |e: InputEvent| {
                    let text = e.target_unchecked_into::<HtmlInputElement>().value();
                    (name_for_input.clone(), text.trim().parse::<f64>().unwrap_or(f64::NAN))
                });
                html! {
                    <label class="variable" for={id.clone()}>
                        <span class="name">{ name }{ " =" }</span>
                        <input id={id.clone()} data-testid={id} type="number" step="any"
                            value={value.to_string()} {oninput} />
                    </label>
                }
            }) }
        </fieldset>
    }
}
