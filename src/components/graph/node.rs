//! One node of the graph: an operation's circle and result box, or a variable's or constant's
//! box, with its value and adjoint written under it (or, for a compact leaf, beside it) once the
//! walk has reached them. A component of its own, so a step redraws only the nodes it changes.

use std::fmt::Write;

use chainrule::render::mathml::escape;
use chainrule::render::number::{plain, DEFAULT_DIGITS};
use chainrule::NodeId;
use yew::prelude::*;

use super::geometry::{result_box, Kind, BOX_HALF, COMPACT_LINES, LINES, OP_CX, OP_R};

/// Props of [`NodeView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The node.
    pub id: NodeId,
    /// Its name as the graph knows it (the test id uses it).
    pub name: AttrValue,
    /// Its name as the lecture writes it (w¹₀,₁).
    pub shown: AttrValue,
    /// The text in its box: a constant's value, else its name.
    pub boxed: AttrValue,
    /// The function's name, for ∂f/∂node.
    pub function: AttrValue,
    /// How it is drawn.
    pub kind: Kind,
    /// The operation's symbol (operations only).
    pub symbol: AttrValue,
    /// Its centre, in layout units.
    pub at: (f64, f64),
    /// Labels beside it rather than under it (a weight packed beside its neuron).
    pub compact: bool,
    /// Its value, once the walk has computed it.
    pub value: Option<f64>,
    /// Its adjoint, once the walk has formed it.
    pub adjoint: Option<f64>,
    /// The value an update has given it (a parameter, in the update phase).
    #[prop_or_default]
    pub updated: Option<f64>,
    /// The step just taken is this node's.
    pub current: bool,
    /// Highlighted: under the pointer here or in the derivation, or selected.
    pub highlighted: bool,
    /// A NaN or an infinity was born here.
    pub non_finite: bool,
    /// A folded point of a batch, drawn as its loss: what it stands for, in words.
    #[prop_or_default]
    pub folded: Option<AttrValue>,
    /// Called when the pointer enters (Some) or leaves (None) the node.
    pub on_hover: Callback<Option<NodeId>>,
    /// Called with the node when it is clicked.
    pub on_select: Callback<Option<NodeId>>,
}

/// What a node shows: everything its drawing is made from, as plain data, so that the page and
/// an exported frame ([`crate::film`]) draw a node the same way.
pub struct Look<'a> {
    /// How it is drawn.
    pub kind: Kind,
    /// The text in its box.
    pub boxed: &'a str,
    /// Its name as the lecture writes it.
    pub shown: &'a str,
    /// The operation's symbol.
    pub symbol: &'a str,
    /// The function's name, for ∂f/∂node.
    pub function: &'a str,
    /// Labels beside it rather than under it.
    pub compact: bool,
    /// Its value, once known.
    pub value: Option<f64>,
    /// Its adjoint, once known.
    pub adjoint: Option<f64>,
    /// Its value after an update.
    pub updated: Option<f64>,
    /// A folded point: what it stands for.
    pub folded: Option<&'a str>,
    /// The step just taken is this node's.
    pub current: bool,
    /// Highlighted.
    pub highlighted: bool,
    /// A NaN or an infinity was born here.
    pub non_finite: bool,
}

impl Look<'_> {
    /// The node group's classes, which the stylesheet draws it by.
    pub fn classes(&self) -> Vec<&'static str> {
        let kind = match self.kind {
            Kind::Op => "op",
            Kind::Input => "input",
            Kind::Const => "const",
        };
        let flags = [
            (self.value.is_some(), "computed"),
            (self.adjoint.is_some(), "has-adjoint"),
            (self.current, "current"),
            (self.highlighted, "hovered"),
            (self.non_finite, "non-finite"),
            (self.updated.is_some(), "updated"),
            (self.folded.is_some(), "folded"),
        ];
        std::iter::once("node")
            .chain(std::iter::once(kind))
            .chain(flags.into_iter().filter(|f| f.0).map(|f| f.1))
            .collect()
    }
}

impl Props {
    fn look(&self) -> Look<'_> {
        Look {
            kind: self.kind,
            boxed: &self.boxed,
            shown: &self.shown,
            symbol: &self.symbol,
            function: &self.function,
            compact: self.compact,
            value: self.value,
            adjoint: self.adjoint,
            updated: self.updated,
            folded: self.folded.as_deref(),
            current: self.current,
            highlighted: self.highlighted,
            non_finite: self.non_finite,
        }
    }
}

/// The node's drawing inside its group, as SVG markup: one string the browser parses at once,
/// rather than a dozen elements made one call at a time (a jump to the end of a large graph
/// draws a hundred nodes).
pub fn drawing(look: &Look) -> String {
    let kind = look.kind;
    let boxed = escape(look.boxed);
    let (box_x, box_w) = result_box(kind, look.boxed);
    let centre = box_x + box_w / 2.0;
    let shown = escape(look.shown);
    // One root, so that removing the node's drawing is one call, not one per element.
    let mut svg = String::with_capacity(640);
    svg.push_str("<g>");
    let description = match (look.folded, look.value) {
        (Some(folded), _) => escape(folded),
        (None, Some(v)) => format!("{shown} = {}", plain(v, DEFAULT_DIGITS)),
        (None, None) => format!("{shown}, not computed yet"),
    };
    let _ = write!(svg, "<title>{description}</title>");
    if look.folded.is_some() {
        // A folded point is a stack of cards: its pass lies behind its loss.
        for offset in [8.0, 4.0] {
            let _ = write!(
                svg,
                r#"<rect class="fold-card" x="{:.1}" y="{:.1}" width="{box_w:.1}" height="{}" rx="7"/>"#,
                box_x + offset,
                -BOX_HALF - offset,
                2.0 * BOX_HALF
            );
        }
    }
    if kind == Kind::Op {
        let long = if look.symbol.chars().count() > 2 {
            " long"
        } else {
            ""
        };
        let _ = write!(
            svg,
            r#"<line class="stem" x1="{}" y1="0" x2="{box_x}" y2="0"/><circle class="op-glyph" cx="{OP_CX}" cy="0" r="{OP_R}"/><text class="op-symbol{long}" x="{OP_CX}" y="0" text-anchor="middle" dominant-baseline="central">{}</text>"#,
            OP_CX + OP_R,
            escape(look.symbol)
        );
    }
    let _ = write!(
        svg,
        r#"<rect class="result" x="{box_x:.1}" y="{}" width="{box_w:.1}" height="{}" rx="7"/><text class="name" x="{centre:.1}" y="0" text-anchor="middle" dominant-baseline="central">{boxed}</text>"#,
        -BOX_HALF,
        2.0 * BOX_HALF
    );
    let value = look
        .value
        .filter(|_| kind != Kind::Const)
        .map(|v| match look.updated {
            // Updated: its new value, as the update phase writes it (w ← 0.417).
            Some(next) => format!("← {}", plain(next, DEFAULT_DIGITS)),
            None => format!("= {}", plain(v, DEFAULT_DIGITS)),
        });
    let adjoint = look.adjoint.map(|a| plain(a, DEFAULT_DIGITS));
    let symbol = format!("∂{}/∂{shown}", escape(look.function));
    let mut line = |class: &str, x: f64, y: f64, anchor: &str, text: &str| {
        let _ = write!(
            svg,
            r#"<text class="{class}" x="{x:.1}" y="{y}" text-anchor="{anchor}">{text}</text>"#
        );
    };
    if look.compact {
        // Beside the node, right-aligned, on two lines: the value, then ∂f/∂node = adjoint.
        let x = box_x - 8.0;
        if let Some(value) = &value {
            line("value", x, COMPACT_LINES[0], "end", value);
        }
        if let Some(adjoint) = &adjoint {
            line(
                "adjoint",
                x,
                COMPACT_LINES[1],
                "end",
                &format!("{symbol} = {adjoint}"),
            );
        }
    } else {
        // Under the node: the value, then ∂f/∂node and its value on a line each, so that no
        // label is wider than a column.
        if let Some(value) = &value {
            line("value", centre, LINES[0], "middle", value);
        }
        if let Some(adjoint) = &adjoint {
            line("adjoint", centre, LINES[1], "middle", &symbol);
            line(
                "adjoint",
                centre,
                LINES[2],
                "middle",
                &format!("= {adjoint}"),
            );
        }
    }
    svg.push_str("</g>");
    svg
}

/// A node.
#[component]
pub fn NodeView(props: &Props) -> Html {
    let id = props.id;
    let look = props.look();
    let class = classes!(look.classes());
    let onmouseenter = props.on_hover.reform(move |_: MouseEvent| Some(id));
    let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
    let onclick = props.on_select.reform(move |_: MouseEvent| Some(id));
    let (x, y) = props.at;
    // Every piece of text in it is escaped (names and numbers are the only text).
    let inside = Html::from_html_unchecked(AttrValue::from(drawing(&look)));
    html! {
        <g {class} data-testid={format!("node-{}", props.name)}
            data-value={props.value.map_or_else(String::new, |v| v.to_string())}
            data-adjoint={props.adjoint.map_or_else(String::new, |a| a.to_string())}
            data-updated={props.updated.map(|u| u.to_string())}
            data-folded={props.folded.is_some().then_some("true")}
            transform={format!("translate({x:.1},{y:.1})")}
            {onmouseenter} {onmouseleave} {onclick}>
            { inside }
        </g>
    }
}
