"""Relocate an edit on a drifted base by its words (``lexamend apply --rebase``).

When the base text has changed since a patch was written, an edit's words may
have moved to another unit (a paragraph renumbered), or changed slightly (a
typo fixed, a word inflected differently). Relocation looks for them:

1. exactly, anywhere in the document (confidence 1.0) — when they occur once;
2. approximately, with rapidfuzz's partial-ratio alignment over every unit's
   text; the best passage scoring at least the threshold wins, ties broken by
   closeness to the edit's original target.

The result is never applied silently: the report gives the old and new
address, the passage found and the confidence.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from lexamend.errors import CitationError
from lexamend.match import Span, find_all
from lexamend.model import Document, Edit, Unit


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy span to whole words."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def relocate(
    doc: Document, units: tuple[Unit, ...], edit: Edit, threshold: float
) -> tuple[list[tuple[Unit, str, str, Span]], dict[str, Any]] | None:
    """Find where an edit's words went; None when nothing scores above ``threshold``."""
    words = edit.search
    if not words:
        return None
    order: list[tuple[Unit, str, str]] = []
    for root in units:
        for unit in root.walk():
            if unit.heading:
                order.append((unit, "heading", unit.heading))
            if unit.text:
                order.append((unit, "text", unit.text))
    target_index = _target_index(doc, units, edit, order)

    exact = [(u, f, t, s) for u, f, t in order for s in find_all(t, words)]
    if len(exact) == 1:
        unit = exact[0][0]
        return exact, _info(edit, unit, 1.0, exact[0][2][exact[0][3].start : exact[0][3].end], words)

    best: tuple[float, int, int, Unit, str, str, Span] | None = None
    cutoff = threshold * 100
    for index, (unit, fname, text) in enumerate(order):
        alignment = fuzz.partial_ratio_alignment(words, text, score_cutoff=cutoff)
        if alignment is None:
            continue
        start, end = _word_bounds(text, alignment.dest_start, alignment.dest_end)
        distance = abs(index - target_index) if target_index is not None else 0
        candidate = (alignment.score, -distance, index, unit, fname, text, Span(start, end))
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        return None
    score, _, _, unit, fname, text, span = best
    return [(unit, fname, text, span)], _info(edit, unit, round(score / 100, 3), text[span.start : span.end], words)


def _target_index(doc: Document, units: tuple[Unit, ...], edit: Edit, order: list[tuple[Unit, str, str]]) -> int | None:
    from dataclasses import replace

    from lexamend.address import resolve

    try:
        target = resolve(replace(doc, units=units), edit.at)
    except CitationError:
        return None
    for index, (unit, _, _) in enumerate(order):
        if unit.eid == target.eid or unit.eid.startswith(target.eid + "__"):
            return index
    return None


def _info(edit: Edit, unit: Unit, confidence: float, found: str, expected: str) -> dict[str, Any]:
    return {
        "from": edit.at,
        "to": unit.address or unit.eid,
        "confidence": confidence,
        "found": found,
        "expected": expected,
    }
