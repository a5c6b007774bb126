#!/usr/bin/env bash
# The main job on the shipped corpus (`make demo`): parse the Order No. 468 Rules and the
# Law "On Education", apply the shipped proposals, and write everything under OUT.
# Usage: tools/demo.sh VENV_BIN OUT
set -euo pipefail
BIN=${1:-.venv/bin}
OUT=${2:-out}
LX="$BIN/lexamend"
mkdir -p "$OUT/trees" "$OUT/amended" "$OUT/reports"

echo "== Parsing the corpus"
"$LX" parse corpus/kz/order-468-rules.en.txt
"$LX" parse corpus/kz/order-468-rules.en.txt --format json -o "$OUT/trees/order-468-rules.en.json"
"$LX" parse corpus/kz/law-education-2007.ru.txt --depth 2 -q | head -n 12
echo "   … (full outline in $OUT/trees/law-education-2007.ru.outline.txt)"
"$LX" parse corpus/kz/law-education-2007.ru.txt -q -o "$OUT/trees/law-education-2007.ru.outline.txt"
"$LX" parse corpus/kz/law-education-2007.ru.txt --format json -q -o "$OUT/trees/law-education-2007.ru.json"
"$LX" parse corpus/kz/law-education-2007.kk.txt --format json -q -o "$OUT/trees/law-education-2007.kk.json"

echo
echo "== Applying the shipped proposals"
for patch in proposals/order-468-*.yaml; do
  name=$(basename "$patch" .yaml)
  "$LX" apply corpus/kz/order-468-rules.en.txt "$patch" -q \
    -o "$OUT/amended/$name.txt" --report "$OUT/reports/$name.apply.json"
  echo "   $patch → $OUT/amended/$name.txt"
done
"$LX" apply corpus/kz/order-468-rules.en.txt proposals/order-468-p2-delete-categories.yaml \
  proposals/order-468-p4-registration.yaml proposals/order-468-p5-documents.yaml -q \
  -o "$OUT/amended/order-468-rules.amended.en.txt" --report "$OUT/reports/order-468-rules.amended.apply.json"
echo "   the three compatible Order 468 proposals together → $OUT/amended/order-468-rules.amended.en.txt"
"$LX" apply corpus/kz/law-education-2007.ru.txt proposals/law-education-art8-migrants.ru.yaml -q \
  -o "$OUT/amended/law-education-2007.amended.ru.txt" --report "$OUT/reports/law-education-art8-migrants.apply.json"
echo "   proposals/law-education-art8-migrants.ru.yaml → $OUT/amended/law-education-2007.amended.ru.txt"

echo
echo "== The two alternatives for paragraph 2 conflict (expected):"
if "$LX" check corpus/kz/order-468-rules.en.txt proposals/order-468-p2-delete-categories.yaml \
     proposals/order-468-p2-delete-seasonal.yaml > "$OUT/reports/order-468-p2-alternatives.check.txt"; then
  echo "   unexpected: no conflict reported" >&2; exit 1
fi
grep '^conflict' "$OUT/reports/order-468-p2-alternatives.check.txt" | sed 's/^/   /'

# --- diff and compare (lexamend diff / compare) -------------------------------------------------
# Exit code 1 means "they differ", which is what these inputs are expected to do; 2 is trouble.
differ() { set +e; "$@"; local rc=$?; set -e; [ "$rc" -le 1 ] || exit "$rc"; }

echo
echo "== Comparing the two alternatives for paragraph 2, unit by unit"
differ "$LX" compare corpus/kz/order-468-rules.en.txt proposals/order-468-p2-delete-categories.yaml \
  proposals/order-468-p2-delete-seasonal.yaml --format html -o "$OUT/order-468-p2-alternatives.compare.html"
differ "$LX" compare corpus/kz/order-468-rules.en.txt proposals/order-468-p2-delete-categories.yaml \
  proposals/order-468-p2-delete-seasonal.yaml --format md -o "$OUT/order-468-p2-alternatives.compare.md"
echo "   → $OUT/order-468-p2-alternatives.compare.html (+ .md)"

echo
echo "== What the three compatible proposals change in the Order 468 Rules"
differ "$LX" diff corpus/kz/order-468-rules.en.txt "$OUT/amended/order-468-rules.amended.en.txt" --color never -q
differ "$LX" diff corpus/kz/order-468-rules.en.txt "$OUT/amended/order-468-rules.amended.en.txt" -q \
  --format html -o "$OUT/order-468-rules.diff.html"
differ "$LX" diff corpus/kz/order-468-rules.en.txt "$OUT/amended/order-468-rules.amended.en.txt" -q \
  --format unified -o "$OUT/order-468-rules.diff"
echo "   → $OUT/order-468-rules.diff.html, $OUT/order-468-rules.diff"
"$LX" derive corpus/kz/order-468-rules.en.txt "$OUT/amended/order-468-rules.amended.en.txt" -q \
  --base kz/order-468-rules.en.txt --title "Order No. 468 Rules: the three compatible proposals, derived from the amended text" \
  -o "$OUT/order-468-rules.derived.yaml"
echo "   → $OUT/order-468-rules.derived.yaml (the edits that turn the base into the amended text)"

echo
echo "Done. Outputs are in $OUT/."
