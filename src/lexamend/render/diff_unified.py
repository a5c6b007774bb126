"""A document diff as plain text shaped like a unified diff, with units for hunks (for email and git).

::

    --- old.txt
    +++ new.txt
    # 1 unit changed, 0 inserted, 0 repealed, 0 renumbered/moved
    @@ paragraph 2 of the Rules (para_2) changed @@
    -2. Children of foreigners … (refugees, …) are accepted …
    +2. Children of foreigners … are accepted …

Each hunk header names the unit by its citation and address and says what
happened. With word-level output (the default) a changed unit is one line
with git's word-diff markers (``[-deleted-]{+inserted+}``) instead of a
``-`` and a ``+`` line; inserted and deleted units are always ``+`` and ``-``
lines. Editorial notes are ``#``-prefixed lines under their unit. Plain text,
no colour, deterministic.
"""

from __future__ import annotations

from lexamend.diff.document import DocumentDiff, UnitChange
from lexamend.render.diff_layout import (
    Line,
    groups,
    markers,
    merged_lines,
    note_line,
    side_lines,
    warnings,
    wording_lines,
)


def _plain(line: Line) -> str:
    return "".join(text for _, text in line)


def _header(change: UnitChange) -> str:
    old, new = change.old, change.new
    if old is not None and new is not None and old.address != new.address:
        where = f"{old.address} → {new.address}"
    else:
        where = change.address
    return f"@@ {change.describe()} ({where}) [{change.kind}] @@"


def render_unified(diff: DocumentDiff) -> str:
    """The diff as text (see the module docstring)."""
    word_level = diff.options.word_level
    out = [f"--- {diff.old.meta.source}", f"+++ {diff.new.meta.source}", f"# {diff.summary_line()}"]
    out.extend(f"# warning: {message}" for message in warnings(diff))
    if diff.title is not None:
        out.append("@@ title @@")
        if word_level:
            out.append(" " + markers([(op.kind, op.text) for op in diff.title.ops]))
        else:
            out.extend([f"-{diff.title.old}", f"+{diff.title.new}"])
    for group in groups(diff):
        change = group.change
        out.append(_header(change))
        if change.kind == "inserted":
            out.extend("+" + _plain(line) for line in wording_lines(group, "new"))
        elif change.kind == "deleted":
            out.extend("-" + _plain(line) for line in wording_lines(group, "old"))
        elif word_level and (change.fields or change.renumbered):
            out.extend(" " + markers(line) for line in merged_lines(change))
        elif change.fields or change.renumbered:
            old_lines, new_lines = side_lines(change)
            out.extend("-" + _plain(line) for line in old_lines)
            out.extend("+" + _plain(line) for line in new_lines)
        else:
            out.extend(" " + _plain(line) for line in merged_lines(change))
        for note in (n for c in (change, *group.members) for n in c.notes):
            text = markers(note_line(note)) if word_level or note.change != "changed" else f"{note.old} → {note.new}"
            out.append(f"# note {note.change} ({note.kind}): {text}".replace("\n", "\n# "))
    for note in diff.document_notes:
        out.append(f"@@ document note {note.change} ({note.kind}) @@")
        out.append(f"# {markers(note_line(note))}".replace("\n", "\n# "))
    return "\n".join(out) + "\n"
