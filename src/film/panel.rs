//! The export dialog: format, size, theme and how long each step is held; a progress bar while
//! the frames are drawn, Cancel at any time; then what was saved, how large and how long it took.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use super::job::{frame_count, make, refusal, Format, Order, Size};
use crate::browser;
use crate::session::Model;

/// Props of [`FilmPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The walk to export.
    pub model: Model,
    /// Whether the page is in its dark theme (the export's first choice).
    pub dark: bool,
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

/// Where an export stands.
#[derive(Clone, PartialEq)]
enum Status {
    Ready,
    Working(usize, usize),
    /// What was saved, in words; and for the benchmark, how long it took, the longest a frame
    /// held up the page, and the file's size (ms, ms, bytes).
    Saved(String, f64, f64, usize),
    Stopped,
    Failed(String),
}

/// The file's size in words: `1.3 MB`, `84 KB`.
fn size_of(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}

/// The dialog.
#[component]
pub fn FilmPanel(props: &Props) -> Html {
    let order = use_state(|| Order {
        format: Format::Gif,
        size: Size::Wide,
        dark: props.dark,
        hold_ms: 2000,
    });
    let status = use_state(|| Status::Ready);
    let stop = use_mut_ref(|| Rc::new(Cell::new(false)));
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(menu) = first.cast::<web_sys::HtmlElement>() {
                let _ = menu.focus();
            }
        });
    }
    // Closing the dialog stops an export under way.
    {
        let stop = stop.clone();
        use_effect_with((), move |_| move || stop.borrow().set(true));
    }
    let working = matches!(*status, Status::Working(..));
    // A choice changed (they cannot change while a film is made): the plan for it is shown.
    {
        let status = status.clone();
        use_effect_with(*order, move |_| status.set(Status::Ready));
    }

    let choose = |set: fn(&mut Order, &str)| {
        let order = order.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut next = *order;
            set(&mut next, &value);
            order.set(next);
        })
    };
    let on_format = choose(|o, v| {
        o.format = Format::ALL
            .into_iter()
            .find(|f| f.key() == v)
            .unwrap_or(o.format);
    });
    let on_size = choose(|o, v| {
        o.size = Size::ALL
            .into_iter()
            .find(|s| s.label() == v)
            .unwrap_or(o.size);
    });
    let on_theme = choose(|o, v| o.dark = v == "dark");
    let on_hold = {
        let order = order.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let seconds = input.value_as_number();
            // A number out of range is brought into it; anything else leaves the hold as it was.
            let hold_ms = if seconds.is_finite() {
                (seconds.clamp(0.5, 10.0) * 1000.0).round() as u32
            } else {
                order.hold_ms
            };
            input.set_value(&(f64::from(hold_ms) / 1000.0).to_string());
            order.set(Order { hold_ms, ..*order });
        })
    };
    let start = {
        let order = *order;
        let status = status.clone();
        let stop = stop.clone();
        let model = props.model.clone();
        Callback::from(move |_: MouseEvent| {
            let flag = Rc::new(Cell::new(false));
            *stop.borrow_mut() = flag.clone();
            let status = status.clone();
            let model = model.clone();
            status.set(Status::Working(0, frame_count(&model, order)));
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let status = status.clone();
                    move |done, total| status.set(Status::Working(done, total))
                };
                let result = make(&model, order, &progress, &flag).await;
                status.set(match result {
                    Ok(Some(made)) => {
                        browser::download_bytes(&made.name, made.mime, &made.bytes);
                        let what = format!(
                            "Saved {}: {}, {} {}, made in {:.1} s.",
                            made.name,
                            size_of(made.bytes.len()),
                            made.frames,
                            if order.format.animated() {
                                "frames"
                            } else {
                                "slides"
                            },
                            made.elapsed_ms / 1000.0
                        );
                        Status::Saved(what, made.elapsed_ms, made.longest_ms, made.bytes.len())
                    }
                    Ok(None) => Status::Stopped,
                    Err(problem) => Status::Failed(format!("The export stopped: {problem}")),
                });
            });
        })
    };
    let cancel = {
        let stop = stop.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            stop.borrow().set(true);
            status.set(Status::Stopped);
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    // Escape closes it wherever the focus is (a disabled menu cannot hold it while a film is made).
    {
        let on_close = props.on_close.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "keydown", move |e| {
                if e.unchecked_ref::<KeyboardEvent>().key() == "Escape" {
                    on_close.emit(());
                }
            });
            move || drop(listener)
        });
    }
    // While a film is made, Cancel has the focus: Enter or Space stops it.
    let action = use_node_ref();
    {
        let action = action.clone();
        use_effect_with(working, move |&working| {
            if working {
                if let Some(button) = action.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }

    let steps = props.model.trace.step_count();
    let plan = if order.format.animated() {
        let seconds = f64::from(order.hold_ms) / 1000.0 * (steps + 1) as f64 + steps as f64 * 0.5;
        format!(
            "{steps} steps, each held {} s after its messages travel: {} frames, {seconds:.0} s.",
            f64::from(order.hold_ms) / 1000.0,
            frame_count(&props.model, *order)
        )
    } else {
        format!(
            "{} slides: the inputs, then one a step, each with the derivation so far.",
            steps + 1
        )
    };
    let refused = refusal(&props.model, *order);
    let said = match (&*status, &refused) {
        (Status::Working(done, total), _) => html! {
            <p class="film-progress">
                <progress data-testid="film-progress" value={done.to_string()} max={total.to_string()}></progress>
                <span>{ format!("Frame {done} of {total}") }</span>
            </p>
        },
        (_, Some(why)) => html! { <p class="problem" data-testid="film-refused">{ why }</p> },
        (Status::Ready, None) => html! { <p class="film-plan">{ plan }</p> },
        (Status::Saved(what, ms, longest, bytes), None) => html! {
            <p class="film-saved" data-testid="film-saved" data-ms={format!("{ms:.0}")}
                data-longest-ms={format!("{longest:.1}")} data-bytes={bytes.to_string()}>{ what }</p>
        },
        (Status::Stopped, None) => {
            html! { <p data-testid="film-stopped">{ "Cancelled: nothing was saved." }</p> }
        }
        (Status::Failed(problem), None) => {
            html! { <p class="problem" role="alert">{ problem }</p> }
        }
    };
    let sizes = Size::ALL.map(|s| {
        let label = s.label();
        html! { <option value={label.clone()} selected={s == order.size}>{ label }</option> }
    });
    html! {
        <div class="sheet-backdrop">
            <div class="sheet film" role="dialog" aria-modal="true" aria-labelledby="film-title" data-testid="film">
                <div class="sheet-head">
                    <h2 id="film-title">{ "Export the walk" }</h2>
                    <button type="button" onclick={close} data-testid="film-close">{ "Close" }</button>
                </div>
                <div class="film-fields">
                    <label>{ "Format" }
                        <select ref={first} data-testid="film-format" onchange={on_format} disabled={working}>
                            { for Format::ALL.map(|f| html! {
                                <option value={f.key()} selected={f == order.format}>{ f.label() }</option>
                            }) }
                        </select>
                    </label>
                    // A deck's slides fill the screen they are shown on.
                    if order.format != Format::Deck {
                        <label>{ "Size" }
                            <select data-testid="film-size" onchange={on_size} disabled={working}>{ for sizes }</select>
                        </label>
                    }
                    <label>{ "Theme" }
                        <select data-testid="film-theme" onchange={on_theme} disabled={working}>
                            <option value="light" selected={!order.dark}>{ "Light" }</option>
                            <option value="dark" selected={order.dark}>{ "Dark" }</option>
                        </select>
                    </label>
                    if order.format.animated() {
                        <label>{ "Hold each step (s)" }
                            <input type="number" data-testid="film-hold" min="0.5" max="10" step="0.5"
                                value={(f64::from(order.hold_ms) / 1000.0).to_string()} onchange={on_hold} disabled={working} />
                        </label>
                    }
                </div>
                { said }
                <div class="film-actions">
                    if working {
                        <button type="button" ref={action.clone()} data-testid="film-cancel" onclick={cancel}>{ "Cancel" }</button>
                    } else {
                        <button type="button" ref={action} class="primary" data-testid="film-start" onclick={start}
                            disabled={refused.is_some()}>{ "Export" }</button>
                    }
                </div>
            </div>
        </div>
    }
}
