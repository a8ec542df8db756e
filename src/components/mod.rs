//! The pieces of the page, one component per file.

pub mod derivation_table;
pub mod expression_field;
pub mod variables;
