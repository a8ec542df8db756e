//! The size of an element on screen, kept up to date as the page's layout changes it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

use crate::camera::Screen;

/// The size of the element `target` refers to, once it is laid out; a change of size renders the
/// component again.
#[hook]
pub fn use_screen(target: NodeRef) -> Option<Screen> {
    let screen = use_state_eq(|| None::<Screen>);
    {
        let screen = screen.clone();
        use_effect_with(target, move |target| {
            let element = target.cast::<Element>();
            let measure = {
                let element = element.clone();
                move || {
                    if let Some(element) = &element {
                        let rect = element.get_bounding_client_rect();
                        if rect.width() > 0.0 && rect.height() > 0.0 {
                            screen.set(Some(Screen {
                                w: rect.width(),
                                h: rect.height(),
                            }));
                        }
                    }
                }
            };
            measure();
            let callback = Closure::<dyn FnMut()>::new(measure);
            let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, &element) {
                observer.observe(element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    *screen
}
