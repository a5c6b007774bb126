"""Evaluate Word automatic numbering: the label Word shows before each numbered paragraph.

A Word list is not in the text: the paragraph says "I am level ``ilvl`` of list
``numId``" (``w:pPr/w:numPr``, or its style's, inherited along ``w:basedOn``)
and ``word/numbering.xml`` says how each level looks (``w:lvl``: ``w:start``,
``w:numFmt``, ``w:lvlText`` such as ``"%1.%2."``, ``w:lvlRestart``,
``w:isLgl``). The label is computed by counting numbered paragraphs in
document order, which is what :class:`NumberingEvaluator` does.

Behaviour chosen where Word's rules are implicit (and LibreOffice follows):

* Counters belong to the abstract list (``w:abstractNum``), not to the list
  instance (``w:num``): instances that point at the same abstractNum continue
  one another, as they do in Word.
* An instance with ``w:lvlOverride/w:startOverride`` is Word's "Restart at":
  the first time a paragraph of that instance appears, its overridden levels
  start again, from the override value; the shared counters then run on from
  there. A restarted level restarts from the override value again whenever a
  higher level resets it. A full ``w:lvl`` inside ``w:lvlOverride`` replaces
  the level's definition for that instance.
* Using a level resets every deeper level, unless the deeper level's
  ``w:lvlRestart`` says otherwise (``0``: never; ``n``: only when a level
  above ``n`` (1-based) is used).
* A placeholder of a higher level that has not been counted yet (never
  used, or reset) shows one less than its start value, as Word does: a
  Heading 2 before any Heading 1 is "0.1." in Word (LibreOffice shows "1.1."
  and then counts that level as used; documents that need either are rare).
* Bullets and levels whose text is empty give no label (``None``): a bulleted
  paragraph is an unnumbered paragraph. Number formats other than those in
  :func:`format_number` are written as decimals.
* Paragraphs with ``w:numId w:val="0"`` are explicitly unnumbered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from lxml import etree

from lexamend.ooxml.parser import on_off, qn, w_val, xpath
from lexamend.ooxml.styles import StyleSheet, paragraph_style_id

LEVELS = 9  # ilvl 0..8

#: Word's Russian list letters skip ё, й, ъ, ы, ь.
RUSSIAN_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# numbering.xml: list definitions, list instances, and their parts.
_ABSTRACT_NUMS = xpath("/w:numbering/w:abstractNum")
_NUMS = xpath("/w:numbering/w:num")
_LEVELS = xpath("./w:lvl")
_NUM_FMT = xpath("./w:numFmt | ./mc:AlternateContent/mc:Fallback/w:numFmt")  # w14 custom formats fall back
_LVL_OVERRIDES = xpath("./w:lvlOverride")
# A paragraph's own list reference.
_P_NUM_ID = xpath("./w:pPr/w:numPr/w:numId/@w:val")
_P_ILVL = xpath("./w:pPr/w:numPr/w:ilvl/@w:val")

_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


@dataclass(frozen=True)
class Level:
    """One level of a list (``w:lvl``): how its number starts, looks and restarts."""

    ilvl: int
    start: int = 0  # w:start; Word's default is 0
    fmt: str = "decimal"  # w:numFmt
    text: str = ""  # w:lvlText, e.g. "%1.%2."
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never, n = after level n (1-based)
    is_lgl: bool = False  # w:isLgl: show every placeholder as a decimal
    style_id: str | None = None  # w:pStyle: the paragraph style bound to this level


@dataclass(frozen=True)
class AbstractList:
    """A list definition (``w:abstractNum``): its levels, or a link to a list style."""

    abstract_id: str
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None  # w:numStyleLink: the levels live in the list style's abstractNum


@dataclass(frozen=True)
class ListInstance:
    """A list instance (``w:num``): the abstract list it uses and its per-level overrides."""

    num_id: str
    abstract_id: str
    starts: dict[int, int] = field(default_factory=dict)  # w:lvlOverride/w:startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # w:lvlOverride/w:lvl


def format_number(value: int, fmt: str) -> str:
    """Write a counter value in a Word number format.

    >>> [format_number(4, f) for f in ("decimal", "decimalZero", "lowerLetter", "upperRoman", "russianLower")]
    ['4', '04', 'd', 'IV', 'г']
    >>> format_number(10, "russianLower"), format_number(28, "russianUpper"), format_number(29, "russianLower")
    ('к', 'Я', 'аа')
    >>> format_number(27, "lowerLetter"), format_number(14, "lowerRoman"), format_number(3, "bullet")
    ('aa', 'xiv', '')
    """
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "decimalZero":
        return f"{value:02d}" if 0 <= value < 10 else str(value)
    if value > 0 and fmt in ("lowerLetter", "upperLetter", "russianLower", "russianUpper"):
        alphabet = RUSSIAN_LETTERS if fmt.startswith("russian") else LATIN_LETTERS
        # Past the last letter Word doubles it: z, aa, bb, … (not spreadsheet-style "ab").
        letter = alphabet[(value - 1) % len(alphabet)] * ((value - 1) // len(alphabet) + 1)
        return letter.upper() if fmt.startswith("upper") or fmt == "russianUpper" else letter
    if 0 < value < 4000 and fmt in ("lowerRoman", "upperRoman"):
        out = ""
        for amount, digits in _ROMAN:
            count, value = divmod(value, amount)
            out += digits * count
        return out.upper() if fmt == "upperRoman" else out
    return str(value)


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(element: etree._Element) -> Level:
    formats = _NUM_FMT(element)
    restart = element.find(qn("w:lvlRestart"))
    return Level(
        ilvl=_int(element.get(qn("w:ilvl")), 0) or 0,
        start=_int(w_val(element.find(qn("w:start"))), 0) or 0,
        fmt=(w_val(formats[0]) if formats else None) or "decimal",
        text=w_val(element.find(qn("w:lvlText")), "") or "",
        restart=_int(w_val(restart)) if restart is not None else None,
        is_lgl=on_off(element.find(qn("w:isLgl"))),
        style_id=w_val(element.find(qn("w:pStyle"))),
    )


def read_lists(numbering: etree._Element | None) -> tuple[dict[str, AbstractList], dict[str, ListInstance]]:
    """The abstract lists and list instances of a ``w:numbering`` element, by id."""
    abstracts: dict[str, AbstractList] = {}
    instances: dict[str, ListInstance] = {}
    if numbering is None:
        return abstracts, instances
    for element in _ABSTRACT_NUMS(numbering):
        abstract_id = element.get(qn("w:abstractNumId"), "")
        levels = {level.ilvl: level for level in map(_level, _LEVELS(element))}
        link = w_val(element.find(qn("w:numStyleLink")))
        abstracts[abstract_id] = AbstractList(abstract_id, levels, link)
    for element in _NUMS(numbering):
        starts: dict[int, int] = {}
        levels: dict[int, Level] = {}
        for override in _LVL_OVERRIDES(element):
            ilvl = _int(override.get(qn("w:ilvl")), 0) or 0
            start = _int(w_val(override.find(qn("w:startOverride"))))
            if start is not None:
                starts[ilvl] = start
            lvl = override.find(qn("w:lvl"))
            if lvl is not None:
                levels[ilvl] = replace(_level(lvl), ilvl=ilvl)
        num_id = element.get(qn("w:numId"), "")
        instances[num_id] = ListInstance(num_id, w_val(element.find(qn("w:abstractNumId")), "") or "", starts, levels)
    return abstracts, instances


class NumberingEvaluator:
    """Word's list counters, advanced one paragraph at a time in document order.

    >>> from lexamend.ooxml.parser import parse_xml
    >>> W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    >>> numbering = parse_xml(f'''<w:numbering {W}><w:abstractNum w:abstractNumId="0">
    ...   <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    ...   <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%2)"/></w:lvl>
    ...   </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'''.encode())
    >>> evaluator = NumberingEvaluator(numbering)
    >>> [evaluator.advance("1", ilvl) for ilvl in (0, 1, 1, 0, 1)]
    ['1.', 'а)', 'б)', '2.', 'а)']
    """

    def __init__(self, numbering: etree._Element | None, styles: StyleSheet | None = None) -> None:
        self.abstracts, self.instances = read_lists(numbering)
        self.styles = styles or StyleSheet(None)
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()  # instances whose start overrides have been applied

    def reference(self, p: etree._Element) -> tuple[str, int] | None:
        """The (numId, ilvl) a paragraph is numbered with, from itself or its style; None if unnumbered."""
        own_num = next(iter(_P_NUM_ID(p)), None)
        own_ilvl = _int(next(iter(_P_ILVL(p)), None))
        style_id = self.styles.resolve(paragraph_style_id(p))
        style_num, style_ilvl = self.styles.numbering(style_id)
        num_id = own_num if own_num is not None else style_num
        if num_id is None or num_id == "0" or num_id not in self.instances:
            return None
        ilvl = own_ilvl if own_ilvl is not None else style_ilvl
        if ilvl is None:
            # A heading style bound to a list names the level through w:lvl/w:pStyle.
            abstract = self._abstract(num_id)
            ilvl = next((l.ilvl for l in abstract.levels.values() if l.style_id == style_id), 0) if abstract else 0
        return num_id, min(max(ilvl, 0), LEVELS - 1)

    def label(self, p: etree._Element) -> str | None:
        """Advance the counters for paragraph ``p`` and return its label ("1.", "а)"), or None."""
        reference = self.reference(p)
        return self.advance(*reference) if reference else None

    def advance(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph at level ``ilvl`` of list ``num_id``; return its label or None."""
        instance = self.instances.get(num_id)
        abstract = self._abstract(num_id)
        if instance is None or abstract is None or not 0 <= ilvl < LEVELS:
            return None
        counters = self._counters.setdefault(abstract.abstract_id, [None] * LEVELS)
        if num_id not in self._used:
            self._used.add(num_id)
            for overridden in instance.starts:
                if 0 <= overridden < LEVELS:
                    counters[overridden] = None
        current = counters[ilvl]
        counters[ilvl] = self._start(instance, abstract, ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            level = self._level(instance, abstract, deeper)
            after = level.restart if level is not None and level.restart is not None else deeper
            if after > 0 and ilvl < after:
                counters[deeper] = None
        level = self._level(instance, abstract, ilvl)
        if level is None or level.fmt == "bullet":
            return None

        def placeholder(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            value = counters[k]
            if value is None:
                value = max(self._start(instance, abstract, k) - 1, 0)
            other = self._level(instance, abstract, k)
            fmt = other.fmt if other is not None else "decimal"
            if level.is_lgl and fmt not in ("none", "bullet"):
                fmt = "decimal"
            return format_number(value, fmt)

        return _PLACEHOLDER.sub(placeholder, level.text).strip() or None

    def _abstract(self, num_id: str) -> AbstractList | None:
        """The abstract list holding the levels of an instance, following list-style links."""
        seen: set[str] = set()
        instance = self.instances.get(num_id)
        while instance is not None and instance.num_id not in seen:
            seen.add(instance.num_id)
            abstract = self.abstracts.get(instance.abstract_id)
            if abstract is None or abstract.num_style_link is None:
                return abstract
            instance = self.instances.get(self.styles.list_styles.get(abstract.num_style_link, ""))
        return None

    @staticmethod
    def _level(instance: ListInstance, abstract: AbstractList, ilvl: int) -> Level | None:
        return instance.levels.get(ilvl) or abstract.levels.get(ilvl)

    def _start(self, instance: ListInstance, abstract: AbstractList, ilvl: int) -> int:
        if ilvl in instance.starts:
            return instance.starts[ilvl]
        level = self._level(instance, abstract, ilvl)
        return level.start if level is not None else 0


def number_paragraphs(
    paragraphs: Iterable[etree._Element],
    numbering: etree._Element | None,
    styles: etree._Element | StyleSheet | None = None,
) -> list[str | None]:
    """The label of each paragraph, in the order given (document order), None where unnumbered."""
    sheet = styles if isinstance(styles, StyleSheet) else StyleSheet(styles)
    evaluator = NumberingEvaluator(numbering, sheet)
    return [evaluator.label(p) for p in paragraphs]
