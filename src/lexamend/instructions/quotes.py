"""Quotation marks in amending instructions: find them, and choose them.

An amending act quotes the words it changes, and the quoted words may
themselves contain quotations (a programme's name, «Болашак»). Reading must
therefore find the *top-level* quotations only, whatever the typography:

* paired marks nest by themselves: «…«…»…», „…“, “…”;
* straight marks (adilet prints Russian texts with ``"…"``) are told apart by
  their neighbours: a mark after a space or an opening bracket and before a
  non-space opens, a mark after a non-space and before a space, punctuation or
  the end closes — so ``"7) стипендия "Болашак" – …;"`` holds one quotation;
* in English, a straight apostrophe between letters (``Kazakhstan's``) is not
  a quotation mark.

A mark that never closes is treated as an ordinary character, so the
statement it stands in fails to match any formula and is reported, instead of
swallowing the rest of the text.

Writing quotes the words in the base text's own style (:func:`detect_style`),
and falls back to another style only when the words themselves would make the
quotation ambiguous (:func:`quote`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

#: Opening mark → closing mark, for marks that always pair the same way.
PAIRS = {"«": "»", "„": "“", "“": "”", "‘": "’"}
STRAIGHT = ('"', "'")
_OPEN_BEFORE = " \t\n([{«„“‘:—–-/"
_CLOSE_AFTER = " \t\n)]}.,;:!?»“”’/-—–"


@dataclass(frozen=True)
class Span:
    """A top-level quotation: ``text[start:end]`` including its marks; ``inner`` without them."""

    start: int
    end: int
    opening: str
    closing: str

    def inner(self, text: str) -> str:
        return text[self.start + len(self.opening) : self.end - len(self.closing)]


def _is_opening_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPEN_BEFORE or before in STRAIGHT) and not after.isspace()


def _is_closing_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after in _CLOSE_AFTER or after in STRAIGHT or after == "»")


def _apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalpha() and after.isalpha()


def scan(text: str) -> list[Span]:
    """The top-level quotations of ``text``, in order.

    >>> t = 'слова "стипендия "Болашак"" заменить словами «грант «Өркен»»;'
    >>> [s.inner(t) for s in scan(t)]
    ['стипендия "Болашак"', 'грант «Өркен»']
    >>> t = "the words 'seasonal' shall be deleted from the Rules' text"
    >>> [s.inner(t) for s in scan(t)]
    ['seasonal']
    """
    literal: set[int] = set()
    while True:
        spans, unclosed = _scan(text, literal)
        if unclosed is None:
            return spans
        literal.add(unclosed)


def _scan(text: str, literal: set[int]) -> tuple[list[Span], int | None]:
    spans: list[Span] = []
    stack: list[tuple[str, int, str]] = []  # (expected closing mark, position, opening mark)
    for i, char in enumerate(text):
        if i in literal:
            continue
        expected = stack[-1][0] if stack else None
        if char in STRAIGHT:
            if char == "'" and _apostrophe(text, i):
                continue
            if expected == char and _is_closing_straight(text, i) and not (
                _is_opening_straight(text, i) and not _is_closing_straight(text, i)
            ):
                _, start, opening = stack.pop()
                if not stack:
                    spans.append(Span(start, i + 1, opening, char))
                continue
            if _is_opening_straight(text, i):
                stack.append((char, i, char))
            continue
        if expected is not None and char == expected:
            _, start, opening = stack.pop()
            if not stack:
                spans.append(Span(start, i + 1, opening, char))
            continue
        # A paired closing mark closes its quotation even when straight marks opened
        # inside it never closed: those were plain characters (an inch sign, a typo).
        depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == char and char not in STRAIGHT), None)
        if depth is not None and all(entry[0] in STRAIGHT for entry in stack[depth + 1 :]):
            _, start, opening = stack[depth]
            del stack[depth:]
            if not stack:
                spans.append(Span(start, i + 1, opening, char))
            continue
        if char in PAIRS:
            stack.append((PAIRS[char], i, char))
    if stack:
        return spans, stack[0][1]
    return spans, None


def detect_style(text: str, default: tuple[str, str]) -> tuple[str, str]:
    """The quotation marks a text uses most, or ``default`` when it uses none.

    adilet's Russian texts use straight ``"…"``; official Kazakh and Russian
    publications use «…»; English translations use “…”.
    """
    counts: Counter[tuple[str, str]] = Counter()
    for span in scan(text):
        counts[(span.opening, span.closing)] += 1
    if not counts:
        return default
    best = max(counts.items(), key=lambda item: (item[1], item[0] == default))
    return best[0]


def quote(words: str, styles: list[tuple[str, str]]) -> str:
    """``words`` in the first style of ``styles`` that reads back as exactly one quotation.

    >>> quote('программы "Болашак"', [('"', '"')])
    '"программы "Болашак""'
    >>> quote('стипендия "Болашак', [('"', '"'), ('«', '»')])
    '«стипендия "Болашак»'
    """
    for opening, closing in styles:
        candidate = f"{opening}{words}{closing}"
        probe = f"слова {candidate} исключить"
        spans = scan(probe)
        if len(spans) == 1 and spans[0].inner(probe) == words:
            return candidate
    opening, closing = styles[0]
    return f"{opening}{words}{closing}"
