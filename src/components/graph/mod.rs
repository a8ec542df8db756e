//! The computational graph: the view, what its drawing is (the scene), one node and one edge,
//! the step's messages and labels over them, the shapes, the screen's size and the gestures that
//! move the camera.

mod edge;
mod geometry;
mod gestures;
mod node;
mod overlay;
mod scene;
mod screen;
mod view;

pub use view::GraphView;
