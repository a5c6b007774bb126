"""The rights registry: provisions loaded from ``data/registry.yaml``, quoted from the corpus.

:func:`load_registry` reads the registry, parses every corpus text it names
(once per process), resolves each provision's address with
:func:`lexamend.address.resolve` and quotes the unit's text in every language
the corpus has it in. Nothing in the registry restates a provision's wording:
the ``grounds`` and ``other_status`` words it gives are checked to occur in the
quoted text, so a wrong address or an edited corpus file fails loudly.

:meth:`Registry.lookup` turns a reference written in a patch
(``un-crc-1989:art_28__para_1``) into a :class:`~lexamend.xref.model.Provision`;
a reference to a unit that exists in a corpus text but is not registered is
quoted all the same (and marked unregistered); anything else is an error that
suggests the nearest known references. :meth:`Registry.engagements` says which
provisions a detected distinction engages and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lexamend.errors import CitationError, InputError
from lexamend.model import Document, Unit
from lexamend.xref.datafiles import load_yaml, packaged
from lexamend.xref.lexicon import Taxonomy, taxonomy
from lexamend.xref.model import Context, Detection, Engagement, GroundCover, Instrument, Provision, Version

#: How many near references an "unknown reference" error suggests.
MAX_SUGGESTIONS = 4
#: Minimum similarity (0-100, rapidfuzz WRatio) for a reference to be suggested.
SUGGESTION_CUTOFF = 60


@dataclass(frozen=True)
class _Entry:
    """A registered provision with its rules (kept apart from the frozen, hashable Provision)."""

    provision: Provision
    suggest: bool


@dataclass
class Registry:
    """The loaded registry: instruments, provisions, and the parsed corpus texts they quote."""

    instruments: tuple[Instrument, ...]
    provisions: tuple[Provision, ...]
    taxonomy: Taxonomy
    source: str = ""
    _suggest: dict[str, bool] = field(default_factory=dict, repr=False)
    _documents: dict[str, dict[str, Document]] = field(default_factory=dict, repr=False)
    _corpus_root: Path | None = field(default=None, repr=False)

    # --- look-ups -----------------------------------------------------------------------

    def get(self, provision_id: str) -> Provision | None:
        return next((p for p in self.provisions if p.id == provision_id), None)

    def instrument_of(self, doc: str) -> Instrument | None:
        return next((i for i in self.instruments if i.version(doc) is not None), None)

    def version(self, doc: str) -> Version | None:
        instrument = self.instrument_of(doc)
        return instrument.version(doc) if instrument else None

    def suggestable(self, provision: Provision) -> bool:
        return provision.registered and self._suggest.get(provision.id, True)

    def documents(self, doc: str) -> dict[str, Document]:
        """The corpus texts of ``doc`` by language (parsed on first use)."""
        if doc not in self._documents:
            self._documents[doc] = _parse_corpus(doc, self._corpus_root)
        return self._documents[doc]

    def lookup(self, ref: str) -> Provision:
        """The provision ``ref`` (``doc:address``) names; :class:`CitationError` with suggestions if none."""
        ref = ref.strip()
        doc, sep, address = ref.partition(":")
        if not sep or not address:
            raise CitationError(
                ref,
                "names a whole instrument, not a provision",
                hint=f"Cite an article or paragraph, e.g. {self._example(doc)}.",
            )
        version = self.version(doc)
        if version is not None and not version.in_corpus:
            raise CitationError(
                ref,
                f"cites {version.label or doc}, whose text is not in the corpus",
                hint="Add the text to the corpus (with a meta file) and list its provisions in the rights registry, or cite a version that is in the corpus.",
            )
        registered = self.get(ref)
        if registered is not None:
            return registered
        try:
            texts = self.documents(doc)
        except InputError:
            raise CitationError(
                ref,
                f"names no unit: {doc!r} is neither in the rights registry nor in the corpus",
                candidates=self._near(ref),
            ) from None
        from lexamend.address import resolve_path

        first = next(iter(texts.values()))
        try:
            path = resolve_path(first, address)
        except CitationError as exc:
            near = [p.id for p in self.provisions if p.doc == doc]
            candidates = self._near(ref, near) or tuple(f"{doc}:{c}" for c in exc.candidates)
            raise CitationError(ref, f"no unit {address!r} in {doc}", candidates=candidates) from None
        canonical = f"{doc}:{path[-1].address or path[-1].eid}"
        registered = self.get(canonical)
        if registered is not None:
            return registered
        return _provision_from(
            doc,
            path[-1].address or path[-1].eid,
            texts,
            self.instrument_of(doc),
            {"title": "", "kind": "right"},
            registered=False,
        )

    def _example(self, doc: str) -> str:
        near = [p.id for p in self.provisions if p.doc == doc]
        return near[0] if near else self.provisions[0].id

    def _near(self, ref: str, pool: Iterable[str] | None = None) -> tuple[str, ...]:
        from rapidfuzz import fuzz, process

        choices = list(pool) if pool is not None else [p.id for p in self.provisions]
        found = process.extract(ref, choices, scorer=fuzz.WRatio, limit=MAX_SUGGESTIONS, score_cutoff=SUGGESTION_CUTOFF)
        return tuple(choice for choice, _, _ in found)

    # --- engagement ---------------------------------------------------------------------

    def citable_version(self, instrument: Instrument, as_of: str | None = None) -> Version | None:
        """The version to cite: the one in force on ``as_of`` if its text is in the corpus, else the latest that is."""
        in_corpus = [v for v in instrument.versions if v.in_corpus]
        if as_of:
            current = instrument.in_force_on(as_of)
            if current is not None and current.in_corpus:
                return current
        return in_corpus[-1] if in_corpus else None

    def engagements(
        self, detection: Detection, context: Context, *, as_of: str | None = None
    ) -> tuple[Engagement, ...]:
        """The provisions a distinction on ``detection``'s grounds engages in a clause about ``context``."""
        category = self.taxonomy.category(detection.category)
        grounds = detection.grounds
        found: list[Engagement] = []
        cited_docs = {i.id: (v.doc if (v := self.citable_version(i, as_of)) else "") for i in self.instruments}
        for provision in self.provisions:
            if not self.suggestable(provision) or cited_docs.get(provision.instrument) != provision.doc:
                continue
            if provision.topics and not set(provision.topics) & set(context.topics):
                continue
            if provision.persons and not set(provision.persons) <= set(context.persons):
                continue
            if provision.citizens_only and category.non_citizen:
                continue
            relevant = [g for g in grounds if not provision.for_grounds or g in provision.for_grounds]
            if not relevant:
                continue
            found.extend(_bases(provision, relevant))
        engaged = {e.provision for e in found}
        for engagement in list(found):
            provision = self.get(engagement.provision)
            for other in provision.read_with if provision else ():
                if other not in engaged:
                    engaged.add(other)
                    found.append(Engagement(other, "read-with", engagement.ground, via=engagement.provision))
        return tuple(found)


def _bases(provision: Provision, grounds: list[str]) -> list[Engagement]:
    if provision.kind == "non-discrimination":
        bases = []
        for ground in grounds:
            cover = provision.names(ground)
            if cover is not None:
                bases.append(Engagement(provision.id, "named", ground, cover.words))
            elif provision.other_status:
                bases.append(Engagement(provision.id, "other-status", ground, provision.other_status))
        return bases
    basis = {"equality": "equality", "principle": "principle"}.get(provision.kind, "right")
    return [Engagement(provision.id, basis, grounds[0])]


# --- loading --------------------------------------------------------------------------


def _parse_corpus(doc: str, root: Path | None) -> dict[str, Document]:
    from lexamend.corpus import entries
    from lexamend.parse import parse_file

    found = [e for e in entries(root) if e.doc_id == doc]
    if not found:
        raise InputError(doc, "is not in the corpus")
    # the registry's own languages first: the source language of a national text is Russian
    order = {"ru": 0, "en": 1, "kk": 2}
    found.sort(key=lambda e: order.get(e.language, 9))
    return {e.language: parse_file(e.path) for e in found}


def _quote(unit: Unit) -> str:
    from lexamend.render.text import unit_lines

    return "\n".join(line for _, line in unit_lines(unit))


def _by_lang(value: Any, first: str) -> dict[str, str]:
    if value is None:
        return {}
    return {first: str(value)} if isinstance(value, str) else {str(k): str(v) for k, v in value.items()}


def _squash(text: str) -> str:
    return " ".join(text.split())


def _provision_from(
    doc: str,
    address: str,
    texts: dict[str, Document],
    instrument: Instrument | None,
    raw: dict[str, Any],
    *,
    registered: bool = True,
) -> Provision:
    from lexamend.address import format_citation, resolve_path

    quotes: list[tuple[str, str]] = []
    paths = {}
    for lang, document in texts.items():
        try:
            path = resolve_path(document, address)
        except CitationError as exc:
            raise InputError(
                f"{doc}.{lang}", f"provision {address!r} of the rights registry does not resolve: {exc}"
            ) from None
        paths[lang] = path
        quotes.append((lang, _quote(path[-1])))
    first_lang = quotes[0][0]
    path = paths[first_lang]
    canonical = path[-1].address or path[-1].eid
    citations = tuple(
        (lang, format_citation(path, lang, style="short" if lang == "en" else "chain")) for lang in ("en", "ru", "kk")
    )
    meta = texts[first_lang].meta
    short_name = instrument.short if instrument else (dict(meta.extra).get("title_en") or meta.title or doc)
    english = dict(citations)["en"].replace("Article ", "Art. ")
    quote_by_lang = dict(quotes)
    covers = []
    for ground, words in (raw.get("grounds") or {}).items():
        by_lang = _by_lang(words, first_lang)
        for lang, text in by_lang.items():
            if lang not in quote_by_lang or _squash(text) not in _squash(quote_by_lang[lang]):
                raise InputError(
                    f"{doc}:{address}",
                    f"the registry's words for ground {ground!r}, {text!r}, are not in the quoted {lang} text",
                    hint="Copy the words exactly from the corpus text.",
                )
        covers.append(GroundCover(ground, by_lang.get(first_lang) or next(iter(by_lang.values()))))
    other = _by_lang(raw.get("other_status"), first_lang)
    for lang, text in other.items():
        if lang not in quote_by_lang or _squash(text) not in _squash(quote_by_lang[lang]):
            raise InputError(
                f"{doc}:{address}", f"the registry's other-status words {text!r} are not in the quoted {lang} text"
            )
    return Provision(
        id=f"{doc}:{canonical}",
        doc=doc,
        address=canonical,
        instrument=instrument.id if instrument else doc,
        title=str(raw.get("title", "")) or (path[-1].heading or ""),
        short=f"{short_name} {english}",
        kind=str(raw.get("kind", "right")),
        rights=tuple(raw.get("rights", ())),
        grounds=tuple(covers),
        other_status=other.get(first_lang, ""),
        topics=tuple(raw.get("topics", ())),
        persons=tuple(raw.get("persons", ())),
        for_grounds=tuple(raw.get("for_grounds", ())),
        citizens_only=bool(raw.get("citizens_only", False)),
        read_with=tuple(raw.get("read_with", ())),
        texts=tuple(quotes),
        citations=citations,
        registered=registered,
        note=str(raw.get("note", "")),
    )


def _version(raw: dict[str, Any], texts: dict[str, Document] | None, source: str, corpus_root: Path | None) -> Version:
    """A version: dates from the registry, checked against (or filled from) the corpus metadata."""
    from lexamend.corpus import entries

    label = str(raw.get("label", ""))
    valid_from, valid_to = str(raw.get("valid_from", "")), str(raw.get("valid_to", ""))
    if texts is not None:
        meta = next((e.meta for e in entries(corpus_root) if e.doc_id == raw["doc"]), {})
        block = meta.get("version") or {}
        for key, value in (("valid_from", valid_from), ("valid_to", valid_to)):
            corpus_value = str(block.get(key, "") or "")
            if value and corpus_value and value != corpus_value:
                raise InputError(
                    source,
                    f"version {raw['doc']}: {key} is {value} in the registry but {corpus_value} in the corpus metadata",
                )
        valid_from = valid_from or str(block.get("valid_from", "") or "")
        valid_to = valid_to or str(block.get("valid_to", "") or "")
        label = (
            label or str(block.get("label", "") or "") or str(meta.get("title_en") or meta.get("title") or raw["doc"])
        )
    return Version(
        doc=raw["doc"],
        label=label or raw["doc"],
        valid_from=valid_from,
        valid_to=valid_to,
        adopted=str(raw.get("adopted", "")),
        in_corpus=texts is not None,
        languages=tuple(texts) if texts else (),
        note=str(raw.get("note", "")),
    )


def _load(path: Path, corpus_root: Path | None) -> Registry:
    data = load_yaml(path, "rights-registry.schema.json")
    tax = taxonomy()
    known_grounds = {g.id for g in tax.grounds}
    instruments: list[Instrument] = []
    provisions: list[Provision] = []
    suggest: dict[str, bool] = {}
    documents: dict[str, dict[str, Document]] = {}
    for raw in data["instruments"]:
        versions = []
        for raw_version in raw["versions"]:
            texts = None
            if raw_version.get("in_corpus", True):
                texts = _parse_corpus(raw_version["doc"], corpus_root)
                documents[raw_version["doc"]] = texts
            elif raw_version.get("provisions"):
                raise InputError(
                    str(path), f"version {raw_version['doc']} is not in the corpus, so it cannot list provisions"
                )
            versions.append(_version(raw_version, texts, str(path), corpus_root))
        instrument = Instrument(
            raw["id"], raw["title"], raw["short"], raw["kind"], raw["jurisdiction"], tuple(versions)
        )
        instruments.append(instrument)
        for raw_version in raw["versions"]:
            for raw_provision in raw_version.get("provisions", []):
                named = set(raw_provision.get("grounds", {})) | set(raw_provision.get("for_grounds", []))
                unknown = sorted(named - known_grounds)
                if unknown:
                    raise InputError(
                        str(path),
                        f"{raw_version['doc']}:{raw_provision['at']} names unknown ground(s) {', '.join(unknown)}",
                        hint="Grounds: " + ", ".join(sorted(known_grounds)),
                    )
                provision = _provision_from(
                    raw_version["doc"], raw_provision["at"], documents[raw_version["doc"]], instrument, raw_provision
                )
                if provision.id != f"{raw_version['doc']}:{raw_provision['at']}":
                    raise InputError(
                        str(path),
                        f"{raw_version['doc']}:{raw_provision['at']} is not the canonical address; write {provision.id}",
                    )
                provisions.append(provision)
                suggest[provision.id] = bool(raw_provision.get("suggest", True))
    ids = [p.id for p in provisions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InputError(str(path), f"provision(s) listed twice: {', '.join(duplicates)}")
    for provision in provisions:
        for other in provision.read_with:
            if other not in ids:
                raise InputError(str(path), f"{provision.id} is read with {other}, which is not in the registry")
    return Registry(tuple(instruments), tuple(provisions), tax, str(path), suggest, documents, corpus_root)


@lru_cache(maxsize=4)
def _cached(path: str, corpus_root: str | None) -> Registry:
    return _load(Path(path), Path(corpus_root) if corpus_root else None)


def load_registry(path: str | Path | None = None, *, corpus_root: str | Path | None = None) -> Registry:
    """The rights registry (``data/registry.yaml`` unless ``path`` is given), quoted from the corpus.

    Loaded once per process and path: parsing the corpus texts it quotes takes
    about a second.
    """
    return _cached(str(path or packaged("registry.yaml")), str(corpus_root) if corpus_root else None)
