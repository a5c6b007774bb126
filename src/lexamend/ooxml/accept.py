"""Accept or reject every tracked change of a story, as Word's Review → Accept/Reject All does.

Used to produce a clean amended document from a redline (``lexamend apply
--format docx``) and to check a redline before it is written: its accepted
text must be the amended text and its rejected text the original.

Accepting removes ``w:del``/``w:moveFrom`` content, keeps ``w:ins``/``w:moveTo``
content, joins a paragraph whose mark is deleted with the next paragraph
(the joined paragraph keeps the next one's properties), drops formatting
change records. Rejecting is the mirror image: inserted content goes, deleted
text comes back as ``w:t``, a paragraph whose mark was inserted is joined with
the next, and recorded paragraph/run formatting is restored.
"""

from __future__ import annotations

from lxml import etree

from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import to_live

_P, _PPR, _RPR = qn("w:p"), qn("w:pPr"), qn("w:rPr")
_INS, _DEL, _MOVE_FROM, _MOVE_TO = qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo")
_PPR_CHANGE, _RPR_CHANGE, _SECT_PR = qn("w:pPrChange"), qn("w:rPrChange"), qn("w:sectPr")
_RANGE = frozenset(
    qn(t) for t in ("w:moveFromRangeStart", "w:moveFromRangeEnd", "w:moveToRangeStart", "w:moveToRangeEnd")
)
_CHANGE_RECORDS = frozenset(
    qn(t) for t in ("w:sectPrChange", "w:tblPrChange", "w:tblPrExChange", "w:trPrChange", "w:tcPrChange", "w:tblGridChange", "w:numberingChange")
)


def _is_mark(element: etree._Element) -> bool:
    """A revision of a paragraph mark (``w:pPr/w:rPr/w:ins``) or of a table row (``w:trPr/w:ins``)."""
    parent = element.getparent()
    return parent is not None and parent.tag in (_RPR, qn("w:trPr"))


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    _drop(element)


def _drop(element: etree._Element) -> None:
    """Remove an element but keep its tail text (there is none in WordprocessingML, but be safe)."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def resolve_all(root: etree._Element, *, accept: bool) -> etree._Element:
    """Accept (or reject) every revision under ``root`` in place; returns ``root``."""
    keep, gone = ((_INS, _MOVE_TO), (_DEL, _MOVE_FROM)) if accept else ((_DEL, _MOVE_FROM), (_INS, _MOVE_TO))
    joins = gone  # a paragraph whose mark is in ``gone`` joins the next paragraph
    for element in list(root.iter(*gone)):
        if not _is_mark(element):
            _drop(element)
    for element in list(root.iter(*keep)):
        if not _is_mark(element):
            if not accept:
                for run in element.iter(qn("w:r")):
                    to_live(run)
            _unwrap(element)
    for element in list(root.iter(*_RANGE)):
        _drop(element)
    # Formatting records: accepting drops them, rejecting restores what they recorded.
    for change in list(root.iter(_PPR_CHANGE)):
        ppr = change.getparent()
        if not accept and ppr is not None:
            old = change.find(_PPR)
            for child in [c for c in ppr if c.tag not in (_RPR, _SECT_PR, _PPR_CHANGE)]:
                ppr.remove(child)
            if old is not None:
                for offset, child in enumerate(list(old)):
                    ppr.insert(offset, child)
        _drop(change)
    for change in list(root.iter(_RPR_CHANGE)):
        rpr = change.getparent()
        if not accept and rpr is not None:
            old = change.find(_RPR)
            for child in [c for c in rpr if c is not change]:
                rpr.remove(child)
            if old is not None:
                for child in list(old):
                    rpr.append(child)
        _drop(change)
    for change in list(root.iter(*_CHANGE_RECORDS)):
        _drop(change)
    # Table rows inserted (on reject) or deleted (on accept) go.
    for row in list(root.iter(qn("w:tr"))):
        trpr = row.find(qn("w:trPr"))
        if trpr is not None and any(child.tag in gone for child in trpr):
            _drop(row)
    # Paragraph marks.
    for p in list(root.iter(_P)):
        rpr = p.find(f"{_PPR}/{_RPR}")
        if rpr is None:
            continue
        marks = [child for child in rpr if child.tag in (_INS, _DEL, _MOVE_FROM, _MOVE_TO)]
        join = any(child.tag in joins for child in marks)
        for child in marks:
            rpr.remove(child)
        if join:
            _join_with_next(p)
    return root


def _join_with_next(p: etree._Element) -> None:
    """Move the content of ``p`` to the start of the next paragraph and remove ``p``."""
    following = p.getnext()
    while following is not None and following.tag != _P:
        if following.tag in (qn("w:tbl"), qn("w:sdt"), _SECT_PR):
            return  # a paragraph before a table keeps its mark
        following = following.getnext()
    if following is None:
        return  # the last paragraph of a story keeps its mark
    position = 1 if following.find(_PPR) is not None else 0
    content = [child for child in p if child.tag != _PPR]
    for offset, child in enumerate(content):
        following.insert(position + offset, child)
    _drop(p)


__all__ = ["resolve_all"]
