//! Written mathematics on the page: MathML from the engine, and an equality chain
//! (`∂f/∂a = … = … = -45.717`, or an update `w ← … = 0.417`) as parts that wrap at their = signs,
//! so that a long line of the lecture stays whole in a narrow column instead of running out of it.

use chainrule::render::math::Math;
use chainrule::render::mathml::MathMl;
use chainrule::render::notation::render;
use chainrule::render::number::DEFAULT_DIGITS;
use chainrule::render::text::Text;
use yew::prelude::*;

/// Above this many pieces a formula is written as plain text: the adjoint of a node used sixty
/// times as MathML is a thousand elements, too many to lay out in a frame, and no easier to read.
const MATHML_PIECES: usize = 160;

/// How many pieces (names, numbers, operations) a formula has.
fn pieces(math: &Math) -> usize {
    1 + match math {
        Math::Name(_) | Math::Num(_) | Math::Ratio(..) | Math::Partial(..) => 0,
        Math::Neg(u) | Math::Abs(u) | Math::Indicator(u, _) => pieces(u),
        Math::Sub(u, v) | Math::Div(u, v) | Math::Pow(u, v) => pieces(u) + pieces(v),
        Math::Add(xs)
        | Math::Mul(xs)
        | Math::Times(xs)
        | Math::Call(_, xs)
        | Math::Eq(xs)
        | Math::Gets(xs) => xs.iter().map(pieces).sum(),
    }
}

/// `math` as plain text.
fn plain(math: &Math) -> Html {
    let text = render(
        &Text {
            digits: DEFAULT_DIGITS,
        },
        math,
    );
    html! { <span class="plain">{ text }</span> }
}

/// `math` as one MathML element.
pub fn typeset(math: &Math) -> Html {
    // The engine escapes every name and number it writes into MathML; no user text is raw here.
    Html::from_html_unchecked(AttrValue::from(render(
        &MathMl {
            digits: DEFAULT_DIGITS,
        },
        math,
    )))
}

/// `math` typeset so that an equality chain breaks at its = signs where it must: each side is a
/// part that keeps together, the parts after the first begin with =. A very long formula is
/// written as plain text, whole.
pub fn chain(math: &Math) -> Html {
    let piece = if pieces(math) > MATHML_PIECES {
        plain
    } else {
        typeset
    };
    let (Math::Eq(parts) | Math::Gets(parts)) = math else {
        return html! { <span class="chain"><span class="part">{ piece(math) }</span></span> };
    };
    // An update's first link is its arrow, w ← …; every other link is =.
    let link = |i: usize| match (math, i) {
        (Math::Gets(_), 1) => "←",
        _ => "=",
    };
    html! {
        <span class="chain">
            { for parts.iter().enumerate().map(|(i, part)| html! {
                <span class="part">
                    if i > 0 { <span class="equals" aria-hidden="true">{ link(i) }</span> }
                    { piece(part) }
                </span>
            }) }
        </span>
    }
}
