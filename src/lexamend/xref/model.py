"""Rights cross-references as data: provisions, versions, detections and their comparison.

Frozen dataclasses only (no I/O, no rendering). The registry
(:mod:`lexamend.xref.registry`) builds :class:`Provision` and
:class:`Instrument` objects from YAML and the corpus; ground detection
(:mod:`lexamend.xref.grounds`) returns :class:`Detection` objects; the
cross-reference of a document or a patch (:mod:`lexamend.xref.crossref`)
returns :class:`UnitXref` and :class:`EditXref`.

Vocabulary. A *category* is a group of persons a clause can name ("seasonal
workers", «лица без гражданства»); each maps to one or more protected
*grounds* (occupation, migration status, …). A clause *distinguishes* on a
ground when it names a category inside an exception, an exclusion, a
restriction or a condition; it only *mentions* the category when it names it
in a guarantee or an enumeration of beneficiaries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

#: A detection's status.
DISTINGUISHES = "distinguishes"
MENTIONS = "mentions"


@dataclass(frozen=True)
class Ground:
    """A protected ground of distinction (``occupation``, ``migration-status``)."""

    id: str
    labels: tuple[tuple[str, str], ...]  # (language, label)

    def label(self, lang: str = "en") -> str:
        found = dict(self.labels)
        return found.get(lang) or found["en"]


@dataclass(frozen=True)
class Category:
    """A group of persons a clause can name, and the grounds naming it engages."""

    id: str
    grounds: tuple[str, ...]
    labels: tuple[tuple[str, str], ...]
    non_citizen: bool = False  # the group is made of foreigners or stateless persons

    def label(self, lang: str = "en") -> str:
        found = dict(self.labels)
        return found.get(lang) or found["en"]


@dataclass(frozen=True)
class Version:
    """One text of an instrument, valid for a period (a constitution before and after a referendum).

    ``doc`` is the corpus id of the text, which is also the prefix of its
    provision ids (``kz-constitution-1995``:art_14__para_2). A version whose
    text is not in the corpus (``in_corpus`` false) is known by its dates only:
    nothing can be quoted or cited from it, but it tells when the versions that
    are in the corpus stopped being in force.
    """

    doc: str
    label: str
    valid_from: str = ""  # ISO date; "" = unknown or not applicable (treaties)
    valid_to: str = ""  # ISO date, inclusive; "" = still in force
    adopted: str = ""
    in_corpus: bool = True
    languages: tuple[str, ...] = ()
    note: str = ""

    def in_force(self, date: str) -> bool | None:
        """Whether this version was in force on ``date`` (ISO); None when the dates are unknown."""
        if not self.valid_from and not self.valid_to:
            return None
        day = datetime.date.fromisoformat(date)
        if self.valid_from and day < datetime.date.fromisoformat(self.valid_from):
            return False
        return not (self.valid_to and day > datetime.date.fromisoformat(self.valid_to))


@dataclass(frozen=True)
class Instrument:
    """A constitution, law or treaty, with its versions (oldest first)."""

    id: str
    title: str
    short: str  # "Constitution", "CRC", "ICESCR"
    kind: str  # constitution | law | treaty
    jurisdiction: str
    versions: tuple[Version, ...]

    def version(self, doc: str) -> Version | None:
        return next((v for v in self.versions if v.doc == doc), None)

    def in_force_on(self, date: str) -> Version | None:
        """The version in force on ``date``, if the registry knows one."""
        return next((v for v in self.versions if v.in_force(date)), None)


@dataclass(frozen=True)
class GroundCover:
    """A ground a provision names, with the provision's own words for it (checked against the corpus)."""

    ground: str
    words: str


@dataclass(frozen=True)
class Provision:
    """A provision of a constitution, law or treaty, with its text quoted from the corpus.

    ``kind``: ``non-discrimination`` (a ban on distinctions, with the grounds
    it names and, if open-ended, its "other status" words), ``right`` (a right
    a distinction can restrict, such as the right to education), ``equality``
    (equality before the law) or ``principle`` (best interests of the child).

    When it applies: ``topics`` (the clause must concern one of them — an
    accessory ban such as ICESCR Art. 2(2) covers Covenant rights only; empty =
    any subject), ``persons`` (``child``: it protects children), ``for_grounds``
    (engaged only by these grounds: CRPD Art. 24 by disability),
    ``citizens_only`` (it grants a right to citizens: not engaged by a
    distinction against foreigners) and ``read_with`` (provisions engaged
    together with it: CADE Art. 3(e) is read with the definition in Art. 1).
    """

    id: str  # doc:address
    doc: str  # corpus id of the version cited
    address: str
    instrument: str
    title: str
    short: str  # "Constitution Art. 14(2)", "CRC Art. 2(1)"
    kind: str
    rights: tuple[str, ...] = ()
    grounds: tuple[GroundCover, ...] = ()
    other_status: str = ""
    topics: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    for_grounds: tuple[str, ...] = ()
    citizens_only: bool = False
    read_with: tuple[str, ...] = ()
    texts: tuple[tuple[str, str], ...] = ()  # (language, quoted text from the corpus)
    citations: tuple[tuple[str, str], ...] = ()  # (language, citation in that language)
    registered: bool = True  # False: cited by a patch, resolved in the corpus, not in the registry
    note: str = ""

    def text(self, lang: str | None = None) -> tuple[str, str]:
        """(language, quoted text): in ``lang`` when the corpus has it, else in the source language."""
        found = dict(self.texts)
        if lang and lang in found:
            return lang, found[lang]
        first = self.texts[0]
        return first[0], first[1]

    def citation(self, lang: str) -> str:
        found = dict(self.citations)
        return found.get(lang) or found.get("en") or self.short

    def names(self, ground: str) -> GroundCover | None:
        return next((g for g in self.grounds if g.ground == ground), None)


@dataclass(frozen=True)
class Evidence:
    """Words of the clause, with their character offsets in the clause text (``text[start:end]``)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Engagement:
    """Why a detection engages a provision.

    ``basis``: ``named`` (the provision names the ground: ``words``),
    ``other-status`` (it falls under the open-ended words ``words``),
    ``right`` (the distinction restricts the right the provision guarantees),
    ``equality`` (equality before the law), ``principle`` (a principle that
    governs the clause: the best interests of the child), ``read-with``
    (engaged together with ``via``).
    """

    provision: str
    basis: str
    ground: str = ""
    words: str = ""
    via: str = ""
    extension: bool = False  # the edit extends a guarantee to the group rather than ending a distinction


@dataclass(frozen=True)
class Governing:
    """A distinction marker in a list's lead-in that governs every item of the list.

    «Иммиграция … не допускается в отношении членов семей следующих категорий
    иммигрантов:» governs «2) сезонных иностранных работников;».
    """

    kind: str
    evidence: Evidence
    address: str


@dataclass(frozen=True)
class Detection:
    """A category of persons found in a clause, what the clause does with it, and the evidence."""

    category: str
    grounds: tuple[str, ...]
    status: str  # DISTINGUISHES | MENTIONS
    score: float
    evidence: tuple[Evidence, ...]  # the words naming the category
    marker: str = ""  # exception | restriction | condition | denial
    marker_evidence: Evidence | None = None  # offsets in the clause, or in ``marker_unit``'s text
    marker_unit: str = ""  # the list's lead-in holding the marker («Наставником не может быть:»), if not this clause
    vetoed_by: Evidence | None = None  # an anti-discrimination or "irrespective of" context
    engagements: tuple[Engagement, ...] = ()

    @property
    def distinguishes(self) -> bool:
        return self.status == DISTINGUISHES

    @property
    def provisions(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for engagement in self.engagements:
            seen.setdefault(engagement.provision, None)
        return tuple(seen)


@dataclass(frozen=True)
class Context:
    """What a clause is about, read from its text and its surroundings (heading, document title)."""

    topics: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    grants: bool = False  # the clause grants a right or admission ("have the same rights", «принимаются»)


@dataclass(frozen=True)
class UnitXref:
    """The detections in one unit of a document."""

    address: str
    citation: str
    text: str
    lang: str
    context: Context
    detections: tuple[Detection, ...]

    @property
    def grounds(self) -> tuple[str, ...]:
        """Grounds the unit distinguishes on, in first-seen order."""
        seen: dict[str, None] = {}
        for detection in self.detections:
            if detection.distinguishes:
                for ground in detection.grounds:
                    seen.setdefault(ground, None)
        return tuple(seen)


@dataclass(frozen=True)
class RightsRef:
    """A provision an edit serves: cited in its ``rights:`` list, suggested by detection, or both."""

    provision: str
    source: str  # cited | suggested | cited+suggested
    cited_as: str = ""  # the reference as written in the patch, when it differs
    line: int | None = None  # line of the reference in the patch file
    bases: tuple[Engagement, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroundChange:
    """What an edit does to one ground: removed, narrowed, introduced, widened or kept."""

    ground: str
    change: str  # removed | narrowed | introduced | widened | kept
    removed: tuple[str, ...] = ()  # categories no longer distinguished
    introduced: tuple[str, ...] = ()
    remaining: tuple[str, ...] = ()  # categories still distinguished after the edit


@dataclass(frozen=True)
class EditXref:
    """One edit of a patch: the grounds before and after it, and the provisions it engages.

    ``before`` is the text as the earlier edits of the patch left it, so that
    each edit is judged on its own.
    """

    edit_id: str
    patch: str
    line: int | None
    op: str
    address: str
    citation: str
    before: tuple[UnitXref, ...]  # the units the edit touches, before it
    after: tuple[UnitXref, ...]  # the same units after it (none for a unit it removes)
    changes: tuple[GroundChange, ...]
    mentions_added: tuple[str, ...] = ()  # categories named in a guarantee the edit adds
    mentions_removed: tuple[str, ...] = ()
    rights: tuple[RightsRef, ...] = ()
    rationale: str = ""

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(c.ground for c in self.changes if c.change in ("removed", "narrowed"))

    @property
    def introduced(self) -> tuple[str, ...]:
        return tuple(c.ground for c in self.changes if c.change in ("introduced", "widened"))


@dataclass(frozen=True)
class VersionNote:
    """A cited version and whether it was in force on the date the cross-reference is made for."""

    doc: str
    instrument: str
    label: str
    valid_from: str
    valid_to: str
    in_force: bool | None
    warning: str = ""


@dataclass(frozen=True)
class XrefReport:
    """A whole cross-reference: of a document (``units``) or of a patch (``edits``)."""

    kind: str  # "patch" | "document"
    source: str
    base: str
    title: str
    lang: str
    as_of: str
    units: tuple[UnitXref, ...] = ()
    edits: tuple[EditXref, ...] = ()
    provisions: tuple[Provision, ...] = ()  # every provision referred to, in first-seen order
    versions: tuple[VersionNote, ...] = ()
    warnings: tuple[str, ...] = field(default=())
