"""Pure operations on the clause tree: replace, insert, remove and renumber units.

Every function takes a tuple of root units and returns a new tuple; nothing is
modified in place (units are frozen). Numbers follow the post-Soviet insertion
convention: a unit inserted after 5 is 5-1, after 5-1 it is 5-2, and existing
units are never renumbered implicitly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from lexamend.model import Kind, Status, Unit
from lexamend.parse.numbering import number_key
from lexamend.parse.text import text_blocks
from lexamend.parse.tree import build_tree, readdress


def map_unit(units: tuple[Unit, ...], eid: str, fn: Callable[[Unit], tuple[Unit, ...]]) -> tuple[tuple[Unit, ...], bool]:
    """Replace the unit with ``eid`` by ``fn(unit)`` (zero, one or more units)."""
    out: list[Unit] = []
    found = False
    for unit in units:
        if found:
            out.append(unit)
            continue
        if unit.eid == eid:
            out.extend(fn(unit))
            found = True
            continue
        if eid.startswith(unit.eid + "__"):
            children, found = map_unit(unit.children, eid, fn)
            out.append(replace(unit, children=children) if found else unit)
        else:
            out.append(unit)
    return tuple(out), found


def parent_of(units: tuple[Unit, ...], eid: str) -> Unit | None:
    for unit in units:
        if any(child.eid == eid for child in unit.children):
            return unit
        if eid.startswith(unit.eid + "__"):
            found = parent_of(unit.children, eid)
            if found is not None:
                return found
    return None


def siblings_of(units: tuple[Unit, ...], eid: str) -> tuple[Unit, ...]:
    parent = parent_of(units, eid)
    return parent.children if parent is not None else units


def next_number(sibling_num: str, taken: set[str]) -> str:
    """The number for a unit inserted after ``sibling_num``: 5 → 5-1, 5-1 → 5-2, skipping taken ones.

    >>> next_number("5", {"5", "6"})
    '5-1'
    >>> next_number("5", {"5", "5-1", "6"})
    '5-2'
    >>> next_number("5-1", {"5", "5-1"})
    '5-2'
    """
    parts = sibling_num.split("-")
    if len(parts) > 1 and parts[-1].isdigit():
        stem, n = "-".join(parts[:-1]), int(parts[-1]) + 1
    else:
        stem, n = sibling_num, 1
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def relabel(label: str | None, old_num: str | None, new_num: str) -> str | None:
    """Write ``new_num`` into a label in place of ``old_num``: "Статья 8." → "Статья 8-1."."""
    if not label:
        return label
    if old_num and old_num in label:
        return label.replace(old_num, new_num, 1)
    return label


def parse_fragment(text: str, *, label: str | None = None, heading: str | None = None) -> tuple[Unit, ...]:
    """Parse the wording of a restated or inserted unit.

    When the wording does not start with a label, ``label`` (and ``heading``,
    for articles and chapters) is put in front of it, so that "Государство …"
    given for paragraph 4 parses as "4. Государство …".
    """
    blocks, _ = text_blocks(text.strip("\n"))
    if not blocks:
        return ()
    probe = build_tree(blocks[:1])
    first_is_unit = bool(probe.units) and probe.units[0].kind not in (Kind.PREAMBLE, Kind.BLOCK) and probe.title is None
    if not first_is_unit and label:
        prefix = f"{label} {heading}\n" if heading else f"{label} "
        blocks, _ = text_blocks(prefix + text.strip("\n"))
    result = build_tree(blocks)
    units = result.units
    if result.title is not None:
        # A single unlabelled line is text, not a document title.
        units = (Unit(kind=Kind.PART, eid="", text=result.title), *units)
    return _strip_blocks(units)


def _strip_blocks(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """New wording has no source blocks."""
    return tuple(
        replace(u, head_block=None, text_block=None, heading_block=None, notes=(), children=_strip_blocks(u.children))
        for u in units
    )


def carry_blocks(old: Unit, new: Unit) -> Unit:
    """Keep the source blocks of units that survive a restatement (same kind and number).

    A writer that puts tracked changes into the original document needs to know
    which source paragraph each restated unit replaces.
    """
    old_children = {(c.kind, c.num or c.eid.rsplit("__", 1)[-1]): c for c in old.children}
    children = []
    for child in new.children:
        match = old_children.get((child.kind, child.num or child.eid.rsplit("__", 1)[-1]))
        children.append(carry_blocks(match, child) if match is not None else child)
    if children and children[0].kind is Kind.PART and not new.text and new.head_block is None and children[0].head_block is None:
        # The wording put the first part on the label's line ("1-1. Text …"): it shares the unit's block.
        children[0] = replace(children[0], head_block=old.head_block)
    return replace(
        new,
        head_block=old.head_block,
        text_block=old.text_block if new.text else None,
        heading_block=old.heading_block if new.heading else None,
        notes=old.notes,
        children=tuple(children),
    )


def insert_sibling(
    units: tuple[Unit, ...], anchor_eid: str, new: Unit, position: str
) -> tuple[tuple[Unit, ...], bool]:
    """Insert ``new`` after/before the unit ``anchor_eid``, or first/last among its children."""

    def place(children: tuple[Unit, ...]) -> tuple[Unit, ...] | None:
        for index, child in enumerate(children):
            if child.eid == anchor_eid:
                if position == "before":
                    return (*children[:index], new, *children[index:])
                if position == "after":
                    # After 5 come 5-1, 5-2 … already there: keep numeric order.
                    at = index + 1
                    key = number_key(new.num or "") if new.num else None
                    while key is not None and at < len(children) and children[at].kind is new.kind:
                        other = number_key(children[at].num or "") if children[at].num else None
                        if other is None or other >= key:
                            break
                        at += 1
                    return (*children[:at], new, *children[at:])
                if position == "first":
                    inner = child.children
                    lead = 1 if inner and inner[0].kind is Kind.PART and not child.text and new.kind is not Kind.PART else 0
                    return (*children[:index], replace(child, children=(*inner[:lead], new, *inner[lead:])), *children[index + 1 :])
                return (*children[:index], replace(child, children=(*child.children, new)), *children[index + 1 :])
        return None

    placed = place(units)
    if placed is not None:
        return placed, True
    out: list[Unit] = []
    found = False
    for unit in units:
        if not found and anchor_eid.startswith(unit.eid + "__"):
            children, found = insert_sibling(unit.children, anchor_eid, new, position)
            out.append(replace(unit, children=children) if found else unit)
        else:
            out.append(unit)
    return tuple(out), found


def placeholder_text(kind: Kind, language: str) -> str:
    """The «исключен» placeholder for a repealed unit in the document's language."""
    if language == "kk":
        return "алып тасталды;" if kind in (Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT) else "Алып тасталды."
    if language == "ru":
        feminine = kind in (Kind.ARTICLE, Kind.CHAPTER, Kind.PART)
        word = "исключена" if feminine else "исключен"
        return f"{word};" if kind in (Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT) else word.capitalize() + "."
    return "excluded;" if kind in (Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT) else "Excluded."


def to_placeholder(unit: Unit, language: str) -> Unit:
    """The unit as an «исключен» placeholder: number kept, text replaced, children gone."""
    text = placeholder_text(unit.kind, language)
    return replace(
        unit,
        heading=None if unit.kind in (Kind.ARTICLE, Kind.CHAPTER, Kind.SECTION) else unit.heading,
        text=text,
        children=(),
        status=Status.EXCLUDED,
        text_block=unit.text_block if unit.text_block is not None else unit.head_block,
    )


def keeps_numbering(units: tuple[Unit, ...]) -> bool:
    """Whether a document keeps the numbers of repealed units as «исключен» placeholders."""
    for root in units:
        for unit in root.walk():
            if unit.status is Status.EXCLUDED:
                return True
    return False


__all__ = [
    "carry_blocks",
    "insert_sibling",
    "keeps_numbering",
    "map_unit",
    "next_number",
    "parent_of",
    "parse_fragment",
    "placeholder_text",
    "readdress",
    "relabel",
    "siblings_of",
    "to_placeholder",
]
