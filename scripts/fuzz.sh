#!/usr/bin/env bash
# Fuzz every importer of spanmark-core with cargo-fuzz (libFuzzer, nightly toolchain).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Installs cargo-fuzz when it is missing. Crashes land in crates/core/fuzz/artifacts/<target>/;
# the script exits non-zero if any target found one. The stable-toolchain no-panic check that CI
# runs without nightly is crates/core/tests/no_panic.rs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_TARGET="${1:-30}"
shift || true
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/crates/core/fuzz/target}"

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo +nightly install cargo-fuzz --locked
fi

cd "$ROOT/crates/core/fuzz"
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
failed=()
for t in "${targets[@]}"; do
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s"
  if ! cargo +nightly fuzz run "$t" -- -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -rss_limit_mb=2048; then
    failed+=("$t")
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: crashes in: ${failed[*]} (see crates/core/fuzz/artifacts/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} target(s) ran ${SECONDS_PER_TARGET}s each without a crash"
