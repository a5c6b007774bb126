"""Stage two of parsing: place blocks in the clause tree.

Every input format (text, .docx, HTML) is first turned into a list of
:class:`~lexamend.model.Block`; :func:`build_tree` then walks the blocks once
with a stack of open units:

* a structural heading ("Статья 8.", "Глава 2.") closes the open units of its
  rank and deeper, and opens a new unit;
* a list label ("1.", "4-1)", "а)") does the same at its own rank;
* an editorial note («Сноска.», «Примечание ИЗПИ!») is attached to a unit as a
  :class:`~lexamend.model.Note`, never to its text;
* any other block is the unit's own text; when a unit's own text runs over
  several blocks, each becomes an unnumbered ``part``.

Oddities (numbering gaps, duplicate numbers, blocks with no words) become
:class:`~lexamend.model.ParseIssue` warnings with the source line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from lexamend.address.eid import join, level_id, short_candidate
from lexamend.model import (
    CONTAINER_KINDS,
    RANK,
    Block,
    Kind,
    Note,
    NoteKind,
    ParseIssue,
    Status,
    Unit,
)
from lexamend.parse.notes import note_continues, note_start
from lexamend.parse.numbering import (
    APPROVAL_PATTERN,
    ROMAN_LOWER,
    Label,
    classify_annex,
    classify_heading,
    classify_list_item,
    follows,
    is_excluded,
    is_expired,
    is_first,
    range_end,
)


# Units whose unnumbered blocks become their parts (not their list items').
_PART_OWNERS = frozenset(
    {
        Kind.PREAMBLE,
        Kind.ANNEX,
        Kind.ATTACHMENT,
        Kind.BLOCK,
        Kind.SECTION,
        Kind.CHAPTER,
        Kind.HCONTAINER,
        Kind.SUBCHAPTER,
        Kind.ARTICLE,
        Kind.PARAGRAPH,
    }
)
_LIST_KINDS = frozenset({Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT})

# Footnotes name the unit they are about: «Сноска. Статья 8 …», «Ескерту. 8-бап …».
_NOTE_SUBJECT = (
    (re.compile(r"^(?:Сноска|Ескерту|Footnote)\.\s*(?:Стать|\d+(?:-\d+)*-бап|Article)", re.I), Kind.ARTICLE),
    (re.compile(r"^(?:Сноска|Ескерту|Footnote)\.\s*(?:Глав|\d+(?:-\d+)*-тарау|Chapter)", re.I), Kind.CHAPTER),
    (re.compile(r"^(?:Сноска|Ескерту|Footnote)\.\s*(?:Раздел|\d+-бөлім|Section)", re.I), Kind.SECTION),
    (re.compile(r"^(?:Сноска|Ескерту|Footnote)\.\s*(?:Пункт|\d+(?:-\d+)*-тармақ|Paragraph)", re.I), Kind.PARAGRAPH),
    (re.compile(r"^(?:Сноска|Ескерту|Footnote)\.\s*(?:Подпункт|Subparagraph)", re.I), Kind.SUBPARAGRAPH),
)

_HEADING_STYLE = re.compile(r"^(?:heading\s*\d|title|md[1-6]|h[1-6])$", re.I)
_TITLE_LIKE = re.compile(r"^[^.;:,]{3,300}$")
_PREAMBLE_HEADING = re.compile(r"^(?:Preamble|Преамбула|Кіріспе)\s*$", re.I)


@dataclass
class _Own:
    """A block of a unit's own text."""

    text: str
    block: int
    status: Status = Status.IN_FORCE


@dataclass
class _Frame:
    """A unit under construction (mutable; frozen into a Unit at the end)."""

    kind: Kind
    num: str | None = None
    label: str | None = None
    heading: str | None = None
    head_block: int | None = None
    heading_block: int | None = None
    status: Status = Status.IN_FORCE
    items: list[_Frame | _Own] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    origin: str = ""

    @property
    def rank(self) -> int:
        return RANK[self.kind]

    def own_blocks(self) -> list[_Own]:
        return [item for item in self.items if isinstance(item, _Own)]

    def last_own(self) -> _Own | None:
        for item in reversed(self.items):
            if isinstance(item, _Own):
                return item
            return None
        return None


@dataclass
class TreeResult:
    """What :func:`build_tree` returns."""

    units: tuple[Unit, ...]
    notes: tuple[Note, ...]
    issues: tuple[ParseIssue, ...]
    title: str | None
    title_block: int | None


def is_heading_style(style: str | None) -> bool:
    return bool(style and _HEADING_STYLE.match(style.strip()))


class _Builder:
    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.roots: list[_Frame] = []
        self.stack: list[_Frame] = []
        self.doc_notes: list[Note] = []
        self.pending_before: list[Note] = []
        self.issues: list[ParseIssue] = []
        self.open_note: tuple[_Frame | None, int] | None = None  # (owner, index in its notes)
        self.absorb_next = False
        self.title: str | None = None
        self.title_block: int | None = None
        self.seen_unit = False
        self.expect_attachment_title = False

    # -- stack helpers ---------------------------------------------------
    def _close_to(self, rank: int) -> None:
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()

    def _open(self, frame: _Frame) -> None:
        self._close_to(frame.rank)
        # A preamble or a loose block holds text only: any numbered unit closes it.
        while self.stack and self.stack[-1].kind in (Kind.PREAMBLE, Kind.BLOCK):
            self.stack.pop()
        if self.stack:
            self.stack[-1].items.append(frame)
        else:
            self.roots.append(frame)
        self.stack.append(frame)
        if self.pending_before:
            frame.notes.extend(self.pending_before)
            self.pending_before = []
        self.seen_unit = True

    # -- notes -----------------------------------------------------------
    def _add_note(self, block: Block, kind: NoteKind, absorbs_next: bool) -> None:
        text = block.raw
        if kind is NoteKind.EDITOR or (kind is NoteKind.BANNER and not self.seen_unit):
            # A header announcing the next block: it belongs to what follows.
            note = Note(kind, text, block.index, placement="before")
            self.pending_before.append(note)
            self.open_note = (None, len(self.pending_before) - 1)
        else:
            owner = self._note_owner(text)
            note = Note(kind, text, block.index, placement="after")
            if owner is None:
                self.doc_notes.append(note)
                self.open_note = (None, -1 - len(self.doc_notes))
            else:
                owner.notes.append(note)
                self.open_note = (owner, len(owner.notes) - 1)
        self.absorb_next = absorbs_next

    def _note_owner(self, text: str) -> _Frame | None:
        if not self.stack:
            return None
        for pattern, kind in _NOTE_SUBJECT:
            if pattern.match(text):
                for frame in reversed(self.stack):
                    if frame.kind is kind:
                        return frame
                break
        return self.stack[-1]

    def _extend_open_note(self, block: Block) -> None:
        assert self.open_note is not None
        owner, index = self.open_note
        if owner is None:
            if index >= 0:
                notes = self.pending_before
            else:
                notes, index = self.doc_notes, -1 - index
                index = len(notes) - 1 if index >= len(notes) else index
        else:
            notes = owner.notes
        old = notes[index]
        notes[index] = Note(old.kind, f"{old.text}\n{block.raw}", old.block, old.placement)

    def _open_note_text(self) -> str | None:
        if self.open_note is None:
            return None
        owner, index = self.open_note
        if owner is None:
            notes = self.pending_before if index >= 0 else self.doc_notes
            if index < 0:
                index = len(notes) - 1
        else:
            notes = owner.notes
        if not notes or index >= len(notes):
            return None
        return notes[index].text

    # -- main loop ---------------------------------------------------------
    def _table_cell(self, block: Block) -> None:
        """Place a paragraph of a table cell: tables hang under the innermost open unit."""
        assert block.cell is not None
        table_no, row_no, col_no = block.cell
        owner = self.stack[-1] if self.stack else None
        siblings = owner.items if owner is not None else self.roots
        table = siblings[-1] if siblings and isinstance(siblings[-1], _Frame) else None
        if table is None or table.kind is not Kind.TABLE or table.num != str(table_no + 1):
            table = _Frame(Kind.TABLE, str(table_no + 1), None, head_block=block.index, origin=block.origin)
            siblings.append(table)  # type: ignore[arg-type]
            if self.pending_before:
                table.notes.extend(self.pending_before)
                self.pending_before = []
        rows = [item for item in table.items if isinstance(item, _Frame)]
        row = rows[-1] if rows and rows[-1].num == str(row_no + 1) else None
        if row is None:
            row = _Frame(Kind.ROW, str(row_no + 1), None, head_block=block.index, origin=block.origin)
            table.items.append(row)
        cells = [item for item in row.items if isinstance(item, _Frame)]
        cell = cells[-1] if cells and cells[-1].num == str(col_no + 1) else None
        if cell is None:
            cell = _Frame(Kind.CELL, str(col_no + 1), None, head_block=block.index, origin=block.origin)
            row.items.append(cell)
        if block.raw:
            cell.items.append(_Own(block.raw, block.index))

    def feed(self, block: Block) -> None:
        text = block.raw
        if block.cell is not None:
            self._table_cell(block)
            return
        if not text:
            return
        full = f"{block.label_auto} {text}" if block.label_auto else text

        if self.absorb_next:
            self.absorb_next = False
            self._extend_open_note(block)
            return
        start = note_start(text) if not block.label_auto else None
        if start is not None:
            self._add_note(block, start.kind, start.absorbs_next)
            return
        previous_note = self._open_note_text()
        if previous_note is not None:
            if (
                note_continues(previous_note)
                and classify_list_item(full) is None
                and classify_heading(full) is None
            ):
                self._extend_open_note(block)
                return
            self.open_note = None

        heading_style = is_heading_style(block.style)
        heading = classify_heading(full)
        if heading is not None:
            self._open_heading(heading, block)
            return
        annex = classify_annex(full)
        if annex is not None and (heading_style or len(full) < 160):
            self._open_annex(annex, block)
            return
        if APPROVAL_PATTERN.match(full) and len(full) < 400 and not full.rstrip().endswith(";"):
            self._open_attachment(block)
            return
        item = classify_list_item(full)
        if item is not None and not heading_style:
            self._open_item(item, block)
            return
        self._plain(full, block, heading_style)

    def _open_heading(self, label: Label, block: Block) -> None:
        frame = _Frame(label.kind, label.num, label.label, head_block=block.index, origin=block.origin)
        rest = label.rest
        if rest and (is_excluded(rest) or is_expired(rest)):
            frame.status = Status.EXCLUDED if is_excluded(rest) else Status.EXPIRED
            frame.items.append(_Own(rest, block.index, frame.status))
        else:
            frame.heading = rest or None
        self._open(frame)

    def _open_annex(self, label: Label, block: Block) -> None:
        self._close_to(0)
        frame = _Frame(Kind.ANNEX, label.num, label.label, heading=label.rest or None, head_block=block.index, origin=block.origin)
        self._open(frame)

    def _open_attachment(self, block: Block) -> None:
        self._close_to(0)
        frame = _Frame(Kind.ATTACHMENT, None, block.raw, head_block=block.index, origin=block.origin)
        self._open(frame)
        self.expect_attachment_title = True

    def _open_item(self, label: Label, block: Block) -> None:
        kind = label.kind
        if kind is Kind.POINT and label.num in ROMAN_LOWER:
            kind = self._roman_kind(label.num or "")
        frame = _Frame(kind, label.num, label.label, head_block=block.index, origin=block.origin)
        status = Status.IN_FORCE
        if is_excluded(label.rest):
            status = Status.EXCLUDED
        elif is_expired(label.rest):
            status = Status.EXPIRED
        frame.status = status
        if label.rest:
            frame.items.append(_Own(label.rest, block.index, status))
        self.expect_attachment_title = False
        self._open(frame)

    def _roman_kind(self, num: str) -> Kind:
        """"(i)" is the letter i after "(h)", and a roman subpoint under a point otherwise."""
        points = [frame for frame in self.stack if frame.kind in (Kind.POINT, Kind.SUBPOINT)]
        if not points:
            return Kind.POINT
        if len(num) > 1:
            return Kind.SUBPOINT
        innermost_point = next((f for f in reversed(self.stack) if f.kind is Kind.POINT), None)
        previous = {"i": "h", "v": "u", "x": "w"}.get(num)
        if innermost_point is not None and innermost_point.num == previous:
            return Kind.POINT
        return Kind.SUBPOINT

    def _plain(self, text: str, block: Block, heading_style: bool) -> None:
        if not self.seen_unit and self.title is None and not self.roots and (
            _TITLE_LIKE.match(text) or (heading_style and len(text) < 300)
        ):
            self.title = text
            self.title_block = block.index
            return
        if _PREAMBLE_HEADING.match(text):
            self._close_to(0)
            self._open(_Frame(Kind.PREAMBLE, None, None, heading=text, head_block=block.index, origin=block.origin))
            return
        if self.expect_attachment_title and self.stack and self.stack[-1].kind is Kind.ATTACHMENT:
            frame = self.stack[-1]
            if frame.heading is None and _TITLE_LIKE.match(text):
                frame.heading = text
                frame.heading_block = block.index
                return
        self.expect_attachment_title = False
        if heading_style:
            self._heading_without_number(text, block)
            return
        if not re.search(r"\w", text):
            self.issues.append(
                ParseIssue("no-words", f"block {text!r} has no words; kept as text", block.origin)
            )
        if not self.stack:
            frame = _Frame(Kind.PREAMBLE if not self.roots else Kind.BLOCK, origin=block.origin)
            self._open(frame)
        owner = self._text_owner()
        owner.items.append(_Own(text, block.index, self._status_of(text, owner)))
        if self.pending_before:
            owner.notes.extend(self.pending_before)
            self.pending_before = []

    @staticmethod
    def _status_of(text: str, owner: _Frame) -> Status:
        """An «Исключена …» block right under a heading makes the unit a placeholder."""
        if owner.items:
            return Status.IN_FORCE
        status = Status.EXCLUDED if is_excluded(text) else Status.EXPIRED if is_expired(text) else Status.IN_FORCE
        if status is not Status.IN_FORCE:
            owner.status = status
        return status

    def _heading_without_number(self, text: str, block: Block) -> None:
        """A heading-styled paragraph with no number: a caption or an unnumbered container."""
        top = self.stack[-1] if self.stack else None
        if top is not None and top.heading is None and not top.items and top.kind in (
            Kind.ARTICLE,
            Kind.CHAPTER,
            Kind.SECTION,
            Kind.SUBCHAPTER,
            Kind.ANNEX,
            Kind.ATTACHMENT,
        ):
            top.heading = text
            top.heading_block = block.index
            return
        frame = _Frame(Kind.HCONTAINER, None, None, heading=text, head_block=block.index, origin=block.origin)
        self._open(frame)

    def _text_owner(self) -> _Frame:
        """The unit an unnumbered block belongs to.

        An unnumbered block after a list item belongs to that item only when it
        continues an enumeration inside it (the item's text ends with a colon, or
        it already has several blocks); otherwise it is a further part of the
        paragraph or article that holds the list.
        """
        top = self.stack[-1]
        if top.kind in _LIST_KINDS:
            last = top.last_own()
            if last is not None and last.text.rstrip().endswith(":"):
                return top
            if len(top.own_blocks()) >= 2 and last is not None:
                return top
            for depth in range(len(self.stack) - 1, -1, -1):
                if self.stack[depth].kind in _PART_OWNERS:
                    del self.stack[depth + 1 :]
                    return self.stack[depth]
        return top

    def run(self) -> TreeResult:
        for block in self.blocks:
            self.feed(block)
        if self.pending_before:
            target = self.stack[-1] if self.stack else None
            if target is not None:
                target.notes.extend(self.pending_before)
            else:
                self.doc_notes.extend(self.pending_before)
            self.pending_before = []
        units = _freeze_all(self.roots)
        units = _assign_addresses(units)
        issues = list(self.issues)
        issues.extend(_numbering_issues(units, {b.index: b.origin for b in self.blocks}))
        return TreeResult(tuple(units), tuple(self.doc_notes), tuple(issues), self.title, self.title_block)


def _freeze_all(frames: list[_Frame]) -> list[Unit]:
    return [_freeze(frame) for frame in frames]


def _freeze(frame: _Frame) -> Unit:
    owns = frame.own_blocks()
    children: list[Unit] = []
    text = ""
    text_block: int | None = None
    status = frame.status
    single_leading = len(owns) == 1 and isinstance(frame.items[0], _Own)
    for item in frame.items:
        if isinstance(item, _Own):
            if single_leading:
                text, text_block = item.text, item.block
                status = item.status if status is Status.IN_FORCE else status
            else:
                children.append(
                    Unit(
                        kind=Kind.PART,
                        eid="",
                        text=item.text,
                        status=item.status,
                        head_block=item.block,
                        text_block=item.block,
                    )
                )
        else:
            children.append(_freeze(item))
    children = _nest_lists_in_parts(children)
    return Unit(
        kind=frame.kind,
        eid="",
        num=frame.num,
        label=frame.label,
        heading=frame.heading,
        heading_block=frame.heading_block,
        text=text,
        children=tuple(children),
        status=status,
        notes=tuple(frame.notes),
        head_block=frame.head_block,
        text_block=text_block,
    )


def _nest_lists_in_parts(children: list[Unit]) -> list[Unit]:
    """Put each list under the part that introduces it, when the lists restart their numbering.

    «Депутат Парламента лишается своего мандата при: 1) …» and, two parts later,
    «Депутат Мажилиса … при: 1) …»: subparagraph 1) exists twice in the
    paragraph, and drafters cite it as «подпункт 1) части второй пункта 5». When
    a paragraph's list items are numbered once throughout (the usual case), they
    stay directly under it and are cited as «подпункт 1) пункта 4».
    """
    nums = [(c.kind, c.num) for c in children if c.kind in _LIST_KINDS and c.num]
    if len(nums) == len(set(nums)) or not any(c.kind is Kind.PART for c in children):
        return children
    out: list[Unit] = []
    part_at: int | None = None  # index in ``out`` of the part that introduces the current list
    for child in children:
        if child.kind is Kind.PART:
            part_at = len(out)
            out.append(child)
        elif child.kind in _LIST_KINDS and part_at is not None:
            part = out[part_at]
            out[part_at] = replace(part, children=(*part.children, child))
        else:
            part_at = None
            out.append(child)
    return out


def _eids(units: tuple[Unit, ...] | list[Unit], parent: str = "") -> list[tuple[str, list]]:  # type: ignore[type-arg]
    """The full eId of every unit, as a tree of (eid, children's eids) parallel to ``units``."""
    out: list[tuple[str, list]] = []  # type: ignore[type-arg]
    ordinals: dict[Kind, int] = {}
    used: dict[str, int] = {}
    for unit in units:
        ordinals[unit.kind] = ordinals.get(unit.kind, 0) + 1
        base = level_id(unit.kind, None if unit.kind is Kind.PART else unit.num, ordinals[unit.kind])
        used[base] = used.get(base, 0) + 1
        if used[base] > 1:
            base = f"{base}_{used[base]}"
        eid = join(parent, base)
        out.append((eid, _eids(unit.children, eid)))
    return out


def _flat(tree: list[tuple[str, list]]) -> list[str]:  # type: ignore[type-arg]
    out: list[str] = []
    for eid, children in tree:
        out.append(eid)
        out.extend(_flat(children))
    return out


def assign_eids(units: tuple[Unit, ...] | list[Unit], parent: str = "") -> list[Unit]:
    """Give every unit its full eId, numbering unnumbered and repeated ones by position."""

    def build(unit_list: tuple[Unit, ...] | list[Unit], tree: list[tuple[str, list]]) -> list[Unit]:  # type: ignore[type-arg]
        return [replace(u, eid=eid, children=tuple(build(u.children, sub))) for u, (eid, sub) in zip(unit_list, tree)]

    return build(units, _eids(units, parent))


def _assign_addresses(units: list[Unit]) -> list[Unit]:
    """Full eIds and short addresses for a whole tree, each unit rebuilt once."""
    tree = _eids(units)
    eids = _flat(tree)
    full = set(eids)
    shorts = {eid: short_candidate(eid) for eid in eids}
    candidates = Counter(shorts.values())

    def address_of(eid: str) -> str:
        short = shorts[eid]
        if short != eid and (candidates[short] > 1 or short in full):
            return eid
        return short

    def build(unit_list: tuple[Unit, ...] | list[Unit], sub: list[tuple[str, list]]) -> list[Unit]:  # type: ignore[type-arg]
        return [
            replace(u, eid=eid, address=address_of(eid), children=tuple(build(u.children, grand)))
            for u, (eid, grand) in zip(unit_list, sub)
        ]

    return build(units, tree)


def readdress(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """Recompute eIds and short addresses of a tree (after an edit changed its shape)."""
    return tuple(_assign_addresses(list(units)))


def _numbering_issues(units: list[Unit], origins: dict[int, str]) -> list[ParseIssue]:
    """Numbering gaps and repeated numbers, per list (siblings of one kind under one owner)."""
    issues: list[ParseIssue] = []
    sequences: dict[tuple[str, Kind], list[Unit]] = {}

    def collect(unit_list: tuple[Unit, ...], owner: str) -> None:
        for unit in unit_list:
            if unit.num and unit.kind not in (Kind.PART, Kind.ANNEX):
                sequences.setdefault((owner, unit.kind), []).append(unit)
            child_owner = owner if unit.kind in CONTAINER_KINDS else unit.eid
            collect(unit.children, child_owner)

    collect(tuple(units), "")
    for (_, kind), seq in sequences.items():
        for prev, nxt in zip(seq, seq[1:]):
            origin = origins.get(nxt.head_block, "") if nxt.head_block is not None else ""
            if prev.num == nxt.num:
                issues.append(
                    ParseIssue(
                        "duplicate-number",
                        f"{kind.value} {nxt.num} appears twice; the second is addressed {nxt.address or nxt.eid}",
                        origin,
                        nxt.eid,
                    )
                )
            elif not follows(range_end(prev.label) or prev.num or "", nxt.num or "") and not is_first(nxt.num or ""):
                issues.append(
                    ParseIssue(
                        "numbering-gap",
                        f"{kind.value} {nxt.num} follows {kind.value} {prev.num}",
                        origin,
                        nxt.eid,
                    )
                )
    return issues


def build_tree(blocks: list[Block]) -> TreeResult:
    """Place ``blocks`` in a clause tree; see the module docstring."""
    return _Builder(blocks).run()
