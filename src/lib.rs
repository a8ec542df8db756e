//! Chainrule in the browser. The engine computes; this crate only shows what the engine hands it.

pub mod app;
pub mod components;
pub mod session;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
