//! Charts: one function per chart that draws given data on any plotters drawing area, canvas
//! components that size a canvas for the screen and call them, and pixel heat maps.

pub mod canvas;
pub mod function_plot;
pub mod heatmap;
pub mod palette;
