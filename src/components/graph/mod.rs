//! The computational graph: the view and the camera's wiring, one node and one edge as
//! components of their own, and the drawing's shapes.

mod edge;
mod geometry;
mod node;
mod view;

pub use view::GraphView;
