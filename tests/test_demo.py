"""`make demo` on the shipped corpus: the whole job runs and every file it promises opens.

Runs tools/demo.sh (what `make demo` runs) into a temporary directory, then opens
the packs' Word files with LibreOffice and their HTML pages with headless Chromium.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.render.test_diff_browser import _chromium_run
from tests.render.test_libreoffice import convert

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice, pytest.mark.browser]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "out"
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(["bash", str(REPO / "tools" / "demo.sh"), str(bin_dir), str(out)], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"Start with {out}/order-468-pack/index.html" in result.stdout
    return out


def test_demo_writes_every_promised_output(demo: Path) -> None:
    for relative in (
        "trees/order-468-rules.en.json",
        "amended/order-468-rules.amended.en.txt",
        "order-468-proposals.redline.docx",
        "order-468-p2-alternatives.compare.html",
        "xref/order-468-p2-delete-seasonal.md",
        "order-468-proposals.instructions.en.md",
        "order-468-pack/index.html",
        "order-468-pack/recommendation.docx",
        "law-education-pack/index.html",
        "law-education-pack/redline.docx",
    ):
        assert (demo / relative).is_file(), relative


def test_every_demo_pack_file_opens(demo: Path, tmp_path: Path) -> None:
    documents = sorted(demo.glob("*-pack/*.docx"))
    assert len(documents) == 8
    converted = tmp_path / "pdf"
    for pack in sorted(demo.glob("*-pack")):
        convert(sorted(pack.glob("*.docx")), "pdf", converted / pack.name, tmp_path)
        for document in pack.glob("*.docx"):
            assert (converted / pack.name / f"{document.stem}.pdf").stat().st_size > 5_000, document
    for page in sorted(demo.glob("*-pack/*.html")):
        dom = _chromium_run(page, tmp_path, "--dump-dom")
        assert dom.returncode == 0 and b"<h1>" in dom.stdout, page
