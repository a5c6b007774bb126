"""Align two clause trees unit by unit: what stayed, changed, moved, came and went.

Both versions are flattened into their units in document order, and each unit
is compared by its *own* content (heading and text, without its label, so that
a renumbered unit still compares equal; children are units of their own).
Matching runs in three stages, from the surest to the most speculative:

1. **In order, same words** — a patience diff of the two unit sequences: common
   runs at both ends, then units whose content occurs exactly once in each
   version as anchors, kept only where they are in the same order (the
   heaviest increasing chain, weighted by the length of their text, so that one
   long paragraph that moved does not pull hundreds of others out of order),
   recursively between anchors. Boilerplate texts that occur many times
   («исключен;», "the expiration of the identity document;") are matched only
   here, between their neighbours, never across the document.
2. **In order, similar words** — in each gap left between matched units, the
   units of one kind are paired by similarity, best pairs first, keeping the
   order: at least :data:`GAP_SIMILARITY` alike, or :data:`ADDRESS_MIN_SIMILARITY`
   for a unit at the same place (the same number under the matching parent). A
   unit that became an «исключен» placeholder is paired with its old wording at
   the same place whatever the similarity.
3. **Out of order** — what is left may have moved. A unit is matched across the
   document when its number and words occur exactly once in each version (at
   least :data:`MOVE_MIN_NUMBERED_CHARS` characters), or when its words are at
   least :data:`MOVE_MIN_CHARS` characters long and *distinctive* and either
   occur once in each version or are :data:`MOVE_SIMILARITY` alike to one unit
   of the same kind. Distinctive: no other unit of the kind, in either version,
   reads that much alike — a text with near-duplicates (a list item taken from
   a form, a boilerplate clause) is as likely a new unit that happens to read
   like an old one. Containers (articles, chapters) compare by the text of
   their whole subtree, and once a container is matched its descendants are
   aligned with it ("carried") rather than reported as moves of their own.

What is left is deleted (old only) or inserted (new only). A matched pair is
*renumbered* when its number changed; *moved* when it left the order of the
other matched units (only the top unit of a moved subtree is flagged);
*reparented* when it kept its place in the text but now belongs to another
parent (a paragraph was inserted between a chapeau and its items, or a
chapter heading was inserted above it) — which is not a move; and *excluded*
when it became an «исключен» placeholder.

The result lists pairs in the order of the new version, each deleted unit
placed after the pair that preceded it in the old version. Costs are bounded:
a gap with more than :data:`GAP_PAIR_LIMIT` candidate pairs is paired only
within :data:`GAP_BAND` units of its diagonal, and a pool of more than
:data:`FUZZY_WINDOW_ABOVE` move candidates is searched only within
:data:`FUZZY_WINDOW` units of the expected place; :attr:`Alignment.notes` says
when that happened.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

from lexamend.model import CONTAINER_KINDS, Document, Kind, Status, Unit, walk_with_parents

#: Units at the same place (same kind and number under the matching parent) whose contents are less alike
#: than this are a deletion plus an insertion.
ADDRESS_MIN_SIMILARITY = 0.35
#: Units at different places inside one gap between matched units are the same unit (amended, maybe
#: renumbered) from this similarity up.
GAP_SIMILARITY = 0.60
#: Units out of order are the same unit (moved, maybe amended) from this similarity up.
MOVE_SIMILARITY = 0.80
#: Units whose content (a container's: its whole subtree's) is shorter than this many characters are never
#: matched out of order: short texts recur by chance ("the expiration of the identity document;").
MOVE_MIN_CHARS = 60
#: A numbered unit whose number and words occur once in each version is matched out of order from this many
#: characters of text up ("5) исключен;" is too short to tell one placeholder from another).
MOVE_MIN_NUMBERED_CHARS = 20
#: Above this many candidate pairs (old units × new units) in one gap, similar units are paired only near
#: the gap's diagonal.
GAP_PAIR_LIMIT = 250_000
#: How far (in units) from the diagonal a large gap is searched for similar units.
GAP_BAND = 200
#: Above this many unmatched units of one kind, move candidates are looked for only near the expected place.
FUZZY_WINDOW_ABOVE = 4000
#: How far (in units) from the expected place the windowed move search looks on either side.
FUZZY_WINDOW = 400

#: Kinds whose identity, for a move, is the text of their whole subtree.
_SUBTREE_KINDS = CONTAINER_KINDS | {Kind.ARTICLE, Kind.ANNEX, Kind.ATTACHMENT, Kind.PREAMBLE}

Fold = Callable[[str], str]


@dataclass(frozen=True)
class Node:
    """A unit in document order, with its parent's eId, its position and its ancestors."""

    unit: Unit
    parent: str
    index: int
    parents: tuple[Unit, ...] = ()

    @property
    def content(self) -> str:
        u = self.unit
        return " ".join(p for p in (u.label or "", u.heading or "", u.text) if p)

    @property
    def body(self) -> str:
        """Content without the label: what similarity is measured on."""
        u = self.unit
        return " ".join(p for p in (u.heading or "", u.text) if p)

    @property
    def path(self) -> tuple[Unit, ...]:
        """The unit with its ancestors, outermost first (what citations are made from)."""
        return (*self.parents, self.unit)


@dataclass(frozen=True)
class Pair:
    """Two versions of a unit, or one of them alone.

    ``kind`` is the headline: same | changed | renumbered | moved | excluded |
    inserted | deleted; the flags say everything that applies (a moved unit may
    also be renumbered and amended). ``reparented`` marks a unit that kept its
    place in the text under another parent; ``carried`` one that moved with a
    moved ancestor.
    """

    old: Node | None
    new: Node | None
    kind: str
    similarity: float = 1.0
    renumbered: bool = False
    moved: bool = False
    text_changed: bool = False
    reparented: bool = False
    carried: bool = False

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
    notes: tuple[str, ...] = field(default=())

    @property
    def ratio(self) -> float:
        """Share of units matched (1.0: same structure; near 0: unrelated documents)."""
        largest = max(self.old_count, self.new_count)
        return self.matched / largest if largest else 1.0

    def changes(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.kind != "same")


def flatten(doc: Document) -> list[Node]:
    """Every unit of a document, in order, with its parent's eId and its ancestors."""
    return [
        Node(a.unit, a.parents[-1].eid if a.parents else "", i, a.parents)
        for i, a in enumerate(walk_with_parents(doc.units))
    ]


def similarity(a: str, b: str) -> float:
    """How alike two texts are, from 0 to 1 (rapidfuzz's normalised Indel ratio)."""
    if a == b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _identity(text: str) -> str:
    return text


# -- increasing chains ---------------------------------------------------------------


def longest_increasing(indices: list[int]) -> set[int]:
    """Positions (into ``indices``) of a longest strictly increasing subsequence."""
    return _heaviest_increasing(indices, [1] * len(indices))


def _heaviest_increasing(values: Sequence[int], weights: Sequence[int]) -> set[int]:
    """Positions of a strictly increasing subsequence of ``values`` with the largest total weight.

    A Fenwick tree over the ranks of the values keeps, for each prefix of
    ranks, the best chain ending below it: O(n log n).
    """
    n = len(values)
    if not n:
        return set()
    ranks = {v: r + 1 for r, v in enumerate(sorted(set(values)))}
    size = len(ranks)
    tree_best = [0] * (size + 1)
    tree_pos = [-1] * (size + 1)
    previous = [-1] * n
    total = [0] * n
    for pos, value in enumerate(values):
        r = ranks[value] - 1  # best chain over ranks < r+1
        best, best_pos = 0, -1
        while r > 0:
            if tree_best[r] > best:
                best, best_pos = tree_best[r], tree_pos[r]
            r -= r & -r
        total[pos] = best + weights[pos]
        previous[pos] = best_pos
        r = ranks[value]
        while r <= size:
            if total[pos] > tree_best[r]:
                tree_best[r], tree_pos[r] = total[pos], pos
            r += r & -r
    end = max(range(n), key=lambda p: (total[p], -p))
    keep: set[int] = set()
    while end >= 0:
        keep.add(end)
        end = previous[end]
    return keep


# -- the aligner -------------------------------------------------------------------------


class _Aligner:
    """One alignment run: the two node lists, their keys, and the matches found so far."""

    def __init__(self, old: Document, new: Document, fold: Fold) -> None:
        self.a = flatten(old)
        self.b = flatten(new)
        self.fold = fold
        self.body_a = [fold(n.body) for n in self.a]
        self.body_b = [fold(n.body) for n in self.b]
        self.key_a = [self._key(n, body) for n, body in zip(self.a, self.body_a, strict=True)]
        self.key_b = [self._key(n, body) for n, body in zip(self.b, self.body_b, strict=True)]
        # Numbered keys decide between equal texts: of two items "1) X;" "2) X;", the one deleted is
        # the one whose number is gone.
        self.numbered_a = [(k, n.unit.num or "") for k, n in zip(self.key_a, self.a, strict=True)]
        self.numbered_b = [(k, n.unit.num or "") for k, n in zip(self.key_b, self.b, strict=True)]
        self.parent_a = self._parent_index(self.a)
        self.parent_b = self._parent_index(self.b)
        self.match: dict[int, int] = {}  # new index -> old index
        self.back: dict[int, int] = {}  # old index -> new index
        self.sims: dict[int, float] = {}
        self.in_order: set[int] = set()  # new indices matched in stages 1-2
        self.carried: set[int] = set()  # new indices matched along with a moved ancestor
        self.notes: list[str] = []
        self._texts_cache: dict[tuple[str, Kind], tuple[list[int], list[int], list[str]]] = {}

    @staticmethod
    def _key(node: Node, body: str) -> Hashable:
        unit = node.unit
        if body:
            return (unit.kind.value, body)
        return (unit.kind.value, "", unit.num or "")

    @staticmethod
    def _parent_index(nodes: list[Node]) -> list[int]:
        parents = []
        stack: list[int] = []
        for node in nodes:
            del stack[len(node.parents) :]
            parents.append(stack[-1] if stack else -1)
            stack.append(node.index)
        return parents

    def _add(self, i: int, j: int, score: float, *, in_order: bool) -> None:
        self.match[j] = i
        self.back[i] = j
        self.sims[j] = score
        if in_order:
            self.in_order.add(j)

    # stage 1 -------------------------------------------------------------------------

    def exact_in_order(self, alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int, int, int]]:
        """Patience diff with numbered keys, then with plain keys inside the gaps; returns the gaps left."""
        gaps: list[tuple[int, int, int, int]] = []
        for gap in self._patience(self.numbered_a, self.numbered_b, alo, ahi, blo, bhi):
            gaps.extend(self._patience(self.key_a, self.key_b, *gap))
        return sorted(gaps)

    def _patience(
        self, ka: Sequence[Hashable], kb: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
    ) -> list[tuple[int, int, int, int]]:
        """Patience diff of two key sequences over a range; returns the gaps it leaves."""
        gaps: list[tuple[int, int, int, int]] = []
        stack = [(alo, ahi, blo, bhi)]
        while stack:
            alo, ahi, blo, bhi = stack.pop()
            while alo < ahi and blo < bhi and ka[alo] == kb[blo] and alo not in self.back and blo not in self.match:
                self._add(alo, blo, 1.0, in_order=True)
                alo, blo = alo + 1, blo + 1
            while alo < ahi and blo < bhi and ka[ahi - 1] == kb[bhi - 1] and ahi - 1 not in self.back and bhi - 1 not in self.match:
                ahi, bhi = ahi - 1, bhi - 1
                self._add(ahi, bhi, 1.0, in_order=True)
            if alo >= ahi or blo >= bhi:
                if alo < ahi or blo < bhi:
                    gaps.append((alo, ahi, blo, bhi))
                continue
            count_a = Counter(ka[i] for i in range(alo, ahi) if i not in self.back)
            count_b = Counter(kb[j] for j in range(blo, bhi) if j not in self.match)
            unique_a = {ka[i]: i for i in range(alo, ahi) if count_a[ka[i]] == 1 and count_b.get(ka[i]) == 1 and i not in self.back}
            anchors = [(unique_a[kb[j]], j) for j in range(blo, bhi) if kb[j] in unique_a and j not in self.match]
            if not anchors:
                gaps.append((alo, ahi, blo, bhi))
                continue
            chain = sorted(
                anchors[p]
                for p in _heaviest_increasing([i for i, _ in anchors], [len(self.body_a[i]) + 1 for i, _ in anchors])
            )
            previous_a, previous_b = alo, blo
            ranges = []
            for i, j in chain:
                self._add(i, j, 1.0, in_order=True)
                ranges.append((previous_a, i, previous_b, j))
                previous_a, previous_b = i + 1, j + 1
            ranges.append((previous_a, ahi, previous_b, bhi))
            stack.extend(r for r in reversed(ranges) if r[0] < r[1] or r[2] < r[3])
        return sorted(gaps)

    # stage 2 -------------------------------------------------------------------------

    def pair_gap(self, alo: int, ahi: int, blo: int, bhi: int) -> None:
        """Pair the units of one gap: repeated texts in order first, then similar units in order."""
        olds = [i for i in range(alo, ahi) if i not in self.back]
        news = [j for j in range(blo, bhi) if j not in self.match]
        if not olds or not news:
            return
        for ka, kb in ((self.numbered_a, self.numbered_b), (self.key_a, self.key_b)):
            if not olds or not news or len(olds) * len(news) > GAP_PAIR_LIMIT:
                break
            matcher = SequenceMatcher(None, [ka[i] for i in olds], [kb[j] for j in news], autojunk=False)
            for block in matcher.get_matching_blocks():
                for k in range(block.size):
                    self._add(olds[block.a + k], news[block.b + k], 1.0, in_order=True)
            olds = [i for i in olds if i not in self.back]
            news = [j for j in news if j not in self.match]
        self._pair_similar(olds, news)

    def _same_place(self, i: int, j: int) -> bool:
        """Same kind and number, under parents that are matched to each other (or at the top)."""
        o, n = self.a[i].unit, self.b[j].unit
        if o.kind is not n.kind or (o.num or "") != (n.num or ""):
            return False
        if o.eid == n.eid:
            return True
        pa, pb = self.parent_a[i], self.parent_b[j]
        return (pa < 0 and pb < 0) or (pa >= 0 and self.back.get(pa) == pb)

    def _pair_similar(self, olds: list[int], news: list[int]) -> None:
        if not olds or not news:
            return
        banded = len(olds) * len(news) > GAP_PAIR_LIMIT
        if banded:
            self.notes.append(
                f"a gap of {len(olds)} old × {len(news)} new units was paired only within {GAP_BAND} units of its diagonal"
            )
        scale = len(olds) / len(news)
        position = {i: k for k, i in enumerate(olds)}
        candidates: list[tuple[float, float, int, int, float]] = []
        for jpos, j in enumerate(news):
            n = self.b[j]
            if banded:
                centre = int(jpos * scale)
                pool = olds[max(0, centre - GAP_BAND) : centre + GAP_BAND + 1]
            else:
                pool = olds
            for i in pool:
                o = self.a[i]
                if o.unit.kind is not n.unit.kind:
                    continue
                place = self._same_place(i, j)
                cutoff = ADDRESS_MIN_SIMILARITY if place else GAP_SIMILARITY
                score = similarity(self.body_a[i], self.body_b[j])
                if score < cutoff:
                    becomes_placeholder = n.unit.status is not Status.IN_FORCE and o.unit.status is Status.IN_FORCE
                    if not (place and (becomes_placeholder or o.unit.children or n.unit.children)):
                        continue
                # Units at their own place first, then by similarity, then the nearest to the diagonal.
                rank = score + (1.0 if place else 0.0)
                distance = abs(position[i] / len(olds) - jpos / len(news))
                candidates.append((-rank, distance, i, j, score))
        candidates.sort()
        taken_i: list[int] = []
        taken_j: list[int] = []
        for _, _, i, j, score in candidates:
            if i in self.back or j in self.match:
                continue
            k = bisect_left(taken_i, i)
            if (k > 0 and taken_j[k - 1] >= j) or (k < len(taken_j) and taken_j[k] <= j):
                continue
            insort(taken_i, i)
            taken_j.insert(k, j)
            self._add(i, j, score, in_order=True)

    # stage 3 -------------------------------------------------------------------------

    def _subtree(self, nodes: list[Node], index: int) -> range:
        depth = len(nodes[index].parents)
        end = index + 1
        while end < len(nodes) and len(nodes[end].parents) > depth:
            end += 1
        return range(index, end)

    def _deep(self, nodes: list[Node], bodies: list[str], index: int) -> str:
        return " ".join(bodies[k] for k in self._subtree(nodes, index) if bodies[k])

    def _identity_text(self, side: str, index: int) -> str:
        nodes, bodies = (self.a, self.body_a) if side == "a" else (self.b, self.body_b)
        node = nodes[index]
        if node.unit.kind in _SUBTREE_KINDS and node.unit.children:
            return self._deep(nodes, bodies, index)
        return bodies[index]

    def moves(self) -> None:
        """Stage 3: match what is left out of order, containers first.

        Three tests, each on a unit's identity text (a container's: its
        subtree's): the same number and words, occurring once in each version;
        the same words, long and distinctive, occurring once in each version;
        or similar words, long and distinctive. *Distinctive*: no other unit of
        the kind in either version is :data:`MOVE_SIMILARITY` alike — a text
        with near-duplicates (a list item from a form, a boilerplate clause) is
        as likely to be a new unit that happens to read like an old one.
        """
        left_a = [i for i in range(len(self.a)) if i not in self.back]
        left_b = [j for j in range(len(self.b)) if j not in self.match]
        if not left_a or not left_b:
            return
        ident_a = [self._identity_text("a", i) for i in range(len(self.a))]
        ident_b = [self._identity_text("b", j) for j in range(len(self.b))]
        kinds_a = [n.unit.kind.value for n in self.a]
        kinds_b = [n.unit.kind.value for n in self.b]
        nums_a = [n.unit.num for n in self.a]
        nums_b = [n.unit.num for n in self.b]
        by_depth = sorted(left_b, key=lambda j: (len(self.b[j].parents), j))

        # 1. Same number and words (a paragraph moved with its document-wide number).
        count_a = Counter(zip(kinds_a, nums_a, ident_a, strict=True))
        count_b = Counter(zip(kinds_b, nums_b, ident_b, strict=True))
        old_by_key = {(kinds_a[i], nums_a[i], ident_a[i]): i for i in left_a if nums_a[i]}
        for j in by_depth:
            key = (kinds_b[j], nums_b[j], ident_b[j])
            if j in self.match or not nums_b[j] or len(ident_b[j]) < MOVE_MIN_NUMBERED_CHARS:
                continue
            i = old_by_key.get(key)
            if i is not None and i not in self.back and count_a[key] == 1 and count_b[key] == 1:
                self._add(i, j, 1.0, in_order=False)
                self._carry(i, j)

        # 2. Same words, long and distinctive.
        plain_a = Counter(zip(kinds_a, ident_a, strict=True))
        plain_b = Counter(zip(kinds_b, ident_b, strict=True))
        old_by_text = {(kinds_a[i], ident_a[i]): i for i in left_a}
        for j in by_depth:
            key = (kinds_b[j], ident_b[j])
            if j in self.match or len(ident_b[j]) < MOVE_MIN_CHARS or plain_a[key] != 1 or plain_b[key] != 1:
                continue
            i = old_by_text.get(key)
            if i is not None and i not in self.back and self._distinct(i, j, ident_a, ident_b):
                self._add(i, j, 1.0, in_order=False)
                self._carry(i, j)

        # 3. Similar words, long and distinctive: the best candidate of the same kind.
        pools: dict[str, list[int]] = defaultdict(list)
        for i in left_a:
            if i not in self.back and len(ident_a[i]) >= MOVE_MIN_CHARS:
                pools[kinds_a[i]].append(i)
        scale = len(self.a) / len(self.b) if self.b else 1.0
        windowed: set[str] = set()
        for j in by_depth:
            if j in self.match or len(ident_b[j]) < MOVE_MIN_CHARS:
                continue
            kind = kinds_b[j]
            pool = [i for i in pools.get(kind, []) if i not in self.back]
            if not pool:
                continue
            if len(pool) > FUZZY_WINDOW_ABOVE:
                if kind not in windowed:
                    windowed.add(kind)
                    self.notes.append(
                        f"{len(pool)} unmatched {kind} units: moves were looked for only within {FUZZY_WINDOW} units of the expected place"
                    )
                expected = j * scale
                pool = [i for i in pool if abs(i - expected) <= FUZZY_WINDOW]
                if not pool:
                    continue
            found = process.extractOne(
                ident_b[j], {i: ident_a[i] for i in pool}, scorer=fuzz.ratio, score_cutoff=MOVE_SIMILARITY * 100
            )
            if found is None or not self._distinct(found[2], j, ident_a, ident_b):
                continue
            i = found[2]
            self._add(i, j, similarity(self.body_a[i], self.body_b[j]), in_order=False)
            self._carry(i, j)

    def _distinct(self, i: int, j: int, ident_a: list[str], ident_b: list[str]) -> bool:
        """No unit of the kind but ``i`` (old) and ``j`` (new) reads like them (see :meth:`moves`)."""
        kind = self.a[i].unit.kind
        for side, ident, own in (("a", ident_a, i), ("b", ident_b, j)):
            lengths, indices, texts = self._kind_texts(side, ident, kind)
            text = ident[own]
            # Two texts are MOVE_SIMILARITY alike only if the shorter is at least this share of the longer.
            floor = MOVE_SIMILARITY / (2 - MOVE_SIMILARITY)
            lo = bisect_left(lengths, int(len(text) * floor))
            hi = bisect_left(lengths, int(len(text) / floor) + 1)
            hits = process.extract(text, texts[lo:hi], scorer=fuzz.ratio, score_cutoff=MOVE_SIMILARITY * 100, limit=2)
            if any(indices[lo + position] != own for _, _, position in hits):
                return False
        return True

    def _kind_texts(self, side: str, ident: list[str], kind: Kind) -> tuple[list[int], list[int], list[str]]:
        """The identity texts of one kind on one side, sorted by length (lengths, node indices, texts)."""
        cached = self._texts_cache.get((side, kind))
        if cached is None:
            nodes = self.a if side == "a" else self.b
            ordered = sorted((len(ident[n.index]), n.index) for n in nodes if n.unit.kind is kind)
            cached = ([length for length, _ in ordered], [index for _, index in ordered], [ident[index] for _, index in ordered])
            self._texts_cache[(side, kind)] = cached
        return cached

    def _carry(self, i: int, j: int) -> None:
        """Align the descendants of a unit matched out of order with it."""
        sub_a = self._subtree(self.a, i)
        sub_b = self._subtree(self.b, j)
        if len(sub_a) == 1 or len(sub_b) == 1:
            return
        before = set(self.match)
        gaps = self.exact_in_order(sub_a.start + 1, sub_a.stop, sub_b.start + 1, sub_b.stop)
        for gap in gaps:
            self.pair_gap(*gap)
        for k in set(self.match) - before:
            self.in_order.discard(k)
            self.carried.add(k)

    # result --------------------------------------------------------------------------

    def run(self) -> Alignment:
        for gap in self.exact_in_order(0, len(self.a), 0, len(self.b)):
            self.pair_gap(*gap)
        self.moves()
        return self._result()

    def _result(self) -> Alignment:
        a, b = self.a, self.b
        # Which matched pairs keep the order: everything matched in order, and any later match that fits in.
        ordered_new = sorted(self.match)
        weights = [10**9 if j in self.in_order else len(self.body_b[j]) + 1 for j in ordered_new]
        keep = _heaviest_increasing([self.match[j] for j in ordered_new], weights)
        in_place = {ordered_new[p] for p in keep}
        pairs_by_new: dict[int, Pair] = {}
        for j, i in self.match.items():
            o, n = a[i], b[j]
            pa, pb = self.parent_a[i], self.parent_b[j]
            parents_match = (pa < 0 and pb < 0) or (pa >= 0 and self.back.get(pa) == pb)
            carried = j in self.carried and parents_match
            moved = not carried and j not in in_place
            reparented = not moved and not carried and not parents_match
            renumbered = (o.unit.num or "") != (n.unit.num or "")
            text_changed = self.body_a[i] != self.body_b[j]
            if n.unit.status is Status.EXCLUDED and o.unit.status is not Status.EXCLUDED:
                kind = "excluded"
            elif moved:
                kind = "moved"
            elif renumbered:
                kind = "renumbered"
            elif text_changed or o.unit.status is not n.unit.status:
                kind = "changed"
            else:
                kind = "same"
            pairs_by_new[j] = Pair(o, n, kind, self.sims[j], renumbered, moved, text_changed, reparented, carried)

        # merge: new order, deletions after their old predecessor's pair
        deleted_after: dict[int, list[Node]] = defaultdict(list)  # new index (or -1) -> deleted old nodes
        last_new = -1
        for o in a:
            j = self.back.get(o.index)
            if j is not None:
                if j in in_place or j in self.carried:
                    last_new = max(last_new, j)
                continue
            deleted_after[last_new].append(o)
        pairs: list[Pair] = [Pair(o, None, "deleted", 0.0) for o in deleted_after.get(-1, [])]
        for n in b:
            pairs.append(pairs_by_new.get(n.index) or Pair(None, n, "inserted", 0.0))
            pairs.extend(Pair(o, None, "deleted", 0.0) for o in deleted_after.get(n.index, []))
        return Alignment(tuple(pairs), len(self.match), len(a), len(b), tuple(self.notes))


def align(old: Document, new: Document, *, fold: Fold | None = None) -> Alignment:
    """Align ``old`` and ``new``; see the module docstring.

    ``fold`` normalises texts before they are compared (``str.casefold`` for
    ``--ignore-case``; a whitespace remover for ``--ignore-space``).
    """
    return _Aligner(old, new, fold or _identity).run()
