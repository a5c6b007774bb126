"""The rights cross-reference in the terminal (rich tables), from the same data as JSON/markdown/HTML."""

from __future__ import annotations

from typing import Any

from lexamend.render.xref_report import CHANGE_WORDS, SOURCE_WORDS, report_dict
from lexamend.xref.model import XrefReport

#: Terminal width used when the output is not a terminal (files, pipes, tests).
DEFAULT_WIDTH = 120
_CHANGE_STYLE = {
    "removed": "green",
    "narrowed": "green",
    "introduced": "red",
    "widened": "red",
    "replaced": "red",
    "kept": "",
}


def _cats(data: dict[str, Any], ids: list[str]) -> str:
    return ", ".join(data["categories"][c]["label"] for c in ids) or "—"


def _highlight(unit: dict[str, Any]) -> Any:
    from rich.text import Text

    from lexamend.render.xref_report import segments

    text = Text()
    for piece in segments(unit["text"], unit["detections"]):
        style = {"distinguishes": "bold red", "marker": "underline", "mentions": "cyan"}.get(piece["kind"], "")
        text.append(piece["text"], style=style)
    return text


def render_terminal(report: XrefReport, console: Any) -> None:
    """Print ``report`` on a :class:`rich.console.Console`."""
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    data = report_dict(report)
    head = f"[bold]Rights cross-reference:[/bold] {escape(data['title'])}"
    console.print(head)
    where = f"patch {data['source']} on {data['base']}" if data["kind"] == "patch" else data["base"]
    console.print(
        f"{escape(where)} · language {data['language']} ({data['method']['morphology']}) · as of {data['as_of']}"
    )
    for warning in data["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    console.print()
    shorts = {p["id"]: p["short"] for p in data["provisions"]}
    if data["kind"] == "patch":
        table = Table(title="Edits", show_lines=True, expand=True)
        for column in ("Edit", "Clause", "Distinguishes before", "after", "Grounds", "Provisions"):
            table.add_column(column)
        for e in data["edits"]:
            grounds = (
                "\n".join(
                    f"{g['label']}: [{_CHANGE_STYLE[g['change']] or 'default'}]{CHANGE_WORDS[g['change']]}[/]"
                    for g in e["grounds"]
                )
                or "no distinction before or after"
            )
            rights = (
                "\n".join(f"{escape(r['short'])} [dim]({SOURCE_WORDS[r['source']]})[/dim]" for r in e["rights"]) or "—"
            )
            table.add_row(
                f"{e['id']}\n({e['op']})",
                escape(e["citation"]),
                _cats(data, e["distinguished_before"]),
                _cats(data, e["distinguished_after"]),
                grounds,
                rights,
            )
        console.print(table)
        for e in data["edits"]:
            console.print()
            console.print(f"[bold]Edit {escape(e['id'])}[/bold] — {escape(e['citation'])}")
            for g in e["grounds"]:
                line = f"  {g['label']}: {CHANGE_WORDS[g['change']]}."
                if g["removed"]:
                    line += f" No longer distinguished: {_cats(data, g['removed'])}."
                if g["introduced"]:
                    line += f" Newly distinguished: {_cats(data, g['introduced'])}."
                if g["remaining"]:
                    line += f" Still distinguished: {_cats(data, g['remaining'])}."
                console.print(escape(line))
            if e["mentions_added"]:
                console.print(f"  Names in the clause after the edit: {_cats(data, e['mentions_added'])}.")
            for label, units in (("before", e["before"]), ("after", e["after"])):
                for unit in units:
                    console.print(
                        Panel(_highlight(unit), title=f"{label}: {escape(unit['citation'])}", title_align="left")
                    )
            if e["rights"]:
                rights_table = Table(show_header=True, expand=True)
                for column in ("Provision", "", "Why"):
                    rights_table.add_column(column)
                for r in e["rights"]:
                    why = "\n".join(b["why"] for b in r["bases"]) or "cited by the patch"
                    why += "".join(f"\n[yellow]⚠ {escape(w)}[/yellow]" for w in r["warnings"])
                    rights_table.add_row(escape(r["short"]), SOURCE_WORDS[r["source"]], why)
                console.print(rights_table)
    else:
        table = Table(title="Clauses that distinguish on a protected ground", show_lines=True, expand=True)
        for column in ("Clause", "Distinguishes", "Grounds", "Provisions"):
            table.add_column(column)
        for u in data["units"]:
            for d in u["detections"]:
                if d["status"] != "distinguishes":
                    continue
                words = " ".join(x["text"] for x in d["evidence"])
                marker = d["marker_evidence"]["text"] if d["marker_evidence"] else ""
                grounds = ", ".join(data["grounds"][g] for g in d["grounds"])
                table.add_row(
                    escape(u["citation"]),
                    escape(f"{d['label']}\n“{marker} … {words}”"),
                    grounds,
                    escape("\n".join(shorts.get(p, p) for p in d["provisions"])),
                )
        if not data["units"]:
            console.print("No clause distinguishes on a protected ground.")
        else:
            console.print(table)
    console.print()
    console.print("[bold]Provisions[/bold]")
    for p in data["provisions"]:
        version = p["version"]
        note = f" · not in force on {data['as_of']}" if version["in_force"] is False else ""
        title = f"{p['short']} — {p['title']} ({p['id']}{note})"
        body = "\n\n".join(p["text"].values())
        console.print(
            Panel(escape(body), title=escape(title), title_align="left", border_style="yellow" if note else "blue")
        )


def render_terminal_text(report: XrefReport, *, width: int = DEFAULT_WIDTH) -> str:
    """The terminal rendering as plain text (for files and tests)."""
    import io

    from rich.console import Console

    console = Console(
        file=io.StringIO(), width=width, color_system=None, force_terminal=False, record=True, soft_wrap=False
    )
    render_terminal(report, console)
    return console.export_text()
