//! Any text: parse it, build both graphs, trace them at values taken from the input, render every
//! format, lay it out. Nothing may panic.

#![no_main]

use chainrule::check::check_gradient;
use chainrule::layout::{layout, Spacing};
use chainrule::render::{document, Format};
use chainrule::{Graph, Sharing, Trace};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    for sharing in [Sharing::Merged, Sharing::Tree] {
        match Graph::parse(source, sharing) {
            Err(error) => {
                let _ = error.render(source);
            }
            Ok(graph) => {
                let seed = data.iter().fold(0u64, |h, &b| h.wrapping_mul(31).wrapping_add(b as u64));
                let inputs: Vec<f64> = (0..graph.inputs().len())
                    .map(|i| [0.0, -1.5, 2.0, 1e308, -0.0, f64::MIN_POSITIVE][(seed as usize + i) % 6])
                    .collect();
                let trace = Trace::with_inputs(&graph, &inputs);
                check_gradient(&graph, &trace, &inputs).for_each(drop);
                for format in [Format::Text, Format::Markdown, Format::Latex, Format::MathMl] {
                    document(&graph, &trace, format, 5);
                }
                if graph.len() < 2_000 {
                    layout(&graph, Spacing::default());
                }
            }
        }
    }
});
