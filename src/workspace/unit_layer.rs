//! The units' layer of the diagram: a frame per unit (its map is painted on the canvas over it),
//! its bias square, and the keyboard's walk between units. Its own component: while training,
//! when only the weights change, it is rendered again only when a bias changes sign.

use std::rc::Rc;

use chainrule::nn::mlp::Mlp;
use chainrule::nn::setup::Setup;
use chainrule::render::text::display_name;
use yew::prelude::*;

use super::action::Action;
use super::diagram::{input_name, shown, weight_name, Geometry};
use super::frame::{same_frame, Frame};
use super::weight_hits::{describe, focus_svg, focus_weight, weight_id, Handlers};

/// Props of [`UnitLayer`].
#[derive(Properties)]
pub struct Props {
    /// Where the diagram puts things.
    pub geometry: Geometry,
    /// Each column's units, inputs first.
    pub sizes: Vec<usize>,
    /// The run's setup (the inputs' names).
    pub setup: Setup,
    /// Whether each bias is at least 0, layer by layer ([`bias_signs`]).
    pub signs: Vec<Vec<bool>>,
    /// The values the bias squares carry; none while training (see `WeightHits`).
    pub values: Option<Rc<Frame>>,
    /// What the bias squares do (they are weights too).
    pub handlers: Handlers,
    /// Sends the unit under the pointer or the focus.
    pub on_action: Callback<Action>,
}

impl PartialEq for Props {
    /// A frame is compared by identity, as the weights' layer does.
    fn eq(&self, other: &Props) -> bool {
        same_frame(&self.values, &other.values)
            && self.geometry == other.geometry
            && self.sizes == other.sizes
            && self.setup == other.setup
            && self.signs == other.signs
            && self.handlers == other.handlers
            && self.on_action == other.on_action
    }
}

/// Whether each unit's bias is at least 0 (the colour of its square), layer by layer.
pub fn bias_signs(mlp: &Mlp) -> Vec<Vec<bool>> {
    mlp.layers
        .iter()
        .map(|l| {
            (1..=shown(l.outputs).0)
                .map(|j| l.weight(0, j) >= 0.0)
                .collect()
        })
        .collect()
}

/// The test id of the unit in column `c` (0 the inputs), row `j` from 0.
fn unit_id(c: usize, j: usize) -> String {
    format!("unit-{c}-{}", j + 1)
}

/// The units' frames and bias squares.
#[function_component]
pub fn UnitLayer(props: &Props) -> Html {
    // The unit (column, row) that holds the units' Tab stop.
    let unit_focus = use_state(|| (0usize, 0usize));
    let Props {
        geometry,
        sizes,
        handlers,
        ..
    } = props;
    let unit = geometry.unit;
    let columns = sizes.len();
    // The units take one Tab stop: arrow keys move up and down a column and across columns
    // (focusing a unit shows its map over the plane, as the pointer does), Enter goes to its
    // bias and so into its weights.
    let rows: Rc<Vec<usize>> = Rc::new(sizes.iter().map(|&n| shown(n).0).collect());
    let roving_unit = {
        let (c, j) = *unit_focus;
        if rows.get(c).is_some_and(|&n| j < n) {
            (c, j)
        } else {
            (0, 0)
        }
    };
    let unit_keys = |c: usize, j: usize| {
        let (rows, handlers) = (rows.clone(), handlers.clone());
        Callback::from(move |e: KeyboardEvent| {
            // Keys on the unit's bias (inside its group) are the weights' own.
            let on_unit = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.get_attribute("data-testid"))
                .is_some_and(|id| id == unit_id(c, j));
            if !on_unit {
                return;
            }
            let last_column = rows.len().saturating_sub(1);
            let target = match e.key().as_str() {
                "ArrowUp" => Some((c, j.saturating_sub(1))),
                "ArrowDown" => Some((c, (j + 1).min(rows[c].saturating_sub(1)))),
                "ArrowLeft" => c
                    .checked_sub(1)
                    .map(|c| (c, j.min(rows[c].saturating_sub(1)))),
                "ArrowRight" => {
                    (c < last_column).then(|| (c + 1, j.min(rows[c + 1].saturating_sub(1))))
                }
                "Home" => Some((0, 0)),
                "End" => Some((last_column, rows[last_column].saturating_sub(1))),
                "Enter" if c > 0 && handlers.order.contains(&(c - 1, 0, j + 1)) => {
                    e.prevent_default();
                    focus_weight((c - 1, 0, j + 1));
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            if let Some((c, j)) = target {
                focus_svg(&unit_id(c, j));
            }
        })
    };
    let mut units = Vec::new();
    for (c, &n) in sizes.iter().enumerate() {
        let drawn = shown(n).0;
        for j in 0..drawn {
            let (x, y) = (geometry.x(c) - unit / 2.0, geometry.y(j) - unit / 2.0);
            let title = if c == 0 {
                input_name(&props.setup, j)
            } else {
                let last = c == columns - 1;
                let name = if last && n == 1 {
                    "ŷ".to_string()
                } else {
                    display_name(&format!("h^{{{c}}}_{{{}}}", j + 1))
                };
                name
            };
            let spotlight = Action::Spotlight(c.checked_sub(1).map(|l| (l, j)));
            units.push(html! {
                <g class="unit" data-testid={unit_id(c, j)} tabindex={if roving_unit == (c, j) { "0" } else { "-1" }}
                    data-arrows="" role="img" aria-label={title.clone()} onkeydown={unit_keys(c, j)}
                    onmouseenter={props.on_action.reform({ let a = spotlight.clone(); move |_: MouseEvent| a.clone() })}
                    onmouseleave={props.on_action.reform(|_: MouseEvent| Action::Spotlight(None))}
                    onfocus={{
                        let (on, unit_focus) = (props.on_action.clone(), unit_focus.clone());
                        Callback::from(move |_: FocusEvent| { unit_focus.set((c, j)); on.emit(spotlight.clone()) })
                    }}
                    onblur={props.on_action.reform(|_: FocusEvent| Action::Spotlight(None))}>
                    <title>{ title.clone() }</title>
                    <rect class="unit-frame" x={x.to_string()} y={y.to_string()} width={unit.to_string()} height={unit.to_string()} rx="3" />
                    if c > 0 {
                        { {
                            let l = c - 1;
                            let w = (l, 0, j + 1);
                            let positive = props.signs.get(l).and_then(|s| s.get(j)).copied().unwrap_or(true);
                            let side = (unit * 0.26).max(5.0);
                            let class = if positive { "bias positive" } else { "bias negative" };
                            html! {
                                <rect class={class} x={(x - side * 0.6).to_string()} y={(y + unit - side * 0.4).to_string()}
                                    width={side.to_string()} height={side.to_string()}
                                    onclick={handlers.open.reform(move |_: MouseEvent| w)}
                                    tabindex={handlers.tabindex(w)} data-arrows=""
                                    aria-label={props.values.as_ref().map_or_else(|| weight_name(l, 0, j + 1), |f| describe(f, w))}
                                    onkeydown={handlers.keys(w)}
                                    onfocus={handlers.focus.reform(move |_: FocusEvent| Some(w))}
                                    onblur={handlers.focus.reform(|_: FocusEvent| None)}
                                    onmouseenter={handlers.hover.reform(move |_: MouseEvent| Some(w))}
                                    onmouseleave={handlers.hover.reform(|_: MouseEvent| None)}
                                    data-testid={weight_id(w)}
                                    data-value={props.values.as_ref().map(|f| f.mlp.layers[l].weight(0, j + 1).to_string())}
                                    data-gradient={props.values.as_ref().and_then(|f| f.gradients.get(l)?.get(j).map(|g| g.to_string()))} />
                            }
                        } }
                    } else {
                        <text class="input-name" x={(x - 4.0).to_string()} y={(y + unit / 2.0).to_string()}>{ title }</text>
                    }
                </g>
            });
        }
    }
    html! { <g class="units">{ for units }</g> }
}
