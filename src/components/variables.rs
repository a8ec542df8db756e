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

/// Fields and sliders drawn for at most this many variables (the rest are set by link or the
/// command line): five thousand sliders would take the page a minute to draw.
pub const MAX_LISTED: usize = 200;

/// The slider's range and step: [-5, 5] by hundredths, widened to hold the value; a value beyond a
/// million gets a range about itself (never an infinite end) and a free step.
fn range(value: f64) -> (f64, f64, &'static str) {
    if !value.is_finite() {
        (-5.0, 5.0, "0.01")
    } else if value.abs() <= 1e6 {
        (value.min(-5.0).floor(), value.max(5.0).ceil(), "0.01")
    } else {
        let half = value.abs().min(f64::MAX / 4.0);
        (value - half, value + half, "any")
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
    let hidden = props.variables.len().saturating_sub(MAX_LISTED);
    html! {
        <fieldset class={classes!("variables", many.then_some("many"))}>
            <legend>{ "at" }</legend>
            { for props.variables.iter().take(MAX_LISTED).map(|(name, value)| {
                let id = format!("var-{name}");
                let emit = |name: String| props.on_value.reform(move |e: InputEvent| {
                    let text = e.target_unchecked_into::<HtmlInputElement>().value();
                    (name.clone(), text.trim().parse::<f64>().unwrap_or(f64::NAN))
                });
                let (low, high, step) = range(*value);
                html! {
                    <div class="variable" key={name.clone()}>
                        <label for={id.clone()} class="name">{ format!("{} =", display_name(name)) }</label>
                        <input id={id.clone()} data-testid={id} type="number" step="any"
                            value={value.to_string()} oninput={emit(name.clone())} />
                        <input type="range" class="slider" min={low.to_string()} max={high.to_string()} {step}
                            aria-label={format!("{} slider", display_name(name))} value={value.to_string()}
                            oninput={emit(name.clone())} />
                    </div>
                }
            }) }
            if hidden > 0 {
                <p class="muted" data-testid="variables-hidden">
                    { format!("and {hidden} more: set them in the link's at= or on the command line") }
                </p>
            }
        </fieldset>
    }
}
