#!/usr/bin/env bash
# Builds the training workloads as WebAssembly, installs the JavaScript peers (ConvNetJS,
# TensorFlow.js with its CPU and WASM backends) from npm, and times all of them in one Node
# process on the same data. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
cargo build --release --locked --target wasm32-unknown-unknown -p chainrule-bench
target="${CARGO_TARGET_DIR:-target}"
wasm-bindgen --target nodejs --out-dir target/bench-wasm \
  "$target/wasm32-unknown-unknown/release/chainrule_bench.wasm"
[ -d bench/node_modules/convnetjs ] || npm ci --prefix bench --no-audit --no-fund
node bench/train.mjs 2> /dev/null
