"""The patch that undoes a patch: ``apply(invert(p), apply(p, base)) == base``.

Each edit is inverted against the text as it stood just before and just after
it, and the inverse edits run in reverse order. Word edits invert to word
edits a drafter would write (deleted words are inserted back after a unique
anchor); every inverse edit is checked by applying it, and when the drafting
form would not restore the text exactly (tidying rules removed a comma, say)
the inverse falls back to replacing a slightly wider, unique passage, and
finally to restating the unit. Structural edits invert structurally: an
inserted unit is repealed, a repealed unit is inserted back with its wording,
a renumbered unit is renumbered back.
"""

from __future__ import annotations

from dataclasses import replace

from lexamend.apply import _Failure, apply_edit, text_sha256
from lexamend.errors import EditFailed
from lexamend.match import find_all
from lexamend.model import Document, Edit, Op, Patch, TextChange, Unit
from lexamend.render.text import render_text, unit_lines
from lexamend.treeops import parent_of


def _unit_wording(unit: Unit) -> str:
    return "\n".join(line for _, line in unit_lines(unit))


def _same(a: tuple[Unit, ...], b: tuple[Unit, ...], doc: Document) -> bool:
    return render_text(replace(doc, units=a)) == render_text(replace(doc, units=b)) and [
        u.eid for r in a for u in r.walk()
    ] == [u.eid for r in b for u in r.walk()]


def _unique_context(text: str, start: int, end: int, side: str) -> str | None:
    """The shortest run of whole words next to [start, end) that occurs once in ``text``."""
    words_left = text[:start].rstrip().split(" ")
    words_right = text[end:].lstrip().split(" ")
    source = words_left if side == "left" else words_right
    for n in range(1, min(len(source), 12) + 1):
        chunk = " ".join(source[-n:]) if side == "left" else " ".join(source[:n])
        if chunk and len(find_all(text, chunk)) == 1:
            return chunk
    return None


def _candidates(before_units: tuple[Unit, ...], after_doc: Document, change: TextChange, edit_id: str) -> list[Edit]:
    """Inverse edits for one text change, most drafting-like first."""
    unit = after_doc.find(change.address)
    if unit is None:
        return []
    current = getattr(unit, change.field) or ""
    new_start, new_end = change.start, change.start + len(change.new)
    old_words, new_words = change.old.strip(), change.new.strip()
    out: list[Edit] = []
    at = unit.address or unit.eid
    if not new_words and old_words:
        left = _unique_context(current, new_start, new_end, "left")
        if left:
            out.append(Edit(id=edit_id, op=Op.INSERT, at=at, text=old_words, after=left))
        right = _unique_context(current, new_start, new_end, "right")
        if right:
            out.append(Edit(id=edit_id, op=Op.INSERT, at=at, text=old_words, before=right))
    if new_words and not old_words:
        if len(find_all(current, new_words)) == 1:
            out.append(Edit(id=edit_id, op=Op.DELETE, at=at, text=new_words))
    if new_words and old_words and len(find_all(current, new_words)) == 1:
        out.append(Edit(id=edit_id, op=Op.REPLACE, at=at, old=new_words, new=old_words))
    # A wider passage: whole words around the change, grown until unique.
    previous = next((u for r in before_units for u in r.walk() if (u.address or u.eid) == change.address), None)
    if previous is not None:
        old_text = getattr(previous, change.field) or ""
        for grow in range(0, 8):
            a = _word_start(current, new_start, grow)
            b = _word_end(current, new_end, grow)
            passage = current[a:b].strip()
            if not passage or len(find_all(current, passage)) != 1:
                continue
            old_a = a
            old_b = b + (len(change.old) - len(change.new))
            out.append(Edit(id=edit_id, op=Op.REPLACE, at=at, old=passage, new=old_text[old_a:old_b].strip()))
            break
    return out


def _word_start(text: str, index: int, extra_words: int) -> int:
    while index > 0 and text[index - 1] != " ":
        index -= 1
    for _ in range(extra_words):
        index = text.rfind(" ", 0, max(index - 1, 0))
        index = 0 if index < 0 else index + 1
    return index


def _word_end(text: str, index: int, extra_words: int) -> int:
    while index < len(text) and text[index] != " ":
        index += 1
    for _ in range(extra_words):
        nxt = text.find(" ", index + 1)
        index = len(text) if nxt < 0 else nxt
    return index


def _structural_inverse(before: Document, after: Document, edit: Edit, address: str) -> list[Edit]:
    eid = f"undo-{edit.id}"
    if edit.op is Op.INSERT_UNIT:
        return [Edit(id=eid, op=Op.REPEAL, at=address, placeholder=False)]
    old = before.find(address)
    if old is None:
        return []
    if edit.op is Op.RESTATE:
        return [Edit(id=eid, op=Op.RESTATE, at=address, text=_unit_wording(old))]
    if edit.op is Op.RENUMBER:
        new_unit = next((u for u in after.walk() if u.head_block == old.head_block and u.kind is old.kind and u.num == edit.num), None)
        if new_unit is None:
            return []
        return [Edit(id=eid, op=Op.RENUMBER, at=new_unit.address or new_unit.eid, num=old.num or "")]
    if edit.op is Op.REPEAL:
        still = after.find(address)
        if still is not None:  # a placeholder was left: restore the wording
            return [Edit(id=eid, op=Op.RESTATE, at=address, text=_unit_wording(old))]
        parent = parent_of(before.units, old.eid)
        siblings = parent.children if parent is not None else before.units
        index = siblings.index(old)
        options = []
        if index > 0:
            options.append(Edit(id=eid, op=Op.INSERT_UNIT, at=siblings[index - 1].address or siblings[index - 1].eid, position="after", num=old.num, kind=old.kind, text=_unit_wording(old)))
        if index + 1 < len(siblings):
            options.append(Edit(id=eid, op=Op.INSERT_UNIT, at=siblings[index + 1].address or siblings[index + 1].eid, position="before", num=old.num, kind=old.kind, text=_unit_wording(old)))
        if parent is not None:
            options.append(Edit(id=eid, op=Op.INSERT_UNIT, at=parent.address or parent.eid, position="first" if index == 0 else "last", num=old.num, kind=old.kind, text=_unit_wording(old)))
        return options
    return []


def invert(base: Document, patch: Patch) -> Patch:
    """The inverse of ``patch`` as applied to ``base`` (which it must apply to exactly)."""
    states: list[Document] = [base]
    inverses: list[Edit] = []
    doc = base
    for edit in patch.edits:
        try:
            outcome = apply_edit(doc, doc.units, edit)
        except _Failure as failure:
            raise EditFailed(edit.id, failure.reason, where=patch.path) from None
        after = replace(doc, units=outcome.units)
        options: list[Edit] = []
        if edit.op in (Op.DELETE, Op.INSERT, Op.REPLACE):
            if len(outcome.changes) == 1:
                options = _candidates(doc.units, after, outcome.changes[0], f"undo-{edit.id}")
            target = after.find(outcome.address)
            if target is not None:
                old_target = doc.find(outcome.address)
                if old_target is not None:
                    options.append(Edit(id=f"undo-{edit.id}", op=Op.RESTATE, at=outcome.address, text=_unit_wording(old_target)))
        else:
            options = _structural_inverse(doc, after, edit, outcome.address)
        chosen = None
        for option in options:
            option = replace(option, rationale=f"Reverses edit {edit.id!r} of {patch.path or 'the patch'}.", patch=patch.path)
            try:
                check = apply_edit(after, after.units, option)
            except _Failure:
                continue
            if _same(check.units, doc.units, base):
                chosen = option
                break
        if chosen is None:
            raise EditFailed(edit.id, "no inverse edit restores the text exactly", where=patch.path)
        inverses.append(chosen)
        doc = after
        states.append(doc)
    inverses.reverse()
    return Patch(
        edits=tuple(inverses),
        title=f"Inverse of: {patch.title}",
        authors=patch.authors,
        date=patch.date,
        base=patch.base,
        base_sha256=text_sha256(doc),
        language=patch.language,
        summary=f"Undoes {patch.path or 'the patch'} ({len(patch.edits)} edits).",
        path="",
    )
