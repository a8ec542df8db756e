//! An embedded view, for an `<iframe>` in a course page or a slide tool: `#embed=1` (with any
//! other state) shows only the graph, its caption and its controls, or only the network, its
//! training bar and its output; `hide=play,scrubber,…` hides named controls, so a teacher can fix
//! an example and leave only ▶. Which controls are hidden is the stylesheet's business: the page's
//! root carries the names (`data-hide`), each control its own (`data-control`).

/// The controls `hide=` can name, with what each is.
pub const CONTROLS: &[(&str, &str)] = &[
    ("home", "jump to the start"),
    ("back", "step back"),
    ("play", "play or pause the walk"),
    ("next", "step forward"),
    ("forward-end", "jump to the end of the forward pass"),
    ("end", "jump to the end"),
    ("scrubber", "the position slider"),
    ("step", "the step counter"),
    ("speed", "the animation speed"),
    ("descent", "the gradient descent switch"),
    ("caption", "the step's formula under the graph"),
    ("zoom", "the zoom and fit buttons"),
    ("train", "train or pause the network"),
    ("train-step", "one optimiser step"),
    ("epoch", "one epoch"),
    ("reset", "reset the weights"),
];

/// An embedded view's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Embed {
    /// The controls hidden, by name, in [`CONTROLS`]' order.
    pub hidden: Vec<&'static str>,
}

impl Embed {
    /// The embedded view a link asks for (`embed=1`), if it asks for one, and what in its
    /// `hide=` list is not a control, in words.
    pub fn from_pairs(pairs: &[(String, String)]) -> (Option<Embed>, Option<String>) {
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        if get("embed") != Some("1") {
            return (None, None);
        }
        let asked: Vec<&str> = get("hide")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .collect();
        let hidden = CONTROLS
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| asked.contains(name))
            .collect();
        let unknown: Vec<&str> = asked
            .iter()
            .copied()
            .filter(|name| !CONTROLS.iter().any(|(known, _)| known == name))
            .collect();
        let problem = (!unknown.is_empty()).then(|| {
            let names: Vec<String> = unknown
                .iter()
                .take(3)
                .map(|name| format!("'{}'", name.chars().take(24).collect::<String>()))
                .collect();
            let known: Vec<&str> = CONTROLS.iter().map(|(name, _)| *name).collect();
            format!(
                "The link hides {} that is not a control, so it is ignored; the controls are {}.",
                names.join(", "),
                known.join(", ")
            )
        });
        (Some(Embed { hidden }), problem)
    }

    /// Its link pairs: `embed=1`, and `hide=` when anything is hidden.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = vec![("embed".to_string(), "1".to_string())];
        if !self.hidden.is_empty() {
            pairs.push(("hide".to_string(), self.hidden.join(",")));
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_link_embeds_with_its_hidden_controls_and_writes_them_back() {
        assert_eq!(Embed::from_pairs(&pairs(&[("e", "x")])), (None, None));
        assert_eq!(Embed::from_pairs(&pairs(&[("embed", "0")])), (None, None));
        let (embed, problem) =
            Embed::from_pairs(&pairs(&[("embed", "1"), ("hide", "scrubber, home,speed")]));
        let embed = embed.unwrap();
        assert_eq!(embed.hidden, ["home", "scrubber", "speed"]);
        assert_eq!(problem, None);
        assert_eq!(Embed::from_pairs(&embed.pairs()).0, Some(embed));
        assert_eq!(Embed { hidden: vec![] }.pairs(), pairs(&[("embed", "1")]));
    }

    #[test]
    fn names_that_are_not_controls_are_named_and_the_rest_kept() {
        let long = "x".repeat(10_000);
        let hide = format!("play,volume,{long}");
        let (embed, problem) = Embed::from_pairs(&pairs(&[("embed", "1"), ("hide", &hide)]));
        assert_eq!(embed.unwrap().hidden, ["play"]);
        let problem = problem.unwrap();
        assert!(problem.contains("'volume'") && problem.contains("the controls are home, back"));
        assert!(problem.len() < 400, "a long name is cut: {}", problem.len());
    }
}
