"""Find the words an edit names inside a unit's text.

Matching is exact on the words but forgiving on typography that varies between
publications of the same law: any double quote (" “ ” « » „) matches any other,
any apostrophe matches any other, a hyphen matches an en or em dash, and the
no-break space matches a space. Soft hyphens and zero-width characters were
already removed when the text was parsed (:func:`lexamend.parse.normalise.clean_space`),
and the edit's words are cleaned the same way.

Matches must fall on word boundaries: deleting "seasonal" never touches
"seasonally", and deleting «сезонных» never touches «внесезонных». A hyphen
between letters counts as part of a word, so "учебно" does not match inside
"учебно-воспитательный".
"""

from __future__ import annotations

from dataclasses import dataclass

from lexamend.parse.normalise import clean_space

_FOLD = str.maketrans(
    {
        "“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‟": '"', "″": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
        "–": "-", "—": "-", "‒": "-", "−": "-", "‐": "-", "‑": "-",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ",
        "ё": "е", "Ё": "Е",
    }
)

#: Characters of context shown on each side of an occurrence in error messages.
CONTEXT_CHARS = 40


def fold(text: str) -> str:
    """Map typographic variants to one form, keeping the length (offsets stay valid)."""
    return text.translate(_FOLD)


def clean_words(text: str) -> str:
    """Normalise the words of an edit the way the parser normalised the law's text."""
    return clean_space(text)


@dataclass(frozen=True)
class Span:
    """A match: ``text[start:end]``."""

    start: int
    end: int


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _boundary_ok(text: str, index: int, inward: str, outward_step: int) -> bool:
    """Whether position ``index`` (just outside the match) is a word boundary."""
    if not _is_word(inward):
        return True
    if index < 0 or index >= len(text):
        return True
    outside = text[index]
    if _is_word(outside):
        return False
    if outside == "-":
        beyond = index + outward_step
        if 0 <= beyond < len(text) and _is_word(text[beyond]):
            return False
    return True


def find_all(haystack: str, needle: str) -> list[Span]:
    """Every non-overlapping occurrence of ``needle`` in ``haystack`` on word boundaries."""
    needle = clean_words(needle)
    if not needle:
        return []
    folded_hay, folded_needle = fold(haystack), fold(needle)
    spans: list[Span] = []
    start = 0
    while True:
        index = folded_hay.find(folded_needle, start)
        if index < 0:
            break
        end = index + len(folded_needle)
        if _boundary_ok(folded_hay, index - 1, folded_needle[0], -1) and _boundary_ok(folded_hay, end, folded_needle[-1], 1):
            spans.append(Span(index, end))
            start = end
        else:
            start = index + 1
    return spans


def context(text: str, span: Span, width: int = CONTEXT_CHARS) -> str:
    """The match with some words either side: "…with the exception of the [seasonal] and frontier…"."""
    left = text[max(0, span.start - width) : span.start]
    right = text[span.end : span.end + width]
    prefix = "…" if span.start > width else ""
    suffix = "…" if span.end + width < len(text) else ""
    return f"{prefix}{left}[{text[span.start:span.end]}]{right}{suffix}"


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` (typography-insensitive, no boundary rule)."""
    return fold(clean_words(needle)) in fold(haystack)
