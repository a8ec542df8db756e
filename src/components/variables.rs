//! A number field and a slider for each variable of the expression.

use chainrule::render::text::display_name;
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

/// The slider's range: [-5, 5], widened to include the value.
fn range(value: f64) -> (f64, f64) {
    if value.is_finite() {
        (value.min(-5.0).floor(), value.max(5.0).ceil())
    } else {
        (-5.0, 5.0)
    }
}

/// The variables' fields and sliders.
#[component]
pub fn Variables(props: &Props) -> Html {
    if props.variables.is_empty() {
        return html! { <p class="variables empty">{ "No variables: the expression is a constant." }</p> };
    }
    // A network's example has dozens of values: one row of them, the rest a scroll away.
    let many = props.variables.len() > 6;
    html! {
        <fieldset class={classes!("variables", many.then_some("many"))}>
            <legend>{ "at" }</legend>
            { for props.variables.iter().map(|(name, value)| {
                let id = format!("var-{name}");
                let emit = |name: String| props.on_value.reform(move |e: InputEvent| {
                    let text = e.target_unchecked_into::<HtmlInputElement>().value();
                    (name.clone(), text.trim().parse::<f64>().unwrap_or(f64::NAN))
                });
                let (low, high) = range(*value);
                html! {
                    <div class="variable" key={name.clone()}>
                        <label for={id.clone()} class="name">{ format!("{} =", display_name(name)) }</label>
                        <input id={id.clone()} data-testid={id} type="number" step="any"
                            value={value.to_string()} oninput={emit(name.clone())} />
                        <input type="range" class="slider" min={low.to_string()} max={high.to_string()} step="0.01"
                            aria-label={format!("{} slider", display_name(name))} value={value.to_string()}
                            oninput={emit(name.clone())} />
                    </div>
                }
            }) }
        </fieldset>
    }
}
