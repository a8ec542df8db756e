//! Charts: one function per chart that draws given data on any plotters drawing area, and one
//! canvas component that sizes the canvas for the screen and calls it.

pub mod canvas;
pub mod function_plot;
