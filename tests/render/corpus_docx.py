"""Word versions of corpus texts for the tests: one paragraph per source block, with formatted runs.

Built with python-docx (so Word and LibreOffice open them) from the blocks the
text parser read, so that the .docx parses to the same clause tree; labels are
bold, as in published acts, and headings use Word's heading styles, so that
edits must split formatted runs and keep styles.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from lexamend.parse.numbering import classify_heading, classify_list_item
from tests.conftest import CORPUS, corpus_doc
from tests.parse.docx_fixtures import build_docx, para


def _runs(text: str) -> str:
    label = classify_heading(text) or classify_list_item(text)
    if label is None or not text.startswith(label.label or "\0"):
        return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    head, rest = text[: len(label.label or "")], text[len(label.label or "") :]
    return (
        f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(head)}</w:t></w:r>'
        + (f'<w:r><w:t xml:space="preserve">{escape(rest)}</w:t></w:r>' if rest else "")
    )


@lru_cache(maxsize=8)
def corpus_docx(relative: str) -> bytes:
    """The corpus text as a .docx (same tree when parsed)."""
    doc = corpus_doc(relative)
    body = []
    for block in doc.blocks:
        style = "Title" if block.index == doc.title_block else None
        if classify_heading(block.raw) is not None and block.raw.startswith(("Глава", "Chapter", "РАЗДЕЛ", "Раздел")):
            style = "Heading1"
        body.append(para(style=style, inner=_runs(block.raw)))
    return build_docx("".join(body), title=doc.meta.title or None)


__all__ = ["CORPUS", "corpus_docx"]
