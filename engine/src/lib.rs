//! Chainrule's engine: expressions become computational graphs, graphs are traced forward and
//! backward step by step, and every step can be written out as the lecture writes it.
//!
//! Data flows one way: text -> [`expr::Ast`] -> [`Graph`] -> [`Trace`] -> [`render`] and [`layout`].
//! Nothing here knows about the browser.

pub mod check;
pub mod descent;
pub mod dual;
pub mod exercise;
pub mod expr;
pub mod graph;
pub mod layout;
pub mod nn;
pub mod ops;
pub mod practice;
pub mod random;
pub mod render;
pub mod slice;
pub mod sort;
pub mod surface;
pub mod trace;

pub use graph::{Graph, NodeId, Sharing};
pub use trace::{Bindings, Trace};
