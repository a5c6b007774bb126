"""The redline's lines are exactly the lines ``lexamend apply`` writes (render_text), with their units."""

from __future__ import annotations

import pytest

from lexamend.render.redline.lines import document_lines
from lexamend.render.text import render_lines
from tests.conftest import CORPUS, corpus_doc

TEXTS = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("relative", TEXTS)
def test_document_lines_mirror_render_lines(relative: str) -> None:
    doc = corpus_doc(relative)
    lines = document_lines(doc)
    assert [line.text for line in lines] == render_lines(doc)
    assert all(line.block is not None for line in lines)
    assert all(line.unit is not None or line.role == "title" for line in lines)
