//! The app mounted in headless Chromium: click, type and press keys as a user would, and read
//! what the page shows.
#![cfg(target_arch = "wasm32")]

mod page;

use page::Page;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, MouseEvent, MouseEventInit};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn opens_on_the_lectures_example_ready_to_step() {
    let page = Page::open().await;
    assert_eq!(page.step(), 0);
    assert_eq!(page.attr("node-x", "data-value"), "2");
    assert_eq!(
        page.attr("node-a", "data-value"),
        "",
        "nothing is computed before the first step"
    );
    page.click("step-next").await;
    assert_eq!(page.number("node-a", "data-value"), 4.0);
    assert_eq!(page.attr("node-b", "data-value"), "");
    page.close().await;
}

#[wasm_bindgen_test]
async fn stepping_to_the_end_gives_the_lectures_gradient() {
    let page = Page::open().await;
    for _ in 0..13 {
        page.click("step-next").await;
    }
    assert_eq!(page.step(), 13);
    assert!((page.number("gradient-x", "data-value") + 182.8698).abs() < 1e-3);
    assert!((page.number("node-c", "data-adjoint") + 0.82228).abs() < 1e-4);
    page.click("step-next").await;
    assert_eq!(page.step(), 13, "stepping past the end stays at the end");
    page.click("step-prev").await;
    assert_eq!(page.step(), 12);
    assert_eq!(
        page.attr("node-x", "data-adjoint"),
        "",
        "x's adjoint is the last step's"
    );
    page.click("to-start").await;
    assert_eq!(page.step(), 0);
    page.click("to-end").await;
    assert_eq!(page.step(), 13);
    page.close().await;
}

#[wasm_bindgen_test]
async fn the_derivation_shows_lines_as_the_walk_reaches_them() {
    let page = Page::open().await;
    let lines = || page.root.query_selector_all(".line.done").unwrap().length();
    assert_eq!(lines(), 0);
    page.click("to-forward-end").await;
    assert_eq!(lines(), 6);
    let current = page.root.query_selector(".line.current").unwrap().unwrap();
    assert_eq!(current.get_attribute("data-step").as_deref(), Some("6"));
    let caption = page.get("step-caption").text_content().unwrap();
    assert!(caption.contains("7.1943"), "{caption}");
    // Clicking a line jumps to it.
    let line: HtmlElement = page
        .root
        .query_selector("[data-step='9'] button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    line.click();
    yew::scheduler::flush().await;
    assert_eq!(page.step(), 9);
    page.close().await;
}

#[wasm_bindgen_test]
async fn hovering_a_line_highlights_its_node() {
    let page = Page::open().await;
    let line = page
        .root
        .query_selector("[data-step='3'] button")
        .unwrap()
        .unwrap();
    let init = MouseEventInit::new();
    init.set_bubbles(false);
    line.dispatch_event(&MouseEvent::new_with_mouse_event_init_dict("mouseenter", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    assert!(page.get("node-c").class_list().contains("hovered"));
    line.dispatch_event(&MouseEvent::new_with_mouse_event_init_dict("mouseleave", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    assert!(!page.get("node-c").class_list().contains("hovered"));
    page.close().await;
}

#[wasm_bindgen_test]
async fn typing_an_expression_rebuilds_the_graph_and_values_update_it() {
    let page = Page::open().await;
    page.type_into("expr-input", "x*y + sin(y)").await;
    page.type_into("var-y", "0").await;
    page.click("to-end").await;
    assert_eq!(page.number("gradient-x", "data-value"), 0.0);
    assert_eq!(page.number("gradient-y", "data-value"), 3.0);
    page.type_into("var-x", "5").await;
    assert_eq!(
        page.step(),
        page.attr("scrubber", "max").parse::<usize>().unwrap(),
        "the position is kept"
    );
    assert_eq!(page.number("gradient-y", "data-value"), 6.0);
    page.close().await;
}

#[wasm_bindgen_test]
async fn a_parse_error_is_shown_and_the_last_graph_stays_dimmed() {
    let page = Page::open().await;
    page.type_into("expr-input", "exp(x) +").await;
    let text = page.get("parse-error").text_content().unwrap();
    assert!(text.contains("error at column 9"), "{text}");
    assert!(text.contains('^'));
    assert!(page.find("node-e").is_some(), "the lecture's graph is kept");
    assert!(page.root.query_selector(".graph.stale").unwrap().is_some());
    page.type_into("expr-input", "exp(x) + 1").await;
    assert!(page.find("parse-error").is_none());
    assert!(page.find("node-e").is_none());
    assert!(page.root.query_selector(".graph.stale").unwrap().is_none());
    page.close().await;
}

#[wasm_bindgen_test]
async fn keys_step_jump_and_toggle_modes() {
    let page = Page::open().await;
    page.press("ArrowRight").await;
    page.press("ArrowRight").await;
    assert_eq!(page.step(), 2);
    page.press("ArrowLeft").await;
    assert_eq!(page.step(), 1);
    page.press("End").await;
    assert_eq!(page.step(), 13);
    page.press("Home").await;
    assert_eq!(page.step(), 0);
    page.press("p").await;
    let root = gloo::utils::document().document_element().unwrap();
    assert_eq!(
        root.get_attribute("data-presentation").as_deref(),
        Some("on")
    );
    page.press("p").await;
    assert_eq!(root.get_attribute("data-presentation"), None);
    page.press("t").await;
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("light"));
    page.press("t").await;
    page.press("t").await;
    assert_eq!(root.get_attribute("data-theme"), None);
    page.close().await;
}

#[wasm_bindgen_test]
async fn the_tree_switch_and_the_gradient_check() {
    let page = Page::open().await;
    page.click("toggle-tree").await;
    assert!(
        page.find("node-k").is_some(),
        "the tree has 11 operation nodes"
    );
    page.click("toggle-check").await;
    let check = page.get("gradient-check").text_content().unwrap();
    assert!(check.contains("-182.869807"), "{check}");
    page.close().await;
}

#[wasm_bindgen_test]
async fn every_control_has_an_accessible_name() {
    let page = Page::open().await;
    let controls = page
        .root
        .query_selector_all("button, select, input")
        .unwrap();
    for i in 0..controls.length() {
        let control: Element = controls.item(i).unwrap().unchecked_into();
        let labelled = !control.id().is_empty()
            && page
                .root
                .query_selector(&format!("label[for='{}']", control.id()))
                .unwrap()
                .is_some();
        let named = labelled
            || control
                .get_attribute("aria-label")
                .is_some_and(|l| !l.is_empty())
            || control.text_content().is_some_and(|t| !t.trim().is_empty());
        assert!(named, "unnamed control: {}", control.outer_html());
    }
    page.close().await;
}

#[wasm_bindgen_test]
async fn a_long_random_stream_of_typing_never_breaks_the_page() {
    let page = Page::open().await;
    let alphabet: Vec<char> =
        "x y z 0 1 2 . e pi ( ) + - * / ^ , sin exp sqrt log σ π √ × ÷ ∂ 𝟙 \u{0} é ∞ 1e999 ((((("
            .chars()
            .collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut text = String::new();
    for _ in 0..400 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let c = alphabet[(seed % alphabet.len() as u64) as usize];
        if seed % 11 == 0 {
            text.pop();
        } else {
            text.push(c);
        }
        page.type_into("expr-input", &text).await;
    }
    assert!(gloo::utils::document()
        .query_selector("[data-testid='crash']")
        .unwrap()
        .is_none());
    page.type_into("expr-input", "x^3").await;
    page.click("to-end").await;
    assert_eq!(page.number("gradient-x", "data-value"), 12.0);
    page.close().await;
}

#[wasm_bindgen_test]
async fn the_plot_along_a_variable_is_drawn() {
    let page = Page::open().await;
    let canvas: web_sys::HtmlCanvasElement = page.get("function-plot").dyn_into().unwrap();
    assert!(
        canvas.width() > 100 && canvas.height() > 100,
        "the backing store follows the CSS size"
    );
    let label = canvas.get_attribute("aria-label").unwrap();
    assert!(label.contains("tangent at x = 2"), "{label}");
    page.close().await;
}

#[wasm_bindgen_test]
async fn the_graph_exports_as_a_standalone_svg() {
    let page = Page::open().await;
    page.click("to-end").await;
    let (svg, width, height) = chainrule_web::export::graph_svg().expect("a graph is on screen");
    assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
    assert!(width > 0.0 && height > 0.0);
    assert!(svg.contains("data-testid=\"node-x\""));
    assert!(svg.contains("fill:"), "computed styles are inlined");
    assert!(
        !svg.contains("var(--"),
        "no reference to the page's stylesheet is left"
    );
    page.close().await;
}

#[wasm_bindgen_test]
async fn practice_asks_each_step_checks_the_answer_and_counts_a_reveal() {
    let page = Page::open().await;
    page.press("q").await;
    assert_eq!(page.attr("practice-toggle", "aria-pressed"), "true");
    assert_eq!(page.attr("practice-prompt", "data-node"), "a");
    assert_eq!(page.attr("practice-prompt", "data-kind"), "value");
    assert_eq!(
        page.attr("node-a", "data-value"),
        "",
        "hidden until answered"
    );
    page.type_into("answer-input", "5").await;
    page.click("answer-submit").await;
    assert_eq!(page.attr("answer-feedback", "data-correct"), "false");
    assert!(page
        .get("answer-feedback")
        .text_content()
        .unwrap()
        .contains("a = x²"));
    page.click("step-next").await;
    assert_eq!(page.step(), 0, "no moving on past an unanswered question");
    page.type_into("answer-input", "x^2").await;
    page.click("answer-submit").await;
    assert_eq!(page.attr("answer-feedback", "data-correct"), "true");
    assert_eq!(page.number("node-a", "data-value"), 4.0);
    page.click("practice-reveal").await;
    assert_eq!(page.step(), 2);
    assert_eq!(page.attr("practice-score", "data-right"), "1");
    assert_eq!(page.attr("practice-score", "data-total"), "2");
    page.close().await;
}
