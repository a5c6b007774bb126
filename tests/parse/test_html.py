"""The HTML parser: adilet-like pages parse to the same tree as their text."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexamend.errors import InputError
from lexamend.model import Document, Kind, Metadata, NoteKind
from lexamend.parse import parse_bytes, parse_file
from lexamend.render.text import render_lines

DATA = Path(__file__).resolve().parent.parent / "data" / "html"
ADILET = DATA / "adilet-law-education-art8.ru.html"


def tree(doc: Document) -> list[tuple[object, ...]]:
    return [
        (u.eid, u.kind, u.num, u.label, u.heading, u.text, u.status, [(n.kind, n.text, n.placement) for n in u.notes])
        for u in doc.walk()
    ]


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def html(body: str, **kwargs: object) -> Document:
    return parse_bytes(page(body), "page.html", **kwargs)  # type: ignore[arg-type]


def test_adilet_page_parses_like_its_text() -> None:
    from_html = parse_file(ADILET, meta=Metadata())
    from_text = parse_file(ADILET.with_suffix(".txt"), meta=Metadata())
    assert from_html.source_format == "html"
    assert tree(from_html) == tree(from_text)
    assert render_lines(from_html, notes=True) == render_lines(from_text, notes=True)
    assert from_html.title_line == from_text.title_line == "Об образовании"
    assert [(i.code, i.message) for i in from_html.issues] == [(i.code, i.message) for i in from_text.issues]
    article = from_html.find("art_8")
    assert [n.kind for n in article.notes] == [NoteKind.FOOTNOTE]
    assert from_html.find("art_8__para_2-1").notes[0].kind is NoteKind.EDITOR
    # Links inside sentences add no spaces or breaks.
    assert from_html.find("art_8__para_1__part_1").text.endswith("в соответствии с Конституцией Республики Казахстан.")
    # Page furniture is gone.
    text = "\n".join(b.raw for b in from_html.blocks)
    for furniture in ("Документы", "dataLayer", "©", "Информационно-правовая система", "color: #555"):
        assert furniture not in text


def test_br_splits_only_before_number_labels() -> None:
    doc = html("<p>Статья 1. Цель</p><p>1) первый;<br>2) второй<br>продолжение второго;<br/>Статья 2. Вторая</p>")
    assert [(b.raw, b.line) for b in doc.blocks][1:] == [
        ("1) первый;", 1),
        ("2) второй продолжение второго;", 1),
        ("Статья 2. Вторая", 1),
    ]
    assert doc.find("art_1__subpara_2").text == "второй продолжение второго;"
    assert doc.find("art_2") is not None


def test_headings_keep_their_tag_as_style() -> None:
    doc = html("<h1>Law on Tests</h1><h2>Chapter 1</h2><h2>General provisions</h2><p>Article 1. Scope</p><p>Text.</p>")
    assert [b.style for b in doc.blocks] == ["h1", "h2", "h2", "p", "p"]
    assert doc.title_line == "Law on Tests"
    assert doc.find("chp_1").heading == "General provisions"


def test_mixed_div_text_is_not_repeated() -> None:
    doc = html("<div>Статья 1. Цель<p>1. Первый пункт.</p>Текст после пункта.</div>")
    assert [b.raw for b in doc.blocks] == ["Статья 1. Цель", "1. Первый пункт.", "Текст после пункта."]
    assert [b.style for b in doc.blocks] == ["div", "p", "div"]


def test_ordered_lists_get_automatic_labels() -> None:
    doc = html(
        '<p>Article 1. Rights</p><ol><li>First.</li><li>Second:<ol type="a"><li>one;</li><li>two.</li></ol></li></ol>'
        '<ol start="3"><li><p>Third.</p></li></ol>'
    )
    assert [(b.label_auto, b.raw) for b in doc.blocks[1:]] == [
        ("1.", "First."), ("2.", "Second:"), ("a.", "one;"), ("b.", "two."), ("3.", "Third."),
    ]  # fmt: skip
    assert [(u.eid, u.label) for u in doc.walk() if u.kind is Kind.PARAGRAPH] == [
        ("art_1__para_1", "1."), ("art_1__para_2", "2."), ("art_1__para_3", "3."),
    ]  # fmt: skip
    # "a." before a lower-case word is not a point label for the tree builder: the items are parts.
    assert doc.find("art_1__para_2").full_text() == "Second:\na. one;\nb. two."


def test_tables_become_cells() -> None:
    doc = html(
        "<p>Статья 1. Ставки</p><table><thead><tr><th>Услуга</th><th>Ставка</th></tr></thead>"
        "<tbody><tr><td>Лицензия</td><td><table><tr><td>10 МРП</td></tr></table></td></tr>"
        "<tr><td></td><td>5 МРП</td></tr></tbody></table><p>Статья 2. Оплата</p>"
    )
    table = doc.find("art_1__table_1")
    assert table is not None and table.kind is Kind.TABLE
    assert [[c.full_text() for c in row.children] for row in table.children] == [
        ["Услуга", "Ставка"],
        ["Лицензия", "10 МРП"],
        ["", "5 МРП"],
    ]
    assert doc.find("art_2") is not None


def test_pre_lines_are_breaks() -> None:
    doc = html("<pre>Статья 1. Цель\n1. Первый\n   пункт.\n2. Второй.</pre>")
    assert [b.raw for b in doc.blocks] == ["Статья 1. Цель", "1. Первый пункт.", "2. Второй."]


ARTICLE = "<p>Статья 1. Цель закона</p>"
HTTP_EQUIV = "text/html; charset=windows-1251"
XHTML = "http://www.w3.org/1999/xhtml"


@pytest.mark.parametrize(
    ("data", "kwargs"),
    [
        (page(ARTICLE, '<meta charset="windows-1251">').decode().encode("cp1251"), {}),
        (page(ARTICLE, f'<meta http-equiv="Content-Type" content="{HTTP_EQUIV}">').decode().encode("cp1251"), {}),
        (page(ARTICLE, "").decode().encode("cp1251"), {}),  # no declaration: cp1251 detected
        (page(ARTICLE, '<meta charset="windows-1251">'), {}),  # declared wrongly: the bytes are UTF-8
        (b"\xef\xbb\xbf" + page(ARTICLE, ""), {}),
        (page(ARTICLE, '<meta charset="koi8-r">').decode().encode("koi8-r"), {}),
        (page(ARTICLE, "").decode().encode("koi8-r"), {"encoding": "koi8-r"}),
        (f'<?xml version="1.0" encoding="utf-8"?><html xmlns="{XHTML}"><body>{ARTICLE}</body></html>'.encode(), {}),
    ],
)
def test_charsets(data: bytes, kwargs: dict[str, str]) -> None:
    doc = parse_bytes(data, "page.html", **kwargs)
    assert doc.units[0].label == "Статья 1." and doc.units[0].heading == "Цель закона"


def test_language_detected() -> None:
    assert html("<p>1-бап. Осы Заңның мақсаты</p><p>Барлық адам заң мен сот алдында тең.</p>").meta.language == "kk"


@pytest.mark.parametrize("data", [b"", b"   ", b"%PDF-1.7 binary"])
def test_bad_input(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^page\.html: "):
        parse_bytes(data, "page.html")
