//! Neural networks as in the lecture's second half: activations, MLPs, losses, optimisers, data
//! sets and training on a dense path, and one sample expanded into a scalar graph that the
//! stepper can trace.

pub mod activation;
pub mod collapse;
pub mod csv;
pub mod data;
pub mod expand;
pub mod kernel;
pub mod landscape;
pub mod loss;
pub mod messages;
pub mod mlp;
pub mod setup;
pub mod tagged;
pub mod text;
pub mod train;
pub mod update;
pub mod workload;
