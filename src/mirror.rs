//! The audience window: the teacher's window and the one it opened for the projector show the
//! same view. Each says what it shows on a `BroadcastChannel` whenever that changes, and shows
//! what the other says; the laptop keeps the controls while the projector presents. Same machine,
//! no server: the channel is the browser's own, named for the pair (`audience=ID` in the
//! audience's link), so other tabs and embedded views of the app go their own way.
//!
//! A view is said as its tab and its link pairs, without what belongs to one window (its theme,
//! presentation mode, embedding). A window that shows a view it was told does not say it back
//! (nor the view it then draws, however the link is written), so two windows never echo each
//! other, however fast the keys are pressed in either. What it draws after that, it says again:
//! a told view that changes nothing on screen must not silence the next change.
//!
//! An audience window that joins (opened, or reloaded at the projector) draws its link first,
//! which may be older than the teacher's view: it does not say that view but asks for the
//! other's, so a reload never pulls the teacher back to what the link last held.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use crate::browser;

/// The key of the audience's link that names the pair.
pub const KEY: &str = "audience";

/// Keys that belong to one window, not to the view it shows.
pub const OWN_KEYS: [&str; 5] = ["theme", "present", "embed", "hide", KEY];

/// Which tab a view is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The expression stepper.
    Expression,
    /// The network workspace.
    Network,
}

/// A view another window showed.
pub type Heard = (Side, Vec<(String, String)>);

/// The message that asks the other window of the pair to say its view.
const ASK: &str = "?";

/// What this window shows, as last said or told.
#[derive(Default)]
struct Shown {
    view: String,
    /// A view was just told: what this window draws in answer (its renders run in the microtasks
    /// after the message) is that view, not to be said back. Cleared by the first task after the
    /// message, whether or not anything was drawn.
    told: bool,
    /// This window just joined: the view it draws first is its link's, not to be said.
    joining: bool,
}

struct Channel {
    /// The pair's name.
    id: String,
    /// This window opened the pair's audience window (it is the teacher's).
    leads: bool,
    channel: BroadcastChannel,
    shown: Rc<RefCell<Shown>>,
    _listener: EventListener,
}

/// What to do with a view the other window says.
type Hearing = Rc<dyn Fn(Heard)>;

thread_local! {
    static OPEN: RefCell<Option<Channel>> = const { RefCell::new(None) };
    static HEARING: RefCell<Option<Hearing>> = const { RefCell::new(None) };
}

/// What this window does with a view the other window of its pair says. Once per page.
pub fn hear(heard: impl Fn(Heard) + 'static) {
    HEARING.with(|h| *h.borrow_mut() = Some(Rc::new(heard)));
}

/// The pair this window belongs to, if any.
pub fn pair() -> Option<String> {
    OPEN.with(|open| open.borrow().as_ref().map(|c| c.id.clone()))
}

/// Whether this window opened an audience window (the teacher's window, which shows what comes
/// next as well).
pub fn leads() -> bool {
    OPEN.with(|open| open.borrow().as_ref().is_some_and(|c| c.leads))
}

/// A new pair's name.
pub fn new_pair() -> String {
    format!("{:x}", (js_sys::Math::random() * 2f64.powi(48)) as u64)
}

/// A view as said on the channel: its side, then its pairs as a query.
fn said(side: Side, pairs: &[(String, String)]) -> String {
    let view: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| !OWN_KEYS.contains(&k.as_str()))
        .cloned()
        .collect();
    let side = match side {
        Side::Expression => "expression",
        Side::Network => "network",
    };
    format!("{side}\n{}", browser::pairs_to_query(&view))
}

/// Joins the pair called `id` as its audience window (leaving any other) and asks the other
/// window for its view; what the other window says goes to [`hear`]'s function. Called before
/// the window first draws, so that the view drawn from its link is known as such.
pub fn join(id: &str) {
    open(id, false);
}

/// Joins (or starts) the pair called `id` as the window that opens its audience window.
pub fn lead(id: &str) {
    open(id, true);
}

fn open(id: &str, leads: bool) {
    if pair().as_deref() == Some(id) {
        OPEN.with(|open| open.borrow_mut().iter_mut().for_each(|c| c.leads |= leads));
        return;
    }
    let Ok(channel) = BroadcastChannel::new(&format!("chainrule-view-{id}")) else {
        return;
    };
    let shown = Rc::new(RefCell::new(Shown {
        joining: !leads,
        ..Shown::default()
    }));
    let listener = {
        let (shown, channel) = (shown.clone(), channel.clone());
        EventListener::new(&channel.clone(), "message", move |event| {
            let Some(text) = event
                .dyn_ref::<MessageEvent>()
                .and_then(|m| m.data().as_string())
            else {
                return;
            };
            if text == ASK {
                let view = shown.borrow().view.clone();
                if !view.is_empty() {
                    let _ = channel.post_message(&view.into());
                }
                return;
            }
            if shown.borrow().view == text {
                return;
            }
            let Some((side, query)) = text.split_once('\n') else {
                return;
            };
            let side = match side {
                "expression" => Side::Expression,
                "network" => Side::Network,
                _ => return,
            };
            {
                let mut shown = shown.borrow_mut();
                shown.view = text.clone();
                shown.told = true;
            }
            let heard = HEARING.with(|h| h.borrow().clone());
            if let Some(heard) = heard {
                heard((side, browser::query_to_pairs(query).unwrap_or_default()));
            }
            let shown = shown.clone();
            Timeout::new(0, move || shown.borrow_mut().told = false).forget();
        })
    };
    if !leads {
        let _ = channel.post_message(&ASK.into());
    }
    OPEN.with(|open| {
        *open.borrow_mut() = Some(Channel {
            id: id.to_string(),
            leads,
            channel,
            shown,
            _listener: listener,
        })
    });
}

/// Says the view this window shows now, unless it is the one it last said or was told, or the
/// first it draws after joining.
pub fn show(side: Side, pairs: &[(String, String)]) {
    OPEN.with(|open| {
        let open = open.borrow();
        let Some(open) = open.as_ref() else { return };
        let text = said(side, pairs);
        let mut shown = open.shown.borrow_mut();
        if shown.view != text && !shown.told && !shown.joining {
            let _ = open.channel.post_message(&text.as_str().into());
        }
        shown.view = text;
        shown.joining = false;
    });
}
