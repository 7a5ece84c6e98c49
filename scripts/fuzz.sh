#!/usr/bin/env bash
# Fuzz every importer of spanmark-core with cargo-fuzz (libFuzzer, nightly toolchain).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   each target for a time (default 30 s; CI)
#   scripts/fuzz.sh --runs N [TARGET...]               each target for N executions, however long
#                                                      that takes (issue 16's one-off campaign:
#                                                      `scripts/fuzz.sh --runs 1000000`)
#
# With no TARGET every target in crates/core/fuzz/fuzz_targets/ runs, one after the other. Inputs
# are at most 4096 bytes and a run may use 2 GiB. The corpus grows in crates/core/fuzz/corpus/
# (not committed).
#
# Installs cargo-fuzz when it is missing. Crashes land in crates/core/fuzz/artifacts/<target>/;
# the script exits non-zero if any target found one. The stable-toolchain no-panic check that CI
# runs without nightly is crates/core/tests/no_panic.rs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ "${1:-}" == "--runs" ]]; then
  [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "fuzz: --runs needs a number of executions" >&2; exit 2; }
  limit=(-runs="$2")
  what="$2 executions"
  shift 2
else
  SECONDS_PER_TARGET="${1:-30}"
  shift || true
  limit=(-max_total_time="$SECONDS_PER_TARGET")
  what="${SECONDS_PER_TARGET}s"
fi
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
  echo "fuzz: $t for $what"
  if ! cargo +nightly fuzz run "$t" -- "${limit[@]}" -max_len=4096 -rss_limit_mb=2048; then
    failed+=("$t")
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: crashes in: ${failed[*]} (see crates/core/fuzz/artifacts/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} target(s) ran $what each without a crash"
