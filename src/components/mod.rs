//! The pieces of the page, one component per file.

pub mod controls;
pub mod derivation_panel;
pub mod descent_panel;
pub mod expression_field;
pub mod gradient_check;
pub mod gradient_list;
pub mod graph;
pub mod lesson_panel;
pub mod math;
pub mod notes_panel;
pub mod practice_panel;
pub mod shortcuts;
pub mod slice_panel;
pub mod step_caption;
pub mod surface_panel;
pub mod toolbar;
pub mod variables;
