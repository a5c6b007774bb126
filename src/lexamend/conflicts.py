"""Conflicts between patches: edits of different patches touching the same text.

Each patch's edits are located in the *base* text independently of the other
patches, as regions: a span of a unit's text for words deleted or replaced, a
point for words inserted, a whole subtree for a restated, repealed or
renumbered unit, and a slot next to a sibling for an inserted unit. Two regions
from different patches conflict when

* two spans of the same text field overlap,
* a point lies strictly inside a span, or two points coincide (the order of the
  insertions would be a guess),
* a subtree region contains the other region's unit, or
* two units are inserted in the same slot.

Edits that cannot be located in the base alone (they depend on an earlier edit
of their own patch) are left out: stacking within one patch is intended.
"""

from __future__ import annotations

from dataclasses import dataclass

from lexamend.errors import CitationError
from lexamend.match import find_all
from lexamend.model import WORD_OPS, Conflict, Document, Edit, Op, Patch


@dataclass(frozen=True)
class Region:
    """Where in the base an edit acts."""

    key: str  # "patch#edit"
    eid: str  # unit
    field: str  # "text" | "heading" | "subtree" | "slot:after" …
    start: int = 0
    end: int = 0

    @property
    def is_point(self) -> bool:
        return self.field in ("text", "heading") and self.start == self.end


def _regions(doc: Document, edit: Edit) -> list[Region]:
    from lexamend.address import resolve

    key = f"{edit.patch}#{edit.id}"
    try:
        target = resolve(doc, edit.at)
    except CitationError:
        return []
    if edit.op in WORD_OPS:
        words = edit.search or ""
        found = []
        for unit in target.walk():
            for fname, text in (("heading", unit.heading or ""), ("text", unit.text)):
                for span in find_all(text, words):
                    found.append((unit, fname, span))
        if edit.occurrence == "all":
            chosen = found
        elif isinstance(edit.occurrence, int):
            chosen = found[edit.occurrence - 1 : edit.occurrence]
        else:
            chosen = found if len(found) == 1 else []
        regions = []
        for unit, fname, span in chosen:
            if edit.op is Op.INSERT:
                point = span.end if edit.after is not None else span.start
                regions.append(Region(key, unit.eid, fname, point, point))
            else:
                regions.append(Region(key, unit.eid, fname, span.start, span.end))
        return regions
    if edit.op is Op.INSERT_UNIT:
        return [Region(key, target.eid, f"slot:{edit.position}")]
    return [Region(key, target.eid, "subtree")]


def _within(eid: str, ancestor: str) -> bool:
    return eid == ancestor or eid.startswith(ancestor + "__")


def _overlap(a: Region, b: Region) -> str | None:
    if a.field == "subtree" and _within(b.eid, a.eid):
        return f"{a.key.split('#')[1]} rewrites or removes {a.eid}, which {b.key.split('#')[1]} edits"
    if b.field == "subtree" and _within(a.eid, b.eid):
        return f"{b.key.split('#')[1]} rewrites or removes {b.eid}, which {a.key.split('#')[1]} edits"
    if a.field.startswith("slot:") or b.field.startswith("slot:"):
        if a.field == b.field and a.eid == b.eid:
            return f"both insert a unit {a.field[5:]} {a.eid}"
        return None
    if a.eid != b.eid or a.field != b.field:
        return None
    if a.is_point and b.is_point:
        return "both insert words at the same place" if a.start == b.start else None
    if a.is_point:
        return "words are inserted inside words the other edit changes" if b.start < a.start < b.end else None
    if b.is_point:
        return "words are inserted inside words the other edit changes" if a.start < b.start < a.end else None
    if a.start < b.end and b.start < a.end:
        return "both change overlapping words"
    return None


def detect_conflicts(doc: Document, patches: list[Patch] | tuple[Patch, ...]) -> list[Conflict]:
    """Every pair of overlapping edits from different patches, in patch order."""
    per_patch = [[r for edit in patch.edits for r in _regions(doc, edit)] for patch in patches]
    conflicts: list[Conflict] = []
    seen: set[tuple[str, str]] = set()
    for i, first in enumerate(per_patch):
        for second in per_patch[i + 1 :]:
            for a in first:
                for b in second:
                    reason = _overlap(a, b)
                    if reason and (a.key, b.key) not in seen:
                        seen.add((a.key, b.key))
                        unit = doc.find(a.eid)
                        address = unit.address if unit is not None else a.eid
                        conflicts.append(Conflict(a.key, b.key, address, reason))
    return conflicts
