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
XML, content controls). Text of field results, math, markup-compatibility
fallbacks and other authors' revisions is visible but locked: an edit that
touches it is written as a replacement of the whole paragraph's text instead.

Objects as atoms
----------------
Comparing two versions of a Word file (``redline --from/--to``) must also see
what is not text: a footnote reference, a picture, a text box, a field, a
hyperlink that was added. With an :class:`Atoms` reader each such object is one
*atom*: a single character of the Unicode private use area standing for it in
the text, so that the word diff keeps, deletes or inserts it whole and never
splits a field code from its result. Equal objects get the same character in
both versions (:class:`AtomTable` is shared by the two readers):

==========  ==================================================  =====================================
kind        elements                                            the same object when
==========  ==================================================  =====================================
field       the runs from ``fldChar begin`` to ``end``, or a    same code and same result text
            ``w:fldSimple``
note        a run with ``w:footnoteReference`` or               always (notes are paired in order and
            ``w:endnoteReference``                              their text compared on its own)
textbox     a run holding a drawing with ``w:txbxContent``      always (paired in order, text compared)
object      a run holding a picture, shape, chart or OLE        same related parts (image bytes) and
            object                                              size
link        a ``w:hyperlink`` that is not in both versions      same target and text
math        ``m:oMath``/``m:oMathPara``                         same text
==========  ==================================================  =====================================

A hyperlink present in both versions with the same target and text stays
transparent: words inside it are edited like any other.

Views
-----
``TextMap(p, view="reject")`` reads the paragraph as Reject All would leave it
(deleted text back, inserted text gone); the default view is Accept All's. The
redline writer reads each paragraph it changed in both views to check it.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections.abc import Callable, Hashable

from lxml import etree

from lexamend.ooxml.parser import FIXED_CHARS, on_off, qn, symbol_char
from lexamend.ooxml.revisions import XML_SPACE, preserve_space

_P, _R, _T, _RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:rPr")
_FLD_CHAR, _FLD_SIMPLE, _INSTR = qn("w:fldChar"), qn("w:fldSimple"), qn("w:instrText")
_DEL_TEXT, _DEL_INSTR = qn("w:delText"), qn("w:delInstrText")
_ALTERNATE, _FALLBACK = qn("mc:AlternateContent"), qn("mc:Fallback")
_MATH_T, _OMATH, _OMATH_PARA = qn("m:t"), qn("m:oMath"), qn("m:oMathPara")
_VANISH, _HYPERLINK = qn("w:vanish"), qn("w:hyperlink")
_INS, _DEL, _MOVE_FROM, _MOVE_TO = qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo")
_TXBX = qn("w:txbxContent")
_NOTE_REFS = frozenset({qn("w:footnoteReference"), qn("w:endnoteReference")})
_OBJECTS = frozenset({qn("w:drawing"), qn("w:pict"), qn("w:object"), _ALTERNATE})
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
#: Elements that make a paragraph hold atoms (when any is present, it is read atom by atom).
_ATOM_TAGS = (_FLD_CHAR, _FLD_SIMPLE, *_NOTE_REFS, *_OBJECTS, _OMATH, _OMATH_PARA, _HYPERLINK)

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
#: What Reject All shows instead: inserted content goes, deleted content comes back.
_SKIP_REJECT = (_SKIP - {_DEL, _MOVE_FROM, _DEL_TEXT}) | {_INS, _MOVE_TO}
_TEXT_ACCEPT = frozenset({_T})
_TEXT_REJECT = frozenset({_T, _DEL_TEXT})
_SYM = qn("w:sym")

# The normalisation of lexamend.parse.normalise.clean_space, with line breaks as spaces (as parse.docx does).
_SPACE = frozenset(" \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\n\r\f\v\u2028\u2029")
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_CLEAN_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\n\r\f\v\u2028\u2029]+")
_CLEAN_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

#: Characters that stand for atoms: the Basic Multilingual Plane's private use area, then plane 15's.
_ATOM_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD))
ATOM_CHARS = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd]")


def clean(text: str) -> str:
    """``clean_space`` of the parser, line breaks included."""
    return _CLEAN_WS.sub(" ", _CLEAN_INVISIBLE.sub("", text)).strip()


def strip_atoms(text: str) -> str:
    """The text without the characters that stand for atoms."""
    return ATOM_CHARS.sub("", text)


class Atom:
    """An object of a paragraph that an edit keeps, deletes or inserts whole (see the module docstring)."""

    __slots__ = ("kind", "key", "elements", "char")

    def __init__(self, kind: str, key: Hashable, elements: list[etree._Element], char: str) -> None:
        self.kind = kind
        self.key = key
        self.elements = elements  # siblings, in order
        self.char = char

    def __repr__(self) -> str:
        return f"Atom({self.kind!r}, {self.char!r})"


class AtomTable:
    """Characters for atom keys, shared by the readers of the two versions compared."""

    def __init__(self) -> None:
        self._chars: dict[Hashable, str] = {}
        self._free = ((code for low, high in _ATOM_RANGES for code in range(low, high + 1)))

    def char(self, key: Hashable) -> str:
        found = self._chars.get(key)
        if found is None:
            try:
                found = chr(next(self._free))
            except StopIteration:
                raise ValueError("too many distinct objects in one comparison") from None
            self._chars[key] = found
        return found


#: Resolves a relationship id of the part being read to (target, digest of the target part's bytes).
Resolver = Callable[[str], tuple[str, str]]


class Atoms:
    """How one version's objects become atoms: the shared table, and its part's relationships.

    ``links`` lists the hyperlink keys (:meth:`link_key`) that stay transparent:
    those present in both paragraphs compared. None keeps every hyperlink
    transparent (for reading texts before paragraphs are paired).
    """

    def __init__(self, table: AtomTable, resolve: Resolver | None = None, links: frozenset[Hashable] | None = None) -> None:
        self.table = table
        self.resolve = resolve
        self.links = links

    def with_links(self, links: frozenset[Hashable] | None) -> Atoms:
        if links is None and self.links is None:
            return self
        return Atoms(self.table, self.resolve, links)

    def _target(self, rid: str) -> tuple[str, str]:
        if self.resolve is None or not rid:
            return (rid, "")
        return self.resolve(rid)

    def target(self, rid: str) -> str:
        """What a relationship id of this part points at: an external URL, or the digest of the part's bytes."""
        target, data_digest = self._target(rid)
        return data_digest or target

    def link_key(self, link: etree._Element, text: str | None = None) -> Hashable:
        """What names a hyperlink: its target and its text (``text`` as a view shows it, when given)."""
        target = self._target(link.get(qn("r:id"), ""))[0] if link.get(qn("r:id")) else ""
        return ("link", target, link.get(qn("w:anchor"), ""), _plain_text(link) if text is None else text)

    def link_is_atom(self, link: etree._Element) -> bool:
        return self.links is not None and self.link_key(link) not in self.links

    def object_key(self, run: etree._Element) -> tuple[str, Hashable]:
        """(kind, key) of a run holding a drawing, picture, shape or OLE object."""
        if next(run.iter(_TXBX), None) is not None:
            return "textbox", ("textbox",)
        parts = []
        for element in run.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                if name.startswith(_R_NS):
                    parts.append(self._target(value)[1] or self._target(value)[0])
        extent = next(run.iter(qn("wp:extent")), None)
        size = (extent.get("cx"), extent.get("cy")) if extent is not None else None
        tags = tuple(sorted({_local(e.tag) for e in run.iter() if isinstance(e.tag, str)} & {"drawing", "pict", "object", "chart", "pic", "wsp", "wgp", "shape", "imagedata"}))
        return "object", ("object", tags, tuple(parts), size)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _plain_text(element: etree._Element, skip: frozenset[str] | None = None, texts: frozenset[str] = frozenset({_T})) -> str:
    """The text under an element: ``w:t`` (and in a reject view ``w:delText``), leaving out what ``skip`` names."""
    if skip is None:
        return "".join(t.text or "" for t in element.iter(_T))
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            if child.tag in skip and child.tag not in texts:
                continue
            if child.tag in texts:
                out.append(child.text or "")
            else:
                walk(child)

    walk(element)
    return "".join(out)


def field_parts(runs: list[etree._Element]) -> tuple[str, str]:
    """The code and the result text of a complex field given as its runs (``begin`` to ``end``)."""
    code: list[str] = []
    result: list[str] = []
    depth = 0
    in_result = False
    for run in runs:
        for child in run.iter():
            tag = child.tag
            if tag == _FLD_CHAR:
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    depth += 1
                elif kind == "separate" and depth == 1:
                    in_result = True
                elif kind == "end":
                    depth -= 1
            elif tag in (_INSTR, _DEL_INSTR) and depth == 1 and not in_result:
                code.append(child.text or "")
            elif tag in (_T, _DEL_TEXT) and in_result:
                result.append(child.text or "")
    return " ".join("".join(code).split()), "".join(result)


def _field_end(siblings: list[etree._Element], start: int) -> int | None:
    """Index of the sibling run holding the ``end`` of the field begun in ``siblings[start]`` (None: not here)."""
    depth = 0
    for index in range(start, len(siblings)):
        run = siblings[index]
        if run.tag != _R:
            if run.tag in (_INS, _DEL, _MOVE_FROM, _MOVE_TO) or next(run.iter(_FLD_CHAR), None) is not None:
                return None  # a field across revision wrappers or hyperlinks: not one atom
            continue
        for char in run.iter(_FLD_CHAR):
            kind = char.get(qn("w:fldCharType"))
            if kind == "begin":
                depth += 1
            elif kind == "end":
                depth -= 1
                if depth == 0:
                    return index
    return None


def _run_kind(run: etree._Element) -> str | None:
    """What a run holds besides text: "field" (a field begins), "note", "object", or None."""
    for child in run:
        tag = child.tag
        if tag == _FLD_CHAR and child.get(qn("w:fldCharType")) == "begin":
            return "field"
        if tag in _NOTE_REFS:
            return "note"
        if tag in _OBJECTS:
            return "object"
    return None


class Segment:
    """Visible text from one child of a run: a ``w:t`` (any length) or a one-character element.

    An atom's segment is its one character, with ``run`` None and ``atom`` set.
    """

    __slots__ = ("start", "text", "run", "node", "atom")

    def __init__(self, start: int, text: str, run: etree._Element | None, node: etree._Element | None, atom: Atom | None = None) -> None:
        self.start = start  # offset in the paragraph's raw text
        self.text = text
        self.run = run  # None: locked (field result, math, fallback content, another author's revision) or an atom
        self.node = node
        self.atom = atom

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class TextMap:
    """The visible characters of one paragraph, their runs, and the normalised text.

    ``atoms``: read objects as atoms (see the module docstring); ``view``:
    "accept" (the default) or "reject", the tracked changes resolved that way.
    """

    def __init__(self, p: etree._Element, atoms: Atoms | None = None, view: str = "accept") -> None:
        self.p = p
        if atoms is not None and next(p.iter(*_ATOM_TAGS), None) is None:
            atoms = None  # nothing to read as an atom: the plain reading is the same, and faster
        self.atoms = atoms
        self._skip = _SKIP if view == "accept" else _SKIP_REJECT
        self._text_tags = _TEXT_ACCEPT if view == "accept" else _TEXT_REJECT
        self._read()

    def _read(self) -> None:
        self.segments: list[Segment] = []
        self._length = 0
        self._fields: list[bool] = []  # open complex fields: whether their result has begun
        self.simple = True  # no fields, math, fallback content or revisions anywhere in the paragraph
        self.revised = False  # holds tracked changes (of any author)
        self._field_runs: set[etree._Element] = set()  # runs read as part of a field atom
        self._walk(self.p, hidden=False, locked=False)
        self.raw = "".join(segment.text for segment in self.segments)
        self._starts = [segment.start for segment in self.segments]
        self._map: tuple[str, list[int], list[int]] | None = None

    def _add(self, text: str, run: etree._Element | None, node: etree._Element | None) -> None:
        if text:
            self.segments.append(Segment(self._length, text, run, node))
            self._length += len(text)

    def _atom(self, kind: str, key: Hashable, elements: list[etree._Element]) -> None:
        assert self.atoms is not None
        char = self.atoms.table.char(key)
        self.segments.append(Segment(self._length, char, None, None, Atom(kind, key, elements, char)))
        self._length += 1

    @property
    def text(self) -> str:
        """The normalised text, as the parser keeps it."""
        return clean(self.raw)

    @property
    def atom_list(self) -> list[Atom]:
        return [segment.atom for segment in self.segments if segment.atom is not None]

    # -- reading -------------------------------------------------------------------
    def _visible(self, hidden: bool) -> bool:
        return not hidden and all(self._fields)

    def _walk(self, element: etree._Element, hidden: bool, locked: bool) -> None:
        skip = self._skip
        atoms = self.atoms
        for child in element:
            tag = child.tag
            if tag in (_INS, _DEL, _MOVE_FROM, _MOVE_TO):
                self.revised = True
                self.simple = False
            if not isinstance(tag, str) or tag in skip:
                continue
            if tag == _R:
                if self._field_runs and child in self._field_runs:
                    continue
                vanish = child.find(f"{_RPR}/{_VANISH}")
                run_hidden = hidden or (vanish is not None and on_off(vanish))
                if atoms is not None and not self._fields:
                    kind = _run_kind(child)
                    if kind is not None and self._run_atom(child, kind, run_hidden):
                        continue
                self._run(child, run_hidden, locked or bool(self._fields))
            elif tag == _ALTERNATE:
                self.simple = False
                fallback = child.find(_FALLBACK)
                if fallback is not None:
                    self._walk(fallback, hidden, True)
            elif tag == _MATH_T:
                self.simple = False
                if self._visible(hidden):
                    self._add(child.text or "", None, None)
            elif atoms is not None and tag in (_FLD_SIMPLE, _OMATH, _OMATH_PARA) and not self._fields:
                self.simple = False
                if not hidden:
                    if tag == _FLD_SIMPLE:
                        self._atom("field", ("field", " ".join(child.get(qn("w:instr"), "").split()), _plain_text(child)), [child])
                    else:
                        self._atom("math", ("math", "".join(t.text or "" for t in child.iter(_MATH_T))), [child])
            elif tag == _HYPERLINK and atoms is not None and atoms.link_is_atom(child):
                self.simple = False
                shown = _plain_text(child, self._skip, self._text_tags)
                if not hidden and shown:
                    self._atom("link", atoms.link_key(child, shown), [child])
            elif tag in TRANSPARENT:
                self._walk(child, hidden, locked)
            elif len(child):
                # A field (w:fldSimple), math, an existing revision: visible but not ours to split.
                self.simple = False
                self._walk(child, hidden, True)

    def _run_atom(self, run: etree._Element, kind: str, hidden: bool) -> bool:
        """Read a run holding an object as an atom; False when it must be read as text after all."""
        assert self.atoms is not None
        self.simple = False
        if kind == "field":
            parent = run.getparent()
            siblings = list(parent) if parent is not None else [run]
            index = siblings.index(run)
            end = _field_end(siblings, index)
            if end is None:
                return False  # the field's end is elsewhere: read as locked text
            runs = [s for s in siblings[index : end + 1] if s.tag == _R]
            self._field_runs.update(runs)
            if not hidden:
                code, result = field_parts(runs)
                self._atom("field", ("field", code, result), list(siblings[index : end + 1]))
            return True
        if hidden:
            return True
        if kind == "note":
            reference = next(child for child in run if child.tag in _NOTE_REFS)
            self._atom("note", ("note", _local(reference.tag)), [run])
        else:
            object_kind, key = self.atoms.object_key(run)
            self._atom(object_kind, key, [run])
        return True

    def _run(self, run: etree._Element, hidden: bool, locked: bool) -> None:
        owner = None if locked else run
        skip = self._skip
        for child in run:
            tag = child.tag
            if not isinstance(tag, str) or tag in skip:
                continue
            if tag == _FLD_CHAR:
                self._field_char(child)
            elif tag in self._text_tags:
                if self._visible(hidden):
                    self._add(child.text or "", owner, child)
            elif tag in FIXED_CHARS:
                if self._visible(hidden):
                    self._add(FIXED_CHARS[tag], owner, child)
            elif tag == _SYM:
                if self._visible(hidden):
                    self._add(symbol_char(child.get(qn("w:char"), "")), owner, child)
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

    def atom_at(self, position: int) -> Atom | None:
        """The atom at normalised ``position`` (None if the character there is text)."""
        raw = self.raw_span(position, position + 1)[0]
        return self.segment_at(raw).atom

    def overlapping(self, start: int, end: int) -> list[Segment]:
        """The segments holding raw characters [start, end)."""
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
        return all(segment.run is not None for segment in self.overlapping(start, end))

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
        for segment in self.overlapping(start, end):
            if segment.run is not None and (not runs or runs[-1] is not segment.run):
                runs.append(segment.run)
        return runs

    def pieces(self, start: int, end: int) -> list[tuple[str, etree._Element | None, Atom | None]]:
        """Normalised [start, end) as (text, run properties, None) pieces and (char, None, atom) atoms.

        Text pieces follow the runs the text comes from (for copying the
        formatting of inserted words from the version they come from).
        """
        grouped: list[tuple[str, etree._Element | None, Atom | None]] = []  # (text, run, atom)
        text, starts, _ = self._normalised()
        if text is self.raw:  # nothing collapsed: positions are raw positions, take whole segments
            for segment in self.overlapping(start, end):
                piece = segment.text[max(start - segment.start, 0) : end - segment.start]
                if segment.atom is not None:
                    grouped.append((piece, None, segment.atom))
                elif grouped and grouped[-1][2] is None and grouped[-1][1] is segment.run:
                    grouped[-1] = (grouped[-1][0] + piece, segment.run, None)
                else:
                    grouped.append((piece, segment.run, None))
            return [(piece, run.find(_RPR) if run is not None else None, atom) for piece, run, atom in grouped]
        segments = self.segments
        index = bisect_right(self._starts, starts[start]) - 1 if start < end else 0
        for position in range(start, end):
            raw = starts[position]
            while segments[index].end <= raw:
                index += 1
            segment = segments[index]
            char = text[position]
            if segment.atom is not None:
                grouped.append((char, None, segment.atom))
            elif grouped and grouped[-1][2] is None and grouped[-1][1] is segment.run:
                grouped[-1] = (grouped[-1][0] + char, segment.run, None)
            else:
                grouped.append((char, segment.run, None))
        return [(piece, run.find(_RPR) if run is not None else None, atom) for piece, run, atom in grouped]


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


def digest(data: bytes) -> str:
    """A short stable digest of a part's bytes (for comparing pictures)."""
    import hashlib  # only when a picture is compared: hashlib costs milliseconds to import

    return hashlib.sha1(data).hexdigest()[:16]


__all__ = ["ATOM_CHARS", "Atom", "AtomTable", "Atoms", "Segment", "TRANSPARENT", "TextMap", "clean", "digest", "field_parts", "strip_atoms"]
