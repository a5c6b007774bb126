"""Compare two proposals for the same base text, unit by unit, and two versions of one proposal, edit by edit.

:func:`compare_patches` applies each patch to the base on its own, aligns each
result with the base (:mod:`lexamend.diff.align`), and for every unit either
patch changed shows the base wording, A's and B's, classified as

* ``same`` — both give the unit the same wording;
* ``a-only`` / ``b-only`` — only one of them touches it;
* ``conflict`` — they change overlapping words or one rewrites what the other
  edits (:mod:`lexamend.conflicts`), or they cannot be applied together;
* ``composable`` — both change the unit, in different places: applied one
  after the other they give the ``combined`` wording.

:func:`compare_versions` lists which edits were added, dropped or changed
between two versions of one patch file, by edit id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lexamend.apply import ApplyResult, apply_patches
from lexamend.diff.align import Alignment, Node, align
from lexamend.diff.document import citation_of
from lexamend.diff.document import own_lines as _own_lines
from lexamend.diff.words import WordOp, word_diff
from lexamend.model import Conflict, Document, Edit, Patch, walk_with_parents

#: Fields of an edit compared between two versions of a patch (what it does; not why).
EDIT_FIELDS = ("op", "at", "text", "old", "new", "before", "after", "occurrence", "expect", "position", "num", "kind", "placeholder")
#: Fields compared for the record (the argument for an edit, not its effect).
NOTE_FIELDS = ("rationale", "rights", "source")

STATUSES = ("same", "a-only", "b-only", "conflict", "composable")


@dataclass(frozen=True)
class UnitComparison:
    """One unit touched by either proposal."""

    key: str  # the base unit's eId, or "+" and the new unit's eId for a unit only a proposal has
    address: str
    citation: str
    base: tuple[str, ...] | None  # the unit's own lines in the base (None: not in the base)
    a: tuple[str, ...] | None  # after A alone (None: A removes it)
    b: tuple[str, ...] | None
    status: str
    edits_a: tuple[str, ...] = ()
    edits_b: tuple[str, ...] = ()
    reason: str = ""
    combined: tuple[str, ...] | None = None  # after A then B, when composable
    touched_a: bool = False
    touched_b: bool = False

    def ops(self, side: str) -> tuple[WordOp, ...]:
        """The word diff from the base wording to one side's (``a``, ``b`` or ``combined``)."""
        other = {"a": self.a, "b": self.b, "combined": self.combined}[side]
        return word_diff("\n".join(self.base or ()), "\n".join(other or ())).ops


@dataclass(frozen=True)
class EditChange:
    """One edit id across two versions of a patch."""

    id: str
    status: str  # added | dropped | changed | reworded | same
    fields: tuple[str, ...] = ()  # the fields that differ
    old: Edit | None = None
    new: Edit | None = None


@dataclass(frozen=True)
class Comparison:
    """The unit-by-unit comparison of two proposals (and, for versions of one proposal, their edits)."""

    base: Document
    a: Patch
    b: Patch
    units: tuple[UnitComparison, ...]
    versions: tuple[EditChange, ...] = ()
    failures: tuple[str, ...] = ()  # edits that do not apply to the base
    conflicts: tuple[Conflict, ...] = field(default=())

    @property
    def same(self) -> bool:
        return not self.failures and all(u.status == "same" for u in self.units)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for unit in self.units:
            counts[unit.status] += 1
        return counts

    def summary_line(self) -> str:
        c = self.counts()
        parts = [f"{len(self.units)} unit{'s' if len(self.units) != 1 else ''} touched"]
        parts += [f"{c[s]} {s}" for s in STATUSES if c[s]]
        if self.versions:
            v = {s: sum(1 for e in self.versions if e.status == s) for s in ("added", "dropped", "changed", "reworded")}
            parts.append("edits: " + ", ".join(f"{n} {s}" for s, n in v.items() if n) if any(v.values()) else "edits: none changed")
        if self.failures:
            parts.append(f"{len(self.failures)} edit(s) do not apply")
        return "; ".join(parts)


def _touched(alignment: Alignment) -> dict[str, tuple[Node | None, Node | None]]:
    """Keys of the units a proposal changed, with the base node and the result node."""
    out: dict[str, tuple[Node | None, Node | None]] = {}
    for pair in alignment.pairs:
        if pair.kind == "same":
            continue
        key = pair.old.unit.eid if pair.old is not None else "+" + pair.new.unit.eid  # type: ignore[union-attr]
        out[key] = (pair.old, pair.new)
    return out


def _edit_targets(base: Document, patch: Patch) -> list[tuple[str, str]]:
    """(edit id, base eId it acts on) for each edit whose target resolves in the base."""
    from lexamend.address import resolve
    from lexamend.errors import CitationError

    out = []
    for edit in patch.edits:
        try:
            out.append((edit.id, resolve(base, edit.at).eid))
        except CitationError:
            continue
    return out


def _ids_for(key: str, targets: list[tuple[str, str]], result: ApplyResult, new_eid: str | None) -> tuple[str, ...]:
    ids = []
    base_eid = key if not key.startswith("+") else None
    for edit_id, target in targets:
        if base_eid is not None and (base_eid == target or base_eid.startswith(target + "__")):
            ids.append(edit_id)
    if new_eid is not None:
        for r in result.results:
            if r.address and (r.address == new_eid or new_eid.endswith("__" + r.address)):
                ids.append(r.edit_id)
    return tuple(dict.fromkeys(ids))


def compare_patches(base: Document, a: Patch, b: Patch, *, versions: bool | None = None) -> Comparison:
    """Compare two proposals for ``base`` (see the module docstring).

    ``versions``: also compare their edits by id (default: when they share any edit id).
    """
    from lexamend.conflicts import detect_conflicts

    result_a = apply_patches(base, [a])
    result_b = apply_patches(base, [b])
    failures = [f"{p.path or 'A'}#{r.edit_id}: {r.reason}" for p, res in ((a, result_a), (b, result_b)) for r in res.failed]
    align_a = align(base, result_a.document)
    align_b = align(base, result_b.document)
    touched_a, touched_b = _touched(align_a), _touched(align_b)
    conflicts = tuple(detect_conflicts(base, [a, b]))
    conflict_at: dict[str, Conflict] = {}
    base_paths = {entry.unit.eid: entry.path for entry in walk_with_parents(base.units)}
    for conflict in conflicts:
        for eid, path in base_paths.items():
            if path[-1].address == conflict.address or eid == conflict.address:
                conflict_at.setdefault(eid, conflict)
    combined_doc: Document | None = None
    combined_align: Alignment | None = None
    if not conflicts:
        together = apply_patches(base, [a, b])
        if together.ok:
            combined_doc = together.document
            combined_align = align(base, combined_doc)
    combined_by_key: dict[str, Node | None] = {}
    if combined_align is not None:
        for pair in combined_align.pairs:
            key = pair.old.unit.eid if pair.old is not None else "+" + pair.new.unit.eid  # type: ignore[union-attr]
            combined_by_key[key] = pair.new
    targets_a, targets_b = _edit_targets(base, a), _edit_targets(base, b)
    lang = base.meta.language if base.meta.language in ("en", "ru", "kk") else "en"
    keys = list(dict.fromkeys([*touched_a, *touched_b]))
    units: list[UnitComparison] = []
    for key in keys:
        base_node = (touched_a.get(key) or touched_b.get(key) or (None, None))[0]
        node_a = touched_a[key][1] if key in touched_a else _same_node(align_a, key)
        node_b = touched_b[key][1] if key in touched_b else _same_node(align_b, key)
        wording_base = _own_lines(base_node.unit) if base_node is not None else None
        wording_a = _own_lines(node_a.unit) if node_a is not None else None
        wording_b = _own_lines(node_b.unit) if node_b is not None else None
        named = base_node or node_a or node_b
        assert named is not None
        in_a, in_b = key in touched_a, key in touched_b
        reason = ""
        combined = None
        if in_a and not in_b:
            status = "a-only"
        elif in_b and not in_a:
            status = "b-only"
        elif wording_a == wording_b:
            status = "same"
        elif key in conflict_at or (base_node is not None and _conflict_within(base_node, conflict_at)):
            status = "conflict"
            conflict = conflict_at.get(key) or _conflict_within(base_node, conflict_at)  # type: ignore[arg-type]
            reason = f"{conflict.first} and {conflict.second}: {conflict.reason}" if conflict else ""
        elif combined_doc is not None and key in combined_by_key:
            status = "composable"
            node = combined_by_key[key]
            combined = _own_lines(node.unit) if node is not None else None
        else:
            status = "conflict"
            reason = "the two proposals cannot be applied one after the other"
        units.append(
            UnitComparison(
                key=key,
                address=named.unit.address or named.unit.eid,
                citation=citation_of(named.path, lang),
                base=wording_base,
                a=wording_a,
                b=wording_b,
                status=status,
                edits_a=_ids_for(key, targets_a, result_a, node_a.unit.eid if node_a and key.startswith("+") else None),
                edits_b=_ids_for(key, targets_b, result_b, node_b.unit.eid if node_b and key.startswith("+") else None),
                reason=reason,
                combined=combined,
                touched_a=in_a,
                touched_b=in_b,
            )
        )
    shared = {e.id for e in a.edits} & {e.id for e in b.edits}
    version_changes = compare_versions(a, b) if (versions or (versions is None and shared)) else ()
    return Comparison(base, a, b, tuple(units), version_changes, tuple(failures), conflicts)


def _same_node(alignment: Alignment, key: str) -> Node | None:
    """The result node of a unit a proposal left alone."""
    for pair in alignment.pairs:
        if pair.old is not None and pair.old.unit.eid == key:
            return pair.new
    return None


def _conflict_within(node: Node, conflict_at: dict[str, Conflict]) -> Conflict | None:
    """A conflict on the unit or on one of its ancestors (a restated or repealed parent)."""
    for unit in reversed(node.path):
        if unit.eid in conflict_at:
            return conflict_at[unit.eid]
    return None


def compare_versions(v1: Patch, v2: Patch) -> tuple[EditChange, ...]:
    """Edits added, dropped, changed (what they do) or reworded (only their rationale), by id, in v2's order."""
    old = {e.id: e for e in v1.edits}
    new = {e.id: e for e in v2.edits}
    out: list[EditChange] = []
    for edit in v2.edits:
        before = old.get(edit.id)
        if before is None:
            out.append(EditChange(edit.id, "added", new=edit))
            continue
        differs = tuple(f for f in EDIT_FIELDS if getattr(before, f) != getattr(edit, f))
        noted = tuple(f for f in NOTE_FIELDS if getattr(before, f) != getattr(edit, f))
        status = "changed" if differs else "reworded" if noted else "same"
        out.append(EditChange(edit.id, status, differs + noted, before, edit))
    out.extend(EditChange(e.id, "dropped", old=e) for e in v1.edits if e.id not in new)
    return tuple(out)
