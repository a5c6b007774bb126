"""Parse an HTML page of a legal portal (adilet.zan.kz and the like) into the clause tree.

A page's text is cut into blocks at block-level elements (``<p>``, ``<div>``,
``<h1>``–``<h6>``, ``<li>``, table cells …): everything between two block
boundaries — inline elements such as ``<a>``, ``<strong>``, ``<span>`` included,
with no spaces added around them — is one block, whitespace-normalised. For a
leaf element this is its ``text_content()``; for a ``<div>`` holding text *and*
paragraphs, its loose text becomes blocks of its own instead of being repeated.
Page furniture (``<script>``, ``<style>``, ``<nav>``, ``<header>``,
``<footer>``, forms controls, ``<head>``) is dropped.

* Headings keep their tag as the block style ("h2"), which the tree builder
  reads as a heading; other blocks have their tag too ("p", "li", "td").
* ``<br>`` starts a new block only when the text after it opens with a number
  label or a structural heading ("2. …", "Статья 9."); otherwise it is a space.
* ``<li>`` of an ``<ol>`` gets the number the browser shows as its automatic
  label ("1.", "a."), like Word numbering in a .docx.
* Table cells become blocks with ``cell=(table, row, column)`` (0-based;
  nested tables are read into the cell of the outermost table).

The charset is taken from ``encoding`` when given, else the BOM, else UTF-8
when the bytes are valid UTF-8, else the ``<meta charset>``/``http-equiv``
declaration, else the Windows-1251 detection of
:func:`lexamend.parse.source.decode`. ``Block.line`` is the source
line of the element the block's text starts in.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from lexamend.errors import InputError
from lexamend.model import Block, Document, Metadata
from lexamend.ooxml.numbering import format_number
from lexamend.parse.lang import detect_language
from lexamend.parse.normalise import clean_space
from lexamend.parse.numbering import classify_heading, classify_list_item
from lexamend.parse.source import decode
from lexamend.parse.text import document_from_blocks

#: Elements whose content is not text of the page.
DROP = frozenset(
    {"head", "script", "style", "nav", "header", "footer", "noscript", "template", "iframe", "object",
     "embed", "svg", "canvas", "button", "select", "textarea", "input"}
)  # fmt: skip
#: Elements that end the block before them and start a new one.
BLOCK = frozenset(
    {"html", "body", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
     "blockquote", "pre", "section", "article", "main", "aside", "address", "figure", "figcaption",
     "center", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "form", "fieldset",
     "legend", "hr", "details", "summary"}
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
_OL_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}

_BREAK = "\n"  # marks a <br> (or a line end in <pre>) in the text being collected
_LINE_END = re.compile(r"[\n\r\f\v]")
_TAG = re.compile(rb"<[^>]*>")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)


def parse_html(data: bytes, path: str, *, meta: Metadata, lang: str | None, encoding: str | None) -> Document:
    """Parse the bytes of an HTML page (``path`` is for messages only; no I/O)."""
    text = decode_html(data, path, encoding)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser=_HTML_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"cannot be read as HTML ({exc})", hint="Give the saved page of a legal act.") from None
    blocks = html_blocks(root)
    language = lang or detect_language("\n".join(block.raw for block in blocks))
    return document_from_blocks(blocks, meta=meta, lang=language, source_format="html")


def decode_html(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode a page: given encoding, BOM, valid UTF-8, declared ``<meta>`` charset, then cp1251 detection.

    Bytes that are valid UTF-8 are read as UTF-8 whatever the page declares:
    pages saved from a browser keep their old ``charset=windows-1251`` while
    the bytes are UTF-8, and Cyrillic text in a single-byte charset is never
    valid UTF-8.
    """
    if encoding or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data, path, encoding).text
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return decode(data, path).text
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            declared = codecs.lookup(match.group(1).decode("ascii")).name
        except LookupError:
            declared = ""
        # A page whose bytes hold an ASCII <meta> cannot be UTF-16/32 without a BOM (HTML5 reads it as UTF-8).
        if declared and not declared.startswith(("utf-8", "utf-16", "utf-32")):
            try:
                return decode(data, path, declared).text
            except InputError:
                pass  # the declaration is wrong; detect instead
    # Judge the charset on the text between tags: markup is Latin and would hide Cyrillic.
    try:
        guessed = decode(_TAG.sub(b" ", data), path).encoding
    except InputError:
        guessed = None
    return decode(data, path, guessed if guessed == "cp1251" else None).text


@dataclass
class _Collected:
    """A block of text while it is being collected."""

    parts: list[str] = field(default_factory=list)
    line: int | None = None
    break_lines: list[int] = field(default_factory=list)  # source line of each break, in order


class _Walker:
    """Walks the element tree once, cutting text into blocks at block boundaries."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.current = _Collected()
        self.styles: list[str] = []  # open block elements, innermost last
        self.cell: tuple[int, int, int] | None = None
        self.tables = 0  # outermost tables seen
        self.table_depth = 0
        self.rows = self.cols = 0
        self.cell_start = 0  # number of blocks when the current outermost cell opened
        self.pending_label: str | None = None  # an <li>'s number, for its first block
        self.list_counters: dict[etree._Element, int] = {}
        self.pre = 0

    def walk(self, element: etree._Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is None or tag in DROP:
            return
        if tag == "br":
            self._add(_BREAK, element)
            return
        if tag not in BLOCK:
            self._add(element.text, element)
            for child in element:
                self.walk(child)
                self._add(child.tail, child)
            return
        self.flush()
        saved_cell = self._enter(tag, element)
        self.styles.append(tag)
        self.pre += tag == "pre"
        self._add(element.text, element)
        for child in element:
            self.walk(child)
            self._add(child.tail, child)
        self.flush()
        self._leave(tag, saved_cell)
        self.pre -= tag == "pre"
        self.styles.pop()

    def _enter(self, tag: str, element: etree._Element) -> tuple[int, int, int] | None:
        """Track tables and list numbers; return the cell to restore on leaving."""
        saved = self.cell
        if tag == "table":
            self.table_depth += 1
            if self.table_depth == 1:
                self.rows = 0
        elif tag == "tr" and self.table_depth == 1:
            self.cols = 0
            self.rows += 1
        elif tag in _CELLS and self.table_depth == 1:
            self.cell = (self.tables, self.rows - 1, self.cols)
            self.cols += 1
            self.cell_start = len(self.blocks)
        elif tag == "li":
            self.pending_label = self._li_label(element)
        return saved

    def _leave(self, tag: str, saved: tuple[int, int, int] | None) -> None:
        if tag == "table":
            self.table_depth -= 1
            if self.table_depth == 0:
                self.tables += 1
        elif tag in _CELLS:
            if self.cell is not None and saved is None and len(self.blocks) == self.cell_start:
                self._append("", None, 0)  # an empty cell is still a cell
            self.cell = saved
        elif tag == "li":
            self.pending_label = None

    def _li_label(self, li: etree._Element) -> str | None:
        """The number a browser shows before an ``<li>`` of an ``<ol>`` ("1.", "b.")."""
        ol = li.getparent()
        if ol is None or not isinstance(ol.tag, str) or ol.tag.lower() != "ol":
            return None
        step = -1 if ol.get("reversed") is not None else 1
        previous = self.list_counters.get(ol)
        value = _int(li.get("value"))
        if value is None:
            if previous is None:
                start = _int(ol.get("start"))
                count = sum(1 for c in ol if isinstance(c.tag, str) and c.tag.lower() == "li")
                value = start if start is not None else (count if step < 0 else 1)
            else:
                value = previous + step
        self.list_counters[ol] = value
        fmt = _OL_FORMATS.get(li.get("type") or ol.get("type") or "1", "decimal")
        return f"{format_number(value, fmt)}."

    def _add(self, text: str | None, element: etree._Element) -> None:
        if not text:
            return
        if text != _BREAK:
            text = text.replace("\r\n", "\n")
            text = text.replace("\n", _BREAK) if self.pre else _LINE_END.sub(" ", text)
        line = element.sourceline or 0
        if self.current.line is None and text.strip():
            self.current.line = line
        self.current.break_lines.extend([line] * text.count(_BREAK))
        self.current.parts.append(text)

    def flush(self) -> None:
        """End the block being collected: one or more blocks (a ``<br>`` before a label splits)."""
        collected, self.current = self.current, _Collected()
        pieces: list[tuple[str, int]] = []
        lines = [collected.line or 0, *collected.break_lines]
        for part, line in zip("".join(collected.parts).split(_BREAK), lines):
            part = clean_space(part)
            if not part:
                continue
            if pieces and not (classify_list_item(part) or classify_heading(part)):
                pieces[-1] = (f"{pieces[-1][0]} {part}", pieces[-1][1])
            else:
                pieces.append((part, line if pieces else collected.line or line))
        for piece, line in pieces:
            label, self.pending_label = self.pending_label, None
            self._append(piece, label, line)

    def _append(self, raw: str, label: str | None, line: int) -> None:
        style = self.styles[-1] if self.styles else None
        block = Block(len(self.blocks), f"line {line}", line, raw, style=style, label_auto=label, cell=self.cell)
        self.blocks.append(block)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def html_blocks(root: etree._Element) -> list[Block]:
    """The blocks of a parsed page, in document order."""
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return walker.blocks
