#!/usr/bin/env bash
# Install the Debian packages that the document tests need, when they are missing:
# LibreOffice (headless conversion of .docx to text/PDF), its Python UNO bridge (the tests
# accept/reject tracked changes with LibreOffice itself), poppler (PDF to PNG and text) and
# Chromium (headless rendering of the HTML pages).
set -euo pipefail
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || missing+=(python3-uno)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: ${missing[*]} missing and apt-get is not available; the tests that need them will fail when LEXAMEND_REQUIRE_OFFICE=1" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "system-deps: installing ${missing[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
