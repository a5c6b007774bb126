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


def test_items_of_a_part_written_on_its_paragraphs_label_line_are_lines_too() -> None:
    """A paragraph whose first part shares the label's line: that part's subparagraphs are still lines.

    (Found by the --from/--to property test: two subparagraphs numbered "1)" under paragraph 1
    were dropped from the redline's lines but not from ``render_lines``.)
    """
    from lexamend.parse.text import parse_text

    text = "Закон\nСтатья 1. Общие положения.\n1. Государство обеспечивает:\n1) первое;\n1) второе.\nСтатья вторая. 2. Текст.\n"
    doc = parse_text(text, lang="ru")
    assert [line.text for line in document_lines(doc)] == render_lines(doc)
