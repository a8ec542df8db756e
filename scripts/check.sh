#!/usr/bin/env bash
# Installs whatever is missing, then runs every check and test the project has.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT

step() {
  printf '\n\033[1m==> %s\033[0m\n' "$1"
  shift
  "$@" 2>&1 | tee -a "$log"
}

step "format" cargo fmt --all -- --check
step "clippy, native" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy, wasm32 app" cargo clippy --target wasm32-unknown-unknown -p chainrule-web --all-targets --locked -- -D warnings
step "clippy, wasm32 engine and benchmark" cargo clippy --target wasm32-unknown-unknown -p chainrule --lib -p chainrule-bench --no-default-features --locked -- -D warnings
step "native tests" cargo test --workspace --locked
step "release build" trunk build --release --offline
step "browser tests (headless Chromium)" cargo test --target wasm32-unknown-unknown -p chainrule-web --locked
step "end-to-end tests (release build, headless Chromium)" node --test tests/e2e/
step "every command the README shows, as written" node --test tests/readme/

# One closing line for every test runner above (cargo's "test result:" lines, node's "# pass").
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     /^# pass / { p += $3 }
     /^# fail / { f += $3 }
     END { printf "\nAll checks: %d passed, %d failed\n", p, f }' "$log"
