//! The network workspace: build a multilayer perceptron, train it live, watch it learn, and open
//! one sample's backward pass in the stepper.

pub mod link;
pub mod state;
