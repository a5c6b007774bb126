"""Split the text of an amending act into statements, keeping quotations whole.

A statement is one instruction («слова "…" исключить»), one header that opens
a scope («в статье 8:») or one preamble line («В Закон … внести следующие
изменения:»). Statements end, outside quotations, at a semicolon, at a full
stop or colon that ends a line, at an inline colon after a header («в пункте
2: слова …») and at a blank line. A statement whose next text is a quotation
goes on: «изложить в следующей редакции:» is followed by the new wording, and
«дополнить подпунктами 2-1) и 3-1) следующего содержания: «2-1) …»; «3-1) …»;»
by several quotations separated by semicolons.

Each statement keeps the line it starts on (for error reports), its text as
written (the ``source`` of the edits read from it), its list marker («1)»,
«а)», «38.»), and a *skeleton*: the text with every top-level quotation replaced
by a token ``⟨n⟩`` and whitespace collapsed, which is what formulas match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lexamend.instructions.formulas import QUOTE_TOKEN
from lexamend.instructions.quotes import Span, scan

_MARKER = re.compile(
    r"^(?P<marker>\d{1,4}(?:-\d{1,3})*[.)]|[a-zа-яёәғқңөұүһі]\)|\((?:\d{1,4}|[a-z]{1,4}|[а-яё])\))\s+",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Statement:
    """One statement of an amending act (see the module docstring)."""

    line: int
    raw: str
    marker: str | None
    body: str
    skeleton: str
    quotes: tuple[str, ...]
    end: str  # ";", ".", ":" or ""

    @property
    def marker_style(self) -> str | None:
        """The kind of list marker: "num." (38.), "num)" (1)), "letter)" (а)), "(x)" ((a))."""
        if self.marker is None:
            return None
        if self.marker.startswith("("):
            return "(x)"
        if self.marker[0].isdigit():
            return "num." if self.marker.endswith(".") else "num)"
        return "letter)"


def _next_visible(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _rest_of_line_blank(text: str, index: int) -> bool:
    end = text.find("\n", index)
    rest = text[index:] if end < 0 else text[index:end]
    return not rest.strip()


def split(
    text: str,
    *,
    not_marker: re.Pattern[str] | None = None,
    opens_quote: re.Pattern[str] | None = None,
    quote_starts: re.Pattern[str] | None = None,
) -> list[Statement]:
    """The statements of ``text`` in order (see the module docstring).

    ``not_marker`` matches statement bodies that begin with a number which is
    part of a citation, not a list marker (Kazakh «4-1) тармақша алып
    тасталсын»). ``opens_quote`` matches the end of a statement whose wording
    follows in quotation marks («изложить в следующей редакции:», "as
    follows:"): only such a statement goes on into the quotations after it.
    ``quote_starts`` matches what follows a quotation that *begins* a statement
    (Kazakh «"…" деген сөздер …»).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    spans = scan(text)
    starts = {span.start: span for span in spans}
    ends = {span.end: span for span in spans}
    pieces: list[tuple[int, int, str]] = []
    start: int | None = None
    first_quote: int | None = None
    i = 0
    n = len(text)

    def close(end: int, terminator: str) -> None:
        nonlocal start, first_quote
        if start is not None and text[start:end].strip():
            pieces.append((start, end, terminator))
        start = None
        first_quote = None

    def expects_quote(upto: int) -> bool:
        """Whether the statement so far (before its first quotation) announces quoted wording."""
        if start is None or first_quote == -1:
            return False
        head = text[start : first_quote if first_quote is not None else upto]
        head = re.sub(r"\s+", " ", head).strip()
        return opens_quote is None or bool(opens_quote.search(head))

    def quote_goes_on(index: int, *, after_quote: bool) -> bool:
        """Whether the quotation starting at ``index`` belongs to the current statement."""
        span = starts.get(index)
        if span is None:
            return False
        if quote_starts is not None and quote_starts.match(text[span.end : span.end + 40]):
            return False
        if after_quote and first_quote is None:
            return False
        return expects_quote(index)

    while i < n:
        span = starts.get(i)
        if span is not None:
            if start is None:
                start = i
            if first_quote is None and start != i:
                first_quote = i
            elif first_quote is None:
                first_quote = -1  # the statement opens with a quotation: it announces none
            i = span.end
            continue
        char = text[i]
        if start is None:
            if not char.isspace():
                start = i
            i += 1
            continue
        following = _next_visible(text, i + 1)
        ends_with_quote = _previous_visible_end(text, i, start) in ends
        if char == ";" and not (ends_with_quote and quote_goes_on(following, after_quote=True)):
            close(i, ";")
        elif char in ".:" and _rest_of_line_blank(text, i + 1) and not quote_goes_on(following, after_quote=char == "."):
            close(i, char)
        elif char == ":" and following not in starts and not (
            i > 0 and text[i - 1].isdigit() and i + 1 < n and text[i + 1].isdigit()
        ):
            close(i, ":")  # an inline header: «в пункте 2: слова …»
        elif char == ":" and following in starts and not quote_goes_on(following, after_quote=False):
            close(i, ":")
        elif char == "\n" and re.match(r"\n[ \t]*\n", text[i:]) and not quote_goes_on(following, after_quote=False):
            close(i, "")
        i += 1
    if start is not None:
        close(n, "")
    return [_statement(text, spans, s, e, t, not_marker) for s, e, t in pieces]


def _previous_visible_end(text: str, index: int, floor: int) -> int:
    """The index just after the last non-space character before ``index``."""
    j = index
    while j > floor and text[j - 1].isspace():
        j -= 1
    return j


def _statement(text: str, spans: list[Span], start: int, end: int, terminator: str, not_marker: re.Pattern[str] | None) -> Statement:
    line = text.count("\n", 0, start) + 1
    raw = text[start:end].strip()
    inner = [span for span in spans if start <= span.start and span.end <= end]
    pieces: list[str] = []
    cursor = start
    for index, span in enumerate(inner):
        pieces.append(text[cursor : span.start])
        pieces.append(f" {QUOTE_TOKEN.format(index)} ")
        cursor = span.end
    pieces.append(text[cursor:end])
    skeleton = _SPACE.sub(" ", "".join(pieces)).strip()
    skeleton = re.sub(r"\s+([,;:.])", r"\1", skeleton)
    marker = None
    body = raw
    match = _MARKER.match(skeleton)
    if match:
        rest = skeleton[match.end() :]
        if not_marker is None or not not_marker.match(rest):
            marker = match.group("marker")
            skeleton = rest
            body = _MARKER.sub("", raw, count=1)
    quotes = tuple(span.inner(text) for span in inner)
    return Statement(line, raw, marker, body, skeleton, quotes, terminator)
