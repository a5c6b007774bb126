"""Build new documents from lexamend's template: paragraphs, formatted runs, tables, page setup.

The template (``template.docx`` beside this module, written by
``tools/make_template.py``) carries the style sheet; this module only writes
body content that refers to its styles by id (``Heading1``, ``Title``,
``TableText`` …). A user's own template may be given instead: any .docx whose
style sheet defines those ids (missing ones fall back to the default style).
"""

from __future__ import annotations

from collections import namedtuple

from lxml import etree

from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import text_run
from lexamend.ooxml.writer import PackageCopy

_P, _PPR, _R, _RPR = qn("w:p"), qn("w:pPr"), qn("w:r"), qn("w:rPr")
_SECT_PR = qn("w:sectPr")


def template_bytes() -> bytes:
    """The bytes of the template shipped with lexamend."""
    from importlib.resources import files

    return files("lexamend.ooxml").joinpath("template.docx").read_bytes()


def new_document(template: bytes | None = None, *, path: str = "template.docx") -> PackageCopy:
    """A copy of the template with an empty body (its section properties kept)."""
    package = PackageCopy.from_bytes(template if template is not None else template_bytes(), path)
    body = package.body
    for child in list(body):
        if child.tag != _SECT_PR:
            body.remove(child)
    body.text = None
    for child in body:
        child.tail = None
    return package


def style_ids(package: PackageCopy) -> set[str]:
    """The style ids the package's style sheet defines."""
    return package.style_ids()


def append(package: PackageCopy, element: etree._Element) -> None:
    """Append a block (paragraph, table) to the body, before its final section properties."""
    body = package.body
    last = body[-1] if len(body) else None
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(element)
    else:
        body.append(element)


class Span(namedtuple("Span", "text bold italic underline strike color", defaults=(False, False, False, False, None))):
    """A piece of text with direct formatting (for table cells and generated paragraphs):
    ``bold``, ``italic``, ``underline``, ``strike``, ``color`` (hex RGB such as "C00000")."""

    __slots__ = ()


def run_properties(span: Span) -> etree._Element | None:
    """``w:rPr`` for a span's formatting, children in schema order (b, i, strike, color, u)."""
    if not (span.bold or span.italic or span.underline or span.strike or span.color):
        return None
    rpr = etree.Element(_RPR)
    if span.bold:
        etree.SubElement(rpr, qn("w:b"))
        etree.SubElement(rpr, qn("w:bCs"))
    if span.italic:
        etree.SubElement(rpr, qn("w:i"))
        etree.SubElement(rpr, qn("w:iCs"))
    if span.strike:
        etree.SubElement(rpr, qn("w:strike"))
    if span.color:
        etree.SubElement(rpr, qn("w:color"), {qn("w:val"): span.color})
    if span.underline:
        etree.SubElement(rpr, qn("w:u"), {qn("w:val"): "single"})
    return rpr


def paragraph_properties(style: str | None = None, *, keep_next: bool = False, no_numbering: bool = False) -> etree._Element:
    """A ``w:pPr`` with a style, and optionally keep-with-next and numbering switched off."""
    ppr = etree.Element(_PPR)
    if style:
        etree.SubElement(ppr, qn("w:pStyle"), {qn("w:val"): style})
    if keep_next:
        etree.SubElement(ppr, qn("w:keepNext"))
    if no_numbering:
        numbering_off(ppr)
    return ppr


_BEFORE_NUM_PR = frozenset(qn(f"w:{t}") for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl"))


def numbering_off(ppr: etree._Element) -> etree._Element:
    """Switch automatic numbering off in ``ppr`` (``w:numId`` 0 overrides a style's list too); returns it."""
    for num in ppr.findall(qn("w:numPr")):
        ppr.remove(num)
    num = etree.Element(qn("w:numPr"))
    etree.SubElement(num, qn("w:ilvl"), {qn("w:val"): "0"})
    etree.SubElement(num, qn("w:numId"), {qn("w:val"): "0"})
    anchor = None
    for child in ppr:
        if child.tag in _BEFORE_NUM_PR:
            anchor = child
    if anchor is not None:
        anchor.addnext(num)
    else:
        ppr.insert(0, num)
    return ppr


def paragraph(spans: list[Span] | str, ppr: etree._Element | None = None) -> etree._Element:
    """A paragraph of text (a string, or formatted spans) with the given properties."""
    p = etree.Element(_P)
    if ppr is not None and (len(ppr) or ppr.attrib):
        p.append(ppr)
    for span in [Span(spans)] if isinstance(spans, str) else spans:
        if span.text:
            p.append(text_run(span.text, run_properties(span)))
    return p


def table(rows: list[list[list[etree._Element]]], widths: list[int], *, header_rows: int = 1, style: str | None = "TableGrid") -> etree._Element:
    """A table: ``rows`` of cells, each cell a list of paragraphs; ``widths`` in twentieths of a point.

    Header rows repeat on every page (``w:tblHeader``) and rows do not break
    across pages only when short; the layout is fixed so that Word and
    LibreOffice draw the same column widths.
    """
    tbl = etree.Element(qn("w:tbl"))
    tblpr = etree.SubElement(tbl, qn("w:tblPr"))
    if style:
        etree.SubElement(tblpr, qn("w:tblStyle"), {qn("w:val"): style})
    etree.SubElement(tblpr, qn("w:tblW"), {qn("w:w"): str(sum(widths)), qn("w:type"): "dxa"})
    etree.SubElement(tblpr, qn("w:tblLayout"), {qn("w:type"): "fixed"})
    etree.SubElement(tblpr, qn("w:tblLook"), {qn("w:val"): "04A0", qn("w:firstRow"): "1", qn("w:lastRow"): "0", qn("w:firstColumn"): "0", qn("w:lastColumn"): "0", qn("w:noHBand"): "0", qn("w:noVBand"): "1"})
    grid = etree.SubElement(tbl, qn("w:tblGrid"))
    for width in widths:
        etree.SubElement(grid, qn("w:gridCol"), {qn("w:w"): str(width)})
    for index, cells in enumerate(rows):
        tr = etree.SubElement(tbl, qn("w:tr"))
        if index < header_rows:
            trpr = etree.SubElement(tr, qn("w:trPr"))
            etree.SubElement(trpr, qn("w:tblHeader"))
        for width, content in zip(widths, cells):
            tc = etree.SubElement(tr, qn("w:tc"))
            tcpr = etree.SubElement(tc, qn("w:tcPr"))
            etree.SubElement(tcpr, qn("w:tcW"), {qn("w:w"): str(width), qn("w:type"): "dxa"})
            for p in content or [etree.Element(_P)]:
                tc.append(p)
    return tbl


def landscape(package: PackageCopy) -> int:
    """Turn the (last) section landscape; return the width available for text, in twentieths of a point."""
    sect = package.body.find(_SECT_PR)
    if sect is None:
        sect = etree.SubElement(package.body, _SECT_PR)
    size = sect.find(qn("w:pgSz"))
    if size is None:
        size = etree.Element(qn("w:pgSz"))
        sect.insert(0, size)
    width, height = int(size.get(qn("w:w"), "11906")), int(size.get(qn("w:h"), "16838"))
    if width < height:
        width, height = height, width
    size.set(qn("w:w"), str(width))
    size.set(qn("w:h"), str(height))
    size.set(qn("w:orient"), "landscape")
    margins = sect.find(qn("w:pgMar"))
    if margins is None:
        margins = etree.SubElement(sect, qn("w:pgMar"))
    for side in ("top", "right", "bottom", "left"):
        margins.set(qn(f"w:{side}"), "1134")
    for side, value in (("header", "709"), ("footer", "709"), ("gutter", "0")):
        margins.set(qn(f"w:{side}"), value)
    return width - 2 * 1134


def set_title(package: PackageCopy, title: str) -> None:
    """The document title in the core properties (File → Properties)."""
    core = package.xml("docProps/core.xml")
    if core is None:
        return
    element = core.find(qn("dc:title"))
    if element is None:
        element = etree.SubElement(core, qn("dc:title"))
    element.text = title


__all__ = [
    "Span",
    "append",
    "landscape",
    "new_document",
    "numbering_off",
    "paragraph",
    "paragraph_properties",
    "run_properties",
    "set_title",
    "style_ids",
    "table",
    "template_bytes",
]
