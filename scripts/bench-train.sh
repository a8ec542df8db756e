#!/usr/bin/env bash
# Builds the training workloads as WebAssembly three ways (as the benchmark builds them, with
# SIMD; the same through the app's `wasm-opt -Oz`, as the app ships; and without SIMD), times them
# natively, installs the JavaScript peers (ConvNetJS, TensorFlow.js with its CPU and WASM
# backends) from npm, and times everything in one Node process on the same data. Prints Markdown
# tables.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
target="${CARGO_TARGET_DIR:-target}"
build() { # build <output folder> <target folder>: the wasm build and its JavaScript bindings
  cargo build --release --locked --target wasm32-unknown-unknown -p chainrule-bench --target-dir "$2"
  wasm-bindgen --target nodejs --out-dir "$1" "$2/wasm32-unknown-unknown/release/chainrule_bench.wasm"
}
build target/bench-wasm "$target"
# As the app ships: its release build is this one, then wasm-opt -Oz over the module (index.html).
rm -rf target/bench-wasm-app && cp -r target/bench-wasm target/bench-wasm-app
wasm-opt -Oz target/bench-wasm/chainrule_bench_bg.wasm -o target/bench-wasm-app/chainrule_bench_bg.wasm
# Without SIMD (RUSTFLAGS replaces .cargo/config.toml's flag), in a target folder of its own.
RUSTFLAGS="-C target-feature=-simd128" build target/bench-wasm-scalar "$target/bench-scalar"
cargo run --release --locked -q -p chainrule-bench --bin native > target/bench-native.json
[ -d bench/node_modules/convnetjs ] || npm ci --prefix bench --no-audit --no-fund
node bench/train.mjs 2> /dev/null
