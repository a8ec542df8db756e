//! The page's side of the trainer worker ([`crate::worker`]): it sends the runs out when
//! training starts or the user changes anything while it runs, and takes each report in.
//!
//! Until the worker says it is ready, or if it cannot start (no worker support, its files
//! missing), the page trains in its own animation frames as before.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Uint8Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, MessageEvent, Url, Worker, WorkerOptions, WorkerType};

use super::state::Workspace;
use super::training::{Command, Job, Snapshot};
use super::view::Handle;
use crate::worker::READY;

/// The worker's script: it starts the app's own module, whose two files it is told.
const SCRIPT: &str = "static/trainer.js";

/// The app module's JavaScript and WebAssembly files, as trunk names them in the page (a
/// `modulepreload` and a `preload` link), made absolute and joined by a space: the worker's name,
/// which its script reads (a query string would be lost when the service worker answers offline,
/// the response's address being the cached one). `None` outside a trunk-built page (the browser
/// tests), where the page trains itself.
fn module_files() -> Option<String> {
    let document = gloo::utils::document();
    let base = document.base_uri().ok()??;
    let absolute = |selector: &str| {
        let link = document.query_selector(selector).ok()??;
        Url::new_with_base(&link.get_attribute("href")?, &base)
            .ok()
            .map(|u| u.href())
    };
    let glue = absolute("link[rel=modulepreload][href$='.js']")?;
    let wasm = absolute("link[rel=preload][href$='_bg.wasm']")?;
    Some(format!("{glue} {wasm}"))
}

/// The worker, and what the page knows of it.
pub struct Remote {
    worker: Worker,
    shared: Rc<Shared>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

#[derive(Default)]
struct Shared {
    ready: Cell<bool>,
    /// The generation of the runs last sent; reports of older ones are dropped.
    generation: Cell<u64>,
    /// Whether a report came in since the page last drew.
    fresh: Cell<bool>,
}

impl Remote {
    /// Starts the worker; `on_ready` hears when it can take training (the page then sends it
    /// what is running). `None` where workers cannot start.
    pub fn spawn(handle: Handle, on_ready: impl Fn() + 'static) -> Option<Remote> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        options.set_name(&module_files()?);
        let worker = Worker::new_with_options(SCRIPT, &options).ok()?;
        let shared = Rc::new(Shared::default());
        let on_message = {
            let shared = shared.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let data = e.data();
                if data.as_string().as_deref() == Some(READY) {
                    shared.ready.set(true);
                    on_ready();
                    return;
                }
                let Some(bytes) = data.dyn_ref::<Uint8Array>() else {
                    return;
                };
                match Snapshot::decode(&bytes.to_vec()) {
                    Ok(snapshot) if snapshot.generation == shared.generation.get() => {
                        handle.0.borrow_mut().absorb(snapshot);
                        shared.fresh.set(true);
                    }
                    _ => {}
                }
            })
        };
        // A worker that fails (its script missing offline, an error in it) leaves training to
        // the page, which carries on from the last report.
        let on_error = {
            let shared = shared.clone();
            Closure::<dyn FnMut(Event)>::new(move |_: Event| shared.ready.set(false))
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Remote {
            worker,
            shared,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Whether the worker trains (else the page does).
    pub fn ready(&self) -> bool {
        self.shared.ready.get()
    }

    /// Whether a report came in since the page last drew.
    pub fn fresh(&self) -> bool {
        self.shared.fresh.get()
    }

    /// The page has drawn the latest report.
    pub fn drawn(&self) {
        self.shared.fresh.set(false);
    }

    /// Tells the worker what to do now that `w` has changed: train its runs from where they
    /// are, or stop. Reports still on their way from before are dropped.
    pub fn sync(&self, w: &Workspace) {
        if !self.ready() {
            return;
        }
        let generation = self.shared.generation.get() + 1;
        self.shared.generation.set(generation);
        let command = if w.playing {
            Command::Train {
                generation,
                pace: w.pace,
                jobs: w.runs.iter().map(Job::of).collect(),
            }
        } else {
            Command::Stop
        };
        let bytes = Uint8Array::from(command.encode().as_slice());
        let _ = self
            .worker
            .post_message_with_transfer(&bytes, &js_sys::Array::of1(&bytes.buffer()));
    }
}

impl Drop for Remote {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
