#!/usr/bin/env python3
"""Write docs/redline-fidelity.md: redline every pair of the fidelity corpus, run every check, write the table.

    python tools/fidelity_report.py            # write the page
    python tools/fidelity_report.py --check    # exit 1 if the page is not what the checks give

Needs LibreOffice (soffice) and a Python with its UNO bridge (python3-uno), as the tests do.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))


def uno_python() -> str | None:
    import subprocess

    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", "import uno"], capture_output=True, check=False).returncode == 0:
            return candidate
    return None


def main(argv: list[str]) -> int:
    from tests.render.fidelity import DOC, check_all, render_table

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    python = uno_python()
    if soffice is None or python is None:
        print("LibreOffice (soffice) and python3-uno are needed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        text = render_table(check_all(Path(tmp), soffice=soffice, python=python))
    if "--check" in argv:
        if DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC.relative_to(ROOT)} is out of date (run python tools/fidelity_report.py)")
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
