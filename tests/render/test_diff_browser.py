"""The HTML diff and comparison pages in a real browser: headless Chromium renders them, we look.

Screenshots are written to tests/artifacts/ (not committed) so that a reviewer
can open them; the DOM Chromium builds is checked for the key elements.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from tests.clirunner import run_cli
from tests.conftest import REPO, REQUIRE_OFFICE

ARTIFACTS = REPO / "tests" / "artifacts"

pytestmark = pytest.mark.browser


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        if REQUIRE_OFFICE:
            pytest.fail("headless Chromium is required (LEXAMEND_REQUIRE_OFFICE=1) but not installed; see tools/system-deps.sh")
        pytest.skip("Chromium is not installed")
    return exe


def _chromium_run(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = [
        _chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}", *args, page.as_uri(),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, timeout=120)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def _render(html: str, name: str, tmp_path: Path) -> str:
    """Screenshot the page into tests/artifacts/NAME.png and return the DOM Chromium built."""
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"{name}.png"
    shot.unlink(missing_ok=True)
    result = _chromium_run(page, tmp_path, "--window-size=1400,1800", f"--screenshot={shot}")
    assert shot.exists(), result.stderr.decode(errors="replace")[-2000:]
    assert _png_size(shot) == (1400, 1800)
    assert shot.stat().st_size > 20_000, "the screenshot looks blank"
    dom = _chromium_run(page, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    return dom.stdout.decode("utf-8")


def test_diff_page_in_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    html = run_cli(
        "diff", "tests/data/diff/law-education-art8.ru.old.txt", "tests/data/diff/law-education-art8.ru.new.txt", "--format", "html", "-q"
    ).out
    dom = _render(html, "diff-law-education-art8-ru", tmp_path)
    assert 'id="summary"' in dom and "2 units changed, 2 inserted" in dom
    kinds = re.findall(r'<section class="change" id="c\d+" data-kind="(\w+)"', dom)
    assert kinds == ["notes", "changed", "notes", "inserted", "moved", "excluded", "changed", "inserted", "renumbered"]
    assert "<ins>и неполных </ins>" in dom and "<del>ее функционирования </del>" in dom
    assert dom.count('<div class="side old">') >= 9 and dom.count('<div class="side new">') >= 9
    assert '<a href="#c9">Статья 9 → статья 10 (renumbered)</a>' in dom


def test_compare_page_in_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    html = run_cli(
        "compare", "corpus/kz/order-468-rules.en.txt", "proposals/order-468-p2-delete-categories.yaml",
        "proposals/order-468-p2-delete-seasonal.yaml", "--format", "html",
    ).out  # fmt: skip
    dom = _render(html, "compare-order-468-p2", tmp_path)
    assert 'data-status="conflict"' in dom and "overlapping (conflict)" in dom
    assert dom.count('<div class="col ') == 3
    assert "<del>seasonal and </del>" in dom
    assert re.search(r"<del>\(refugees, asylum seekers,.*frontier workers\) </del>", dom)
