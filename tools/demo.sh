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

# --- Rights cross-references (lexamend xref) -----------------------------------------------------
echo
echo "== Rights cross-references of the shipped proposals (JSON, markdown, HTML in $OUT/xref/)"
mkdir -p "$OUT/xref"
for patch in proposals/*.yaml; do
  name=$(basename "$patch" .yaml)
  for fmt in json md html; do
    "$LX" xref "$patch" --format "$fmt" -o "$OUT/xref/$name.$fmt"
  done
done
"$LX" xref corpus/kz/order-468-rules.en.txt --as-of 2026-11-25 --format md -o "$OUT/xref/order-468-rules.en.md"
"$LX" xref corpus/kz/order-468-rules.en.txt --as-of 2026-11-25 --format html -o "$OUT/xref/order-468-rules.en.html"
"$LX" xref corpus/kz/law-migration-2011.ru.txt --as-of 2026-11-25 --format md -o "$OUT/xref/law-migration-2011.ru.md"
for name in order-468-p2-delete-categories order-468-p2-delete-seasonal; do
  echo "   $name:"
  sed -n '/^| `/p' "$OUT/xref/$name.md" | cut -d'|' -f2-6 | sed 's/^/     /'
done
"$BIN/python" - "$OUT/xref" <<'PY'
"""Check the cross-reference of the Order 468 paragraph 2 proposals says what it must."""
import json, sys
from pathlib import Path

out = Path(sys.argv[1])
required = {"kz-constitution-1995:art_14__para_2", "un-crc-1989:art_2__para_1", "un-crc-1989:art_28__para_1",
            "un-icescr-1966:art_2__para_2", "un-icescr-1966:art_13__para_2", "unesco-cade-1960:art_1__para_1",
            "unesco-cade-1960:art_3__point_e"}
expect = {"order-468-p2-delete-categories": ("removed", []), "order-468-p2-delete-seasonal": ("narrowed", ["frontier-worker"])}
for name, (change, remaining) in expect.items():
    edit = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))["edits"][0]
    assert set(edit["distinguished_before"]) == {"seasonal-worker", "frontier-worker"}, edit["distinguished_before"]
    grounds = {g["ground"]: g for g in edit["grounds"]}
    for ground in ("occupation", "migration-status"):
        assert grounds[ground]["change"] == change and grounds[ground]["remaining"] == remaining, grounds[ground]
    engaged = {r["provision"] for r in edit["rights"]}
    assert required <= engaged, sorted(required - engaged)
print("   checked: both proposals remove the exclusion on occupation/migration status (the second only in part:")
print("   frontier workers remain excluded); it engages Constitution Art. 14(2), CRC Arts 2 and 28,")
print("   ICESCR Arts 2(2) and 13, CADE Arts 1 and 3")
PY
# --- end of rights cross-references ---------------------------------------------------------------
# == Amendment instructions (lexamend instructions / parse-instructions) ===========echo
echo "== Amendment instructions for the shipped proposals"
ORDER468=(proposals/order-468-p2-delete-categories.yaml proposals/order-468-p4-registration.yaml proposals/order-468-p5-documents.yaml)
for lang in en ru; do
  "$LX" instructions corpus/kz/order-468-rules.en.txt "${ORDER468[@]}" --lang "$lang" --format md \
    --title "Order No. 468 Rules: the three compatible proposals" -o "$OUT/order-468-proposals.instructions.$lang.md"
  echo "   the three compatible Order 468 proposals ($lang) → $OUT/order-468-proposals.instructions.$lang.md"
done
"$LX" instructions corpus/kz/order-468-rules.en.txt "${ORDER468[@]}" --lang en --format docx \
  --title "Order No. 468 Rules: the three compatible proposals" -o "$OUT/order-468-proposals.instructions.en.docx"
EDU_PROPOSAL=proposals/law-education-art8-migrants.ru.yaml
"$LX" instructions corpus/kz/law-education-2007.ru.txt "$EDU_PROPOSAL" --lang ru -o "$OUT/law-education-art8-migrants.instructions.ru.txt"
"$LX" instructions corpus/kz/law-education-2007.ru.txt "$EDU_PROPOSAL" --lang ru --format docx -o "$OUT/law-education-art8-migrants.instructions.ru.docx"
"$LX" instructions corpus/kz/law-education-2007.ru.txt "$EDU_PROPOSAL" --lang en --format md -o "$OUT/law-education-art8-migrants.instructions.en.md"
sed 's/^/   /' "$OUT/law-education-art8-migrants.instructions.ru.txt"
echo "   → $OUT/law-education-art8-migrants.instructions.ru.txt (.docx, and .en.md)"

echo
echo "== Reading the instructions back into a patch gives the same amended text"
"$LX" parse-instructions corpus/kz/law-education-2007.ru.txt "$OUT/law-education-art8-migrants.instructions.ru.txt" \
  -o "$OUT/reports/law-education-art8-migrants.read-back.yaml" -q
"$LX" apply corpus/kz/law-education-2007.ru.txt "$OUT/reports/law-education-art8-migrants.read-back.yaml" -q \
  -o "$OUT/reports/law-education-2007.amended.read-back.ru.txt"
cmp -s "$OUT/amended/law-education-2007.amended.ru.txt" "$OUT/reports/law-education-2007.amended.read-back.ru.txt" \
  || { echo "   unexpected: the read-back patch gives another text" >&2; exit 1; }
echo "   $OUT/reports/law-education-art8-migrants.read-back.yaml applies to the same text as the proposal"

echo
echo "== A real amending act: section 38 of the Law of 14 July 2022 No. 141-VII"
ACT=tests/data/amending-acts/kz-2022-07-14-141-VII
"$LX" parse-instructions "$ACT/education.before.ru.txt" "$ACT/instructions.education.ru.txt" \
  -o "$OUT/reports/kz-2022-141-VII.education.read.yaml"
# == end of amendment instructions ==========================================================
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

# --- the report pack (lexamend report) ---------------------------------------------------------
echo
echo "== The report packs: recommendation, comparative table, instructions, redline, cross-references"
rm -rf "$OUT/order-468-pack" "$OUT/law-education-pack"
"$LX" report corpus/kz/order-468-rules.en.txt proposals/order-468-p2-delete-categories.yaml \
  proposals/order-468-p4-registration.yaml proposals/order-468-p5-documents.yaml -o "$OUT/order-468-pack" -q
"$LX" report corpus/kz/law-education-2007.ru.txt proposals/law-education-art8-migrants.ru.yaml \
  -o "$OUT/law-education-pack" --lang ru -q
"$LX" report corpus/kz/law-education-2007.ru.txt proposals/law-education-art8-migrants.ru.yaml \
  -o "$OUT/law-education-pack-en" --lang en -q --force
echo "   Order No. 468 Rules (EN): open $OUT/order-468-pack/index.html"
echo "   Law \"On Education\" (RU):  open $OUT/law-education-pack/index.html (English edition: $OUT/law-education-pack-en/)"

echo
echo "Done. Outputs are in $OUT/. Start with $OUT/order-468-pack/index.html"
