//! The computational graph: the view, what its drawing is (the scene), one node and one edge,
//! the step's messages and labels over them, the shapes, the screen's size and the gestures that
//! move the camera.

pub mod edge;
pub mod geometry;
mod gestures;
pub mod node;
pub mod overlay;
pub mod scene;
mod screen;
mod view;

pub use view::GraphView;
