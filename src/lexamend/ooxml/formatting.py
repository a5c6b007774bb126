"""Formatting changes as tracked changes: ``w:pPrChange`` for paragraph properties, ``w:rPrChange`` for runs.

A redline of two versions (``redline --from/--to --formatting``) records that
a paragraph's properties changed (another style, indentation, alignment) and
that words kept their text but changed formatting (made bold, italic,
another character style): the new properties are written and the old ones
kept in the change record (ECMA-376 Part 1 §17.13.5.29 ``pPrChange``,
§17.13.5.31 ``rPrChange``), so Reject All restores them.

Without ``--formatting`` only list numbering is tracked — a paragraph that
gains, loses or changes its automatic number shows a different label, which
is text to a reader (:func:`numbering_properties`); other formatting
differences are detected (:func:`properties_differ`, :func:`runs_differ`) so
that the caller can say they were left out.

Properties are compared as exclusive canonical XML, so the same formatting
written by two files with different namespace declarations compares equal.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from lxml import etree

from lexamend.ooxml.edit import TrackedEditor
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import formatting_of
from lexamend.ooxml.stories import style_numbered
from lexamend.ooxml.textmap import Atoms, TextMap

_P, _PPR, _RPR, _R = qn("w:p"), qn("w:pPr"), qn("w:rPr"), qn("w:r")
_NUM_PR, _P_STYLE = qn("w:numPr"), qn("w:pStyle")
_RPR_CHANGE, _INS, _MOVE_TO = qn("w:rPrChange"), qn("w:ins"), qn("w:moveTo")
#: CT_PPrBase children that come before w:numPr.
_BEFORE_NUM_PR = frozenset(qn(f"w:{t}") for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl"))

Importer = Callable[[list[etree._Element]], list[etree._Element]]


def _canonical(element: etree._Element | None, skip: frozenset[str] = frozenset()) -> bytes:
    if element is None:
        return b""
    return b"".join(etree.tostring(child, method="c14n", exclusive=True) for child in element if child.tag not in skip and isinstance(child.tag, str))


def portable_properties(new_p: etree._Element, importer: Importer) -> etree._Element:
    """The formatting of a paragraph of the new version, made valid in the old package (styles, lists)."""
    holder = etree.Element(_P)
    holder.append(formatting_of(new_p.find(_PPR)))
    copied = importer([holder])[0]
    ppr = copied.find(_PPR)
    return ppr if ppr is not None else etree.Element(_PPR)


def same_properties(old_p: etree._Element, new_p: etree._Element) -> bool:
    """A quick check: the two paragraphs' properties are written identically (mark properties included)."""
    a, b = old_p.find(_PPR), new_p.find(_PPR)
    if a is None or b is None:
        return a is None and b is None
    return _same_tree(a, b)


def _same_tree(a: etree._Element, b: etree._Element) -> bool:
    """Equal elements: tags, attributes, text and children (namespace declarations aside)."""
    if a.tag != b.tag or a.attrib != b.attrib or (a.text or "") != (b.text or "") or len(a) != len(b):
        return False
    return all(_same_tree(x, y) for x, y in zip(a, b))


def properties_differ(old_p: etree._Element, wanted: etree._Element) -> bool:
    """Whether a paragraph's formatting differs from ``wanted`` (mark properties and change records aside)."""
    return _canonical(formatting_of(old_p.find(_PPR))) != _canonical(wanted)


def numbering_properties(
    old_p: etree._Element, wanted: etree._Element, sheets: Callable[[], tuple[etree._Element | None, etree._Element | None]]
) -> etree._Element | None:
    """The old paragraph's formatting with the new list numbering, when numbering changed (else None).

    Numbering changed when the paragraph's own ``w:numPr`` differs, or when it
    moved to another style and one of the two styles numbers its paragraphs.
    """
    old = formatting_of(old_p.find(_PPR))
    old_num, new_num = old.find(_NUM_PR), wanted.find(_NUM_PR)
    old_style, new_style = old.find(_P_STYLE), wanted.find(_P_STYLE)
    old_id = old_style.get(qn("w:val")) if old_style is not None else None
    new_id = new_style.get(qn("w:val")) if new_style is not None else None
    numbers_differ = _canonical(_wrap(old_num)) != _canonical(_wrap(new_num))
    style_matters = old_id != new_id and any(style_numbered(sheet, style) for sheet in sheets() for style in (old_id, new_id))
    if not numbers_differ and not style_matters:
        return None
    out = copy.deepcopy(old)
    if numbers_differ:
        if old_num is not None:
            out.remove(out.find(_NUM_PR))  # type: ignore[arg-type]
        if new_num is not None:
            _insert_num_pr(out, copy.deepcopy(new_num))
    if style_matters:
        current = out.find(_P_STYLE)
        if current is not None:
            out.remove(current)
        if new_style is not None:
            out.insert(0, copy.deepcopy(new_style))
    return out


def _wrap(element: etree._Element | None) -> etree._Element | None:
    if element is None:
        return None
    holder = etree.Element("holder")
    holder.append(copy.deepcopy(element))
    return holder


def _insert_num_pr(ppr: etree._Element, num_pr: etree._Element) -> None:
    position = 0
    for index, child in enumerate(ppr):
        if child.tag in _BEFORE_NUM_PR:
            position = index + 1
    ppr.insert(position, num_pr)


def _run_key(run: etree._Element | None) -> bytes:
    if run is None:
        return b""
    return _canonical(run.find(_RPR), frozenset({_RPR_CHANGE}))


def _differing(old_map: TextMap, new_map: TextMap) -> list[tuple[int, int, etree._Element | None]]:
    """Normalised spans [start, end) of unchanged words whose run formatting differs, with the new run."""
    if old_map.mapped_text != new_map.mapped_text:
        return []
    _, old_starts, _ = old_map._normalised()
    _, new_starts, _ = new_map._normalised()
    spans: list[tuple[int, int, etree._Element | None]] = []
    for position in range(len(old_starts)):
        old_segment = old_map.segment_at(old_starts[position])
        new_segment = new_map.segment_at(new_starts[position])
        old_run, new_run = old_segment.run, new_segment.run
        if old_run is None or new_segment.atom is not None or old_run.getparent() is not None and old_run.getparent().tag in (_INS, _MOVE_TO):
            continue  # atoms, locked text, and words just inserted (they have the new formatting)
        if _run_key(old_run) != _run_key(new_run):
            if spans and spans[-1][1] == position and _run_key(spans[-1][2]) == _run_key(new_run):
                spans[-1] = (spans[-1][0], position + 1, spans[-1][2])
            else:
                spans.append((position, position + 1, new_run))
    return spans


def runs_differ(old_p: etree._Element, new_p: etree._Element, old_atoms: Atoms, new_atoms: Atoms) -> bool:
    """Whether unchanged words of two paragraphs with the same text differ in run formatting."""
    return bool(_differing(TextMap(old_p, old_atoms), TextMap(new_p, new_atoms)))


def track_runs(editor: TrackedEditor, old_p: etree._Element, new_p: etree._Element, old_atoms: Atoms, new_atoms: Atoms, importer: Importer) -> int:
    """Give unchanged words the new version's run formatting, recording the old in ``w:rPrChange``; returns how many runs."""
    old_map = TextMap(old_p, old_atoms)
    spans = _differing(old_map, TextMap(new_p, new_atoms))
    if not spans:
        return 0
    editor.touched.append(old_p)
    raw = [(old_map.raw_span(start, end), new_run) for start, end, new_run in spans]
    old_map.split_at({edge for (start, end), _ in raw for edge in (start, end)})
    changed = 0
    for (start, end), new_run in raw:
        new_rpr = new_run.find(_RPR) if new_run is not None else None
        for run in old_map.runs_in(start, end):
            _change_run(run, new_rpr, editor, importer)
            changed += 1
    return changed


def _change_run(run: etree._Element, new_rpr: etree._Element | None, editor: TrackedEditor, importer: Importer) -> None:
    old_rpr = run.find(_RPR)
    record = etree.Element(_RPR_CHANGE, editor.stamp.attributes())
    before = etree.SubElement(record, _RPR)
    if old_rpr is not None:
        for child in old_rpr:
            if child.tag != _RPR_CHANGE:
                before.append(copy.deepcopy(child))
        run.remove(old_rpr)
    holder = etree.Element(_R)
    if new_rpr is not None:
        holder.append(copy.deepcopy(new_rpr))
    copied = importer([holder])[0].find(_RPR)
    rpr = copied if copied is not None else etree.Element(_RPR)
    for child in list(rpr):
        if child.tag == _RPR_CHANGE:
            rpr.remove(child)
    rpr.append(record)
    run.insert(0, rpr)


__all__ = ["numbering_properties", "portable_properties", "properties_differ", "runs_differ", "same_properties", "track_runs"]
