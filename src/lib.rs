//! Chainrule in the browser. The engine computes; this crate only shows what the engine hands it.

pub mod app;
pub mod browser;
pub mod camera;
pub mod components;
pub mod crash;
pub mod embed;
pub mod examples;
pub mod export;
pub mod film;
pub mod keyboard;
pub mod lesson;
pub mod mirror;
pub mod plots;
pub mod progress;
pub mod session;
pub mod url_state;
pub mod worker;
pub mod workspace;

/// Mounts the app, with a banner instead of a dead page if anything ever panics, and a fresh start
/// if the saved state stopped the last one. Started in a Web Worker (one module serves both, so
/// the browser downloads the engine once), it trains for the page instead ([`worker::serve`]).
pub fn start() {
    if web_sys::window().is_none() {
        worker::serve();
        return;
    }
    crash::install_hook();
    crash::begin();
    yew::Renderer::<app::App>::new().render();
}
