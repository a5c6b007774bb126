"""The pack opens: HTML in headless Chromium (screenshots, DOM, no console errors), Word files in LibreOffice.

Screenshots and PDFs go to tests/artifacts/ (not committed) for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.clirunner import run_cli
from tests.conftest import CORPUS, REPO
from tests.render.test_diff_browser import _chromium_run, _png_size
from tests.render.test_libreoffice import convert

ARTIFACTS = REPO / "tests" / "artifacts"
PROPOSALS = REPO / "proposals"

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "order-468"
    patches = [str(PROPOSALS / n) for n in ("order-468-p2-delete-categories.yaml", "order-468-p4-registration.yaml", "order-468-p5-documents.yaml")]
    result = run_cli("report", str(CORPUS / "kz" / "order-468-rules.en.txt"), *patches, "-o", str(out), "-q")
    assert result.code == 0, result.err
    return out


@pytest.mark.parametrize(("page", "width"), [("index.html", 1200), ("recommendation.html", 1200), ("recommendation.html", 390), ("instructions.html", 1200)])
def test_pages_render_in_chromium_without_console_errors(pack: Path, tmp_path: Path, page: str, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"report-{Path(page).stem}-{width}.png"
    shot.unlink(missing_ok=True)
    result = _chromium_run(pack / page, tmp_path, f"--window-size={width},1600", f"--screenshot={shot}", "--enable-logging=stderr", "--v=0")
    assert shot.exists() and _png_size(shot) == (width, 1600)
    assert shot.stat().st_size > 20_000, "the screenshot looks blank"
    log = result.stderr.decode("utf-8", errors="replace")
    console = [line for line in log.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == [], console
    dom = _chromium_run(pack / page, tmp_path, "--dump-dom").stdout.decode("utf-8")
    assert "<h1>" in dom
    if page == "recommendation.html":
        assert dom.count('<section class="item"') == 5  # four edits and the alternative
        assert "<del>(refugees, asylum seekers" in dom and "<ins>" in dom
        assert "The Committee may wish to recommend" in dom
    if page == "index.html":
        for href in re.findall(r'href="([^"]+)"', dom):
            assert (pack / href).exists(), href


def test_every_word_file_of_the_pack_converts_in_libreoffice(pack: Path, tmp_path: Path) -> None:
    documents = sorted(pack.glob("*.docx"))
    assert len(documents) == 4
    outdir = ARTIFACTS / "report-pdf"
    shutil.rmtree(outdir, ignore_errors=True)
    convert(documents, "pdf", outdir, tmp_path)
    for document in documents:
        pdf = outdir / f"{document.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 5_000, document.name
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")
        assert "Kazakhstan" in text, document.name
    first = outdir / "recommendation.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(first), str(ARTIFACTS / "report-recommendation-docx")], check=True)
