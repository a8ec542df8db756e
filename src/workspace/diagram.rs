//! The network as a diagram, as TensorFlow Playground draws it: a column per layer, each unit a
//! small picture of its own output over the input plane, each weight an edge coloured by its sign
//! (blue positive, orange negative) and as wide as it is large — or, switched, by ∂ℓ/∂w. Every
//! parameter is reachable: hovering an edge or a bias shows its value, clicking opens it for
//! editing. Under each layer, the histogram of its pre-activations. The canvases are filled by the
//! painter after each render; this component only lays them out.

use std::rc::Rc;

use chainrule::nn::activation::Activation;
use chainrule::nn::setup::{Setup, MAX_UNITS};
use chainrule::render::number::{count, plain};
use chainrule::render::text::display_name;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::action::{changes, Action, Change};
use super::frame::Frame;
use super::paint_key::Paint;
use super::unit_layer::{bias_signs, UnitLayer};
use super::weight_hits::{focus_weight, Handlers, Weight, WeightHits};

/// Props of [`Diagram`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The shown run's frame.
    pub frame: Rc<Frame>,
    /// The setup being edited (its hidden layers are the columns' controls).
    pub draft: Setup,
    /// Colour edges by ∂ℓ/∂w.
    pub by_gradient: bool,
    /// Whether training runs: the edges then carry only their names, so that a frame's render
    /// does not rewrite every edge's values (they are shown again when training pauses).
    pub playing: bool,
    /// Sends changes of the setup, a weight's new value and the unit under the pointer.
    pub on_action: Callback<Action>,
}

/// The lecture's name of a weight, w^{l}_{i,j}, as text: w¹₀,₂.
pub fn weight_name(l: usize, i: usize, j: usize) -> String {
    display_name(&format!("w^{{{}}}_{{{i},{j}}}", l + 1))
}

/// Column width in diagram units.
const COLUMN: f64 = 150.0;
/// The narrowest a column is drawn, in rem: room for a layer's − [n] + and units a room can see.
const MIN_COLUMN_REM: f64 = 7.5;
const TOP: f64 = 8.0;
const HISTOGRAM: f64 = 62.0;
/// Above this many drawn edges they take no pointer (a hit path each would cost more per frame
/// than the whole drawing); the edges are still drawn.
pub const PICKABLE_WEIGHTS: usize = 400;
/// The most rows a column draws. A wider layer shows its first units and, in the last row, how
/// many more it has: a column of a thousand pictures is unreadable and repainting it every frame
/// would hold up the page.
pub const SHOWN_UNITS: usize = 16;

/// How a column of `n` units is drawn: the units shown and how many are left out (a last row
/// then says so).
pub fn shown(n: usize) -> (usize, usize) {
    if n > SHOWN_UNITS {
        (SHOWN_UNITS - 1, n - (SHOWN_UNITS - 1))
    } else {
        (n, 0)
    }
}

/// Where the diagram puts things, in its own units (the SVG's viewBox, which the canvases over
/// it share).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Distance between units in a column.
    pub pitch: f64,
    /// A unit's side.
    pub unit: f64,
    /// Where the histograms start.
    pub histogram_top: f64,
}

impl Geometry {
    /// The geometry for columns of `sizes` units (inputs first), each drawn as [`shown`] says.
    pub fn of(sizes: &[usize]) -> Geometry {
        let rows = |n: usize| shown(n).0 + usize::from(shown(n).1 > 0);
        let tallest = sizes.iter().copied().map(rows).max().unwrap_or(1).max(2);
        let pitch = (380.0 / tallest as f64).clamp(10.0, 66.0);
        let histogram_top = TOP + tallest as f64 * pitch + 10.0;
        Geometry {
            width: sizes.len() as f64 * COLUMN,
            height: histogram_top + HISTOGRAM + 6.0,
            pitch,
            unit: (pitch * 0.76).min(50.0),
            histogram_top,
        }
    }

    /// The centre of column `c`.
    pub fn x(&self, c: usize) -> f64 {
        c as f64 * COLUMN + COLUMN / 2.0
    }

    /// The centre of row `j`.
    pub fn y(&self, j: usize) -> f64 {
        TOP + j as f64 * self.pitch + self.pitch / 2.0
    }

    /// The edge from unit `i` of column `c` to unit `j` of column `c + 1` (both from 0), as a
    /// cubic Bézier curve: start, two control points, end.
    pub fn edge(&self, c: usize, i: usize, j: usize) -> Curve {
        let (x1, y1) = (self.x(c) + self.unit / 2.0, self.y(i));
        let (x2, y2) = (self.x(c + 1) - self.unit / 2.0, self.y(j));
        let middle = (x1 + x2) / 2.0;
        [(x1, y1), (middle, y1), (middle, y2), (x2, y2)]
    }
}

/// How many edges the diagram draws for columns of `sizes` units.
pub fn drawn_edges(sizes: &[usize]) -> usize {
    sizes
        .windows(2)
        .map(|w| shown(w[0]).0 * shown(w[1]).0)
        .sum()
}

/// Each column's units: the inputs, then every layer.
pub fn column_sizes(frame: &Frame) -> Vec<usize> {
    std::iter::once(frame.mlp.inputs())
        .chain(frame.mlp.layers.iter().map(|l| l.outputs))
        .collect()
}

/// A cubic Bézier curve: start, two control points, end.
pub type Curve = [(f64, f64); 4];

/// How edges are scaled: by the weights, or by the gradients relative to the largest |∂ℓ/∂w|.
pub fn edge_scale(frame: &Frame, by_gradient: bool) -> Option<f64> {
    by_gradient.then(|| {
        frame
            .gradients
            .iter()
            .flatten()
            .fold(0.0f64, |m, g| m.max(g.abs()))
            .max(1e-12)
    })
}

/// How the edge of weight `k` of layer `l` is drawn: its sign and its width in diagram units.
/// By weight (`largest` None), the width grows with |w| up to 4; by gradient, with ∂ℓ/∂w
/// relative to the largest.
pub fn edge_style(frame: &Frame, largest: Option<f64>, l: usize, k: usize) -> (bool, f64) {
    let v = if let Some(largest) = largest {
        let g = frame.gradients.get(l).and_then(|g| g.get(k)).copied();
        g.unwrap_or(0.0) / largest * 4.0
    } else {
        frame.mlp.layers[l].weights[k]
    };
    (v >= 0.0, 1.0 + v.abs().min(4.0) * 1.8)
}

fn activation_select(current: Activation, label: String, on: Callback<Activation>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        if let Ok(a) = value.parse::<Activation>() {
            on.emit(a);
        }
    });
    let current_name = current.name();
    html! {
        <select aria-label={label} {onchange} title="Activation function φ of this layer">
            { for Activation::ALL.iter().map(|a| {
                let value = if a.name() == current_name { current.to_string() } else { a.to_string() };
                html! { <option value={value} selected={a.name() == current_name}>{ a.name() }</option> }
            }) }
        </select>
    }
}

/// The diagram.
#[component]
pub fn Diagram(props: &Props) -> Html {
    // Weights as (layer from 0, input from 0 with 0 the bias, unit from 1): the one being set,
    // the one with the keyboard's focus, the one under the pointer. The card shows the first.
    let editing = use_state(|| None::<Weight>);
    let focused = use_state(|| None::<Weight>);
    let hovered = use_state(|| None::<Weight>);
    // The field that sets a weight takes the focus as it opens (autofocus only acts on load).
    let input_ref = use_node_ref();
    {
        let input_ref = input_ref.clone();
        use_effect_with(*editing, move |editing| {
            if editing.is_some() {
                if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                }
            }
        });
    }
    let on_change = changes(&props.draft, &props.on_action);
    let frame = &props.frame;
    let mlp = &frame.mlp;
    let sizes = column_sizes(frame);
    let columns = sizes.len();
    let geometry = Geometry::of(&sizes);
    let Geometry {
        width,
        height,
        unit,
        histogram_top,
        ..
    } = geometry;
    let x_of = |c: usize| geometry.x(c);
    let y_of = |j: usize| geometry.y(j);
    let pickable = drawn_edges(&sizes) <= PICKABLE_WEIGHTS;
    // Every pickable weight in reading order (layer by layer, unit by unit, bias first): the
    // arrow keys walk it, one weight taking the Tab stop at a time.
    let order: Rc<Vec<Weight>> = Rc::new(if pickable {
        mlp.layers
            .iter()
            .enumerate()
            .flat_map(|(l, layer)| {
                (1..=shown(layer.outputs).0)
                    .flat_map(move |j| (0..=shown(layer.inputs).0).map(move |i| (l, i, j)))
            })
            .collect()
    } else {
        Vec::new()
    });
    let roving = (*focused)
        .filter(|w| order.contains(w))
        .or(order.first().copied());
    // Callbacks that never change, so the hit layer is not rebuilt for a new closure.
    let handlers = Handlers {
        order,
        roving,
        open: use_callback(editing.setter(), |w: Weight, editing| editing.set(Some(w))),
        hover: use_callback(hovered.setter(), |w: Option<Weight>, hovered| {
            hovered.set(w)
        }),
        focus: use_callback(focused.setter(), |w: Option<Weight>, focused| {
            focused.set(w)
        }),
        close: use_callback(
            (editing.setter(), hovered.setter()),
            |(), (editing, hovered)| {
                editing.set(None);
                hovered.set(None);
            },
        ),
    };

    // Canvases cannot live inside SVG (it would create them in the SVG namespace), so they sit
    // in an HTML layer over it, placed in percentages of the same coordinates.
    let place = |x: f64, y: f64, w: f64, h: f64| {
        format!(
            "left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%",
            100.0 * x / width,
            100.0 * y / height,
            100.0 * w / width,
            100.0 * h / height
        )
    };
    let mut pictures = Vec::new();
    let mut more = Vec::new();
    for (c, &n) in sizes.iter().enumerate() {
        let (drawn, left_out) = shown(n);
        if left_out > 0 {
            more.push(html! {
                <text class="more-units" x={x_of(c).to_string()} y={(y_of(drawn) + 4.0).to_string()}
                    data-testid={format!("more-units-{c}")}>{ format!("+{left_out} more") }</text>
            });
        }
        if c > 0 {
            let x = x_of(c) - COLUMN * 0.42;
            pictures.push(html! {
                <canvas class="histogram" data-paint={Paint::Histogram(c - 1).to_string()} style={place(x, histogram_top, COLUMN * 0.84, HISTOGRAM)}
                    role="img" aria-label={format!("Histogram of layer {c}'s pre-activations")} />
            });
        }
    }

    let add_layer = {
        let on = on_change.clone();
        Callback::from(move |_: MouseEvent| {
            change_add(&on);
        })
    };

    // The card beside the weight being set, focused or pointed at: its name, value and
    // gradient, and (when setting it) the field, where the weight is, as Playground does.
    let card = (*editing)
        .or(*focused)
        .or(*hovered)
        .and_then(|(l, i, j)| {
            let layer = mlp.layers.get(l)?;
            if i > shown(layer.inputs).0 || j == 0 || j > shown(layer.outputs).0 {
                return None;
            }
            let (x, y) = if i == 0 {
                (x_of(l + 1) - unit / 2.0, y_of(j - 1) + unit / 2.0)
            } else {
                let [(x1, y1), _, _, (x2, y2)] = geometry.edge(l, i - 1, j - 1);
                ((x1 + x2) / 2.0, (y1 + y2) / 2.0)
            };
            let current = layer.weight(i, j);
            let k = if i == 0 { j - 1 } else { i * layer.outputs + j - 1 };
            let gradient = frame.gradients.get(l).and_then(|g| g.get(k)).copied();
            let body = if *editing == Some((l, i, j)) {
                let on_action = props.on_action.clone();
                let close = {
                    let editing = editing.clone();
                    Callback::from(move |_: MouseEvent| editing.set(None))
                };
                let submit = {
                    let input_ref = input_ref.clone();
                    let editing = editing.clone();
                    Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                            if let Ok(v) = input.value().trim().parse::<f64>() {
                                on_action.emit(Action::SetWeight((l, i, j), v));
                                editing.set(None);
                                focus_weight((l, i, j));
                            }
                        }
                    })
                };
                let cancel_key = {
                    let editing = editing.clone();
                    Callback::from(move |e: KeyboardEvent| {
                        if e.key() == "Escape" {
                            editing.set(None);
                            focus_weight((l, i, j));
                        }
                    })
                };
                html! {
                    <form class="weight-editor" onsubmit={submit} onkeydown={cancel_key} data-testid="weight-editor">
                        <label>{ format!("{} = ", weight_name(l, i, j)) }
                            <input ref={input_ref.clone()} type="number" step="any" value={current.to_string()} />
                        </label>
                        <button type="submit">{ "Set" }</button>
                        <button type="button" onclick={close}>{ "Cancel" }</button>
                    </form>
                }
            } else {
                html! {
                    <>
                        <strong>{ format!("{} = {}", weight_name(l, i, j), plain(current, 4)) }</strong>
                        <span>{ match gradient {
                            Some(g) => format!("∂ℓ/∂w = {}", plain(g, 4)),
                            None => "∂ℓ/∂w: with Edges: ∂ℓ/∂w".to_string(),
                        } }</span>
                        <span class="muted">{ if i == 0 { "a bias · Enter or a click sets it" } else { "Enter or a click sets it" } }</span>
                    </>
                }
            };
            let side = if x > width / 2.0 { "left" } else { "right" };
            Some(html! {
                <div class={classes!("weight-card", side)} data-testid="weight-card" role="status"
                    style={format!("left:{:.3}%;top:{:.3}%", 100.0 * x / width, 100.0 * y / height)}>
                    { body }
                </div>
            })
        });

    html! {
        <div class="diagram" data-testid="diagram">
            <div class="diagram-tools">
                <button type="button" onclick={add_layer} data-testid="add-layer" title="Add a hidden layer before the output">{ "+ Layer" }</button>
                <span class="muted" data-testid="parameter-count">{ format!("{} parameters", count(mlp.parameter_count())) }</span>
                if sizes.iter().any(|&n| shown(n).1 > 0) {
                    <span class="muted">{ format!("(a layer of over {SHOWN_UNITS} units shows its first {})", SHOWN_UNITS - 1) }</span>
                }
                if !pickable {
                    <span class="muted">{ format!("(over {PICKABLE_WEIGHTS} edges: biases can be set, weights are drawn only)") }</span>
                }
            </div>
            // Columns keep a readable width (their controls and units never shrink below it): a
            // deep network scrolls sideways instead. The picture is never taller than the screen
            // leaves it (--diagram-room is what the page's other rows take).
            <div class="diagram-scroll" data-testid="diagram-scroll">
                <div class="diagram-columns" style={format!(
                    "min-width: {}rem; max-width: min({}px, calc((100vh - var(--diagram-room)) * {:.4}))",
                    columns as f64 * MIN_COLUMN_REM, columns * 210, width / height
                )}>
                    <LayerHeads draft={props.draft.clone()} {columns} on_action={props.on_action.clone()} />
                    <div class="network-picture">
                        <canvas class="edges" data-paint={Paint::Edges.to_string()} role="img" aria-label="Weights as edges" />
                        <svg class="network" viewBox={format!("0 0 {width} {height}")} role="img"
                            aria-label={format!("Network with layers of {} units", sizes.iter().map(usize::to_string).collect::<Vec<_>>().join(", "))}>
                            if pickable {
                                <WeightHits geometry={geometry} sizes={sizes.clone()} handlers={handlers.clone()}
                                    values={(!props.playing).then(|| props.frame.clone())} />
                            }
                            <UnitLayer geometry={geometry} sizes={sizes.clone()} setup={frame.setup.clone()}
                                signs={bias_signs(mlp)} values={(!props.playing).then(|| props.frame.clone())}
                                handlers={handlers.clone()} on_action={props.on_action.clone()} />
                            { for more }
                        </svg>
                        <div class="pictures">
                            <canvas class="unit-maps" data-paint={Paint::Units.to_string()} role="img" aria-label="Each unit's output over the inputs" />
                            { for pictures }
                        </div>
                        // A fixed slot: a list at the end that grows and shrinks would make Yew
                        // rebuild the SVG before it (and lose the focused weight).
                        <div class="card-slot">{ for card }</div>
                    </div>
                </div>
            </div>
        </div>
    }
}

/// Props of [`LayerHeads`].
#[derive(Properties, PartialEq)]
struct HeadsProps {
    /// The setup being edited.
    draft: Setup,
    /// Columns of the diagram (inputs, hidden layers, output).
    columns: usize,
    /// Sends the changes.
    on_action: Callback<Action>,
}

/// The columns' headers: a hidden layer's size and activation, the output's activation. Its own
/// component: while training nothing here changes, so its fields are not rebuilt every frame.
#[function_component]
fn LayerHeads(props: &HeadsProps) -> Html {
    let on_change = changes(&props.draft, &props.on_action);
    let columns = props.columns;
    let hidden = props.draft.hidden.clone();
    let headers = (0..columns).map(|c| {
        if c == 0 {
            return html! { <div class="layer-head"><strong>{ "Inputs" }</strong></div> };
        }
        if c == columns - 1 {
            let on = on_change.reform(|a: Activation| -> Change { Rc::new(move |s: &mut Setup| s.output = a) });
            return html! {
                <div class="layer-head">
                    <strong>{ "Output" }</strong>
                    { activation_select(props.draft.output, "Output activation".into(), on) }
                </div>
            };
        }
        let l = c - 1;
        let Some(&(n, activation)) = hidden.get(l) else { return html! { <div class="layer-head" /> } };
        let resize = |delta: isize| {
            let on = on_change.clone();
            Callback::from(move |_: MouseEvent| {
                on.emit(Rc::new(move |s: &mut Setup| {
                    if let Some(layer) = s.hidden.get_mut(l) {
                        layer.0 = layer.0.saturating_add_signed(delta).clamp(1, MAX_UNITS);
                    }
                }))
            })
        };
        let on_activation = on_change.reform(move |a: Activation| -> Change {
            Rc::new(move |s: &mut Setup| {
                if let Some(layer) = s.hidden.get_mut(l) {
                    layer.1 = a;
                }
            })
        });
        let remove = on_change.reform(move |_: MouseEvent| -> Change {
            Rc::new(move |s: &mut Setup| {
                if l < s.hidden.len() {
                    s.hidden.remove(l);
                }
            })
        });
        let on_count = on_change.reform(move |e: Event| -> Change {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let n = value.trim().parse::<usize>().unwrap_or(0);
            Rc::new(move |s: &mut Setup| {
                if let Some(layer) = s.hidden.get_mut(l) {
                    layer.0 = n;
                }
            })
        });
        html! {
            <div class="layer-head" data-testid={format!("layer-{}", l + 1)}>
                <strong>{ format!("Layer {}", l + 1) }</strong>
                <span class="units">
                    <button type="button" class="small" aria-label={format!("One neuron fewer in layer {}", l + 1)}
                        title="Remove a neuron" onclick={resize(-1)}>{ "−" }</button>
                    <input type="number" min="1" value={n.to_string()} aria-label={format!("Neurons in layer {}", l + 1)}
                        data-testid={format!("units-{}", l + 1)} onchange={on_count} />
                    <button type="button" class="small" aria-label={format!("One neuron more in layer {}", l + 1)}
                        title="Add a neuron" onclick={resize(1)}>{ "+" }</button>
                </span>
                { activation_select(activation, format!("Activation of layer {}", l + 1), on_activation) }
                <button type="button" class="small link" onclick={remove} data-testid={format!("remove-layer-{}", l + 1)}
                    aria-label={format!("Remove layer {}", l + 1)} title="Remove this layer">{ "Remove" }</button>
            </div>
        }
    });
    html! {
        <div class="layer-heads" style={format!("grid-template-columns: repeat({columns}, 1fr)")}>
            { for headers }
        </div>
    }
}

fn change_add(on: &Callback<Change>) {
    on.emit(Rc::new(|s: &mut Setup| {
        let (n, a) = s.hidden.last().copied().unwrap_or((4, Activation::Tanh));
        s.hidden.push((n, a));
    }));
}

/// An input's name: the chosen feature, x for a 1-D fit, x_i for parity.
pub fn input_name(setup: &Setup, i: usize) -> String {
    let features = setup.effective_features();
    match features.get(i) {
        Some(f) => feature_label(f.name()),
        None if setup.raw_inputs() == 1 => "x".into(),
        None => display_name(&format!("x_{}", i + 1)),
    }
}

/// A feature's name as shown: x₁, x₁², x₁x₂, sin x₁.
pub fn feature_label(name: &str) -> String {
    match name {
        "x1" => "x₁",
        "x2" => "x₂",
        "x1^2" => "x₁²",
        "x2^2" => "x₂²",
        "x1x2" => "x₁x₂",
        "sin_x1" => "sin x₁",
        "sin_x2" => "sin x₂",
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_layer_shows_its_first_units_and_counts_the_rest() {
        assert_eq!(shown(SHOWN_UNITS), (SHOWN_UNITS, 0));
        assert_eq!(shown(SHOWN_UNITS + 1), (SHOWN_UNITS - 1, 2));
        assert_eq!(shown(1024), (SHOWN_UNITS - 1, 1024 - SHOWN_UNITS + 1));
        // The drawing's size depends on the rows drawn, not on the layer's width.
        assert_eq!(
            Geometry::of(&[2, 1024, 1]),
            Geometry::of(&[2, SHOWN_UNITS, 1])
        );
        assert_eq!(drawn_edges(&[2, 1024, 1024, 1]), 2 * 15 + 15 * 15 + 15);
    }
}
