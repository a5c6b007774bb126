#!/usr/bin/env bash
# `make bench`: the benchmarks under bench/, each against its peers in the same run, one section
# each. Results go to bench/results/ (not committed); each script prints a Markdown table.
# Usage: bench/run.sh VENV_BIN
set -euo pipefail
BIN=${1:-.venv/bin}
cd "$(dirname "$0")/.."

echo "== bench/parse.py (parse time of the corpus texts)"
"$BIN/python" bench/parse.py

echo "== bench/apply.py (1,000 edits on the generated regulation; GNU patch as reference)"
"$BIN/python" bench/apply.py

echo "== bench/redline.py (lexamend redline --from/--to against docx-redline and python-redlines)"
"$BIN/python" bench/redline.py

# --- diff: `lexamend diff --format json` vs `git diff --word-diff` vs diff-match-patch (bench/diff.py) ---
echo "== lexamend diff (scales 1, 5, 25)"
"$BIN/python" bench/diff.py --scales 1 5 25 --runs 3 --lexamend "$BIN/lexamend" --out bench/results/diff

if [ -f bench/xref/evaluate.py ]; then
  echo "== bench/xref/evaluate.py (precision and recall of ground detection on the labelled set)"
  "$BIN/python" bench/xref/evaluate.py
fi
