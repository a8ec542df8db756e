//! What a hand does to the camera: a drag pans by the distance dragged (the drawing captures the
//! pointer once a press has moved a few pixels, so a click stays a click), the wheel and a pinch
//! zoom about the pointer, and a click on the empty drawing clears the selection. Every gesture
//! leaves the camera where the user put it.

use std::cell::RefCell;
use std::rc::Rc;

use chainrule::NodeId;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent, WheelEvent};
use yew::prelude::*;

use crate::camera::{Camera, Framing};

/// Pointer movement, in pixels, before a press becomes a drag rather than a click.
const DRAG_THRESHOLD: f64 = 4.0;

/// A press on the drawing: where it started, the camera then, and whether it became a drag.
#[derive(Clone, Copy, Debug)]
struct Press {
    pointer: i32,
    x: f64,
    y: f64,
    camera: Camera,
    dragging: bool,
}

/// The drawing's handlers, and what the view needs to know of them.
pub struct Gestures {
    /// For `pointerdown`.
    pub onpointerdown: Callback<PointerEvent>,
    /// For `pointermove`.
    pub onpointermove: Callback<PointerEvent>,
    /// For `pointerup`, `pointercancel` and `lostpointercapture`.
    pub onpointerup: Callback<PointerEvent>,
    /// For `click`.
    pub onclick: Callback<MouseEvent>,
    /// True while a drag is under way (the camera then moves with the hand, without gliding).
    pub dragging: bool,
    /// Zooms by a factor about a point of the drawing's box, in pixels.
    pub zoom_about: Rc<dyn Fn(f64, f64, f64)>,
}

/// The pointers down on the drawing and where each is: one or two, so a list (a hash map would
/// bring a copy of its code to the download for them).
#[derive(Default)]
struct Touches(Vec<(i32, (f64, f64))>);

impl Touches {
    /// Puts pointer `id` at `at`; returns where it was.
    fn insert(&mut self, id: i32, at: (f64, f64)) -> Option<(f64, f64)> {
        match self.0.iter_mut().find(|(i, _)| *i == id) {
            Some((_, p)) => Some(std::mem::replace(p, at)),
            None => {
                self.0.push((id, at));
                None
            }
        }
    }

    fn remove(&mut self, id: i32) {
        self.0.retain(|(i, _)| *i != id);
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    /// Where the first pointer other than `id` is.
    fn other_than(&self, id: i32) -> Option<(f64, f64)> {
        self.0.iter().find(|(i, _)| *i != id).map(|&(_, p)| p)
    }
}

/// The gestures on the element `viewport` refers to, which move the camera last `shown` by
/// setting `framing`; `on_select` hears of clicks on the empty drawing.
#[hook]
pub fn use_gestures(
    viewport: NodeRef,
    shown: Rc<RefCell<Option<Camera>>>,
    framing: UseStateHandle<Framing>,
    on_select: Callback<Option<NodeId>>,
) -> Gestures {
    let press = use_mut_ref(|| None::<Press>);
    let touches = use_mut_ref(Touches::default);
    let dragged = use_state(|| false);
    // The click that ends a drag is not a click on what lies under it.
    let just_dragged = use_mut_ref(|| false);

    let zoom_about: Rc<dyn Fn(f64, f64, f64)> = {
        let framing = framing.clone();
        let shown = shown.clone();
        Rc::new(move |factor: f64, px: f64, py: f64| {
            if let Some(camera) = *shown.borrow() {
                framing.set(Framing::User(camera.zoomed(factor, px, py)));
            }
        })
    };

    // The wheel zooms about the pointer; its listener must be able to stop the page scrolling.
    {
        let zoom_about = zoom_about.clone();
        use_effect_with(viewport.clone(), move |viewport| {
            let listener = viewport.cast::<Element>().map(|svg| {
                let target = svg.clone();
                EventListener::new_with_options(
                    &svg,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let event: &WheelEvent = event.unchecked_ref();
                        event.prevent_default();
                        let rect = target.get_bounding_client_rect();
                        // Lines and pages are larger steps than pixels.
                        let unit = match event.delta_mode() {
                            1 => 16.0,
                            2 => 400.0,
                            _ => 1.0,
                        };
                        zoom_about(
                            (-event.delta_y() * unit * 0.0015).exp(),
                            event.client_x() as f64 - rect.left(),
                            event.client_y() as f64 - rect.top(),
                        );
                    },
                )
            });
            move || drop(listener)
        });
    }

    // Pointer positions on the drawing. (Yew delegates events from the page's root, so an event's
    // current target is not the drawing: it is named here.)
    let local = {
        let viewport = viewport.clone();
        move |e: &PointerEvent| -> (f64, f64) {
            let rect = viewport
                .cast::<Element>()
                .map(|v| v.get_bounding_client_rect());
            match rect {
                Some(r) => (
                    e.client_x() as f64 - r.left(),
                    e.client_y() as f64 - r.top(),
                ),
                None => (e.client_x() as f64, e.client_y() as f64),
            }
        }
    };
    let onpointerdown = {
        let press = press.clone();
        let shown = shown.clone();
        let touches = touches.clone();
        let just_dragged = just_dragged.clone();
        let local = local.clone();
        Callback::from(move |e: PointerEvent| {
            *just_dragged.borrow_mut() = false;
            let (x, y) = local(&e);
            touches.borrow_mut().insert(e.pointer_id(), (x, y));
            if e.button() != 0 || !e.is_primary() {
                return;
            }
            if let Some(camera) = *shown.borrow() {
                *press.borrow_mut() = Some(Press {
                    pointer: e.pointer_id(),
                    x,
                    y,
                    camera,
                    dragging: false,
                });
            }
        })
    };
    let onpointermove = {
        let press = press.clone();
        let framing = framing.clone();
        let touches = touches.clone();
        let shown = shown.clone();
        let dragged = dragged.clone();
        let viewport = viewport.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = local(&e);
            // Two fingers: the change in their distance zooms about their midpoint.
            let previous = touches.borrow_mut().insert(e.pointer_id(), (x, y));
            if touches.borrow().len() == 2 {
                let other = touches.borrow().other_than(e.pointer_id());
                if let (Some((ox, oy)), Some((px, py))) = (other, previous) {
                    let before = (px - ox).hypot(py - oy);
                    let after = (x - ox).hypot(y - oy);
                    if let Some(camera) = *shown.borrow() {
                        if before > 0.0 {
                            framing.set(Framing::User(camera.zoomed(
                                after / before,
                                (x + ox) / 2.0,
                                (y + oy) / 2.0,
                            )));
                        }
                    }
                }
                *press.borrow_mut() = None;
                return;
            }
            let mut current = press.borrow_mut();
            let Some(p) = current.as_mut().filter(|p| p.pointer == e.pointer_id()) else {
                return;
            };
            // A press that ended where we could not see it (outside the window) ends here.
            if e.buttons() & 1 == 0 {
                *current = None;
                return;
            }
            let (dx, dy) = (x - p.x, y - p.y);
            if !p.dragging && dx.hypot(dy) >= DRAG_THRESHOLD {
                p.dragging = true;
                dragged.set(true);
                if let Some(viewport) = viewport.cast::<Element>() {
                    let _ = viewport.set_pointer_capture(e.pointer_id());
                }
            }
            if p.dragging {
                framing.set(Framing::User(p.camera.panned(dx, dy)));
            }
        })
    };
    let onpointerup = {
        let press = press.clone();
        let touches = touches.clone();
        let dragged = dragged.clone();
        let just_dragged = just_dragged.clone();
        Callback::from(move |e: PointerEvent| {
            touches.borrow_mut().remove(e.pointer_id());
            let ended = press.borrow().filter(|p| p.pointer == e.pointer_id());
            if let Some(p) = ended {
                *just_dragged.borrow_mut() = p.dragging;
                *press.borrow_mut() = None;
                if *dragged {
                    dragged.set(false);
                }
            }
        })
    };
    // A click on the empty drawing clears the selection; a drag is not a click.
    let onclick = {
        let on_select = on_select.clone();
        let just_dragged = just_dragged.clone();
        Callback::from(move |e: MouseEvent| {
            if *just_dragged.borrow() {
                return;
            }
            let on_node = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest(".node").ok().flatten())
                .is_some();
            if !on_node {
                on_select.emit(None);
            }
        })
    };
    Gestures {
        onpointerdown,
        onpointermove,
        onpointerup,
        onclick,
        dragging: *dragged,
        zoom_about,
    }
}
