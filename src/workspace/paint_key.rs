//! What a workspace canvas shows, as one typed value: the view writes it into the canvas's
//! `data-paint` attribute and the painter reads it back, so the two cannot disagree about a key
//! (and tests can find a canvas by what it shows).

use std::fmt;
use std::str::FromStr;

/// A canvas's picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// Every unit's map (or curve), over the diagram.
    Units,
    /// The weights as edges, under the diagram.
    Edges,
    /// Layer l's pre-activations (layer from 0).
    Histogram(usize),
    /// Run r's output over the plane, with the data.
    Boundary(usize),
    /// Run r's fitted curve over x, with the data.
    Curve(usize),
    /// Loss per epoch, every run.
    Loss,
    /// Accuracy per epoch, every run.
    Accuracy,
    /// The gallery's activation k, φ and φ′.
    Gallery(usize),
    /// The loss landscape.
    Landscape,
}

impl Paint {
    /// Charts whose every drawing costs a millisecond or more: while training they are redrawn
    /// at most ten times a second.
    pub fn throttled(self) -> bool {
        matches!(self, Paint::Loss | Paint::Accuracy | Paint::Histogram(_))
    }
}

impl fmt::Display for Paint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Paint::Units => f.write_str("units"),
            Paint::Edges => f.write_str("edges"),
            Paint::Histogram(l) => write!(f, "histogram:{l}"),
            Paint::Boundary(r) => write!(f, "boundary:{r}"),
            Paint::Curve(r) => write!(f, "curve:{r}"),
            Paint::Loss => f.write_str("loss"),
            Paint::Accuracy => f.write_str("accuracy"),
            Paint::Gallery(k) => write!(f, "gallery:{k}"),
            Paint::Landscape => f.write_str("landscape"),
        }
    }
}

impl FromStr for Paint {
    type Err = ();

    fn from_str(text: &str) -> Result<Paint, ()> {
        let (name, index) = match text.split_once(':') {
            Some((name, k)) => (name, Some(k.parse::<usize>().map_err(|_| ())?)),
            None => (text, None),
        };
        Ok(match (name, index) {
            ("units", None) => Paint::Units,
            ("edges", None) => Paint::Edges,
            ("histogram", Some(l)) => Paint::Histogram(l),
            ("boundary", Some(r)) => Paint::Boundary(r),
            ("curve", Some(r)) => Paint::Curve(r),
            ("loss", None) => Paint::Loss,
            ("accuracy", None) => Paint::Accuracy,
            ("gallery", Some(k)) => Paint::Gallery(k),
            ("landscape", None) => Paint::Landscape,
            _ => return Err(()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Paint;

    #[test]
    fn every_picture_reads_back_from_its_key() {
        let all = [
            Paint::Units,
            Paint::Edges,
            Paint::Histogram(2),
            Paint::Boundary(1),
            Paint::Curve(0),
            Paint::Loss,
            Paint::Accuracy,
            Paint::Gallery(5),
            Paint::Landscape,
        ];
        for paint in all {
            assert_eq!(paint.to_string().parse(), Ok(paint));
        }
        for stranger in ["", "unit:1:0", "boundary", "loss:1", "gallery:x"] {
            assert_eq!(stranger.parse::<Paint>(), Err(()), "{stranger}");
        }
    }
}
