//! The lecture's backward messages for the chosen training point, written as the lecture writes
//! them: B₁ = ∂ℓ/∂ŷ, B₂,ᵢ = B₁·w²ᵢ,₁ = ∂ℓ/∂hᵢ, B₃,ᵢ = B₂,ᵢ·φ′(aᵢ) = ∂ℓ/∂aᵢ, and the weights'
//! gradients from them. The numbers come from the engine (`nn::messages`).

use std::rc::Rc;

use chainrule::render::number::plain;
use chainrule::render::text::display_name;
use yew::prelude::*;

use super::frame::Frame;

/// Props of [`MessagesPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The shown run's frame (with the chosen example's messages).
    pub frame: Rc<Frame>,
    /// The chosen training point, from 0.
    pub sample: usize,
}

fn n(v: f64) -> String {
    plain(v, 4)
}

/// `B₂`, or with a unit letter `B₂,ᵢ`.
fn b(index: usize, unit: Option<char>) -> String {
    let name = display_name(&format!("B_{{{index}}}"));
    match unit {
        Some(letter) => format!("{name},{letter}"),
        None => name,
    }
}

/// `a²ᵢ`: a name with layer `l` as superscript and a unit letter as subscript.
fn unit(base: &str, l: usize, letter: char) -> String {
    format!("{}{letter}", display_name(&format!("{base}^{{{l}}}")))
}

/// The panel.
#[component]
pub fn MessagesPanel(props: &Props) -> Html {
    let Some(m) = &props.frame.messages else {
        return html! {};
    };
    let mlp = &props.frame.mlp;
    let single = m.outputs.len() == 1;
    let output_linear = mlp
        .layers
        .last()
        .is_some_and(|l| l.activation == chainrule::nn::activation::Activation::Linear);
    let y_hat = if single {
        "ŷ".to_string()
    } else {
        "ŷₖ".to_string()
    };
    let b1_line = if single {
        format!("∂ℓ/∂ŷ = {} = {}", b(1, None), n(m.b1[0]))
    } else {
        let values: Vec<String> = m.b1.iter().map(|v| n(*v)).collect();
        format!("∂ℓ/∂ŷₖ = {} = ({})", b(1, None), values.join(", "))
    };
    let layers = m.hidden.iter().map(|layer| {
        let l = layer.layer;
        let above = l + 1;
        let top = above == mlp.layers.len();
        let w = display_name(&format!("w^{{{above}}}"));
        let source = if top && single {
            format!("{}·{w}ᵢ,₁", b(1, None))
        } else {
            format!("Σⱼ (∂ℓ/∂{})·{w}ᵢ,ⱼ", unit("a", above, 'ⱼ'))
        };
        let h = unit("h", l, 'ᵢ');
        let a = unit("a", l, 'ᵢ');
        let (bh, ba) = (b(layer.b_h, Some('ᵢ')), b(layer.b_h + 1, Some('ᵢ')));
        html! {
            <table class="messages-table" data-testid={format!("messages-layer-{l}")}>
                <caption>{ format!("Layer {l}: ∂ℓ/∂{h} = {source} =: {bh};  ∂ℓ/∂{a} = {bh}·φ′({a}) =: {ba}") }</caption>
                <thead><tr><th>{ "i" }</th><th>{ a.clone() }</th><th>{ h.clone() }</th>
                    <th>{ bh.clone() }</th><th>{ format!("φ′({a})") }</th><th>{ ba.clone() }</th></tr></thead>
                <tbody>
                    { for (0..layer.a.len()).map(|i| html! {
                        <tr>
                            <th>{ i + 1 }</th><td>{ n(layer.a[i]) }</td><td>{ n(layer.h[i]) }</td>
                            <td data-testid={format!("b-{}-{}", layer.b_h, i + 1)} data-value={layer.dh[i].to_string()}>{ n(layer.dh[i]) }</td>
                            <td>{ n(layer.slope[i]) }</td>
                            <td data-testid={format!("b-{}-{}", layer.b_h + 1, i + 1)} data-value={layer.da[i].to_string()}>{ n(layer.da[i]) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        }
    });
    let first = m.hidden.last().map(|l| l.b_h + 1);
    html! {
        <details class="messages demo" data-testid="messages" data-sample={props.sample.to_string()} open=true>
            <summary>{ format!("Backprop messages for training point {} (the lecture's B₁, B₂,ᵢ, B₃,ᵢ)", props.sample + 1) }</summary>
            <p class="formula">{ format!("ℓ = {} with {y_hat} = {}", n(m.loss), m.outputs.iter().map(|v| n(*v)).collect::<Vec<_>>().join(", ")) }</p>
            <p class="formula" data-testid="b1" data-value={m.b1.first().copied().unwrap_or(f64::NAN).to_string()}>{ b1_line }</p>
            if !output_linear {
                <p class="formula">{ format!("The output's φ is not linear: ∂ℓ/∂a = {}·φ′(a) = {}", b(1, None),
                    m.output_da.iter().map(|v| n(*v)).collect::<Vec<_>>().join(", ")) }</p>
            }
            { for layers }
            <p class="muted">{
                match (m.hidden.first(), first) {
                    (Some(_), Some(first)) if single && m.hidden.len() == 1 => format!(
                        "Then ∂ℓ/∂w²ᵢ,₁ = {}·hᵢ and ∂ℓ/∂w¹ᵢ,ⱼ = {}·xᵢ: \"Edges: ∂ℓ/∂w, point {}\" draws them.",
                        b(1, None), b(first, Some('ⱼ')), props.sample + 1
                    ),
                    (Some(_), _) => format!(
                        "Each weight's gradient is the message at its unit times its input: ∂ℓ/∂wˡᵢ,ⱼ = (∂ℓ/∂aˡⱼ)·hˡ⁻¹ᵢ; \"Edges: ∂ℓ/∂w, point {}\" draws them.",
                        props.sample + 1
                    ),
                    _ => format!("No hidden layer: ∂ℓ/∂w¹ᵢ,ⱼ = {}·xᵢ.", b(1, None)),
                }
            }</p>
        </details>
    }
}
