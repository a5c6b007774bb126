"""Show word edits as the patch wrote them: the deleted words struck, the new words inserted.

A word diff finds the smallest change between two wordings, which is not
always the change a drafter proposed: deleting "with the note on registration
at the place of residence" and inserting "and the document confirming the
registration at the place of permanent residence" share words, and a word diff
would strike and insert around them. The apply engine records what each edit
did (:class:`lexamend.model.TextChange`: the field, the span, the old and new
words), so for lines changed by word edits the redline composes those records
instead: each edit's old words are deleted and its new words inserted, as the
amendment reads («слова «…» заменить словами «…»»).

Spans are widened to whole tokens (:func:`lexamend.diff.tokens.tokenize`), so a
change is never shown inside a word even when the engine's record of it is
trimmed to the characters that differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lexamend.diff.tokens import tokenize
from lexamend.diff.words import DELETE, EQUAL, INSERT
from lexamend.model import TextChange, Unit

Op = tuple[str, str]


def _cut(segments: list[list[str]], position: int, *, after_deleted: bool) -> int:
    """Make accepted-view position ``position`` a segment boundary; return the index of the segment there.

    With ``after_deleted``, deleted segments lying at the boundary are passed
    over, so that words inserted there follow the words deleted there.
    """
    offset = 0
    for index, (kind, text) in enumerate(segments):
        length = 0 if kind == DELETE else len(text)
        if kind != DELETE and offset < position < offset + length:
            cut = position - offset
            segments[index : index + 1] = [[kind, text[:cut]], [kind, text[cut:]]]
            return index + 1
        if offset >= position and (kind != DELETE or not after_deleted):
            return index
        offset += length
    return len(segments)


def compose(base: str, changes: Iterable[TextChange]) -> tuple[Op, ...] | None:
    """The ops that show ``changes`` (applied in order, each in the coordinates of the text before it) on ``base``.

    Returns None when a record does not fit the text (the caller then diffs the wordings).
    """
    segments: list[list[str]] = [[EQUAL, base]] if base else []
    for change in changes:
        current = "".join(text for kind, text in segments if kind != DELETE)
        if current[change.start : change.end] != change.old:
            return None
        start = _cut(segments, change.start, after_deleted=True)
        end = _cut(segments, change.end, after_deleted=False) if change.end > change.start else start
        replaced: list[list[str]] = []
        for kind, text in segments[start:end]:
            if kind == EQUAL:
                replaced.append([DELETE, text])
            elif kind == DELETE:
                replaced.append([kind, text])
            # words inserted by an earlier edit and deleted by a later one vanish
        if change.new:
            replaced.append([INSERT, change.new])
        segments[start:end] = replaced
    return _whole_tokens(_merge(segments))


def _merge(segments: Iterable[Sequence[str]]) -> list[list[str]]:
    out: list[list[str]] = []
    for kind, text in segments:
        if not text:
            continue
        if out and out[-1][0] == kind:
            out[-1][1] += text
        else:
            out.append([kind, text])
    return out


def _whole_tokens(ops: list[list[str]]) -> tuple[Op, ...]:
    """Group each run of changes into one deletion and one insertion, widened to whole tokens."""
    groups: list[list[str]] = []  # [EQUAL, text] or ["change", old, new]
    for kind, text in ops:
        if kind == EQUAL:
            groups.append([EQUAL, text])
        else:
            if not groups or groups[-1][0] == EQUAL:
                groups.append(["change", "", ""])
            if kind == DELETE:
                groups[-1][1] += text
            else:
                groups[-1][2] += text
    for index, group in enumerate(groups):
        if group[0] != "change":
            continue
        if index > 0 and groups[index - 1][0] == EQUAL:
            before = groups[index - 1]
            tokens = tokenize(before[1])
            if tokens and not tokens[-1].isspace() and _starts_inside(tokens[-1], group[1] or group[2]):
                before[1] = before[1][: -len(tokens[-1])]
                group[1], group[2] = tokens[-1] + group[1], tokens[-1] + group[2]
        if index + 1 < len(groups) and groups[index + 1][0] == EQUAL:
            after = groups[index + 1]
            tokens = tokenize(after[1])
            if tokens and not tokens[0].isspace() and _ends_inside(group[1] or group[2], tokens[0]):
                after[1] = after[1][len(tokens[0]) :]
                group[1], group[2] = group[1] + tokens[0], group[2] + tokens[0]
    out: list[Op] = []
    for group in groups:
        if group[0] == EQUAL:
            if group[1]:
                out.append((EQUAL, group[1]))
        else:
            if group[1] == group[2]:
                if group[1]:
                    out.append((EQUAL, group[1]))
                continue
            if group[1]:
                out.append((DELETE, group[1]))
            if group[2]:
                out.append((INSERT, group[2]))
    merged: list[Op] = []
    for kind, text in out:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return tuple(merged)


def _starts_inside(token: str, text: str) -> bool:
    """Whether a change beginning with ``text`` right after ``token`` would cut a token in two."""
    return bool(text) and not text[0].isspace() and len(tokenize(token + text[:1])) == 1


def _ends_inside(text: str, token: str) -> bool:
    return bool(text) and not text[-1].isspace() and len(tokenize(text[-1:] + token)) == 1


def line_edit_ops(old_line: str, new_line: str, base_field: str, changes: Sequence[TextChange]) -> tuple[Op, ...] | None:
    """Ops for a line whose field ``base_field`` the ``changes`` amended; None when they do not fit the line."""
    ops = compose(base_field, changes)
    if ops is None:
        return None
    old_field = "".join(text for kind, text in ops if kind != INSERT)
    new_field = "".join(text for kind, text in ops if kind != DELETE)
    offset = old_line.rfind(old_field) if old_field else len(old_line)
    if offset < 0:
        return None
    before, after = old_line[:offset], old_line[offset + len(old_field) :]
    if before + new_field + after != new_line:
        return None
    out = ([(EQUAL, before)] if before else []) + list(ops) + ([(EQUAL, after)] if after else [])
    merged: list[Op] = []
    for kind, text in out:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return _whole_tokens([list(op) for op in merged])


def changes_by_unit(results: Iterable[object]) -> dict[str, list[TextChange]]:
    """The text changes of applied edits, in the order they were made, by unit address."""
    out: dict[str, list[TextChange]] = {}
    for result in results:
        if getattr(result, "status", "") not in ("applied", "relocated"):
            continue
        for change in getattr(result, "changes", ()):
            out.setdefault(change.address, []).append(change)
    return out


def ops_from_changes(old_unit: Unit | None, new_unit: Unit | None, old_line: str, new_line: str, changes: dict[str, list[TextChange]]) -> tuple[Op, ...] | None:
    """Ops for a changed line from the edits that changed it, when they are word edits of one field."""
    if old_unit is None or new_unit is None:
        return None
    candidates: list[tuple[Unit, Unit]] = [(old_unit, new_unit)]
    if old_unit.children and new_unit.children:
        candidates.append((old_unit.children[0], new_unit.children[0]))  # a list item's first part shares its line
    found: list[tuple[str, list[TextChange]]] = []
    for old, new in candidates:
        for key in {new.address, new.eid} - {""}:
            for field in ("text", "heading"):
                records = [c for c in changes.get(key, []) if c.field == field]
                if records:
                    base = (old.text if field == "text" else old.heading) or ""
                    found.append((base, records))
    if len(found) != 1:
        return None
    base, records = found[0]
    return line_edit_ops(old_line, new_line, base, records)


__all__ = ["changes_by_unit", "compose", "line_edit_ops", "ops_from_changes"]
