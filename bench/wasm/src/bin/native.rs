//! The same workloads natively, timed the way `bench/train.mjs` times the WebAssembly builds (the
//! best of `REPEATS` runs, default 5), printed as JSON for it: `{"W1": µs per pass, …}`.

use std::time::Instant;

use chainrule::nn::workload::{w1, w2, w3, Workload};

fn main() {
    let repeats: usize = std::env::var("REPEATS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let workloads: [fn() -> Workload; 3] = [w1, w2, w3];
    let figures: Vec<String> = workloads
        .iter()
        .map(|make| {
            let best = (0..repeats.max(1))
                .map(|_| {
                    let mut workload = make();
                    let start = Instant::now();
                    let outcome = workload.run();
                    start.elapsed().as_secs_f64() * 1e6 / outcome.sample_passes as f64
                })
                .fold(f64::INFINITY, f64::min);
            format!("\"{}\": {}", make().name, best)
        })
        .collect();
    println!("{{{}}}", figures.join(", "));
}
