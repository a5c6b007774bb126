"""`lexamend diff --format docx` delegates to the redline writer: real tracked changes, both directions exact."""

from __future__ import annotations

from pathlib import Path

from tests.clirunner import run_cli
from tests.conftest import CORPUS, REPO
from tests.render.wordml import lines, problems


def test_diff_as_docx_of_two_texts(tmp_path: Path) -> None:
    amended = tmp_path / "amended.txt"
    out = tmp_path / "diff.docx"
    assert run_cli("apply", "kz-order-468-rules", str(REPO / "proposals/order-468-p5-documents.yaml"), "-o", str(amended)).code == 0
    result = run_cli("diff", str(CORPUS / "kz/order-468-rules.en.txt"), str(amended), "--format", "docx", "-o", str(out))
    assert result.code == 1, result.err  # like diff(1): 1 means "different"
    data = out.read_bytes()
    assert problems(data) == []
    assert lines(data, "accept") == [l for l in amended.read_text(encoding="utf-8").splitlines() if l]
    base = [l for l in run_cli("parse", str(CORPUS / "kz/order-468-rules.en.txt"), "--format", "text").out.splitlines() if l]
    assert lines(data, "reject") == base


def test_diff_as_docx_of_the_same_text_is_exit_zero(tmp_path: Path) -> None:
    out = tmp_path / "same.docx"
    base = str(CORPUS / "kz/order-468-rules.en.txt")
    result = run_cli("diff", base, base, "--format", "docx", "-o", str(out))
    assert result.code == 0, result.err
    import io
    import zipfile

    document = zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("word/document.xml").decode("utf-8")
    assert "<w:ins " not in document and "<w:del " not in document
    assert "Children of foreigners" in document
