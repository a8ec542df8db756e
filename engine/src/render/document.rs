//! A whole trace as one document, in any format: the same sections and lines everywhere.

use super::derivation::{backward_line, forward_line, gradient_line, input_line};
use super::latex::Latex;
use super::math::Math;
use super::mathml::{self, MathMl};
use super::notation::render;
use super::text::Text;
use crate::graph::Graph;
use crate::trace::Trace;

/// An output format for a derivation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Unicode text, indented lists.
    Text,
    /// Markdown lists with inline LaTeX math (`$...$`), as in the lecture notes.
    Markdown,
    /// LaTeX itemize lists, ready for slides.
    Latex,
    /// HTML sections with MathML formulas.
    MathMl,
}

/// One titled list of formulas.
struct Section {
    title: &'static str,
    lines: Vec<Math>,
}

fn sections(graph: &Graph, trace: &Trace) -> Vec<Section> {
    vec![
        Section {
            title: "Inputs",
            lines: graph
                .inputs()
                .iter()
                .map(|&id| input_line(graph, trace, id))
                .collect(),
        },
        Section {
            title: "Forward pass",
            lines: trace.forward().map(|s| forward_line(graph, s)).collect(),
        },
        Section {
            title: "Backward pass",
            lines: trace
                .backward()
                .map(|s| backward_line(graph, trace, s))
                .collect(),
        },
        Section {
            title: "Gradient",
            lines: graph
                .inputs()
                .iter()
                .map(|&id| gradient_line(graph, trace, id))
                .collect(),
        },
    ]
}

/// The whole derivation of `trace` in `format`, numbers to `digits` significant digits.
pub fn document(graph: &Graph, trace: &Trace, format: Format, digits: usize) -> String {
    let mut out = String::new();
    for section in sections(graph, trace)
        .into_iter()
        .filter(|s| !s.lines.is_empty())
    {
        match format {
            Format::Text => {
                out.push_str(section.title);
                out.push('\n');
                for line in &section.lines {
                    out.push_str(&format!("  {}\n", render(&Text { digits }, line)));
                }
                out.push('\n');
            }
            Format::Markdown => {
                out.push_str(&format!("**{}**\n\n", section.title));
                for line in &section.lines {
                    out.push_str(&format!("- ${}$\n", render(&Latex { digits }, line)));
                }
                out.push('\n');
            }
            Format::Latex => {
                out.push_str(&format!(
                    "\\paragraph{{{}}}\n\\begin{{itemize}}\n",
                    section.title
                ));
                for line in &section.lines {
                    out.push_str(&format!("  \\item ${}$\n", render(&Latex { digits }, line)));
                }
                out.push_str("\\end{itemize}\n\n");
            }
            Format::MathMl => {
                out.push_str(&format!(
                    "<section>\n<h3>{}</h3>\n<ol>\n",
                    mathml::escape(section.title)
                ));
                for line in &section.lines {
                    out.push_str(&format!("<li>{}</li>\n", render(&MathMl { digits }, line)));
                }
                out.push_str("</ol>\n</section>\n");
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
