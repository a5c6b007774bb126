"""Write word-level tracked changes into paragraphs of a package.

:class:`TrackedEditor` is the one place where diff results become revisions:

* :meth:`~TrackedEditor.change` writes the operations of a word diff into an
  existing paragraph — runs are split where a change begins or ends (formatting
  copied to both halves), deleted runs are wrapped in ``w:del`` with
  ``w:delText``, inserted text goes into new runs in ``w:ins`` that borrow the
  formatting of the text just before them (or just after, at the start);
* :meth:`~TrackedEditor.delete` and :meth:`~TrackedEditor.insert` mark whole
  paragraphs, their paragraph marks included, so that accepting every change
  leaves no empty paragraph behind and rejecting every change leaves none
  either;
* :meth:`~TrackedEditor.finish` settles the one case the paragraph-mark rule
  cannot express directly: the last paragraph of a story (the body, a table
  cell, a section) cannot lose or gain its mark. When whole paragraphs are
  deleted or inserted at such an end, the mark of the paragraph before them
  is tracked instead and the last paragraph's formatting change is recorded in
  ``w:pPrChange`` — the markup Word itself writes when a paragraph is removed
  at the end of a document with Track Changes on.

Operations are plain ``(kind, text)`` pairs, kind being ``"equal"``,
``"insert"`` or ``"delete"``; the editor knows nothing of legal texts.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Sequence

from lxml import etree

from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import (
    Stamp,
    change_paragraph_properties,
    deletion,
    formatting_of,
    insertion,
    mark_paragraph,
    text_run,
    to_deleted,
    unmark_paragraph,
)
from lexamend.ooxml.textmap import TRANSPARENT, TextMap

Op = tuple[str, str]

_P, _R, _RPR, _PPR = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:pPr")
_INS, _DEL, _SECT_PR, _TC = qn("w:ins"), qn("w:del"), qn("w:sectPr"), qn("w:tc")
#: Elements that may stand between paragraphs without ending a run of paragraphs.
_RANGE_MARKUP = frozenset(
    qn(tag)
    for tag in (
        "w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart", "w:commentRangeEnd", "w:proofErr",
        "w:permStart", "w:permEnd", "w:moveFromRangeStart", "w:moveFromRangeEnd", "w:moveToRangeStart",
        "w:moveToRangeEnd",
    )
)  # fmt: skip
#: Elements under a paragraph whose runs are not the paragraph's own (text boxes, pictures).
_FOREIGN = frozenset(qn(tag) for tag in ("w:pPr", "w:del", "w:ins", "w:drawing", "w:pict", "w:object", "mc:AlternateContent"))


class TrackedEditor:
    """Writes revisions with one :class:`Stamp`; remembers whole-paragraph changes for :meth:`finish`."""

    def __init__(self, stamp: Stamp) -> None:
        self.stamp = stamp
        self.whole: dict[etree._Element, str] = {}  # paragraph → "ins" | "del" (whole-paragraph changes)
        self.fallbacks = 0  # paragraphs whose text was replaced as a whole

    # -- word changes inside a paragraph -----------------------------------------------
    def change(self, p: etree._Element, ops: Sequence[Op], *, prefix: int = 0) -> list[list[etree._Element]]:
        """Write ``ops`` (a word diff of the paragraph's normalised text) into ``p``.

        ``prefix`` characters of the diff's old text are not in the paragraph
        (an automatic-numbering label followed by a space) and must be equal.
        Returns, for each op, the revision elements written for it.
        """
        tm = TextMap(p)
        old = "".join(text for kind, text in ops if kind != "insert")
        if old[prefix:] != tm.mapped_text or not _prefix_unchanged(ops, prefix):
            return self.replace_text(p, ops, prefix=prefix)
        spans: list[tuple[int, str, int, int]] = []  # (op index, kind, raw start, raw end)
        cuts: set[int] = set()
        position = -prefix
        for index, (kind, text) in enumerate(ops):
            if kind == "equal":
                position += len(text)
            elif kind == "delete":
                start, end = max(position, 0), position + len(text)
                position = end
                if end <= 0:
                    continue
                raw_start, raw_end = tm.raw_span(start, end)
                if not tm.editable(raw_start, raw_end):
                    return self.replace_text(p, ops, prefix=prefix)
                spans.append((index, kind, raw_start, raw_end))
                cuts.update((raw_start, raw_end))
            else:
                point = tm.raw_point(max(position, 0))
                neighbour = point - 1 if point > 0 else point
                if len(tm) and not tm.editable(neighbour, neighbour + 1):
                    return self.replace_text(p, ops, prefix=prefix)
                spans.append((index, kind, point, point))
                cuts.add(point)
        tm.split_at(cuts)
        written: list[list[etree._Element]] = [[] for _ in ops]
        for index, kind, start, end in spans:
            if kind == "delete":
                written[index] = self._delete_runs(tm.runs_in(start, end))
        for index, kind, start, _ in spans:
            if kind == "insert":
                written[index] = [self._insert_text(p, tm, start, ops[index][1])]
        return written

    def replace_text(self, p: etree._Element, ops: Sequence[Op], *, prefix: int = 0) -> list[list[etree._Element]]:
        """Delete all of the paragraph's text and insert the new text: for text an edit cannot split."""
        self.fallbacks += 1
        new = "".join(text for kind, text in ops if kind != "delete")[prefix:]
        rpr = common_formatting(p)
        deleted = self._delete_runs(_own_runs(p))
        written: list[list[etree._Element]] = [[] for _ in ops]
        first_change = next((i for i, (kind, _) in enumerate(ops) if kind != "equal"), 0)
        written[first_change] = deleted
        if new:
            ins = insertion(self.stamp)
            ins.append(text_run(new, rpr))
            anchor = deleted[-1] if deleted else p.find(_PPR)
            if anchor is not None and anchor.getparent() is p:
                anchor.addnext(ins)
            elif deleted:
                deleted[-1].addnext(ins)
            else:
                p.append(ins)
            last_change = max((i for i, (kind, _) in enumerate(ops) if kind != "equal"), default=0)
            written[last_change] = written[last_change] + [ins]
        return written

    def _delete_runs(self, runs: list[etree._Element]) -> list[etree._Element]:
        """Wrap runs in ``w:del`` (one per group of adjacent sibling runs) and turn their text into deleted text."""
        wrappers: list[etree._Element] = []
        group: list[etree._Element] = []

        def flush() -> None:
            if not group:
                return
            wrapper = deletion(self.stamp)
            group[0].addprevious(wrapper)
            for run in group:
                wrapper.append(run)
                to_deleted(run)
            wrappers.append(wrapper)
            group.clear()

        for run in runs:
            if group and group[-1].getnext() is not run:
                flush()
            group.append(run)
        flush()
        return wrappers

    def _insert_text(self, p: etree._Element, tm: TextMap, point: int, text: str) -> etree._Element:
        """Put ``text`` in a new inserted run at raw position ``point``, formatted like its neighbour."""
        wrapper = insertion(self.stamp)
        if point > 0 and len(tm):
            run = tm.run_at(point - 1)
            assert run is not None
            wrapper.append(text_run(text, run.find(_RPR)))
            _outer(run).addnext(wrapper)
        elif len(tm):
            run = tm.run_at(0)
            assert run is not None
            wrapper.append(text_run(text, run.find(_RPR)))
            _outer(run).addprevious(wrapper)
        else:
            wrapper.append(text_run(text, _mark_formatting(p)))
            p.append(wrapper)
        return wrapper

    def numbering_off(self, p: etree._Element) -> None:
        """Switch a paragraph's automatic numbering off, recording the old properties (``w:pPrChange``)."""
        from lexamend.ooxml.build import numbering_off

        change_paragraph_properties(p, numbering_off(formatting_of(p.find(_PPR))), self.stamp)

    # -- whole paragraphs -------------------------------------------------------------------
    def delete(self, p: etree._Element) -> list[etree._Element]:
        """Mark a whole paragraph deleted: its text and its mark."""
        wrappers = self._delete_runs(_own_runs(p))
        mark_paragraph(p, "del", self.stamp)
        self.whole[p] = "del"
        return wrappers

    def insert(self, p: etree._Element) -> list[etree._Element]:
        """Mark a whole new paragraph (already placed in the tree) inserted: its runs and its mark."""
        wrappers: list[etree._Element] = []
        for group in _sibling_groups(_own_runs(p)):
            wrapper = insertion(self.stamp)
            group[0].addprevious(wrapper)
            for run in group:
                wrapper.append(run)
            wrappers.append(wrapper)
        mark_paragraph(p, "ins", self.stamp)
        self.whole[p] = "ins"
        return wrappers

    # -- the ends of stories ----------------------------------------------------------------
    def finish(self) -> None:
        """Settle whole-paragraph changes at the end of a story (see the module docstring)."""
        settled: set[etree._Element] = set()
        for p in list(self.whole):
            if p in settled:
                continue
            tail = _tail_at_end(p, self.whole)
            if tail is not None:
                settled.update(tail[1])
                self._settle([*([tail[0]] if tail[0] is not None else []), *tail[1]])

    def _settle(self, segment: list[etree._Element]) -> None:
        tail: list[etree._Element] = []
        for p in reversed(segment):
            if p in self.whole:
                tail.insert(0, p)
            else:
                break
        if not tail:
            return
        before = segment[len(segment) - len(tail) - 1] if len(tail) < len(segment) else None
        deleted = [p for p in tail if self.whole[p] == "del"]
        inserted = [p for p in tail if self.whole[p] == "ins"]
        # Deleted paragraphs first, then inserted ones (the order between them is not visible).
        parent = tail[0].getparent()
        assert parent is not None
        position = parent.index(tail[0])
        for p in tail:
            parent.remove(p)
        for offset, p in enumerate(deleted + inserted):
            parent.insert(position + offset, p)
        last = (deleted + inserted)[-1]
        if not inserted:
            unmark_paragraph(last, "del")
            if before is not None:
                mark_paragraph(before, "del", self.stamp)
                change_paragraph_properties(last, formatting_of(before.find(_PPR)), self.stamp)
        elif not deleted:
            unmark_paragraph(last, "ins")
            if before is not None:
                mark_paragraph(before, "ins", self.stamp)
                _record_old_formatting(last, before, self.stamp)
        else:
            unmark_paragraph(last, "ins")
            mark_paragraph(deleted[-1], "ins", self.stamp)
            _record_old_formatting(last, deleted[-1], self.stamp)


def _record_old_formatting(p: etree._Element, old_from: etree._Element, stamp: Stamp) -> None:
    """Record that ``p`` had ``old_from``'s formatting before the change (``p`` keeps its own)."""
    change_paragraph_properties(p, formatting_of(p.find(_PPR)), stamp, old=formatting_of(old_from.find(_PPR)))


def _prefix_unchanged(ops: Sequence[Op], prefix: int) -> bool:
    """Whether the first ``prefix`` characters of the old text are equal in the diff."""
    if prefix == 0:
        return True
    seen = 0
    for kind, text in ops:
        if kind == "insert":
            return False
        if kind == "delete":
            return False
        seen += len(text)
        if seen >= prefix:
            return True
    return False


def _outer(run: etree._Element) -> etree._Element:
    """The run, or the ``w:del`` wrapping it."""
    parent = run.getparent()
    return parent if parent is not None and parent.tag == _DEL else run


def _own_runs(p: etree._Element) -> list[etree._Element]:
    """The paragraph's runs in order, inside transparent wrappers too; not runs of text boxes."""
    runs: list[etree._Element] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag == _R:
                runs.append(child)
            elif isinstance(tag, str) and tag not in _FOREIGN and (tag in TRANSPARENT or len(child)):
                walk(child)

    walk(p)
    return runs


def _sibling_groups(runs: list[etree._Element]) -> list[list[etree._Element]]:
    groups: list[list[etree._Element]] = []
    for run in runs:
        if groups and groups[-1][-1].getnext() is run:
            groups[-1].append(run)
        else:
            groups.append([run])
    return groups


def common_formatting(p: etree._Element) -> etree._Element | None:
    """The run properties that format most of the paragraph's text."""
    counts: Counter[bytes] = Counter()
    by_key: dict[bytes, etree._Element | None] = {}
    for segment in TextMap(p).segments:
        if segment.run is None:
            continue
        rpr = segment.run.find(_RPR)
        key = etree.tostring(rpr) if rpr is not None else b""
        counts[key] += len(segment.text.strip())
        by_key.setdefault(key, rpr)
    if not counts:
        return None
    return by_key[counts.most_common(1)[0][0]]


def _mark_formatting(p: etree._Element) -> etree._Element | None:
    """The paragraph mark's formatting as run properties (revision marks left out)."""
    rpr = p.find(f"{_PPR}/{_RPR}")
    if rpr is None:
        return None
    out = copy.deepcopy(rpr)
    for child in list(out):
        if child.tag in (_INS, _DEL, qn("w:moveFrom"), qn("w:moveTo"), qn("w:rPrChange")):
            out.remove(child)
    return out if len(out) else None


def _tail_at_end(p: etree._Element, whole: dict[etree._Element, str]) -> tuple[etree._Element | None, list[etree._Element]] | None:
    """If ``p`` belongs to a run of whole-paragraph changes that ends a segment: (paragraph before it, the run).

    Segments end where a paragraph mark cannot merge with the next paragraph:
    the end of the container, a table or other block, a section break.
    """
    run = [p]
    node = p
    while True:
        if node.find(f"{_PPR}/{_SECT_PR}") is not None:
            break
        following = node.getnext()
        while following is not None and (following.tag in _RANGE_MARKUP or not isinstance(following.tag, str)):
            following = following.getnext()
        if following is None or following.tag != _P:
            break
        if following not in whole:
            return None
        run.append(following)
        node = following
    # extend backwards over whole-paragraph changes, to the paragraph before them
    before = p.getprevious()
    while before is not None and (before.tag in _RANGE_MARKUP or not isinstance(before.tag, str)):
        before = before.getprevious()
    while before is not None and before.tag == _P and before in whole and before.find(f"{_PPR}/{_SECT_PR}") is None:
        run.insert(0, before)
        before = before.getprevious()
        while before is not None and (before.tag in _RANGE_MARKUP or not isinstance(before.tag, str)):
            before = before.getprevious()
    if before is not None and (before.tag != _P or before.find(f"{_PPR}/{_SECT_PR}") is not None):
        before = None
    return before, run


def depth(p: etree._Element) -> int:
    """How many table cells a paragraph is nested in."""
    return sum(1 for ancestor in p.iterancestors(_TC))


__all__ = ["Op", "TrackedEditor", "common_formatting", "depth"]
