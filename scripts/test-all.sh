#!/usr/bin/env bash
# Every test, in order of cost. Called by `./x test` (after set-up) and so by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
started=$(date +%s)

step "format and lint"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p spanmark --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p spanmark-formats-web --target wasm32-unknown-unknown -- -D warnings
# The app's own build of the core: Spanmark JSONL only (the other formats load on first use).
cargo clippy -p spanmark-core --no-default-features --all-targets -- -D warnings

step "native tests (core, CLI, app logic)"
# The app's native binary and the CLI are both called `spanmark` (the app's name is what Trunk's
# output files are named after, the CLI's is the command users type): built in one cargo run they
# overwrite each other in target/debug/, and the CLI tests once ran the app. The app's logic is
# tested through its library only.
cargo test --workspace --exclude spanmark
cargo test -p spanmark --lib
cargo test -p spanmark-core --no-default-features --lib

step "wasm-bindgen-test in headless Chromium (DOM <-> code points)"
cargo test -p spanmark --target wasm32-unknown-unknown --test dom --test state

step "release build (no warnings allowed)"
build_log=$(mktemp)
trunk build --release --offline 2>&1 | tee "$build_log"
if grep -E '^warning|WARN' "$build_log" | grep -v 'wasm-opt' ; then
  echo "the release build printed warnings (above)"; exit 1
fi

step "Playwright user flows on the release build"
(cd e2e && node --test --test-concurrency=1 tests/)

if [ -x tests/interop/run.sh ]; then
  step "exports read by the real consumer libraries (Python venv)"
  tests/interop/run.sh
fi

if [ "${SPANMARK_FUZZ_SECONDS:-5}" != 0 ] && ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz smoke skipped: no nightly toolchain here (the stable no-panic tests above still ran)"
elif [ -x scripts/fuzz.sh ] && [ "${SPANMARK_FUZZ_SECONDS:-5}" != 0 ]; then
  step "fuzz smoke: every importer under cargo-fuzz (SPANMARK_FUZZ_SECONDS=0 skips, more runs longer)"
  scripts/fuzz.sh "${SPANMARK_FUZZ_SECONDS:-5}"
fi

echo "all tests passed in $(( $(date +%s) - started )) s"
