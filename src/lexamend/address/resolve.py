"""Resolve an eId, a short address or a human citation to a unit of a document.

eIds and short addresses are looked up exactly (full eId, then short address,
then a unique match on the last levels: ``para_2__part_2``). Citations are
parsed (:mod:`lexamend.address.citation`) and walked down the tree one step at
a time, matching kind and number; chapters and sections may be left out
because articles, and the paragraphs of Rules, are numbered document-wide.
When nothing matches, a Latin letter typed for a Cyrillic one (``point_a`` for
``point_а``) is forgiven if that makes the match unique.

A round trip on a tiny law:

>>> from lexamend.parse.text import parse_text
>>> law = "\\n\\n".join(["Статья 8. Гарантии", "1. Право.", "2. Государство обеспечивает:",
...                      "1) бесплатное образование;", "2) стипендии."])
>>> doc = parse_text(law)
>>> resolve(doc, "подп. 1) п. 2 ст. 8").eid
'art_8__para_2__subpara_1'
>>> format_citation(resolve_path(doc, "art_8__para_2__subpara_1"), "ru", style="short")
'подп. 1) п. 2 ст. 8'
>>> resolve(doc, "paragraph 9 of Article 8")  # doctest: +NORMALIZE_WHITESPACE
Traceback (most recent call last):
...
lexamend.errors.CitationError: 'paragraph 9 of Article 8': no unit 'art_8__para_9';
    did you mean art_8__para_2, art_8__para_1?
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from typing import Any

from lexamend.address.citation import ATTACHMENT_SCOPE, Citation, Step, parse_citation, step_level
from lexamend.address.eid import clean_num, looks_like_eid, split
from lexamend.address.format import format_citation, part_ordinal
from lexamend.errors import CitationError
from lexamend.model import CONTAINER_KINDS, Document, Kind, Unit, walk_with_parents
from lexamend.parse.numbering import KAZAKH_LETTERS, LATIN_LETTERS, number_key, roman_to_int

Path = tuple[Unit, ...]

MAX_NEAREST = 5

_LIST_KINDS = (Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT)
_ROMAN_KINDS = (Kind.SECTION, Kind.CHAPTER, Kind.SUBCHAPTER, Kind.ANNEX)
# Cyrillic letters that look like Latin ones, folded to Latin for the homoglyph fallback.
_HOMOGLYPHS = str.maketrans("аеорсухіјѕһАВЕКМНОРСТХІ", "aeopcyxijshABEKMHOPCTXI")


def resolve(doc: Document, ref: str | Citation, *, lang: str | None = None) -> Unit:
    """The unit ``ref`` names; raises :class:`CitationError` when none or several do."""
    return resolve_path(doc, ref, lang=lang)[-1]


def resolve_path(doc: Document, ref: str | Citation, *, lang: str | None = None) -> Path:
    """The unit ``ref`` names with its ancestors, outermost first."""
    if isinstance(ref, Citation):
        return _resolve_citation(doc, ref, ref.text or ref.address)
    text = " ".join(ref.split())
    if looks_like_eid(text):
        return _resolve_eid(doc, text)
    return _resolve_citation(doc, parse_citation(text, lang), ref)


def path_of(doc: Document, unit: Unit) -> Path:
    """The ancestors of ``unit`` in ``doc`` and the unit itself (found by identity, then eId)."""
    by_eid: Path | None = None
    for entry in walk_with_parents(doc.units):
        if entry.unit is unit:
            return entry.path
        if by_eid is None and entry.unit.eid == unit.eid:
            by_eid = entry.path
    if by_eid is None:
        raise CitationError(unit.eid, "no unit with this eId in the document")
    return by_eid


def cite(doc: Document, unit_or_ref: Unit | str | Citation) -> dict[str, Any]:
    """Every way to name a unit: eId, short address, and citations in EN (chain and short), RU, KK.

    A unit with no citation form (a table, a heading-only container) gets
    None for the citations.
    """
    path = path_of(doc, unit_or_ref) if isinstance(unit_or_ref, Unit) else resolve_path(doc, unit_or_ref)
    unit = path[-1]
    out: dict[str, Any] = {"eid": unit.eid, "address": unit.address}
    forms = (("en", "en", "chain"), ("en_short", "en", "short"), ("ru", "ru", "chain"), ("kk", "kk", "chain"))
    for key, lang, style in forms:
        try:
            out[key] = format_citation(path, lang, style=style)
        except ValueError:
            out[key] = None
    return out


# -- eIds ------------------------------------------------------------------------


# Documents are immutable, so the index of a tree can be kept while the tree lives. The
# cache holds the units tuple itself, so that its id() cannot be reused by another tree.
_INDEX_CACHE: dict[int, tuple[tuple[Unit, ...], list[Any], dict[str, list[Path]], dict[str, list[Path]]]] = {}
_INDEX_CACHE_SIZE = 8


def _index(doc: Document) -> tuple[list[Any], dict[str, list[Path]], dict[str, list[Path]]]:
    """All entries of a tree, with paths by exact eId and by short address (cached per tree)."""
    key = id(doc.units)
    cached = _INDEX_CACHE.get(key)
    if cached is not None and cached[0] is doc.units:
        return cached[1], cached[2], cached[3]
    entries = list(walk_with_parents(doc.units))
    by_eid: dict[str, list[Path]] = {}
    by_address: dict[str, list[Path]] = {}
    for entry in entries:
        by_eid.setdefault(entry.unit.eid, []).append(entry.path)
        by_address.setdefault(entry.unit.address, []).append(entry.path)
    if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
        _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
    _INDEX_CACHE[key] = (doc.units, entries, by_eid, by_address)
    return entries, by_eid, by_address


def _resolve_eid(doc: Document, ref: str) -> Path:
    entries, by_eid, by_address = _index(doc)
    exact = by_eid.get(ref) or by_address.get(ref)
    if exact is not None and len(exact) == 1:
        return exact[0]
    for fold in (False, True):
        key = _fold if fold else _same
        want = key(ref)
        hits = [e.path for e in entries if key(e.unit.eid) == want]
        hits = hits or [e.path for e in entries if key(e.unit.address) == want]
        if not hits:
            levels = split(want)
            hits = [e.path for e in entries if split(key(e.unit.eid))[-len(levels) :] == levels]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise _ambiguous(ref, hits)
    try:
        citation = Citation.parse(ref)
    except CitationError:
        similar = difflib.get_close_matches(ref, [e.unit.address for e in entries], n=MAX_NEAREST, cutoff=0.5)
        raise CitationError(ref, f"no unit {ref!r}", candidates=tuple(similar)) from None
    return _resolve_citation(doc, citation, ref)


# -- citations ---------------------------------------------------------------------


class _Missing(Exception):
    """No unit matches step ``index`` below any of the ``frontier`` paths."""

    def __init__(self, index: int, frontier: list[Path]) -> None:
        super().__init__(index)
        self.index = index
        self.frontier = frontier


def _resolve_citation(doc: Document, citation: Citation, text: str) -> Path:
    roots = _roots(doc, citation.scope)
    if not citation.steps:
        named = [root for root in roots if root]
        if len(named) == 1:
            return named[0]
        if named:
            raise _ambiguous(text, named)
        raise CitationError(text, "the document has no attachment (Rules, Regulation) to cite")
    try:
        paths = _search(doc, roots, citation.steps, fold=False)
    except _Missing as missing:
        try:
            paths = _search(doc, roots, citation.steps, fold=True)
        except _Missing:
            raise _missing_error(doc, roots, citation, text, missing) from None
    unique = _unique(paths)
    if len(unique) > 1:
        raise _ambiguous(text, unique)
    return unique[0]


def _roots(doc: Document, scope: str | None) -> list[Path]:
    """Where a citation starts: the attachments for «… Правил», else the whole document."""
    if scope == ATTACHMENT_SCOPE:
        attachments = [e.path for e in walk_with_parents(doc.units) if e.unit.kind is Kind.ATTACHMENT]
        if attachments:
            return attachments
    return [()]


def _children(doc: Document, path: Path) -> tuple[Unit, ...]:
    return path[-1].children if path else doc.units


def _search(doc: Document, roots: list[Path], steps: Sequence[Step], *, fold: bool) -> list[Path]:
    frontier = roots
    for index, step in enumerate(steps):
        found = [hit for path in frontier for hit in _match_below(doc, path, step, fold)]
        if not found and step[0] is Kind.PART and step[2] == 1:
            found = [path for path in frontier if _single_block(doc, path)]
        if not found and index == 0:
            found = _match_anywhere(doc, roots, step, fold)
        if not found:
            raise _Missing(index, frontier)
        frontier = found
    return frontier


def _reachable(doc: Document, path: Path) -> Iterator[Path]:
    """Children of a unit, and the children of containers among them (chapters may be skipped)."""
    for child in _children(doc, path):
        child_path = (*path, child)
        yield child_path
        if child.kind in CONTAINER_KINDS:
            yield from _reachable(doc, child_path)


def _match_below(doc: Document, path: Path, step: Step, fold: bool) -> list[Path]:
    kind, _, ordinal = step
    if kind is Kind.PART:
        return [(*path, u) for u in _children(doc, path) if u.kind is Kind.PART and part_ordinal(u) == ordinal]
    return _pick(list(_reachable(doc, path)), step, fold)


def _single_block(doc: Document, path: Path) -> bool:
    """Whether a unit's own text is one block (no parts): then part one of it is the unit itself."""
    return bool(path) and bool(path[-1].text) and not any(u.kind is Kind.PART for u in _children(doc, path))


def _match_anywhere(doc: Document, roots: list[Path], step: Step, fold: bool) -> list[Path]:
    """The first step anywhere below the roots, when it is not at the top (like an eId suffix)."""
    pool: list[Path] = []
    for root in roots:
        pool.extend(e.path for e in walk_with_parents(_children(doc, root), root))
    if step[0] is Kind.PART:
        return [p for p in pool if p[-1].kind is Kind.PART and part_ordinal(p[-1]) == step[2]]
    return _pick(pool, step, fold)


def _pick(pool: list[Path], step: Step, fold: bool) -> list[Path]:
    """Paths whose unit has the step's kind and number; other list kinds only if none has the kind."""
    kind, num, _ = step
    want = _num_key(kind, num, fold)
    same_num = [p for p in pool if want is None or _num_key(p[-1].kind, p[-1].num, fold) == want]
    exact = [p for p in same_num if p[-1].kind is kind]
    if exact or kind not in _LIST_KINDS:
        return exact
    return [p for p in same_num if p[-1].kind in _LIST_KINDS]


def _num_key(kind: Kind, num: str | None, fold: bool) -> str | None:
    """A number as compared: cleaned, lower-case letters, Roman numerals of containers as digits."""
    if num is None:
        return None
    cleaned = clean_num(num)
    if kind in _ROMAN_KINDS:
        roman = cleaned.upper().translate(_HOMOGLYPHS)
        if roman and all(char in "IVXLC" for char in roman):
            return str(roman_to_int(roman))
    cleaned = cleaned.lower()
    return _fold(cleaned) if fold else cleaned


def _fold(text: str) -> str:
    return text.translate(_HOMOGLYPHS)


def _same(text: str) -> str:
    return text


def _unique(paths: list[Path]) -> list[Path]:
    seen: dict[str, Path] = {}
    for path in paths:
        seen.setdefault(path[-1].eid, path)
    return list(seen.values())


# -- errors --------------------------------------------------------------------------


def _ambiguous(text: str, paths: list[Path]) -> CitationError:
    addresses = tuple(path[-1].address or path[-1].eid for path in paths)
    return CitationError(
        text,
        f"ambiguous: {len(addresses)} units match",
        candidates=addresses,
        hint="Name the article (or the eId) to choose one.",
    )


def _missing_error(doc: Document, roots: list[Path], citation: Citation, text: str, missing: _Missing) -> CitationError:
    step = citation.steps[missing.index]
    frontier = [path for path in missing.frontier if path]
    if len(frontier) == 1:
        wanted = f"{frontier[0][-1].address}__{step_level(step)}"
    else:
        wanted = "__".join(step_level(s) for s in citation.steps[: missing.index + 1])
    pool = _nearby(doc, roots, missing, step)
    if not pool and step[0] is Kind.PART:
        pool = [path for path in frontier if _single_block(doc, path)]
    if pool:
        pool.sort(key=lambda path: _distance(step, path[-1]))
        candidates = tuple(path[-1].address for path in pool[:MAX_NEAREST])
    else:
        addresses = [e.unit.address for e in walk_with_parents(doc.units)]
        candidates = tuple(difflib.get_close_matches(wanted, addresses, n=MAX_NEAREST, cutoff=0.5))
    return CitationError(text, f"no unit {wanted!r}", candidates=candidates)


def _nearby(doc: Document, roots: list[Path], missing: _Missing, step: Step) -> list[Path]:
    """Units of the kind that was asked for, where it was looked for."""
    kind = step[0]
    kinds = _LIST_KINDS if kind in _LIST_KINDS else (kind,)
    if missing.index == 0:
        pool = [e.path for root in roots for e in walk_with_parents(_children(doc, root), root)]
    elif kind is Kind.PART:
        pool = [(*path, u) for path in missing.frontier for u in _children(doc, path)]
    else:
        pool = [p for path in missing.frontier for p in _reachable(doc, path)]
    return [p for p in pool if p[-1].kind in kinds]


def _distance(step: Step, unit: Unit) -> tuple[float, float]:
    """How far a unit's number is from the step's: 8 is nearer 9 than 4-1 is; letters by alphabet."""
    kind, num, ordinal = step
    if kind is Kind.PART:
        return (abs(part_ordinal(unit) - (ordinal or 1)), 0.0)
    want, have = _num_key(kind, num, False) or "", _num_key(unit.kind, unit.num, False) or ""
    a, b = number_key(want), number_key(have)
    if a is not None and b is not None:
        rest_a, rest_b = (a[1:] or (0,))[0], (b[1:] or (0,))[0]
        return (abs(a[0] - b[0]), abs(rest_a - rest_b) + 0.5 * (len(a) != len(b)))
    for alphabet in (LATIN_LETTERS, KAZAKH_LETTERS):
        if len(want) == len(have) == 1 and want in alphabet and have in alphabet:
            return (abs(alphabet.index(want) - alphabet.index(have)), 0.0)
    return (1.0 - difflib.SequenceMatcher(None, want, have).ratio(), 0.0) if want and have else (99.0, 0.0)
