"""The lines of a document, each with the unit it belongs to and the source block it came from.

A redline is written paragraph by paragraph, and a paragraph of a legal text
is one line of :func:`lexamend.render.text.render_lines`: the title, a
heading ("Статья 8. Право на образование"), a numbered item with its text
("2. Граждане …"), an unnumbered part. :func:`document_lines` yields exactly
those lines, in the same order, each with

* ``block`` — the index of the source block it was read from (a line of a text
  file, a paragraph of a .docx), or None for wording that a patch added;
* ``unit`` — the unit whose label, heading or text the line shows (a list
  item whose first part shares its line owns that line);
* ``role`` — "title", "head" (label, with the heading or text on the same
  line), "heading" (a heading on a line of its own) or "text".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lexamend.model import Document, Kind, Unit
from lexamend.render.text import _HEADED, _heading_apart, _inline_part_text, head_line


@dataclass(frozen=True)
class Line:
    """One line of a document's legal text."""

    text: str
    block: int | None
    unit: Unit | None  # None for the title
    role: str  # "title" | "head" | "heading" | "text"

    @property
    def kind(self) -> Kind | None:
        return self.unit.kind if self.unit is not None else None


def _unit_lines(unit: Unit) -> Iterator[Line]:
    # Mirrors lexamend.render.text._lines (without notes); tests check that the texts agree.
    head = head_line(unit)
    if head:
        yield Line(head, unit.head_block, unit, "head")
    if unit.heading and (_heading_apart(unit) or unit.kind is Kind.ATTACHMENT):
        yield Line(unit.heading, unit.heading_block, unit, "heading")
    if unit.kind in _HEADED and unit.text and unit.text_block != unit.head_block:
        yield Line(unit.text, unit.text_block, unit, "text")
    if unit.kind is Kind.ATTACHMENT and unit.text:
        yield Line(unit.text, unit.text_block, unit, "text")
    children = unit.children
    if unit.kind not in _HEADED and unit.kind is not Kind.ATTACHMENT and not unit.text and _inline_part_text(unit):
        # The first part's text went on the label's line; its own list items follow.
        for grandchild in children[0].children:
            yield from _unit_lines(grandchild)
        children = children[1:]
    for child in children:
        yield from _unit_lines(child)


def document_lines(doc: Document) -> list[Line]:
    """Every line of the document's legal text, in order (see the module docstring)."""
    lines: list[Line] = []
    if doc.title_line:
        lines.append(Line(doc.title_line, doc.title_block, None, "title"))
    for unit in doc.units:
        lines.extend(_unit_lines(unit))
    return lines


def unit_line_index(lines: list[Line]) -> dict[int, list[int]]:
    """Line indices by ``id(unit)`` (units are frozen and shared, so identity names them)."""
    index: dict[int, list[int]] = {}
    for position, line in enumerate(lines):
        if line.unit is not None:
            index.setdefault(id(line.unit), []).append(position)
    return index


__all__ = ["Line", "document_lines", "unit_line_index"]
