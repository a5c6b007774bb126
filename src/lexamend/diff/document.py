"""The diff of two versions of a legal text, unit by unit: what every output format shows.

:func:`diff_documents` aligns the two clause trees (:mod:`lexamend.diff.align`),
diffs the words of every matched unit that changed (:mod:`lexamend.diff.words`)
and the editorial notes (Сноска, Примечание ИЗПИ!) kept beside the units, and
names every unit by its address and its citation in the document's language.
The renderers (terminal, unified text, JSON, HTML) only lay this out.

A unit inserted or deleted with its descendants is one change; the descendants
are listed after it with ``within`` set to its address, so that a reader sees
one repealed article and a program still sees every unit. Editorial notes are
compared apart from the law: a note that changed is a :class:`NoteChange`,
reported separately, and ignored altogether with ``ignore_editorial``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from lexamend.diff.align import Alignment, Node, Pair, align, similarity
from lexamend.diff.words import WordDiff, WordOp, word_diff
from lexamend.model import Document, Note, Unit

#: Two notes of one unit at the same place are one note amended (rather than one removed and one added)
#: from this similarity up.
NOTE_SIMILARITY = 0.5

#: Below this share of matched units, the two documents are reported as probably unrelated.
LOW_ALIGNMENT = 0.5

#: Change kinds, in the order summaries list them.
KINDS = ("changed", "inserted", "deleted", "excluded", "renumbered", "moved", "notes")


@dataclass(frozen=True)
class DiffOptions:
    """What to compare and how to name it."""

    word_level: bool = True
    ignore_editorial: bool = False
    ignore_case: bool = False
    ignore_space: bool = False
    only: str | None = None  # a citation or eId: only this unit and its descendants
    cite_lang: str | None = None  # language of citations (default: each document's own)


@dataclass(frozen=True)
class UnitRef:
    """One side of a change: where the unit is and how it is cited."""

    eid: str
    address: str
    kind: str
    num: str | None
    label: str | None
    heading: str | None
    text: str
    status: str
    citation: str
    name: str  # the unit's own citation element ("paragraph 3"), for "paragraph 3 moved from Article 4 …"
    parent: str  # citation of the parent ("" at the top)
    parent_eid: str
    line: int | None  # source line (text) or paragraph ordinal + 1 (.docx) of the unit's first block
    wording: tuple[str, ...]  # its own lines as they read in the text; an inserted/deleted unit's: with its descendants
    unit: Unit | None = field(default=None, repr=False, compare=False)  # the unit itself (not serialised)


@dataclass(frozen=True)
class FieldDiff:
    """A text field of a unit (``heading`` or ``text``) in both versions, with its word diff."""

    field: str
    old: str
    new: str
    ops: tuple[WordOp, ...]
    capped: bool = False


@dataclass(frozen=True)
class NoteChange:
    """An editorial note added, removed or amended."""

    change: str  # added | removed | changed
    kind: str  # footnote | editor | reference | banner
    old: str | None
    new: str | None
    old_line: int | None = None
    new_line: int | None = None
    ops: tuple[WordOp, ...] = ()


@dataclass(frozen=True)
class UnitChange:
    """One changed unit: both sides, what happened, and the word diffs of its fields."""

    kind: str  # changed | inserted | deleted | excluded | renumbered | moved | notes
    old: UnitRef | None
    new: UnitRef | None
    similarity: float = 1.0
    renumbered: bool = False
    moved: bool = False
    text_changed: bool = False
    reparented: bool = False
    fields: tuple[FieldDiff, ...] = ()
    notes: tuple[NoteChange, ...] = ()
    within: str | None = None  # address of the inserted/deleted unit this one belongs to

    @property
    def address(self) -> str:
        ref = self.new or self.old
        assert ref is not None
        return ref.address

    @property
    def citation(self) -> str:
        ref = self.new or self.old
        assert ref is not None
        return ref.citation

    def describe(self) -> str:
        """One line for people: "Article 5-1 → Article 6 (renumbered)", "paragraph 3 moved from …"."""
        old, new = self.old, self.new
        if self.kind == "inserted" and new is not None:
            return f"{_cap(new.citation)} inserted"
        if self.kind == "deleted" and old is not None:
            return f"{_cap(old.citation)} repealed"
        assert old is not None and new is not None
        if self.kind == "excluded":
            return f"{_cap(new.citation)} excluded (now a placeholder)"
        parts: list[str] = []
        if self.moved:
            if old.parent != new.parent:
                where = f" from {old.parent or 'the top level'} to {new.parent or 'the top level'}"
                parts.append(f"{_cap(old.name)} moved{where}" + (f", now {new.name}" if self.renumbered else ""))
            else:
                where = f" within {new.parent}" if new.parent else ""
                parts.append(f"{_cap(old.citation)} moved{where}" + (f", now {new.citation}" if self.renumbered else ""))
        elif self.renumbered:
            parts.append(f"{_cap(old.citation)} → {new.citation} (renumbered)")
        else:
            parts.append(_cap(new.citation))
        extra = []
        if self.text_changed:
            extra.append("text changed")
        elif self.kind == "changed":
            extra.append("status changed")
        if self.notes:
            extra.append(f"{len(self.notes)} editorial note change{'s' if len(self.notes) > 1 else ''}")
        if extra:
            parts.append(", ".join(extra) if self.moved or self.renumbered else ": ".join([parts.pop(), ", ".join(extra)]))
        return "; ".join(parts)


@dataclass(frozen=True)
class DocumentDiff:
    """Every change between two versions, in the order of the new version."""

    old: Document
    new: Document
    options: DiffOptions
    alignment: Alignment
    changes: tuple[UnitChange, ...]
    document_notes: tuple[NoteChange, ...] = ()
    capped: tuple[str, ...] = field(default=())  # addresses whose word diff fell back to a coarse one
    title: FieldDiff | None = None  # the document's title line, when it changed

    @property
    def identical(self) -> bool:
        return not self.changes and not self.document_notes and self.title is None

    def top(self) -> tuple[UnitChange, ...]:
        """The changes a reader sees: not the descendants of an inserted or deleted unit."""
        return tuple(c for c in self.changes if c.within is None)

    def summary(self) -> dict[str, int]:
        """How many units changed, by kind (descendants of inserted/deleted units not counted)."""
        counts = dict.fromkeys(KINDS, 0)
        for change in self.top():
            counts[change.kind] += 1
        counts["notes"] = sum(len(c.notes) for c in self.changes) + len(self.document_notes)
        return counts

    def summary_line(self) -> str:
        """"3 units changed, 1 inserted, 2 repealed, 1 renumbered/moved, 1 excluded; 2 editorial notes changed"."""
        s = self.summary()
        if self.identical:
            return "no differences"
        line = (
            f"{s['changed']} unit{'s' if s['changed'] != 1 else ''} changed, {s['inserted']} inserted, "
            f"{s['deleted']} repealed, {s['renumbered'] + s['moved']} renumbered/moved"
        )
        if s["excluded"]:
            line += f", {s['excluded']} turned into «исключен» placeholders"
        if s["notes"]:
            line += f"; {s['notes']} editorial note{'s' if s['notes'] != 1 else ''} changed"
        return line


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# -- naming units ---------------------------------------------------------------------------


def _language(doc: Document, options: DiffOptions) -> str:
    lang = options.cite_lang or doc.meta.language
    return lang if lang in ("en", "ru", "kk") else "en"


def citation_of(path: tuple[Unit, ...], lang: str) -> str:
    """The citation of the last unit of ``path`` (its eId when the unit has no citation form)."""
    from lexamend.address import format_citation

    try:
        text = format_citation(path, lang)
    except ValueError:
        text = ""
    return text or path[-1].address or path[-1].eid


def _line(doc: Document, unit: Unit) -> int | None:
    for index in (unit.head_block, unit.text_block, unit.heading_block):
        if index is not None and 0 <= index < len(doc.blocks):
            return doc.blocks[index].line
    return None


def own_lines(unit: Unit) -> tuple[str, ...]:
    """The unit's own lines (its children are units of their own), as :func:`render_text` writes them."""
    from lexamend.render.text import unit_lines

    return tuple(line for _, line in unit_lines(replace(unit, children=()) if unit.children else unit))


def _ref(doc: Document, node: Node, lang: str) -> UnitRef:
    unit = node.unit
    parent = node.parents[-1] if node.parents else None
    return UnitRef(
        eid=unit.eid,
        address=unit.address or unit.eid,
        kind=unit.kind.value,
        num=unit.num,
        label=unit.label,
        heading=unit.heading,
        text=unit.text,
        status=unit.status.value,
        citation=citation_of(node.path, lang),
        name=citation_of((unit,), lang),
        parent=citation_of(node.parents, lang) if parent is not None else "",
        parent_eid=parent.eid if parent is not None else "",
        line=_line(doc, unit),
        wording=own_lines(unit),
        unit=unit,
    )


def _with_members(change: UnitChange, members: set[str], side: str) -> UnitChange:
    """An inserted or deleted unit whose wording shows the descendants inserted or deleted with it.

    Descendants that stay (matched elsewhere: the parts of a deleted paragraph
    that now follow the previous one) are left out of its wording.
    """
    from lexamend.render.text import unit_lines

    ref = change.new if side == "new" else change.old
    assert ref is not None and ref.unit is not None

    def prune(unit: Unit) -> Unit:
        return replace(unit, children=tuple(prune(c) for c in unit.children if c.eid in members))

    wording = tuple(line for _, line in unit_lines(prune(ref.unit)))
    ref = replace(ref, wording=wording)
    return replace(change, new=ref) if side == "new" else replace(change, old=ref)


# -- notes ------------------------------------------------------------------------------------


def _note_line(doc: Document, note: Note) -> int | None:
    return doc.blocks[note.block].line if 0 <= note.block < len(doc.blocks) else None


def notes_in_order(doc: Document) -> list[tuple[Note, str | None]]:
    """Every editorial note with the eId of the unit it is attached to (None: the document's), in text order."""
    out: list[tuple[Note, str | None]] = [(note, None) for note in doc.notes]

    def visit(unit: Unit) -> None:
        out.extend((note, unit.eid) for note in unit.notes if note.placement == "before")
        for child in unit.children:
            visit(child)
        out.extend((note, unit.eid) for note in unit.notes if note.placement != "before")

    for unit in doc.units:
        visit(unit)
    # The source order: a note after a heading stands before the heading's children in the text.
    return sorted(out, key=lambda item: item[0].block)


def diff_notes(
    old_doc: Document,
    new_doc: Document,
    options: DiffOptions,
    moved: dict[str, str] | None = None,
) -> list[tuple[NoteChange, str | None]]:
    """The editorial notes added, removed and amended, each with the eId of the unit it belongs to.

    Notes are compared as one sequence in text order, not unit by unit: a
    footnote that stays where it stood but now follows another unit (because
    the paragraph before it was deleted or moved) has not changed. Notes of a
    unit that moved (``moved`` maps its old eId to its new one) are first
    matched with the notes it has at its new place.
    """
    fold = _fold(options)
    a, b = notes_in_order(old_doc), notes_in_order(new_doc)
    if [fold(n.text) for n, _ in a] == [fold(n.text) for n, _ in b]:
        return []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    if moved:
        new_by_owner: dict[str | None, list[int]] = {}
        for k, (_, owner) in enumerate(b):
            new_by_owner.setdefault(owner, []).append(k)
        for k, (note, owner) in enumerate(a):
            target = moved.get(owner or "")
            for m in new_by_owner.get(target, []) if target else []:
                if m not in taken_b and fold(b[m][0].text) == fold(note.text):
                    taken_a.add(k)
                    taken_b.add(m)
                    break
    rest_a = [k for k in range(len(a)) if k not in taken_a]
    rest_b = [k for k in range(len(b)) if k not in taken_b]
    out: list[tuple[NoteChange, str | None]] = []
    matcher = SequenceMatcher(None, [fold(a[k][0].text) for k in rest_a], [fold(b[k][0].text) for k in rest_b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = [a[k] for k in rest_a[i1:i2]], [b[k] for k in rest_b[j1:j2]]
        # Pair each new note with the most similar old note after the last pair (in order).
        start = 0
        paired: dict[int, int] = {}
        for jn, (n, _) in enumerate(news):
            scores = [(similarity(fold(o.text), fold(n.text)), io) for io, (o, _) in enumerate(olds[start:], start)]
            best = max(scores, default=(0.0, -1))
            if best[0] >= NOTE_SIMILARITY:
                paired[best[1]] = jn
                start = best[1] + 1
        by_new = {jn: io for io, jn in paired.items()}
        for io, (o, owner) in enumerate(olds):
            if io not in paired:
                out.append((NoteChange("removed", o.kind.value, o.text, None, _note_line(old_doc, o), None), owner))
        for jn, (n, owner) in enumerate(news):
            if jn in by_new:
                o = olds[by_new[jn]][0]
                ops = word_diff(o.text, n.text, ignore_case=options.ignore_case, ignore_space=options.ignore_space).ops
                change = NoteChange("changed", n.kind.value, o.text, n.text, _note_line(old_doc, o), _note_line(new_doc, n), ops)
                out.append((change, owner))
            else:
                out.append((NoteChange("added", n.kind.value, None, n.text, None, _note_line(new_doc, n)), owner))
    return out


# -- the diff -----------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def fold_for(options: DiffOptions) -> Callable[[str], str] | None:
    """The text normalisation ``--ignore-case``/``--ignore-space`` ask for (None: compare exactly)."""
    if options.ignore_space and options.ignore_case:
        return lambda text: _SPACE.sub("", text).casefold()
    if options.ignore_space:
        return lambda text: _SPACE.sub("", text)
    if options.ignore_case:
        return str.casefold
    return None


def _fold(options: DiffOptions) -> Callable[[str], str]:
    return fold_for(options) or (lambda text: text)


def _fields(pair: Pair, options: DiffOptions) -> tuple[tuple[FieldDiff, ...], bool]:
    assert pair.old is not None and pair.new is not None
    o, n = pair.old.unit, pair.new.unit
    fold = _fold(options)
    out: list[FieldDiff] = []
    capped = False
    for name in ("heading", "text"):
        before, after = getattr(o, name) or "", getattr(n, name) or ""
        if fold(before) == fold(after):
            continue
        if options.word_level:
            diff: WordDiff = word_diff(before, after, ignore_case=options.ignore_case, ignore_space=options.ignore_space)
            capped = capped or diff.capped
            ops = diff.ops
        else:
            ops = tuple(op for op in (WordOp("delete", before), WordOp("insert", after)) if op.text)
        out.append(FieldDiff(name, before, after, ops, capped))
    return tuple(out), capped


def _in_scope(options: DiffOptions, old: Document, new: Document):  # type: ignore[no-untyped-def]
    """A predicate on pairs for ``--only``: the unit named and its descendants, in either version."""
    if not options.only:
        return None
    from lexamend.address import resolve
    from lexamend.errors import CitationError

    eids: dict[str, str] = {}
    for side, doc in (("old", old), ("new", new)):
        try:
            eids[side] = resolve(doc, options.only).eid
        except CitationError:
            continue
    if not eids:
        resolve(new, options.only)  # raises the CitationError with its suggestions

    def inside(node: Node | None, side: str) -> bool:
        target = eids.get(side)
        if node is None or target is None:
            return False
        return node.unit.eid == target or any(p.eid == target for p in node.parents)

    return lambda pair: inside(pair.old, "old") or inside(pair.new, "new")


def diff_documents(old: Document, new: Document, options: DiffOptions | None = None) -> DocumentDiff:
    """Diff two versions of a legal text; see the module docstring."""
    options = options or DiffOptions()
    alignment = align(old, new, fold=fold_for(options))
    lang_old, lang_new = _language(old, options), _language(new, options)
    scope = _in_scope(options, old, new)
    note_changes: dict[tuple[str, str], list[NoteChange]] = {}  # ("old"|"new", owner eId) -> changes
    document_notes: list[NoteChange] = []
    if not options.ignore_editorial:
        moved = {p.old.unit.eid: p.new.unit.eid for p in alignment.pairs if p.old and p.new and (p.moved or p.carried)}
        for change, owner in diff_notes(old, new, options, moved):
            if owner is None:
                document_notes.append(change)
            else:
                side = "old" if change.change == "removed" else "new"
                note_changes.setdefault((side, owner), []).append(change)
    changes: list[UnitChange] = []
    capped: list[str] = []
    top_inserted: dict[str, str] = {}  # eId of an inserted unit -> the address of the top inserted unit
    top_deleted: dict[str, str] = {}
    for pair in alignment.pairs:
        if scope is not None and not scope(pair):
            continue
        notes = tuple(note_changes.get(("old", pair.old.unit.eid), ())) if pair.old else ()
        notes += tuple(note_changes.get(("new", pair.new.unit.eid), ())) if pair.new else ()
        if pair.kind == "inserted":
            assert pair.new is not None
            within = top_inserted.get(pair.new.parent)
            ref = _ref(new, pair.new, lang_new)
            top_inserted[pair.new.unit.eid] = within or ref.address
            changes.append(UnitChange("inserted", None, ref, 0.0, notes=notes, within=within))
            continue
        if pair.kind == "deleted":
            assert pair.old is not None
            within = top_deleted.get(pair.old.parent)
            ref = _ref(old, pair.old, lang_old)
            top_deleted[pair.old.unit.eid] = within or ref.address
            changes.append(UnitChange("deleted", ref, None, 0.0, notes=notes, within=within))
            continue
        assert pair.old is not None and pair.new is not None
        if pair.kind == "same" and not notes:
            continue
        fields, was_capped = _fields(pair, options)
        old_ref, new_ref = _ref(old, pair.old, lang_old), _ref(new, pair.new, lang_new)
        if was_capped:
            capped.append(new_ref.address)
        kind = pair.kind if pair.kind != "same" else "notes"
        changes.append(
            UnitChange(
                kind, old_ref, new_ref, pair.similarity, pair.renumbered, pair.moved, pair.text_changed,
                pair.reparented, fields, notes,
            )
        )
    inserted_eids = {c.new.eid for c in changes if c.kind == "inserted" and c.new is not None}
    deleted_eids = {c.old.eid for c in changes if c.kind == "deleted" and c.old is not None}
    changes = [
        _with_members(c, inserted_eids, "new") if c.kind == "inserted" and c.within is None
        else _with_members(c, deleted_eids, "old") if c.kind == "deleted" and c.within is None
        else c
        for c in changes
    ]
    title: FieldDiff | None = None
    if scope is not None:
        document_notes = []
    else:
        before, after = old.title_line or "", new.title_line or ""
        if _fold(options)(before) != _fold(options)(after):
            ops = word_diff(before, after, ignore_case=options.ignore_case, ignore_space=options.ignore_space).ops
            title = FieldDiff("title", before, after, ops)
    return DocumentDiff(
        old, new, options, alignment, tuple(changes), tuple(document_notes), tuple(capped), title
    )
