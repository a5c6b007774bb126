"""Round trip: reading the instructions written for a patch gives a patch with the same effect.

For generated patches (hypothesis) on the Law "On Education" (Russian, adilet
typography with straight quotes) and on the Order No. 468 Rules (English), in
all three languages of formulas: applying ``read(write(patch))`` to the base
gives exactly the text that applying ``patch`` gives.
"""

from __future__ import annotations

import os
from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lexamend.address import resolve_path
from lexamend.apply import apply_one
from lexamend.errors import EditFailed
from lexamend.instructions import read_instructions, write_instructions
from lexamend.instructions.targets import number_order
from lexamend.model import CONTAINER_KINDS, Document, Edit, Kind, Op, Patch, Unit
from lexamend.render.text import render_text
from lexamend.treeops import next_number, relabel
from tests.conftest import corpus_doc

#: Examples per property; LEXAMEND_EXAMPLES=400 explores further (the suite keeps it quick).
EXAMPLES = int(os.environ.get("LEXAMEND_EXAMPLES", "25"))
_WORDS = {
    "ru": ["новые", "слова", "и", "(или)", "мигранты,", "«особые»", "дети", "в том числе", '"Болашак"', "2024"],
    "en": ["new", "words", "and", "(or)", "migrants,", "“special”", "children", "including", "2024"],
}
_TEXT_KINDS = (Kind.ARTICLE, Kind.PARAGRAPH, Kind.SUBPARAGRAPH, Kind.POINT, Kind.PART, Kind.PREAMBLE)
_NUMBERED = (Kind.PARAGRAPH, Kind.SUBPARAGRAPH)


def _segments(unit: Unit) -> list[tuple[Unit, str]]:
    return [(u, t) for u in unit.walk() for t in (u.heading or "", u.text) if t]


def _draw_words(data: st.DataObject, vocabulary: list[str]) -> str:
    return " ".join(data.draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=4)))


def _draw_edit(data: st.DataObject, doc: Document, units: tuple[Unit, ...], i: int, vocabulary: list[str]) -> Edit | None:
    from lexamend.match import find_all

    everything = [u for root in units for u in root.walk() if u.kind in _TEXT_KINDS and u.status.value == "in_force"]
    op = data.draw(st.sampled_from(["delete", "replace", "insert", "insert", "restate", "insert_unit", "insert_part", "repeal", "renumber"]))
    if op in ("delete", "replace", "insert"):
        unit = data.draw(st.sampled_from([u for u in everything if u.text or u.heading]))
        text = data.draw(st.sampled_from([t for t in (unit.heading or "", unit.text) if t]))
        tokens = text.split()
        start = data.draw(st.integers(0, len(tokens) - 1))
        length = data.draw(st.integers(1, min(5, len(tokens) - start)))
        words = " ".join(tokens[start : start + length])
        found = [s for _, t in _segments(unit) for s in find_all(t, words)]
        if not found:
            return None
        occurrence: int | str | None = None
        if len(found) > 1:
            occurrence = data.draw(st.one_of(st.integers(1, len(found)), st.just("all")))
        at = unit.address or unit.eid
        if op == "delete":
            return Edit(f"e{i}", Op.DELETE, at, text=words, occurrence=occurrence)
        if op == "replace":
            return Edit(f"e{i}", Op.REPLACE, at, old=words, new=_draw_words(data, vocabulary), occurrence=occurrence)
        where = data.draw(st.sampled_from(["after", "before"]))
        return Edit(f"e{i}", Op.INSERT, at, text=_draw_words(data, vocabulary), occurrence=occurrence, **{where: words})
    if op == "restate":
        leaves = [u for u in everything if not u.children and u.text and (u.kind is Kind.PART or (u.label and u.kind in _NUMBERED))]
        unit = data.draw(st.sampled_from(leaves))
        body = _draw_words(data, vocabulary) + "."
        text = body if unit.kind is Kind.PART else f"{unit.label} {body}"
        return Edit(f"e{i}", Op.RESTATE, unit.address or unit.eid, text=text)
    if op in ("insert_unit", "renumber"):
        numbered = [u for u in everything if u.kind in _NUMBERED and u.num and u.num.replace("-", "").isdigit() and u.label]
        unit = data.draw(st.sampled_from(numbered))
        siblings = _siblings(units, unit)
        num = next_number(unit.num or "", {s.num for s in siblings if s.num})
        if op == "renumber":
            later = [s for s in siblings if s.kind is unit.kind]
            if later and later[-1].eid != unit.eid:
                return None  # keep the list in order: only the last unit of a list is renumbered
            return Edit(f"e{i}", Op.RENUMBER, unit.address or unit.eid, num=num)
        label = relabel(unit.label, unit.num, num)
        return Edit(f"e{i}", Op.INSERT_UNIT, unit.address or unit.eid, text=f"{label} {_draw_words(data, vocabulary)};", num=num)
    if op == "insert_part":
        owners = [u for u in everything if u.kind is Kind.PARAGRAPH and (u.text or any(c.kind is Kind.PART for c in u.children))]
        unit = data.draw(st.sampled_from(owners))
        return Edit(f"e{i}", Op.INSERT_UNIT, unit.address or unit.eid, text=_draw_words(data, vocabulary) + ".", kind=Kind.PART, position="last")
    repealable = [u for u in everything if u.kind in (Kind.SUBPARAGRAPH, Kind.PARAGRAPH) and u.num]
    unit = data.draw(st.sampled_from(repealable))
    return Edit(f"e{i}", Op.REPEAL, unit.address or unit.eid)


def _siblings(units: tuple[Unit, ...], unit: Unit) -> tuple[Unit, ...]:
    from lexamend.treeops import siblings_of

    return siblings_of(units, unit.eid)


def _draw_patch(data: st.DataObject, doc: Document, vocabulary: list[str]) -> Patch:
    units = doc.units
    edits: list[Edit] = []
    for i in range(data.draw(st.integers(1, 4))):
        edit = _draw_edit(data, doc, units, i, vocabulary)
        if edit is None:
            continue
        new_units, result = apply_one(doc, units, edit)
        if result.status != "applied":
            continue
        units = new_units
        edits.append(edit)
    assume(edits)
    return Patch(tuple(edits), title="generated", base=doc.meta.source)


def _round_trip(doc: Document, patch: Patch, lang: str) -> None:
    expected = doc.units
    placed: dict[str, tuple[Document, str]] = {}
    for edit in patch.edits:
        expected, result = apply_one(doc, expected, edit)
        assert result.status == "applied"
        placed[edit.id] = (replace(doc, units=expected), result.address)
    try:
        text = write_instructions(doc, patch, lang=lang).text()
    except EditFailed as exc:
        # Refused only where the number alone would put the new unit elsewhere.
        assert "is not where its number puts it" in exc.reason, exc
        _assert_number_misplaces(*placed[exc.edit_id])
        return
    read = read_instructions(doc, text, lang=lang)
    assert not read.unread, f"{[str(p) for p in read.unread]}\n{text}"
    assert render_text(read.document) == render_text(replace(doc, units=expected)), text


def _assert_number_misplaces(after: Document, address: str) -> None:
    """Another unit of the new one's kind has a number below the new one's and not below the unit before it."""
    path = resolve_path(after, address)
    new = path[-1]
    siblings = path[-2].children if len(path) > 1 and path[-2].kind not in CONTAINER_KINDS else tuple(after.walk())
    same = [u for u in siblings if u.kind is new.kind and u.num]
    index = [u.eid for u in same].index(new.eid)
    before = number_order(same[index - 1].num or "") if index else None
    key = number_order(new.num or "")
    rivals = [u for u in same if u.eid != new.eid and number_order(u.num or "") < key and (before is None or number_order(u.num or "") >= before)]
    assert rivals and (index == 0 or rivals != [same[index - 1]]), f"{new.eid} is where its number puts it"


_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@_SETTINGS
@given(data=st.data(), lang=st.sampled_from(["ru", "en", "kk"]))
def test_round_trip_law_on_education(data: st.DataObject, lang: str) -> None:
    doc = corpus_doc("kz/law-education-2007.ru.txt")
    _round_trip(doc, _draw_patch(data, doc, _WORDS["ru"]), lang)


@_SETTINGS
@given(data=st.data(), lang=st.sampled_from(["ru", "en", "kk"]))
def test_round_trip_order_468_rules(data: st.DataObject, lang: str) -> None:
    doc = corpus_doc("kz/order-468-rules.en.txt")
    _round_trip(doc, _draw_patch(data, doc, _WORDS["en"]), lang)
