//! When the app cannot go on, the user is never left with a dead page: a panic shows a banner
//! that says so and offers to start over (the saved session and network forgotten, the page
//! opened without its link); and a saved state that stops the app from starting is forgotten at
//! the next visit, which says so.

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

use crate::browser;

/// Set when the last visit did not finish starting and its saved state was forgotten.
static RECOVERED: AtomicBool = AtomicBool::new(false);

/// Installs the panic hook through Yew, so that Yew's renderer keeps it rather than replacing it
/// with its own console hook.
pub fn install_hook() {
    yew::set_custom_panic_hook(Box::new(|info| show(&info.to_string())));
}

/// Shows the crash banner (once) at the top of the page: what happened and a way back.
pub fn show(message: &str) {
    let document = gloo::utils::document();
    if document
        .query_selector("[data-testid='crash']")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let (Ok(banner), Ok(text), Ok(button), Some(body)) = (
        document.create_element("div"),
        document.create_element("p"),
        document.create_element("button"),
        document.body(),
    ) else {
        return;
    };
    banner.set_class_name("crash");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("data-testid", "crash");
    text.set_text_content(Some(&format!(
        "Chainrule hit a bug and stopped: {}. Reload to go on where you were, or start over.",
        chainrule::render::text::excerpt(message, 300)
    )));
    let _ = button.set_attribute("type", "button");
    let _ = button.set_attribute("data-testid", "start-over");
    button.set_text_content(Some("Start over"));
    let start = Closure::<dyn FnMut()>::new(start_over);
    let _ = button.add_event_listener_with_callback("click", start.as_ref().unchecked_ref());
    // The banner lives as long as the page; so does its button's handler.
    start.forget();
    let _ = banner.append_child(&text);
    let _ = banner.append_child(&button);
    let _ = body.prepend_with_node_1(&banner);
}

/// Forgets the saved session and network and opens the page afresh, without the link that may
/// have led here.
pub fn start_over() {
    browser::forget_saved();
    let location = gloo::utils::window().location();
    let page = location.pathname().unwrap_or_else(|_| "./".into());
    let _ = location.replace(&page);
}

/// Called before the app mounts: if the last visit began to start and never finished, its saved
/// state is what stopped it, so it is forgotten. Then this start is marked as under way. A page
/// left while starting (a quick reload, a link followed) clears the mark as it goes: only a start
/// that froze or crashed, which runs no handler, leaves it.
pub fn begin() {
    if browser::starting() {
        browser::forget_saved();
        RECOVERED.store(true, Ordering::Relaxed);
    }
    browser::set_starting(true);
    gloo::events::EventListener::once(&gloo::utils::window(), "pagehide", |_| {
        browser::set_starting(false);
    })
    .forget();
}

/// Called once the app has drawn its first view.
pub fn started() {
    browser::set_starting(false);
}

/// Whether this start forgot a saved state that had stopped the last one.
pub fn recovered() -> bool {
    RECOVERED.load(Ordering::Relaxed)
}

/// For tests of the crash banner: panics, as a bug would. (Exported so an end-to-end test can
/// reach it; nothing in the app calls it.)
#[wasm_bindgen(js_name = forcePanicForTest)]
pub fn force_panic_for_test() {
    panic!("forced by a test");
}
