//! The same derivation written as plain text, Markdown, LaTeX, MathML and JSON, so the app, the
//! command line and exported slides all say the same thing.

pub mod derivation;
pub mod document;
pub mod json;
pub mod latex;
pub mod math;
pub mod mathml;
pub mod notation;
pub mod number;
pub mod text;

pub use document::{document, Format};
