"""Build small .docx files for the tests: python-docx for a real package, raw XML for the body.

python-docx gives a package Word and LibreOffice open (styles with "heading 1",
"Title", a numbering part); the body and numbering are then written as raw
WordprocessingML so that tests can use markup python-docx has no API for
(``w:numPr``, tracked changes, fields, content controls, nested tables).
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)

#: Legislative numbering: "1." paragraphs, "1)" subparagraphs, Russian letters "а)".
LEGAL_ABSTRACT = """
<w:abstractNum w:abstractNumId="{id}"><w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>"""


def run(text: str) -> str:
    """A run of text (``xml:space="preserve"`` so edge spaces survive)."""
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(
    text: str = "", style: str | None = None, num: int | None = None, ilvl: int = 0, inner: str | None = None
) -> str:
    """A paragraph: plain text (or ``inner`` raw run markup), an optional style id and list reference."""
    ppr = ""
    if style or num is not None:
        style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
        num_xml = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>' if num is not None else ""
        ppr = f"<w:pPr>{style_xml}{num_xml}</w:pPr>"
    return f"<w:p>{ppr}{inner if inner is not None else (run(text) if text else '')}</w:p>"


def table(rows: list[list[str]]) -> str:
    """A table; each cell is raw block markup (one or more paragraphs, or a nested table)."""
    body = "".join("<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{body}</w:tbl>"


def numbering(abstracts: str, nums: str) -> str:
    return f"<w:numbering {NS}>{abstracts}{nums}</w:numbering>"


def build_docx(
    body: str, *, numbering_xml: str | None = None, title: str | None = None, styles_extra: str = ""
) -> bytes:
    """A .docx whose body is ``body`` (raw block markup) with the default python-docx styles."""
    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    element = document.element.body
    section = element.sectPr
    for child in list(element):
        element.remove(child)
    for child in parse_xml(f"<w:body {NS}>{body}</w:body>"):
        element.append(child)
    if section is not None:
        element.append(section)
    if numbering_xml is not None:
        part = document.part.numbering_part.element
        for child in list(part):
            part.remove(child)
        for child in parse_xml(numbering_xml):
            part.append(child)
    if styles_extra:
        styles = document.styles.element
        for child in parse_xml(f"<w:styles {NS}>{styles_extra}</w:styles>"):
            styles.append(child)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(
    data: bytes,
    *,
    replace: dict[str, bytes] | None = None,
    drop: tuple[str, ...] = (),
    add: dict[str, bytes] | None = None,
) -> bytes:
    """Copy a package, replacing, dropping or adding entries."""
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()
