//! The training workloads compiled to WebAssembly, so `bench/train.mjs` can time them in the
//! same JavaScript engine as the peers, on the very same data.

use chainrule::nn::data::DataSet;
use chainrule::nn::workload::{w1, w1_data, w2, w2_data, w3, w3_data, Workload};
use wasm_bindgen::prelude::*;

fn workload(name: &str) -> Option<(Workload, DataSet)> {
    match name {
        "W1" => Some((w1(), w1_data())),
        "W2" => Some((w2(), w2_data())),
        "W3" => Some((w3(), w3_data())),
        _ => None,
    }
}

/// The workload's data as JSON: `{"train": [[x1, x2, y], ...], "test": [...]}`.
#[wasm_bindgen]
pub fn workload_data(name: &str) -> Option<String> {
    let (_, data) = workload(name)?;
    let rows = |samples: &[chainrule::nn::data::Sample]| -> Vec<Vec<f64>> {
        samples
            .iter()
            .map(|s| s.x.iter().copied().chain([s.y]).collect())
            .collect()
    };
    Some(serde_json::json!({ "train": rows(&data.train), "test": rows(&data.test) }).to_string())
}

/// Runs the workload; returns [sample passes, accuracy]. The caller times the call.
#[wasm_bindgen]
pub fn run_workload(name: &str) -> Option<Vec<f64>> {
    let (mut workload, _) = workload(name)?;
    let outcome = workload.run();
    Some(vec![outcome.sample_passes as f64, outcome.accuracy])
}

/// Floating-point operations in one of the workload's sample passes, for GFLOP/s.
#[wasm_bindgen]
pub fn workload_flops(name: &str) -> Option<f64> {
    workload(name).map(|(w, _)| w.flops_per_pass() as f64)
}
