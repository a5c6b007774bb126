"""The clause tree: documents, units and editorial notes as frozen dataclasses.

Everything in lexamend addresses law by clause, so this module is the centre of
the package. It holds data only: no parsing, no I/O, no rendering. Parsers build
these objects, the patch engine returns new ones, renderers read them.

A document is a tree of :class:`Unit`. Each unit carries its number *as written*
(``"5-1"``, ``"4-1"``, ``"а"``), the label exactly as it stands in the source
(``"5-1."``, ``"Статья 8."``, ``"8-бап."``), an optional heading, its *own* text
(the words before its children) and its children. Editorial material that is
not law (adilet «Сноска» footnotes, «Примечание ИЗПИ!» notes, "Footnote." lines)
is kept apart from the legal text in :class:`Note` objects attached to the unit
they stand next to, so that nothing in the source is lost and nothing editorial
is mistaken for law.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any


class Kind(str, Enum):
    """What a unit is, in the vocabulary of Akoma Ntoso where one exists."""

    PREAMBLE = "preamble"
    SECTION = "section"  # Раздел / бөлім / "Part I" of a treaty
    CHAPTER = "chapter"  # Глава / тарау / Chapter
    SUBCHAPTER = "subchapter"  # Параграф / § in codes
    ARTICLE = "article"  # Статья / бап / Article
    PARAGRAPH = "paragraph"  # "1.", "1-1.", "(1)" — пункт / тармақ
    SUBPARAGRAPH = "subparagraph"  # "1)", "4-1)" — подпункт / тармақша
    POINT = "point"  # letters "а)", "a)", "(a)"
    SUBPOINT = "subpoint"  # "(i)", "(ii)" under a point
    PART = "part"  # an unnumbered block: часть / бөлік / "part two"
    ANNEX = "annex"  # Приложение / қосымша / Annex
    ATTACHMENT = "attachment"  # a document approved by an order ("Правила", "Rules")
    BLOCK = "block"  # heading-less text outside any numbered unit
    HCONTAINER = "hcontainer"  # a heading with no number
    TABLE = "table"
    ROW = "row"
    CELL = "cell"

    def __str__(self) -> str:
        return self.value


#: Akoma Ntoso eId prefixes for each kind.
EID_PREFIX: dict[Kind, str] = {
    Kind.PREAMBLE: "preamble",
    Kind.SECTION: "sec",
    Kind.CHAPTER: "chp",
    Kind.SUBCHAPTER: "subchp",
    Kind.ARTICLE: "art",
    Kind.PARAGRAPH: "para",
    Kind.SUBPARAGRAPH: "subpara",
    Kind.POINT: "point",
    Kind.SUBPOINT: "subpoint",
    Kind.PART: "part",
    Kind.ANNEX: "annex",
    Kind.ATTACHMENT: "att",
    Kind.BLOCK: "block",
    Kind.HCONTAINER: "hcontainer",
    Kind.TABLE: "table",
    Kind.ROW: "row",
    Kind.CELL: "cell",
}

KIND_BY_PREFIX: dict[str, Kind] = {prefix: kind for kind, prefix in EID_PREFIX.items()}

#: Kinds that group articles or paragraphs without adding to their numbering:
#: a paragraph numbered document-wide keeps its number when chapters move, so
#: short addresses leave these levels out when that stays unambiguous.
CONTAINER_KINDS: frozenset[Kind] = frozenset(
    {Kind.SECTION, Kind.CHAPTER, Kind.SUBCHAPTER, Kind.HCONTAINER}
)


#: Depth of each kind in the hierarchy of a legal text: a unit contains the units of
#: higher rank that follow it, and a new unit closes every open unit of its rank or deeper.
#: Annexes, approved documents, preambles and loose blocks stand at the top.
RANK: dict[Kind, int] = {
    Kind.PREAMBLE: 0,
    Kind.ANNEX: 0,
    Kind.ATTACHMENT: 0,
    Kind.BLOCK: 0,
    Kind.SECTION: 10,
    Kind.CHAPTER: 20,
    Kind.HCONTAINER: 20,
    Kind.SUBCHAPTER: 30,
    Kind.ARTICLE: 40,
    Kind.PARAGRAPH: 50,
    Kind.SUBPARAGRAPH: 60,
    Kind.POINT: 70,
    Kind.SUBPOINT: 80,
    Kind.TABLE: 90,
}


class Status(str, Enum):
    """Whether a unit's text is law in force or a placeholder kept for numbering."""

    IN_FORCE = "in_force"
    EXCLUDED = "excluded"  # «исключен», «утратил силу», «алып тасталды»
    EXPIRED = "expired"  # «действовал до 01.01.2026»

    def __str__(self) -> str:
        return self.value


class NoteKind(str, Enum):
    """The editorial material adilet and other portals interleave with law."""

    FOOTNOTE = "footnote"  # «Сноска.» / «Ескерту.» / "Footnote."
    EDITOR = "editor"  # «Примечание ИЗПИ!» / «ЗҚАИ-ның ескертпесі!» with its body
    REFERENCE = "reference"  # «Примечание. См. нормативные постановления …»
    BANNER = "banner"  # «Вниманию пользователей!», table-of-contents links

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Note:
    """An editorial note: not law, kept beside the unit it stands next to.

    ``placement`` says whether the note stood before the unit's first block
    (as adilet's «Примечание ИЗПИ!» announcing a pending change does) or after
    its content (as «Сноска. Статья 8 с изменениями …» does).
    """

    kind: NoteKind
    text: str
    block: int  # index into Document.blocks
    placement: str = "after"  # "before" | "after"


@dataclass(frozen=True)
class Block:
    """One logical paragraph of the source, before it is placed in the tree.

    Parsers of every format produce blocks; one tree builder turns blocks into
    units. A block remembers where it came from (``origin``: a line number in a
    text file, a paragraph path in a .docx) so that errors can name the place
    and writers can find the source paragraph again.

    ``raw`` is the block's literal text, whitespace-normalised; a typed label
    ("5-1.", "Статья 8.") is part of it. ``label_auto`` holds a label produced
    by automatic numbering (Word ``w:numPr``, HTML ``<ol>``), which is *not* in
    the literal text: the tree builder reads ``label_auto + " " + raw``.
    """

    index: int
    origin: str  # "line 42" / "lines 42-44" / "p 17" / "p 17 (table 1, row 2, cell 3)"
    line: int  # first source line (1-based), or paragraph ordinal + 1 for .docx
    raw: str  # literal text, whitespace-normalised (typed labels included, automatic ones not)
    style: str | None = None  # docx style name / html tag, when known
    label_auto: str | None = None  # label from automatic numbering, if any
    cell: tuple[int, int, int] | None = None  # (table, row, column), 0-based, for table text


@dataclass(frozen=True)
class Unit:
    """A numbered or unnumbered division of a legal text.

    ``text`` is the unit's *own* text: the words before its children (the
    chapeau of a list, the body of a paragraph with no subparagraphs). When a
    unit's own content runs over several unnumbered blocks, each block becomes
    a child of kind ``part`` (``part_1``, ``part_2``, …) and ``text`` is empty,
    which is how «часть вторая пункта 2» becomes addressable.
    """

    kind: Kind
    eid: str
    num: str | None = None  # as written, without punctuation: "5-1", "а", "I"
    label: str | None = None  # as written, with punctuation: "5-1.", "Статья 8."
    heading: str | None = None
    text: str = ""
    children: tuple[Unit, ...] = ()
    status: Status = Status.IN_FORCE
    notes: tuple[Note, ...] = ()
    head_block: int | None = None  # block holding the label/heading
    heading_block: int | None = None  # block holding the heading, when not on the label's line
    text_block: int | None = None  # block holding ``text`` (often the same)
    address: str = ""  # short, stable address: containers dropped when unambiguous

    def walk(self) -> Iterator[Unit]:
        """Yield this unit and all its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def with_children(self, children: tuple[Unit, ...]) -> Unit:
        return replace(self, children=children)

    @property
    def is_placeholder(self) -> bool:
        return self.status is not Status.IN_FORCE

    def full_text(self, sep: str = "\n") -> str:
        """The unit's legal text with its descendants', one block per line."""
        parts: list[str] = []
        for unit in self.walk():
            if unit.text:
                parts.append(unit.text)
        return sep.join(parts)


@dataclass(frozen=True)
class ParseIssue:
    """A warning from a parser: an oddity that did not stop the parse."""

    code: str  # "numbering-gap", "duplicate-number", "unparsed-line", …
    message: str
    origin: str  # where in the source: "line 42"
    address: str | None = None

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.message}"


@dataclass(frozen=True)
class Metadata:
    """What a document is and where its text came from."""

    title: str = ""
    jurisdiction: str = ""  # "kz", "un", "unesco"
    language: str = ""  # "ru", "kk", "en"
    source: str = ""  # the file or URL parsed
    date: str = ""  # ISO date of the act, when known
    number: str = ""  # the act's number ("468", "319-III")
    sha256: str = ""  # of the source bytes
    doc_id: str = ""  # corpus id ("kz-law-education-2007")
    extra: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title,
            "jurisdiction": self.jurisdiction,
            "language": self.language,
            "source": self.source,
            "date": self.date,
            "number": self.number,
            "sha256": self.sha256,
            "doc_id": self.doc_id,
        }
        if self.extra:
            data["extra"] = dict(self.extra)
        return data


@dataclass(frozen=True)
class Document:
    """A parsed legal text: metadata, the blocks it was read from, and its units."""

    meta: Metadata
    units: tuple[Unit, ...]
    blocks: tuple[Block, ...] = ()
    notes: tuple[Note, ...] = ()  # notes before the first unit (banners)
    issues: tuple[ParseIssue, ...] = ()
    source_format: str = "lines"  # "adilet" | "lines" | "wrapped" | "docx" | "html"
    title_line: str | None = None  # the title as it stands in the text, if the text has one
    title_block: int | None = None  # the block the title was read from

    def walk(self) -> Iterator[Unit]:
        for unit in self.units:
            yield from unit.walk()

    def index(self) -> dict[str, Unit]:
        """Every unit by its full eId."""
        return {unit.eid: unit for unit in self.walk()}

    def find(self, eid: str) -> Unit | None:
        for unit in self.walk():
            if unit.eid == eid or unit.address == eid:
                return unit
        return None

    def with_units(self, units: tuple[Unit, ...]) -> Document:
        return replace(self, units=units)

    def count(self, kind: Kind) -> int:
        return sum(1 for unit in self.walk() if unit.kind is kind)


@dataclass(frozen=True)
class Ancestry:
    """A unit with the chain of units above it (outermost first)."""

    unit: Unit
    parents: tuple[Unit, ...] = field(default=())

    @property
    def path(self) -> tuple[Unit, ...]:
        return (*self.parents, self.unit)


def walk_with_parents(units: tuple[Unit, ...], parents: tuple[Unit, ...] = ()) -> Iterator[Ancestry]:
    """Yield every unit with its ancestors, in document order."""
    for unit in units:
        yield Ancestry(unit, parents)
        yield from walk_with_parents(unit.children, (*parents, unit))


# --- amendments ----------------------------------------------------------------


class Op(str, Enum):
    """Operations of a patch, named after Akoma Ntoso textual modifications where one exists.

    ===========  ===================================  ===============================
    op           does                                 AKN ``textualMod`` type
    ===========  ===================================  ===============================
    delete       deletes words in a unit              repeal (of words)
    insert       inserts words before/after an anchor insertion
    replace      replaces words by other words        substitution
    restate      gives a unit a new wording           substitution (of a whole unit)
    insert_unit  adds a unit (5-1., 4-1))             insertion (of a unit)
    repeal       removes a unit or leaves «исключен»  repeal
    renumber     changes a unit's number              renumbering
    ===========  ===================================  ===============================
    """

    DELETE = "delete"
    INSERT = "insert"
    REPLACE = "replace"
    RESTATE = "restate"
    INSERT_UNIT = "insert_unit"
    REPEAL = "repeal"
    RENUMBER = "renumber"

    def __str__(self) -> str:
        return self.value


#: Akoma Ntoso names accepted as synonyms in patch files.
OP_ALIASES: dict[str, Op] = {"substitution": Op.REPLACE, "insertion": Op.INSERT, "renumbering": Op.RENUMBER}

#: Operations that change words inside a unit (as opposed to the tree's shape).
WORD_OPS = frozenset({Op.DELETE, Op.INSERT, Op.REPLACE})


@dataclass(frozen=True)
class Edit:
    """One proposed change to a legal text, as written in a patch file.

    ``at`` is an eId or a human citation of the target unit (for ``insert_unit``:
    the sibling to insert next to, or the parent with ``position`` first/last).
    ``occurrence`` is None (the words must occur exactly once in the target),
    a 1-based number, or ``"all"``.
    """

    id: str
    op: Op
    at: str
    text: str | None = None
    old: str | None = None
    new: str | None = None
    before: str | None = None
    after: str | None = None
    occurrence: int | str | None = None
    expect: str | None = None
    position: str = "after"  # insert_unit: after | before | first | last
    num: str | None = None  # insert_unit / renumber
    kind: Kind | None = None  # insert_unit, when it differs from the sibling's kind
    placeholder: bool | None = None  # repeal: keep an «исключен» placeholder
    rationale: str = ""
    rights: tuple[str, ...] = ()
    source: str | None = None  # the amending act's own wording, for traceability
    line: int | None = None  # line of the edit in its patch file
    patch: str = ""  # the patch file it came from

    @property
    def search(self) -> str | None:
        """The words this edit looks for in the target: deleted, replaced, or its anchor."""
        if self.op is Op.DELETE:
            return self.text
        if self.op is Op.REPLACE:
            return self.old
        if self.op is Op.INSERT:
            return self.after if self.after is not None else self.before
        return None


@dataclass(frozen=True)
class Patch:
    """A proposed amendment: a header and an ordered list of edits."""

    edits: tuple[Edit, ...]
    title: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    base: str = ""
    base_sha256: str = ""
    language: str = ""
    summary: str = ""
    version: int = 1
    path: str = ""
    extra: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class TidyNote:
    """A drafting rule that tidied the text after an edit (reported, never silent)."""

    rule: str  # "double-space", "space-before-punctuation", "empty-brackets", …
    before: str
    after: str


@dataclass(frozen=True)
class TextChange:
    """A change to one text field of one unit, in that field's coordinates before the change."""

    address: str
    field: str  # "text" | "heading"
    start: int
    end: int
    old: str
    new: str


@dataclass(frozen=True)
class EditResult:
    """What happened to one edit."""

    edit_id: str
    patch: str
    status: str  # "applied" | "relocated" | "failed" | "not-run"
    op: Op
    address: str = ""  # resolved target
    reason: str = ""
    line: int | None = None
    contexts: tuple[str, ...] = ()  # for ambiguous matches: each occurrence in context
    tidy: tuple[TidyNote, ...] = ()
    changes: tuple[TextChange, ...] = ()
    relocation: dict[str, Any] | None = None


@dataclass(frozen=True)
class Conflict:
    """Two edits from different patches touching overlapping text of the same unit."""

    first: str  # "patch.yaml#edit-id"
    second: str
    address: str
    reason: str
