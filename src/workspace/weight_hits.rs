//! The weights' hit layer: invisible paths over the painted edges that take the pointer (hover
//! for the card, click to set) and the keyboard (one Tab stop, arrow keys between weights), and
//! carry each weight's value for tests. Its own component, so that a frame of training, which
//! changes the weights but not one path, does not rebuild hundreds of paths and their handlers.

use std::rc::Rc;

use chainrule::render::number::plain;
use yew::prelude::*;

use super::diagram::{shown, weight_name, Geometry};
use super::frame::{same_frame, Frame};

/// A weight: (layer from 0, input from 0 with 0 the bias, unit from 1).
pub type Weight = (usize, usize, usize);

/// The test id (and DOM id) of a weight's hit path.
pub fn weight_id((l, i, j): Weight) -> String {
    format!("weight-{}-{i}-{j}", l + 1)
}

/// Moves the keyboard's focus to weight `w` (the arrow keys walk the weights).
pub fn focus_weight(w: Weight) {
    focus_svg(&weight_id(w));
}

/// Moves the keyboard's focus to the diagram's SVG element with test id `id`.
pub fn focus_svg(id: &str) {
    use wasm_bindgen::JsCast;
    let found = gloo::utils::document()
        .query_selector(&format!("[data-testid=\"{id}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok());
    if let Some(element) = found {
        let _ = element.focus();
    }
}

/// `w`'s name and value (and ∂ℓ/∂w when the frame has it), as a screen reader announces it.
pub fn describe(frame: &Frame, (l, i, j): Weight) -> String {
    let layer = &frame.mlp.layers[l];
    let k = i * layer.outputs + j - 1;
    let mut text = format!("{} = {}", weight_name(l, i, j), plain(layer.weights[k], 4));
    if let Some(g) = frame.gradients.get(l).and_then(|g| g.get(k)) {
        text.push_str(&format!(", ∂ℓ/∂w = {}", plain(*g, 4)));
    }
    text
}

/// What a weight's element does with the keyboard, the pointer and the focus: shared by the edge
/// paths here and the bias squares the diagram draws on its units.
#[derive(Clone, PartialEq)]
pub struct Handlers {
    /// Every reachable weight in reading order (layer by layer, unit by unit, bias first).
    pub order: Rc<Vec<Weight>>,
    /// The weight that holds the Tab stop.
    pub roving: Option<Weight>,
    /// Open a weight's field.
    pub open: Callback<Weight>,
    /// The pointer entered a weight or left it.
    pub hover: Callback<Option<Weight>>,
    /// A weight took the focus or lost it.
    pub focus: Callback<Option<Weight>>,
    /// Escape: close the field and the card.
    pub close: Callback<()>,
}

impl Handlers {
    /// `w`'s tabindex: only the roving weight is a Tab stop.
    pub fn tabindex(&self, w: Weight) -> &'static str {
        if self.roving == Some(w) {
            "0"
        } else {
            "-1"
        }
    }

    /// Arrow keys move along the order, Home and End to its ends, Enter opens, Escape closes.
    pub fn keys(&self, w: Weight) -> Callback<KeyboardEvent> {
        let (order, open, close) = (self.order.clone(), self.open.clone(), self.close.clone());
        Callback::from(move |e: KeyboardEvent| {
            let at = order.iter().position(|&o| o == w).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowDown" | "ArrowRight" => order.get(at + 1),
                "ArrowUp" | "ArrowLeft" => at.checked_sub(1).and_then(|k| order.get(k)),
                "Home" => order.first(),
                "End" => order.last(),
                "Enter" => {
                    e.prevent_default();
                    open.emit(w);
                    return;
                }
                "Escape" => {
                    close.emit(());
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            if let Some(&next) = next {
                focus_weight(next);
            }
        })
    }
}

/// Props of [`WeightHits`].
#[derive(Properties)]
pub struct Props {
    /// Where the diagram puts things.
    pub geometry: Geometry,
    /// Each column's units, inputs first.
    pub sizes: Vec<usize>,
    /// The values the paths carry; none while training (a frame's render would otherwise
    /// rewrite every path's values; they are shown again when training pauses).
    pub values: Option<Rc<Frame>>,
    /// What the paths do.
    pub handlers: Handlers,
}

impl PartialEq for Props {
    /// A frame is compared by identity: the diagram's other changes (the card, the hover) keep it.
    fn eq(&self, other: &Props) -> bool {
        same_frame(&self.values, &other.values)
            && self.geometry == other.geometry
            && self.sizes == other.sizes
            && self.handlers == other.handlers
    }
}

/// The edges' hit paths, one per drawn weight.
#[function_component]
pub fn WeightHits(props: &Props) -> Html {
    let h = &props.handlers;
    let mut paths = Vec::new();
    for (l, pair) in props.sizes.windows(2).enumerate() {
        for i in 1..=shown(pair[0]).0 {
            for j in 1..=shown(pair[1]).0 {
                let w = (l, i, j);
                let [(x1, y1), (c1, _), (c2, _), (x2, y2)] = props.geometry.edge(l, i - 1, j - 1);
                let d =
                    format!("M{x1:.1},{y1:.1} C{c1:.1},{y1:.1} {c2:.1},{y2:.1} {x2:.1},{y2:.1}");
                let (label, value, gradient) = match &props.values {
                    Some(frame) => {
                        let layer = &frame.mlp.layers[l];
                        let k = i * layer.outputs + j - 1;
                        let gradient = frame.gradients.get(l).and_then(|g| g.get(k));
                        (
                            describe(frame, w),
                            Some(layer.weights[k].to_string()),
                            gradient.map(f64::to_string),
                        )
                    }
                    None => (weight_name(l, i, j), None, None),
                };
                paths.push(html! {
                    <path class="edge-hit" d={d} data-testid={weight_id(w)}
                        onclick={h.open.reform(move |_: MouseEvent| w)}
                        tabindex={h.tabindex(w)} data-arrows="" aria-label={label}
                        onkeydown={h.keys(w)}
                        onfocus={h.focus.reform(move |_: FocusEvent| Some(w))}
                        onblur={h.focus.reform(|_: FocusEvent| None)}
                        onmouseenter={h.hover.reform(move |_: MouseEvent| Some(w))}
                        onmouseleave={h.hover.reform(|_: MouseEvent| None)}
                        data-value={value} data-gradient={gradient} />
                });
            }
        }
    }
    html! { <g class="edges">{ for paths }</g> }
}
