"""Word-level diff of two texts: diff-match-patch over legal-aware tokens.

Each distinct token is mapped to one character, diff-match-patch diffs the
resulting strings (so it can never cut a word or a "5-1." label in half), and
its semantic cleanup merges the small equalities that make a diff hard to read.

Tunables (named, documented, tested):

``DIFF_TIMEOUT``
    0: no time limit. diff-match-patch's default of one second silently returns
    a coarse diff when the time runs out, which would make output depend on the
    machine's load; lexamend's output must be deterministic.
``MAX_TOKENS``
    Above this many tokens on either side the texts are not diffed word by word:
    the common prefix and suffix are kept and the middle is reported as one
    deletion and one insertion, and :func:`word_diff` says so through
    ``WordDiff.capped``.
``MAX_DIFF_COST``
    Myers' algorithm takes time proportional to the length of the texts times
    the number of tokens that differ: quadratic for two long texts that have
    little in common. That product is estimated first (the token edit distance
    is cheap to compute, bit-parallel, in rapidfuzz), and above this bound the
    texts fall back to the same coarse diff, ``capped`` again.
"""

from __future__ import annotations

from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from lexamend.diff.tokens import tokenize

DIFF_TIMEOUT = 0.0
MAX_TOKENS = 60_000
MAX_DIFF_COST = 4_000_000

EQUAL, INSERT, DELETE = "equal", "insert", "delete"


@dataclass(frozen=True)
class WordOp:
    """One run of the diff: ``kind`` is equal, insert or delete."""

    kind: str
    text: str


@dataclass(frozen=True)
class WordDiff:
    """The ops of a word diff, and whether the size cap replaced it by a coarse one."""

    ops: tuple[WordOp, ...]
    capped: bool = False

    @property
    def changed(self) -> bool:
        return any(op.kind != EQUAL for op in self.ops)

    def old_text(self) -> str:
        return "".join(op.text for op in self.ops if op.kind != INSERT)

    def new_text(self) -> str:
        return "".join(op.text for op in self.ops if op.kind != DELETE)


def _units(tokens: list[str], ignore_space: bool) -> list[str]:
    """The pieces the diff compares: tokens, or (ignoring space) words with the space after them."""
    if not ignore_space:
        return tokens
    units: list[str] = []
    for token in tokens:
        if token.isspace() and units:
            units[-1] += token
        else:
            units.append(token)
    return units


def _key(piece: str, ignore_case: bool, ignore_space: bool) -> str:
    if ignore_space:
        piece = piece.strip() or " "
    return piece.casefold() if ignore_case else piece


def _encode(keys_a: list[str], keys_b: list[str]) -> tuple[str, str, list[str]] | None:
    """Map each distinct key to one private-use character, so that diff-match-patch diffs whole tokens."""
    table: dict[str, str] = {}
    alphabet: list[str] = []

    def code(key: str) -> str:
        char = table.get(key)
        if char is None:
            n = len(alphabet)
            # Private-use areas: U+E000–U+F8FF, then planes 15 and 16.
            if n < 6400:
                char = chr(0xE000 + n)
            elif n < 6400 + 130000:
                char = chr(0xF0000 + n - 6400)
            else:
                raise OverflowError
            table[key] = char
            alphabet.append(key)
        return char

    try:
        a = "".join(code(k) for k in keys_a)
        b = "".join(code(k) for k in keys_b)
    except OverflowError:
        return None
    return a, b, alphabet


def _key_of(char: str, alphabet: list[str]) -> str:
    point = ord(char)
    return alphabet[point - 0xE000] if point < 0xF0000 else alphabet[point - 0xF0000 + 6400]


def _coarse(pieces_a: list[str], pieces_b: list[str], keys_a: list[str], keys_b: list[str]) -> WordDiff:
    """Common prefix and suffix kept; the middle deleted and inserted."""
    p = 0
    while p < min(len(keys_a), len(keys_b)) and keys_a[p] == keys_b[p]:
        p += 1
    s = 0
    while s < min(len(keys_a), len(keys_b)) - p and keys_a[-1 - s] == keys_b[-1 - s]:
        s += 1
    ops = [WordOp(EQUAL, "".join(pieces_b[:p]))]
    ops.append(WordOp(DELETE, "".join(pieces_a[p : len(pieces_a) - s])))
    ops.append(WordOp(INSERT, "".join(pieces_b[p : len(pieces_b) - s])))
    ops.append(WordOp(EQUAL, "".join(pieces_b[len(pieces_b) - s :])))
    return WordDiff(tuple(op for op in ops if op.text), capped=True)


def _cost(a: str, b: str) -> int:
    """(tokens left after the common ends) × (tokens that differ): what Myers' algorithm will cost.

    The distance is at most the length, so texts shorter than the square root of
    the bound (every ordinary paragraph) need no estimate — and do not load rapidfuzz.
    """
    if (len(a) + len(b)) ** 2 <= MAX_DIFF_COST:
        return 0
    from rapidfuzz.distance import Indel

    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    length = len(middle_a) + len(middle_b)
    if not length:
        return 0
    distance = Indel.distance(middle_a, middle_b, score_cutoff=MAX_DIFF_COST // length + 1)
    return length * distance


def word_diff(old: str, new: str, *, cleanup: bool = True, ignore_case: bool = False, ignore_space: bool = False) -> WordDiff:
    """Diff two texts word by word.

    With ``ignore_case`` or ``ignore_space``, pieces that differ only in case
    or in the spaces around them count as equal, and equal runs show the new
    text (so :meth:`WordDiff.old_text` gives the old text only up to those
    differences).

    >>> d = word_diff("the seasonal and frontier workers", "the frontier workers")
    >>> [(op.kind, op.text) for op in d.ops]
    [('equal', 'the '), ('delete', 'seasonal and '), ('equal', 'frontier workers')]
    """
    if old == new:
        return WordDiff((WordOp(EQUAL, old),) if old else ())
    pieces_a = _units(tokenize(old), ignore_space)
    pieces_b = _units(tokenize(new), ignore_space)
    keys_a = [_key(p, ignore_case, ignore_space) for p in pieces_a]
    keys_b = [_key(p, ignore_case, ignore_space) for p in pieces_b]
    if len(pieces_a) > MAX_TOKENS or len(pieces_b) > MAX_TOKENS:
        return _coarse(pieces_a, pieces_b, keys_a, keys_b)
    encoded = _encode(keys_a, keys_b)
    if encoded is None:
        return _coarse(pieces_a, pieces_b, keys_a, keys_b)
    a, b, alphabet = encoded
    if _cost(a, b) > MAX_DIFF_COST:
        return _coarse(pieces_a, pieces_b, keys_a, keys_b)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    diffs = dmp.diff_main(a, b, False)
    if cleanup:
        dmp.diff_cleanupSemantic(diffs)
        _absorb_spaces(diffs, alphabet)
    # Each side's characters keep their order through the cleanups, so pieces are taken back by position.
    ops: list[WordOp] = []
    ia = ib = 0
    for op, chars in diffs:
        n = len(chars)
        if not n:
            continue
        if op == 0:
            ops.append(WordOp(EQUAL, "".join(pieces_b[ib : ib + n])))
            ia, ib = ia + n, ib + n
        elif op == -1:
            ops.append(WordOp(DELETE, "".join(pieces_a[ia : ia + n])))
            ia += n
        else:
            ops.append(WordOp(INSERT, "".join(pieces_b[ib : ib + n])))
            ib += n
    return WordDiff(tuple(_merge(ops)))


def _absorb_spaces(diffs: list[tuple[int, str]], alphabet: list[str]) -> None:
    """A lone space between a deletion and an insertion belongs to the change.

    "[-a-] [+b+] [-c-] [+d+]" reads better as "[-a c-] [+b d+]"; diff-match-patch's
    semantic cleanup keeps such single-space equalities because they are short
    but not shorter than both edits.
    """
    i = 1
    while i < len(diffs) - 1:
        op, chars = diffs[i]
        if op == 0 and len(chars) == 1 and _key_of(chars, alphabet).isspace():
            before = diffs[i - 1][0]
            after = diffs[i + 1][0]
            if before != 0 and after != 0:
                diffs[i : i + 1] = [(-1, chars), (1, chars)]
                i += 2
                continue
        i += 1
    # Gather all deletions and insertions of a change run together: [-a-][+b+][-c-] → [-ac-][+b+].
    merged: list[tuple[int, str]] = []
    run_del, run_ins = "", ""
    for op, chars in diffs:
        if op == 0:
            if run_del:
                merged.append((-1, run_del))
            if run_ins:
                merged.append((1, run_ins))
            run_del = run_ins = ""
            merged.append((0, chars))
        elif op == -1:
            run_del += chars
        else:
            run_ins += chars
    if run_del:
        merged.append((-1, run_del))
    if run_ins:
        merged.append((1, run_ins))
    diffs[:] = merged


def _merge(ops: list[WordOp]) -> list[WordOp]:
    out: list[WordOp] = []
    for op in ops:
        if out and out[-1].kind == op.kind:
            out[-1] = WordOp(op.kind, out[-1].text + op.text)
        else:
            out.append(op)
    return out
