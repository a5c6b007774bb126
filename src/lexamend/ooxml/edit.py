"""Write word-level tracked changes into paragraphs of a package.

:class:`TrackedEditor` is the one place where diff results become revisions:

* :meth:`~TrackedEditor.change` writes the operations of a word diff into an
  existing paragraph — runs are split where a change begins or ends (formatting
  copied to both halves), deleted runs are wrapped in ``w:del`` with
  ``w:delText``, inserted text goes into new runs in ``w:ins`` that take the
  formatting of the version the words come from (given as a second
  :class:`~lexamend.ooxml.textmap.TextMap`) or, without one, of the text just
  before them (or just after, at the start). Objects read as atoms (fields,
  note references, pictures, text boxes, hyperlinks — see
  :mod:`lexamend.ooxml.textmap`) are deleted or inserted whole: a field's code
  and result are never separated, a ``w:fldSimple`` becomes the equivalent
  complex field first (``w:del``/``w:ins`` may hold runs, not simple fields);
* :meth:`~TrackedEditor.delete` and :meth:`~TrackedEditor.insert` mark whole
  paragraphs, their paragraph marks included, so that accepting every change
  leaves no empty paragraph behind and rejecting every change leaves none
  either; :meth:`~TrackedEditor.delete_block` / :meth:`~TrackedEditor.insert_block`
  do the same for tables (every row marked in ``w:trPr``, with its content) and
  content controls, and :meth:`~TrackedEditor.delete_row` /
  :meth:`~TrackedEditor.insert_row` for single table rows. Text boxes inside
  deleted or inserted runs have their content marked too;
* a whole paragraph may instead be *moved* (``move=`` name): ``w:moveFrom`` at
  its old place and ``w:moveTo`` at its new one, each inside a named range
  (``w:moveFromRangeStart``/``End``, ``w:moveToRangeStart``/``End``);
* :meth:`~TrackedEditor.finish` settles the one case the paragraph-mark rule
  cannot express directly: the last paragraph of a story (the body, a table
  cell, a text box, a note) cannot lose or gain its mark. When whole paragraphs
  are deleted or inserted at such an end, the mark of the paragraph before them
  is tracked instead and the last paragraph's formatting change is recorded in
  ``w:pPrChange`` — the markup Word itself writes when a paragraph is removed
  at the end of a document with Track Changes on. A move that ends a story is
  written as a deletion and an insertion instead.

Other authors' revisions already in a paragraph are kept (their text is
locked). An edit that would have to change them — delete words another author
inserted, remove a paragraph holding such words — raises
:class:`RevisionConflict` instead of guessing.

Every element the editor modifies is recorded in :attr:`TrackedEditor.touched`,
so that a writer can copy everything else from the source part byte for byte.

Operations are plain ``(kind, text)`` pairs, kind being ``"equal"``,
``"insert"`` or ``"delete"``; the editor knows nothing of legal texts.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Sequence

from lxml import etree

from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import (
    Stamp,
    change_paragraph_properties,
    formatting_of,
    insertion,
    mark_paragraph,
    text_run,
    to_deleted,
    unmark_paragraph,
)
from lexamend.ooxml.textmap import TRANSPARENT, Atom, Atoms, Segment, TextMap

Op = tuple[str, str]
#: Copies elements of the other version into this package (relationships, notes, styles made valid).
Importer = Callable[[list[etree._Element]], list[etree._Element]]

_P, _R, _RPR, _PPR = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:pPr")
_INS, _DEL, _SECT_PR, _TC = qn("w:ins"), qn("w:del"), qn("w:sectPr"), qn("w:tc")
_MOVE_FROM, _MOVE_TO = qn("w:moveFrom"), qn("w:moveTo")
_TBL, _TR, _TR_PR, _SDT, _SDT_CONTENT = qn("w:tbl"), qn("w:tr"), qn("w:trPr"), qn("w:sdt"), qn("w:sdtContent")
_TXBX, _HYPERLINK, _FLD_SIMPLE = qn("w:txbxContent"), qn("w:hyperlink"), qn("w:fldSimple")
_OMATH, _OMATH_PARA = qn("m:oMath"), qn("m:oMathPara")
_W_ID = qn("w:id")
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
_FOREIGN = frozenset(qn(tag) for tag in ("w:pPr", "w:del", "w:ins", "w:moveFrom", "w:moveTo", "w:drawing", "w:pict", "w:object", "mc:AlternateContent"))
#: CT_TrPr: the row's own properties come before its revision marks (ins, del), then w:trPrChange.
_TR_PR_AFTER_MARKS = qn("w:trPrChange")
_MARK_TAGS = {"del": _DEL, "ins": _INS, "moveFrom": _MOVE_FROM, "moveTo": _MOVE_TO}
_RANGE_TAGS = {"moveFrom": (qn("w:moveFromRangeStart"), qn("w:moveFromRangeEnd")), "moveTo": (qn("w:moveToRangeStart"), qn("w:moveToRangeEnd"))}


class RevisionConflict(Exception):
    """An edit would have to change another author's tracked change; ``paragraph`` is where."""

    def __init__(self, message: str, paragraph: etree._Element | None = None) -> None:
        super().__init__(message)
        self.paragraph = paragraph


class Unsupported(Exception):
    """An edit the editor cannot write faithfully (an equation changed); the message says what."""


class TrackedEditor:
    """Writes revisions with one :class:`Stamp`; remembers whole-paragraph changes for :meth:`finish`."""

    def __init__(self, stamp: Stamp) -> None:
        self.stamp = stamp
        self.whole: dict[etree._Element, str] = {}  # paragraph → "ins" | "del" | "moveFrom" | "moveTo"
        self.moves: dict[str, tuple[etree._Element, etree._Element]] = {}  # move name → (from, to)
        self.fallbacks = 0  # paragraphs whose text was replaced as a whole
        self.touched: list[etree._Element] = []  # elements modified (paragraphs, rows)
        self.deleted_atoms: list[Atom] = []  # atoms deleted since the last take_atoms()
        self.inserted_atoms: list[tuple[Atom, list[etree._Element]]] = []  # (atom of the other version, its copies)
        self.stories: list[tuple[str, etree._Element]] = []  # text box contents marked whole: (kind, txbxContent)

    def take_atoms(self) -> tuple[list[Atom], list[tuple[Atom, list[etree._Element]]]]:
        """The atoms deleted and inserted since the last call (for notes and text boxes of the caller)."""
        deleted, inserted = self.deleted_atoms, self.inserted_atoms
        self.deleted_atoms, self.inserted_atoms = [], []
        return deleted, inserted

    # -- word changes inside a paragraph -----------------------------------------------
    def change(
        self,
        p: etree._Element,
        ops: Sequence[Op],
        *,
        prefix: int = 0,
        atoms: Atoms | None = None,
        source: TextMap | None = None,
        importer: Importer | None = None,
    ) -> list[list[etree._Element]]:
        """Write ``ops`` (a word diff of the paragraph's normalised text) into ``p``.

        ``prefix`` characters of the diff's old text are not in the paragraph
        (an automatic-numbering label followed by a space) and must be equal.
        With ``atoms`` the paragraph is read with objects as atoms; ``source``
        is the other version's paragraph read the same way (the new text of
        the ops is its text), whose formatting and objects inserted words take
        (``importer`` copies its objects into this package).
        Returns, for each op, the revision elements written for it.
        """
        self.touched.append(p)
        tm = TextMap(p, atoms)
        old = "".join(text for kind, text in ops if kind != "insert")
        if old[prefix:] != tm.mapped_text or not _prefix_unchanged(ops, prefix):
            return self.replace_text(p, ops, prefix=prefix, atoms=atoms, source=source, importer=importer)
        deletions: list[tuple[int, int, int]] = []  # (op index, raw start, raw end)
        insertions: list[tuple[int, int, int, int]] = []  # (op index, raw point, new start, new end)
        cuts: set[int] = set()
        position = -prefix
        new_position = 0
        for index, (kind, text) in enumerate(ops):
            if kind == "equal":
                position += len(text)
                new_position += len(text)
            elif kind == "delete":
                start, end = max(position, 0), position + len(text)
                position = end
                if end <= 0:
                    continue
                raw_start, raw_end = tm.raw_span(start, end)
                if not all(s.run is not None or s.atom is not None for s in tm.overlapping(raw_start, raw_end)):
                    return self.replace_text(p, ops, prefix=prefix, atoms=atoms, source=source, importer=importer)
                deletions.append((index, raw_start, raw_end))
                cuts.update((raw_start, raw_end))
            else:
                point = tm.raw_point(max(position, 0))
                if _anchor(tm, point) is None:
                    return self.replace_text(p, ops, prefix=prefix, atoms=atoms, source=source, importer=importer)
                insertions.append((index, point, new_position - prefix, new_position - prefix + len(text)))
                new_position += len(text)
                cuts.add(point)
        tm.split_at(cuts)
        written: list[list[etree._Element]] = [[] for _ in ops]
        for index, start, end in deletions:
            segments = tm.overlapping(start, end)
            written[index] = self._delete_runs(tm.runs_in(start, end))
            for segment in segments:
                if segment.atom is not None:
                    written[index].extend(self._delete_atom(segment.atom))
        for index, point, new_start, new_end in insertions:
            anchor = _anchor(tm, point)
            assert anchor is not None
            if source is not None and new_start >= 0:
                pieces = source.pieces(new_start, new_end)
            else:
                pieces = [(ops[index][1], None, None)]
            replaced = written[index - 1] if index and ops[index - 1][0] == "delete" else []
            if len(replaced) > 1 and all(w.tag == _DEL and w.getparent() is not None for w in replaced):
                # Words replaced across a bookmark's or comment's end ("5." → "6." where a bookmark
                # holds "5"): the new words go where the old ones began, so that the range keeps
                # covering the replacement; a tail they share with the old words after the end stays after it.
                tail = "".join("".join(t.text or "" for t in w.iter(qn("w:delText"))) for w in replaced[1:])
                new_text = "".join(text for text, _, _ in pieces)
                inside = pieces
                if tail and new_text.endswith(tail) and len(new_text) > len(tail):
                    inside, outside = _split_pieces(pieces, len(new_text) - len(tail))
                    written[index] = self._insert_pieces(p, (replaced[-1], "after"), outside, tm, point, importer)
                written[index] = self._insert_pieces(p, (replaced[0], "after"), inside, tm, point, importer) + written[index]
                continue
            written[index] = self._insert_pieces(p, anchor, pieces, tm, point, importer)
        return written

    def replace_text(
        self,
        p: etree._Element,
        ops: Sequence[Op],
        *,
        prefix: int = 0,
        atoms: Atoms | None = None,
        source: TextMap | None = None,
        importer: Importer | None = None,
    ) -> list[list[etree._Element]]:
        """Delete all of the paragraph's text and insert the new text: for text an edit cannot split.

        Objects of the paragraph that are not atoms of the diff (note
        references, pictures when the paragraph is read as plain text) stay
        where they are: the edit is about words.
        """
        self.fallbacks += 1
        self.touched.append(p)
        tm = TextMap(p, atoms)
        if tm.revised:
            raise RevisionConflict("the edit would replace text in a paragraph that holds another author's tracked changes", p)
        new = "".join(text for kind, text in ops if kind != "delete")[prefix:]
        rpr = common_formatting(p)
        for atom in tm.atom_list:
            if atom.kind == "math":
                raise Unsupported("an equation would change; lexamend does not track changes inside equations")
        for simple in [a.elements[0] for a in tm.atom_list if a.elements[0].tag == _FLD_SIMPLE]:
            _complex_field(simple)
        keep = set() if atoms is not None else {id(r) for r in _own_runs(p) if _holds_object(r)}
        deleted = self._delete_runs([r for r in _own_runs(p) if id(r) not in keep])
        self.deleted_atoms.extend(tm.atom_list)
        written: list[list[etree._Element]] = [[] for _ in ops]
        first_change = next((i for i, (kind, _) in enumerate(ops) if kind != "equal"), 0)
        written[first_change] = deleted
        if new:
            if deleted:
                anchor: tuple[etree._Element, str] = (deleted[-1], "after")
            else:
                ppr = p.find(_PPR)
                anchor = (ppr, "after") if ppr is not None else (p, "into")
            if source is not None:
                pieces = source.pieces(0, len(source.mapped_text))
            else:
                pieces = [(new, None, None)]
            added = self._insert_pieces(p, anchor, pieces, None, 0, importer, default_rpr=rpr)
            last_change = max((i for i, (kind, _) in enumerate(ops) if kind != "equal"), default=0)
            written[last_change] = written[last_change] + added
        return written

    def _delete_runs(self, runs: list[etree._Element], tag: str = _DEL) -> list[etree._Element]:
        """Wrap runs in ``w:del`` (one per group of adjacent sibling runs) and turn their text into deleted text."""
        wrappers: list[etree._Element] = []
        group: list[etree._Element] = []

        def flush() -> None:
            if not group:
                return
            wrapper = etree.Element(tag, self.stamp.attributes())
            group[0].addprevious(wrapper)
            for run in group:
                wrapper.append(run)
                if tag == _DEL:  # moved-away text stays w:t (w:delText is for deletions, §17.3.3.7)
                    to_deleted(run)
            wrappers.append(wrapper)
            group.clear()

        for run in runs:
            if group and group[-1].getnext() is not run:
                flush()
            group.append(run)
        flush()
        for run in runs:
            self._mark_objects(run, "del")
        return wrappers

    def _wrap_inserted(self, runs: list[etree._Element], tag: str = _INS) -> list[etree._Element]:
        """Wrap runs already in the tree in ``w:ins`` (one per group of adjacent siblings)."""
        wrappers: list[etree._Element] = []
        for group in _sibling_groups(runs):
            wrapper = etree.Element(tag, self.stamp.attributes())
            group[0].addprevious(wrapper)
            for run in group:
                wrapper.append(run)
            wrappers.append(wrapper)
        for run in runs:
            self._mark_objects(run, "ins")
        return wrappers

    def _delete_atom(self, atom: Atom) -> list[etree._Element]:
        """Delete an object whole; returns the ``w:del`` elements written."""
        self.deleted_atoms.append(atom)
        first = atom.elements[0]
        if first.tag in (_OMATH, _OMATH_PARA):
            raise Unsupported("an equation would be deleted; lexamend does not track changes of equations")
        if first.tag == _FLD_SIMPLE:
            atom.elements = _complex_field(first)  # words inserted next to it go next to its runs now
            return self._delete_runs(atom.elements)
        if first.tag == _HYPERLINK:
            return self._delete_runs(_own_runs(first))
        return self._delete_runs([e for e in atom.elements if e.tag == _R])

    def _insert_pieces(
        self,
        p: etree._Element,
        anchor: tuple[etree._Element, str],
        pieces: list[tuple[str, etree._Element | None, Atom | None]],
        tm: TextMap | None,
        point: int,
        importer: Importer | None,
        default_rpr: etree._Element | None = None,
    ) -> list[etree._Element]:
        """Insert text pieces (with their run properties) and atoms at ``anchor``; returns the ``w:ins`` elements."""
        element, where = anchor
        if default_rpr is None and tm is not None and any(rpr is None and atom is None for _, rpr, atom in pieces):
            default_rpr = _neighbour_formatting(p, tm, point)
        wrappers: list[etree._Element] = []
        current: etree._Element | None = None  # the w:ins receiving consecutive runs

        def place(new: etree._Element) -> None:
            nonlocal element, where
            if where == "after":
                element.addnext(new)
            elif where == "before":
                element.addprevious(new)
            else:
                ppr = element.find(_PPR)
                if ppr is not None and ppr.getparent() is element:
                    ppr.addnext(new)
                else:
                    element.insert(0, new) if element.tag == _P and len(element) and element[0].tag == _PPR else element.append(new)
            element, where = new, "after"

        for text, rpr, atom in pieces:
            if atom is None:
                if current is None:
                    current = insertion(self.stamp)
                    place(current)
                    wrappers.append(current)
                current.append(text_run(text, rpr if rpr is not None else default_rpr))
                continue
            if importer is None:
                raise Unsupported("an object would be inserted without the version it comes from")
            if atom.kind == "math":
                raise Unsupported("an equation would be inserted; lexamend does not track changes of equations")
            copies = importer(atom.elements)
            self.inserted_atoms.append((atom, copies))
            if copies and copies[0].tag == _HYPERLINK:
                current = None
                if element.getparent() is not None and element.getparent().tag == _HYPERLINK:
                    element = element.getparent()  # a hyperlink never goes inside another
                for link in copies:
                    place(link)
                    wrappers.extend(self._wrap_inserted(_own_runs(link)))
                continue
            if copies and copies[0].tag == _FLD_SIMPLE:
                copies = [run for simple in copies for run in _field_runs_of(simple)]
            if current is None:
                current = insertion(self.stamp)
                place(current)
                wrappers.append(current)
            for new in copies:
                current.append(new)
                if new.tag == _R:
                    self._mark_objects(new, "ins")
        return wrappers

    def numbering_off(self, p: etree._Element) -> None:
        """Switch a paragraph's automatic numbering off, recording the old properties (``w:pPrChange``)."""
        from lexamend.ooxml.build import numbering_off

        self.touched.append(p)
        change_paragraph_properties(p, numbering_off(formatting_of(p.find(_PPR))), self.stamp)

    def change_properties(self, p: etree._Element, new: etree._Element) -> None:
        """Give ``p`` the paragraph formatting of ``new`` (a ``w:pPr``), recorded in ``w:pPrChange``."""
        self.touched.append(p)
        change_paragraph_properties(p, new, self.stamp)

    # -- objects inside runs ---------------------------------------------------------------
    def _mark_objects(self, run: etree._Element, kind: str) -> None:
        """Mark the content of text boxes inside a deleted or inserted run as deleted or inserted too."""
        if run.tag != _R or next(run.iter(_TXBX), None) is None:
            return
        from lexamend.ooxml.stories import textboxes

        preferred, fallback = textboxes(run)
        for content in preferred + fallback:  # a text box inside a text box is marked with its container
            self.mark_container(content, kind)
            self.stories.append((kind, content))

    def mark_container(self, container: etree._Element, kind: str) -> None:
        """Mark every block of a story container (text box, note, cell) as deleted or inserted."""
        for block in list(container):
            if block.tag in (_P, _TBL, _SDT):
                if kind == "del":
                    self.delete_block(block)
                else:
                    self.insert_block(block)

    # -- whole paragraphs -------------------------------------------------------------------
    def delete(self, p: etree._Element, *, move: str | None = None) -> list[etree._Element]:
        """Mark a whole paragraph deleted (or moved away, ``move`` naming the move): its text and its mark."""
        self.touched.append(p)
        if TextMap(p).revised or _mark_revised(p):
            raise RevisionConflict("the edit would delete a paragraph that holds another author's tracked changes", p)
        kind = "moveFrom" if move else "del"
        wrappers = self._delete_runs(_own_runs(p), _MARK_TAGS[kind])
        mark_paragraph(p, kind, self.stamp)
        self.whole[p] = kind
        if move:
            self._range(p, kind, move)
        return wrappers

    def insert(self, p: etree._Element, *, move: str | None = None) -> list[etree._Element]:
        """Mark a whole new paragraph (already placed in the tree) inserted (or moved here): its runs and its mark."""
        self.touched.append(p)
        kind = "moveTo" if move else "ins"
        wrappers = self._wrap_inserted(_own_runs(p), _MARK_TAGS[kind])
        mark_paragraph(p, kind, self.stamp)
        self.whole[p] = kind
        if move:
            self._range(p, kind, move)
        return wrappers

    def _range(self, p: etree._Element, kind: str, name: str) -> None:
        start_tag, end_tag = _RANGE_TAGS[kind]
        attrs = self.stamp.attributes()
        attrs[qn("w:name")] = name
        start = etree.Element(start_tag, attrs)
        ppr = p.find(_PPR)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(etree.Element(end_tag, {_W_ID: attrs[_W_ID]}))
        pair = self.moves.get(name, (None, None))
        self.moves[name] = (p, pair[1]) if kind == "moveFrom" else (pair[0], p)  # type: ignore[assignment]

    # -- tables, rows, content controls -------------------------------------------------------
    def delete_block(self, block: etree._Element) -> None:
        """Mark a block deleted: a paragraph, a table (every row), a content control (its content)."""
        if block.tag == _P:
            self.delete(block)
        elif block.tag == _TBL:
            for row in block.findall(_TR):
                self.delete_row(row)
        elif block.tag == _SDT:
            content = block.find(_SDT_CONTENT)
            if content is not None:
                self.mark_container(content, "del")

    def insert_block(self, block: etree._Element) -> None:
        """Mark a block (already placed in the tree) inserted."""
        if block.tag == _P:
            self.insert(block)
        elif block.tag == _TBL:
            for row in block.findall(_TR):
                self.insert_row(row)
        elif block.tag == _SDT:
            content = block.find(_SDT_CONTENT)
            if content is not None:
                self.mark_container(content, "ins")

    def delete_row(self, row: etree._Element) -> None:
        """Mark a table row deleted (``w:trPr/w:del``) with everything in its cells."""
        self._mark_row(row, "del")
        for cell in row.findall(_TC):
            self.mark_container(cell, "del")

    def insert_row(self, row: etree._Element) -> None:
        """Mark a table row (already placed in its table) inserted (``w:trPr/w:ins``) with its content."""
        self._mark_row(row, "ins")
        for cell in row.findall(_TC):
            self.mark_container(cell, "ins")

    def _mark_row(self, row: etree._Element, kind: str) -> None:
        self.touched.append(row)
        trpr = row.find(_TR_PR)
        if trpr is None:
            trpr = etree.Element(_TR_PR)
            after = row.find(qn("w:tblPrEx"))
            if after is not None:
                after.addnext(trpr)
            else:
                row.insert(0, trpr)
        if trpr.find(_INS) is not None or trpr.find(_DEL) is not None:
            raise RevisionConflict("the edit would change a table row that is another author's tracked change", None)
        mark = etree.Element(_MARK_TAGS[kind], self.stamp.attributes())
        change = trpr.find(_TR_PR_AFTER_MARKS)
        if change is not None:
            change.addprevious(mark)
        else:
            trpr.append(mark)

    # -- the ends of stories ----------------------------------------------------------------
    def finish(self) -> None:
        """Settle whole-paragraph changes at the end of a story (see the module docstring)."""
        for name, (source, target) in list(self.moves.items()):
            ends = [p for p in (source, target) if p is not None and _tail_at_end(p, self.whole) is not None]
            if ends or source is None or target is None:
                self._downgrade(name)
        settled: set[etree._Element] = set()
        for p in list(self.whole):
            if p in settled:
                continue
            tail = _tail_at_end(p, self.whole)
            if tail is not None:
                settled.update(tail[1])
                self._settle([*([tail[0]] if tail[0] is not None else []), *tail[1]])

    def _downgrade(self, name: str) -> None:
        """Write a move as a deletion and an insertion (a move cannot end a story)."""
        source, target = self.moves.pop(name)
        for p, kind, plain in ((source, "moveFrom", "del"), (target, "moveTo", "ins")):
            if p is None:
                continue
            start_tag, end_tag = _RANGE_TAGS[kind]
            for element in list(p.iter(start_tag, end_tag)):
                element.getparent().remove(element)  # type: ignore[union-attr]
            for element in p.iter(_MARK_TAGS[kind]):
                element.tag = _MARK_TAGS[plain]
                if plain == "del" and element.getparent() is not None and element.getparent().tag != _RPR:
                    for run in element.iter(_R):
                        to_deleted(run)
            self.whole[p] = plain

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
        self.touched.extend(tail)
        if before is not None:
            self.touched.append(before)
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


def _anchor(tm: TextMap, point: int) -> tuple[etree._Element, str] | None:
    """Where to put words inserted at raw position ``point``: (element, "after"|"before"|"into").

    None when the point touches locked text that is not another author's
    revision (a field result read as text): the caller replaces the paragraph's text instead.
    """
    if not len(tm):
        return (tm.p, "into")
    if point > 0:
        segment = tm.segment_at(point - 1)
        element = _segment_element(tm, segment, last=True)
        if element is not None:
            return (element, "after")
    if point < len(tm):
        segment = tm.segment_at(point)
        element = _segment_element(tm, segment, last=False)
        if element is not None:
            return (element, "before")
    return None


def _segment_element(tm: TextMap, segment: Segment, *, last: bool) -> etree._Element | None:
    """The element next to which words can go beside ``segment`` (its run, atom or revision wrapper)."""
    if segment.run is not None:
        return _outer(segment.run)
    if segment.atom is not None:
        element = segment.atom.elements[-1 if last else 0]
        parent = element.getparent()
        return parent if parent is not None and parent.tag in (_DEL, _INS) and parent.getparent() is not None else element
    if segment.node is None:
        return None
    # Locked text: usable only inside another author's revision wrapper (not inside a field result).
    node = segment.node
    wrapper = None
    for ancestor in node.iterancestors():
        if ancestor is tm.p:
            break
        if ancestor.tag in (_INS, _MOVE_TO):
            wrapper = ancestor
        elif ancestor.tag not in TRANSPARENT and ancestor.tag != _R:
            return None
    return wrapper


def _split_pieces(pieces: list[tuple[str, etree._Element | None, Atom | None]], offset: int) -> tuple[list, list]:  # type: ignore[type-arg]
    """Inserted pieces cut at character ``offset``: (before, after); an atom is never cut."""
    before: list[tuple[str, etree._Element | None, Atom | None]] = []
    after: list[tuple[str, etree._Element | None, Atom | None]] = []
    seen = 0
    for text, rpr, atom in pieces:
        if seen + len(text) <= offset:
            before.append((text, rpr, atom))
        elif seen >= offset or atom is not None:
            after.append((text, rpr, atom))
        else:
            cut = offset - seen
            before.append((text[:cut], rpr, None))
            after.append((text[cut:], rpr, None))
        seen += len(text)
    return before, after


def _neighbour_formatting(p: etree._Element, tm: TextMap, point: int) -> etree._Element | None:
    """The run properties of the text just before ``point`` (or after, at the start)."""
    for position in ([point - 1, point] if point > 0 else [point]):
        if 0 <= position < len(tm):
            run = tm.segment_at(position).run
            if run is not None:
                return run.find(_RPR)
    return _mark_formatting(p)


def _holds_object(run: etree._Element) -> bool:
    """Whether a run holds a note reference, picture, text box or other object (not only text)."""
    return any(
        child.tag in _OBJECT_CHILDREN for child in run
    )


_OBJECT_CHILDREN = frozenset(
    qn(tag) for tag in ("w:footnoteReference", "w:endnoteReference", "w:drawing", "w:pict", "w:object", "mc:AlternateContent", "w:commentReference")
)


def _mark_revised(p: etree._Element) -> bool:
    """Whether the paragraph's mark or properties carry another revision already."""
    ppr = p.find(_PPR)
    if ppr is None:
        return False
    rpr = ppr.find(_RPR)
    return ppr.find(qn("w:pPrChange")) is not None or (rpr is not None and any(c.tag in (_INS, _DEL, _MOVE_FROM, _MOVE_TO) for c in rpr))


def _complex_field(simple: etree._Element) -> list[etree._Element]:
    """Replace a ``w:fldSimple`` by the equivalent complex field's runs, in place; returns the runs."""
    runs = _field_runs_of(simple)
    parent = simple.getparent()
    assert parent is not None
    for run in runs:
        simple.addprevious(run)
    parent.remove(simple)
    return runs


def _field_runs_of(simple: etree._Element) -> list[etree._Element]:
    """The complex-field runs (begin, code, separate, result runs, end) equivalent to a ``w:fldSimple``."""
    result = [copy.deepcopy(child) for child in simple if child.tag == _R]
    rpr = result[0].find(_RPR) if result else None

    def char_run(kind: str) -> etree._Element:
        run = etree.Element(_R)
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        etree.SubElement(run, qn("w:fldChar"), {qn("w:fldCharType"): kind})
        return run

    code = etree.Element(_R)
    if rpr is not None:
        code.append(copy.deepcopy(rpr))
    instr = etree.SubElement(code, qn("w:instrText"))
    instr.text = f" {simple.get(qn('w:instr'), '').strip()} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [char_run("begin"), code, char_run("separate"), *result, char_run("end")]


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
    """The run, or the ``w:del``/``w:ins`` wrapping it."""
    parent = run.getparent()
    return parent if parent is not None and parent.tag in (_DEL, _INS) else run


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


__all__ = ["Importer", "Op", "RevisionConflict", "TrackedEditor", "Unsupported", "common_formatting", "depth"]
