//! The stylesheet an exported frame is drawn by: the page's own rules for the graph (one source
//! of truth, so a frame looks as the page does), its colours resolved for the chosen theme, and a
//! few rules for the frame's title and caption.

use wasm_bindgen::JsCast;
use web_sys::CssStyleSheet;

/// The frame's own rules: its background, title, step and caption.
const FRAME_RULES: &str = ".film-back{fill:var(--surface)}\
.film-title,.film-phase{fill:var(--muted);font-family:var(--mono)}\
.film-caption{fill:var(--text);font-family:var(--mono);font-weight:600}\
.film-rule{stroke:var(--line);stroke-width:2}";

/// Whether a rule with this selector draws part of the graph.
fn kept(selector: &str) -> bool {
    selector.split(',').all(|s| {
        let s = s.trim();
        [".node", ".edge", ".arrowhead", ".pulse", ".label"]
            .iter()
            .any(|start| {
                s.strip_prefix(start)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '.', ':']))
            })
    })
}

/// Each `light-dark(light, dark)` in `css` replaced by the theme's colour.
fn resolve(css: &str, dark: bool) -> String {
    const OPEN: &str = "light-dark(";
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let inside = &rest[start + OPEN.len()..];
        let Some(end) = inside.find(')') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let (light, dark_colour) = inside[..end]
            .split_once(',')
            .unwrap_or((&inside[..end], ""));
        out.push_str(if dark {
            dark_colour.trim()
        } else {
            light.trim()
        });
        rest = &inside[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The graph's rules as `rules` (each rule's text) hold them, for the dark theme or the light,
/// with the page's custom properties set on `root`.
fn sheet<'a>(rules: impl IntoIterator<Item = &'a str>, dark: bool, root: &str) -> String {
    let mut css = String::new();
    for rule in rules {
        let selector = rule.split('{').next().unwrap_or("").trim();
        if selector == ":root" {
            // The custom properties, resolved: a frame has no colour scheme to follow.
            css.push_str(&rule.replacen(":root", root, 1));
        } else if kept(selector) {
            css.push_str(rule);
        }
    }
    // Presentation mode's type: a frame is for a room.
    css.push_str(&format!("{root}{{--graph-text:18px}}"));
    css.push_str(FRAME_RULES);
    resolve(&css, dark)
}

/// The frames' stylesheet, taken from the page's, for the dark theme or the light, its custom
/// properties set on `root` (`svg` for a frame on its own, `:root` for a page of them).
pub fn collect(dark: bool, root: &str) -> String {
    let sheets = gloo::utils::document().style_sheets();
    let mut texts = Vec::new();
    for i in 0..sheets.length() {
        let Some(sheet) = sheets
            .item(i)
            .and_then(|s| s.dyn_into::<CssStyleSheet>().ok())
        else {
            continue;
        };
        let Ok(rules) = sheet.css_rules() else {
            continue;
        };
        texts.extend(
            (0..rules.length())
                .filter_map(|j| rules.item(j))
                .map(|r| r.css_text()),
        );
    }
    sheet(texts.iter().map(String::as_str), dark, root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_graphs_rules_are_kept() {
        for selector in [
            ".node .result",
            ".edge.carried",
            ".pulse text.carried",
            ".label rect",
            ".arrowhead",
            ".node.current .result, .node.current .op-glyph",
        ] {
            assert!(kept(selector), "{selector}");
        }
        for selector in [
            ".edge-hit",
            ".label-choice.positive[aria-pressed=\"true\"]",
            "body",
            ".graph .viewport",
            ".node .x, body",
        ] {
            assert!(!kept(selector), "{selector}");
        }
    }

    #[test]
    fn colours_are_the_themes() {
        let rules = [
            ":root { --bg: light-dark(#f7f6f2, #111318); --size: 16px; }",
            ".edge { stroke: var(--edge); }",
            "body { margin: 0; }",
        ];
        let light = sheet(rules, false, "svg");
        let dark = sheet(rules, true, ":root");
        assert!(
            light.starts_with("svg { --bg: #f7f6f2; --size: 16px; }.edge { stroke: var(--edge); }")
        );
        assert!(dark.starts_with(":root { --bg: #111318;"));
        assert!(!light.contains("body") && !light.contains("light-dark"));
        assert!(light.ends_with(FRAME_RULES));
    }
}
