#!/usr/bin/env bash
# Interop tests: Spanmark's exports loaded by the real consumer libraries (spaCy, datasets,
# label-studio-converter, seqeval, pyld, bratly, jsonschema) in a Python venv this script creates,
# and `spanmark agree` against scikit-learn's and statsmodels' kappas (test_agreement.py).
#
#   tests/interop/run.sh            # set up (or reuse) .venv-interop/, build the CLI, run pytest
#   PYTHON=python3.11 tests/interop/run.sh -k spacy   # extra arguments go to pytest
#
# No network beyond PyPI; no model downloads (spaCy uses spacy.blank). The venv is reused when its
# requirements stamp matches, so a re-run costs only the build and the tests.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tests/interop"
VENV="$ROOT/.venv-interop"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

start=$(date +%s)
stamp="$VENV/.requirements.sha256"
want=$(sha256sum "$HERE/requirements.txt" | cut -d' ' -f1)
if [[ ! -x "$VENV/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "interop: creating $VENV with $($PYTHON --version)"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
  echo "$want" > "$stamp"
else
  echo "interop: reusing $VENV"
fi
echo "interop: venv ready in $(( $(date +%s) - start ))s"

cargo build --quiet -p spanmark-cli
BIN="$CARGO_TARGET_DIR/debug/spanmark"

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
# The synthetic sample workspace (invented articles; see crates/core/tests/common/mod.rs).
SAMPLE="$ROOT/crates/core/tests/golden/sample.spanmark.jsonl"
cp "$SAMPLE" "$OUT/workspace.spanmark.jsonl"
for fmt in spanmark spacy doccano label-studio brat w3c iob2 hf; do
  case "$fmt" in
    label-studio) ext=json ;; brat) ext=zip ;; w3c) ext=jsonld ;; iob2) ext=conll ;; *) ext=jsonl ;;
  esac
  "$BIN" convert --from spanmark --to "$fmt" "$OUT/workspace.spanmark.jsonl" "$OUT/export.$fmt.$ext"
  "$BIN" validate "$OUT/export.$fmt.$ext" >/dev/null
done
"$BIN" convert --from spanmark --to doccano --doccano-variant entities \
  "$OUT/workspace.spanmark.jsonl" "$OUT/export.doccano-entities.jsonl"
"$BIN" convert --from spanmark --to iob2 --labels figure \
  "$OUT/workspace.spanmark.jsonl" "$OUT/export.iob2-figure.conll"

export SPANMARK_EXPORTS="$OUT" SPANMARK_BIN="$BIN"
export HF_DATASETS_OFFLINE=1 HF_HUB_OFFLINE=1 HF_HOME="$OUT/hf-home" HF_DATASETS_CACHE="$OUT/hf-cache"
export TOKENIZERS_PARALLELISM=false
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$HERE/test_interop.py" "$HERE/test_agreement.py" "$@"
echo "interop: done in $(( $(date +%s) - start ))s"
