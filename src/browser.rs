//! The few things the app asks of the browser: the URL, local storage, the clipboard, downloads,
//! and attributes on the document. Every call tolerates failure (no storage in a private window,
//! no clipboard without permission): the app works on without them.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url, UrlSearchParams};

/// Where the expression stepper keeps the last session.
pub const SESSION_KEY: &str = "chainrule.session";
/// Where the network workspace keeps the last workspace.
pub const NETWORK_KEY: &str = "chainrule.network";
/// Where practice keeps each finished exercise's score.
pub const PRACTICE_KEY: &str = "chainrule.practice";
/// Where the teacher's notes are kept, expression by expression.
pub const NOTES_KEY: &str = "chainrule.notes";
/// Set while the app starts, cleared once it has drawn: still set at the next visit means the
/// saved state stopped the last start.
const STARTING_KEY: &str = "chainrule.starting";
/// The most a saved view may take in storage: browsers give a site about 5 MB in all.
pub const MAX_STORED_BYTES: usize = 1 << 20;

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

/// `pairs` as a URL query (`e=x%5E2&step=3`).
pub fn pairs_to_query(pairs: &[(String, String)]) -> String {
    let Ok(params) = UrlSearchParams::new() else {
        return String::new();
    };
    for (k, v) in pairs {
        params.append(k, v);
    }
    params.to_string().into()
}

/// The pairs of a URL query, if it has any.
pub fn query_to_pairs(query: &str) -> Option<Vec<(String, String)>> {
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

/// The longest link the address bar is given: browsers refuse or choke on longer ones (Chrome
/// stops at 2 MB), and no chat or mail carries them.
pub const MAX_LINK_BYTES: usize = 256 * 1024;

/// Replaces the URL fragment with `pairs` without adding a history entry; or, when they are too
/// long for a link, leaves it and says so.
pub fn write_link(pairs: &[(String, String)]) -> Result<(), String> {
    let query = pairs_to_query(pairs);
    if query.len() > MAX_LINK_BYTES {
        return Err(format!(
            "it takes {} KB and a link carries at most {} KB",
            query.len() / 1024,
            MAX_LINK_BYTES / 1024
        ));
    }
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{query}")),
        );
    }
    Ok(())
}

/// The pairs saved under `key` by the last visit, if any.
pub fn read_stored(key: &str) -> Option<Vec<(String, String)>> {
    let storage = gloo::utils::window().local_storage().ok().flatten()?;
    query_to_pairs(&storage.get_item(key).ok().flatten()?)
}

/// Saves `pairs` under `key` for the next visit; or says why it could not (too large, or the
/// browser's storage full or refused).
pub fn store(key: &str, pairs: &[(String, String)]) -> Result<(), String> {
    let Some(storage) = gloo::utils::window().local_storage().ok().flatten() else {
        return Ok(());
    };
    let text = pairs_to_query(pairs);
    if text.len() > MAX_STORED_BYTES {
        // An old, smaller state would come back instead of this one: forget it.
        let _ = storage.remove_item(key);
        return Err(format!(
            "it takes {} KB and a browser keeps at most {} KB for it",
            text.len() / 1024,
            MAX_STORED_BYTES / 1024
        ));
    }
    storage.set_item(key, &text).map_err(|_| {
        let _ = storage.remove_item(key);
        "the browser's storage for this site is full".to_string()
    })
}

/// Forgets the saved session and network.
pub fn forget_saved() {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = storage.remove_item(SESSION_KEY);
        let _ = storage.remove_item(NETWORK_KEY);
    }
}

/// Whether the last start was marked as under way and never finished.
pub fn starting() -> bool {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(STARTING_KEY).ok().flatten())
        .is_some()
}

/// Marks a start as under way, or as finished.
pub fn set_starting(under_way: bool) {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = if under_way {
            storage.set_item(STARTING_KEY, "1")
        } else {
            storage.remove_item(STARTING_KEY)
        };
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

/// Offers `bytes` as a file download called `filename`.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) {
    if let Some(blob) = blob_of(bytes, mime) {
        download_blob(filename, &blob);
    }
}

/// `bytes` as a Blob of type `mime`.
pub fn blob_of(bytes: &[u8], mime: &str) -> Option<Blob> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()
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

/// Opens `url` in the window called `name` (a new one the first time), as a window of its own.
pub fn open_window(url: &str, name: &str) {
    let _ = gloo::utils::window().open_with_url_and_target_and_features(url, name, "popup");
}

/// The file chosen in the file input that fired `event`, if any; the input is cleared, so choosing
/// the same file again fires again.
pub fn chosen_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}
