"""How a document diff is laid out, whatever the output: groups, lines and marked segments.

Every text output shows the same thing: each change the reader sees (a unit
inserted or deleted shows its descendants' wording with it), under its
citation, as lines of segments marked ``equal``, ``delete`` or ``insert``.
The terminal colours the segments, the unified text writes them as
``[-…-]``/``{+…+}``, the HTML page puts them in ``<del>``/``<ins>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from lexamend.diff.document import DocumentDiff, FieldDiff, NoteChange, UnitChange, UnitRef
from lexamend.diff.words import DELETE, EQUAL, INSERT, WordOp

Segment = tuple[str, str]  # (equal | delete | insert, text)
Line = list[Segment]


@dataclass(frozen=True)
class Group:
    """A change as a reader sees it: the change and the descendants inserted or deleted with it."""

    change: UnitChange
    members: tuple[UnitChange, ...]


def groups(diff: DocumentDiff) -> list[Group]:
    """The changes to show, in order, each with the inserted or deleted units inside it."""
    out: list[Group] = []
    members: dict[str, list[UnitChange]] = {}
    for change in diff.changes:
        if change.within is None:
            members[change.address] = []
            out.append(Group(change, ()))
        else:
            members.setdefault(change.within, []).append(change)
    return [Group(g.change, tuple(members.get(g.change.address, ()))) for g in out]


def _ops_line(ops: tuple[WordOp, ...], keep: tuple[str, ...]) -> Line:
    return [(op.kind, op.text) for op in ops if op.kind in keep]


def _label(old: UnitRef | None, new: UnitRef | None) -> Line:
    """The label, with a renumbering shown as a replacement."""
    a = (old.label or "") if old else ""
    b = (new.label or "") if new else ""
    if a == b:
        return [(EQUAL, a + " ")] if a else []
    line: Line = []
    if a:
        line.append((DELETE, a))
    if b:
        line.append((INSERT, b))
    return [*line, (EQUAL, " ")]


def _field(change: UnitChange, name: str) -> FieldDiff | None:
    return next((f for f in change.fields if f.field == name), None)


def merged_lines(change: UnitChange) -> list[Line]:
    """One view of a matched unit: its label, heading and text with deletions and insertions marked."""
    old, new = change.old, change.new
    assert old is not None and new is not None
    label = _label(old, new)
    heading, text = _field(change, "heading"), _field(change, "text")
    lines: list[Line] = []
    if heading is not None:
        lines.append([*label, *_ops_line(heading.ops, (EQUAL, DELETE, INSERT))])
        label = []
    elif new.heading:
        lines.append([*label, (EQUAL, new.heading)])
        label = []
    if text is not None:
        lines.append([*label, *_ops_line(text.ops, (EQUAL, DELETE, INSERT))])
    elif new.text or label:
        lines.append([*label, (EQUAL, new.text)] if new.text else label)
    return [[(k, t) for k, t in line if t] for line in lines if line]


def side_lines(change: UnitChange) -> tuple[list[Line], list[Line]]:
    """Two views of a matched unit, old and new, each with its own changes marked (for side by side)."""
    merged = merged_lines(change)
    old = [[(k, t) for k, t in line if k != INSERT] for line in merged]
    new = [[(k, t) for k, t in line if k != DELETE] for line in merged]
    return old, new


def wording_lines(group: Group, side: str) -> list[Line]:
    """The whole wording of an inserted (``new``) or deleted (``old``) unit and its descendants."""
    kind = INSERT if side == "new" else DELETE
    ref = group.change.new if side == "new" else group.change.old
    return [[(kind, line)] for line in ref.wording] if ref is not None else []


def note_line(note: NoteChange) -> Line:
    """An editorial note change as one line of segments."""
    if note.change == "added":
        return [(INSERT, note.new or "")]
    if note.change == "removed":
        return [(DELETE, note.old or "")]
    return [(op.kind, op.text) for op in note.ops] or [(DELETE, note.old or ""), (INSERT, note.new or "")]


def warnings(diff: DocumentDiff) -> list[str]:
    """What a reader must know about how the diff was made (fallbacks, low alignment)."""
    from lexamend.diff.document import LOW_ALIGNMENT
    from lexamend.diff.words import MAX_TOKENS

    out: list[str] = []
    alignment = diff.alignment
    if alignment.ratio < LOW_ALIGNMENT and alignment.old_count and alignment.new_count:
        out.append(
            f"only {alignment.ratio:.0%} of the units could be matched ({alignment.matched} of "
            f"{max(alignment.old_count, alignment.new_count)}): are these two versions of the same text?"
        )
    out.extend(alignment.notes)
    for address in diff.capped:
        out.append(
            f"{address}: more than {MAX_TOKENS:,} words; its word diff fell back to one deletion and one insertion "
            "between the common beginning and end"
        )
    return out


def markers(line: Line) -> str:
    """A line as plain text, git --word-diff style: [-deleted-]{+inserted+}."""
    out = []
    for kind, text in line:
        if kind == DELETE:
            out.append(f"[-{text}-]")
        elif kind == INSERT:
            out.append(f"{{+{text}+}}")
        else:
            out.append(text)
    return "".join(out)
