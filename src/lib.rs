//! Chainrule in the browser. The engine computes; this crate only shows what the engine hands it.

pub mod app;
pub mod browser;
pub mod camera;
pub mod components;
pub mod examples;
pub mod export;
pub mod keyboard;
pub mod lesson;
pub mod plots;
pub mod session;
pub mod url_state;
pub mod workspace;

/// Shows a message instead of a dead page if anything ever panics, then mounts the app.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let document = gloo::utils::document();
        if let (Ok(banner), Some(body)) = (document.create_element("div"), document.body()) {
            banner.set_class_name("crash");
            let _ = banner.set_attribute("role", "alert");
            let _ = banner.set_attribute("data-testid", "crash");
            banner.set_text_content(Some(&format!(
                "Chainrule hit a bug and stopped: {info}. Reload the page to go on; your last session is kept."
            )));
            let _ = body.prepend_with_node_1(&banner);
        }
    }));
    yew::Renderer::<app::App>::new().render();
}
