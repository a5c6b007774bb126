"""A document diff for the terminal (rich): grouped by unit, citations as headers, a summary line.

Deleted words are red and struck through, inserted words green and
underlined. Without colours (a pipe, ``--color never``) the same view is
written with git's word-diff markers, ``[-deleted-]`` and ``{+inserted+}``, so
that nothing depends on colour alone.
"""

from __future__ import annotations

from typing import IO

from lexamend.diff.document import DocumentDiff
from lexamend.diff.words import DELETE, INSERT
from lexamend.render.diff_layout import Group, Line, groups, markers, merged_lines, note_line, warnings, wording_lines

_STYLE = {DELETE: "red strike", INSERT: "green underline"}
_KIND_STYLE = {
    "changed": "yellow",
    "inserted": "green",
    "deleted": "red",
    "excluded": "red",
    "renumbered": "cyan",
    "moved": "magenta",
    "notes": "blue",
}


def _text(line: Line, color: bool):  # type: ignore[no-untyped-def]
    from rich.text import Text

    if not color:
        return Text(markers(line))
    text = Text()
    for kind, chunk in line:
        text.append(chunk, style=_STYLE.get(kind, ""))
    return text


def _body(group: Group) -> list[Line]:
    change = group.change
    if change.kind == "inserted":
        return wording_lines(group, "new")
    if change.kind == "deleted":
        return wording_lines(group, "old")
    return merged_lines(change)


def render_terminal(diff: DocumentDiff, stream: IO[str], *, color: bool, width: int | None = None) -> None:
    """Write the diff to ``stream`` (colours only when ``color``)."""
    from rich.console import Console
    from rich.rule import Rule
    from rich.text import Text

    console = Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width or (None if color else 100),
        highlight=False,
        emoji=False,
        soft_wrap=True,  # long legal sentences stay one line each: the terminal wraps them, pipes keep them
    )
    console.print(Text(f"--- {diff.old.meta.source}", style="bold red" if color else ""))
    console.print(Text(f"+++ {diff.new.meta.source}", style="bold green" if color else ""))
    for message in warnings(diff):
        console.print(Text(f"warning: {message}", style="yellow" if color else ""))
    if diff.title is not None:
        console.print(Rule(Text("title", style="bold"), align="left", style="dim"))
        console.print(_text([(op.kind, op.text) for op in diff.title.ops], color))
    for group in groups(diff):
        change = group.change
        header = Text(change.describe(), style="bold")
        header.append(f"  [{change.kind}]", style=_KIND_STYLE.get(change.kind, "") if color else "")
        console.print()
        console.print(Rule(header, align="left", style="dim"))
        address = change.address if change.old is None or change.new is None or change.old.address == change.new.address else f"{change.old.address} → {change.new.address}"
        console.print(Text(address, style="dim"))
        for line in _body(group):
            console.print(_text(line, color))
        for note in (n for c in (change, *group.members) for n in c.notes):
            prefix = Text(f"  note {note.change} ({note.kind}): ", style="blue" if color else "")
            console.print(prefix + _text(note_line(note), color))
    for note in diff.document_notes:
        console.print()
        console.print(Text(f"document note {note.change} ({note.kind}): ", style="blue" if color else "") + _text(note_line(note), color))
    console.print()
    console.print(Text(diff.summary_line(), style="bold"))
