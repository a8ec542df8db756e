//! The few things the app asks of the browser: the URL, local storage, the clipboard, downloads,
//! and attributes on the document. Every call tolerates failure (no storage in a private window,
//! no clipboard without permission): the app works on without them.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url, UrlSearchParams};

/// Where the expression stepper keeps the last session.
pub const SESSION_KEY: &str = "chainrule.session";
/// Where the network workspace keeps the last workspace.
pub const NETWORK_KEY: &str = "chainrule.network";

fn params_to_pairs(params: &UrlSearchParams) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let entries = js_sys::try_iter(params).ok().flatten();
    for entry in entries.into_iter().flatten().flatten() {
        let entry: js_sys::Array = entry.unchecked_into();
        if let (Some(k), Some(v)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
            pairs.push((k, v));
        }
    }
    pairs
}

fn pairs_to_query(pairs: &[(String, String)]) -> String {
    let Ok(params) = UrlSearchParams::new() else {
        return String::new();
    };
    for (k, v) in pairs {
        params.append(k, v);
    }
    params.to_string().into()
}

fn query_to_pairs(query: &str) -> Option<Vec<(String, String)>> {
    let params = UrlSearchParams::new_with_str(query).ok()?;
    let pairs = params_to_pairs(&params);
    (!pairs.is_empty()).then_some(pairs)
}

/// The pairs in the page's URL fragment (`#e=...&step=3`), if it has any.
pub fn read_link() -> Option<Vec<(String, String)>> {
    let hash = gloo::utils::window().location().hash().ok()?;
    query_to_pairs(hash.trim_start_matches('#'))
}

/// The URL of the page as it would be with `pairs` in its fragment.
pub fn link_for(pairs: &[(String, String)]) -> String {
    let location = gloo::utils::window().location();
    let base = location.href().unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default();
    format!("{base}#{}", pairs_to_query(pairs))
}

/// Replaces the URL fragment with `pairs` without adding a history entry.
pub fn write_link(pairs: &[(String, String)]) {
    let fragment = format!("#{}", pairs_to_query(pairs));
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment));
    }
}

/// The pairs saved under `key` by the last visit, if any.
pub fn read_stored(key: &str) -> Option<Vec<(String, String)>> {
    let storage = gloo::utils::window().local_storage().ok().flatten()?;
    query_to_pairs(&storage.get_item(key).ok().flatten()?)
}

/// Saves `pairs` under `key` for the next visit.
pub fn store(key: &str, pairs: &[(String, String)]) {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = storage.set_item(key, &pairs_to_query(pairs));
    }
}

/// Puts `text` on the clipboard (best effort: the browser may refuse).
pub fn copy(text: &str) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let _ = clipboard.write_text(text);
}

/// Offers `content` as a file download called `filename`.
pub fn download(filename: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&content.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    download_blob(filename, &blob);
}

/// Offers `blob` as a file download called `filename`.
pub fn download_blob(filename: &str, blob: &Blob) {
    let Ok(url) = Url::create_object_url_with_blob(blob) else {
        return;
    };
    let document = gloo::utils::document();
    if let Ok(anchor) = document.create_element("a") {
        let anchor: HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(filename);
        anchor.click();
    }
    let _ = Url::revoke_object_url(&url);
}

/// Sets (or with None removes) an attribute on the root `<html>` element, where the stylesheet's
/// theme and presentation rules look.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = match value {
            Some(value) => root.set_attribute(name, value),
            None => root.remove_attribute(name),
        };
    }
}
