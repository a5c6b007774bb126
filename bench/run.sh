#!/usr/bin/env bash
# `make bench`: the benchmarks under bench/, one section each. Results go to bench/results/ (not
# committed); each script prints a Markdown table. Usage: bench/run.sh VENV_BIN
set -euo pipefail
BIN=${1:-.venv/bin}
cd "$(dirname "$0")/.."

# --- diff: `lexamend diff --format json` vs `git diff --word-diff` vs diff-match-patch (bench/diff.py) ---
echo "== lexamend diff (scales 1, 5, 25)"
"$BIN/python" bench/diff.py --scales 1 5 25 --runs 3 --lexamend "$BIN/lexamend" --out bench/results/diff
