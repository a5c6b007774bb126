"""Read a redline back before it is written: accepted, it must be the amended text; rejected, the base.

Both views are produced with :func:`lexamend.ooxml.accept.resolve_all` and
parsed by the same .docx parser as any input, so what is checked is what a
reader of the file will get. A mismatch means the redline cannot express the
amendment faithfully (for instance a paragraph numbered automatically by Word
whose deletion renumbers the paragraphs after it, which the patch does not
do); the caller writes nothing and says why.
"""

from __future__ import annotations

from lexamend.errors import OutputError
from lexamend.model import Document
from lexamend.ooxml.accept import resolve_all
from lexamend.ooxml.writer import PackageCopy
from lexamend.render.text import render_lines


def view_text(data: bytes, *, accept: bool, lang: str | None = None) -> list[str]:
    """The legal text (one line per block) of a redline with every change accepted or rejected."""
    from lexamend.parse import parse_bytes

    package = PackageCopy.from_bytes(data, "redline.docx")
    resolve_all(package.document, accept=accept)
    return render_lines(parse_bytes(package.to_bytes(), "redline.docx", fmt="docx", lang=lang))


def _first_difference(got: list[str], want: list[str]) -> str:
    for number, (a, b) in enumerate(zip(got, want), start=1):
        if a != b:
            return f"line {number}: expected {b[:120]!r}, the redline gives {a[:120]!r}"
    if len(got) != len(want):
        return f"the redline gives {len(got)} lines, {len(want)} expected"
    return "no difference"


def rejected_base(source: bytes, base: Document) -> list[str] | None:
    """The base's lines as Reject All leaves them, when its .docx holds tracked changes (None when it holds none)."""
    from lexamend.ooxml.stories import may_have_revisions, resolve_stories
    from lexamend.parse import parse_bytes

    package = PackageCopy.from_bytes(source, base.meta.source or "base.docx")
    if not may_have_revisions(package):
        return None
    resolve_stories(package, accept=False)
    return render_lines(parse_bytes(package.to_bytes(), base.meta.source or "base.docx", fmt="docx", lang=base.meta.language or None))


def verify_redline(data: bytes, base: Document, amended: Document, *, tracked: bool = True, rejected: list[str] | None = None) -> None:
    """Raise :class:`OutputError` unless accept-all gives ``amended`` and reject-all gives ``base``.

    ``rejected`` is what Reject All must give instead of the base's lines, for
    a base that already held tracked changes (kept in the redline).
    """
    lang = base.meta.language or None
    want_accept = render_lines(amended)
    got_accept = view_text(data, accept=True, lang=lang)
    if got_accept != want_accept:
        raise OutputError(
            f"the Word document would not show the amended text with its changes accepted ({_first_difference(got_accept, want_accept)}); nothing written",
            hint="If the base numbers its paragraphs automatically, keep repealed units as «исключен» placeholders (placeholder: true) so that Word does not renumber the rest.",
        )
    if tracked:
        want_reject = rejected if rejected is not None else render_lines(base)
        got_reject = view_text(data, accept=False, lang=lang)
        if got_reject != want_reject:
            raise OutputError(
                f"the Word document would not show the base text with its changes rejected ({_first_difference(got_reject, want_reject)}); nothing written"
            )


__all__ = ["rejected_base", "verify_redline", "view_text"]
