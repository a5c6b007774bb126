"""Ground detection: which categories of persons a clause distinguishes, and on what grounds.

Three passes over the words of a clause:

1. **Categories** — lexicon terms naming groups of persons ("seasonal
   workers", «лица без гражданства», «шетелдіктер»), matched by word keys
   (:mod:`lexamend.xref.morph`). A coordinated modifier may stand between the
   words of a term, so "seasonal and frontier workers" names both groups.
   A match contained in a longer one is dropped ("origin" inside "national
   origin"); words of fixed phrases the lexicon lists under ``ignore`` never
   name a group («права и свободы человека и гражданина»).
2. **Markers** — words that make a distinction (an exception, a restriction,
   a condition, a denial: "with the exception of", «за исключением»,
   «қоспағанда», "only", "provided that", «не принимаются») and words that
   make a guarantee ("irrespective of", «независимо от», any form of
   "discrimination"). Each marker governs a *scope*: the words after it (or
   before it: Kazakh postpositions), up to a clause boundary and at most
   :data:`MAX_SCOPE_WORDS` words; denials govern their sentence. A list's
   lead-in whose marker runs on to its colon governs the list items
   (:func:`open_marker`).
3. **Scoring** — a category inside a distinction marker's scope scores the
   marker's weight (:data:`MARKER_WEIGHTS`); in the same sentence but outside
   every scope it scores :data:`OUTSIDE_SCOPE_FACTOR` of the best marker's
   weight; inside a guarantee's scope it scores 0. A generic word for persons
   («граждане») scores :data:`GENERIC_FACTOR` of the weight where a marker
   does not govern it directly. A score at or above
   :data:`DISTINCTION_THRESHOLD` makes the clause *distinguish* on the
   category's grounds; below, the clause only *mentions* it.

Precision comes first: a lawyer's memo that accuses a clause of
discrimination wrongly does more harm than one that misses a distinction.
So naming a group of persons is never enough; only explicit exceptions,
restrictions, conditions and denials count, and an anti-discrimination
clause that lists grounds ("irrespective of … language, religion …") is
never read as distinguishing on them. The weights and the threshold are
tuned on the labelled clauses in ``bench/xref/labelled.yaml``;
``bench/xref/evaluate.py`` recomputes precision and recall.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from lexamend.xref import morph
from lexamend.xref.lexicon import (
    DISTINCTION_MARKERS,
    GUARANTEE,
    Lexicon,
    Marker,
    Term,
    TermIndex,
    lexicon,
    taxonomy,
    unsupported,
)
from lexamend.xref.model import DISTINGUISHES, MENTIONS, Context, Detection, Evidence, Governing

#: Weight of each kind of distinction marker: how surely a category in its scope is singled out.
#: An exception or a denial singles a group out by name; "only"/«только» restricts, but also
#: qualifies non-person words; a condition ("provided that", «при наличии») often concerns
#: documents or procedure rather than persons.
MARKER_WEIGHTS: dict[str, float] = {"exception": 1.0, "denial": 0.9, "restriction": 0.8, "condition": 0.7}
#: A category in the same sentence as a distinction marker but outside its scope scores this
#: share of the marker's weight (the marker probably concerns something else).
OUTSIDE_SCOPE_FACTOR = 0.4
#: A generic word for persons («граждане», "citizens" — the subject of most clauses) counts at this
#: share of the marker's weight where the marker does not govern it directly: anywhere in a denial's
#: sentence, or in a list item under a lead-in. "Only citizens" still counts in full.
GENERIC_FACTOR = 0.5
#: A score at or above this makes a detection a distinction. Tuned on the labelled clauses
#: (bench/xref/evaluate.py --sweep): 0.7 is the highest threshold at which conditions still count;
#: at 0.8 registration and eligibility conditions would all be missed (docs/xref.md).
DISTINCTION_THRESHOLD = 0.7
#: A marker governs at most this many words (from the marker to a clause boundary).
MAX_SCOPE_WORDS = 16
#: A guarantee ("irrespective of …", «… қарамастан») governs at most this many words: the lists of
#: grounds in anti-discrimination clauses are long.
MAX_GUARANTEE_WORDS = 60
#: A restriction read backwards ("citizens only") governs at most this many words.
MAX_BACKWARD_WORDS = 6
#: Words of a coordinated modifier allowed between two words of a term ("seasonal [and frontier] workers").
MAX_COORDINATION_GAP = 3

#: Characters that end a marker's scope: sentence ends, brackets, a colon, a line break.
_SCOPE_BREAK = re.compile(r"[.;:!?()\[\]\n]")
#: Sentence ends: ; ! ? always, a full stop before a capital letter, a line break, the end.
_SENTENCE_END = re.compile(r"[;!?]|\.(?=\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]|\s*$)|\n")


@dataclass(frozen=True)
class Token:
    index: int
    start: int
    end: int
    surface: str  # folded (lower case) form
    keys: frozenset[str]


@dataclass(frozen=True)
class _Hit:
    """A lexicon term or marker found in the text: the tokens it matched."""

    label: str
    tokens: tuple[int, ...]
    generic: bool = False


@dataclass(frozen=True)
class _Scope:
    marker: Marker
    tokens: tuple[int, ...]  # the marker's own tokens
    first: int  # first token governed
    last: int  # last token governed (inclusive)


def tokenize(text: str, lang: str) -> list[Token]:
    """The words of ``text`` with their offsets and keys."""
    folded = morph.fold(text)
    keys = morph.KEYS[lang]
    return [Token(i, m.start(), m.end(), m.group(), keys(m.group())) for i, m in enumerate(morph.WORD.finditer(folded))]


def _match_at(
    words: tuple, tokens: list[Token], start: int, coordinators: frozenset[str], gaps: bool
) -> tuple[int, ...] | None:
    """Token indices matching ``words`` from ``start``; coordinated modifiers may stand between words."""
    matched = []
    position = start
    for n, word in enumerate(words):
        if position >= len(tokens):
            return None
        if word.matches(tokens[position].surface, tokens[position].keys):
            matched.append(position)
            position += 1
            continue
        if n == 0 or not gaps:
            return None
        # "seasonal and frontier workers": skip a short run holding a coordinator
        for skip in range(1, MAX_COORDINATION_GAP + 1):
            probe = position + skip
            if probe >= len(tokens):
                return None
            run = tokens[position:probe]
            if any(t.surface in coordinators for t in run) and word.matches(tokens[probe].surface, tokens[probe].keys):
                matched.append(probe)
                position = probe + 1
                break
        else:
            return None
    return tuple(matched)


def _contiguous(text: str, tokens: list[Token], indices: tuple[int, ...]) -> bool:
    """Whether nothing but spaces, hyphens and commas stands between consecutive matched words."""
    for a, b in pairwise(indices):
        between = text[tokens[a].end : tokens[b].start]
        if b == a + 1 and not re.fullmatch(r"[\s\-‑–,']*", between):
            return False
        if b != a + 1 and _SCOPE_BREAK.search(text[tokens[a].end : tokens[b].start]):
            return False
    return True


def _find_terms(
    text: str, tokens: list[Token], terms: TermIndex, coordinators: frozenset[str], gaps: bool
) -> list[_Hit]:
    hits: list[_Hit] = []
    for token in tokens:
        for term in terms.candidates(token.surface, token.keys):
            assert isinstance(term, Term)
            if not term.words[0].matches(token.surface, token.keys):
                continue
            found = _match_at(term.words, tokens, token.index, coordinators, gaps)
            if found and _contiguous(text, tokens, found):
                hits.append(_Hit(term.label, found, term.generic))
    # a hit whose words all belong to a longer hit is part of that hit ("origin" in "national origin")
    unique = {(h.label, h.tokens): h for h in hits}
    kept = [h for h in unique.values() if not any(set(h.tokens) < set(o.tokens) for o in unique.values())]
    # overlapping hits of one category are one mention: «состоящее в гражданстве Республики Казахстан»
    merged: list[_Hit] = []
    for hit in sorted(kept, key=lambda h: (h.tokens, h.label)):
        same = next((m for m in merged if m.label == hit.label and set(m.tokens) & set(hit.tokens)), None)
        if same is None:
            merged.append(hit)
        else:
            merged[merged.index(same)] = _Hit(
                hit.label, tuple(sorted(set(same.tokens) | set(hit.tokens))), same.generic and hit.generic
            )
    return merged


def _find_markers(text: str, tokens: list[Token], lex: Lexicon) -> list[_Scope]:
    scopes: list[_Scope] = []
    for token in tokens:
        for marker in lex.index["markers"].candidates(token.surface, token.keys):
            assert isinstance(marker, Marker)
            found = _match_at(marker.words, tokens, token.index, frozenset(), gaps=False)
            if not found or not _contiguous(text, tokens, found):
                continue
            before = tokens[found[0] - 1].surface if found[0] > 0 else ""
            after = tokens[found[-1] + 1].surface if found[-1] + 1 < len(tokens) else ""
            if before in marker.not_after or after in marker.not_before:
                continue
            scopes.append(_scope(text, tokens, marker, found))
    return scopes


def _scope(text: str, tokens: list[Token], marker: Marker, found: tuple[int, ...]) -> _Scope:
    first, last = found[0], found[-1]
    if marker.scope == "sentence":
        start, end = _sentence(text, tokens[first].start)
        covered = [t.index for t in tokens if start <= t.start < end]
        return _Scope(marker, found, covered[0], covered[-1])
    lo, hi = first, last
    reach = MAX_GUARANTEE_WORDS if marker.kind == GUARANTEE else MAX_SCOPE_WORDS
    if marker.scope in ("forward", "both"):
        while (
            hi + 1 < len(tokens)
            and hi + 1 - last <= reach
            and not _SCOPE_BREAK.search(text[tokens[hi].end : tokens[hi + 1].start])
        ):
            hi += 1
    if marker.scope in ("backward", "both"):
        limit = MAX_BACKWARD_WORDS if marker.scope == "both" else reach
        while (
            lo - 1 >= 0
            and first - (lo - 1) <= limit
            and not _SCOPE_BREAK.search(text[tokens[lo - 1].end : tokens[lo].start])
        ):
            lo -= 1
    return _Scope(marker, found, lo, hi)


def _sentence(text: str, offset: int) -> tuple[int, int]:
    """The sentence around ``offset``: (start, end) character offsets."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= offset:
            start = match.end()
        else:
            return start, match.end()
    return start, len(text)


def _evidence(text: str, tokens: list[Token], indices: Iterable[int]) -> tuple[Evidence, ...]:
    return tuple(Evidence(text[tokens[i].start : tokens[i].end], tokens[i].start, tokens[i].end) for i in indices)


def _span(text: str, tokens: list[Token], indices: tuple[int, ...]) -> Evidence:
    start, end = tokens[indices[0]].start, tokens[indices[-1]].end
    return Evidence(text[start:end], start, end)


def _inside(scope: _Scope, hit: _Hit) -> bool:
    return all(scope.first <= i <= scope.last for i in hit.tokens) and not set(hit.tokens) & set(scope.tokens)


def _score(
    text: str, tokens: list[Token], hit: _Hit, scopes: list[_Scope]
) -> tuple[float, _Scope | None, _Scope | None]:
    """(score, the marker that decided it, the guarantee that vetoed it)."""
    for scope in scopes:
        if scope.marker.kind == GUARANTEE and _inside(scope, hit):
            return 0.0, None, scope
    best, best_scope = 0.0, None
    sentence = _sentence(text, tokens[hit.tokens[0]].start)
    for scope in scopes:
        if scope.marker.kind not in DISTINCTION_MARKERS:
            continue
        weight = MARKER_WEIGHTS[scope.marker.kind]
        if hit.generic and scope.marker.scope == "sentence":
            weight *= GENERIC_FACTOR
        if not _inside(scope, hit):
            if not sentence[0] <= tokens[scope.tokens[0]].start < sentence[1]:
                continue
            weight *= OUTSIDE_SCOPE_FACTOR
        if weight > best:
            best, best_scope = weight, scope
    return round(best, 4), best_scope, None


def detect_context(text: str, lang: str) -> Context:
    """Topics (education, employment, …) and persons (child) that ``text`` concerns, and whether it grants a right."""
    lex = lexicon(lang)
    tokens = tokenize(text, lang)
    topics = sorted({h.label for h in _find_terms(text, tokens, lex.index["topics"], lex.coordinators, gaps=False)})
    persons = sorted({h.label for h in _find_terms(text, tokens, lex.index["persons"], lex.coordinators, gaps=False)})
    grants = bool(_find_terms(text, tokens, lex.index["grants"], lex.coordinators, gaps=False))
    return Context(tuple(topics), tuple(persons), grants)


def open_marker(text: str, lang: str, address: str = "") -> Governing | None:
    """The distinction marker of a list's lead-in that runs on into the list items, if any.

    A lead-in ends with a colon, and a marker governs the items when its scope
    reaches that colon: «Наставником не может быть:», "… with the exception of:".
    """
    if not text.rstrip().endswith(":"):
        return None
    lex = lexicon(lang)
    tokens = tokenize(text, lang)
    if not tokens:
        return None
    best: _Scope | None = None
    for scope in _find_markers(text, tokens, lex):
        if scope.last != len(tokens) - 1 or scope.marker.scope == "backward":
            continue
        if scope.marker.kind == GUARANTEE:
            return None
        if best is None or MARKER_WEIGHTS[scope.marker.kind] > MARKER_WEIGHTS[best.marker.kind]:
            best = scope
    if best is None:
        return None
    return Governing(best.marker.kind, _span(text, tokens, best.tokens), address)


def find_categories(
    text: str, lang: str, *, threshold: float = DISTINCTION_THRESHOLD, governed: Governing | None = None
) -> list[Detection]:
    """Every category named in ``text``, each marked as distinguished or mentioned (no provisions).

    ``governed``: a marker of the list's lead-in (:func:`open_marker`) that
    governs this list item as a whole.
    """
    if lang not in morph.KEYS:
        raise unsupported(lang, "<text>")
    lex = lexicon(lang)
    tokens = tokenize(text, lang)
    if not tokens:
        return []
    ignored = {
        i for h in _find_terms(text, tokens, lex.index["ignore"], lex.coordinators, gaps=False) for i in h.tokens
    }
    hits = [
        h
        for h in _find_terms(text, tokens, lex.index["terms"], lex.coordinators, gaps=True)
        if not ignored & set(h.tokens)
    ]
    scopes = _find_markers(text, tokens, lex)
    tax = taxonomy()
    detections = []
    for hit in hits:
        score, decided, veto = _score(text, tokens, hit, scopes)
        inherited_score = MARKER_WEIGHTS[governed.kind] * (GENERIC_FACTOR if hit.generic else 1.0) if governed else 0.0
        if governed is not None and veto is None and inherited_score > score:
            detections.append(
                Detection(
                    category=hit.label,
                    grounds=tax.category(hit.label).grounds,
                    status=DISTINGUISHES if inherited_score >= threshold else MENTIONS,
                    score=round(inherited_score, 4),
                    evidence=_evidence(text, tokens, hit.tokens),
                    marker=governed.kind,
                    marker_evidence=governed.evidence,
                    marker_unit=governed.address,
                )
            )
            continue
        detections.append(
            Detection(
                category=hit.label,
                grounds=tax.category(hit.label).grounds,
                status=DISTINGUISHES if score >= threshold else MENTIONS,
                score=score,
                evidence=_evidence(text, tokens, hit.tokens),
                marker=decided.marker.kind if decided else "",
                marker_evidence=_span(text, tokens, decided.tokens) if decided else None,
                vetoed_by=_span(text, tokens, veto.tokens) if veto else None,
            )
        )
    return detections
