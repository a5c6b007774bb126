"""Which block of the old version is which block of the new one: anchors, then pairs inside each changed stretch.

Pure functions on keys and texts; no XML. Used for every story compared by
:mod:`lexamend.render.redline.compare` — the body, table rows, cells, text
boxes, notes, headers:

1. :func:`common_blocks` anchors the blocks whose exact markup is equal (a
   patience diff, unique keys first); identical blocks are "same" in any
   alignment, so nothing is lost by not reading their text;
2. :func:`pair_stretch` pairs what is left between two anchors: tables with
   tables and rows with rows by their text (:data:`TABLE_MIN_SIMILARITY`),
   content controls by tag and alias; then, between those pairs, paragraphs
   of equal text, then — for a one-for-one stretch — one amended
   paragraph when its wordings are at least :data:`PAIR_MIN_SIMILARITY` alike,
   and for longer stretches an alignment of the stretch's paragraphs parsed
   into clause trees (:func:`lexamend.diff.align.align`: number, then
   similarity). Pairs of all kinds are kept in order
   (:func:`~lexamend.render.redline.plan.monotone`).

A block without a partner is deleted (old) or inserted (new).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from itertools import pairwise

from lexamend.render.redline.plan import line_ops, monotone, similarity

#: A one-for-one changed stretch is one amended paragraph when at least this share of its words
#: is unchanged (:func:`~lexamend.render.redline.plan.similarity`); otherwise it is a deletion and
#: an insertion. The same value as :data:`lexamend.diff.align.ADDRESS_MIN_SIMILARITY`, which is
#: not imported here because it would load the aligner (and rapidfuzz) for every run; a test
#: keeps the two equal.
PAIR_MIN_SIMILARITY = 0.35
#: Two tables (or two rows) in one changed stretch are the same one, amended, from this share of
#: unchanged words up; a stretch with one table (row) on each side pairs them whatever their text
#: (a comparative table whose every row was rewritten is still that table; a row between two
#: unchanged rows whose cells were all restated is still that row, its cells compared one by one).
TABLE_MIN_SIMILARITY = 0.35
#: Above this many candidate pairs (old × new) in one stretch, tables and rows are paired only in
#: order of position (their similarities are not all computed).
SIMILARITY_PAIR_LIMIT = 2500
#: Paragraphs left unpaired by the clause alignment are compared word by word, pair by pair, up
#: to this many candidate pairs (each is a word diff).
LEFTOVER_PAIR_LIMIT = 400


class Block:
    """What pairing needs to know about one block: its kind, its exact key, and its text (read when asked).

    ``read`` turns ``element`` into text and ``labels`` (block index → label)
    gives the automatic numbering label Word shows before a paragraph; both are
    shared by all blocks of a story, so that describing thousands of blocks costs nothing.
    """

    __slots__ = ("_kind", "key", "element", "index", "_read", "_labels", "_text", "_name")

    def __init__(
        self,
        kind: str | Callable[[object], str],
        key: bytes,
        element: object,
        read: Callable[[object], str],
        *,
        index: int = 0,
        labels: Callable[[int], str | None] | None = None,
        name: tuple[str, str] | Callable[[object], tuple[str, str]] = ("", ""),
    ) -> None:
        self._kind = kind  # "paragraph" | "table" | "row" | "control", or how to tell it from the element
        self.key = key
        self.element = element
        self.index = index
        self._read = read
        self._labels = labels
        self._text: str | None = None
        self._name = name  # a content control's (tag, alias), or how to read it

    @property
    def kind(self) -> str:
        if callable(self._kind):
            self._kind = self._kind(self.element)
        return self._kind

    @property
    def name(self) -> tuple[str, str]:
        if callable(self._name):
            self._name = self._name(self.element)
        return self._name

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._read(self.element)
        return self._text

    def label(self) -> str | None:
        return self._labels(self.index) if self._labels is not None and self.kind == "paragraph" else None


def common_blocks(a: Sequence[bytes], b: Sequence[bytes]) -> list[tuple[int, int]]:
    """Pairs of equal keys in the same order: a patience diff (unique keys first), then their neighbours.

    Keys that occur once in each version are matched and the longest run of
    them in the same order kept; each anchor is extended to the equal keys
    around it; stretches left between anchors are matched by
    :class:`difflib.SequenceMatcher`, which is quadratic only in their (small) size.

    >>> common_blocks([b"a", b"x", b"b", b"c"], [b"a", b"b", b"y", b"c"])
    [(0, 0), (2, 1), (3, 3)]
    """
    count_a: dict[bytes, int] = {}
    for key in a:
        count_a[key] = count_a.get(key, 0) + 1
    count_b: dict[bytes, int] = {}
    where_b: dict[bytes, int] = {}
    for j, key in enumerate(b):
        count_b[key] = count_b.get(key, 0) + 1
        where_b[key] = j
    unique = [(i, where_b[key]) for i, key in enumerate(a) if count_a[key] == 1 and count_b.get(key) == 1]
    anchors = monotone(unique)
    matched: list[tuple[int, int]] = []
    i = j = 0
    for ai, aj in [*anchors, (len(a), len(b))]:
        # extend forward from the previous anchor and backward from this one, then match what is left
        lo_i, lo_j = i, j
        while lo_i < ai and lo_j < aj and a[lo_i] == b[lo_j]:
            matched.append((lo_i, lo_j))
            lo_i, lo_j = lo_i + 1, lo_j + 1
        hi_i, hi_j = ai, aj
        tail: list[tuple[int, int]] = []
        while hi_i > lo_i and hi_j > lo_j and a[hi_i - 1] == b[hi_j - 1]:
            hi_i, hi_j = hi_i - 1, hi_j - 1
            tail.append((hi_i, hi_j))
        if hi_i > lo_i and hi_j > lo_j:
            gap = SequenceMatcher(None, a[lo_i:hi_i], b[lo_j:hi_j], autojunk=False)
            for x, y, size in gap.get_matching_blocks():
                matched.extend((lo_i + x + k, lo_j + y + k) for k in range(size))
        matched.extend(reversed(tail))
        if ai < len(a):
            matched.append((ai, aj))
        i, j = ai + 1, aj + 1
    return matched


def hunks(anchors: list[tuple[int, int]], size_a: int, size_b: int) -> list[tuple[int, int, int, int]]:
    """The stretches (i1, i2, j1, j2) between anchors."""
    out: list[tuple[int, int, int, int]] = []
    i = j = 0
    for ai, aj in [*anchors, (size_a, size_b)]:
        if ai > i or aj > j:
            out.append((i, ai, j, aj))
        i, j = ai + 1, aj + 1
    return out


def pair_stretch(
    old: Sequence[Block],
    new: Sequence[Block],
    hunk: tuple[int, int, int, int],
    diffs: dict[tuple[int, int], tuple[tuple[str, str], ...]],
    *,
    lang: str | None = None,
    skip: Callable[[int], bool] | None = None,
    cell: bool = False,
) -> list[tuple[int, int]]:
    """Pairs of blocks that are one block in both versions, inside one changed stretch (in order).

    ``skip`` names old blocks that take no part (already deleted by another
    author). Word diffs computed on the way are kept in ``diffs``. In a table
    cell (``cell``) a one-for-one stretch of paragraphs is one amended paragraph
    whatever its text, as rows and tables are: the cell is that cell, and its
    last paragraph mark cannot be deleted anyway, so a deletion and an insertion
    would only add markup.
    """
    i1, i2, j1, j2 = hunk
    pairs: list[tuple[int, int]] = []
    old_kinds: dict[str, list[int]] = {}
    for i in range(i1, i2):
        if not (skip and skip(i)):
            old_kinds.setdefault(old[i].kind, []).append(i)
    new_kinds: dict[str, list[int]] = {}
    for j in range(j1, j2):
        new_kinds.setdefault(new[j].kind, []).append(j)
    for kind, olds in old_kinds.items():
        news = new_kinds.get(kind, [])
        if not news or kind == "paragraph":
            continue
        if kind == "control":
            pairs.extend(_pair_controls(old, new, olds, news))
        else:
            pairs.extend(_pair_similar(old, new, olds, news))
    pairs = monotone(pairs)
    olds, news = old_kinds.get("paragraph", []), new_kinds.get("paragraph", [])
    if olds and news:
        # Paragraphs are paired between the tables and controls that stay, never across them: a
        # paragraph before a table is not the amended paragraph after it (which would delete and
        # insert the table in between).
        bounds = [(i1 - 1, j1 - 1), *pairs, (i2, j2)]
        for (a0, b0), (a1, b1) in pairwise(bounds):
            some_old = [i for i in olds if a0 < i < a1]
            some_new = [j for j in news if b0 < j < b1]
            if some_old and some_new:
                pairs.extend(_pair_paragraphs(old, new, some_old, some_new, diffs, lang, cell=cell))
    a, b = i2 - 1, j2 - 1
    if i2 == len(old) and j2 == len(new) and a >= i1 and b >= j1 and old[a].kind == "paragraph" == new[b].kind:
        # The last paragraph of a story (body, cell, note) keeps its mark in any case, so an old one
        # deleted and an empty new one inserted after it (or the reverse) would leave an empty
        # paragraph when accepted (rejected): the two last paragraphs are one, its words deleted
        # (inserted).
        empty = not old[a].text.strip() or not new[b].text.strip()
        if empty and not (skip and skip(a)) and all(x != a and y != b for x, y in pairs):
            pairs.append((a, b))
            diffs[(a, b)] = line_ops(old[a].text, new[b].text, diff=diffs.get((a, b)))
    return monotone(pairs)


def _pair_paragraphs(
    old: Sequence[Block],
    new: Sequence[Block],
    olds: list[int],
    news: list[int],
    diffs: dict[tuple[int, int], tuple[tuple[str, str], ...]],
    lang: str | None,
    *,
    cell: bool = False,
) -> list[tuple[int, int]]:
    old_text = {i: old[i].text for i in olds}
    new_text = {j: new[j].text for j in news}
    # Paragraphs whose text did not change (their formatting did).
    same = SequenceMatcher(None, [old_text[i] for i in olds], [new_text[j] for j in news], autojunk=False)
    pairs = [(olds[a + k], news[b + k]) for a, b, size in same.get_matching_blocks() for k in range(size)]
    taken_old = {i for i, _ in pairs}
    taken_new = {j for _, j in pairs}
    rest_old = [i for i in olds if i not in taken_old]
    rest_new = [j for j in news if j not in taken_new]
    if len(rest_old) == 1 and len(rest_new) == 1:
        a, b = rest_old[0], rest_new[0]
        diffs[(a, b)] = line_ops(old_text[a], new_text[b], restate=False)
        if similarity(diffs[(a, b)]) >= PAIR_MIN_SIMILARITY:
            pairs.append((a, b))
        elif cell:
            diffs[(a, b)] = line_ops(old_text[a], new_text[b], diff=diffs[(a, b)])  # restated when too different
            pairs.append((a, b))
    elif rest_old and rest_new:
        pairs.extend(align_stretch(old, new, rest_old, rest_new, lang))
        taken_old, taken_new = {i for i, _ in pairs}, {j for _, j in pairs}
        left_old = [i for i in rest_old if i not in taken_old]
        left_new = [j for j in rest_new if j not in taken_new]
        if left_old and left_new and len(left_old) * len(left_new) <= LEFTOVER_PAIR_LIMIT:
            pairs.extend(_pair_leftovers(old_text, new_text, left_old, left_new, pairs, diffs))
    return pairs


def _pair_leftovers(
    old_text: dict[int, str],
    new_text: dict[int, str],
    olds: list[int],
    news: list[int],
    pairs: list[tuple[int, int]],
    diffs: dict[tuple[int, int], tuple[tuple[str, str], ...]],
) -> list[tuple[int, int]]:
    """Paragraphs the clause alignment left alone, paired by their words, the most alike first, in order.

    The alignment works on clause trees, where unnumbered paragraphs are parts
    of their parent and a single paragraph is the parent's own text; a note or
    a cell whose two paragraphs became one then has nothing it can pair. Here a
    paragraph is amended when at least :data:`PAIR_MIN_SIMILARITY` of its words stay.
    """
    scored = []
    for i in olds:
        for j in news:
            ops = line_ops(old_text[i], new_text[j], restate=False)
            score = similarity(ops)
            if score >= PAIR_MIN_SIMILARITY:
                scored.append((-score, i, j, ops))
    chosen: list[tuple[int, int]] = []
    for _, i, j, ops in sorted(scored, key=lambda item: item[:3]):
        if all((i < a) == (j < b) and i != a and j != b for a, b in [*pairs, *chosen]):
            chosen.append((i, j))
            diffs[(i, j)] = ops
    return chosen


def _pair_controls(old: Sequence[Block], new: Sequence[Block], olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    """Content controls: by tag and alias when they have them, else one-for-one in order."""
    named = [(i, j) for i in olds for j in news if old[i].name != ("", "") and old[i].name == new[j].name]
    if named:
        return monotone(named)
    if len(olds) == len(news):
        return list(zip(olds, news))
    return []


def _pair_similar(old: Sequence[Block], new: Sequence[Block], olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    """Tables or rows: one for one when there is one of each, else the most alike first, in order."""
    if len(olds) == 1 and len(news) == 1:
        return [(olds[0], news[0])]  # one for one between anchors: the same table (or row), amended
    if len(olds) * len(news) > SIMILARITY_PAIR_LIMIT:
        return []
    scored = sorted(
        ((_similarity(old[i].text, new[j].text), i, j) for i in olds for j in news),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    chosen: list[tuple[int, int]] = []
    for score, i, j in scored:
        if score < TABLE_MIN_SIMILARITY:
            break
        if all((i < a) == (j < b) and i != a and j != b for a, b in chosen):
            chosen.append((i, j))
    return _fill_gaps(sorted(chosen), olds, news)


def _fill_gaps(chosen: list[tuple[int, int]], olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    """Between pairs, as many old as new blocks left are paired in order: rows amended where they stand."""
    out: list[tuple[int, int]] = []
    previous = (-1, -1)
    for pair in [*chosen, (max(olds) + 1, max(news) + 1)]:
        gap_old = [i for i in olds if previous[0] < i < pair[0]]
        gap_new = [j for j in news if previous[1] < j < pair[1]]
        if gap_old and len(gap_old) == len(gap_new):
            out.extend(zip(gap_old, gap_new))
        if pair[0] <= max(olds):
            out.append(pair)
        previous = pair
    return out


def _similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return similarity(line_ops(a, b, restate=False))


def align_stretch(old: Sequence[Block], new: Sequence[Block], olds: list[int], news: list[int], lang: str | None) -> list[tuple[int, int]]:
    """Parse the paragraphs of a stretch into clause trees and align them unit by unit."""
    from lexamend.diff.align import align
    from lexamend.model import Block as SourceBlock
    from lexamend.model import Metadata
    from lexamend.ooxml.textmap import strip_atoms
    from lexamend.parse.lang import detect_language
    from lexamend.parse.text import document_from_blocks
    from lexamend.render.redline.lines import document_lines
    from lexamend.render.redline.matching import by_alignment

    texts = {("old", i): strip_atoms(old[i].text) for i in olds} | {("new", j): strip_atoms(new[j].text) for j in news}
    language = lang or detect_language(" ".join(texts.values()))

    def document(side: str, blocks: Sequence[Block], indices: list[int]):  # type: ignore[no-untyped-def]
        source = []
        for index in indices:
            label = blocks[index].label()
            text = texts[(side, index)]
            if not text and not label:
                continue
            source.append(SourceBlock(index=len(source), origin=f"p {index + 1}", line=index + 1, raw=text, label_auto=label))
        doc = document_from_blocks(source, meta=Metadata(language=language), lang=language, source_format="docx")
        return doc, [source[line.block].line - 1 if line.block is not None else -1 for line in document_lines(doc)]

    old_doc, old_where = document("old", old, olds)
    new_doc, new_where = document("new", new, news)
    matches = by_alignment(align(old_doc, new_doc), document_lines(old_doc), document_lines(new_doc))
    return [(old_where[a], new_where[b]) for a, b in matches if old_where[a] >= 0 and new_where[b] >= 0]


__all__ = ["Block", "PAIR_MIN_SIMILARITY", "SIMILARITY_PAIR_LIMIT", "TABLE_MIN_SIMILARITY", "align_stretch", "common_blocks", "hunks", "pair_stretch"]
