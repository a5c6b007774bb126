"""Plan a redline: which old lines stay, change, go, and where new lines come in.

Pure functions on strings and indices; no XML. A plan is a list of
:class:`Step` in the order the redline shows them: every old line once, in
its original order (an existing document's paragraphs cannot be reordered),
and every new line once, in its new order, placed after the old line it
follows.

The input is a set of *matches* — pairs (old line, new line) that are the same
paragraph in both versions — produced by the caller from whatever it knows
(source blocks carried through a patch, an alignment of clause trees,
identical paragraphs of two packages). Matches that cross each other cannot
both be shown in place; :func:`monotone` keeps the largest set that does not
cross and the others become a deletion plus an insertion, which is how a moved
paragraph shows in a redline.

Inside a matched pair whose text differs the change is a word diff
(:func:`lexamend.diff.words.word_diff`, legal-aware tokens, never characters),
unless the two wordings have too little in common
(:data:`WORD_DIFF_MIN_SIMILARITY`): then the old wording is shown deleted and
the new one inserted, keeping only an unchanged label or final punctuation.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from collections import namedtuple

from lexamend.diff.tokens import tokenize
from lexamend.diff.words import DELETE, EQUAL, INSERT, word_diff

#: Below this share of unchanged words (non-space characters in equal runs over the longer
#: wording) a changed line is shown as its old wording deleted and its new wording inserted.
#: A word diff of two unrelated sentences keeps only their common small words ("the", "of",
#: «и», «в») and reads as confetti; drafters restate such a unit «в новой редакции».
WORD_DIFF_MIN_SIMILARITY = 0.4

Op = tuple[str, str]


class Step(namedtuple("Step", "kind old new ops", defaults=(None, None, ()))):
    """One paragraph of the redline: ``kind`` ("equal", "change", "delete", "insert"), the old and
    new line indices, and for a change the word diff of old to new text.

    A named tuple: plans of long documents hold thousands, and it costs no start-up.
    """

    __slots__ = ()


def monotone(matches: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The largest subset of matches increasing in both old and new index (ties: first found).

    >>> monotone([(0, 0), (3, 1), (1, 2), (2, 3)])
    [(0, 0), (1, 2), (2, 3)]
    """
    pairs = sorted(set(matches), key=lambda m: (m[1], m[0]))
    if all(a[0] < b[0] and a[1] < b[1] for a, b in zip(pairs, pairs[1:])):
        return pairs  # already in order (the usual case: nothing moved)
    # Longest strictly increasing subsequence of old indices, in new order (patience sorting).
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(pairs)
    for position, (old, _) in enumerate(pairs):
        k = bisect_left(tails, old)
        if k == len(tails):
            tails.append(old)
            tail_at.append(position)
        else:
            tails[k] = old
            tail_at[k] = position
        previous[position] = tail_at[k - 1] if k else -1
    keep: list[tuple[int, int]] = []
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        keep.append(pairs[position])
        position = previous[position]
    keep.reverse()
    # Strictly increasing in new index too (two matches of one new line cannot both stand).
    out: list[tuple[int, int]] = []
    for pair in keep:
        if not out or pair[1] > out[-1][1]:
            out.append(pair)
    return out


def similarity(ops: Sequence[Op]) -> float:
    """Share of the longer wording's non-space characters that the diff leaves unchanged."""
    equal = sum(len("".join(text.split())) for kind, text in ops if kind == EQUAL)
    old = equal + sum(len("".join(text.split())) for kind, text in ops if kind == DELETE)
    new = equal + sum(len("".join(text.split())) for kind, text in ops if kind == INSERT)
    longest = max(old, new)
    return equal / longest if longest else 1.0


def restatement(old: str, new: str) -> tuple[Op, ...]:
    """Old wording deleted and new wording inserted, keeping common leading and trailing tokens."""
    a, b = tokenize(old), tokenize(new)
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    ops = [
        (EQUAL, "".join(a[:prefix])),
        (DELETE, "".join(a[prefix : len(a) - suffix])),
        (INSERT, "".join(b[prefix : len(b) - suffix])),
        (EQUAL, "".join(a[len(a) - suffix :])),
    ]
    return tuple((kind, text) for kind, text in ops if text)


def line_ops(old: str, new: str, *, restate: bool = True, diff: tuple[Op, ...] | None = None) -> tuple[Op, ...]:
    """The operations that turn ``old`` into ``new``: a word diff, or (``restate``) a restatement when too different.

    ``diff`` is the word diff when the caller already has it.
    """
    ops = diff if diff is not None else tuple((op.kind, op.text) for op in word_diff(old, new).ops)
    if restate and similarity(ops) < WORD_DIFF_MIN_SIMILARITY:
        return restatement(old, new)
    return ops


def plan(
    old: Sequence[str],
    new: Sequence[str],
    matches: Iterable[tuple[int, int]],
    ops_for: Callable[[int, int], tuple[Op, ...] | None] | None = None,
) -> list[Step]:
    """The steps of a redline of ``old`` lines into ``new`` lines, given matching pairs.

    Unmatched old lines are deleted where they stand; unmatched new lines are
    inserted after the last old line before them (deletions first). ``ops_for``
    may supply the operations of a changed pair (the edits that made the
    change); it returns None to leave them to :func:`line_ops`.
    """
    steps: list[Step] = []
    i = j = 0
    for mi, mj in monotone(matches):
        steps.extend(Step("delete", old=k) for k in range(i, mi))
        steps.extend(Step("insert", new=k) for k in range(j, mj))
        if old[mi] == new[mj]:
            steps.append(Step("equal", old=mi, new=mj))
        else:
            ops = ops_for(mi, mj) if ops_for is not None else None
            steps.append(Step("change", old=mi, new=mj, ops=ops or line_ops(old[mi], new[mj])))
        i, j = mi + 1, mj + 1
    steps.extend(Step("delete", old=k) for k in range(i, len(old)))
    steps.extend(Step("insert", new=k) for k in range(j, len(new)))
    return steps


def accepted(steps: Sequence[Step], old: Sequence[str], new: Sequence[str]) -> list[str]:
    """The lines a plan shows with every change accepted (a check of the plan: equals ``new``)."""
    out: list[str] = []
    for step in steps:
        if step.kind == "equal":
            out.append(old[step.old])  # type: ignore[index]
        elif step.kind == "change":
            out.append("".join(text for kind, text in step.ops if kind != DELETE))
        elif step.kind == "insert":
            out.append(new[step.new])  # type: ignore[index]
    return out


__all__ = ["Op", "Step", "WORD_DIFF_MIN_SIMILARITY", "accepted", "line_ops", "monotone", "plan", "restatement", "similarity"]
