//! A slide deck in one HTML file: a slide a step, the graph as the film draws it beside the
//! derivation so far (MathML, which browsers typeset themselves), arrow keys to move. It needs
//! no network and no program but a browser; printed, each slide is a page.

use std::fmt::Write;

use chainrule::render::derivation::{backward_line, forward_line, input_line};
use chainrule::render::math::Math;
use chainrule::render::mathml::{escape, MathMl};
use chainrule::render::notation::render;
use chainrule::render::number::DEFAULT_DIGITS;
use chainrule::render::text::display_name;
use chainrule::trace::Step;

use super::frame::phase;
use crate::session::Model;

/// How wide each slide's graph is drawn (it is scaled to its slide).
pub const GRAPH_WIDTH: u32 = 1280;

/// The deck's own layout: one slide on screen; the expression and the step, the graph as large
/// as the slide allows, the derivation so far under it in columns.
const LAYOUT: &str = "html,body{margin:0;height:100%;background:var(--surface);color:var(--text);font-family:var(--font)}\
.slide{display:none;box-sizing:border-box;height:100vh;padding:2vh 3vw 3vh;grid-template-rows:auto minmax(0,1fr) auto;gap:1.5vh}\
.slide.shown{display:grid}\
.slide header{display:flex;justify-content:space-between;gap:2vw;color:var(--muted);font:max(14px,1.5vw) var(--mono)}\
.slide h1{margin:0;font:inherit}\
.slide p{margin:0}\
.slide svg{width:100%;height:100%}\
.derivation{margin:0;padding:0 0 0 2.6em;columns:2 24em;column-gap:3vw;font-size:max(15px,1.55vw);line-height:1.45;max-height:44vh;overflow:auto;border-top:2px solid var(--line);padding-top:1vh}\
.derivation li{margin:0.2em 0;color:var(--muted);break-inside:avoid}\
.derivation math{display:inline-block}\
.derivation li.now{color:var(--text);font-weight:600}\
.count{position:fixed;right:1.2vw;bottom:0.6vh;margin:0;color:var(--muted);font:max(12px,1vw) var(--font)}\
@media print{.slide{display:grid;break-after:page}.count{display:none}}";

/// Moves between slides: → ↓ space Page Down and a click forward, ← ↑ Page Up back, Home and
/// End to the ends; the slide is kept in the address (#3) so a reload stays on it.
const SCRIPT: &str = "const s=[...document.querySelectorAll('.slide')],c=document.querySelector('.count');\
let i=Math.min(s.length-1,Math.max(0,parseInt(location.hash.slice(1))-1||0));\
function show(k){i=Math.min(s.length-1,Math.max(0,k));s.forEach((e,j)=>e.classList.toggle('shown',j===i));\
c.textContent=(i+1)+' / '+s.length;history.replaceState(null,'','#'+(i+1));}\
addEventListener('keydown',e=>{const k=e.key;\
if(['ArrowRight','ArrowDown','PageDown',' ','n'].includes(k)){show(i+1);e.preventDefault();}\
else if(['ArrowLeft','ArrowUp','PageUp','Backspace','b'].includes(k)){show(i-1);e.preventDefault();}\
else if(k==='Home'){show(0);e.preventDefault();}else if(k==='End'){show(s.length-1);e.preventDefault();}});\
addEventListener('click',()=>show(i+1));show(i);";

/// Each step's line of the derivation, in MathML: the inputs first, then one a step.
fn lines(model: &Model) -> Vec<String> {
    let (graph, trace) = (&*model.graph, &*model.trace);
    let notation = MathMl {
        digits: DEFAULT_DIGITS,
    };
    let math = |m: &Math| render(&notation, m);
    let inputs = graph
        .inputs()
        .iter()
        .map(|&i| math(&input_line(graph, trace, i)))
        .collect::<Vec<_>>()
        .join(", ");
    std::iter::once(inputs)
        .chain((0..trace.step_count()).filter_map(|i| {
            Some(match trace.step(i)? {
                Step::Forward(step) => math(&forward_line(graph, step)),
                Step::Backward(step) => math(&backward_line(graph, trace, step)),
            })
        }))
        .collect()
}

/// The deck of `model`'s walk: `slides` holds each slide's graph (SVG, without a stylesheet),
/// the inputs first and then one a step; `style` is the frames' stylesheet for the page.
pub fn deck(model: &Model, slides: &[String], style: &str) -> String {
    let function = display_name(model.graph.name(model.graph.output()));
    let title = escape(&format!("{function} = {}", model.source));
    let lines = lines(model);
    let mut html = String::with_capacity(slides.iter().map(String::len).sum::<usize>() + 8192);
    let _ = write!(
        html,
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} · Chainrule slides</title><style>{style}{LAYOUT}</style></head><body>"#
    );
    for (k, svg) in slides.iter().enumerate() {
        let _ = write!(
            html,
            r#"<section class="slide" aria-label="Slide {} of {}"><header><h1>{title}</h1><p>{}</p></header>{svg}<ol class="derivation" start="0">"#,
            k + 1,
            slides.len(),
            escape(&phase(model, k))
        );
        for (j, line) in lines.iter().take(k + 1).enumerate() {
            let now = if j == k { r#" class="now""# } else { "" };
            let _ = write!(html, "<li{now}>{line}</li>");
        }
        html.push_str("</ol></section>");
    }
    let _ = write!(
        html,
        r#"<p class="count" aria-live="polite"></p><script>{SCRIPT}</script></body></html>"#
    );
    html
}
