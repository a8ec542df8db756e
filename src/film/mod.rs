//! The step-through exported for a teacher's own materials: an animated GIF, a WebM video, a
//! slide deck in one HTML file and the same slides as SVG files, all drawn in the browser from
//! the walk itself, frame by frame ([`script`]), each frame one SVG ([`frame`]).

pub mod deck;
pub mod frame;
pub mod gif_file;
pub mod job;
pub mod panel;
pub mod raster;
pub mod script;
pub mod stylesheet;
pub mod video;
pub mod webm;
pub mod zip;
