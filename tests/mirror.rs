//! The audience window's channel in headless Chromium: a second `BroadcastChannel` of the same
//! name stands for the other window of the pair.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use chainrule_web::mirror::{self, Heard, Side};
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{BroadcastChannel, MessageEvent};

wasm_bindgen_test_configure!(run_in_browser);

fn pairs(step: &str) -> Vec<(String, String)> {
    vec![
        ("e".to_string(), "x^2".to_string()),
        ("step".to_string(), step.to_string()),
    ]
}

/// The other window of the pair `id`: its channel, what it has heard, and its listener.
fn other_window(id: &str) -> (BroadcastChannel, Rc<RefCell<Vec<String>>>, EventListener) {
    let other = BroadcastChannel::new(&format!("chainrule-view-{id}")).unwrap();
    let said: Rc<RefCell<Vec<String>>> = Rc::default();
    let listener = {
        let said = said.clone();
        EventListener::new(&other, "message", move |event| {
            let text = event.dyn_ref::<MessageEvent>().unwrap().data();
            said.borrow_mut().push(text.as_string().unwrap());
        })
    };
    (other, said, listener)
}

/// Waits (up to a second, a task at a time) until `done` holds; whether it did.
async fn until(done: impl Fn() -> bool) -> bool {
    for _ in 0..100 {
        if done() {
            return true;
        }
        let tick = js_sys::Promise::new(&mut |resolve, _| {
            gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
    }
    done()
}

#[wasm_bindgen_test]
async fn a_told_view_is_not_said_back_and_the_next_change_is_said() {
    let heard: Rc<RefCell<Vec<Heard>>> = Rc::default();
    {
        let heard = heard.clone();
        mirror::hear(move |view| {
            heard.borrow_mut().push(view);
            // The first told view is drawn, written the window's own way, in a microtask as Yew
            // renders: not said back.
            if heard.borrow().len() == 1 {
                wasm_bindgen_futures::spawn_local(async {
                    mirror::show(Side::Expression, &pairs("02"));
                });
            }
        });
    }
    mirror::lead("leading");
    let (other, said, _listener) = other_window("leading");

    mirror::show(Side::Expression, &pairs("1"));
    assert!(until(|| said.borrow().len() == 1).await);
    assert_eq!(said.borrow()[0], "expression\ne=x%5E2&step=1");
    // Said once: the same view again is not said.
    mirror::show(Side::Expression, &pairs("1"));

    other
        .post_message(&"expression\ne=x%5E2&step=2".into())
        .unwrap();
    assert!(until(|| heard.borrow().len() == 1).await);
    assert_eq!(heard.borrow()[0], (Side::Expression, pairs("2")));
    // The next change of this window's own is said: a told view, whatever was drawn of it,
    // silences only the drawing of it.
    mirror::show(Side::Expression, &pairs("3"));
    assert!(until(|| said.borrow().len() == 2).await);
    assert_eq!(
        *said.borrow(),
        ["expression\ne=x%5E2&step=1", "expression\ne=x%5E2&step=3"],
        "neither the repeated view nor the drawn told one was said"
    );

    // Told a view it already shows (a reloaded window saying what this one draws): nothing is
    // drawn, and still the next change is said.
    other
        .post_message(&"expression\ne=x%5E2&step=4".into())
        .unwrap();
    assert!(until(|| heard.borrow().len() == 2).await);
    mirror::show(Side::Expression, &pairs("5"));
    assert!(until(|| said.borrow().len() == 3).await);
    assert_eq!(said.borrow()[2], "expression\ne=x%5E2&step=5");
}

#[wasm_bindgen_test]
async fn a_joining_window_asks_for_the_view_and_does_not_say_its_links() {
    let heard: Rc<RefCell<Vec<Heard>>> = Rc::default();
    {
        let heard = heard.clone();
        mirror::hear(move |view| heard.borrow_mut().push(view));
    }
    let (other, said, _listener) = other_window("joining");
    // Reloaded at the projector: it asks, then draws its link (step 2), which it does not say.
    mirror::join("joining");
    mirror::show(Side::Expression, &pairs("2"));
    assert!(until(|| !said.borrow().is_empty()).await);
    // The teacher's window answers with its view, which the audience shows.
    other
        .post_message(&"expression\ne=x%5E2&step=6".into())
        .unwrap();
    assert!(until(|| heard.borrow().len() == 1).await);
    assert_eq!(heard.borrow()[0], (Side::Expression, pairs("6")));
    mirror::show(Side::Expression, &pairs("6"));
    // A key pressed at the projector is said; and asked, the window says its view.
    mirror::show(Side::Expression, &pairs("7"));
    other.post_message(&"?".into()).unwrap();
    assert!(until(|| said.borrow().len() == 3).await);
    assert_eq!(
        *said.borrow(),
        [
            "?",
            "expression\ne=x%5E2&step=7",
            "expression\ne=x%5E2&step=7"
        ]
    );
}
