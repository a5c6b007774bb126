"""The comparative table: rows, headings in three languages, and the docx, Markdown and HTML outputs."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from lexamend.apply import apply_patches
from lexamend.model import Edit, Op, Patch
from lexamend.patch import load as load_patch
from lexamend.render.table import WORDS, comparative_rows, render_table
from tests.conftest import REPO, corpus_doc
from tests.render import wordml

ORDER = "kz/order-468-rules.en.txt"
THREE = ("order-468-p2-delete-categories.yaml", "order-468-p4-registration.yaml", "order-468-p5-documents.yaml")


def _rows(lang: str, names=THREE, extra: tuple[Edit, ...] = ()):  # type: ignore[no-untyped-def]
    base = corpus_doc(ORDER)
    patches = [load_patch(REPO / "proposals" / name) for name in names]
    if extra:
        patches.append(Patch(edits=tuple(Edit(**{**e.__dict__, "patch": "extra.yaml"}) for e in extra), path="extra.yaml"))
    result = apply_patches(base, patches)
    assert result.ok, [r.reason for r in result.failed]
    return base, patches, comparative_rows(base, result, patches, lang)


def test_one_row_per_amended_unit_with_struck_and_inserted_words() -> None:
    _, _, rows = _rows("en")
    assert [r.citation for r in rows] == ["Paragraph 2", "Paragraph 4", "Paragraph 5"]
    assert [r.edits for r in rows] == [("p2-delete-categories",), ("p4-delete-note", "p4-add-confirming-document"), ("p5-replace-documents",)]
    deleted = [text for kind, text in rows[0].current[0] if kind == "delete"]
    assert [d.strip() for d in deleted] == ["(refugees, asylum seekers, consular officers, employees of diplomatic institutions, migrant workers, with the exception of the seasonal and frontier workers)"]
    assert all(kind != "insert" for line in rows[0].current for kind, _ in line)
    assert all(kind != "delete" for line in rows[1].proposed for kind, _ in line)
    inserted = "".join(text for kind, text in rows[1].proposed[0] if kind == "insert")
    assert inserted.strip().startswith("and the document confirming the registration")
    assert "Constitution of the Republic of Kazakhstan, Article 14(2)" in rows[0].rights


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        ("ru", ("Действующая редакция", "Предлагаемая редакция", "Обоснование")),
        ("kk", ("Қолданыстағы редакция", "Ұсынылатын редакция", "Негіздеме")),
        ("en", ("Current wording", "Proposed wording", "Rationale")),
    ],
)
def test_headings_and_citations_in_the_chosen_language(lang: str, headings: tuple[str, str, str]) -> None:
    base, patches, rows = _rows(lang)
    assert (WORDS[lang]["current"], WORDS[lang]["proposed"], WORDS[lang]["rationale"]) == headings
    expected = {"ru": "Пункт 2", "kk": "2-тармақ", "en": "Paragraph 2"}[lang]
    assert rows[0].citation == expected
    for fmt in ("md", "html"):
        text = render_table(rows, base, patches, lang, fmt)
        assert all(h in text for h in headings)
    data = render_table(rows, base, patches, lang, "docx")
    assert all(h in "".join(wordml.paragraphs(data, "shown")) for h in headings)


def test_added_and_repealed_units_say_so() -> None:
    extra = (
        Edit("add", Op.INSERT_UNIT, "para_5", text="Schools shall not ask for a migration card.", rationale="Clarity."),
        Edit("drop", Op.REPEAL, "para_3", placeholder=False, rationale="Obsolete."),
    )
    _, _, rows = _rows("ru", names=(), extra=extra)
    by_edit = {r.edits: r for r in rows}
    added, dropped = by_edit[("add",)], by_edit[("drop",)]
    assert added.current == ((("equal", "Отсутствует."),),)
    assert [k for line in added.proposed for k, _ in line] == ["insert"]
    assert dropped.proposed == ((("equal", "Исключить."),),)
    assert [k for line in dropped.current for k, _ in line] == ["delete"]


def test_markdown_escapes_and_keeps_emphasis_tight() -> None:
    base, patches, rows = _rows("en", names=("order-468-p2-delete-categories.yaml",))
    text = render_table(rows, base, patches, "en", "md")
    assert "\\[…\\]" in text or "[…]" not in text  # brackets escaped
    assert "~~**(refugees" in text and "workers)**~~ are" in text  # no space inside the markers
    assert all(line.count("|") - line.count("\\|") == 6 for line in text.splitlines() if line.startswith("| 1 "))


def test_html_is_self_contained_and_escaped() -> None:
    extra = (Edit("x", Op.INSERT, "para_5", text="<b>tags</b> & more", after="documents", rationale='Uses <script>alert("x")</script>.'),)
    base, patches, rows = _rows("en", names=(), extra=extra)
    html = render_table(rows, base, patches, "en", "html")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;tags&lt;/b&gt; &amp; more" in html
    assert not re.search(r"""(?:src|href)=["']?https?:""", html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "<ins>" in html


def test_docx_table_is_landscape_with_a_repeated_header_row() -> None:
    base, patches, rows = _rows("ru")
    data = render_table(rows, base, patches, "ru", "docx")
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:orient="landscape"' in document
    assert document.count("<w:tblHeader/>") == 1
    assert document.count("<w:tr>") == 1 + len(rows)
    assert "<w:strike/>" in document and '<w:u w:val="single"/>' in document
    assert wordml.problems(data, tracked=False) == []
    assert wordml.reopen_with_python_docx(data) > 0
    assert render_table(rows, base, patches, "ru", "docx") == data  # deterministic
