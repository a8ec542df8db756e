//! The network workspace: build a multilayer perceptron, train it live, watch it learn, and open
//! one sample's backward pass in the stepper.

pub mod action;
pub mod charts;
pub mod demos;
pub mod diagram;
pub mod fields;
pub mod frame;
pub mod import_panel;
pub mod link;
pub mod messages_panel;
pub mod paint_key;
pub mod painter;
pub mod remote;
pub mod setup_panel;
pub mod state;
pub mod training;
pub mod unit_layer;
pub mod view;
pub mod weight_hits;
