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

echo
echo "== Redlines (tracked changes) and comparative tables"
ORDER_PROPOSALS="proposals/order-468-p2-delete-categories.yaml proposals/order-468-p4-registration.yaml proposals/order-468-p5-documents.yaml"
# shellcheck disable=SC2086
"$LX" redline corpus/kz/order-468-rules.en.txt $ORDER_PROPOSALS --comments -q \
  -o "$OUT/order-468-proposals.redline.docx"
echo "   the three compatible Order 468 proposals → $OUT/order-468-proposals.redline.docx (tracked changes, comments)"
for fmt in docx md html; do
  # shellcheck disable=SC2086
  "$LX" table corpus/kz/order-468-rules.en.txt $ORDER_PROPOSALS --lang ru --format "$fmt" -q \
    -o "$OUT/order-468-proposals.table.$fmt"
done
echo "   their comparative table → $OUT/order-468-proposals.table.{docx,md,html}"
"$LX" redline corpus/kz/law-education-2007.ru.txt proposals/law-education-art8-migrants.ru.yaml --comments -q \
  -o "$OUT/law-education-art8-migrants.redline.docx"
"$LX" table corpus/kz/law-education-2007.ru.txt proposals/law-education-art8-migrants.ru.yaml --format docx -q \
  -o "$OUT/law-education-art8-migrants.table.docx"
echo "   the Law \"On Education\" proposal → $OUT/law-education-art8-migrants.{redline,table}.docx"
"$LX" apply corpus/kz/law-education-2007.ru.txt proposals/law-education-art8-migrants.ru.yaml --format docx -q \
  -o "$OUT/amended/law-education-2007.amended.ru.docx"
echo "   the amended Law as a clean Word document → $OUT/amended/law-education-2007.amended.ru.docx"

echo
echo "Done. Outputs are in $OUT/."
