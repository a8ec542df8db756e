//! Parse + build + trace, for the lecture's expression and for generated expressions of 10³, 10⁴
//! and 10⁵ nodes. After criterion's own report, prints nanoseconds per node from its estimates.
//!
//! Run: `cargo bench -p chainrule --bench trace`

use std::hint::black_box;
use std::path::PathBuf;

use chainrule::expr::random_expression;
use chainrule::{Graph, Sharing, Trace};
use criterion::{BenchmarkId, Criterion, Throughput};

const LECTURE: &str = "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))";
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn inputs(graph: &Graph) -> Vec<f64> {
    (0..graph.inputs().len())
        .map(|i| 0.5 + i as f64 / 4.0)
        .collect()
}

fn cases() -> Vec<(String, String, usize)> {
    let mut cases = vec![("lecture".to_string(), LECTURE.to_string(), 7)];
    for size in SIZES {
        let source = random_expression(size, 42);
        let nodes = Graph::parse(&source, Sharing::Merged).map_or(0, |g| g.len());
        cases.push((format!("{size}"), source, nodes));
    }
    cases
}

fn benchmarks(c: &mut Criterion, cases: &[(String, String, usize)]) {
    let mut pipeline = c.benchmark_group("parse_build_trace");
    for (name, source, nodes) in cases {
        pipeline.throughput(Throughput::Elements(*nodes as u64));
        pipeline.bench_with_input(BenchmarkId::from_parameter(name), source, |b, source| {
            b.iter(|| {
                let graph = Graph::parse(black_box(source), Sharing::Merged).unwrap();
                let trace = Trace::with_inputs(&graph, &inputs(&graph));
                black_box(trace.output_value())
            })
        });
    }
    pipeline.finish();

    let mut trace_only = c.benchmark_group("trace");
    for (name, source, nodes) in cases {
        let graph = Graph::parse(source, Sharing::Merged).unwrap();
        let values = inputs(&graph);
        trace_only.throughput(Throughput::Elements(*nodes as u64));
        trace_only.bench_with_input(BenchmarkId::from_parameter(name), &graph, |b, graph| {
            b.iter(|| black_box(Trace::with_inputs(graph, &values).output_value()))
        });
    }
    trace_only.finish();
}

/// Criterion's mean estimate in nanoseconds for one benchmark, read from its report files.
fn mean_ns(group: &str, id: &str) -> Option<f64> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let path = target
        .join("criterion")
        .join(group)
        .join(id)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn main() {
    let cases = cases();
    let mut criterion = Criterion::default().configure_from_args();
    benchmarks(&mut criterion, &cases);
    criterion.final_summary();

    println!(
        "\n| expression | nodes | parse + build + trace | per node | trace alone | per node |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (name, _, nodes) in &cases {
        let (Some(all), Some(trace)) = (mean_ns("parse_build_trace", name), mean_ns("trace", name))
        else {
            continue;
        };
        let per = |ns: f64| ns / *nodes as f64;
        println!(
            "| {name} | {nodes} | {} | {:.0} ns | {} | {:.0} ns |",
            duration(all),
            per(all),
            duration(trace),
            per(trace)
        );
    }
}

fn duration(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}
