#!/usr/bin/env python3
"""Build the redline fidelity corpus: pairs of Word files (an old and a new version) in this folder.

    python tests/data/docx/build.py             # rebuild every pair
    python tests/data/docx/build.py PAIR...     # rebuild some pairs
    python tests/data/docx/build.py --check     # fail if a rebuild would change a committed file

Every pair listed in ``pairs.yaml`` is made one of two ways:

* ``python-docx``: a package made by python-docx (its template, core
  properties, pictures, comments), the body and the parts python-docx has no
  API for (notes, headers, text boxes, fields, content controls, tracked
  changes, list numbering) written as WordprocessingML by the builders below;
* ``libreoffice``: a source written by hand in ``sources/`` (ODF flat XML
  ``.fodt`` or HTML) converted by LibreOffice headless
  (``soffice --convert-to docx``), which writes text boxes, footnotes,
  headers and lists the way an office suite does.

Outputs are deterministic: zip entries get fixed timestamps and order, the
core properties a fixed date (:func:`lexamend.ooxml.deterministic.normalise`),
comments a fixed date, and python-docx's style sheet is cut down to the styles
the document uses (with the styles they are based on) so that the files stay
small. LibreOffice output depends on the LibreOffice version (7.4 here).
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
sys.path.insert(0, str(HERE.parents[2] / "src"))

from lexamend.ooxml.deterministic import normalise  # noqa: E402

DATE = "2026-11-25T00:00:00Z"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BLUE = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mOQ96vEihiGlgQAYZI5gdeoGqEAAAAASUVORK5CYII=")
RED = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mM4wMCAFTEMLQkA8dYwAVvxUGoAAAAASUVORK5CYII=")
ALICE = 'w:author="Алия Жумабаева" w:date="2026-10-01T09:00:00Z"'

# -- WordprocessingML pieces ------------------------------------------------------------


def r(text: str, rpr: str = "") -> str:
    """A run of text."""
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*inner: str, style: str | None = None, num: tuple[int, int] | None = None, ppr: str = "") -> str:
    """A paragraph; ``inner`` are runs (plain strings become runs); ``num`` is (numId, level)."""
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    body = "".join(x if x.startswith("<") else r(x) for x in inner)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{body}</w:p>"


def cell(*blocks: str, width: int = 3000, span: int = 1, vmerge: str | None = None) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        props += f'<w:vMerge w:val="{vmerge}"/>' if vmerge else "<w:vMerge/>"
    content = "".join(b if b.startswith("<") else p(b) for b in blocks) or p()
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def tr(*cells: str, header: bool = False) -> str:
    props = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{props}{''.join(c if c.startswith('<w:tc') else cell(c) for c in cells)}</w:tr>"


def tbl(*rows: str, widths: tuple[int, ...] = (3000, 3000, 3000)) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def footnote_ref(n: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'


def endnote_ref(n: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="{n}"/></w:r>'


def complex_field(code: str, result: str) -> str:
    """A complex field: begin, code, separate, result, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(code)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def fld_simple(code: str, result: str) -> str:
    return f'<w:fldSimple w:instr=" {escape(code)} ">{r(result)}</w:fldSimple>'


LINK_STYLE = '<w:rStyle w:val="Hyperlink"/>'


def link(rid: str, text: str) -> str:
    return f'<w:hyperlink r:id="{rid}" w:history="1">{r(text, LINK_STYLE)}</w:hyperlink>'


def bookmark(n: int, name: str, *inner: str) -> str:
    return f'<w:bookmarkStart w:id="{n}" w:name="{name}"/>{"".join(x if x.startswith("<") else r(x) for x in inner)}<w:bookmarkEnd w:id="{n}"/>'


def sdt_block(tag: str, alias: str, *blocks: str, n: int = 501) -> str:
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{tag}"/><w:id w:val="{n}"/></w:sdtPr>'
        f"<w:sdtContent>{''.join(blocks)}</w:sdtContent></w:sdt>"
    )


def sdt_inline(tag: str, text: str, n: int = 601) -> str:
    return f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/><w:id w:val="{n}"/><w:text/></w:sdtPr><w:sdtContent>{r(text)}</w:sdtContent></w:sdt>'


def math(text: str) -> str:
    return f'<m:oMath><m:r><m:t>{escape(text)}</m:t></m:r></m:oMath>'


def textbox(*paragraphs: str, shape: int = 1, kind: str = "both") -> str:
    """A run holding a text box: DrawingML (wps) with a VML fallback ("both"), or one of them alone."""
    content = "<w:txbxContent>" + "".join(x if x.startswith("<") else p(x) for x in paragraphs) + "</w:txbxContent>"
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="3600000" cy="720000"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/><wp:docPr id="{shape}" name="Надпись {shape}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="3600000" cy="720000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f'<wps:txbx>{content}</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" anchor="t"/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
    )
    pict = (
        f'<w:pict><v:shape id="Text Box {shape}" o:spid="_x0000_s10{shape:02d}" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;width:283.5pt;height:56.7pt;z-index:251659264">'
        f"<v:textbox>{content}</v:textbox></v:shape></w:pict>"
    )
    if kind == "wps":
        return f"<w:r>{drawing}</w:r>"
    if kind == "vml":
        return f"<w:r>{pict}</w:r>"
    return f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice><mc:Fallback>{pict}</mc:Fallback></mc:AlternateContent></w:r>'


def image(rid: str, shape: int, name: str = "Герб") -> str:
    """A run with an inline picture (the markup python-docx writes for ``Run.add_picture``)."""
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="190500" cy="190500"/>'
        f'<wp:docPr id="{shape}" name="{name}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="image.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="190500" cy="190500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def ins(text: str, n: int, rpr: str = "") -> str:
    return f'<w:ins w:id="{n}" {ALICE}>{r(text, rpr)}</w:ins>'


def dele(text: str, n: int) -> str:
    return f'<w:del w:id="{n}" {ALICE}><w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'


LEGAL_NUMBERING = """
<w:abstractNum w:abstractNumId="{a}"><w:nsid w:val="1A2B3C{a:02d}"/><w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%3)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1080" w:hanging="360"/></w:pPr></w:lvl>
</w:abstractNum>"""
LETTER_NUMBERING = """
<w:abstractNum w:abstractNumId="{a}"><w:nsid w:val="4D5E6F{a:02d}"/><w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
</w:abstractNum>"""


# -- a package --------------------------------------------------------------------------------


@dataclass
class Spec:
    """One .docx: its body and the other parts python-docx has no API for."""

    body: str
    title: str = "Правила приема на обучение"
    footnotes: dict[int, str] = field(default_factory=dict)  # id → inner paragraphs
    endnotes: dict[int, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # "default"/"first"/"even" → paragraphs
    footers: dict[str, str] = field(default_factory=dict)
    comments: list[tuple[int, str]] = field(default_factory=list)  # (paragraph index, comment text)
    numbering: str | None = None  # w:abstractNum and w:num markup
    links: dict[str, str] = field(default_factory=dict)  # rId → URL
    images: dict[str, bytes] = field(default_factory=dict)  # rId → PNG bytes
    language: str = "ru-RU"


ROOT = (
    '<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" '
    f'xmlns:r="{R_NS}" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    f'xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="{W_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 wp14">'
)
STORY_NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
NOTE_SEPARATORS = {
    "footnote": '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
    "endnote": '<w:endnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:endnote>'
    '<w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:endnote>',
}
#: Styles the corpus uses that python-docx's template lacks (Word's built-in definitions, shortened).
EXTRA_STYLES = """
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteTextChar"><w:name w:val="Footnote Text Char"/><w:link w:val="FootnoteText"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="EndnoteText"><w:name w:val="endnote text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="EndnoteReference"><w:name w:val="endnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ProjectNote"><w:name w:val="Project Note"/><w:basedOn w:val="Normal"/><w:rPr><w:i/><w:color w:val="1F4E79"/></w:rPr></w:style>
"""


def _footnote(kind: str, n: int, inner: str) -> str:
    style, ref = ("FootnoteText", "FootnoteReference") if kind == "footnote" else ("EndnoteText", "EndnoteReference")
    mark = "footnoteRef" if kind == "footnote" else "endnoteRef"
    body = inner if inner.startswith("<w:p") else p(f'<w:r><w:rPr><w:rStyle w:val="{ref}"/></w:rPr><w:{mark}/></w:r>', f" {inner}", style=style)
    return f'<w:{kind} w:id="{n}">{body}</w:{kind}>'


def make(spec: Spec) -> bytes:
    """The .docx of a spec: python-docx's package, the spec's body and parts, trimmed and deterministic."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.core_properties.title = spec.title
    document.core_properties.author = "lexamend test corpus"
    body = document.element.body
    section = body.sectPr
    for child in list(body):
        body.remove(child)
    for child in parse_xml(f"{ROOT}<w:body>{spec.body}</w:body></w:document>")[0]:
        body.append(child)
    if section is not None:
        refs = "".join(f'<w:headerReference w:type="{t}" r:id="rIdH{t}"/>' for t in spec.headers) + "".join(
            f'<w:footerReference w:type="{t}" r:id="rIdF{t}"/>' for t in spec.footers
        )
        if refs:
            for ref in reversed(list(parse_xml(f"<w:x {STORY_NS}>{refs}</w:x>"))):
                section.insert(0, ref)
        if "first" in spec.headers or "first" in spec.footers:
            section.append(parse_xml(f'<w:titlePg {STORY_NS}/>'))
        body.append(section)
    for index, text in spec.comments:
        paragraph = document.paragraphs[index]
        document.add_comment(paragraph.runs, text=text, author="Бекзат Нурланов", initials="БН")
    out = io.BytesIO()
    document.save(out)
    return _finish(out.getvalue(), spec)


def _finish(data: bytes, spec: Spec) -> bytes:
    """Add the parts python-docx does not write, drop the template's unused parts, fix dates."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name in ("word/stylesWithEffects.xml", "word/webSettings.xml", "docProps/thumbnail.jpeg", "customXml/item1.xml", "customXml/_rels/item1.xml.rels", "customXml/itemProps1.xml"):
        parts.pop(name, None)
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = re.sub(r'<Relationship [^>]*(stylesWithEffects|webSettings|customXml)[^>]*/>', "", rels)
    types = parts["[Content_Types].xml"].decode()
    types = re.sub(r'<Override PartName="/(word/stylesWithEffects|word/webSettings|customXml/itemProps1)\.xml"[^>]*/>', "", types)
    package_rels = parts["_rels/.rels"].decode()
    package_rels = re.sub(r'<Relationship [^>]*thumbnail[^>]*/>', "", package_rels)
    added: list[str] = []

    def part(name: str, content_type: str, xml: str, rel_type: str | None, rid: str | None) -> None:
        nonlocal rels, types
        parts[name] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml).encode()
        types = types.replace("</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>')
        if rel_type:
            rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{REL}/{rel_type}" Target="{name[5:]}"/></Relationships>')
        added.append(name)

    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml."
    if spec.footnotes:
        notes = "".join(_footnote("footnote", n, inner) for n, inner in spec.footnotes.items())
        part("word/footnotes.xml", ct + "footnotes+xml", f"<w:footnotes {STORY_NS}>{NOTE_SEPARATORS['footnote']}{notes}</w:footnotes>", "footnotes", "rIdFootnotes")
    if spec.endnotes:
        notes = "".join(_footnote("endnote", n, inner) for n, inner in spec.endnotes.items())
        part("word/endnotes.xml", ct + "endnotes+xml", f"<w:endnotes {STORY_NS}>{NOTE_SEPARATORS['endnote']}{notes}</w:endnotes>", "endnotes", "rIdEndnotes")
    for index, (kind, stories) in enumerate((("header", spec.headers), ("footer", spec.footers))):
        tag = "hdr" if kind == "header" else "ftr"
        for number, (which, inner) in enumerate(stories.items(), start=1):
            part(f"word/{kind}{number}.xml", ct + f"{kind}+xml", f"<w:{tag} {STORY_NS}>{inner}</w:{tag}>", kind, f"rId{'H' if kind == 'header' else 'F'}{which}")
    if spec.numbering is not None:
        parts["word/numbering.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {STORY_NS}>{spec.numbering}</w:numbering>'.encode()
    for rid, url in spec.links.items():
        rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{REL}/hyperlink" Target="{escape(url)}" TargetMode="External"/></Relationships>')
    for number, (rid, png) in enumerate(spec.images.items(), start=1):
        parts[f"word/media/image{number}.png"] = png
        rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{REL}/image" Target="media/image{number}.png"/></Relationships>')
        if 'Extension="png"' not in types:
            types = types.replace("<Default ", '<Default Extension="png" ContentType="image/png"/><Default ', 1)
    if "word/comments.xml" in parts:
        parts["word/comments.xml"] = re.sub(rb'w:date="[^"]*"', f'w:date="{DATE}"'.encode(), parts["word/comments.xml"])
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["[Content_Types].xml"] = types.encode()
    parts["_rels/.rels"] = package_rels.encode()
    parts["word/styles.xml"] = _trim_styles(parts["word/styles.xml"], parts)
    parts["word/settings.xml"] = re.sub(rb"<w:rsids>.*?</w:rsids>", b"", parts["word/settings.xml"], flags=re.S)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return normalise(out.getvalue(), date=DATE)


def _trim_styles(styles: bytes, parts: dict[str, bytes]) -> bytes:
    """python-docx's style sheet cut down to the styles the parts use, the defaults, and what they build on."""
    text = styles.decode().replace("</w:styles>", EXTRA_STYLES + "</w:styles>")
    head, _, rest = text.partition("<w:style ")
    head = re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", head, flags=re.S)
    definitions = re.findall(r"<w:style .*?</w:style>", "<w:style " + rest, flags=re.S)
    by_id = {re.search(r'w:styleId="([^"]+)"', d).group(1): d for d in definitions}  # type: ignore[union-attr]
    used = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
    for content in parts.values():
        if content[:5] == b"<?xml" or content[:1] == b"<":
            used.update(m.decode() for m in re.findall(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', content))
    wanted = set()
    stack = list(used)
    while stack:
        style = stack.pop()
        if style in wanted or style not in by_id:
            continue
        wanted.add(style)
        stack.extend(re.findall(r'<w:(?:basedOn|link|next) w:val="([^"]+)"', by_id[style]))
    kept = "".join(d for d in definitions if re.search(r'w:styleId="([^"]+)"', d).group(1) in wanted)  # type: ignore[union-attr]
    return (head + kept + "</w:styles>").encode()


# -- the pairs ---------------------------------------------------------------------------------

BUILDERS: dict[str, Callable[[], tuple[bytes, bytes]]] = {}


def pair(name: str) -> Callable[[Callable[[], tuple[Spec, Spec]]], Callable[[], tuple[Spec, Spec]]]:
    def register(builder: Callable[[], tuple[Spec, Spec]]) -> Callable[[], tuple[Spec, Spec]]:
        BUILDERS[name] = lambda: tuple(make(spec) for spec in builder())  # type: ignore[assignment,return-value]
        return builder

    return register


TITLE = p("Правила приема на обучение в организации образования", style="Title")
TITLE_KK = p("Білім беру ұйымдарына оқуға қабылдау қағидалары", style="Title")
P1 = "1. Настоящие Правила определяют порядок приема детей на обучение в организации среднего образования."
P2 = "2. Дети иностранцев и лиц без гражданства, постоянно проживающих в Республике Казахстан, принимаются на обучение на равных основаниях с гражданами Республики Казахстан."
P2_NEW = "2. Дети иностранцев и лиц без гражданства, проживающих в Республике Казахстан, принимаются на обучение на равных основаниях с гражданами Республики Казахстан."
P3 = "3. Прием осуществляется по заявлению родителей или иных законных представителей ребенка."
P4 = "4. Документы рассматриваются в течение трех рабочих дней со дня их поступления."
P5 = "5. Отказ в приеме может быть обжалован в порядке, установленном законодательством."
KK = [
    "1. Осы Қағидалар балаларды орта білім беру ұйымдарына оқуға қабылдау тәртібін айқындайды.",
    "2. Маусымдық және шекара маңындағы жұмысшылардың балаларын қоспағанда, шетелдіктердің балалары оқуға қабылданады.",
    "3. Қабылдау ата-аналардың өтініші бойынша жүзеге асырылады.",
    "4. Құжаттар үш жұмыс күні ішінде қаралады.",
]
HEAD_ROW = tr(cell("Действующая редакция", width=3000), cell("Предлагаемая редакция", width=3000), cell("Обоснование", width=3000), header=True)


def body(*blocks: str, title: str = TITLE) -> str:
    return title + "".join(b if b.startswith("<") else p(b) for b in blocks)


# Tables -------------------------------------------------------------------------------------


@pair("table-cell-words-ru")
def _() -> tuple[Spec, Spec]:
    def doc(proposed: str, reason: str) -> Spec:
        return Spec(body(P1, tbl(HEAD_ROW, tr("пункт 2: с отметкой о регистрации по месту жительства", proposed, reason)), P3))

    return (
        doc("пункт 2: с документом, подтверждающим регистрацию", "Отметка ставится не всегда."),
        doc("пункт 2: с документом, подтверждающим регистрацию по месту постоянного проживания", "Отметка о регистрации ставится не всегда."),
    )


ROWS = [
    ("1", "Заявление родителей", "по форме приложения 2"),
    ("2", "Копия свидетельства о рождении", "с оригиналом"),
    ("3", "Копия миграционной карточки", "для иностранцев"),
    ("4", "Медицинская справка", "форма 063/у"),
]


def rows_table(rows: list[tuple[str, str, str]]) -> str:
    return tbl(tr(cell("№", width=800), cell("Документ", width=4000), cell("Примечание", width=3000), header=True), *[tr(cell(a, width=800), cell(b, width=4000), cell(c, width=3000)) for a, b, c in rows], widths=(800, 4000, 3000))


@pair("table-row-inserted")
def _() -> tuple[Spec, Spec]:
    new = [*ROWS[:2], ("2-1", "Адресная справка", "или справка акима села"), *ROWS[2:]]
    return Spec(body(P1, rows_table(ROWS), P4)), Spec(body(P1, rows_table(new), P4))


@pair("table-row-deleted")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, rows_table(ROWS), P4)), Spec(body(P1, rows_table([ROWS[0], ROWS[1], ROWS[3]]), P4))


@pair("table-rows-mixed-kk")
def _() -> tuple[Spec, Spec]:
    old = [("1", "Ата-анасының өтініші", "2-қосымша"), ("2", "Туу туралы куәліктің көшірмесі", "түпнұсқасымен"), ("3", "Көші-қон карточкасының көшірмесі", "шетелдіктер үшін"), ("4", "Медициналық анықтама", "063/у нысаны")]
    new = [("1", "Ата-анасының немесе заңды өкілдерінің өтініші", "2-қосымша"), ("2", "Туу туралы куәліктің көшірмесі", "түпнұсқасымен"), ("3", "Мекенжай анықтамасы", "немесе ауыл әкімінің анықтамасы"), ("4", "Медициналық анықтама", "063/у нысаны")]
    return Spec(body(KK[0], rows_table(old), KK[3], title=TITLE_KK)), Spec(body(KK[0], rows_table(new[:2] + [new[3]] + [("5", "Фотосурет", "3x4")]), KK[3], title=TITLE_KK))


@pair("table-inserted")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, P3, P4)), Spec(body(P1, P3, rows_table(ROWS[:2]), P4))


@pair("table-deleted")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, rows_table(ROWS), P3, P4)), Spec(body(P1, P3, P4))


@pair("table-nested")
def _() -> tuple[Spec, Spec]:
    def doc(inner_rows: list[tuple[str, str]]) -> Spec:
        inner = tbl(*[tr(cell(a, width=1500), cell(b, width=1500)) for a, b in inner_rows], widths=(1500, 1500))
        outer = tbl(tr(cell("Уровень образования", width=3000), cell("Сроки", width=3200)), tr(cell("Начальное и основное среднее", width=3000), cell(p("Сроки приема:"), inner, p(), width=3200)), widths=(3000, 3200))
        return Spec(body(P1, outer, P4))

    return doc([("Заявление", "до 1 августа"), ("Зачисление", "до 30 августа")]), doc([("Заявление", "до 15 августа"), ("Зачисление", "до 30 августа"), ("Перевод", "в течение года")])


@pair("table-merged-cells")
def _() -> tuple[Spec, Spec]:
    def doc(first: str, keep_last: bool) -> Spec:
        rows = [
            tr(cell("Категория", width=3000), cell("Документы", width=6000, span=2)),
            tr(cell(first, width=3000, vmerge="restart"), cell("заявление", width=3000), cell("обязательно", width=3000)),
            tr(cell("", width=3000, vmerge=""), cell("адресная справка", width=3000), cell("при наличии", width=3000)),
        ]
        if keep_last:
            rows.append(tr(cell("Граждане", width=3000), cell("заявление", width=3000), cell("обязательно", width=3000)))
        return Spec(body(P1, tbl(*rows), P4))

    return doc("Иностранцы", True), doc("Иностранцы и лица без гражданства", False)


@pair("table-column-added")
def _() -> tuple[Spec, Spec]:
    old = tbl(tr("Документ", "Срок"), tr("Заявление", "3 дня"), tr("Жалоба", "10 дней"), widths=(4000, 4000))
    new = tbl(tr("Документ", "Срок", "Основание"), tr("Заявление", "3 дня", "пункт 4"), tr("Жалоба", "10 дней", "пункт 5"), widths=(3000, 3000, 3000))
    return Spec(body(P1, old, P4)), Spec(body(P1, new, P4))


@pair("table-in-textbox")
def _() -> tuple[Spec, Spec]:
    def doc(term: str) -> Spec:
        inner = tbl(tr("Заявление", term), tr("Жалоба", "10 рабочих дней"), widths=(2000, 2000))
        return Spec(body(p(textbox(p("Сроки рассмотрения:"), inner, p()), P1), P2))

    return doc("3 рабочих дня"), doc("2 рабочих дня")


# Text boxes -----------------------------------------------------------------------------------


@pair("textbox-vml-only")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(p(textbox("Примечание: пункт 2 действует с 1 сентября.", kind="vml"), P1), P2)),
        Spec(body(p(textbox("Примечание: пункт 2 действует с 1 января.", kind="vml"), P1), P2)),
    )


@pair("textbox-wps-only")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(p(textbox("Ескерту: 2-тармақ 1 қыркүйектен бастап қолданылады.", kind="wps"), KK[0]), KK[1], title=TITLE_KK)),
        Spec(body(p(textbox("Ескерту: 2-тармақ 1 қаңтардан бастап қолданылады.", kind="wps"), KK[0]), KK[1], title=TITLE_KK)),
    )


@pair("textbox-and-body-changed")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(p(textbox("Справка разработчика.", "Срок — три дня."), P1), P2)),
        Spec(body(p(textbox("Справка разработчика.", "Срок — два дня.", "Основание: пункт 4."), P1.replace("среднего ", "")), P2)),
    )


# Headers and footers ---------------------------------------------------------------------------


@pair("header-first-page")
def _() -> tuple[Spec, Spec]:
    def doc(first: str) -> Spec:
        return Spec(body(P1, P2), headers={"default": p("Правила приема", style="Header"), "first": p(first, style="Header")})

    return doc("Утверждены приказом Министра от 12 октября 2010 года № 468"), doc("Утверждены приказом Министра просвещения от 1 сентября 2026 года № 300")


@pair("header-added")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, P2)), Spec(body(P1, P2), headers={"default": p("Проект. Вносится Министерством просвещения", style="Header")})


@pair("footer-removed")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, P2), footers={"default": p("Исп.: Департамент дошкольного и среднего образования", style="Footer")}), Spec(body(P1, P2))


# Notes ------------------------------------------------------------------------------------------


P2_PARTS = ("2. Дети иностранцев и лиц без гражданства", ", постоянно проживающих в Республике Казахстан, принимаются на обучение.")


@pair("footnote-body-words")
def _() -> tuple[Spec, Spec]:
    notes = {1: "Включая детей беженцев и лиц, ищущих убежище."}
    return (
        Spec(body(P1, p(P2_PARTS[0], footnote_ref(1), P2_PARTS[1]), P3), footnotes=notes),
        Spec(body(P1, p(P2_PARTS[0], footnote_ref(1), ", проживающих в Республике Казахстан, принимаются на обучение бесплатно."), P3), footnotes=notes),
    )


@pair("footnote-paragraph-deleted")
def _() -> tuple[Spec, Spec]:
    notes = {1: "Кроме детей сезонных и приграничных работников.", 2: "Статья 30 Конституции."}
    return (
        Spec(body(P1, p(P2_PARTS[0], footnote_ref(1), P2_PARTS[1]), p(P3, footnote_ref(2)), P4), footnotes=notes),
        Spec(body(P1, p(P3, footnote_ref(2)), P4), footnotes={2: notes[2]}),
    )


@pair("footnote-paragraph-inserted")
def _() -> tuple[Spec, Spec]:
    notes = {1: "Статья 30 Конституции."}
    return (
        Spec(body(P1, p(P3, footnote_ref(1)), P4), footnotes=notes),
        # Word numbers notes in the order of their references when it saves: the new note is 1, the old one 2.
        Spec(body(P1, p(P2_PARTS[0], footnote_ref(1), P2_PARTS[1]), p(P3, footnote_ref(2)), P4), footnotes={1: "Включая детей трудящихся-мигрантов.", 2: notes[1]}),
    )


@pair("footnote-and-endnote-python")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(p(P1, footnote_ref(1)), p(P3, endnote_ref(1))), footnotes={1: "Приказ № 468."}, endnotes={1: "Конвенция о правах ребенка, статья 28."}),
        Spec(body(p(P1, footnote_ref(1)), p(P3, endnote_ref(1))), footnotes={1: "Приказ № 468 в редакции 2026 года."}, endnotes={1: "Конвенция о правах ребенка, статьи 2 и 28."}),
    )


# Comments ---------------------------------------------------------------------------------------


@pair("comments-kept-edit-elsewhere")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(P1, P2, P3), comments=[(2, "Согласовать с Министерством внутренних дел.")]),
        Spec(body(P1, P2_NEW, P3), comments=[(2, "Согласовать с Министерством внутренних дел.")]),
    )


@pair("comments-range-edited")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, P4, P5), comments=[(2, "Почему три дня, а не два?")]), Spec(body(P1, P4.replace("трех", "двух"), P5), comments=[(2, "Почему три дня, а не два?")])


@pair("comments-paragraph-deleted")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, P2, P3), comments=[(2, "Исключить: дискриминационная норма.")]), Spec(body(P1, P3))


@pair("comments-in-new")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, P3)), Spec(body(P1, P2, P3), comments=[(2, "Новый пункт по предложению НПО.")])


# Hyperlinks and fields -------------------------------------------------------------------------

ADILET = {"rId901": "https://adilet.zan.kz/rus/docs/V1000006697_", "rId902": "https://adilet.zan.kz/rus/docs/K950001000_"}


@pair("hyperlink-words-around")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(P1, p("Правила утверждены ", link("rId901", "приказом № 468"), " Министра образования и науки."), P3), links=ADILET),
        Spec(body(P1, p("Настоящие Правила утверждены ", link("rId901", "приказом № 468"), " Министра образования и науки Республики Казахстан."), P3), links=ADILET),
    )


@pair("hyperlink-added")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(P1, p("Право на образование гарантировано Конституцией Республики Казахстан."), P3), links=ADILET),
        Spec(body(P1, p("Право на образование гарантировано ", link("rId902", "Конституцией"), " Республики Казахстан."), P3), links=ADILET),
    )


@pair("hyperlink-text-changed")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(P1, p("См. ", link("rId901", "приказ № 468"), "."), P3), links=ADILET),
        Spec(body(P1, p("См. ", link("rId901", "приказ Министра № 468"), "."), P3), links=ADILET),
    )


@pair("field-result-changed")
def _() -> tuple[Spec, Spec]:
    # Paragraph 5 became 6; the cross-reference to its number (a REF field on a bookmark) shows 6.
    rest = P5.split(" ", 1)[1]
    return (
        Spec(body(P1, p("Порядок обжалования указан в пункте ", complex_field("REF punkt5 \\h", "5"), " настоящих Правил."), P4, p(bookmark(77, "punkt5", "5"), ". " + rest))),
        Spec(body(P1, p("Порядок обжалования указан в пункте ", complex_field("REF punkt5 \\h", "6"), " настоящих Правил."), P4, p("5. Документы возвращаются заявителю, если они неполные."), p(bookmark(77, "punkt5", "6"), ". " + rest))),
    )


@pair("field-around-text")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(P1, p("Редакция от ", complex_field("DATE \\@ \"dd.MM.yyyy\"", "01.09.2026"), ", страница ", complex_field("PAGE", "1"), "."), P3)),
        Spec(body(P1, p("Действующая редакция от ", complex_field("DATE \\@ \"dd.MM.yyyy\"", "01.09.2026"), ", лист ", complex_field("PAGE", "1"), "."), P3)),
    )


@pair("field-simple-changed")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(P1, p("Всего страниц: ", fld_simple("NUMPAGES", "3"), "."), P3)),
        Spec(body(P1, p("Всего страниц: ", fld_simple("NUMPAGES", "4"), "."), P3)),
    )


# Bookmarks and content controls ---------------------------------------------------------------


@pair("bookmark-words-inside")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(P1, p(bookmark(55, "p4", P4)), P5)),
        Spec(body(P1, p(bookmark(55, "p4", P4.replace("трех рабочих", "двух рабочих"))), P5)),
    )


@pair("bookmark-paragraph-deleted")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, p(bookmark(56, "p2", P2)), P3)), Spec(body(P1, P3))


@pair("sdt-block-content")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(P1, sdt_block("signature", "Подпись", p("Министр просвещения"), p("А. Иванов")), P3)),
        Spec(body(P1, sdt_block("signature", "Подпись", p("Министр просвещения Республики Казахстан"), p("Б. Сериков")), P3)),
    )


@pair("sdt-inline-text")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(p("Приказ от ", sdt_inline("date", "12 октября 2010 года"), " № 468"), P1)),
        Spec(body(p("Приказ от ", sdt_inline("date", "1 сентября 2026 года"), " № 468"), P1)),
    )


@pair("sdt-block-inserted")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, P3)), Spec(body(P1, sdt_block("note", "Примечание", p("Примечание: пункт 2 исключен.", style="ProjectNote")), P3))


# Images ------------------------------------------------------------------------------------------


@pair("image-kept-text-changed")
def _() -> tuple[Spec, Spec]:
    return (
        Spec(body(p(image("rId801", 11), " Государственный герб Республики Казахстан"), P1), images={"rId801": BLUE}),
        Spec(body(p(image("rId801", 11), " Государственный герб Казахстана"), P1), images={"rId801": BLUE}),
    )


@pair("image-inserted")
def _() -> tuple[Spec, Spec]:
    return Spec(body(p("Образец бланка заявления."), P1)), Spec(body(p("Образец бланка заявления: ", image("rId801", 12, "Образец")), P1), images={"rId801": RED})


@pair("image-deleted")
def _() -> tuple[Spec, Spec]:
    return Spec(body(p("Печать организации: ", image("rId801", 13, "Печать")), P1), images={"rId801": BLUE}), Spec(body(p("Печать организации: "), P1))


# Numbered lists ------------------------------------------------------------------------------------

NUMBERING = LEGAL_NUMBERING.format(a=0) + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
ITEMS = [
    "Настоящие Правила определяют порядок приема детей на обучение.",
    "Дети иностранцев принимаются на обучение на равных основаниях.",
    "Прием осуществляется по заявлению родителей.",
    "Документы рассматриваются в течение трех рабочих дней.",
    "Отказ в приеме может быть обжалован.",
]


def numbered(items: list[str], level: dict[int, int] | None = None, numbering: str = NUMBERING, num_of: dict[int, int] | None = None) -> Spec:
    level = level or {}
    num_of = num_of or {}
    return Spec(body(*[p(text, style="ListParagraph", num=(num_of.get(i, 1), level.get(i, 0))) for i, text in enumerate(items)]), numbering=numbering)


@pair("list-item-deleted-ru")
def _() -> tuple[Spec, Spec]:
    return numbered(ITEMS), numbered([ITEMS[0], ITEMS[2], ITEMS[3], ITEMS[4]])


@pair("list-item-inserted-kk")
def _() -> tuple[Spec, Spec]:
    items = [k.split(" ", 1)[1] for k in KK]
    new = [items[0], items[1], "Шетелдіктердің балалары Қазақстан Республикасының азаматтарымен тең негізде қабылданады.", items[2], items[3]]
    return numbered(items), numbered(new)


@pair("list-item-words")
def _() -> tuple[Spec, Spec]:
    return numbered(ITEMS), numbered([ITEMS[0], ITEMS[1].replace("на равных основаниях", "на равных основаниях с гражданами"), *ITEMS[2:]])


@pair("list-numbering-gained")
def _() -> tuple[Spec, Spec]:
    old = Spec(body(*[p(t, style="ListParagraph", num=(1, 0)) for t in ITEMS[:2]], p(ITEMS[2]), p(ITEMS[3], style="ListParagraph", num=(1, 0))), numbering=NUMBERING)
    new = Spec(body(*[p(t, style="ListParagraph", num=(1, 0)) for t in ITEMS[:4]]), numbering=NUMBERING)
    return old, new


@pair("list-numbering-lost")
def _() -> tuple[Spec, Spec]:
    old = Spec(body(*[p(t, style="ListParagraph", num=(1, 0)) for t in ITEMS[:4]]), numbering=NUMBERING)
    new = Spec(body(*[p(t, style="ListParagraph", num=(1, 0)) for t in ITEMS[:2]], p("Примечание: " + ITEMS[2]), p(ITEMS[3], style="ListParagraph", num=(1, 0))), numbering=NUMBERING)
    return old, new


@pair("list-levels")
def _() -> tuple[Spec, Spec]:
    old = ["Для приема представляются:", "заявление родителей;", "копия свидетельства о рождении;", "копия миграционной карточки.", "Документы рассматриваются в течение трех дней."]
    new = ["Для приема представляются:", "заявление родителей;", "копия свидетельства о рождении;", "адресная справка.", "Документы рассматриваются в течение трех дней."]
    return numbered(old, {1: 1, 2: 1, 3: 1}), numbered(new, {1: 1, 2: 1, 3: 1})


@pair("list-new-definition")
def _() -> tuple[Spec, Spec]:
    letters = NUMBERING + LETTER_NUMBERING.format(a=1) + '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    old = numbered(ITEMS[:3])
    new = numbered([*ITEMS[:2], "детей беженцев;", "детей трудящихся-мигрантов;", ITEMS[2]], numbering=letters, num_of={2: 2, 3: 2})
    return old, new


MOVED = "Отказ в приеме на обучение может быть обжалован родителями в вышестоящем органе управления образованием или в суде."


@pair("moves-real")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, MOVED, P2, P3, P4, P5)), Spec(body(P1, P2, P3, MOVED, P4, P5))


@pair("moves-off")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, MOVED, P2, P3, P4, P5)), Spec(body(P1, P2, P3, MOVED, P4, P5))


@pair("moves-unrelated")
def _() -> tuple[Spec, Spec]:
    other = "Дети граждан, проживающих в сельской местности, обеспечиваются подвозом к организации образования и обратно бесплатно."
    return Spec(body(P1, MOVED, P2, P3, P4, P5)), Spec(body(P1, P2, P3, other, P4, P5))


# Existing tracked changes ------------------------------------------------------------------------

EXISTING_OLD = body(
    P1,
    p("2. Дети иностранцев и лиц без гражданства, ", ins("постоянно ", 701), "проживающих в Республике Казахстан, принимаются на обучение."),
    p("3. Прием осуществляется по заявлению ", dele("обоих ", 702), "родителей."),
    P4,
)


@pair("existing-keep")
def _() -> tuple[Spec, Spec]:
    new = body(P1, p("2. Дети иностранцев и лиц без гражданства, постоянно проживающих в Республике Казахстан, принимаются на обучение."), p("3. Прием осуществляется по заявлению родителей."), P4.replace("трех", "двух"))
    return Spec(EXISTING_OLD), Spec(new)


@pair("existing-keep-conflict")
def _() -> tuple[Spec, Spec]:
    new = body(P1, p("2. Дети иностранцев и лиц без гражданства, проживающих в Республике Казахстан, принимаются на обучение."), p("3. Прием осуществляется по заявлению родителей."), P4)
    return Spec(EXISTING_OLD), Spec(new)


@pair("existing-accept")
def _() -> tuple[Spec, Spec]:
    new = body(P1, p("2. Дети иностранцев и лиц без гражданства, проживающих в Республике Казахстан, принимаются на обучение."), p("3. Прием осуществляется по заявлению родителей."), P4)
    return Spec(EXISTING_OLD), Spec(new)


@pair("existing-reject")
def _() -> tuple[Spec, Spec]:
    new = body(P1, p("2. Дети иностранцев и лиц без гражданства, проживающих в Республике Казахстан, принимаются на обучение."), p("3. Прием осуществляется по заявлению обоих родителей или опекунов."), P4)
    return Spec(EXISTING_OLD), Spec(new)


@pair("existing-refuse")
def _() -> tuple[Spec, Spec]:
    return Spec(EXISTING_OLD), Spec(body(P1, P2, P3, P4))


@pair("existing-new-has-revisions")
def _() -> tuple[Spec, Spec]:
    new = body(P1, p("2. Дети иностранцев", ins(" и лиц без гражданства", 711), ", проживающих в Республике Казахстан, принимаются на обучение."), P3)
    return Spec(body(P1, p("2. Дети иностранцев, проживающих в Республике Казахстан, принимаются на обучение."), P3)), Spec(new)


@pair("existing-row-deleted-by-other")
def _() -> tuple[Spec, Spec]:
    gone = f'<w:tr><w:trPr><w:del w:id="721" {ALICE}/></w:trPr>' + "".join(f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>{p(dele(t, 722 + i))}</w:tc>' for i, t in enumerate(("3", "Копия миграционной карточки", "для иностранцев"))) + "</w:tr>"
    old_table = rows_table(ROWS[:2]).replace("</w:tbl>", gone + "</w:tbl>")
    return Spec(body(P1, old_table, P4)), Spec(body(P1, rows_table([ROWS[0], ("2", "Копия свидетельства о рождении ребенка", "с оригиналом")]), P4))


# Minimal output, formatting, the ends of the document ---------------------------------------------------

LONG = [f"{n}. Пункт {n}: организация образования обеспечивает равный доступ к образованию каждому ребенку, проживающему на ее территории, независимо от гражданства родителей." for n in range(1, 301)]


@pair("minimal-long-one-word")
def _() -> tuple[Spec, Spec]:
    new = list(LONG)
    new[149] = new[149].replace("равный доступ", "равный и бесплатный доступ")
    return Spec(body(*LONG)), Spec(body(*new))


BOLD_OLD = p("2. Термин ", r("сезонный работник"), " означает лицо, работающее по сезонному трудовому договору.")
BOLD_NEW = p("2. Термин ", r("сезонный работник", "<w:b/>"), " означает лицо, работающее по сезонному трудовому договору.")


@pair("formatting-bold-added")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, BOLD_OLD, P3)), Spec(body(P1, BOLD_NEW, P3))


@pair("formatting-style-changed")
def _() -> tuple[Spec, Spec]:
    return Spec(body(p("Глава 1. Общие положения"), P1, P2)), Spec(body(p("Глава 1. Общие положения", style="Heading1"), P1, P2))


@pair("formatting-ignored")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, BOLD_OLD, P3)), Spec(body(P1, BOLD_NEW, P3))


@pair("general-end-of-document")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, P2, P3, P4, P5)), Spec(body(P1, P2, P3, P4.replace("трех", "двух"), "6. Настоящие Правила вводятся в действие по истечении десяти календарных дней после дня их первого официального опубликования."))


@pair("general-kazakh-words")
def _() -> tuple[Spec, Spec]:
    return Spec(body(*KK, title=TITLE_KK)), Spec(body(KK[0], "2. Шетелдіктердің балалары оқуға қабылданады.", KK[2], KK[3], title=TITLE_KK))


@pair("general-math-changed")
def _() -> tuple[Spec, Spec]:
    return Spec(body(P1, p("Норматив: ", math("N=25"), " учащихся в классе."))), Spec(body(P1, p("Норматив: ", math("N=30"), " учащихся в классе.")))


# -- LibreOffice ---------------------------------------------------------------------------------


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("LibreOffice (soffice) is needed to build the libreoffice pairs")
    return exe


def convert(sources: list[Path]) -> dict[Path, bytes]:
    """Convert sources to .docx with one LibreOffice run; returns normalised bytes by source."""
    out: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        for suffix, options in ((".fodt", []), (".html", ["--infilter=HTML (StarWriter)"])):
            batch = [s for s in sources if s.suffix == suffix]
            if not batch:
                continue
            subprocess.run(
                [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", *options, "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, *map(str, batch)],
                check=True, capture_output=True, timeout=600,
            )  # fmt: skip
            for source in batch:
                converted = Path(tmp) / (source.stem + ".docx")
                out[source] = normalise(converted.read_bytes(), date=DATE)
    return out


# -- the manifest and the command --------------------------------------------------------------------


def manifest() -> list[dict[str, object]]:
    import yaml

    return yaml.safe_load((HERE / "pairs.yaml").read_text(encoding="utf-8"))["pairs"]


def build(names: list[str] | None = None) -> dict[str, bytes]:
    """The files of the pairs (all, or those named): file name → bytes."""
    pairs = manifest()
    chosen = [entry for entry in pairs if not names or entry["id"] in names]
    files: dict[str, bytes] = {}
    lo_sources: dict[str, tuple[Path, Path]] = {}
    for entry in chosen:
        name = str(entry["id"])
        if entry["source"] == "python-docx":
            old, new = BUILDERS[name]()
            files[f"{name}.old.docx"], files[f"{name}.new.docx"] = old, new
        else:
            suffix = ".html" if entry["source"] == "libreoffice-html" else ".fodt"
            lo_sources[name] = (SOURCES / f"{name}.old{suffix}", SOURCES / f"{name}.new{suffix}")
    if lo_sources:
        converted = convert([path for both in lo_sources.values() for path in both])
        for name, (old, new) in lo_sources.items():
            files[f"{name}.old.docx"], files[f"{name}.new.docx"] = converted[old], converted[new]
    return files


def check_registry() -> None:
    pairs = manifest()
    listed = {str(e["id"]) for e in pairs if e["source"] == "python-docx"}
    sources = {str(e["id"]) for e in pairs if e["source"] != "python-docx"}
    missing = listed - set(BUILDERS)
    extra = set(BUILDERS) - listed
    lost = [name for name in sources if not any((SOURCES / f"{name}.old{s}").exists() for s in (".fodt", ".html"))]
    if missing or extra or lost:
        raise SystemExit(f"pairs.yaml and build.py disagree: no builder for {sorted(missing)}, not listed {sorted(extra)}, no sources for {sorted(lost)}")


def main(argv: list[str]) -> int:
    check = "--check" in argv
    names = [a for a in argv if not a.startswith("--")]
    check_registry()
    files = build(names or None)
    changed = []
    for name, data in sorted(files.items()):
        path = HERE / name
        if path.exists() and path.read_bytes() == data:
            continue
        changed.append(name)
        if not check:
            path.write_bytes(data)
    if check and changed:
        print("out of date:", *changed, sep="\n  ")
        return 1
    print(f"{len(files)} files, {len(changed)} {'out of date' if check else 'written'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
