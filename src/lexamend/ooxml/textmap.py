"""The visible characters of a paragraph, each tied to the run that holds it.

Tracked changes are written on runs, but diffs are computed on text. A
:class:`TextMap` bridges the two: it lists every visible character of a ``w:p``
(as :mod:`lexamend.ooxml.reader` reads it: ``w:t`` text, ``w:tab`` → tab,
``w:br``/``w:cr`` → space, ``w:noBreakHyphen`` → "-", ``w:sym`` → its character;
field codes, hidden runs, deleted text and text boxes left out) with the run,
the child element and the offset it comes from, and the whitespace-normalised
text that the parser keeps (:func:`lexamend.parse.normalise.clean_space`) with
a map from normalised positions back to raw ones.

A character is *editable* when it sits directly in a run whose ancestors up to
the paragraph are only transparent wrappers (hyperlinks, smart tags, custom
XML, content controls). Text of field results, math, and markup-compatibility
fallbacks is visible but locked: an edit that touches it is written as a
replacement of the whole paragraph's text instead.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right

from lxml import etree

from lexamend.ooxml.parser import on_off, qn
from lexamend.ooxml.revisions import XML_SPACE, preserve_space

_P, _R, _T, _RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:rPr")
_FLD_CHAR = qn("w:fldChar")
_ALTERNATE, _FALLBACK = qn("mc:AlternateContent"), qn("mc:Fallback")
_MATH_T = qn("m:t")
_VANISH = qn("w:vanish")

#: Wrappers between a paragraph and its runs that an edit may write inside.
TRANSPARENT = frozenset(
    qn(tag) for tag in ("w:hyperlink", "w:smartTag", "w:customXml", "w:sdt", "w:sdtContent", "w:bdo", "w:dir")
)
#: Elements whose content is not visible text of the paragraph (as in the reader).
_SKIP = frozenset(
    qn(tag)
    for tag in (
        "w:pPr", "w:rPr", "w:sdtPr", "w:sdtEndPr", "w:del", "w:moveFrom", "w:delText", "w:delInstrText",
        "w:instrText", "w:txbxContent", "w:drawing", "w:pict", "w:object", "w:footnoteReference",
        "w:endnoteReference", "w:commentReference", "w:annotationRef", "w:rt",
    )
)  # fmt: skip
_CHARS = {
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:br"): " ",
    qn("w:cr"): " ",
    qn("w:noBreakHyphen"): "-",
    qn("w:softHyphen"): "",
}
_SYM = qn("w:sym")

# The normalisation of lexamend.parse.normalise.clean_space, with line breaks as spaces (as parse.docx does).
_SPACE = frozenset(" \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\n\r\f\v\u2028\u2029")
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_CLEAN_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\n\r\f\v\u2028\u2029]+")
_CLEAN_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean(text: str) -> str:
    """``clean_space`` of the parser, line breaks included."""
    return _CLEAN_WS.sub(" ", _CLEAN_INVISIBLE.sub("", text)).strip()


class Segment:
    """Visible text from one child of a run: a ``w:t`` (any length) or a one-character element."""

    __slots__ = ("start", "text", "run", "node")

    def __init__(self, start: int, text: str, run: etree._Element | None, node: etree._Element | None) -> None:
        self.start = start  # offset in the paragraph's raw text
        self.text = text
        self.run = run  # None: locked (field result, math, fallback content)
        self.node = node

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    return chr(value) if 0 < value < 0x110000 else ""


class TextMap:
    """The visible characters of one paragraph, their runs, and the normalised text."""

    def __init__(self, p: etree._Element) -> None:
        self.p = p
        self._read()

    def _read(self) -> None:
        self.segments: list[Segment] = []
        self._length = 0
        self._fields: list[bool] = []  # open complex fields: whether their result has begun
        self.simple = True  # no fields, math or fallback content anywhere in the paragraph
        self._walk(self.p, hidden=False, locked=False)
        self.raw = "".join(segment.text for segment in self.segments)
        self._starts = [segment.start for segment in self.segments]
        self._map: tuple[str, list[int], list[int]] | None = None

    def _add(self, text: str, run: etree._Element | None, node: etree._Element | None) -> None:
        if text:
            self.segments.append(Segment(self._length, text, run, node))
            self._length += len(text)

    @property
    def text(self) -> str:
        """The normalised text, as the parser keeps it."""
        return clean(self.raw)

    # -- reading -------------------------------------------------------------------
    def _visible(self, hidden: bool) -> bool:
        return not hidden and all(self._fields)

    def _walk(self, element: etree._Element, hidden: bool, locked: bool) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _R:
                vanish = child.find(f"{_RPR}/{_VANISH}")
                self._run(child, hidden or (vanish is not None and on_off(vanish)), locked or bool(self._fields))
            elif tag == _ALTERNATE:
                self.simple = False
                fallback = child.find(_FALLBACK)
                if fallback is not None:
                    self._walk(fallback, hidden, True)
            elif tag == _MATH_T:
                self.simple = False
                if self._visible(hidden):
                    self._add(child.text or "", None, None)
            elif tag in TRANSPARENT:
                self._walk(child, hidden, locked)
            elif len(child):
                # A field (w:fldSimple), math, an existing revision: visible but not ours to split.
                self.simple = False
                self._walk(child, hidden, True)

    def _run(self, run: etree._Element, hidden: bool, locked: bool) -> None:
        owner = None if locked else run
        for child in run:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _FLD_CHAR:
                self._field_char(child)
            elif tag == _T:
                if self._visible(hidden):
                    self._add(child.text or "", owner, child)
            elif tag in _CHARS:
                if self._visible(hidden):
                    self._add(_CHARS[tag], owner, child)
            elif tag == _SYM:
                if self._visible(hidden):
                    self._add(_symbol(child.get(qn("w:char"), "")), owner, child)
            elif tag == _ALTERNATE:
                self.simple = False
                fallback = child.find(_FALLBACK)
                if fallback is not None:
                    before = len(self.segments)
                    self._walk(fallback, hidden, True)
                    for segment in self.segments[before:]:
                        segment.run = None

    def _field_char(self, child: etree._Element) -> None:
        self.simple = False
        kind = child.get(qn("w:fldCharType"))
        if kind == "begin":
            self._fields.append(False)
        elif kind == "separate" and self._fields:
            self._fields[-1] = True
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _normalised(self) -> tuple[str, list[int], list[int]]:
        """The normalised text, and for each of its characters the raw [start, end) it stands for."""
        if self._map is not None:
            return self._map
        if clean(self.raw) == self.raw:  # nothing to collapse: every character stands for itself
            self._map = (self.raw, list(range(len(self.raw))), list(range(1, len(self.raw) + 1)))
            return self._map
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        in_space = False
        for index, char in enumerate(self.raw):
            if char in _INVISIBLE:
                if in_space:
                    ends[-1] = index + 1
                continue
            if char in _SPACE:
                if in_space:
                    ends[-1] = index + 1
                else:
                    out.append(" ")
                    starts.append(index)
                    ends.append(index + 1)
                    in_space = True
                continue
            in_space = False
            out.append(char)
            starts.append(index)
            ends.append(index + 1)
        # strip: leading and trailing spaces stand for nothing
        first = 0
        while first < len(out) and out[first] == " ":
            first += 1
        last = len(out)
        while last > first and out[last - 1] == " ":
            last -= 1
        self._map = ("".join(out[first:last]), starts[first:last], ends[first:last])
        return self._map

    @property
    def mapped_text(self) -> str:
        """The normalised text that :meth:`raw_span` and :meth:`raw_point` positions refer to."""
        return self._normalised()[0]

    # -- positions -----------------------------------------------------------------
    def __len__(self) -> int:
        return self._length

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) for normalised [start, end) (end > start)."""
        _, starts, ends = self._normalised()
        return starts[start], ends[end - 1]

    def raw_point(self, position: int) -> int:
        """Raw position for a normalised insertion point: right after the previous character."""
        _, starts, ends = self._normalised()
        if position <= 0:
            return starts[0] if starts else self._length
        return ends[position - 1]

    def segment_at(self, position: int) -> Segment:
        """The segment holding raw character ``position``."""
        return self.segments[bisect_right(self._starts, position) - 1]

    def run_at(self, position: int) -> etree._Element | None:
        return self.segment_at(position).run

    def _overlapping(self, start: int, end: int) -> list[Segment]:
        if end <= start:
            return []
        first = bisect_right(self._starts, start) - 1
        out = []
        for segment in self.segments[max(first, 0) :]:
            if segment.start >= end:
                break
            if segment.end > start:
                out.append(segment)
        return out

    def editable(self, start: int, end: int) -> bool:
        """Whether every raw character in [start, end) sits in an editable run."""
        return all(segment.run is not None for segment in self._overlapping(start, end))

    # -- splitting ---------------------------------------------------------------------
    def split_at(self, positions: set[int]) -> None:
        """Make every raw position in ``positions`` a run boundary (the text is unchanged).

        Run properties are copied to both halves, so an edit in the middle of a
        bold run leaves bold text on both sides. Positions are handled from the
        last to the first, which keeps the references of earlier ones valid.
        """
        for position in sorted(positions, reverse=True):
            if position <= 0 or position >= self._length:
                continue
            segment, previous = self.segment_at(position), self.segment_at(position - 1)
            if segment.run is None or previous.run is not segment.run:
                continue  # already a boundary (or locked text, which is never split)
            _split_run(segment.run, segment.node, position - segment.start)
        self._read()  # runs and nodes have moved

    def runs_in(self, start: int, end: int) -> list[etree._Element]:
        """The distinct runs holding raw characters [start, end), in order (after :meth:`split_at`)."""
        runs: list[etree._Element] = []
        for segment in self._overlapping(start, end):
            if segment.run is not None and (not runs or runs[-1] is not segment.run):
                runs.append(segment.run)
        return runs


def _split_run(run: etree._Element, node: etree._Element | None, offset: int) -> None:
    """Split ``run`` before the character at ``offset`` of its child ``node``."""
    if node is None:
        return
    first_moved = node
    if node.tag == _T and offset > 0:
        text = node.text or ""
        tail = etree.Element(_T)
        tail.text = text[offset:]
        node.text = text[:offset]
        preserve_space(node)
        preserve_space(tail)
        if node.get(XML_SPACE) is None and (tail.text or "") != (tail.text or "").strip():
            tail.set(XML_SPACE, "preserve")
        node.addnext(tail)
        first_moved = tail
    second = etree.Element(run.tag, dict(run.attrib))
    rpr = run.find(_RPR)
    if rpr is not None:
        second.append(copy.deepcopy(rpr))
    moving = False
    for child in list(run):
        if child is first_moved:
            moving = True
        if moving:
            second.append(child)
    run.addnext(second)


__all__ = ["Segment", "TRANSPARENT", "TextMap", "clean"]
