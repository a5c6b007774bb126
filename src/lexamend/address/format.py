"""Format the citation of a unit in English, Russian and Kazakh.

:func:`format_citation` takes a unit with its ancestors (outermost first, as
:func:`lexamend.address.resolve.resolve_path` returns them) and writes the
citation a drafter would: "subparagraph 1) of paragraph 2 of Article 8",
«подпункта 1) пункта 2 статьи 8», «8-баптың 2-тармағының 1) тармақшасы». Every
citation it writes parses back (:mod:`lexamend.address.citation`) to the same
unit.

Chapters and sections are left out when the unit's short address leaves them
out (articles and paragraphs of Rules are numbered document-wide). A document
approved by an order (an ``attachment``) becomes the scope word: "of the Rules",
«Правил», «Қағидалардың».

Russian declension is by table and is exact for the nouns used here. Kazakh
formatting is best-effort: suffixes follow vowel harmony and the final sound of
the noun (бап → баптың, тармақ → тармағының, тарау → тараудың, бөлім →
бөлімінің), which covers the head nouns of legislation but has not been
reviewed by a Kazakh drafter.
"""

from __future__ import annotations

from lexamend.address.eid import level_kind, split
from lexamend.model import CONTAINER_KINDS, Kind, Unit

LANGS = ("en", "ru", "kk")
STYLES = ("chain", "short", "list")
RU_CASES = ("nom", "gen", "dat", "acc", "ins", "prep")
KK_CASES = ("nom", "gen", "loc", "dat", "acc")

_CITABLE = frozenset(
    {
        Kind.PREAMBLE,
        Kind.SECTION,
        Kind.CHAPTER,
        Kind.SUBCHAPTER,
        Kind.ARTICLE,
        Kind.PARAGRAPH,
        Kind.SUBPARAGRAPH,
        Kind.POINT,
        Kind.SUBPOINT,
        Kind.PART,
        Kind.ANNEX,
    }
)

_EN_NOUN: dict[Kind, str] = {
    Kind.SECTION: "Section",
    Kind.CHAPTER: "Chapter",
    Kind.SUBCHAPTER: "§",
    Kind.ARTICLE: "Article",
    Kind.PARAGRAPH: "paragraph",
    Kind.SUBPARAGRAPH: "subparagraph",
    Kind.POINT: "point",
    Kind.SUBPOINT: "subpoint",
    Kind.PART: "part",
    Kind.ANNEX: "Annex",
}
_EN_ORDINAL = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

# nom, gen, dat, acc, ins, prep
_RU_NOUN: dict[Kind, tuple[str, str, str, str, str, str]] = {
    Kind.PREAMBLE: ("преамбула", "преамбулы", "преамбуле", "преамбулу", "преамбулой", "преамбуле"),
    Kind.SECTION: ("раздел", "раздела", "разделу", "раздел", "разделом", "разделе"),
    Kind.CHAPTER: ("глава", "главы", "главе", "главу", "главой", "главе"),
    Kind.SUBCHAPTER: ("параграф", "параграфа", "параграфу", "параграф", "параграфом", "параграфе"),
    Kind.ARTICLE: ("статья", "статьи", "статье", "статью", "статьей", "статье"),
    Kind.PARAGRAPH: ("пункт", "пункта", "пункту", "пункт", "пунктом", "пункте"),
    Kind.SUBPARAGRAPH: ("подпункт", "подпункта", "подпункту", "подпункт", "подпунктом", "подпункте"),
    Kind.PART: ("часть", "части", "части", "часть", "частью", "части"),
    Kind.ANNEX: ("приложение", "приложения", "приложению", "приложение", "приложением", "приложении"),
}
_RU_NOUN[Kind.POINT] = _RU_NOUN[Kind.SUBPOINT] = _RU_NOUN[Kind.SUBPARAGRAPH]  # «подпункт а)»
_RU_ABBR: dict[Kind, str] = {
    Kind.SECTION: "разд.",
    Kind.CHAPTER: "гл.",
    Kind.SUBCHAPTER: "§",
    Kind.ARTICLE: "ст.",
    Kind.PARAGRAPH: "п.",
    Kind.SUBPARAGRAPH: "подп.",
    Kind.POINT: "подп.",
    Kind.SUBPOINT: "подп.",
    Kind.PART: "ч.",
    Kind.ANNEX: "прил.",
}
_RU_ORDINAL_STEM = ("", "перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм", "девят", "десят")

# Kazakh nouns in the nominative; suffixes are built by _kk_case.
_KK_NOUN: dict[Kind, str] = {
    Kind.PREAMBLE: "кіріспе",
    Kind.SECTION: "бөлім",
    Kind.CHAPTER: "тарау",
    Kind.SUBCHAPTER: "параграф",
    Kind.ARTICLE: "бап",
    Kind.PARAGRAPH: "тармақ",
    Kind.SUBPARAGRAPH: "тармақша",
    Kind.POINT: "тармақша",
    Kind.SUBPOINT: "тармақша",
    Kind.PART: "бөлік",
    Kind.ANNEX: "қосымша",
}
_KK_ORDINAL = (
    "", "бірінші", "екінші", "үшінші", "төртінші", "бесінші",
    "алтыншы", "жетінші", "сегізінші", "тоғызыншы", "оныншы",
)  # fmt: skip

# Scope words for an attachment, by what its heading calls it: English, Russian in the six cases, Kazakh.
_ScopeWords = tuple[str, tuple[str, str, str, str, str, str], str]
_SCOPES: tuple[tuple[tuple[str, ...], _ScopeWords], ...] = (
    (
        ("положени", "regulation", "ереже"),
        ("the Regulation", ("Положение", "Положения", "Положению", "Положение", "Положением", "Положении"), "Ереже"),
    ),
    (
        ("инструкци", "instruction", "нұсқаулы"),
        ("the Instruction", ("Инструкция", "Инструкции", "Инструкции", "Инструкцию", "Инструкцией", "Инструкции"),
         "Нұсқаулық"),
    ),
)
_DEFAULT_SCOPE: _ScopeWords = (
    "the Rules",
    ("Правила", "Правил", "Правилам", "Правила", "Правилами", "Правилах"),
    "Қағидалар",
)


def format_citation(path: tuple[Unit, ...], lang: str, *, case: str = "nom", style: str = "chain") -> str:
    """The citation of ``path[-1]`` in ``lang`` ("en", "ru" or "kk").

    ``case`` inflects the head of the citation (Russian: nom, gen, dat, acc,
    ins, prep; Kazakh: nom, gen, loc, dat, acc; English ignores it). ``style``
    is "chain" (small-to-large: «подпункт 1) пункта 2 статьи 8»), "short"
    ("Article 8(2), subparagraph 1)", «подп. 1) п. 2 ст. 8») or "list"
    (large-to-small: "Article 8, paragraph 2, subparagraph 1)").

    >>> from lexamend.model import Kind, Unit
    >>> sub = Unit(Kind.SUBPARAGRAPH, "art_8__para_2__subpara_1", "1", "1)", address="art_8__para_2__subpara_1")
    >>> para = Unit(Kind.PARAGRAPH, "art_8__para_2", "2", "2.", children=(sub,), address="art_8__para_2")
    >>> art = Unit(Kind.ARTICLE, "art_8", "8", "Статья 8.", children=(para,), address="art_8")
    >>> format_citation((art, para, sub), "ru", case="prep")
    'подпункте 1) пункта 2 статьи 8'
    >>> format_citation((art, para, sub), "en", style="short")
    'Article 8(2), subparagraph 1)'
    >>> format_citation((art, para), "kk", case="loc")
    '8-баптың 2-тармағында'
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; use one of {', '.join(STYLES)}")
    units, scope = citable_path(path)
    if lang == "en":
        return _english(units, scope, style)
    if lang == "ru":
        return _russian(units, scope, _check_case(case, RU_CASES, {"loc": "prep"}), style)
    return _kazakh(units, scope, _check_case(case, KK_CASES, {"prep": "loc"}))


def citable_path(path: tuple[Unit, ...]) -> tuple[tuple[Unit, ...], Unit | None]:
    """The units a citation names (outermost first) and the attachment that scopes them, if any.

    Containers are named only when the unit's short address keeps them, so
    that the citation is exactly as unambiguous as the address.
    """
    if not path:
        raise ValueError("empty path: nothing to cite")
    unit = path[-1]
    if unit.kind not in _CITABLE and unit.kind is not Kind.ATTACHMENT:
        raise ValueError(f"a {unit.kind.value} ({unit.eid}) has no citation form; cite it by its eId")
    keep_containers = unit.kind in CONTAINER_KINDS or unit.address == unit.eid
    scope = next((u for u in path if u.kind is Kind.ATTACHMENT), None)
    units = tuple(
        u
        for u in path
        if u.kind in _CITABLE and (keep_containers or u.kind not in CONTAINER_KINDS or u is unit)
    )
    return units, scope


def part_ordinal(unit: Unit) -> int:
    """The position of a part among its siblings, from its eId: ``…__part_2`` → 2."""
    _, num = level_kind(split(unit.eid)[-1])
    return int(num) if num.isdigit() else 1


def _check_case(case: str, cases: tuple[str, ...], aliases: dict[str, str]) -> str:
    case = aliases.get(case, case)
    if case not in cases:
        raise ValueError(f"unknown case {case!r}; use one of {', '.join(cases)}")
    return case


def _scope_words(attachment: Unit) -> _ScopeWords:
    heading = f"{attachment.heading or ''} {attachment.label or ''}".lower()
    for stems, words in _SCOPES:
        if any(stem in heading for stem in stems):
            return words
    return _DEFAULT_SCOPE


def _list_label(unit: Unit) -> str:
    """A list number as cited: "1)", "а)", or "(a)" when the source writes it so."""
    num = unit.num or ""
    if unit.label and unit.label.startswith("("):
        return f"({num})"
    return f"{num})"


# -- English ---------------------------------------------------------------


def _en_element(unit: Unit) -> str:
    if unit.kind is Kind.PREAMBLE:
        return "the preamble"
    if unit.kind is Kind.PART:
        n = part_ordinal(unit)
        return f"part {_EN_ORDINAL[n] if n < len(_EN_ORDINAL) else n}"
    noun = _EN_NOUN[unit.kind]
    if unit.num is None:
        return f"the {noun}"
    if unit.kind in (Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT):
        return f"{noun} {_list_label(unit)}"
    return f"{noun} {unit.num}"


def _english(units: tuple[Unit, ...], scope: Unit | None, style: str) -> str:
    scope_word = _scope_words(scope)[0] if scope is not None else None
    if style == "short" and units and units[0].kind is Kind.ARTICLE:
        head = f"Article {units[0].num}"
        rest = list(units[1:])
        if rest and rest[0].kind is Kind.PARAGRAPH:
            head += f"({rest.pop(0).num})"
            if rest and rest[0].kind is Kind.POINT:
                head += f"({rest.pop(0).num})"
        if scope_word:
            head += f" of {scope_word}"
        return ", ".join([head, *(_en_element(u) for u in rest)])
    if style == "list":
        return ", ".join([*([scope_word] if scope_word else []), *(_en_element(u) for u in units)])
    words = [_en_element(u) for u in reversed(units)]
    if scope_word:
        words.append(scope_word)
    return " of ".join(words)


# -- Russian ---------------------------------------------------------------


def _ru_ordinal(n: int, case: str) -> str:
    """A feminine ordinal for «часть»: вторая, второй, вторую; третья, третьей, третью."""
    if n >= len(_RU_ORDINAL_STEM):
        return str(n)
    stem = _RU_ORDINAL_STEM[n]
    soft = stem == "трет"
    if case == "nom":
        return stem + ("ья" if soft else "ая")
    if case == "acc":
        return stem + ("ью" if soft else "ую")
    return stem + ("ьей" if soft else "ой")


def _ru_element(unit: Unit, case: str) -> str:
    noun = _RU_NOUN[unit.kind][RU_CASES.index(case)]
    if unit.kind is Kind.PART:
        return f"{noun} {_ru_ordinal(part_ordinal(unit), case)}"
    if unit.num is None:
        return noun
    if unit.kind in (Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT):
        return f"{noun} {_list_label(unit)}"
    return f"{noun} {unit.num}"


def _ru_abbreviated(unit: Unit) -> str:
    if unit.kind is Kind.PREAMBLE:
        return "преамбулы"
    if unit.kind is Kind.PART:
        return f"ч. {part_ordinal(unit)}"
    if unit.num is None:
        return _RU_NOUN[unit.kind][1]
    if unit.kind in (Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT):
        return f"{_RU_ABBR[unit.kind]} {_list_label(unit)}"
    return f"{_RU_ABBR[unit.kind]} {unit.num}"


def _russian(units: tuple[Unit, ...], scope: Unit | None, case: str, style: str) -> str:
    scope_forms = _scope_words(scope)[1] if scope is not None else None
    if not units:
        return scope_forms[RU_CASES.index(case)] if scope_forms else ""
    scope_word = scope_forms[1] if scope_forms else None
    if style == "list":
        words = [_ru_element(u, "nom") for u in units]
        return ", ".join(words) + (f" {scope_word}" if scope_word else "")
    if style == "short":
        words = [_ru_abbreviated(u) for u in reversed(units)]
    else:
        head, *rest = reversed(units)
        words = [_ru_element(head, case), *(_ru_element(u, "gen") for u in rest)]
    if scope_word:
        words.append(scope_word)
    return " ".join(words)


# -- Kazakh (best-effort) -------------------------------------------------------

_KK_FRONT = set("әеөүіэ")
_KK_BACK = set("аоұыя")
_KK_VOWELS = set("аәеоөұүыіэяюи")
_KK_NASAL = set("мнң")
_KK_VOICED = set("лрйужз")
_KK_VOICING = {"п": "б", "к": "г", "қ": "ғ"}


def _kk_front(word: str) -> bool:
    for char in reversed(word.lower()):
        if char in _KK_FRONT:
            return True
        if char in _KK_BACK:
            return False
    return False


def _kk_sound(word: str) -> str:
    """How a word ends, for suffix choice: vowel, nasal, voiced or voiceless consonant."""
    last = word[-1].lower()
    if last in _KK_VOWELS:
        return "vowel"
    if last in _KK_NASAL:
        return "nasal"
    if last in _KK_VOICED:
        return "voiced"
    return "voiceless"


def _kk_case(word: str, case: str) -> str:
    """A bare noun in a case: бап → баптың, бапта, бапқа, бапты; бөлім → бөлімнің."""
    front, sound = _kk_front(word), _kk_sound(word)
    if case == "nom":
        return word
    if case == "gen":
        return word + ("т" if sound == "voiceless" else "д" if sound == "voiced" else "н") + ("ің" if front else "ың")
    if case == "acc":
        return word + ("т" if sound == "voiceless" else "н" if sound == "vowel" else "д") + ("і" if front else "ы")
    if case == "loc":
        return word + ("т" if sound == "voiceless" else "д") + ("е" if front else "а")
    return word + (("к" if front else "қ") if sound == "voiceless" else ("г" if front else "ғ")) + (
        "е" if front else "а"
    )


def _kk_possessive(word: str, case: str) -> str:
    """The third-person possessive in a case: тармақ → тармағы, тармағының, тармағында."""
    front = _kk_front(word)
    if _kk_sound(word) == "vowel":
        base = word + ("сі" if front else "сы")
    else:
        base = word[:-1] + _KK_VOICING.get(word[-1], word[-1]) + ("і" if front else "ы")
    endings = {
        "nom": "",
        "gen": "нің" if front else "ның",
        "loc": "нде" if front else "нда",
        "dat": "не" if front else "на",
        "acc": "н",
    }
    return base + endings[case]


def _kk_number(unit: Unit) -> str:
    """The number before a Kazakh noun: "8-" (hyphen joins), "1) ", "екінші ", "I "."""
    if unit.kind is Kind.PART:
        n = part_ordinal(unit)
        return f"{_KK_ORDINAL[n]} " if n < len(_KK_ORDINAL) else f"{n}-"
    if unit.num is None:
        return ""
    if unit.kind in (Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT):
        return f"{_list_label(unit)} "
    if unit.num.isalpha():
        return f"{unit.num} "  # a Roman numeral: «I бөлім»
    return f"{unit.num}-"


def _kazakh(units: tuple[Unit, ...], scope: Unit | None, case: str) -> str:
    """Large-to-small: the first in the genitive, the middle possessive genitive, the last possessive."""
    words: list[tuple[str, str]] = []
    if scope is not None:
        words.append(("", _scope_words(scope)[2]))
    words.extend((_kk_number(u), _KK_NOUN[u.kind]) for u in units)
    if not words:
        return ""
    out: list[str] = []
    last = len(words) - 1
    for i, (number, noun) in enumerate(words):
        if last == 0:
            inflected = _kk_case(noun, case)
        elif i == 0:
            inflected = _kk_case(noun, "gen")
        else:
            inflected = _kk_possessive(noun, case if i == last else "gen")
        out.append(number + inflected)
    return " ".join(out)
