"""apply_one: one edit at a time, unnumbered parts, and restated units keeping their lines."""

from __future__ import annotations

from dataclasses import replace

from lexamend.address import resolve
from lexamend.apply import apply_one
from lexamend.model import Edit, Kind, Op
from lexamend.parse.text import parse_text
from lexamend.render.text import render_text, unit_lines

LAW = parse_text(
    """Статья 1. Права

1. Каждый ребенок имеет право на образование.

2. Государство обеспечивает детей местами.

Дети иностранцев имеют равные права.
"""
)


def test_failed_edit_leaves_units_unchanged_and_says_why() -> None:
    units, result = apply_one(LAW, LAW.units, Edit(id="e", op=Op.DELETE, at="art_1__para_1", text="нет таких слов"))
    assert units is LAW.units
    assert result.status == "failed"
    assert "нет таких слов" in (result.reason or "")


def test_applied_edit_returns_the_new_state() -> None:
    units, result = apply_one(LAW, LAW.units, Edit(id="e", op=Op.REPLACE, at="art_1__para_1", old="Каждый", new="Любой"))
    assert result.status == "applied" and result.address == "art_1__para_1"
    assert resolve(replace(LAW, units=units), "art_1__para_1").text == "Любой ребенок имеет право на образование."


def test_part_added_to_single_text_paragraph_makes_its_text_part_one() -> None:
    edit = Edit(id="e", op=Op.INSERT_UNIT, at="art_1__para_1", position="last", kind=Kind.PART, text="Порядок  определяется\nорганом.")
    units, result = apply_one(LAW, LAW.units, edit)
    assert result.status == "applied"
    assert result.address == "art_1__para_1__part_2"
    doc = replace(LAW, units=units)
    paragraph = resolve(doc, "art_1__para_1")
    assert paragraph.text == ""
    assert [(c.kind, c.text) for c in paragraph.children] == [
        (Kind.PART, "Каждый ребенок имеет право на образование."),
        (Kind.PART, "Порядок определяется органом."),
    ]
    assert next(iter(unit_lines(paragraph))) == (paragraph.head_block, "1. Каждый ребенок имеет право на образование.")


def test_new_part_reports_its_own_address_when_its_text_repeats_a_sibling() -> None:
    edit = Edit(id="e", op=Op.INSERT_UNIT, at="art_1__para_2__part_2", kind=Kind.PART, text="Дети иностранцев имеют равные права.")
    units, result = apply_one(LAW, LAW.units, edit)
    assert result.address == "art_1__para_2__part_3"
    assert render_text(replace(LAW, units=units)).count("Дети иностранцев имеют равные права.") == 2


def test_empty_part_is_refused() -> None:
    units, result = apply_one(LAW, LAW.units, Edit(id="e", op=Op.INSERT_UNIT, at="art_1__para_1", position="last", kind=Kind.PART, text="  "))
    assert result.status == "failed" and units is LAW.units


def test_restated_paragraph_keeps_part_one_on_its_label_line() -> None:
    edit = Edit(id="e", op=Op.RESTATE, at="art_1__para_1", text="1. Первая часть.\nВторая часть.")
    units, result = apply_one(LAW, LAW.units, edit)
    assert result.status == "applied"
    paragraph = resolve(replace(LAW, units=units), "art_1__para_1")
    assert list(unit_lines(paragraph)) == [(paragraph.head_block, "1. Первая часть."), (None, "Вторая часть.")]
