"""Turn the difference between two versions into a patch: ``apply(derive(old, new), old) == new``.

The two clause trees are aligned (:mod:`lexamend.diff.align`). A unit that
kept its place (matched to a unit under the matching parent, in the same
order among its siblings) is amended in place; everything else is structure:

* **words** — inside a kept unit, each run of changed words becomes one
  ``delete``, ``insert`` or ``replace`` naming the fewest words that apply
  exactly (an ``occurrence`` when the words recur in the unit, a wider passage
  when the drafting rules of :mod:`lexamend.tidy` would otherwise tidy more
  than the change); every such edit is checked by applying it;
* **restate** — a unit more than :data:`RESTATE_SHARE` of whose wording
  (its subtree's, counted in characters) changed is given its new wording in
  one edit, and so is a unit that became an «исключен» placeholder with other
  words than :func:`lexamend.treeops.to_placeholder` writes;
* **structure** — per container, units that are gone are repealed, kept units
  whose number changed are renumbered, and new units (moved units included:
  a move is a repeal plus an insertion) are inserted with their wording next
  to a kept sibling.

Edits are generated against the text as the earlier edits leave it (the patch
applies in order), and the patch is checked at the end by applying it. When a
container's units cannot be rearranged by these operations (two units with
one number, an insertion the numbering rules would place elsewhere), the
container is restated instead, and the derivation runs again.

What a patch cannot say is reported, not silently dropped: a changed title
line, and editorial notes (patches change law, not the portal's notes).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lexamend.apply import _Failure, apply_edit, apply_patches, text_sha256
from lexamend.diff.align import Alignment, align, longest_increasing
from lexamend.diff.words import DELETE, EQUAL, INSERT, word_diff
from lexamend.errors import LexamendError
from lexamend.match import find_all
from lexamend.model import Document, Edit, Kind, Op, Patch, Status, Unit, walk_with_parents
from lexamend.render.text import render_text, unit_lines
from lexamend.treeops import to_placeholder

#: A kept unit is restated when more than this share of its subtree's characters changed.
RESTATE_SHARE = 0.5
#: At most this many words of context are tried on each side when an edit must name a wider passage.
MAX_CONTEXT_WORDS = 8
#: The derivation restarts at most this many times with more units restated before it gives up.
MAX_ROUNDS = 50

#: Kinds a patch can name for an inserted unit (the patch schema's ``kind`` values).
_PATCH_KINDS = frozenset({"section", "chapter", "article", "paragraph", "subparagraph", "point", "part"})

_HANDLE_BASE = 10**9  # derive tags the units of OLD with head_block = base + position, to follow them


class DeriveError(LexamendError):
    """The difference cannot be written as a patch (say why and where)."""


@dataclass(frozen=True)
class Derived:
    """The patch, and what it could not express."""

    patch: Patch
    warnings: tuple[str, ...] = ()


def wording(unit: Unit) -> str:
    """A unit's text with its descendants', one block per line (what restate and insert_unit take)."""
    return "\n".join(line for _, line in unit_lines(unit))


def same_law(a: Document, b: Document) -> bool:
    """Whether two documents have the same legal text and the same units (notes and title aside)."""
    if render_text(replace(a, title_line=None)) != render_text(replace(b, title_line=None)):
        return False
    shape = lambda doc: [(u.kind, u.num, u.label, u.heading, u.text, u.status) for u in doc.walk()]  # noqa: E731
    return shape(a) == shape(b)


def _tag(doc: Document) -> Document:
    """``doc`` with every unit's head_block set to a unique handle (apply keeps it; inserted units have none)."""
    counter = iter(range(_HANDLE_BASE, _HANDLE_BASE + 10**8))

    def tag(unit: Unit) -> Unit:
        return replace(unit, head_block=next(counter), children=tuple(tag(c) for c in unit.children))

    return replace(doc, units=tuple(tag(u) for u in doc.units))


class _Run:
    """One derivation: the working tree, the edits so far, and the units to restate."""

    def __init__(self, old: Document, new: Document, alignment: Alignment, restate: set[int], lang: str) -> None:
        self.old = old
        self.tagged = _tag(old)
        self.work = self.tagged
        self.new = new
        self.lang = lang
        self._index: dict[int, tuple[Unit, tuple[Unit, ...]]] | None = None
        self.edits: list[Edit] = []
        self.restate = restate  # handles of old units to restate
        tagged_units = [a.unit for a in walk_with_parents(self.tagged.units)]
        old_units = [a.unit for a in walk_with_parents(old.units)]
        self.handle_of = {id(u): t.head_block for u, t in zip(old_units, tagged_units, strict=True)}
        self.partner: dict[int, Unit] = {}  # handle -> new unit
        self.new_parent: dict[int, str] = {}  # eid of a new unit -> eid of its parent ("" at the top)
        for entry in walk_with_parents(new.units):
            self.new_parent[entry.unit.eid] = entry.parents[-1].eid if entry.parents else ""
        for pair in alignment.pairs:
            if pair.old is not None and pair.new is not None:
                handle = self.handle_of[id(pair.old.unit)]
                assert handle is not None
                self.partner[handle] = pair.new.unit

    # -- the working tree ----------------------------------------------------------------

    def _find(self, handle: int) -> tuple[Unit, tuple[Unit, ...]] | None:
        """A unit of OLD in the working tree, with its ancestors (indexed once per change of the tree)."""
        if self._index is None:
            self._index = {
                entry.unit.head_block: (entry.unit, entry.parents)
                for entry in walk_with_parents(self.work.units)
                if entry.unit.head_block is not None
            }
        return self._index.get(handle)

    def _at(self, unit: Unit, parents: tuple[Unit, ...]) -> str:
        """How the patch names a unit: its citation when that resolves to it, else its eId."""
        from lexamend.address import format_citation, resolve
        from lexamend.errors import CitationError

        try:
            citation = format_citation((*parents, unit), self.lang)
            if citation and resolve(self.work, citation).eid == unit.eid:
                return citation
        except (ValueError, CitationError):
            pass
        return unit.eid

    def _apply(self, edit: Edit) -> str:
        """Apply an edit to the working tree and record it; returns the address it acted on."""
        outcome = apply_edit(self.work, self.work.units, edit)
        self.work = replace(self.work, units=outcome.units)
        self._index = None
        self.edits.append(replace(edit, id=f"e{len(self.edits) + 1}"))
        return outcome.address

    # -- words ------------------------------------------------------------------------------

    def words(self) -> None:
        """Word edits inside every kept unit that is not restated."""
        for handle, target in self.partner.items():
            if handle in self.skip:
                continue
            found = self._find(handle)
            if found is None or handle not in self.kept:
                continue
            unit, _ = found
            if target.status is not unit.status:
                continue  # a placeholder or a reinstated unit: restated with the structure
            for name in ("heading", "text"):
                if (getattr(unit, name) or "") != (getattr(target, name) or ""):
                    if not self._field(handle, name, getattr(target, name) or ""):
                        self.restate.add(handle)
                        raise _Restart

    def _field(self, handle: int, name: str, target: str) -> bool:
        """Word edits turning one field into ``target``; False when none applies exactly."""
        for _ in range(10_000):
            found = self._find(handle)
            assert found is not None
            unit, parents = found
            current = getattr(unit, name) or ""
            if current == target:
                return True
            start, end, rep = _first_hunk(current, target)
            expected = current[:start] + rep + current[end:]
            for edit in self._candidates(unit, parents, name, current, start, end, rep):
                if self._check(unit, edit, name, expected):
                    self._apply(replace(edit, at=self._at(unit, parents)))
                    break
            else:
                return False
        return False

    def _check(self, unit: Unit, edit: Edit, name: str, expected: str) -> bool:
        """Whether ``edit`` turns the unit's field into ``expected`` exactly (tried on the unit alone)."""
        mini = replace(self.work, units=(unit,))
        try:
            outcome = apply_edit(mini, mini.units, replace(edit, at=unit.eid))
        except _Failure:
            return False
        after = outcome.units[0] if outcome.units else None
        return after is not None and (getattr(after, name) or "") == expected and _same_children(after, unit)

    def _occurrence(self, unit: Unit, name: str, words: str, start: int) -> tuple[bool, int | str | None]:
        """Whether ``words`` can be named at ``start`` of the field, and the occurrence to name it by."""
        index = 0
        position = None
        for u in unit.walk():
            for field_name in ("heading", "text"):
                text = getattr(u, field_name) or ""
                for span in find_all(text, words):
                    index += 1
                    if u is unit and field_name == name and span.start == start:
                        position = index
        if position is None:
            return False, None
        return True, None if index == 1 else position

    def _candidates(self, unit: Unit, parents: tuple[Unit, ...], name: str, current: str, start: int, end: int, rep: str):  # type: ignore[no-untyped-def]
        """Edits for one hunk, the most drafting-like first."""
        old_words = current[start:end].strip()
        new_words = rep.strip()
        old_start = start + (len(current[start:end]) - len(current[start:end].lstrip()))
        if old_words and not new_words:
            ok, occ = self._occurrence(unit, name, old_words, old_start)
            if ok:
                yield Edit(id="", op=Op.DELETE, at="", text=old_words, occurrence=occ)
        if old_words and new_words:
            ok, occ = self._occurrence(unit, name, old_words, old_start)
            if ok:
                yield Edit(id="", op=Op.REPLACE, at="", old=old_words, new=new_words, occurrence=occ)
        if new_words and not old_words:
            for words in range(1, MAX_CONTEXT_WORDS + 1):
                a = _words_before(current, start, words)
                if a is None:
                    break
                anchor = current[a:start].strip()
                ok, occ = self._occurrence(unit, name, anchor, a)
                if ok:
                    yield Edit(id="", op=Op.INSERT, at="", text=new_words, after=anchor, occurrence=occ)
                    if occ is None:
                        break
            for words in range(1, MAX_CONTEXT_WORDS + 1):
                b = _words_after(current, end, words)
                if b is None:
                    break
                anchor = current[end:b].strip()
                anchor_start = end + (len(current[end:b]) - len(current[end:b].lstrip()))
                ok, occ = self._occurrence(unit, name, anchor, anchor_start)
                if ok:
                    yield Edit(id="", op=Op.INSERT, at="", text=new_words, before=anchor, occurrence=occ)
                    if occ is None:
                        break
        # A wider passage: whole words around the change.
        for grow in range(1, MAX_CONTEXT_WORDS + 1):
            a = _words_before(current, start, grow)
            b = _words_after(current, end, grow)
            a = start if a is None else a
            b = end if b is None else b
            passage = current[a:b].strip()
            if not passage:
                continue
            new_passage = (current[a:start] + rep + current[end:b]).strip()
            passage_start = a + (len(current[a:b]) - len(current[a:b].lstrip()))
            ok, occ = self._occurrence(unit, name, passage, passage_start)
            if ok and new_passage:
                yield Edit(id="", op=Op.REPLACE, at="", old=passage, new=new_passage, occurrence=occ)
            if a == 0 and b == len(current):
                break

    # -- structure --------------------------------------------------------------------------

    def structure(self) -> None:
        """Repeal, renumber, restate and insert, container by container from the top."""
        self._container(None, None)

    def _children_now(self, handle: int | None) -> tuple[Unit, ...]:
        if handle is None:
            return self.work.units
        found = self._find(handle)
        assert found is not None
        return found[0].children

    def _container(self, handle: int | None, new_parent: Unit | None) -> None:
        new_children = new_parent.children if new_parent is not None else self.new.units
        parent_eid = new_parent.eid if new_parent is not None else ""
        kept_here = {h: self.partner[h] for h in self._kept_children(handle, parent_eid)}
        kept_by_new = {id(u): h for h, u in kept_here.items()}
        # Repeals go first (no two siblings may share a number), except at the top of a document that
        # keeps none of its units: the new ones are put in place before the old ones go.
        repeal_last = handle is None and not kept_here
        if not repeal_last:
            self._repeal_others(handle, kept_here)
        self._renumber(handle, kept_here)
        for h in kept_here:
            self._restate_if_marked(h)
        self._insert_new(handle, new_parent, new_children, kept_by_new)
        if repeal_last:
            self._repeal_others(handle, kept_here)
        for h, new_unit in kept_here.items():
            if h not in self.skip:
                self._container(h, new_unit)

    def _kept_children(self, handle: int | None, parent_eid: str) -> list[int]:
        return [
            c.head_block
            for c in self._children_now(handle)
            if c.head_block is not None and c.head_block in self.kept and self.kept[c.head_block] == parent_eid
        ]

    def _repeal_others(self, handle: int | None, kept_here: dict[int, Unit]) -> None:
        for child in list(self._children_now(handle)):
            if child.head_block in kept_here:
                continue
            found = self._find(child.head_block) if child.head_block is not None else None
            if found is None:
                continue
            unit, parents = found
            self._apply(Edit(id="", op=Op.REPEAL, at=self._at(unit, parents), placeholder=False))

    def _renumber(self, handle: int | None, kept_here: dict[int, Unit]) -> None:
        pending = [h for h, n in kept_here.items() if (self._find(h)[0].num or "") != (n.num or "")]  # type: ignore[index]
        while pending:
            progress = False
            for h in list(pending):
                unit, parents = self._find(h)  # type: ignore[misc]
                target = kept_here[h].num or ""
                if any(c.num == target and c.kind is unit.kind and c is not unit for c in self._children_now(handle)):
                    continue
                self._apply(Edit(id="", op=Op.RENUMBER, at=self._at(unit, parents), num=target))
                pending.remove(h)
                progress = True
            if not progress:
                raise _Stuck(handle, f"numbers {', '.join(kept_here[h].num or '' for h in pending)} cannot be given in turn")

    def _restate_if_marked(self, handle: int) -> None:
        target = self.partner[handle]
        unit, parents = self._find(handle)  # type: ignore[misc]
        placeholder = target.status is Status.EXCLUDED and unit.status is not Status.EXCLUDED
        if handle not in self.restate and not placeholder and target.status is unit.status:
            return
        self.skip.add(handle)
        if placeholder:
            as_placeholder = to_placeholder(unit, self.work.meta.language)
            if as_placeholder.text == target.text and not target.children and (as_placeholder.heading or None) == (target.heading or None):
                self._apply(Edit(id="", op=Op.REPEAL, at=self._at(unit, parents), placeholder=True))
                return
        self._apply(Edit(id="", op=Op.RESTATE, at=self._at(unit, parents), text=wording(target)))

    def _insert_new(self, handle: int | None, new_parent: Unit | None, new_children: tuple[Unit, ...], kept_by_new: dict[int, int]) -> None:
        previous: str | None = None  # address of the unit just placed or kept before the next one
        for index, child in enumerate(new_children):
            if id(child) in kept_by_new:
                unit, parents = self._find(kept_by_new[id(child)])  # type: ignore[misc]
                previous = unit.eid
                continue
            later = next((kept_by_new[id(c)] for c in new_children[index + 1 :] if id(c) in kept_by_new), None)
            kind = child.kind if child.kind.value in _PATCH_KINDS else None
            edit = Edit(id="", op=Op.INSERT_UNIT, at="", text=wording(child), num=child.num, kind=kind)
            if later is not None:
                unit, parents = self._find(later)  # type: ignore[misc]
                edit = replace(edit, at=self._at(unit, parents), position="before")
            elif previous is not None:
                placed = self.work.find(previous)
                if placed is None:
                    raise _Stuck(handle, f"the unit before {child.eid} cannot be found")
                parents = _parents_of(self.work, placed)
                edit = replace(edit, at=self._at(placed, parents), position="after")
            elif handle is not None:
                unit, parents = self._find(handle)  # type: ignore[misc]
                edit = replace(edit, at=self._at(unit, parents), position="last")
            elif self.work.units:
                first = self.work.units[0]
                edit = replace(edit, at=self._at(first, ()), position="before")
            else:
                raise _Stuck(handle, "nothing is left to insert the new units next to")
            try:
                address = self._apply(edit)
            except _Failure as failure:
                raise _Stuck(handle, failure.reason) from None
            placed_unit = self.work.find(address)
            previous = placed_unit.eid if placed_unit is not None else None
            if previous is None:
                raise _Stuck(handle, f"the inserted {child.kind.value} {child.num or ''} cannot be found again")

    # -- the run -------------------------------------------------------------------------------

    def run(self) -> None:
        self.kept = self._kept()
        self.skip: set[int] = set()
        self._mark_restated()
        self.words()
        try:
            self.structure()
        except _Failure as failure:
            raise _Stuck(None, failure.reason) from None

    def _kept(self) -> dict[int, str]:
        """Kept old units (by handle) and the eId of the new parent they stay under.

        A unit is kept when it is matched to a unit whose parent is the partner
        of its own parent (or both are at the top), and it is in order among its
        kept siblings; units under a unit that is not kept are not kept either.
        """
        kept: dict[int, str] = {}
        new_index = {id(a.unit): i for i, a in enumerate(walk_with_parents(self.new.units))}

        def visit(children: tuple[Unit, ...], new_children: tuple[Unit, ...], parent_new_eid: str) -> None:
            candidates = []
            for child in children:
                h = child.head_block
                partner = self.partner.get(h) if h is not None else None
                if partner is not None and self.new_parent.get(partner.eid) == parent_new_eid and partner.kind is child.kind:
                    candidates.append((child, partner))
            order = longest_increasing([new_index[id(p)] for _, p in candidates])
            pairs = [pair for position, pair in enumerate(candidates) if position in order]
            for child, _ in pairs:
                kept[child.head_block] = parent_new_eid  # type: ignore[index]
            self._pair_same_numbers(children, new_children, pairs, parent_new_eid, kept)
            for child, partner in pairs:
                visit(child.children, partner.children, partner.eid)

        visit(self.tagged.units, self.new.units, "")
        return kept

    def _pair_same_numbers(
        self,
        children: tuple[Unit, ...],
        new_children: tuple[Unit, ...],
        pairs: list[tuple[Unit, Unit]],
        parent_new_eid: str,
        kept: dict[int, str],
    ) -> None:
        """An old unit left over where a new unit of the same kind and number arrives is restated.

        Repealing it and inserting the new one would collide on the number
        (the apply engine never lets two siblings share one), and one restate
        is the shorter patch. Only pairs between the same kept neighbours count.
        """
        kept_old = {id(c) for c, _ in pairs}
        kept_new = {id(n) for _, n in pairs}

        def slots(units: tuple[Unit, ...], kept_ids: set[int]) -> dict[int, int]:
            out, seen = {}, 0
            for unit in units:
                if id(unit) in kept_ids:
                    seen += 1
                else:
                    out[id(unit)] = seen
            return out

        slot_old, slot_new = slots(children, kept_old), slots(new_children, kept_new)
        waiting: dict[tuple[Kind, str], Unit] = {}
        for unit in new_children:
            if id(unit) not in kept_new and unit.num:
                waiting.setdefault((unit.kind, unit.num), unit)
        for child in children:
            target = waiting.get((child.kind, child.num or ""))
            if id(child) in kept_old or child.head_block is None or target is None or not _restatable(child):
                continue
            if slot_old[id(child)] != slot_new[id(target)]:
                continue
            del waiting[(child.kind, child.num or "")]
            self.partner[child.head_block] = target
            kept[child.head_block] = parent_new_eid
            self.restate.add(child.head_block)

    def _mark_restated(self) -> None:
        """Add kept units most of whose subtree changed to the restate set (top-most wins)."""

        def changed_share(unit: Unit) -> tuple[int, int]:
            """(changed characters, total characters) of a kept unit's subtree, old and new."""
            target = self.partner[unit.head_block]  # type: ignore[index]
            total = len(_own(unit)) + len(_own(target))
            changed = 0
            if _own(unit) != _own(target):
                for op in word_diff(_own(unit), _own(target)).ops:
                    if op.kind != EQUAL:
                        changed += len(op.text)
            kept_new: set[int] = set()
            for child in unit.children:
                if child.head_block in self.kept:
                    c, t = changed_share(child)
                    changed += c
                    total += t
                    kept_new.add(id(self.partner[child.head_block]))  # type: ignore[index]
                else:
                    size = len(wording(child))
                    changed += size
                    total += size
            for child in target.children:
                if id(child) not in kept_new:
                    size = len(wording(child))
                    changed += size
                    total += size
            return changed, total

        def visit(children: tuple[Unit, ...]) -> None:
            for child in children:
                h = child.head_block
                if h is None or h not in self.kept:
                    continue
                if h not in self.restate and _restatable(child):
                    changed, total = changed_share(child)
                    if total and changed / total > RESTATE_SHARE and changed > 0:
                        self.restate.add(h)
                if h in self.restate:
                    self._mark_skip(child)
                    continue
                visit(child.children)

        visit(self.tagged.units)

    def _mark_skip(self, unit: Unit) -> None:
        """A restated unit and its descendants get no word edits and are not visited as containers."""
        for u in unit.walk():
            if u.head_block is not None:
                self.skip.add(u.head_block)


class _Restart(Exception):
    """A word edit could not be found: restate the unit and start again."""


class _Stuck(Exception):
    """A container's units cannot be rearranged: restate the container and start again."""

    def __init__(self, handle: int | None, reason: str) -> None:
        super().__init__(reason)
        self.handle = handle
        self.reason = reason


def _own(unit: Unit) -> str:
    return " ".join(p for p in (unit.label or "", unit.heading or "", unit.text) if p)


def _restatable(unit: Unit) -> bool:
    """Whether a restate edit can give this unit a new wording."""
    return bool(unit.label) or unit.kind is Kind.PART or not unit.children


def _same_children(a: Unit, b: Unit) -> bool:
    return [(c.kind, c.num, c.text) for c in a.walk()][1:] == [(c.kind, c.num, c.text) for c in b.walk()][1:]


def _parents_of(doc: Document, unit: Unit) -> tuple[Unit, ...]:
    for entry in walk_with_parents(doc.units):
        if entry.unit is unit:
            return entry.parents
    return ()


def _first_hunk(current: str, target: str) -> tuple[int, int, str]:
    """The first run of changes of the word diff: the span of ``current`` it replaces and by what."""
    position = 0
    start = None
    end = 0
    replacement: list[str] = []
    for op in word_diff(current, target).ops:
        if op.kind == EQUAL:
            if start is not None:
                break
            position += len(op.text)
        elif op.kind == DELETE:
            if start is None:
                start = position
            position += len(op.text)
            end = position
        elif op.kind == INSERT:
            if start is None:
                start = position
                end = position
            replacement.append(op.text)
    if start is None:
        return 0, 0, ""
    return start, max(end, start), "".join(replacement)


def _words_before(text: str, index: int, count: int) -> int | None:
    """Where the ``count`` words before ``index`` begin (None when there are fewer)."""
    position = index
    for _ in range(count):
        while position > 0 and text[position - 1] == " ":
            position -= 1
        if position == 0:
            return None
        while position > 0 and text[position - 1] != " ":
            position -= 1
    return position


def _words_after(text: str, index: int, count: int) -> int | None:
    """Where the ``count`` words after ``index`` end (None when there are fewer)."""
    position = index
    for _ in range(count):
        while position < len(text) and text[position] == " ":
            position += 1
        if position == len(text):
            return None
        while position < len(text) and text[position] != " ":
            position += 1
    return position


# -- the derivation ----------------------------------------------------------------------------


def _differing(run: _Run) -> set[int]:
    """Kept units whose result differs from the new version in their own wording or their list of children."""
    found: set[int] = set()

    def local(work: Unit, target: Unit) -> bool:
        if _own(work) != _own(target) or work.status is not target.status:
            return True
        if [(c.kind, c.num) for c in work.children] != [(c.kind, c.num) for c in target.children]:
            return True
        return any(
            (c.head_block not in run.kept) and wording(c) != wording(t) for c, t in zip(work.children, target.children, strict=True)
        )

    def visit(work_children: tuple[Unit, ...]) -> None:
        for child in work_children:
            h = child.head_block
            if h is None or h not in run.kept:
                continue
            target = run.partner[h]
            if wording(child) == wording(target) and _same_children(child, target):
                continue
            if h in run.restate or local(child, target):
                found.add(h)
            elif h not in run.skip:  # inside a restated unit, handles are not reliable (and not needed)
                visit(child.children)

    visit(run.work.units)
    return found


def _restatable_ancestor(run: _Run, handle: int) -> int | None:
    """The unit itself or its nearest kept ancestor that a restate can rewrite."""
    for entry in walk_with_parents(run.tagged.units):
        if entry.unit.head_block == handle:
            for unit in reversed(entry.path):
                if unit.head_block in run.kept and _restatable(unit):
                    return unit.head_block
            return None
    return None


def derive(
    old: Document,
    new: Document,
    *,
    base: str = "",
    title: str = "",
    date: str = "",
    authors: tuple[str, ...] = (),
    alignment: Alignment | None = None,
) -> Derived:
    """The patch that turns ``old`` into ``new`` (see the module docstring)."""
    from lexamend.diff.document import notes_in_order

    warnings: list[str] = []
    if (old.title_line or "") != (new.title_line or ""):
        warnings.append(f"the title line differs ({old.title_line!r} → {new.title_line!r}); a patch does not change titles")
    if [n.text for n, _ in notes_in_order(old)] != [n.text for n, _ in notes_in_order(new)]:
        warnings.append("editorial notes (Сноска, Примечание) differ; a patch changes the law, not the notes: see `lexamend diff`")
    lang = old.meta.language if old.meta.language in ("en", "ru", "kk") else "en"
    alignment = alignment or align(old, new)
    restate: set[int] = set()
    for _ in range(MAX_ROUNDS):
        run = _Run(old, new, alignment, set(restate), lang)
        try:
            run.run()
        except _Restart:
            restate = run.restate
            continue
        except _Stuck as stuck:
            target = _restatable_ancestor(run, stuck.handle) if stuck.handle is not None else None
            if target is None or target in run.restate:
                raise DeriveError(f"the units at the top of the document cannot be rearranged by a patch: {stuck.reason}") from None
            restate = run.restate | {target}
            continue
        differing = _differing(run)
        if differing:
            targets = {_restatable_ancestor(run, h) for h in differing}
            if None in targets or targets <= run.restate:
                raise DeriveError("the derived edits do not reproduce the new version, and restating does not help")
            restate = run.restate | {t for t in targets if t is not None}
            continue
        break
    else:
        raise DeriveError(f"no patch found after {MAX_ROUNDS} rounds of restating")
    patch = Patch(
        edits=tuple(run.edits),
        title=title or f"Changes from {old.meta.source or 'the old version'} to {new.meta.source or 'the new version'}",
        authors=authors,
        date=date,
        base=base or old.meta.source or "base",
        base_sha256=text_sha256(old),
        language=lang,
        summary=f"Derived from the differences between {old.meta.source or 'the old version'} and {new.meta.source or 'the new version'} ({len(run.edits)} edits).",
    )
    if patch.edits:
        result = apply_patches(old, [patch])
        if not result.ok or not same_law(result.document, new):
            reason = next((r.reason for r in result.results if r.status == "failed"), "the result differs from the new version")
            raise DeriveError(f"the derived patch does not reproduce the new version: {reason}")
    elif not same_law(old, new):
        raise DeriveError("the versions differ, but not in anything a patch can change")
    return Derived(patch, tuple(warnings))
