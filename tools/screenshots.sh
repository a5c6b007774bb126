#!/usr/bin/env bash
# Refresh the pictures in docs/img/ from the demo's outputs (run `make demo` first):
#   docs/img/redline.png  first page of out/order-468-proposals.redline.docx (LibreOffice → PDF → PNG)
#   docs/img/report.png   out/order-468-pack/recommendation.html in headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-out}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf --outdir "$tmp" \
  "$OUT/order-468-proposals.redline.docx" >/dev/null
pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$tmp/order-468-proposals.redline.pdf" docs/img/redline
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$tmp/chromium" --window-size=1000,1300 \
  --screenshot="$PWD/docs/img/report.png" "file://$PWD/$OUT/order-468-pack/recommendation.html" 2>/dev/null
ls -l docs/img/
