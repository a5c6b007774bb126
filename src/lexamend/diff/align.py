"""Align two clause trees unit by unit: what stayed, changed, moved, came and went.

Every unit of each version is compared by its *own* content (label, heading and
text, not its children's), in four passes:

1. **same place, same words** — units with the same full eId and the same content;
2. **same words elsewhere** — identical content under another eId: a renumbered or
   moved unit (ties go to the candidate nearest in document order);
3. **same place, other words** — the same full eId with content at least
   :data:`ADDRESS_MIN_SIMILARITY` alike: the unit was amended;
4. **similar words elsewhere** — remaining units of the same kind at least
   :data:`MOVE_SIMILARITY` alike: renumbered or moved *and* amended.

What is left is deleted (old only) or inserted (new only). A matched pair is
*renumbered* when its number changed, *moved* when it left its parent or its
order relative to the other matched units changed (units outside the longest
run that kept its order), and *excluded* when it became an «исключен»
placeholder.

The result lists pairs in the order of the new version, each deleted unit
placed after the pair that preceded it in the old version.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from lexamend.model import Document, Status, Unit, walk_with_parents

#: Units at the same eId whose contents are less alike than this are a deletion plus an insertion.
ADDRESS_MIN_SIMILARITY = 0.35
#: Units at different eIds are the same unit (moved or renumbered, maybe amended) from this similarity up.
MOVE_SIMILARITY = 0.80
#: Above this many unmatched units of one kind, pass 4 looks only at candidates near the expected position.
FUZZY_WINDOW_ABOVE = 4000
#: How far (in units) the windowed search of pass 4 looks on either side of the expected position.
FUZZY_WINDOW = 400


@dataclass(frozen=True)
class Node:
    """A unit in document order, with its parent's eId and its position."""

    unit: Unit
    parent: str
    index: int

    @property
    def content(self) -> str:
        u = self.unit
        return " ".join(p for p in (u.label or "", u.heading or "", u.text) if p)

    @property
    def body(self) -> str:
        """Content without the label: what similarity is measured on."""
        u = self.unit
        return " ".join(p for p in (u.heading or "", u.text) if p)


@dataclass(frozen=True)
class Pair:
    """Two versions of a unit, or one of them alone."""

    old: Node | None
    new: Node | None
    kind: str  # same | changed | renumbered | moved | excluded | inserted | deleted
    similarity: float = 1.0
    renumbered: bool = False
    moved: bool = False
    text_changed: bool = False

    @property
    def address(self) -> str:
        node = self.new or self.old
        assert node is not None
        return node.unit.address or node.unit.eid


@dataclass(frozen=True)
class Alignment:
    """All pairs in new-document order, and how much of the two versions matched."""

    pairs: tuple[Pair, ...]
    matched: int
    old_count: int
    new_count: int

    @property
    def ratio(self) -> float:
        """Share of units matched (1.0: same structure; near 0: unrelated documents)."""
        largest = max(self.old_count, self.new_count)
        return self.matched / largest if largest else 1.0

    def changes(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.kind != "same")


def flatten(doc: Document) -> list[Node]:
    """Every unit of a document, in order, with its parent's eId."""
    return [
        Node(a.unit, a.parents[-1].eid if a.parents else "", i) for i, a in enumerate(walk_with_parents(doc.units))
    ]


def similarity(a: str, b: str) -> float:
    """How alike two texts are, from 0 to 1 (rapidfuzz's normalised Indel ratio)."""
    if a == b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _longest_increasing(indices: list[int]) -> set[int]:
    """Positions (into ``indices``) of a longest strictly increasing subsequence."""
    tails: list[int] = []
    tail_pos: list[int] = []
    previous = [-1] * len(indices)
    for pos, value in enumerate(indices):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(pos)
        else:
            tails[k] = value
            tail_pos[k] = pos
        previous[pos] = tail_pos[k - 1] if k > 0 else -1
    keep: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos >= 0:
        keep.add(pos)
        pos = previous[pos]
    return keep


def align(old: Document, new: Document) -> Alignment:
    """Align ``old`` and ``new``; see the module docstring."""
    a, b = flatten(old), flatten(new)
    match_new: dict[int, int] = {}  # new index -> old index
    sims: dict[int, float] = {}
    used_old: set[int] = set()

    # 1. same full eId, same content
    old_by_eid = {n.unit.eid: n for n in a}
    for n in b:
        o = old_by_eid.get(n.unit.eid)
        if o is not None and o.index not in used_old and o.unit.kind is n.unit.kind and o.content == n.content:
            match_new[n.index] = o.index
            sims[n.index] = 1.0
            used_old.add(o.index)

    # 2. same content elsewhere (nearest in relative position wins)
    by_content: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for o in a:
        if o.index not in used_old and o.body:
            by_content[(o.unit.kind.value, o.body)].append(o)
    scale = len(a) / len(b) if b else 1.0
    for n in b:
        if n.index in match_new or not n.body:
            continue
        candidates = [o for o in by_content.get((n.unit.kind.value, n.body), []) if o.index not in used_old]
        if not candidates:
            continue
        expected = n.index * scale
        best = min(candidates, key=lambda o: (o.unit.num != n.unit.num, abs(o.index - expected)))
        match_new[n.index] = best.index
        sims[n.index] = 1.0
        used_old.add(best.index)

    # 3. same full eId, amended
    for n in b:
        if n.index in match_new:
            continue
        o = old_by_eid.get(n.unit.eid)
        if o is None or o.index in used_old or o.unit.kind is not n.unit.kind:
            continue
        score = similarity(o.body, n.body) if (o.body or n.body) else 1.0
        if score >= ADDRESS_MIN_SIMILARITY or o.unit.children or n.unit.children:
            match_new[n.index] = o.index
            sims[n.index] = score
            used_old.add(o.index)

    # 4. similar content elsewhere, same kind
    remaining_old: dict[str, list[Node]] = defaultdict(list)
    for o in a:
        if o.index not in used_old and o.body:
            remaining_old[o.unit.kind.value].append(o)
    for n in b:
        if n.index in match_new or not n.body:
            continue
        pool = [o for o in remaining_old.get(n.unit.kind.value, []) if o.index not in used_old]
        if not pool:
            continue
        if len(pool) > FUZZY_WINDOW_ABOVE:
            expected = n.index * scale
            pool = [o for o in pool if abs(o.index - expected) <= FUZZY_WINDOW]
        found = process.extractOne(
            n.body, {i: o.body for i, o in enumerate(pool)}, scorer=fuzz.ratio, score_cutoff=MOVE_SIMILARITY * 100
        )
        if found is None:
            continue
        o = pool[found[2]]
        match_new[n.index] = o.index
        sims[n.index] = found[1] / 100.0
        used_old.add(o.index)

    # order: which matched pairs kept their relative order
    ordered_new = sorted(match_new)
    in_order = {ordered_new[p] for p in _longest_increasing([match_new[i] for i in ordered_new])}

    pairs_by_new: dict[int, Pair] = {}
    for ni, oi in match_new.items():
        o, n = a[oi], b[ni]
        renumbered = (o.unit.num or "") != (n.unit.num or "")
        moved = o.parent != n.parent and _parent_num(old_by_eid, o.parent) != _parent_num({x.unit.eid: x for x in b}, n.parent)
        moved = moved or ni not in in_order
        text_changed = o.content != n.content and (o.body != n.body or not renumbered)
        if n.unit.status is Status.EXCLUDED and o.unit.status is not Status.EXCLUDED:
            kind = "excluded"
        elif moved:
            kind = "moved"
        elif renumbered:
            kind = "renumbered"
        elif o.content != n.content or o.unit.status is not n.unit.status:
            kind = "changed"
        else:
            kind = "same"
        pairs_by_new[ni] = Pair(o, n, kind, sims[ni], renumbered, moved, text_changed)

    # merge: new order, deletions after their old predecessor's pair
    old_to_new = {oi: ni for ni, oi in match_new.items()}
    deleted_after: dict[int, list[Node]] = defaultdict(list)  # new index (or -1) -> deleted old nodes
    last_new = -1
    for o in a:
        if o.index in old_to_new:
            last_new = max(last_new, old_to_new[o.index]) if old_to_new[o.index] in in_order else last_new
            continue
        deleted_after[last_new].append(o)
    pairs: list[Pair] = [Pair(o, None, "deleted", 0.0) for o in deleted_after.get(-1, [])]
    for n in b:
        pair = pairs_by_new.get(n.index) or Pair(None, n, "inserted", 0.0)
        pairs.append(pair)
        pairs.extend(Pair(o, None, "deleted", 0.0) for o in deleted_after.get(n.index, []))
    return Alignment(tuple(pairs), len(match_new), len(a), len(b))


def _parent_num(index: dict[str, Node], parent: str) -> tuple[str, str | None] | None:
    """A parent identified by kind and number, so that a renumbered chapter is not a move."""
    node = index.get(parent)
    if node is None:
        return None
    return (node.unit.kind.value, node.unit.num)
