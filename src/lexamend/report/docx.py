"""The recommendation section as a Word document, the proposed wordings as tracked changes.

Built from lexamend's template with :mod:`lexamend.ooxml.build` (the OOXML
layer stays the only code that knows WordprocessingML): headings, the current
wording, the proposed wording as a paragraph whose changes are real revisions
(Review → Accept All turns it into the proposed text), the rationale, the
grounds, the provisions with their quoted text, and the recommendation.
"""

from __future__ import annotations

from typing import Any

from lexamend.ooxml.deterministic import iso_date

_MD_MARKERS = ("**", "__", "`")


def _plain(markdown: str) -> list[str]:
    """Paragraphs of a Markdown rationale as plain text (emphasis markers dropped)."""
    paragraphs = []
    for block in markdown.split("\n\n"):
        text = " ".join(block.split())
        for marker in _MD_MARKERS:
            text = text.replace(marker, "")
        if text:
            paragraphs.append(text)
    return paragraphs


def render_recommendation_docx(pack: dict[str, Any], *, author: str, date: str) -> bytes:
    from lexamend.ooxml import build
    from lexamend.ooxml.revisions import Stamp
    from lexamend.ooxml.settings import set_track_revisions
    from lexamend.ooxml.tracked import tracked_paragraph

    w = pack["words"]
    package = build.new_document()
    styles = build.style_ids(package)
    stamp = Stamp(author, iso_date(date))

    def style(name: str) -> str | None:
        return name if name in styles else None

    def para(spans: Any, name: str | None = None, *, keep_next: bool = False) -> None:
        build.append(package, build.paragraph(spans, build.paragraph_properties(style(name) if name else None, keep_next=keep_next)))

    def label(text: str) -> None:
        para([build.Span(text, bold=True)], keep_next=True)

    def show(item: dict[str, Any]) -> None:
        heading = f"{item['number']}. {item['citation'][:1].upper()}{item['citation'][1:]}"
        if item["citation_other"]:
            heading += f" ({item['citation_other']})"
        para(heading, "Heading2", keep_next=True)
        para([build.Span(f"{w['edit']} {item['id']} ({item['op']}) — {w['patch']}: {item['patch_title']}", italic=True)])
        label(w["current"])
        for line in (item["current"] or item["current_label"]).split("\n"):
            para(line)
        label(w["proposed"])
        if item["proposed"]:
            for line_ops in _lines(item["ops"]):
                build.append(package, tracked_paragraph(line_ops, stamp))
        else:
            build.append(package, tracked_paragraph([("delete", item["current"].replace("\n", " "))], stamp))
            para([build.Span(item["proposed_label"], italic=True)])
        label(w["rationale"])
        if item["has_rationale"]:
            for text in _plain(item["rationale"]):
                para(text)
        else:
            para([build.Span(w["no_rationale"], italic=True, color="A00000")])
        if item["grounds"]:
            label(w["grounds"])
            for g in item["grounds"]:
                detail = f" — {', '.join(g['removed'])}" if g["removed"] else ""
                if g["remaining"]:
                    detail += f" ({', '.join(g['remaining'])}: {w['unchanged']})"
                if g["introduced"]:
                    detail += f" — {w['introduced']}: {', '.join(g['introduced'])}"
                para([build.Span(g["label"], bold=True), build.Span(f": {g['change']}{detail}")])
        if item["provisions"]:
            label(w["provisions"])
            for p in item["provisions"]:
                title = f" — {p['title']}" if p["title"] else ""
                warn = f"; ⚠ {p['not_in_force']}" if p["not_in_force"] else ""
                para([build.Span(p["short"], bold=True), build.Span(f"{title} ({p['source']}{warn}). {p['why']}")])
                if p["quote"]:
                    para([build.Span(p["quote"], italic=True)])
        if item["suggested"]:
            names = "; ".join(p["short"] + (f" (⚠ {p['not_in_force']})" if p["not_in_force"] else "") for p in item["suggested"])
            para([build.Span(f"{w['also_engaged']}: ", italic=True), build.Span(names + ".")])
        label(w["recommendation"])
        para([build.Span(item["recommendation"], bold=True)])

    para([build.Span(f"{w['title']}: {pack['act']['name']}", bold=True)], "Title")
    para(pack["intro"])
    for warning in pack["warnings"]:
        para([build.Span(f"⚠ {warning}", italic=True)])
    for item in pack["entries"]:
        show(item)
    if pack["alternatives"]:
        para(w["alternatives"], "Heading1", keep_next=True)
        for alt in pack["alternatives"]:
            para([build.Span(alt["heading"], italic=True)])
            for item in alt["entries"]:
                show(item)
    set_track_revisions(package)
    build.set_title(package, f"{w['title']}: {pack['act']['name']}")
    return package.to_bytes(core_date=iso_date(date))


def _lines(ops: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Split diff ops at line breaks: one tracked paragraph per line of the wording."""
    lines: list[list[tuple[str, str]]] = [[]]
    for kind, text in ops:
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((kind, piece))
    return [line for line in lines if line]
