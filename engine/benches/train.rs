//! The three training workloads (see `chainrule::nn::workload`) natively: microseconds per sample
//! per forward+backward pass, and the quality each run reaches.
//!
//! Run: `cargo bench -p chainrule --bench train`

use std::hint::black_box;
use std::time::Instant;

use chainrule::nn::landscape::Plane;
use chainrule::nn::loss::Loss;
use chainrule::nn::train::grid;
use chainrule::nn::workload::{w1, w1_data, w2, w3, Workload};
use criterion::{BenchmarkId, Criterion, Throughput};

fn main() {
    let workloads: [fn() -> Workload; 3] = [w1, w2, w3];
    let mut criterion = Criterion::default().sample_size(20).configure_from_args();
    let mut group = criterion.benchmark_group("train");
    for make in workloads {
        let passes = make().run().sample_passes;
        group.throughput(Throughput::Elements(passes as u64));
        group.bench_function(BenchmarkId::from_parameter(make().name), |b| {
            b.iter_batched(
                make,
                |mut w| black_box(w.run()),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
    criterion.final_summary();

    let mut per_pass = Vec::new();
    println!("\n| workload | sample passes | µs per sample pass (median of 15 runs) | accuracy | target |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for make in workloads {
        let mut times = Vec::new();
        let mut outcome = None;
        for _ in 0..15 {
            let mut workload = make();
            let start = Instant::now();
            outcome = Some(workload.run());
            times.push(start.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let (workload, outcome) = (make(), outcome.unwrap_or_else(|| make().run()));
        per_pass.push((
            workload.name,
            workload.flops_per_pass(),
            times[times.len() / 2] / outcome.sample_passes as f64,
        ));
        println!(
            "| {} | {} | {:.3} | {:.1}% | {:.0}% |",
            workload.name,
            outcome.sample_passes,
            times[times.len() / 2] * 1e6 / outcome.sample_passes as f64,
            100.0 * outcome.accuracy,
            100.0 * workload.target
        );
    }

    // How close the passes come to this machine's arithmetic peak, measured as a tight
    // multiply-add loop over data in the first-level cache.
    let peak = peak_gflops();
    println!(
        "\n| workload | flops per pass | achieved | peak of a tight loop | fraction of peak |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (name, flops, seconds) in per_pass {
        let achieved = flops as f64 / seconds / 1e9;
        println!(
            "| {name} | {flops} | {achieved:.2} GFLOP/s | {peak:.2} GFLOP/s | {:.0}% |",
            100.0 * achieved / peak
        );
    }

    // The maps the workspace redraws: W1's decision boundary on a 100×100 grid, and its loss
    // landscape on a 51×51 grid over its 250 training points.
    let mut trained = w1();
    trained.run();
    let mlp = trained.trainer.mlp.clone();
    let median = |f: &mut dyn FnMut()| {
        let mut times: Vec<f64> = (0..21)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2] * 1e3
    };
    let boundary = median(&mut || {
        black_box(grid(&mlp, &[], -6.0, 6.0, 100));
    });
    let data = w1_data();
    let plane = Plane::random(&mlp, 1);
    let landscape = median(&mut || {
        black_box(plane.grid(&data.train, &[], Loss::SquaredError, 1.0, 51));
    });
    println!("\n| map (W1's network) | median of 21 |\n| --- | ---: |");
    println!("| decision boundary, 100×100 grid | {boundary:.3} ms |");
    println!("| loss landscape, 51×51 grid over 250 points | {landscape:.1} ms |");
}

/// GFLOP/s of y = a·y + x over 512 doubles (in L1), the best of 21 runs.
fn peak_gflops() -> f64 {
    let mut y = vec![1.0f64; 512];
    let x = vec![1e-9f64; 512];
    let a = black_box(0.999_999);
    let rounds = 20_000;
    let mut best = 0.0f64;
    for _ in 0..21 {
        let start = Instant::now();
        for _ in 0..rounds {
            for (y, x) in y.iter_mut().zip(&x) {
                *y = a * *y + x;
            }
            black_box(&mut y);
        }
        let seconds = start.elapsed().as_secs_f64();
        best = best.max(2.0 * 512.0 * rounds as f64 / seconds / 1e9);
    }
    best
}
