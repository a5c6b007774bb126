#!/usr/bin/env bash
# `make bench`: the benchmarks under bench/, each against its peers in the same run.
# Usage: bench/run.sh VENV_BIN
set -euo pipefail
BIN=${1:-.venv/bin}
cd "$(dirname "$0")/.."
for script in bench/parse.py bench/apply.py; do
  if [ -f "$script" ]; then
    echo "== $script"
    "$BIN/python" "$script"
  fi
done
echo "== bench/redline.py (lexamend redline --from/--to against docx-redline and python-redlines)"
"$BIN/python" bench/redline.py
