//! The keyboard shortcut sheet, opened with `?`.

use yew::prelude::*;

/// Props of [`Shortcuts`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Close the sheet.
    pub on_close: Callback<()>,
}

const KEYS: [(&str, &[(&str, &str)]); 3] = [
    (
        "Everywhere",
        &[
            ("?", "this sheet (Esc closes it)"),
            (
                "n or Page Down",
                "next lesson stop (a presenter's clicker works)",
            ),
            ("b or Page Up", "previous lesson stop"),
            ("p", "presentation mode: large type, fewer controls"),
            ("t", "theme: auto, light, dark"),
            ("Tab", "move between controls; Enter or space presses one"),
        ],
    ),
    (
        "Expression",
        &[
            ("→ / ←", "one step forward / back"),
            ("space", "play or pause the walk"),
            ("Home / End", "the start / the end of the walk"),
            ("q", "practice: answer each step before it is shown"),
            (
                "l",
                "gradient descent: an update phase after the backward pass",
            ),
            ("i", "gradient descent's next iteration"),
            ("f", "a batch: the next point open, the others folded"),
            ("+ / −", "zoom the graph (buttons); drag to pan"),
        ],
    ),
    (
        "Network",
        &[
            ("space", "train or pause"),
            ("→", "one optimiser step"),
            ("e", "one epoch"),
            ("r", "reset to the same initial weights"),
        ],
    ),
];

/// The sheet, a modal dialog.
#[component]
pub fn Shortcuts(props: &Props) -> Html {
    let close = props.on_close.reform(|_: MouseEvent| ());
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    html! {
        <div class="sheet-backdrop">
            <div class="sheet" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts">
                <div class="sheet-head">
                    <h2 id="shortcuts-title">{ "Keyboard shortcuts" }</h2>
                    <button type="button" ref={close_ref} onclick={close} data-testid="shortcuts-close">{ "Close" }</button>
                </div>
                <div class="sheet-body">
                    { for KEYS.iter().map(|(group, keys)| html! {
                        <section>
                            <h3>{ *group }</h3>
                            <dl>
                                { for keys.iter().map(|(key, what)| html! {
                                    <><dt><kbd>{ *key }</kbd></dt><dd>{ *what }</dd></>
                                }) }
                            </dl>
                        </section>
                    }) }
                </div>
            </div>
        </div>
    }
}
