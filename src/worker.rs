//! The trainer's Web Worker: it trains the runs the page sends, a frame's worth at a time, and
//! sends back what each frame did, so training never holds up the page. (The page's side:
//! [`crate::workspace::remote`].)

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::Uint8Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

use crate::workspace::state::Pace;
use crate::workspace::training::{Command, Training};

/// What the worker says once it listens.
pub const READY: &str = "ready";

/// Milliseconds of training before a report at the fast pace: a report a frame.
const SLICE_MS: f64 = 14.0;
/// A frame, for the paces that train a step or an epoch a frame.
const FRAME_MS: f64 = 1000.0 / 60.0;

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    training: RefCell<Option<Training>>,
    /// Posting to it runs the next slice at once (a zero timeout would be held to 4 ms).
    next: MessageChannel,
}

fn now(scope: &DedicatedWorkerGlobalScope) -> f64 {
    scope.performance().map_or(0.0, |p| p.now())
}

impl Worker {
    /// One slice of the training of `generation`, its report, and the next slice scheduled.
    fn slice(self: &Rc<Self>, generation: u64) {
        let start = now(&self.scope);
        let (report, pace) = {
            let mut training = self.training.borrow_mut();
            let Some(t) = training.as_mut().filter(|t| t.generation() == generation) else {
                return;
            };
            let report = t.slice(|| now(&self.scope) - start > SLICE_MS);
            let pace = t.pace();
            if !t.running() {
                *training = None;
            }
            (report, pace)
        };
        let bytes = Uint8Array::from(report.encode().as_slice());
        let _ = self
            .scope
            .post_message_with_transfer(&bytes, &js_sys::Array::of1(&bytes.buffer()));
        if self.training.borrow().is_none() {
            return;
        }
        match pace {
            Pace::Fast => {
                let _ = self
                    .next
                    .port2()
                    .post_message(&JsValue::from(generation as f64));
            }
            Pace::Step | Pace::Epoch => {
                let wait = (FRAME_MS - (now(&self.scope) - start)).max(0.0);
                let me = self.clone();
                Timeout::new(wait as u32, move || me.slice(generation)).forget();
            }
        }
    }

    fn command(self: &Rc<Self>, command: Command) {
        match command {
            Command::Train {
                generation,
                pace,
                jobs,
            } => {
                *self.training.borrow_mut() = Training::new(generation, pace, jobs);
                self.slice(generation);
            }
            Command::Stop => *self.training.borrow_mut() = None,
        }
    }
}

/// Listens for the page's commands (for as long as the worker lives) and says it is ready.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let Ok(next) = MessageChannel::new() else {
        return;
    };
    let worker = Rc::new(Worker {
        scope: scope.clone(),
        training: RefCell::new(None),
        next,
    });
    let on_next = {
        let worker = worker.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(generation) = e.data().as_f64() {
                worker.slice(generation as u64);
            }
        })
    };
    worker
        .next
        .port1()
        .set_onmessage(Some(on_next.as_ref().unchecked_ref()));
    let on_command = {
        let worker = worker.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            // The page and the worker come from one build, so a command always reads.
            let bytes = e.data().dyn_into::<Uint8Array>().map(|b| b.to_vec());
            if let Ok(Ok(command)) = bytes.map(|b| Command::decode(&b)) {
                worker.command(command);
            }
        })
    };
    scope.set_onmessage(Some(on_command.as_ref().unchecked_ref()));
    // Both handlers live as long as the worker.
    on_next.forget();
    on_command.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
