//! The network workspace mounted in headless Chromium: build a network with the controls, train
//! it, set a weight, and open one example's backward pass in the stepper.
#![cfg(target_arch = "wasm32")]

mod page;

use page::Page;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlFormElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn network() -> Page {
    let page = Page::open().await;
    page.click("tab-network").await;
    page
}

#[wasm_bindgen_test]
async fn the_controls_shape_the_network() {
    let page = network().await;
    // Playground's 2-4-2-1: the last weight is w³₂,₁.
    assert!(page.find("weight-3-2-1").is_some());
    assert!(page.find("weight-3-3-1").is_none());
    page.change("units-2", "4").await;
    assert!(
        page.find("weight-3-4-1").is_some(),
        "layer 2 now has 4 units"
    );
    page.click("add-layer").await;
    assert!(page.find("layer-3").is_some());
    assert!(page.find("weight-4-4-1").is_some());
    page.click("remove-layer-1").await;
    assert!(page.find("layer-3").is_none());
    assert!(
        page.find("weight-1-2-4").is_some(),
        "the old layer 2 now follows the inputs"
    );
    page.click("feature-x1x2").await;
    assert!(page.find("weight-1-3-1").is_some(), "a third input");
    page.close().await;
}

#[wasm_bindgen_test]
async fn an_unreadable_setting_is_reported_and_the_run_is_kept() {
    let page = network().await;
    // A number field reads "fast" as empty.
    page.change("learning-rate", "fast").await;
    let problem = page.get("setup-problem").text_content().unwrap();
    assert!(
        problem.contains("learning rate is empty or not a number"),
        "{problem}"
    );
    page.click("train-epoch").await;
    assert_eq!(
        page.attr("epoch", "data-value"),
        "1",
        "the last good run still trains"
    );
    page.change("learning-rate", "-1").await;
    assert!(page
        .get("setup-problem")
        .text_content()
        .unwrap()
        .contains("above 0"));
    page.change("learning-rate", "0.1").await;
    assert!(page.find("setup-problem").is_none());
    page.change("units-1", "0").await;
    assert!(page
        .get("setup-problem")
        .text_content()
        .unwrap()
        .contains("hidden layer 1"));
    page.close().await;
}

#[wasm_bindgen_test]
async fn training_moves_the_weights_and_reset_brings_them_back() {
    let page = network().await;
    let start = page.attr("weight-1-1-1", "data-value");
    page.click("train-step").await;
    assert_eq!(page.attr("epoch", "data-value"), "0");
    assert_ne!(page.attr("weight-1-1-1", "data-value"), start);
    page.click("train-epoch").await;
    assert_eq!(page.attr("epoch", "data-value"), "1");
    assert!(page.number("train-loss", "data-value").is_finite());
    page.click("train-reset").await;
    assert_eq!(page.attr("weight-1-1-1", "data-value"), start);
    assert_eq!(page.attr("epoch", "data-value"), "0");
    page.click("new-weights").await;
    assert_ne!(page.attr("weight-1-1-1", "data-value"), start);
    page.close().await;
}

#[wasm_bindgen_test]
async fn clicking_a_weight_lets_the_user_set_it() {
    let page = network().await;
    // SVG elements have no click(); an event that bubbles to the edge's group does.
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    page.get("weight-2-3-1")
        .dispatch_event(
            &web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap(),
        )
        .unwrap();
    yew::scheduler::flush().await;
    let editor = page.get("weight-editor");
    let input: web_sys::HtmlInputElement = editor
        .query_selector("input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("-1.25");
    editor
        .unchecked_ref::<HtmlFormElement>()
        .request_submit()
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(page.attr("weight-2-3-1", "data-value"), "-1.25");
    assert!(page.find("weight-editor").is_none());
    page.close().await;
}

#[wasm_bindgen_test]
async fn one_examples_backprop_in_the_stepper_matches_the_diagrams_gradient() {
    let page = network().await;
    page.click("train-epoch").await;
    // The lecture's messages for point 7: B₁ = ∂ℓ/∂ŷ, B₂,ᵢ = ∂ℓ/∂h²ᵢ, B₃,ᵢ = ∂ℓ/∂a²ᵢ.
    page.click("panel-messages").await;
    page.change("sample-index", "7").await;
    let messages = [
        ("b1", "ŷ".to_string()),
        ("b-2-1", "h^{2}_{1}".to_string()),
        ("b-3-2", "a^{2}_{2}".to_string()),
        ("b-4-3", "h^{1}_{3}".to_string()),
        ("b-5-4", "a^{1}_{4}".to_string()),
    ]
    .map(|(id, node)| (node, page.number(id, "data-value")));
    // The diagram's gradients for the same point.
    page.click("panel-network").await;
    page.click("edges").await;
    page.click("edges").await;
    assert_eq!(page.attr("edges", "data-edges"), "SampleGradient");
    let edges = page.root.query_selector_all("[data-gradient]").unwrap();
    let mut dense = Vec::new();
    for k in 0..edges.length() {
        let e: web_sys::Element = edges.item(k).unwrap().unchecked_into();
        let id = e.get_attribute("data-testid").unwrap();
        let g: f64 = e.get_attribute("data-gradient").unwrap().parse().unwrap();
        dense.push((id, g));
    }
    assert_eq!(dense.len(), 25, "every weight and bias shows its gradient");
    page.click("panel-messages").await;
    page.click("open-sample").await;
    assert!(page
        .get("network-origin")
        .text_content()
        .unwrap()
        .contains("training point 7"));
    page.click("to-end").await;
    for (id, g) in dense {
        // weight-l-i-j is w^{l}_{i,j} in the stepper.
        let parts: Vec<&str> = id.trim_start_matches("weight-").split('-').collect();
        let name = format!("gradient-w^{{{}}}_{{{},{}}}", parts[0], parts[1], parts[2]);
        let traced = page.number(&name, "data-value");
        assert!(
            (traced - g).abs() <= 1e-12 * (1.0 + g.abs()),
            "{name}: {traced} vs {g}"
        );
    }
    // The graph draws only what is near the screen: zoomed out, all of it is.
    for _ in 0..12 {
        page.click("zoom-out").await;
    }
    for (node, message) in messages {
        let adjoint = page.number(&format!("node-{node}"), "data-adjoint");
        assert!(
            (adjoint - message).abs() <= 1e-12 * (1.0 + message.abs()),
            "{node}: {adjoint} vs {message}"
        );
    }
    page.click("back-to-network").await;
    assert_eq!(
        page.attr("epoch", "data-value"),
        "1",
        "the workspace is as it was left"
    );
    page.close().await;
}

#[wasm_bindgen_test]
async fn pointing_at_a_unit_shows_its_map_in_the_output_plot() {
    let page = network().await;
    assert!(page.find("spotlight").is_none());
    let unit = page.get("unit-1-2");
    let event = |name: &str| web_sys::MouseEvent::new(name).unwrap();
    unit.dispatch_event(&event("mouseenter")).unwrap();
    yew::scheduler::flush().await;
    assert!(page
        .get("spotlight")
        .text_content()
        .unwrap()
        .contains("h¹₂"));
    unit.dispatch_event(&event("mouseleave")).unwrap();
    yew::scheduler::flush().await;
    assert!(page.find("spotlight").is_none());
    page.close().await;
}

#[wasm_bindgen_test]
async fn pasted_csv_is_read_with_its_problems_named_and_used_only_when_chosen() {
    let page = network().await;
    page.change("data-set", "rows").await;
    // A spreadsheet's semicolons and decimal commas, with text in a number column.
    page.type_into("import-text", "x1;x2;label\n1,5;2;yes\n3;four;no\n")
        .await;
    let problem = page.get("import-problem").text_content().unwrap();
    assert_eq!(problem, "Row 3, column 'x2': 'four' is not a number");
    assert!(page.get("import-use").has_attribute("disabled"));
    page.type_into("import-text", "x1;x2;label\n1,5;2;yes\n3;4;no\n0;1;yes\n")
        .await;
    assert_eq!(
        page.get("import-summary").text_content().unwrap(),
        "3 rows, classification: no is −1, yes is +1"
    );
    // The label cannot also be an input.
    page.change("import-label", "1").await;
    assert!(page
        .get("import-problem")
        .text_content()
        .unwrap()
        .contains("cannot be an input and the label"));
    page.change("import-label", "2").await;
    // Nothing has changed yet: cancelling keeps the data set.
    page.click("import-cancel").await;
    assert!(page.find("import").is_none());
    assert!(page.find("rows-summary").is_none());
    page.change("data-set", "rows").await;
    page.type_into("import-text", "x1;x2;label\n1,5;2;yes\n3;4;no\n0;1;yes\n")
        .await;
    page.change("import-scale", "none").await;
    page.click("import-use").await;
    assert!(page.find("import").is_none());
    assert_eq!(
        page.get("rows-summary").text_content().unwrap(),
        "pasted data: x1, x2 → label (no −1, yes +1) Another file…"
    );
    let points: HtmlInputElement = page.get("data-points").dyn_into().unwrap();
    assert_eq!((points.value().as_str(), points.disabled()), ("3", true));
    page.close().await;
}
