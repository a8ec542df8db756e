//! The app mounted in headless Chromium: type into it, read what it shows.
#![cfg(target_arch = "wasm32")]

use chainrule_web::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh element and waits for its first render.
async fn mount() -> Element {
    let document = gloo_utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, test_id: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid='{test_id}']"))
        .unwrap()
}

/// Types `text` into the input with `test_id` as a user would: set the value, fire `input`.
async fn type_into(root: &Element, test_id: &str, text: &str) {
    let input: HtmlInputElement = find(root, test_id).unwrap().dyn_into().unwrap();
    input.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

fn rows(root: &Element, table: &str) -> Vec<String> {
    let rows = root
        .query_selector_all(&format!("[data-testid='{table}'] tr"))
        .unwrap();
    (0..rows.length())
        .map(|i| rows.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn gradient(root: &Element, name: &str) -> f64 {
    find(root, &format!("gradient-{name}"))
        .unwrap()
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap()
}

#[wasm_bindgen_test]
async fn opens_on_the_lectures_example() {
    let root = mount().await;
    let forward = rows(&root, "forward-table");
    assert_eq!(forward.len(), 6);
    assert!(forward[1].contains("b = exp(a) = 54.598"), "{forward:?}");
    let backward = rows(&root, "backward-table");
    assert!(
        backward[3].contains("∂f/∂c = ∂f/∂e·∂e/∂c + ∂f/∂d·∂d/∂c"),
        "{backward:?}"
    );
    assert!((gradient(&root, "x") + 182.8698).abs() < 1e-3);
}

#[wasm_bindgen_test]
async fn typing_an_expression_updates_the_table() {
    let root = mount().await;
    type_into(&root, "expr-input", "x*y + sin(y)").await;
    type_into(&root, "var-y", "0").await;
    let forward = rows(&root, "forward-table");
    assert_eq!(forward.len(), 3, "{forward:?}");
    assert!(forward[0].contains("a = x·y = 0"), "{forward:?}");
    assert_eq!(gradient(&root, "x"), 0.0);
    assert_eq!(gradient(&root, "y"), 3.0);
}

#[wasm_bindgen_test]
async fn a_parse_error_is_shown_under_the_field_and_the_last_table_stays() {
    let root = mount().await;
    type_into(&root, "expr-input", "exp(x) +").await;
    let error = find(&root, "parse-error").expect("an error is shown");
    let text = error.text_content().unwrap();
    assert!(text.contains("error at column 9"), "{text}");
    assert!(text.contains('^'));
    assert_eq!(
        rows(&root, "forward-table").len(),
        6,
        "the lecture's table is kept"
    );
    assert!(root.query_selector(".derivation.stale").unwrap().is_some());
    type_into(&root, "expr-input", "exp(x) + 1").await;
    assert!(find(&root, "parse-error").is_none());
    assert_eq!(rows(&root, "forward-table").len(), 2);
}
