"""Parse human citations of legal units ("paragraph 2 of Article 8", «п. 2 ст. 8») into steps.

A citation names a unit by the chain of units above it. Whatever the language
and word order, :meth:`Citation.parse` reduces it to the same structure: a
tuple of steps ``(Kind, number, ordinal)`` from the outermost unit to the
innermost, so that «подп. 1) п. 2 ст. 8», "Article 8(2), subparagraph 1)" and
«8-баптың 2-тармағының 1) тармақшасы» compare equal.

Each language has one verbose pattern for a single element of a citation
(a head noun in any case with its number, an ordinal part, a scope word);
a citation is a sequence of elements joined by commas, spaces and "of". The
order of the elements (small-to-large as in «пункт 2 статьи 8» or
large-to-small as in «8-баптың 2-тармағы») is read from the kinds, not from
the language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from lexamend.address.eid import clean_num, level_kind, looks_like_eid, split
from lexamend.errors import CitationError
from lexamend.model import EID_PREFIX, KIND_BY_PREFIX, RANK, Kind
from lexamend.parse.numbering import normalise_dashes

#: One step of a citation: the kind, the cleaned number (None for parts and
#: unnumbered units) and the ordinal (parts only: "part two" → 2).
Step = tuple[Kind, str | None, int | None]

#: Scope hint for citations of a document approved by an order ("the Rules").
ATTACHMENT_SCOPE = "attachment"

LANGS = ("en", "ru", "kk")

#: Depth of each citable kind: a valid citation names kinds in strictly
#: increasing depth once put in large-to-small order. Parts are blocks of text
#: and so sit below everything, whatever unit holds them.
DEPTH: dict[Kind, int] = {**RANK, Kind.PART: 100}

EN_ORDINALS: dict[str, int] = {
    word: n
    for n, words in enumerate(
        (
            ("one", "first"),
            ("two", "second"),
            ("three", "third"),
            ("four", "fourth"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
            ("nine", "ninth"),
            ("ten", "tenth"),
        ),
        start=1,
    )
    for word in words
}
RU_ORDINAL_STEMS: dict[str, int] = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "четвёрт": 4,
    "пят": 5, "шест": 6, "седьм": 7, "восьм": 8, "девят": 9, "десят": 10,
}  # fmt: skip
KK_ORDINALS: dict[str, int] = {
    "бірінші": 1, "екінші": 2, "үшінші": 3, "төртінші": 4, "бесінші": 5,
    "алтыншы": 6, "жетінші": 7, "сегізінші": 8, "тоғызыншы": 9, "оныншы": 10,
}  # fmt: skip

_NUM = r"\d{1,4}(?:-\d{1,3})*"
_ROMAN = r"(?-i:[IVXLCІХ]{1,7})"  # capitals only; Cyrillic І and Х stand in for Latin in Russian texts
_LETTER = r"[a-zа-яёәғқңөұүһі]"
_EN_ORD = "|".join(sorted(EN_ORDINALS, key=len, reverse=True))
_RU_ORD = (
    r"(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)"
    r"(?:ая|ой|ую|ою|ый|ий|ого|ому|ым|ом|ое|ья|ье|ьей|ью|ьего|ьему|ьим|ьем|ьи|ей)(?![а-яё])"
)
_KK_ORD = "|".join(KK_ORDINALS)

# -- English: "subparagraph 1) of paragraph 2 of Article 8", "Art. 8(2)(a)" ----
_EN_ELEMENT = re.compile(
    rf"""
    (?:(?:the|this|these)\s+)?
    (?:
        (?P<scope> rules | regulations? | instructions? | procedure )\b   # "of the Rules": the attachment
      | (?P<self> law | act | code | constitution | convention | covenant
                | order | decree | resolution )\b .*                     # "of this Law …": the act itself
      | (?P<ord_pre> {_EN_ORD} ) \s+ (?P<noun_pre> parts? )\b             # "the second part"
      | (?P<noun>
            sub-?para(?:graph)?s?\.?                 # subparagraph, sub-paragraph, subpara.
          | sub-?points? | sub-?chapters?
          | para(?:graph)?s?\.? | ¶                  # paragraph, para.
          | art(?:icle)?s?\.?                        # Article, Art.
          | ch(?:apter|ap)?s?\.?                     # Chapter, Ch.
          | sec(?:tion)?s?\.? | §                    # Section; § is a subchapter of a code
          | parts?                                   # "part two"; "Part I" of a treaty is a section
          | points? | letters?                       # "point (a)", "letter a)"
          | annex(?:es)? | appendix | schedule
        ) (?![^\W\d_])
        \s*
        (?: (?P<ord> {_EN_ORD} )\b                   # "part two"
          | \(? (?P<num> {_NUM}(?:\.\d+)* | {_ROMAN} | [ivx]{{2,4}} | {_LETTER} ) (?![^\W_]) \)?
        )
        (?P<brackets> (?: \s? \( [0-9a-zа-яёәғқңөұүһі-]{{1,8}} \) )* )   # "8(2)(a)": paragraph, then point
      | (?P<bare> preamble | annex | appendix | schedule )\b             # "the preamble", "the Annex"
    )
    """,
    re.X | re.I,
)
_EN_SEP = re.compile(r"[\s,;.:]*(?:\b(?:of|in|to|under)\b[\s,]*)?", re.I)
_EN_LEAD = re.compile(r"\s*(?:(?:see|under|in|pursuant\s+to|according\s+to|as\s+per|cf\.)\s+)?", re.I)

# -- Russian: «подпункт 1) пункта 2 статьи 8», «ч. 2 п. 2 ст. 8», «статья 8, пункт 2» ----
_RU_ELEMENT = re.compile(
    rf"""
    (?:
        (?P<scope> (?:настоящ\w*\s+|эти[хм]\s+|данн\w*\s+)?
                   (?:правил|положени|инструкци|порядк|регламент)\w* )     # «пункт 2 Правил»
      | (?P<self> (?:настоящ\w*\s+|этого\s+|данного\s+)?
                  (?:закон|кодекс|конституци|указ|постановлени|приказ|конвенци|пакт)\w* ) .*   # the act itself
      | (?P<ord_pre> {_RU_ORD} ) \s+ (?P<noun_pre> част\w* | абзац\w* )  # «второй части», «второго абзаца»
      | (?P<noun>
            подпункт\w* | подп\. | пп\.              # subparagraph, also for letters: «подпункт а)»
          | параграф\w* | §                          # subchapter
          | пункт\w* | п\.                           # paragraph
          | стать\w* | ст\.                          # article
          | глав\w* | гл\.                           # chapter
          | раздел\w* | разд\.                       # section
          | част\w* | ч\.                            # part
          | абзац\w* | абз\.                         # абзац: a part
          | приложени\w* | прил\.                    # annex
          | букв\w*                                  # «буква а)»: a point
        )
        \s*
        (?: (?P<ord> {_RU_ORD} )                     # «часть вторая», «части второй»
          | №?\s* (?P<num> {_NUM} | {_ROMAN} ) (?![^\W_]) \)?    # «статьи 8-1», «подпункт 1)», «раздел II»
          | \(? (?P<letter> [ivx]{{2,4}} | {_LETTER} ) \)   # «подпункт а)», «подпункт (ii)»
        )
      | (?P<bare> преамбул\w* | приложени\w* )       # «преамбула», «приложение» without a number
    )
    """,
    re.X | re.I,
)
_RU_SEP = re.compile(r"[\s,;.:]*(?:(?:к|в|во|из)\s+)?", re.I)
_RU_LEAD = re.compile(
    r"\s*(?:(?:в\s+соответствии\s+со?|согласно|в|во|на|по|к|со?|из|от|для|при)\s+)?", re.I
)

# -- Kazakh: «8-баптың 2-тармағының 1) тармақшасы», «Қағидалардың 2-тармағы» ----
_KK_ELEMENT = re.compile(
    rf"""
    (?:
        (?P<scope> (?:осы\s+)? (?:қағида|ереже|нұсқаулы|тәртіб|тәртіп)\w* )      # «Қағидалардың»
      | (?P<self> (?:осы\s+)? (?:заң|кодекс|конституци|бұйры|конвенци|пакт)\w* )  # «осы Заңның»
      | (?P<ord_pre> {_KK_ORD} ) \s+ (?P<noun_pre> бөлі[кг]\w* | абзац\w* )       # «екінші бөлігі»
      | \(? (?P<sub> {_NUM} | [ivx]{{2,4}} | {_LETTER} ) \) \s* -? \s*
        (?P<noun_sub> тармақша\w* )                                         # «1) тармақшасы», «а) тармақшасы»
      | (?P<num> {_NUM} | {_ROMAN} ) \s* -? \s*
        (?P<noun> ба[пб] | тармақша | тармақ | тармағ | тарау | бөлім | бөлі[кг]
                | параграф | қосымша | абзац ) \w*                          # «8-баптың», «2-тармағы», «I бөлім»
      | (?P<bare> кіріспе\w* | қосымша\w* )                                # «кіріспе», «қосымша»
    )
    """,
    re.X | re.I,
)
_KK_SEP = re.compile(r"[\s,;.:]*")
_KK_LEAD = re.compile(r"\s*")

_FORMS: dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {
    "en": (_EN_LEAD, _EN_ELEMENT, _EN_SEP),
    "ru": (_RU_LEAD, _RU_ELEMENT, _RU_SEP),
    "kk": (_KK_LEAD, _KK_ELEMENT, _KK_SEP),
}

# Head nouns by how they start (lower case, hyphens removed), most specific first.
_NOUN_KINDS: dict[str, tuple[tuple[str, Kind], ...]] = {
    "en": (
        ("subch", Kind.SUBCHAPTER), ("subpo", Kind.SUBPOINT), ("sub", Kind.SUBPARAGRAPH),
        ("para", Kind.PARAGRAPH), ("¶", Kind.PARAGRAPH), ("art", Kind.ARTICLE), ("ch", Kind.CHAPTER),
        ("sec", Kind.SECTION), ("§", Kind.SUBCHAPTER), ("part", Kind.PART), ("point", Kind.POINT),
        ("letter", Kind.POINT), ("annex", Kind.ANNEX), ("appendix", Kind.ANNEX), ("schedule", Kind.ANNEX),
        ("preamble", Kind.PREAMBLE),
    ),
    "ru": (
        ("подп", Kind.SUBPARAGRAPH), ("пп", Kind.SUBPARAGRAPH), ("параграф", Kind.SUBCHAPTER),
        ("прил", Kind.ANNEX), ("преамбул", Kind.PREAMBLE), ("§", Kind.SUBCHAPTER), ("п", Kind.PARAGRAPH),
        ("ст", Kind.ARTICLE), ("гл", Kind.CHAPTER), ("разд", Kind.SECTION), ("ч", Kind.PART),
        ("абз", Kind.PART), ("букв", Kind.POINT),
    ),
    "kk": (
        ("ба", Kind.ARTICLE), ("тармақш", Kind.SUBPARAGRAPH), ("тарма", Kind.PARAGRAPH),
        ("тарау", Kind.CHAPTER), ("бөлім", Kind.SECTION), ("бөлі", Kind.PART), ("параграф", Kind.SUBCHAPTER),
        ("қосымша", Kind.ANNEX), ("абзац", Kind.PART), ("кіріспе", Kind.PREAMBLE),
    ),
}  # fmt: skip

# A number inside brackets after a unit names the unit one level down: Article 8(2)(1).
_BRACKET_CHILD: dict[Kind, Kind] = {
    Kind.ARTICLE: Kind.PARAGRAPH,
    Kind.PARAGRAPH: Kind.SUBPARAGRAPH,
    Kind.SUBPARAGRAPH: Kind.POINT,
    Kind.POINT: Kind.SUBPOINT,
}
_ROMAN_KINDS = (Kind.SECTION, Kind.CHAPTER, Kind.SUBCHAPTER, Kind.ANNEX)
_TO_LATIN_ROMAN = str.maketrans("ІХС", "IXC")
_KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KK_MARKER = re.compile(r"\d\s*-\s*(?:ба[пб]|тарма|тарау|бөлі|қосымша)|тармақша", re.I)

ACCEPTED_FORMS = (
    "Accepted forms: eIds and short addresses ('chp_2__art_8__para_2', 'art_8__para_2__subpara_1'); "
    "English 'paragraph 2 of Article 8', 'Article 8, paragraph 2', 'Article 8(2)(a)', "
    "'part two of paragraph 2 of Article 8', 'paragraph 2 of the Rules'; "
    "Russian «подпункт 1) пункта 2 статьи 8», «подп. 1) п. 2 ст. 8», «часть вторая пункта 2 статьи 8», "
    "«статья 8, пункт 2», «пункт 2 Правил»; "
    "Kazakh «8-баптың 2-тармағының 1) тармақшасы», «Қағидалардың 2-тармағы»."
)


@dataclass(frozen=True)
class Citation:
    """A citation reduced to its steps, outermost first.

    Two citations are equal when they name the same steps in the same scope,
    whatever their language or wording:

    >>> c = Citation.parse("subparagraph 1) of paragraph 2 of Article 8")
    >>> for step in c.steps:
    ...     print(step)
    (<Kind.ARTICLE: 'article'>, '8', None)
    (<Kind.PARAGRAPH: 'paragraph'>, '2', None)
    (<Kind.SUBPARAGRAPH: 'subparagraph'>, '1', None)
    >>> c.address
    'art_8__para_2__subpara_1'
    >>> c == Citation.parse("подп. 1) п. 2 ст. 8") == Citation.parse("8-баптың 2-тармағының 1) тармақшасы")
    True
    >>> Citation.parse("части второй пункта 2 статьи 8").address
    'art_8__para_2__part_2'
    >>> Citation.parse("Article 8(2)(a)").steps[-1]
    (<Kind.POINT: 'point'>, 'a', None)
    >>> p = Citation.parse("пункта 2 Правил")
    >>> (p.address, p.scope, p.lang)
    ('para_2', 'attachment', 'ru')
    >>> Citation.parse("the moon")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lexamend.errors.CitationError: 'the moon': not a citation: ... at 'the moon'...
    """

    steps: tuple[Step, ...]
    scope: str | None = None  # ATTACHMENT_SCOPE: «Правил», "of the Rules", «Қағидалардың»
    lang: str = field(default="en", compare=False)  # "en" | "ru" | "kk" | "eid"
    text: str = field(default="", compare=False)  # the citation as written

    @property
    def address(self) -> str:
        """The steps written as an eId-style address (containers kept as cited)."""
        return "__".join(step_level(step) for step in self.steps)

    @classmethod
    def parse(cls, text: str, lang: str | None = None) -> Citation:
        """Parse an eId or a citation in English, Russian or Kazakh.

        ``lang`` restricts parsing to one language; by default the language is
        guessed from the letters and the others are tried when it fails.
        """
        source = text
        text = normalise_dashes(" ".join(text.split()))
        if not text:
            raise CitationError(source, "empty citation", hint=ACCEPTED_FORMS)
        if looks_like_eid(text):
            return cls(_eid_steps(source, text), None, "eid", source)
        if lang is not None and lang not in LANGS:
            raise CitationError(source, f"unknown citation language {lang!r}; use one of {', '.join(LANGS)}")
        order = [lang] if lang else _guess_order(text)
        first_error: CitationError | None = None
        for candidate in order:
            try:
                steps, scope = _parse_in(source, text, candidate)
            except CitationError as error:
                first_error = first_error or error
                continue
            return cls(steps, scope, candidate, source)
        assert first_error is not None
        raise first_error


def parse_citation(text: str, lang: str | None = None) -> Citation:
    """Parse a citation; see :class:`Citation`."""
    return Citation.parse(text, lang)


def step_level(step: Step) -> str:
    """One step as an eId level: ``(PARAGRAPH, "2", None)`` → ``"para_2"``."""
    kind, num, ordinal = step
    prefix = EID_PREFIX[kind]
    value = num if num is not None else ordinal
    return prefix if value is None else f"{prefix}_{value}"


def guess_language(text: str) -> str:
    """Guess the language of a citation: Kazakh letters or suffixes, else Cyrillic vs Latin.

    >>> [guess_language(t) for t in ("8-бап", "ст. 8", "Art. 8", "point а)")]
    ['kk', 'ru', 'en', 'en']
    """
    if any(char in _KAZAKH_LETTERS for char in text) or _KK_MARKER.search(text):
        return "kk"
    cyrillic = sum(1 for char in text if "\u0400" <= char <= "\u04ff")
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    return "ru" if cyrillic > latin else "en"


def _guess_order(text: str) -> list[str]:
    first = guess_language(text)
    return [first, *(lang for lang in LANGS if lang != first)]


def _eid_steps(source: str, text: str) -> tuple[Step, ...]:
    steps: list[Step] = []
    for level in split(text):
        prefix, num = level_kind(level)
        kind = KIND_BY_PREFIX.get(prefix)
        if kind is None:
            raise CitationError(source, f"unknown level {prefix!r} in eId", hint=ACCEPTED_FORMS)
        if kind is Kind.PART and num.isdigit():
            steps.append((kind, None, int(num)))
        else:
            steps.append((kind, num or None, None))
    return tuple(steps)


def _parse_in(source: str, text: str, lang: str) -> tuple[tuple[Step, ...], str | None]:
    """Scan ``text`` as a sequence of elements of one language; order them outermost first."""
    lead, element, sep = _FORMS[lang]
    pos = lead.match(text).end()  # type: ignore[union-attr]
    groups: list[list[Step]] = []
    scope: str | None = None
    while True:
        pos = sep.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= len(text):
            break
        match = element.match(text, pos)
        if match is None or match.end() == pos:
            rest = text[pos:]
            raise CitationError(
                source, f"not a citation: cannot read {lang.upper()} at {rest!r}", hint=ACCEPTED_FORMS
            )
        pos = match.end()
        if match.group("scope"):
            scope = ATTACHMENT_SCOPE
        elif not match.group("self"):
            groups.append(_element_steps(source, match, lang))
    if not groups and scope is None:
        raise CitationError(source, "not a citation: it names no unit", hint=ACCEPTED_FORMS)
    return _order(source, groups), scope


def _element_steps(source: str, match: re.Match[str], lang: str) -> list[Step]:
    """The steps one element names: one, or more for "Article 8(2)(a)"."""
    groups = match.groupdict()
    noun = groups.get("noun") or groups.get("noun_pre") or groups.get("noun_sub") or groups.get("bare") or ""
    kind = _noun_kind(noun, lang)
    ordinal_word = groups.get("ord") or groups.get("ord_pre")
    num = groups.get("num") or groups.get("sub") or groups.get("letter")
    if groups.get("noun_sub"):
        kind = Kind.SUBPARAGRAPH
    if ordinal_word:
        return [(Kind.PART, None, _ordinal(ordinal_word, lang))] if kind is Kind.PART else _bad(source, match)
    if num is None:
        return [(kind, None, None)]
    step = _numbered(kind, num)
    steps = [step]
    for inner in re.findall(r"\(([^()]+)\)", groups.get("brackets") or ""):
        steps.append(_bracketed(steps[-1][0], inner))
    return steps


def _bad(source: str, match: re.Match[str]) -> list[Step]:
    raise CitationError(source, f"an ordinal word only numbers parts, not {match.group(0)!r}", hint=ACCEPTED_FORMS)


def _noun_kind(noun: str, lang: str) -> Kind:
    key = noun.lower().replace("-", "")
    for start, kind in _NOUN_KINDS[lang]:
        if key.startswith(start):
            return kind
    raise AssertionError(f"pattern matched an unknown noun {noun!r}")  # pragma: no cover


def _numbered(kind: Kind, num: str) -> Step:
    cleaned = clean_num(num)
    roman = cleaned.translate(_TO_LATIN_ROMAN)
    is_roman = bool(re.fullmatch(r"[IVXLC]+", roman))
    if kind is Kind.PART:
        if is_roman:
            return (Kind.SECTION, roman, None)  # "Part I" of a treaty
        if cleaned.isdigit():
            return (Kind.PART, None, int(cleaned))
    if kind in _ROMAN_KINDS and is_roman:
        return (kind, roman, None)
    if not cleaned[:1].isdigit():
        cleaned = cleaned.lower()
        if kind is Kind.SUBPARAGRAPH:
            kind = Kind.POINT  # letters: «подпункт а)» is a point
    return (kind, cleaned, None)


def _bracketed(parent: Kind, inner: str) -> Step:
    cleaned = clean_num(inner).lower()
    if cleaned[:1].isdigit():
        return (_BRACKET_CHILD.get(parent, Kind.PARAGRAPH), cleaned, None)
    if parent is Kind.POINT and re.fullmatch(r"[ivx]+", cleaned):
        return (Kind.SUBPOINT, cleaned, None)
    return (Kind.POINT, cleaned, None)


def _ordinal(word: str, lang: str) -> int:
    word = word.lower()
    if lang == "en":
        return EN_ORDINALS[word]
    if lang == "kk":
        return KK_ORDINALS[word]
    for stem, value in sorted(RU_ORDINAL_STEMS.items(), key=lambda item: -len(item[0])):
        if word.startswith(stem):
            return value
    raise AssertionError(f"pattern matched an unknown ordinal {word!r}")  # pragma: no cover


def _order(source: str, groups: list[list[Step]]) -> tuple[Step, ...]:
    """Put element groups outermost first and check that the kinds nest.

    A part («часть вторая») sits just below whatever contains it, so it is left
    out when deciding the word order, and a list may follow it («подпункт 1)
    части третьей пункта 5»: paragraph → part → subparagraph).
    """
    depths = [DEPTH[group[0][0]] for group in groups if group[0][0] is not Kind.PART]
    small_first = depths[0] > depths[-1] and all(a >= b for a, b in zip(depths, depths[1:])) if len(depths) > 1 else False
    if len(depths) <= 1 and len(groups) > 1:
        small_first = groups[0][0][0] is Kind.PART  # «абзац второй пункта 2»
    if small_first:
        groups = groups[::-1]
    steps = tuple(_subpoints(step for group in groups for step in group))
    outer_depth: int | None = None
    for outer, inner in zip(steps, steps[1:]):
        if outer[0] is not Kind.PART:
            outer_depth = DEPTH[outer[0]]
        if inner[0] is Kind.PART:
            continue
        limit = outer_depth if outer[0] is Kind.PART else DEPTH[outer[0]]
        if limit is not None and limit >= DEPTH[inner[0]]:
            raise CitationError(
                source,
                f"the levels do not nest: {outer[0].value} then {inner[0].value}",
                hint="Cite from the smallest unit to the largest («пункт 2 статьи 8», "
                "'paragraph 2 of Article 8') or from the largest to the smallest ('Article 8, paragraph 2').",
            )
    return steps


def _subpoints(steps: Iterable[Step]) -> Iterator[Step]:
    """A Roman numeral under a point is a subpoint: «подпункт (i) подпункта c)»."""
    previous: Kind | None = None
    for kind, num, ordinal in steps:
        if kind is Kind.POINT and previous is Kind.POINT and num and re.fullmatch(r"[ivx]+", num):
            kind = Kind.SUBPOINT
        previous = kind
        yield (kind, num, ordinal)
