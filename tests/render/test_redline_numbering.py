"""Redlines of a Word base whose paragraphs Word numbers automatically (``w:numPr``)."""

from __future__ import annotations

import pytest

from lexamend.apply import apply_patches
from lexamend.errors import OutputError
from lexamend.model import Edit, Op, Patch
from lexamend.parse import parse_bytes
from lexamend.render.redline import redline_patches
from lexamend.render.redline.verify import view_text
from lexamend.render.text import render_lines
from tests.parse.docx_fixtures import LEGAL_ABSTRACT, build_docx, numbering, para
from tests.render import wordml

ITEMS = [
    (0, "Граждане имеют право на образование."),
    (0, "Иностранцы имеют равные права:"),
    (1, "постоянно проживающие;"),
    (1, "временно пребывающие."),
    (0, "Государство обеспечивает доступность образования."),
]


def numbered_docx() -> bytes:
    body = [para("Закон об образовании", "Title"), para("Статья 8. Право на образование", "Heading1")]
    body += [para(text, num=1, ilvl=level) for level, text in ITEMS]
    return build_docx("".join(body), numbering_xml=numbering(LEGAL_ABSTRACT.format(id=0), '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'))


def redline(*edits: Edit) -> tuple[bytes, list[str], list[str]]:
    source = numbered_docx()
    base = parse_bytes(source, "law.docx", lang="ru")
    patch = Patch(edits=tuple(Edit(**{**e.__dict__, "patch": "p.yaml"}) for e in edits), path="p.yaml", date="2026-01-01")
    result = apply_patches(base, [patch])
    assert result.ok, [r.reason for r in result.failed]
    data = redline_patches(base, source, result, [patch])  # verifies: accept → amended, reject → base
    return data, render_lines(result.document), render_lines(base)


def test_the_base_is_numbered_by_word() -> None:
    base = parse_bytes(numbered_docx(), "law.docx", lang="ru")
    assert render_lines(base)[2:5] == ["1. Граждане имеют право на образование.", "2. Иностранцы имеют равные права:", "1) постоянно проживающие;"]


def test_word_edit_in_a_numbered_paragraph_keeps_its_automatic_number() -> None:
    data, amended, original = redline(Edit("e", Op.INSERT, "art_8__para_2__subpara_2", text="мигранты,", before="временно"))
    assert view_text(data, accept=True, lang="ru") == amended
    assert view_text(data, accept=False, lang="ru") == original
    root = wordml.document_root(data)
    typed = [t.text for t in root.iter(wordml.W + "t") if (t.text or "").startswith("2)")]
    assert typed == []  # the label is still Word's, not typed


def test_a_unit_inserted_into_a_numbered_list_types_its_label_and_leaves_the_rest_numbered() -> None:
    data, amended, _ = redline(Edit("e", Op.INSERT_UNIT, "art_8__para_2", text="Лица без гражданства имеют те же права."))
    assert "2-1. Лица без гражданства имеют те же права." in amended
    assert view_text(data, accept=True, lang="ru") == amended
    inserted = [p for p in wordml.document_root(data).iter(wordml.W + "p") if "2-1." in "".join(p.itertext())][0]
    num_id = inserted.find(f"{wordml.W}pPr/{wordml.W}numPr/{wordml.W}numId")
    assert num_id is not None and num_id.get(wordml.W + "val") == "0"


def test_renumbering_a_numbered_paragraph_switches_its_numbering_off_as_a_tracked_change() -> None:
    data, amended, original = redline(Edit("e", Op.RENUMBER, "art_8__para_3", num="4"))
    assert "4. Государство обеспечивает доступность образования." in amended
    assert view_text(data, accept=True, lang="ru") == amended
    assert view_text(data, accept=False, lang="ru") == original
    assert b"pPrChange" in __import__("zipfile").ZipFile(__import__("io").BytesIO(data)).read("word/document.xml")


def test_repealing_a_numbered_paragraph_without_a_placeholder_is_refused_not_miswritten() -> None:
    with pytest.raises(OutputError, match="would not show the amended text"):
        redline(Edit("e", Op.REPEAL, "art_8__para_1", placeholder=False))


def test_repealing_with_a_placeholder_keeps_the_numbers() -> None:
    data, amended, _ = redline(Edit("e", Op.REPEAL, "art_8__para_1", placeholder=True))
    assert "1. Исключен." in amended
    assert view_text(data, accept=True, lang="ru") == amended


def test_the_last_item_of_a_numbered_list_can_be_repealed_outright() -> None:
    """Nothing after it is renumbered, so Word shows what the patch says; its paragraph mark is deleted."""
    data, amended, _ = redline(Edit("e", Op.REPEAL, "art_8__para_2__subpara_2", placeholder=False))
    assert view_text(data, accept=True, lang="ru") == amended
    marks = [p for p in wordml.document_root(data).iter(wordml.W + "p") if p.find(f"{wordml.W}pPr/{wordml.W}rPr/{wordml.W}del") is not None]
    assert len(marks) == 1 and "временно пребывающие" in "".join(marks[0].itertext())
