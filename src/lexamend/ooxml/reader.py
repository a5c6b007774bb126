"""Read the paragraphs of a document body as they stand, with tracked changes accepted.

:func:`read_body` yields one :class:`Paragraph` for every ``w:p`` of the body,
in document order, including paragraphs in tables (nested too), content
controls and text boxes. A paragraph's :attr:`~Paragraph.ordinal` is its index
in ``list(body.iter(qn("w:p")))``, so a writer finds the paragraph again with
exactly that expression.

Visible text follows Word: ``w:t`` text, ``w:tab`` → tab, ``w:br``/``w:cr`` →
space, ``w:noBreakHyphen`` → "-", ``w:softHyphen`` dropped, ``w:sym`` → its
character; text inside hyperlinks, insertions, smart tags, content controls
and the *results* of fields (``w:fldSimple``, and between a complex field's
``separate`` and ``end``), never field codes (``w:instrText``). Deleted and
moved-away text (``w:del``, ``w:moveFrom``) is left out, and so are runs hidden
with ``w:vanish``, footnote/endnote references and text boxes (whose own
paragraphs are yielded separately, flagged :attr:`~Paragraph.in_textbox`).

A table of contents is generated text, not law: its paragraphs (the result
of a ``TOC`` field, or a Table of Contents content control) are flagged
:attr:`~Paragraph.in_toc`, so that the parser does not read its entries
("Статья 1. … 3") as articles.

Accepting all changes also removes table rows marked deleted
(:attr:`~Paragraph.removed`) and joins a paragraph whose mark is deleted with
the next one (:attr:`~Paragraph.mark_deleted`; the joined paragraph keeps the
next one's properties). :func:`count_revisions` says how many revision marks
the body holds and by whom, so that the parser can warn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from lexamend.ooxml.numbering import NumberingEvaluator
from lexamend.ooxml.parser import FIXED_CHARS, on_off, qn, symbol_char, xpath
from lexamend.ooxml.revisions import REVISION_TAGS
from lexamend.ooxml.styles import StyleSheet, paragraph_style_id

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_R, _T, _FLD_CHAR = qn("w:r"), qn("w:t"), qn("w:fldChar")
_TXBX, _SDT, _INSTR = qn("w:txbxContent"), qn("w:sdt"), qn("w:instrText")
_ALTERNATE, _FALLBACK = qn("mc:AlternateContent"), qn("mc:Fallback")

#: Elements with no visible text of the accepted document (or whose text is not the paragraph's).
_SKIP = frozenset(
    qn(tag)
    for tag in (
        "w:pPr", "w:rPr", "w:sdtPr", "w:sdtEndPr",  # properties
        "w:del", "w:moveFrom", "w:delText", "w:delInstrText",  # removed by accepting changes
        "w:instrText",  # field codes
        "w:txbxContent", "w:drawing", "w:pict", "w:object",  # text boxes, pictures
        "w:footnoteReference", "w:endnoteReference", "w:commentReference", "w:annotationRef",
        "w:rt",  # ruby (phonetic) text above the base text
    )
)  # fmt: skip

_TEXTS = frozenset({_T, qn("m:t")})  # run text, and math run text


# A paragraph mark deleted (or moved away): accepting joins the paragraph with the next.
_MARK_DELETED = xpath("./w:pPr/w:rPr/w:del | ./w:pPr/w:rPr/w:moveFrom")
# A table row marked deleted: accepting removes it.
_ROW_DELETED = xpath("./w:trPr/w:del")
# A content control holding a table of contents (Word's References → Table of Contents).
_TOC_GALLERY = xpath("./w:sdtPr/w:docPartObj/w:docPartGallery[@w:val='Table of Contents']")
# Direct hidden-text formatting of a run.
_VANISH = xpath("./w:rPr/w:vanish")

Cell = tuple[int, int, int]


@dataclass(frozen=True)
class Paragraph:
    """One ``w:p`` of the body as it reads with all tracked changes accepted."""

    ordinal: int  # index in list(body.iter(qn("w:p")))
    style: str | None  # style name ("Heading 1"), resolved through styles.xml
    text: str  # visible text, as is (tabs and spaces not normalised)
    label: str | None = None  # automatic numbering label ("1.", "а)"), None if unnumbered
    cell: Cell | None = None  # (table, row, cell) of the outermost table, 0-based
    nesting: tuple[Cell, ...] = ()  # every (table, row, cell) from the outermost table in
    in_textbox: bool = False  # inside a text box: not part of the body's text flow
    mark_deleted: bool = False  # its paragraph mark is a tracked deletion
    removed: bool = False  # in a table row that is a tracked deletion
    in_toc: bool = False  # a table of contents (TOC field result or TOC content control): generated text


@dataclass(frozen=True)
class Revisions:
    """The tracked changes already in a document: how many revision marks, and their authors."""

    count: int
    authors: tuple[str, ...]  # in order of first appearance


@dataclass
class _Field:
    """A complex field being read: its code so far, and whether its result has begun."""

    code: str = ""
    in_result: bool = False

    @property
    def is_toc(self) -> bool:
        return self.in_result and self.code.upper().split()[:1] == ["TOC"]


class _TextCollector:
    """Visible text of paragraphs; keeps the state of complex fields, which may span paragraphs."""

    def __init__(self) -> None:
        self.fields: list[_Field] = []  # open complex fields, outermost first
        self.saw_toc = False  # text of a table-of-contents field result was read

    def text(self, p: etree._Element) -> tuple[str, bool]:
        """The visible text of a paragraph, and whether it is (part of) a TOC field's result."""
        out: list[str] = []
        self.saw_toc = any(f.is_toc for f in self.fields)
        self._collect(p, out, hidden=False)
        return "".join(out), self.saw_toc or any(f.is_toc for f in self.fields)

    def _visible(self, hidden: bool) -> bool:
        visible = not hidden and all(f.in_result for f in self.fields)
        self.saw_toc = self.saw_toc or (visible and any(f.is_toc for f in self.fields))
        return visible

    def _collect(self, element: etree._Element, out: list[str], hidden: bool) -> None:
        for child in element:
            tag = child.tag
            if tag == _INSTR and self.fields and not self.fields[-1].in_result:
                self.fields[-1].code += child.text or ""
            if not isinstance(tag, str) or tag in _SKIP:
                continue  # comments, processing instructions, skipped elements
            if tag == _FLD_CHAR:
                self._field_char(child.get(qn("w:fldCharType")))
            elif tag in _TEXTS:
                if self._visible(hidden):
                    out.append(child.text or "")
            elif tag in FIXED_CHARS:
                if self._visible(hidden):
                    out.append(FIXED_CHARS[tag])
            elif tag == qn("w:sym"):
                if self._visible(hidden):
                    out.append(symbol_char(child.get(qn("w:char"), "")))
            elif tag == _ALTERNATE:
                # Markup-compatibility alternatives repeat one content; read the plain fallback.
                fallback = child.find(_FALLBACK)
                if fallback is not None:
                    self._collect(fallback, out, hidden)
            elif tag == _R:
                vanish = _VANISH(child)
                self._collect(child, out, hidden or (bool(vanish) and on_off(vanish[0])))
            else:
                self._collect(child, out, hidden)

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            self.fields[-1].in_result = True
        elif kind == "end" and self.fields:
            self.fields.pop()


class _Layout:
    """Where each paragraph sits: table coordinates and text boxes, computed once per body."""

    def __init__(self, body: etree._Element) -> None:
        self.body = body
        self.index: dict[etree._Element, int] = {}  # tbl/tr/tc → its index among its siblings
        self.deleted_rows: set[etree._Element] = set()
        counters: Counter[etree._Element | None] = Counter()
        for element in body.iter(_TBL, _TR, _TC):
            if element.tag == _TBL:
                owner = _nearest(element, (_TC, _TXBX))  # tables are numbered per cell / text box / body
            elif element.tag == _TR:
                owner = _nearest(element, (_TBL,))
                if _ROW_DELETED(element):
                    self.deleted_rows.add(element)
                    continue
            else:
                owner = _nearest(element, (_TR,))
            self.index[element] = counters[owner]
            counters[owner] += 1

    def place(self, p: etree._Element) -> tuple[tuple[Cell, ...], bool, bool, bool]:
        """(table path outermost first, in a text box, in a deleted row, in a TOC control) for a paragraph."""
        path: list[Cell] = []
        row = cell = None
        in_textbox = removed = in_toc = False
        node = p.getparent()
        while node is not None and node is not self.body:
            tag = node.tag
            if tag == _TC:
                cell = node
            elif tag == _TR:
                row = node
                removed = removed or node in self.deleted_rows
            elif tag == _TBL and row is not None and cell is not None:
                path.append((self.index[node], self.index.get(row, -1), self.index.get(cell, -1)))
                row = cell = None
            elif tag == _TXBX:
                in_textbox = True
            elif tag == _SDT and _TOC_GALLERY(node):
                in_toc = True
            node = node.getparent()
        return tuple(reversed(path)), in_textbox, removed, in_toc


def _nearest(element: etree._Element, tags: tuple[str, ...]) -> etree._Element | None:
    node = element.getparent()
    while node is not None and node.tag not in tags:
        node = node.getparent()
    return node


def read_body(
    body: etree._Element,
    styles: etree._Element | StyleSheet | None = None,
    numbering: etree._Element | None = None,
) -> Iterator[Paragraph]:
    """Every ``w:p`` of ``body`` in document order, with its visible text, style and numbering label.

    Paragraphs in text boxes, in deleted rows, or whose mark is deleted are
    yielded (ordinals stay those of ``body.iter``) but not counted by the
    numbering.
    """
    sheet = styles if isinstance(styles, StyleSheet) else StyleSheet(styles)
    numbers = NumberingEvaluator(numbering, sheet)
    layout = _Layout(body)
    collector = _TextCollector()
    for ordinal, p in enumerate(body.iter(_P)):
        nesting, in_textbox, removed, toc_control = layout.place(p)
        mark_deleted = bool(_MARK_DELETED(p))
        label = None if in_textbox or removed or mark_deleted else numbers.label(p)
        text, toc_field = collector.text(p)
        yield Paragraph(
            ordinal=ordinal,
            style=sheet.name(paragraph_style_id(p)),
            text=text,
            label=label,
            cell=nesting[0] if nesting else None,
            nesting=nesting,
            in_textbox=in_textbox,
            mark_deleted=mark_deleted,
            removed=removed,
            in_toc=toc_control or toc_field,
        )


def count_revisions(body: etree._Element, *, skip_ids: frozenset[str] = frozenset()) -> Revisions:
    """Revision marks (``w:ins``, ``w:del``, ``w:rPrChange``, …) in the body, and their authors.

    Each element counts once; marks inside markup-compatibility fallbacks
    (which repeat the preferred content) are not counted, nor marks whose
    ``w:id`` is in ``skip_ids`` (the ones a redline in progress has just written).
    """
    count = 0
    authors: dict[str, None] = {}
    id_attribute = qn("w:id")
    for element in body.iter(*REVISION_TAGS):
        if _nearest(element, (_FALLBACK,)) is not None:
            continue
        if skip_ids and element.get(id_attribute) in skip_ids:
            continue
        count += 1
        authors.setdefault(element.get(qn("w:author")) or "an unknown author", None)
    return Revisions(count, tuple(authors))
