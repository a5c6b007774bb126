"""A comparison of two proposals as terminal text, Markdown, JSON (``lexamend/compare`` v1) or HTML.

Every view shows, for each unit either proposal touches, the base wording and
each proposal's result with its changes marked against the base, the edit ids
behind them and the classification (same, A only, B only, conflict,
composable); then, for two versions of one proposal, the edits added,
dropped and changed by id.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from lexamend.diff.compare import Comparison, EditChange, UnitComparison
from lexamend.diff.words import WordOp
from lexamend.render.diff_layout import Line, markers
from lexamend.render.tree_json import dumps

SCHEMA_ID = "lexamend/compare"
SCHEMA_VERSION = 1

_LABEL = {
    "same": "same result",
    "a-only": "A only",
    "b-only": "B only",
    "conflict": "overlapping (conflict)",
    "composable": "disjoint edits (composable)",
}


def _name(patch_path: str, fallback: str) -> str:
    return Path(patch_path).name if patch_path else fallback


def _lines(ops: tuple[WordOp, ...]) -> list[Line]:
    """Word ops split into lines at the newlines of the wording."""
    lines: list[Line] = [[]]
    for op in ops:
        parts = op.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append((op.kind, part))
    return [line for line in lines if line]


def _side(unit: UnitComparison, side: str) -> list[Line]:
    wording = {"a": unit.a, "b": unit.b, "combined": unit.combined}[side]
    if wording is None:
        return [[("delete", line)] for line in unit.base or ()]
    if unit.base is None:
        return [[("insert", line)] for line in wording]
    return _lines(unit.ops(side))


def _edit_dict(edit: Any) -> dict[str, Any] | None:
    if edit is None:
        return None
    from lexamend.patch.dump import edit_to_dict

    return edit_to_dict(edit)


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as a JSON-ready dict (schema ``lexamend/compare`` v1)."""
    return {
        "schema": SCHEMA_ID,
        "version": SCHEMA_VERSION,
        "base": {"source": comparison.base.meta.source, "title": comparison.base.meta.title or comparison.base.title_line or ""},
        "a": {"path": comparison.a.path, "title": comparison.a.title, "edits": len(comparison.a.edits)},
        "b": {"path": comparison.b.path, "title": comparison.b.title, "edits": len(comparison.b.edits)},
        "same": comparison.same,
        "summary": {**comparison.counts(), "line": comparison.summary_line()},
        "failures": list(comparison.failures),
        "conflicts": [{"first": c.first, "second": c.second, "address": c.address, "reason": c.reason} for c in comparison.conflicts],
        "units": [
            {
                "key": u.key,
                "address": u.address,
                "citation": u.citation,
                "status": u.status,
                "base": list(u.base) if u.base is not None else None,
                "a": list(u.a) if u.a is not None else None,
                "b": list(u.b) if u.b is not None else None,
                "combined": list(u.combined) if u.combined is not None else None,
                "edits_a": list(u.edits_a),
                "edits_b": list(u.edits_b),
                "reason": u.reason or None,
            }
            for u in comparison.units
        ],
        "versions": [
            {"id": e.id, "status": e.status, "fields": list(e.fields), "old": _edit_dict(e.old), "new": _edit_dict(e.new)}
            for e in comparison.versions
        ],
    }


def comparison_to_json(comparison: Comparison) -> str:
    return dumps(comparison_to_dict(comparison))


# -- Markdown ---------------------------------------------------------------------------------


def _md_line(line: Line) -> str:
    out = []
    for kind, text in line:
        escaped = text.replace("|", "\\|")
        if kind == "delete":
            out.append(f"~~{escaped.strip()}~~ " if escaped.strip() else escaped)
        elif kind == "insert":
            out.append(f"**{escaped.strip()}** " if escaped.strip() else escaped)
        else:
            out.append(escaped)
    return "".join(out).strip()


def _md_cell(lines: list[Line] | None, plain: tuple[str, ...] | None = None) -> str:
    if plain is not None:
        return "<br>".join(line.replace("|", "\\|") for line in plain) or "—"
    return "<br>".join(_md_line(line) for line in lines or []) or "—"


def _version_lines(changes: tuple[EditChange, ...], md: bool) -> list[str]:
    out = []
    for change in changes:
        if change.status == "same":
            continue
        fields = f" ({', '.join(change.fields)})" if change.fields else ""
        edit = change.new or change.old
        what = f"{edit.op.value} at {edit.at}" if edit is not None else ""
        out.append(f"- `{change.id}` {change.status}{fields}: {what}" if md else f"  {change.id}: {change.status}{fields} — {what}")
    return out


def render_markdown(comparison: Comparison) -> str:
    """The comparison as Markdown: one table per unit (base, A, B), deletions struck, insertions bold."""
    a_name = _name(comparison.a.path, "A")
    b_name = _name(comparison.b.path, "B")
    out = [
        f"# Comparison of two proposals for {comparison.base.meta.title or comparison.base.meta.source}",
        "",
        f"- **Base:** `{comparison.base.meta.source}`",
        f"- **A:** `{comparison.a.path}` — {comparison.a.title}",
        f"- **B:** `{comparison.b.path}` — {comparison.b.title}",
        f"- **Result:** {comparison.summary_line()}",
        "",
    ]
    for failure in comparison.failures:
        out.append(f"> **Does not apply:** {failure}")
    for unit in comparison.units:
        out += [f"## {unit.citation[:1].upper() + unit.citation[1:]} — {_LABEL[unit.status]}", "", f"`{unit.address}`", ""]
        if unit.reason:
            out += [f"*{unit.reason}*", ""]
        out += ["| | wording | edits |", "|---|---|---|"]
        out.append(f"| Base | {_md_cell(None, unit.base)} | |")
        out.append(f"| A ({a_name}) | {_md_cell(_side(unit, 'a'))} | {', '.join(unit.edits_a) or '—'} |")
        out.append(f"| B ({b_name}) | {_md_cell(_side(unit, 'b'))} | {', '.join(unit.edits_b) or '—'} |")
        if unit.combined is not None:
            out.append(f"| A then B | {_md_cell(_side(unit, 'combined'))} | |")
        out.append("")
    if comparison.versions:
        out += ["## Edits from A to B, by id", ""]
        lines = _version_lines(comparison.versions, md=True)
        out += lines or ["No edit was added, dropped or changed."]
        out.append("")
    return "\n".join(out)


# -- terminal -------------------------------------------------------------------------------


def render_compare_terminal(comparison: Comparison, stream: IO[str], *, color: bool) -> None:
    """The comparison for the terminal (rich), or with [-…-]{+…+} markers without colours."""
    from rich.console import Console
    from rich.rule import Rule
    from rich.text import Text

    console = Console(file=stream, force_terminal=color, no_color=not color, color_system="standard" if color else None, width=None if color else 100, highlight=False, emoji=False, soft_wrap=True)
    style = {"delete": "red strike", "insert": "green underline"}

    def text(line: Line) -> Text:
        if not color:
            return Text(markers(line))
        out = Text()
        for kind, chunk in line:
            out.append(chunk, style=style.get(kind, ""))
        return out

    console.print(Text(f"base: {comparison.base.meta.source}"))
    console.print(Text(f"A:    {comparison.a.path} — {comparison.a.title}"))
    console.print(Text(f"B:    {comparison.b.path} — {comparison.b.title}"))
    for failure in comparison.failures:
        console.print(Text(f"does not apply: {failure}", style="red" if color else ""))
    for unit in comparison.units:
        console.print()
        console.print(Rule(Text(f"{unit.citation[:1].upper() + unit.citation[1:]} — {_LABEL[unit.status]}", style="bold"), align="left", style="dim"))
        if unit.reason:
            console.print(Text(unit.reason, style="yellow" if color else ""))
        for label, lines in (("base", [[("equal", w)] for w in unit.base or ()]), (f"A {', '.join(unit.edits_a)}", _side(unit, "a")), (f"B {', '.join(unit.edits_b)}", _side(unit, "b"))):
            console.print(Text(f"{label.strip()}:", style="bold" if color else ""))
            for line in lines or [[("equal", "—")]]:
                console.print(Text("  ") + text(line))
        if unit.combined is not None:
            console.print(Text("A then B:", style="bold" if color else ""))
            for line in _side(unit, "combined"):
                console.print(Text("  ") + text(line))
    if comparison.versions:
        console.print()
        console.print(Rule(Text("edits from A to B, by id", style="bold"), align="left", style="dim"))
        for line in _version_lines(comparison.versions, md=False) or ["  no edit was added, dropped or changed"]:
            console.print(Text(line))
    console.print()
    console.print(Text(comparison.summary_line(), style="bold"))


# -- HTML -------------------------------------------------------------------------------------


def render_compare_html(comparison: Comparison) -> str:
    """The comparison as a self-contained HTML page: base, A and B side by side for each unit."""
    from lexamend.render.diff_html import environment, segments

    rows = []
    for number, unit in enumerate(comparison.units, start=1):
        rows.append(
            {
                "id": f"u{number}",
                "citation": unit.citation[:1].upper() + unit.citation[1:],
                "address": unit.address,
                "status": unit.status,
                "label": _LABEL[unit.status],
                "reason": unit.reason,
                "base": [segments([("equal", w)]) for w in unit.base or ()],
                "a": [segments(line) for line in _side(unit, "a")],
                "b": [segments(line) for line in _side(unit, "b")],
                "combined": [segments(line) for line in _side(unit, "combined")] if unit.combined is not None else None,
                "edits_a": list(unit.edits_a),
                "edits_b": list(unit.edits_b),
            }
        )
    context = {
        "base": {"source": comparison.base.meta.source, "title": comparison.base.meta.title or comparison.base.title_line or ""},
        "a": {"path": comparison.a.path, "name": _name(comparison.a.path, "A"), "title": comparison.a.title},
        "b": {"path": comparison.b.path, "name": _name(comparison.b.path, "B"), "title": comparison.b.title},
        "summary": comparison.summary_line(),
        "failures": list(comparison.failures),
        "rows": rows,
        "versions": [
            {"id": c.id, "status": c.status, "fields": ", ".join(c.fields), "what": f"{(c.new or c.old).op.value} at {(c.new or c.old).at}"}  # type: ignore[union-attr]
            for c in comparison.versions
            if c.status != "same"
        ],
        "has_versions": bool(comparison.versions),
    }
    return environment().get_template("compare.html.j2").render(**context)
