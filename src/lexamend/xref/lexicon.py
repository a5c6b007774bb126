"""Lexicons: the words that name categories of persons, mark distinctions, and give context.

One YAML file per language (``data/lexicon.<lang>.yaml``); this module turns it
into patterns of word keys (:mod:`lexamend.xref.morph`) that
:mod:`lexamend.xref.grounds` matches against a clause's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lexamend.errors import InputError
from lexamend.parse.lang import SUPPORTED
from lexamend.xref import morph
from lexamend.xref.datafiles import load_yaml, packaged
from lexamend.xref.model import Category, Ground

#: The kinds of marker that make a mention a distinction, and the kind that vetoes one.
DISTINCTION_MARKERS = ("exception", "restriction", "condition", "denial")
GUARANTEE = "guarantee"


@dataclass(frozen=True)
class WordPattern:
    """One word of a term: its keys, or a prefix (``образован*``), or an exact folded form."""

    text: str
    keys: frozenset[str] = frozenset()
    prefix: str = ""
    exact: bool = False

    def matches(self, surface: str, keys: frozenset[str]) -> bool:
        if self.prefix:
            return surface.startswith(self.prefix) or any(k.startswith(self.prefix) for k in keys)
        if self.exact:
            return surface == self.text
        return not self.keys.isdisjoint(keys)


@dataclass(frozen=True)
class Term:
    """Words naming a category (or a topic), in order."""

    label: str  # the category, topic or person id
    words: tuple[WordPattern, ...]
    generic: bool = False  # a word laws use for "persons" at large («граждане», "citizens")
    text: str = ""


@dataclass(frozen=True)
class Marker:
    """Words marking a distinction (or a guarantee) and the direction of the words they govern."""

    kind: str
    words: tuple[WordPattern, ...]
    scope: str  # forward | backward | both | sentence
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    text: str = ""


class TermIndex:
    """Terms (or markers) by the keys of their first word, so that each word of a text looks up
    only the few terms that can start there instead of trying all of them."""

    def __init__(self, items: tuple[Term, ...] | tuple[Marker, ...]) -> None:
        self.by_key: dict[str, list[Term | Marker]] = {}
        self.by_prefix: list[Term | Marker] = []
        for item in items:
            first = item.words[0]
            if first.prefix:
                self.by_prefix.append(item)
            elif first.exact:
                self.by_key.setdefault(first.text, []).append(item)
            else:
                for key in first.keys:
                    self.by_key.setdefault(key, []).append(item)

    def candidates(self, surface: str, keys: frozenset[str]) -> list[Term | Marker]:
        found: dict[int, Term | Marker] = {}
        for key in (surface, *keys):
            for item in self.by_key.get(key, ()):
                found[id(item)] = item
        for item in self.by_prefix:
            if item.words[0].matches(surface, keys):
                found[id(item)] = item
        return list(found.values())


@dataclass(frozen=True)
class Lexicon:
    lang: str
    method: str
    coordinators: frozenset[str]
    terms: tuple[Term, ...]
    markers: tuple[Marker, ...]
    topics: tuple[Term, ...]
    persons: tuple[Term, ...]
    grants: tuple[Term, ...] = ()
    source: str = ""
    index: dict[str, TermIndex] = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Taxonomy:
    """The grounds and categories of ``data/grounds.yaml``."""

    grounds: tuple[Ground, ...]
    categories: tuple[Category, ...]

    def ground(self, ground_id: str) -> Ground:
        return next(g for g in self.grounds if g.id == ground_id)

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)


def _words(text: str, lang: str, *, exact: bool = False) -> tuple[WordPattern, ...]:
    folded = morph.fold(text)
    patterns: list[WordPattern] = []
    for raw in folded.split():
        if raw.endswith("*"):
            patterns.append(WordPattern(raw, prefix=raw[:-1]))
            continue
        for match in morph.WORD.finditer(raw):
            word = match.group()
            if exact:
                patterns.append(WordPattern(word, exact=True))
            else:
                patterns.append(WordPattern(word, keys=morph.term_keys(word, lang)))
    return tuple(patterns)


@lru_cache(maxsize=1)
def taxonomy(path: str | None = None) -> Taxonomy:
    """Grounds and categories (``data/grounds.yaml`` unless ``path`` is given)."""
    data = load_yaml(Path(path) if path else packaged("grounds.yaml"), "xref-grounds.schema.json")
    grounds = tuple(Ground(g["id"], tuple(sorted(g["label"].items()))) for g in data["grounds"])
    known = {g.id for g in grounds}
    categories = []
    for raw in data["categories"]:
        unknown = [g for g in raw["grounds"] if g not in known]
        if unknown:
            raise InputError(
                path or "grounds.yaml", f"category {raw['id']!r} names unknown ground(s) {', '.join(unknown)}"
            )
        categories.append(
            Category(
                raw["id"],
                tuple(raw["grounds"]),
                tuple(sorted(raw["label"].items())),
                bool(raw.get("non_citizen", False)),
            )
        )
    return Taxonomy(grounds, tuple(categories))


def unsupported(lang: str, where: str) -> InputError:
    return InputError(
        where,
        f"language {lang!r} is not supported by ground detection",
        hint=f"Lexicons exist for {', '.join(SUPPORTED)}; give the text's language with --lang, or add data/lexicon.{lang}.yaml.",
    )


@lru_cache(maxsize=8)
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon of ``lang`` (en, ru, kk); :class:`InputError` for any other language."""
    if lang not in SUPPORTED:
        raise unsupported(lang, "<text>")
    path = packaged(f"lexicon.{lang}.yaml")
    data = load_yaml(path, "xref-lexicon.schema.json")
    if data["language"] != lang:
        raise InputError(str(path), f"says language {data['language']!r}, expected {lang!r}")
    known = {c.id for c in taxonomy().categories}
    terms: list[Term] = []
    for category, entries in data["categories"].items():
        if category not in known:
            raise InputError(
                str(path), f"category {category!r} is not in grounds.yaml", hint="Known: " + ", ".join(sorted(known))
            )
        for entry in entries:
            text, generic = (
                (entry, False) if isinstance(entry, str) else (entry["words"], bool(entry.get("generic", False)))
            )
            terms.append(Term(category, _words(text, lang), generic, text))
    markers: list[Marker] = []
    for kind, entries in data["markers"].items():
        for entry in entries:
            markers.append(
                Marker(
                    kind,
                    _words(entry["words"], lang, exact=lang == "kk"),
                    entry["scope"],
                    frozenset(morph.fold(w) for w in entry.get("not_after", [])),
                    frozenset(morph.fold(w) for w in entry.get("not_before", [])),
                    entry["words"],
                )
            )
    topics = tuple(
        Term(topic, _words(text, lang), text=text)
        for topic, entries in data["contexts"]["topics"].items()
        for text in entries
    )
    persons = tuple(
        Term(person, _words(text, lang), text=text)
        for person, entries in data["contexts"]["persons"].items()
        for text in entries
    )
    grants = tuple(Term("grant", _words(text, lang), text=text) for text in data["contexts"]["grants"])
    ignore = tuple(Term("ignore", _words(text, lang), text=text) for text in data.get("ignore", []))
    index = {
        "terms": TermIndex(tuple(terms)),
        "markers": TermIndex(tuple(markers)),
        "topics": TermIndex(topics),
        "persons": TermIndex(persons),
        "grants": TermIndex(grants),
        "ignore": TermIndex(ignore),
    }
    return Lexicon(
        index=index,
        lang=lang,
        method=morph.method(lang),
        coordinators=frozenset(morph.fold(w) for w in data["coordinators"]),
        terms=tuple(terms),
        markers=tuple(markers),
        topics=topics,
        persons=persons,
        grants=grants,
        source=str(path),
    )
