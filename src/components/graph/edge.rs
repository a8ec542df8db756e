//! One edge of the graph, from an argument to the node that uses it: grey until the backward walk
//! has carried a message along it, highlighted while the current step uses it.

use chainrule::layout::Point;
use yew::prelude::*;

/// The arrowhead every edge ends in, as SVG markup for a `<defs>`.
pub const ARROW: &str = r#"<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker>"#;

/// A smooth path through `points`, leaving and entering each horizontally.
pub fn path_through(points: &[Point]) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        if i == 0 {
            d.push_str(&format!("M{:.1},{:.1}", p.x, p.y));
        } else {
            let q = points[i - 1];
            let dx = (p.x - q.x) / 2.0;
            d.push_str(&format!(
                " C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                q.x + dx,
                q.y,
                p.x - dx,
                p.y,
                p.x,
                p.y
            ));
        }
    }
    d
}

/// How an edge takes part in the walk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct State {
    /// The current forward step reads along it.
    pub forward: bool,
    /// The current backward step sends a message along it.
    pub backward: bool,
    /// One of its ends is highlighted.
    pub highlighted: bool,
    /// Its message has been sent (its consumer's adjoint is known).
    pub carried: bool,
}

impl State {
    /// The edge's classes, which the stylesheet draws it by.
    pub fn classes(self) -> Vec<&'static str> {
        let flags = [
            (self.forward, "active-forward"),
            (self.backward, "active-backward"),
            (self.highlighted, "hovered"),
            (self.carried, "carried"),
        ];
        std::iter::once("edge")
            .chain(flags.into_iter().filter(|f| f.0).map(|f| f.1))
            .collect()
    }
}

/// An edge's path. Plain markup, not a component: a jump across a large graph replaces a
/// hundred edges at once, and an element is cheaper to make than a component.
pub fn edge(key: String, points: &[Point], s: State) -> Html {
    let class = classes!(s.classes());
    html! { <path {key} {class} d={path_through(points)} marker-end="url(#arrow)" /> }
}
