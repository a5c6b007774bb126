"""Render a clause tree back to text: the inverse of :mod:`lexamend.parse.text`.

``render_text(parse_text(t))`` reproduces the legal text of ``t`` one block per
line, whitespace normalised; with ``notes=True`` the editorial notes are put
back where they stood, so the whole source is reproduced.
"""

from __future__ import annotations

from collections.abc import Iterator

from lexamend.model import Document, Kind, Note, Unit

_HEADED = frozenset(
    {Kind.SECTION, Kind.CHAPTER, Kind.SUBCHAPTER, Kind.ARTICLE, Kind.ANNEX, Kind.HCONTAINER, Kind.PREAMBLE}
)


def unit_lines(unit: Unit) -> Iterator[tuple[int | None, str]]:
    """The lines of one unit and its descendants, each with its source block (if known)."""
    yield from _lines(unit, with_notes=False)


def head_line(unit: Unit) -> str | None:
    """The first line of a unit: its label with its heading or with its text."""
    if unit.kind is Kind.ATTACHMENT:
        return unit.label
    if unit.kind in _HEADED:
        heading = unit.heading if not _heading_apart(unit) else None
        parts = [p for p in (unit.label, heading) if p]
        if unit.text and unit.text_block is not None and unit.text_block == unit.head_block:
            parts.append(unit.text)
        return " ".join(parts) if parts else None
    if unit.kind is Kind.PART:
        return unit.text
    first = unit.text or _inline_part_text(unit)
    return " ".join(p for p in (unit.label, first) if p) or None


def _heading_apart(unit: Unit) -> bool:
    """Whether the heading stood on a line of its own (a markdown caption, a Rules title)."""
    return unit.heading_block is not None and unit.heading_block != unit.head_block


def _inline_part_text(unit: Unit) -> str:
    """A list item whose own text runs over parts shows its first part after its label."""
    if unit.children and unit.children[0].kind is Kind.PART and _shares_block(unit, unit.children[0]):
        return unit.children[0].text
    return ""


def _shares_block(unit: Unit, part: Unit) -> bool:
    if unit.head_block is None and part.head_block is None:
        return True
    return part.head_block == unit.head_block


def _lines(unit: Unit, with_notes: bool) -> Iterator[tuple[int | None, str]]:
    if with_notes:
        for note in unit.notes:
            if note.placement == "before":
                yield from _note_lines(note)
    head = head_line(unit)
    if head:
        yield unit.head_block, head
    if unit.heading and (_heading_apart(unit) or unit.kind is Kind.ATTACHMENT):
        yield unit.heading_block, unit.heading
    # Text on a line of its own; a unit with no source blocks (inserted or restated by a patch) shows
    # it on its own line too, as head_line() does not put it on the label's line.
    if unit.kind in _HEADED and unit.text and (unit.text_block is None or unit.text_block != unit.head_block):
        yield unit.text_block, unit.text
    if unit.kind is Kind.ATTACHMENT and unit.text:
        yield unit.text_block, unit.text
    children = unit.children
    if unit.kind not in _HEADED and unit.kind is not Kind.ATTACHMENT and not unit.text and _inline_part_text(unit):
        # The first part's text went on the label's line; its notes and list items follow.
        first = children[0]
        if with_notes:
            for note in first.notes:
                yield from _note_lines(note)
        for grandchild in first.children:
            yield from _lines(grandchild, with_notes)
        children = children[1:]
    for child in children:
        yield from _lines(child, with_notes)
    if with_notes:
        for note in unit.notes:
            if note.placement != "before":
                yield from _note_lines(note)


def _note_lines(note: Note) -> Iterator[tuple[int | None, str]]:
    for offset, line in enumerate(note.text.split("\n")):
        yield note.block + offset * 0.001, line  # type: ignore[misc]


def render_lines(doc: Document, *, notes: bool = False) -> list[str]:
    """The document's text, one block per line."""
    pairs: list[tuple[int | None, str]] = []
    if doc.title_line:
        pairs.append((doc.title_block, doc.title_line))
    if notes:
        for note in doc.notes:
            pairs.extend(_note_lines(note))
    for unit in doc.units:
        pairs.extend(_lines(unit, with_notes=notes))
    if notes and all(key is not None for key, _ in pairs):
        pairs.sort(key=lambda pair: pair[0])  # type: ignore[arg-type,return-value]
    return [line for _, line in pairs]


def render_text(doc: Document, *, notes: bool = False) -> str:
    """The document's legal text (and, with ``notes``, its editorial notes), one block per line."""
    lines = render_lines(doc, notes=notes)
    return "\n".join(lines) + ("\n" if lines else "")
