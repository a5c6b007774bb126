"""A document diff as one self-contained HTML page: old and new side by side, unit by unit.

The page has no external assets (inline CSS, no scripts, no fonts or images to
fetch), so it can be mailed, archived or opened offline. Deleted words are in
``<del>`` on the left, inserted words in ``<ins>`` on the right; every change
has an anchor (``#c1``, ``#c2`` …) listed in the contents at the top.
"""

from __future__ import annotations

from typing import Any

from lexamend.diff.document import DocumentDiff, NoteChange
from lexamend.diff.words import DELETE, INSERT
from lexamend.render.diff_layout import Group, Line, groups, note_line, side_lines, warnings, wording_lines

_CLASS = {DELETE: "del", INSERT: "ins"}


def environment():  # type: ignore[no-untyped-def]
    """The Jinja2 environment for lexamend's HTML templates (strict, autoescaped)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("lexamend", "render/templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def segments(line: Line) -> list[dict[str, str]]:
    """A line as template data: each segment with its CSS class ("" for unchanged words)."""
    return [{"cls": _CLASS.get(kind, ""), "text": text} for kind, text in line]


def _sides(group: Group) -> tuple[list[Line], list[Line]]:
    change = group.change
    if change.kind == "inserted":
        return [], wording_lines(group, "new")
    if change.kind == "deleted":
        return wording_lines(group, "old"), []
    return side_lines(change)


def _note(note: NoteChange) -> dict[str, Any]:
    line = note_line(note)
    return {
        "change": note.change,
        "kind": note.kind,
        "old": segments([(k, t) for k, t in line if k != INSERT]) if note.change != "added" else [],
        "new": segments([(k, t) for k, t in line if k != DELETE]) if note.change != "removed" else [],
    }


def diff_context(diff: DocumentDiff) -> dict[str, Any]:
    """The template data for a diff."""
    rows = []
    for number, group in enumerate(groups(diff), start=1):
        change = group.change
        old_lines, new_lines = _sides(group)
        rows.append(
            {
                "id": f"c{number}",
                "kind": change.kind,
                "description": change.describe(),
                "old_address": change.old.address if change.old else "",
                "new_address": change.new.address if change.new else "",
                "old_line": change.old.line if change.old else None,
                "new_line": change.new.line if change.new else None,
                "old": [segments(line) for line in old_lines],
                "new": [segments(line) for line in new_lines],
                "notes": [_note(n) for c in (change, *group.members) for n in c.notes],
            }
        )
    title = None
    if diff.title is not None:
        line = [(op.kind, op.text) for op in diff.title.ops]
        title = {"old": segments([s for s in line if s[0] != INSERT]), "new": segments([s for s in line if s[0] != DELETE])}
    return {
        "old": {"source": diff.old.meta.source, "title": diff.old.meta.title or diff.old.title_line or ""},
        "new": {"source": diff.new.meta.source, "title": diff.new.meta.title or diff.new.title_line or ""},
        "summary": diff.summary_line(),
        "counts": diff.summary(),
        "identical": diff.identical,
        "ratio": f"{diff.alignment.ratio:.0%}",
        "warnings": warnings(diff),
        "title_change": title,
        "rows": rows,
        "document_notes": [_note(n) for n in diff.document_notes],
    }


def render_html(diff: DocumentDiff) -> str:
    """The diff as a self-contained HTML page."""
    return environment().get_template("diff.html.j2").render(**diff_context(diff))
