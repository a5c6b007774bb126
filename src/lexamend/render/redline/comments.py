"""Margin comments for a patch redline: each edit's rationale and rights, anchored on its change.

An edit that changes words is anchored on the deletions and insertions of its
own words (when two edits change the same paragraph, each comment covers its
own words); an edit that restates, inserts, repeals or renumbers a unit is
anchored on every change in that unit's lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from lexamend.model import Document, Edit, EditResult, Patch, TextChange
from lexamend.render.redline.lines import Line, unit_line_index
from lexamend.render.redline.plan import Step
from lexamend.render.redline.writer import CommentSpec
from lexamend.render.rights import describe_right

_RIGHTS_LABEL = {"en": "Rights", "ru": "Права", "kk": "Құқықтар"}


def comment_text(edit: Edit, lang: str) -> tuple[str, ...]:
    """The paragraphs of an edit's comment: its id and rationale, then its rights references."""
    paragraphs = [p.strip() for p in edit.rationale.split("\n\n") if p.strip()]
    paragraphs = [" ".join(p.split()) for p in paragraphs]
    head = f"[{edit.id}]"
    paragraphs = [f"{head} {paragraphs[0]}", *paragraphs[1:]] if paragraphs else [head]
    if edit.rights:
        rights = "; ".join(describe_right(ref, lang) for ref in edit.rights)
        paragraphs.append(f"{_RIGHTS_LABEL.get(lang, 'Rights')}: {rights}.")
    return tuple(paragraphs)


def _overlaps(a: str, b: str) -> bool:
    a, b = " ".join(a.split()), " ".join(b.split())
    return bool(a and b) and (a in b or b in a)


def _ops_of(step: Step, change: TextChange) -> tuple[int, ...]:
    """The operations of a changed line that carry a text change's old or new words."""
    chosen = []
    for index, (kind, text) in enumerate(step.ops):
        if (kind == "delete" and _overlaps(text, change.old)) or (kind == "insert" and _overlaps(text, change.new)):
            chosen.append(index)
    return tuple(chosen)


def _lines_of(doc: Document, lines: list[Line], address: str, *, descendants: bool) -> set[int]:
    unit = doc.find(address) if address else None
    if unit is None:
        return set()
    index = unit_line_index(lines)
    units = list(unit.walk()) if descendants else [unit]
    return {i for u in units for i in index.get(id(u), [])}


def edit_comments(
    steps: Sequence[Step],
    base: Document,
    amended: Document,
    old_lines: list[Line],
    new_lines: list[Line],
    result,  # type: ignore[no-untyped-def]  # ApplyResult
    patches: Sequence[Patch],
    lang: str,
) -> list[CommentSpec]:
    """One comment per applied edit, anchored on its change."""
    edits = {(edit.patch, edit.id): edit for patch in patches for edit in patch.edits}
    by_new = {step.new: i for i, step in enumerate(steps) if step.new is not None}
    by_old = {step.old: i for i, step in enumerate(steps) if step.old is not None}
    specs: list[CommentSpec] = []
    for outcome in result.results:
        outcome: EditResult
        edit = edits.get((outcome.patch, outcome.edit_id))
        if edit is None or outcome.status not in ("applied", "relocated"):
            continue
        text = comment_text(edit, lang)
        spec = _word_anchor(outcome, steps, amended, new_lines, by_new, text)
        if spec is None:
            new_ids = _lines_of(amended, new_lines, outcome.address, descendants=True)
            old_ids = _lines_of(base, old_lines, outcome.address, descendants=True) if not new_ids else set()
            touched = sorted(
                {by_new[i] for i in new_ids if i in by_new} | {by_old[i] for i in old_ids if i in by_old}
            )
            changed = tuple(i for i in touched if steps[i].kind != "equal")
            if not changed:
                # A repealed unit is gone from the amended text: its deleted old lines carry the change.
                deleted = tuple(i for i, s in enumerate(steps) if s.kind == "delete" and s.old in _lines_of(base, old_lines, outcome.address, descendants=True))
                changed = deleted or tuple(touched)
            if changed:
                spec = CommentSpec(changed, text)
        if spec is not None:
            specs.append(spec)
    return specs


def _word_anchor(outcome: EditResult, steps: Sequence[Step], amended: Document, new_lines: list[Line], by_new: dict[int | None, int], text: tuple[str, ...]) -> CommentSpec | None:
    """For an edit of words: the changed line and the operations carrying its words."""
    for change in outcome.changes:
        for index in sorted(_lines_of(amended, new_lines, change.address, descendants=False)):
            position = by_new.get(index)
            if position is None or steps[position].kind != "change":
                continue
            ops = _ops_of(steps[position], change)
            if ops:
                return CommentSpec((position,), text, ops)
        for index in sorted(_lines_of(amended, new_lines, change.address, descendants=False)):
            position = by_new.get(index)
            if position is not None and steps[position].kind != "equal":
                return CommentSpec((position,), text)
    return None


__all__ = ["comment_text", "edit_comments"]
