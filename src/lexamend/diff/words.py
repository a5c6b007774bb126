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
    Above this many tokens on either side the texts are not diffed word by word
    (Myers' algorithm is quadratic in the worst case): the common prefix and
    suffix are kept and the middle is reported as one deletion and one
    insertion, and :func:`word_diff` says so through ``WordDiff.capped``.
"""

from __future__ import annotations

from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from lexamend.diff.tokens import tokenize

DIFF_TIMEOUT = 0.0
MAX_TOKENS = 60_000

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
_KIND = {0: EQUAL, 1: INSERT, -1: DELETE}


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


def _encode(tokens_a: list[str], tokens_b: list[str]) -> tuple[str, str, list[str]] | None:
    table: dict[str, str] = {}
    alphabet: list[str] = []

    def code(token: str) -> str:
        char = table.get(token)
        if char is None:
            n = len(alphabet)
            # Private-use areas: U+E000–U+F8FF, then planes 15 and 16.
            if n < 6400:
                char = chr(0xE000 + n)
            elif n < 6400 + 130000:
                char = chr(0xF0000 + n - 6400)
            else:
                raise OverflowError
            table[token] = char
            alphabet.append(token)
        return char

    try:
        a = "".join(code(t) for t in tokens_a)
        b = "".join(code(t) for t in tokens_b)
    except OverflowError:
        return None
    return a, b, alphabet


def _decode(chars: str, alphabet: list[str]) -> str:
    out = []
    for char in chars:
        point = ord(char)
        out.append(alphabet[point - 0xE000] if point < 0xF0000 else alphabet[point - 0xF0000 + 6400])
    return "".join(out)


def _coarse(old: str, new: str) -> WordDiff:
    """Common prefix and suffix kept; the middle deleted and inserted."""
    a, b = tokenize(old), tokenize(new)
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    ops = [WordOp(EQUAL, "".join(a[:p]))]
    ops.append(WordOp(DELETE, "".join(a[p : len(a) - s])))
    ops.append(WordOp(INSERT, "".join(b[p : len(b) - s])))
    ops.append(WordOp(EQUAL, "".join(a[len(a) - s :])))
    return WordDiff(tuple(op for op in ops if op.text), capped=True)


def word_diff(old: str, new: str, *, cleanup: bool = True) -> WordDiff:
    """Diff two texts word by word.

    >>> d = word_diff("the seasonal and frontier workers", "the frontier workers")
    >>> [(op.kind, op.text) for op in d.ops]
    [('equal', 'the '), ('delete', 'seasonal and '), ('equal', 'frontier workers')]
    """
    if old == new:
        return WordDiff((WordOp(EQUAL, old),) if old else ())
    tokens_a, tokens_b = tokenize(old), tokenize(new)
    if len(tokens_a) > MAX_TOKENS or len(tokens_b) > MAX_TOKENS:
        return _coarse(old, new)
    encoded = _encode(tokens_a, tokens_b)
    if encoded is None:
        return _coarse(old, new)
    a, b, alphabet = encoded
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    diffs = dmp.diff_main(a, b, False)
    if cleanup:
        dmp.diff_cleanupSemantic(diffs)
        _absorb_spaces(diffs, alphabet)
    ops = [WordOp(_KIND[op], _decode(chars, alphabet)) for op, chars in diffs if chars]
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
        if op == 0 and all(alphabet[ord(c) - 0xE000].isspace() if ord(c) < 0xF0000 else False for c in chars) and len(chars) == 1:
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
