"""The document a redline is written into: a copy of the base .docx, or a new one built from a text.

A :class:`Base` pairs every line of the base document's legal text
(:func:`~lexamend.render.redline.lines.document_lines`) with the paragraph that
shows it:

* for a .docx base, the paragraph the line was parsed from
  (:func:`lexamend.parse.docx.paragraph_ordinals`), in a copy of the package in
  which everything else — styles, numbering, headers, footers, notes, images —
  stays as it was;
* for a text base, a paragraph of a new document built from lexamend's
  template, one per line, styled from the unit it belongs to (chapters and
  articles as headings, the title as Title), labels typed as in the text.

A .docx base is refused when it cannot carry a trustworthy redline: it is
macro-enabled, it already holds tracked changes, or its text is not the text
the redline was planned on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from lxml import etree

from lexamend.errors import InputError
from lexamend.model import Document, Kind
from lexamend.ooxml import build
from lexamend.ooxml.package import open_package
from lexamend.ooxml.parser import qn
from lexamend.ooxml.reader import count_revisions
from lexamend.ooxml.revisions import formatting_of
from lexamend.ooxml.textmap import TextMap
from lexamend.ooxml.writer import PackageCopy
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


@dataclass
class Base:
    """A package to write into, and for each old line its paragraph and the text that paragraph shows."""

    package: PackageCopy
    paragraphs: list[etree._Element]
    texts: list[str]  # the paragraph's own normalised text (without an automatic label)
    prefixes: list[str]  # automatic numbering label and space shown before the text, or ""
    generated: bool = False
    numbered: set[int] = field(default_factory=set)  # old lines whose paragraph Word numbers automatically

    def shown(self, index: int) -> str:
        """The line as the paragraph shows it (automatic label included)."""
        return self.prefixes[index] + self.texts[index]


def refuse_unsafe(data: bytes, path: str) -> PackageCopy:
    """Open a .docx for writing a redline into; refuse macro-enabled files and files with tracked changes."""
    package = open_package(data, path)
    if package.has_macros:
        raise InputError(
            path,
            "is a macro-enabled document (.docm or a VBA project); lexamend does not write redlines into files with macros",
            hint="Save a copy as Word Document (.docx) without macros and use that as the base.",
        )
    revisions = count_revisions(package.body)
    if revisions.count:
        raise InputError(
            path,
            f"already holds {revisions.count} tracked change(s) by {', '.join(revisions.authors)}; "
            "a redline written on top of them would mix two sets of revisions",
            hint="Accept or reject the existing changes in Word (Review → Accept/Reject All Changes), save, and run again.",
        )
    return PackageCopy.from_package(package)


def docx_base(doc: Document, lines: list[Line], data: bytes) -> Base:
    """The base for a document parsed from the .docx ``data``."""
    from lexamend.parse.docx import paragraph_ordinals

    path = doc.meta.source or "base.docx"
    if doc.meta.sha256 and doc.meta.sha256 != hashlib.sha256(data).hexdigest():
        raise InputError(path, "is not the file the document was parsed from (its sha256 differs)", hint="Parse the base again from this file.")
    package = refuse_unsafe(data, path)
    all_paragraphs = list(package.body.iter(_P))
    paragraphs: list[etree._Element] = []
    texts: list[str] = []
    prefixes: list[str] = []
    numbered: set[int] = set()
    for index, line in enumerate(lines):
        if line.block is None or not 0 <= line.block < len(doc.blocks):
            raise InputError(path, f"line {index + 1} of its text ({line.text[:60]!r}) has no source paragraph")
        block = doc.blocks[line.block]
        ordinals = paragraph_ordinals(block)
        if len(ordinals) != 1 or not 0 <= ordinals[0] < len(all_paragraphs):
            raise InputError(path, f"{block.origin} does not match the document's paragraphs", hint="Parse the base again from this file.")
        p = all_paragraphs[ordinals[0]]
        prefix = f"{block.label_auto} " if block.label_auto and line.role in ("head", "title") else ""
        if prefix:
            numbered.add(index)
        paragraphs.append(p)
        texts.append(TextMap(p).text)
        prefixes.append(prefix)
    return Base(package, paragraphs, texts, prefixes, numbered=numbered)


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


def borrowed_properties(model: etree._Element | None, *, typed_label: bool) -> etree._Element:
    """Paragraph properties for a new paragraph modelled on an existing one.

    When the model is numbered automatically and the new paragraph's label is
    typed in its text, automatic numbering is switched off (``w:numId`` 0) so
    that the label does not show twice and the numbers after it do not shift.
    """
    ppr = formatting_of(model.find(qn("w:pPr")) if model is not None else None)
    return build.numbering_off(ppr) if typed_label else ppr


__all__ = ["Base", "HEAD_STYLES", "borrowed_properties", "docx_base", "generated_paragraph", "line_style", "refuse_unsafe", "text_base"]
