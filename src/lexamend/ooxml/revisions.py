"""Tracked-change elements of WordprocessingML: ``w:ins``, ``w:del``, paragraph marks, ``w:pPrChange``.

python-docx has no classes for revisions; these builders follow its
declarative spirit: one small function per element, and the schema order of
each parent's children written down next to the code that inserts into it.

Rules of ECMA-376 Part 1 that the builders keep:

* Every revision carries ``w:id``, ``w:author`` and (when known) ``w:date``.
  Ids are unique across the whole package: :func:`used_ids` scans every story
  (body, headers, footers, footnotes, endnotes, comments) and :class:`Stamp`
  hands out ids above the highest one found. Word repairs a document whose
  annotation ids collide.
* Deleted text is ``w:delText`` (and field codes ``w:delInstrText``) inside a
  run inside ``w:del`` (§17.13.5.14); a ``w:t`` inside ``w:del`` is invalid.
* A paragraph mark is tracked by ``w:ins``/``w:del`` as the *first* children
  of ``w:pPr/w:rPr`` (CT_ParaRPr: revision marks come before formatting), and
  that ``w:rPr`` comes after every other paragraph property except
  ``w:sectPr`` and ``w:pPrChange`` (CT_PPr sequence).
* Text with leading, trailing or repeated spaces needs ``xml:space="preserve"``
  or consumers collapse it (§17.3.3.31); an empty ``w:t`` is never written.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from lxml import etree

from lexamend.ooxml.parser import qn

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_W_ID = qn("w:id")
_INS, _DEL = qn("w:ins"), qn("w:del")
_PPR, _RPR, _R, _T = qn("w:pPr"), qn("w:rPr"), qn("w:r"), qn("w:t")
_DEL_TEXT, _INSTR, _DEL_INSTR = qn("w:delText"), qn("w:instrText"), qn("w:delInstrText")
_SECT_PR, _PPR_CHANGE = qn("w:sectPr"), qn("w:pPrChange")
_MOVE_FROM, _MOVE_TO = qn("w:moveFrom"), qn("w:moveTo")

#: Children of ``w:pPr/w:rPr`` that record revisions of the paragraph mark, in schema order.
_MARK_REVISIONS = (_INS, _DEL, _MOVE_FROM, _MOVE_TO)


class Stamp:
    """Who made the revisions and when, and the next free annotation id.

    (A plain class: the dataclass decorator costs a millisecond of start-up,
    and this module is on the path of ``redline --from/--to``, which is timed.)
    """

    def __init__(self, author: str, date: str | None = None, next_id: int = 1) -> None:
        self.author = author
        self.date = date  # W3CDTF, e.g. "2026-11-25T00:00:00Z"; None leaves w:date out
        self.next_id = next_id
        self.issued: list[int] = []

    def __repr__(self) -> str:
        return f"Stamp(author={self.author!r}, date={self.date!r}, next_id={self.next_id})"

    def new_id(self) -> str:
        value = self.next_id
        self.next_id += 1
        self.issued.append(value)
        return str(value)

    def attributes(self) -> dict[str, str]:
        """``w:id``, ``w:author`` and ``w:date`` for a new revision element."""
        attrs = {_W_ID: self.new_id(), qn("w:author"): self.author}
        if self.date:
            attrs[qn("w:date")] = self.date
        return attrs

    @property
    def initials(self) -> str:
        letters = [word[0] for word in self.author.split() if word[:1].isalpha()]
        return "".join(letters[:3]).upper() or self.author[:2].upper()


#: Revision marks of every kind (text, paragraph marks, formatting, tables, numbering).
REVISION_TAGS = frozenset(
    qn(f"w:{tag}")
    for tag in (
        "ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange", "sectPrChange", "tblPrChange",
        "tblPrExChange", "trPrChange", "tcPrChange", "tblGridChange", "cellIns", "cellDel", "cellMerge",
        "numberingChange",
    )
)  # fmt: skip


def has_revisions(root: etree._Element) -> bool:
    """Whether any tracked change is recorded under ``root``."""
    return next(root.iter(*REVISION_TAGS), None) is not None


def used_ids(roots: Iterable[etree._Element]) -> int:
    """The highest numeric ``w:id`` in the given parts (0 when there is none)."""
    highest = 0
    for root in roots:
        for element in root.iter():
            value = element.get(_W_ID) if isinstance(element.tag, str) else None
            if value is not None and value.lstrip("-").isdigit():
                highest = max(highest, int(value))
    return highest


def insertion(stamp: Stamp) -> etree._Element:
    """An empty ``w:ins`` (runs go inside)."""
    return etree.Element(_INS, stamp.attributes())


def deletion(stamp: Stamp) -> etree._Element:
    """An empty ``w:del`` (runs with ``w:delText`` go inside)."""
    return etree.Element(_DEL, stamp.attributes())


def preserve_space(t: etree._Element) -> None:
    """Set ``xml:space="preserve"`` when the text's whitespace would otherwise be collapsed."""
    text = t.text or ""
    if text != text.strip() or "  " in text or "\t" in text or "\n" in text:
        t.set(XML_SPACE, "preserve")


def text_element(text: str, *, deleted: bool = False) -> etree._Element:
    """A ``w:t`` (or ``w:delText``) holding ``text``, which must not be empty."""
    assert text, "an empty w:t is never written"
    t = etree.Element(_DEL_TEXT if deleted else _T)
    t.text = text
    preserve_space(t)
    return t


def text_run(text: str, rpr: etree._Element | None = None, *, deleted: bool = False) -> etree._Element:
    """A run with a copy of ``rpr`` and the text; a tab or line break in the text becomes its element."""
    run = etree.Element(_R)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    buffer = ""
    for char in text:
        if char in "\t\n":
            if buffer:
                run.append(text_element(buffer, deleted=deleted))
                buffer = ""
            etree.SubElement(run, qn("w:tab") if char == "\t" else qn("w:br"))
        else:
            buffer += char
    if buffer:
        run.append(text_element(buffer, deleted=deleted))
    return run


def to_deleted(run: etree._Element) -> None:
    """Turn a run's text into deleted text (``w:t`` → ``w:delText``, ``w:instrText`` → ``w:delInstrText``)."""
    for element in run.iter(_T, _INSTR):
        element.tag = _DEL_TEXT if element.tag == _T else _DEL_INSTR


def to_live(run: etree._Element) -> None:
    """The inverse of :func:`to_deleted` (rejecting a deletion)."""
    for element in run.iter(_DEL_TEXT, _DEL_INSTR):
        element.tag = _T if element.tag == _DEL_TEXT else _INSTR


# -- paragraph properties ------------------------------------------------------------

def paragraph_properties(p: etree._Element) -> etree._Element:
    """The paragraph's ``w:pPr``, created as its first child when missing."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    return ppr


def mark_properties(p: etree._Element) -> etree._Element:
    """The paragraph mark's run properties ``w:pPr/w:rPr``, created in schema position when missing."""
    ppr = paragraph_properties(p)
    rpr = ppr.find(_RPR)
    if rpr is None:
        rpr = etree.Element(_RPR)
        anchor = ppr.find(_SECT_PR)
        if anchor is None:
            anchor = ppr.find(_PPR_CHANGE)
        if anchor is not None:
            anchor.addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr


def mark_state(p: etree._Element) -> set[str]:
    """The revisions on a paragraph mark: a subset of {"ins", "del"}."""
    rpr = p.find(f"{_PPR}/{_RPR}")
    if rpr is None:
        return set()
    return {("ins" if child.tag == _INS else "del") for child in rpr if child.tag in (_INS, _DEL)}


_MARK_KINDS = {"ins": _INS, "del": _DEL, "moveFrom": _MOVE_FROM, "moveTo": _MOVE_TO}


def mark_paragraph(p: etree._Element, kind: str, stamp: Stamp) -> None:
    """Record the paragraph mark as inserted (``kind="ins"``), deleted (``"del"``) or moved (``"moveFrom"``, ``"moveTo"``)."""
    rpr = mark_properties(p)
    tag = _MARK_KINDS[kind]
    if rpr.find(tag) is not None:
        return
    element = etree.Element(tag, stamp.attributes())
    # CT_ParaRPr: ins, del, moveFrom, moveTo, in that order, before any formatting of the mark.
    order = list(_MARK_REVISIONS)
    position = sum(1 for child in rpr if child.tag in _MARK_REVISIONS and order.index(child.tag) < order.index(tag))
    rpr.insert(position, element)


def unmark_paragraph(p: etree._Element, kind: str) -> None:
    """Remove the ``ins``/``del`` revision of a paragraph mark (and an ``w:rPr`` left empty)."""
    ppr = p.find(_PPR)
    rpr = ppr.find(_RPR) if ppr is not None else None
    if rpr is None:
        return
    for child in rpr.findall(_INS if kind == "ins" else _DEL):
        rpr.remove(child)
    if len(rpr) == 0 and not rpr.attrib:
        ppr.remove(rpr)  # type: ignore[union-attr]
        if len(ppr) == 0 and not ppr.attrib:  # type: ignore[arg-type]
            p.remove(ppr)  # type: ignore[arg-type]


def formatting_of(ppr: etree._Element | None) -> etree._Element:
    """Copy of the formatting part of a ``w:pPr``: no mark properties, section or change record."""
    out = etree.Element(_PPR)
    if ppr is not None:
        for child in ppr:
            if child.tag not in (_RPR, _SECT_PR, _PPR_CHANGE):
                out.append(copy.deepcopy(child))
    return out


def change_paragraph_properties(
    p: etree._Element, new: etree._Element, stamp: Stamp, *, old: etree._Element | None = None
) -> None:
    """Give ``p`` the formatting of ``new`` (a ``w:pPr``), recording ``old`` in ``w:pPrChange``.

    ``old`` is the formatting before the change, by default the paragraph's
    current one. The paragraph keeps its own mark and section properties; only
    the formatting children are replaced. Nothing is recorded when old and new are equal.
    """
    ppr = paragraph_properties(p)
    before = formatting_of(old if old is not None else ppr)
    wanted = formatting_of(new)
    for stale in ppr.findall(_PPR_CHANGE):
        ppr.remove(stale)
    if etree.tostring(before) == etree.tostring(wanted):
        if len(ppr) == 0 and not ppr.attrib:
            p.remove(ppr)  # nothing to record: leave the paragraph as it was
        return
    keep = [child for child in ppr if child.tag in (_RPR, _SECT_PR)]
    for child in list(ppr):
        ppr.remove(child)
    for child in wanted:
        ppr.append(child)
    for child in keep:
        ppr.append(child)
    change = etree.SubElement(ppr, _PPR_CHANGE, stamp.attributes())
    change.append(before)


__all__ = [
    "REVISION_TAGS",
    "Stamp",
    "has_revisions",
    "XML_SPACE",
    "change_paragraph_properties",
    "deletion",
    "formatting_of",
    "insertion",
    "mark_paragraph",
    "mark_properties",
    "mark_state",
    "paragraph_properties",
    "preserve_space",
    "text_element",
    "text_run",
    "to_deleted",
    "to_live",
    "unmark_paragraph",
    "used_ids",
]
