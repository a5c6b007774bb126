"""Real amending acts: reading their instructions reproduces the amended text.

The cases are in ``tests/data/amending-acts/`` (see its README for where every
text comes from). For each: the instruction text of a Kazakh amending law is
read against the text before it, and the result must be the text after it,
unit for unit. The number of statements read and applied exactly is also the
figure ``docs/instructions.md`` reports; the test fails if the two disagree.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import yaml

from lexamend.instructions import read_instructions
from lexamend.model import Document, Status, Unit
from lexamend.parse import parse_file
from lexamend.render.text import render_text
from tests.conftest import DATA, REPO

ACTS = DATA / "amending-acts"
CASES = yaml.safe_load((ACTS / "manifest.yaml").read_text(encoding="utf-8"))


def _excluded_alike(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """A repealed unit compares by its status: adilet adds «Законом РК от …» to «исключен»."""
    return tuple(
        replace(u, text="исключен;", children=()) if u.status is Status.EXCLUDED else replace(u, children=_excluded_alike(u.children))
        for u in units
    )


def _text(doc: Document) -> str:
    return render_text(replace(doc, units=_excluded_alike(doc.units)))


def _read(case: dict[str, str]):  # type: ignore[no-untyped-def]
    before = parse_file(ACTS / case["before"])
    before = replace(before, meta=replace(before.meta, title=case["amends"], language="ru"))
    text = (ACTS / case["instructions"]).read_text(encoding="utf-8")
    return read_instructions(before, text, lang="ru", name=case["instructions"])


@pytest.mark.parametrize("case", CASES, ids=[c["instructions"] for c in CASES])
def test_reading_the_act_reproduces_the_text_after_it(case: dict[str, str]) -> None:
    result = _read(case)
    after = parse_file(ACTS / case["after"])
    assert [str(p) for p in result.problems] == []
    assert result.read == result.statements
    assert _text(result.document) == _text(after)


def test_every_edit_keeps_the_statement_it_was_read_from() -> None:
    result = _read(CASES[2])
    sources = [e.source or "" for e in result.patch.edits]
    assert all(sources)
    assert any("в части первой статьи 5:" in s and "подпункт 6-5) исключить" in s for s in sources)
    assert {e.id for e in result.patch.edits} >= {"L3", "L7"}


def test_the_figure_in_the_docs_is_the_one_measured() -> None:
    read = statements = 0
    for case in CASES:
        result = _read(case)
        read += result.read
        statements += result.statements
    docs = (REPO / "docs" / "instructions.md").read_text(encoding="utf-8")
    match = re.search(r"(\d+) of (\d+) statements", docs)
    assert match, "docs/instructions.md must state the real-act figure as 'N of M statements'"
    assert (int(match.group(1)), int(match.group(2))) == (read, statements)
