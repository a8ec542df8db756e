//! A mounted app for browser tests: click, type and press keys as a user would, and read what
//! the page shows.

// Each test file compiles this module on its own and uses only some of it.
#![allow(dead_code)]

use chainrule_web::app::App;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, InputEvent, InputEventInit,
    KeyboardEvent, KeyboardEventInit,
};
use yew::AppHandle;

/// A freshly mounted app, with no link or saved session to restore.
pub struct Page {
    pub root: Element,
    handle: Option<AppHandle<App>>,
}

impl Page {
    pub async fn open() -> Page {
        Page::open_at("").await
    }

    /// A freshly mounted app opened from a link whose fragment is `fragment` (`view=net&...`).
    pub async fn open_at(fragment: &str) -> Page {
        let window = gloo::utils::window();
        window.local_storage().unwrap().unwrap().clear().unwrap();
        window
            .history()
            .unwrap()
            .replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("#{fragment}")),
            )
            .unwrap();
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Page {
            root,
            handle: Some(handle),
        }
    }

    pub fn find(&self, test_id: &str) -> Option<Element> {
        self.root
            .query_selector(&format!("[data-testid='{test_id}']"))
            .unwrap()
    }

    pub fn get(&self, test_id: &str) -> Element {
        self.find(test_id)
            .unwrap_or_else(|| panic!("no element with data-testid={test_id}"))
    }

    pub fn attr(&self, test_id: &str, name: &str) -> String {
        self.get(test_id).get_attribute(name).unwrap_or_default()
    }

    pub fn number(&self, test_id: &str, name: &str) -> f64 {
        self.attr(test_id, name).parse().unwrap_or(f64::NAN)
    }

    pub fn step(&self) -> usize {
        self.attr("step-index", "data-step").parse().unwrap()
    }

    pub async fn click(&self, test_id: &str) {
        self.get(test_id).unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }

    /// Types `text` into an input as a user would: set the value, fire `input`.
    pub async fn type_into(&self, test_id: &str, text: &str) {
        let element = self.get(test_id);
        match element.dyn_ref::<HtmlInputElement>() {
            Some(input) => input.set_value(text),
            None => element
                .dyn_ref::<web_sys::HtmlTextAreaElement>()
                .expect("an input or a text area")
                .set_value(text),
        }
        let init = InputEventInit::new();
        init.set_bubbles(true);
        element
            .dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
        yew::scheduler::flush().await;
    }

    /// Sets an input's or a select's value and fires `change`, as leaving a field does.
    pub async fn change(&self, test_id: &str, value: &str) {
        let element = self.get(test_id);
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            input.set_value(value);
        } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.set_value(value);
        }
        let init = EventInit::new();
        init.set_bubbles(true);
        element
            .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
            .unwrap();
        yew::scheduler::flush().await;
    }

    pub async fn press(&self, key: &str) {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        gloo::utils::document()
            .body()
            .unwrap()
            .dispatch_event(&event)
            .unwrap();
        yew::scheduler::flush().await;
    }

    pub async fn close(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}
