"""A short, indented outline of a clause tree for the terminal.

One line per unit: its short address, its label and heading (or the first words
of its text), and a marker for «исключен» placeholders. Parts are left out
unless asked for, because they have no labels of their own.
"""

from __future__ import annotations

from lexamend.model import Document, Kind, Status, Unit

#: Characters of a unit's text shown when it has no heading.
SNIPPET = 70


def _snippet(text: str, width: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _line(unit: Unit, depth: int) -> str:
    label = unit.label or ""
    if unit.kind is Kind.ATTACHMENT:
        label = unit.heading or _snippet(unit.label or "")
    words = unit.heading or _snippet(unit.text or (unit.children[0].text if unit.children and unit.children[0].kind is Kind.PART else ""))
    if unit.kind is Kind.ATTACHMENT:
        words = ""
    status = "" if unit.status is Status.IN_FORCE else f"  [{unit.status.value}]"
    body = " ".join(p for p in (label, words) if p)
    return f"{'  ' * depth}{unit.address or unit.eid}  {body}{status}".rstrip()


def outline_lines(doc: Document, *, depth: int | None = None, parts: bool = False) -> list[str]:
    """The outline, as lines."""
    lines: list[str] = []

    def visit(unit: Unit, level: int) -> None:
        if unit.kind is Kind.PART and not parts:
            return
        lines.append(_line(unit, level))
        if depth is None or level + 1 < depth:
            for child in unit.children:
                visit(child, level + 1)

    for unit in doc.units:
        visit(unit, 0)
    return lines


def summary(doc: Document) -> str:
    """One line: title, language, and how many units of each main kind."""
    counts = []
    for kind, name in (
        (Kind.SECTION, "sections"),
        (Kind.CHAPTER, "chapters"),
        (Kind.ARTICLE, "articles"),
        (Kind.PARAGRAPH, "paragraphs"),
        (Kind.SUBPARAGRAPH, "subparagraphs"),
        (Kind.POINT, "points"),
        (Kind.PART, "parts"),
    ):
        n = doc.count(kind)
        if n:
            counts.append(f"{n} {name}")
    notes = sum(len(u.notes) for u in doc.walk()) + len(doc.notes)
    title = doc.meta.title or doc.meta.source or "(untitled)"
    extra = f", {notes} editorial notes" if notes else ""
    warn = f", {len(doc.issues)} warnings" if doc.issues else ""
    return f"{title} [{doc.meta.language or '?'}]: {', '.join(counts) or 'no units'}{extra}{warn}"


def render_outline(doc: Document, *, depth: int | None = None, parts: bool = False) -> str:
    return "\n".join([summary(doc), *outline_lines(doc, depth=depth, parts=parts)]) + "\n"
