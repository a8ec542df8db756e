//! Exports of what is on screen: the graph as a standalone SVG (styles inlined from the page, so
//! it looks the same anywhere) or as a PNG, and the derivation as LaTeX or Markdown.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, Element, HtmlCanvasElement, HtmlImageElement, Url};

use crate::browser;

/// The style properties copied onto each element of an exported SVG.
const PROPERTIES: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "display",
    "visibility",
];

/// The on-screen graph as a standalone SVG document, or None if there is none.
pub fn graph_svg() -> Option<(String, f64, f64)> {
    let document = gloo::utils::document();
    let svg = document
        .query_selector("[data-testid='graph-drawing']")
        .ok()??;
    let copy: Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    inline_styles(&svg, &copy);
    // The whole drawing, wherever the camera stands.
    let _ = copy.remove_attribute("class");
    let view_box = svg.get_attribute("viewBox").unwrap_or_default();
    let numbers: Vec<f64> = view_box
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let (width, height) = match numbers.as_slice() {
        [_, _, w, h] => (*w, *h),
        _ => (800.0, 600.0),
    };
    let _ = copy.set_attribute("width", &format!("{width:.0}"));
    let _ = copy.set_attribute("height", &format!("{height:.0}"));
    let background = gloo::utils::window()
        .get_computed_style(&document.body()?.into())
        .ok()??
        .get_property_value("background-color")
        .unwrap_or_default();
    let _ = copy.set_attribute("style", &format!("background:{background}"));
    Some((copy.outer_html(), width, height))
}

/// Copies the computed style of every element of `from` onto the same element of `to`.
fn inline_styles(from: &Element, to: &Element) {
    let window = gloo::utils::window();
    if let Ok(Some(style)) = window.get_computed_style(from) {
        let inline: String = PROPERTIES
            .iter()
            .filter_map(|p| {
                style
                    .get_property_value(p)
                    .ok()
                    .map(|v| format!("{p}:{v};"))
            })
            .collect();
        let _ = to.set_attribute("style", &inline);
    }
    let (a, b) = (from.children(), to.children());
    for i in 0..a.length().min(b.length()) {
        if let (Some(x), Some(y)) = (a.item(i), b.item(i)) {
            inline_styles(&x, &y);
        }
    }
}

/// Downloads the graph as an SVG file.
pub fn download_svg() {
    if let Some((svg, _, _)) = graph_svg() {
        browser::download("chainrule-graph.svg", "image/svg+xml", &svg);
    }
}

/// Downloads the graph as a PNG at twice its layout size, drawn by the browser from the SVG.
pub fn download_png() {
    let Some((svg, width, height)) = graph_svg() else {
        return;
    };
    let parts = js_sys::Array::of1(&svg.into());
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(image) = HtmlImageElement::new() else {
        return;
    };
    let loaded = image.clone();
    let source = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&source);
        let document = gloo::utils::document();
        let Some(canvas) = document
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width((width * 2.0) as u32);
        canvas.set_height((height * 2.0) as u32);
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = context.draw_image_with_html_image_element_and_dw_and_dh(
            &loaded,
            0.0,
            0.0,
            width * 2.0,
            height * 2.0,
        );
        let save = Closure::once_into_js(move |blob: Option<Blob>| {
            if let Some(blob) = blob {
                browser::download_blob("chainrule-graph.png", &blob);
            }
        });
        let _ = canvas.to_blob(save.unchecked_ref());
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
}
