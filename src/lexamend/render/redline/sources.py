"""Bases for redlines of parsed documents: a copy of the source .docx, or a document built from a text.

* For a .docx base, each line of the parsed document is the paragraph it was
  read from (:func:`lexamend.parse.docx.paragraph_ordinals`) in a copy of the package.
* For a text base, a new document is built from lexamend's template, one
  paragraph per line, styled from the unit it belongs to (chapters and articles
  as headings, the title as Title), labels typed as in the text — styles the
  .docx parser reads back to the same clause tree.
"""

from __future__ import annotations

import hashlib

from lxml import etree

from lexamend.errors import InputError
from lexamend.model import Document, Kind
from lexamend.ooxml import build
from lexamend.ooxml.blocks import block_spans
from lexamend.ooxml.parser import qn
from lexamend.ooxml.textmap import TextMap
from lexamend.render.redline.base import Base, refuse_unsafe
from lexamend.render.redline.lines import Line

_P = qn("w:p")

#: Template paragraph style for the head line of each kind of unit (others: the default style).
HEAD_STYLES: dict[Kind, str] = {
    Kind.SECTION: "Heading1",
    Kind.CHAPTER: "Heading1",
    Kind.ANNEX: "Heading1",
    Kind.ATTACHMENT: "Heading1",
    Kind.SUBCHAPTER: "Heading2",
    Kind.ARTICLE: "Heading2",
    Kind.HCONTAINER: "Heading3",
}


def docx_base(doc: Document, lines: list[Line], data: bytes, *, existing: str = "keep") -> Base:
    """The base for a document parsed from the .docx ``data``.

    A line read from several paragraphs (another author deleted the mark
    between them: the parser joins them as Accept All would) is kept in
    :attr:`Base.joined`; the writer refuses to change it.
    """
    from lexamend.parse.docx import paragraph_ordinals

    path = doc.meta.source or "base.docx"
    if doc.meta.sha256 and doc.meta.sha256 != hashlib.sha256(data).hexdigest():
        raise InputError(path, "is not the file the document was parsed from (its sha256 differs)", hint="Parse the base again from this file.")
    if existing in ("accept", "reject"):
        from lexamend.ooxml.stories import revisions_in
        from lexamend.ooxml.writer import PackageCopy

        if revisions_in(PackageCopy.from_bytes(data, path))[0]:
            raise InputError(path, f"--existing {existing} needs the base parsed with its tracked changes resolved", hint="Use the `lexamend redline` command, which does that.")
    package = refuse_unsafe(data, path, existing=existing)
    all_paragraphs = list(package.body.iter(_P))
    paragraphs: list[etree._Element] = []
    texts: list[str] = []
    prefixes: list[str] = []
    numbered: set[int] = set()
    joined: set[int] = set()
    for index, line in enumerate(lines):
        if line.block is None or not 0 <= line.block < len(doc.blocks):
            raise InputError(path, f"line {index + 1} of its text ({line.text[:60]!r}) has no source paragraph")
        block = doc.blocks[line.block]
        ordinals = paragraph_ordinals(block)
        if not ordinals or not all(0 <= o < len(all_paragraphs) for o in ordinals):
            raise InputError(path, f"{block.origin} does not match the document's paragraphs", hint="Parse the base again from this file.")
        if len(ordinals) > 1:
            joined.add(index)
        p = all_paragraphs[ordinals[-1] if len(ordinals) > 1 else ordinals[0]]
        prefix = f"{block.label_auto} " if block.label_auto and line.role in ("head", "title") else ""
        if prefix:
            numbered.add(index)
        paragraphs.append(p)
        texts.append(line.text[len(prefix) :] if index in joined else TextMap(p).text)
        prefixes.append(prefix)
    base = Base(package, paragraphs, texts, prefixes, numbered=numbered)
    base.joined = joined
    source = package.source.read(package.main_part) if package.source is not None and existing not in ("accept", "reject") else None
    spans = block_spans(package.body, source) if source is not None else None
    if spans is not None and source is not None:
        base.source = (source, dict(zip(package.body, spans)))
    return base


def line_style(line: Line) -> str | None:
    """The template style of a line of a generated document."""
    if line.role == "title":
        return "Title"
    if line.role == "heading":
        return "Heading3"
    if line.role == "head" and line.kind is not None:
        return HEAD_STYLES.get(line.kind)
    return None


def generated_paragraph(line: Line, styles: set[str]) -> etree._Element:
    """A paragraph of a generated document for one line (not yet placed)."""
    style = line_style(line)
    ppr = build.paragraph_properties(style if style in styles else None)
    return build.paragraph(line.text, ppr)


def text_base(lines: list[Line], *, title: str = "", template: bytes | None = None) -> Base:
    """A new document from the template with one paragraph per line."""
    package = build.new_document(template)
    styles = build.style_ids(package)
    paragraphs = []
    for line in lines:
        p = generated_paragraph(line, styles)
        build.append(package, p)
        paragraphs.append(p)
    if title:
        build.set_title(package, title)
    return Base(package, paragraphs, [line.text for line in lines], [""] * len(lines), generated=True)


__all__ = ["HEAD_STYLES", "docx_base", "generated_paragraph", "line_style", "text_base"]
