//! The same workloads natively, timed the way `bench/train.mjs` times the WebAssembly builds (the
//! median of `REPEATS` runs, default 5), printed as JSON for it: `{"W1": µs per pass, …}`.

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
            let mut times: Vec<f64> = (0..repeats.max(1))
                .map(|_| {
                    let mut workload = make();
                    let start = Instant::now();
                    let outcome = workload.run();
                    start.elapsed().as_secs_f64() * 1e6 / outcome.sample_passes as f64
                })
                .collect();
            times.sort_by(f64::total_cmp);
            format!("\"{}\": {}", make().name, times[times.len() / 2])
        })
        .collect();
    println!("{{{}}}", figures.join(", "));
}
