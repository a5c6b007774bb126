"""Recognise the number labels of Kazakh, Russian and English legislation.

One verbose, commented pattern per label form. :func:`classify` looks at the
start of a block and says what kind of unit it opens, its number as written and
the rest of the block (a heading for articles and chapters, the text for
paragraphs and subparagraphs).

The forms, by level:

=============  =======================  ===================  ==================
level          Russian                  Kazakh               English
=============  =======================  ===================  ==================
section        Раздел I / Раздел 2      1-бөлім / I бөлім    Section 1, PART I
chapter        Глава 2.                 2-тарау.             Chapter 2
subchapter     Параграф 1. / § 1        1-параграф           § 1
article        Статья 8. / Статья 5-1.  8-бап. / 5-1-бап.    Article 8
paragraph      1.  1-1.                 1.  1-1.             1.  (1)
subparagraph   1)  4-1)                 1)  4-1)             1)
point          а)  б)  (а)              а)  ә)  б)           a)  (a)  a.
subpoint                                                     (i)  (ii)
annex          Приложение 1             1-қосымша            Annex 1
=============  =======================  ===================  ==================

Inserted numbers ("5-1", "4-1)") are the post-Soviet convention for units added
between existing ones without renumbering; they are kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lexamend.model import Kind

# Dashes that legislation uses interchangeably with a hyphen inside numbers.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_DASH_TABLE = str.maketrans({c: "-" for c in _DASHES})

# An inserted-style number: 8, 5-1, 12-1-2.
_NUM = r"\d{1,5}(?:-\d{1,3})*"
_ROMAN = r"[IVXLC]{1,7}"

# Letters used for points: Latin, Russian and the Kazakh additions.
_LETTER = r"[a-zа-яёәғқңөұүһі]"

ROMAN_LOWER = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"})


@dataclass(frozen=True)
class Label:
    """What a block's opening label says."""

    kind: Kind
    num: str | None
    label: str  # exactly as written (after whitespace normalisation)
    rest: str  # the remainder of the block


def _heading(kind: Kind, pattern: str) -> tuple[Kind, re.Pattern[str]]:
    return kind, re.compile(pattern, re.X)


# Headings of structural units. The ``rest`` group is the heading text. The words are
# matched with a capital (or in capitals): a lower-case «статья 20» at the start of a line
# is a hyperlinked reference split off a sentence, not a heading. A range of repealed
# articles («87-бап - 88-баптар алынып тасталды», «Статьи 24 - 25 исключены») is one unit.
HEADING_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    _heading(
        Kind.ARTICLE,
        rf"""^(?P<label>
                (?:Статья|СТАТЬЯ) \s+ (?P<num>{_NUM})                  # Статья 8 / Статья 5-1
              | (?:Статьи|СТАТЬИ) \s+ (?P<num_r>{_NUM}) \s* [-–—] \s* {_NUM}   # Статьи 24 - 25
              | (?P<num_kk>{_NUM}) -бап (?: \s* [-–—] \s* {_NUM} -бап(?:тар)? )?   # 8-бап / 87-бап - 88-баптар
              | (?:Article|ARTICLE|Art\.) \s+ (?P<num_en>{_NUM}(?:\.\d+)*[a-z]?)   # Article 8
            ) \.? (?=\s|$) \s* (?P<rest>.*)$""",
    ),
    _heading(
        Kind.CHAPTER,
        rf"""^(?P<label>
                (?:Глава|ГЛАВА) \s+ (?P<num>{_NUM}|{_ROMAN})
              | (?P<num_kk>{_NUM}) -(?:тарау|ТАРАУ)
              | (?:Chapter|CHAPTER) \s+ (?P<num_en>{_NUM}|{_ROMAN})
            ) \.? (?=\s|$) \s* (?P<rest>.*)$""",
    ),
    _heading(
        Kind.SECTION,
        rf"""^(?P<label>
                (?:Раздел|РАЗДЕЛ) \s+ (?P<num>{_NUM}|{_ROMAN})
              | (?P<num_kk>{_NUM}) -(?:бөлім|БӨЛІМ)
              | (?P<num_kk2>{_ROMAN}) \s+ (?:бөлім|БӨЛІМ)
              | (?:Section|SECTION|Part|PART) \s+ (?P<num_en>{_NUM}|{_ROMAN})
            ) \.? (?=\s|$) \s* (?P<rest>.*)$""",
    ),
    _heading(
        Kind.SUBCHAPTER,
        rf"""^(?P<label>
                (?:Параграф|ПАРАГРАФ) \s+ (?P<num>{_NUM})
              | (?P<num_kk>{_NUM}) -(?:параграф|ПАРАГРАФ)
              | § \s* (?P<num_en>{_NUM})
            ) \.? (?=\s|$) \s* (?P<rest>.*)$""",
    ),
)

# Annex headings are short lines: "Приложение 1 к Правилам …", "2-қосымша", "Annex II".
ANNEX_PATTERN = re.compile(
    rf"""^(?P<label>
            Приложение (?: \s+ (?:№\s*)? (?P<num>{_NUM}) )?
          | (?P<num_kk>{_NUM}) -қосымша
          | Қосымша
          | (?:Annex|Appendix|Schedule) (?: \s+ (?P<num_en>{_NUM}|{_ROMAN}) )?
        ) (?=\s|$|\.) \.? \s* (?P<rest>.*)$""",
    re.X,
)

# The words that open a document approved by an order: "Утверждены приказом …".
APPROVAL_PATTERN = re.compile(
    r"""^(?:
            Утвержден[аоы]? \b                   # Утверждены приказом Министра …
          | Бекітілген \b | .{0,80}бекітілген \s*$  # Kazakh "approved by"
          | Approved \s+ by \b
        )""",
    re.X | re.I,
)

# Numbered labels inside articles. Order matters: "1)" before "1." is irrelevant
# because the punctuation differs, but "(a)" must be tried before "(1)".
LIST_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    # 1.  1-1.  12.  — пункт / тармақ. Not a date ("28.09.2010") nor a decimal.
    (
        Kind.PARAGRAPH,
        re.compile(rf"^(?P<label>(?P<num>{_NUM})\.)(?!\d)(?:\s+|$)(?P<rest>.*)$"),
    ),
    # 1.1.  2.3.1.  — multi-level numbering some Rules use; each level ≤ 3 digits.
    (
        Kind.PARAGRAPH,
        re.compile(r"^(?P<label>(?P<num>\d{1,3}(?:\.\d{1,3}){1,3})\.?)(?=\s)\s+(?P<rest>\D.*)$"),
    ),
    # 26) - 29)  — a range of repealed subparagraphs: «26) - 29) исключены».
    (
        Kind.SUBPARAGRAPH,
        re.compile(rf"^(?P<label>(?P<num>{_NUM})\)\s*-\s*{_NUM}\))\s*(?P<rest>.*)$"),
    ),
    # 1)  4-1)  — подпункт / тармақша.
    (
        Kind.SUBPARAGRAPH,
        re.compile(rf"^(?P<label>(?P<num>{_NUM})\))\s*(?P<rest>.*)$"),
    ),
    # (1)  (2-1)  — English-style numbered paragraphs.
    (
        Kind.PARAGRAPH,
        re.compile(rf"^(?P<label>\((?P<num>{_NUM})\))\s*(?P<rest>.*)$"),
    ),
    # а)  б)  a)  ii)  — letters; roman numerals are told apart by the tree builder.
    (
        Kind.POINT,
        re.compile(rf"^(?P<label>(?P<num>{_LETTER}|[ivx]{{2,4}})\))\s*(?P<rest>.*)$"),
    ),
    # (a)  (б)  (iv)
    (
        Kind.POINT,
        re.compile(rf"^(?P<label>\((?P<num>{_LETTER}|[ivx]{{2,4}})\))\s*(?P<rest>.*)$"),
    ),
    # a.Of depriving …  — treaty style: a Latin letter, a dot and a capital.
    (
        Kind.POINT,
        re.compile(r"^(?P<label>(?P<num>[a-z])\.)\s*(?P<rest>[A-Z«\"“].*)$"),
    ),
)

# Placeholders kept where a unit was repealed, so that numbering stays.
EXCLUDED_PATTERN = re.compile(
    r"""^[\s\-–—(]*(?:
            исключен[аоы]? | утратил[аио]? \s+ силу | утратили \s+ силу
          | алы(?:нып|п) \s+ тасталды | күші \s+ жойылды | күшін \s+ жойды
          | excluded | repealed | deleted
        )\b""",
    re.X | re.I,
)

# Provisions that were in force until a date: «действовал до 01.01.2026 …».
EXPIRED_PATTERN = re.compile(
    r"""^[\s\-–—]*(?:
            действовал[аои]? \s+ до \b
          | \d{2}\.\d{2}\.\d{4} \s+ дейін \s+ қолданыста \s+ болды
          | (?:was\s+)?valid \s+ until \b
        )""",
    re.X | re.I,
)

_QUOTES_OPEN = "\"'«“„‘"


def normalise_dashes(num: str) -> str:
    """Write the hyphens of an inserted number as ASCII hyphens: "5–1" → "5-1"."""
    return num.translate(_DASH_TABLE)


def classify_heading(text: str) -> Label | None:
    """Return the structural heading a block opens with, if any.

    >>> classify_heading("Статья 8. Государственные гарантии в области образования")
    Label(kind=<Kind.ARTICLE: 'article'>, num='8', label='Статья 8.', rest='Государственные гарантии в области образования')
    >>> classify_heading("5-1-бап. Білім беру").num
    '5-1'
    """
    if not text or text[0] in _QUOTES_OPEN:
        return None
    original = text
    # Dashes are normalised char for char, so offsets into the original stay valid.
    text = normalise_dashes(text[:24]) + text[24:]
    for kind, pattern in HEADING_PATTERNS:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            num = groups.get("num") or groups.get("num_r") or groups.get("num_kk") or groups.get("num_en") or groups.get("num_kk2")
            rest = original[match.start("rest") :].strip()
            if not _plausible_heading_rest(rest):
                continue
            label = original[: match.start("rest")].strip() if rest else original.strip()
            return Label(kind, num, label, rest)
    return None


def _plausible_heading_rest(rest: str) -> bool:
    """A heading's remainder starts a title, not the middle of a sentence.

    "Статья 8 настоящего Закона …" is a reference at the start of a sentence, not
    the heading of article 8: a heading's title starts with a capital letter, a
    digit or a quote, or is absent.
    """
    if not rest:
        return True
    first = rest[0]
    return not first.islower() or is_excluded(rest) or is_expired(rest)


def classify_annex(text: str) -> Label | None:
    """Return an annex heading ("Приложение 1 к Правилам …") if the block is one."""
    if len(text) > 240 or text.endswith((".", ";", ":")) and not re.match(r"^\S+\s+\S+\.?$", text):
        return None
    match = ANNEX_PATTERN.match(text)
    if not match:
        return None
    rest = match.group("rest").strip()
    # "Приложение к лицензии выдается …" is a sentence, not a heading.
    if rest and re.search(r"\b(выда|являет|утвержда|содерж|is|are|shall)\w*\b", rest):
        return None
    num = match.group("num") or match.group("num_kk") or match.group("num_en")
    label = text[: match.start("rest")].strip() if rest else text.strip()
    return Label(Kind.ANNEX, num, label, rest)


def classify_list_item(text: str) -> Label | None:
    """Return the list label a block opens with ("1.", "4-1)", "а)", "(a)"), if any.

    >>> classify_list_item("4-1) дети с особыми образовательными потребностями;")
    Label(kind=<Kind.SUBPARAGRAPH: 'subparagraph'>, num='4-1', label='4-1)', rest='дети с особыми образовательными потребностями;')
    >>> classify_list_item("28.09.2010 приказ") is None
    True
    """
    if not text:
        return None
    original = text
    text = normalise_dashes(text[:16]) + text[16:]
    for kind, pattern in LIST_PATTERNS:
        match = pattern.match(text)
        if match:
            label = original[match.start("label") : match.end("label")]
            return Label(kind, match.group("num"), label, original[match.start("rest") :].strip())
    return None


def is_excluded(text: str) -> bool:
    """Whether a unit's text is an «исключен»-style placeholder."""
    return bool(EXCLUDED_PATTERN.match(text))


def is_expired(text: str) -> bool:
    """Whether a unit's text says it was in force only until a date."""
    return bool(EXPIRED_PATTERN.match(text))


# --- ordering of numbers, for gap and duplicate warnings ----------------------

RUSSIAN_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"  # ё й ъ ы ь are skipped in lists
KAZAKH_LETTERS = "аәбвгғдежзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


_RANGE_END = re.compile(rf"[.)]\s*[-–—]\s*\(?({_NUM})[.)]\s*$")


def range_end(label: str | None) -> str | None:
    """The last number of a range label: "26) - 29)" → "29"."""
    if not label:
        return None
    match = _RANGE_END.search(label)
    return match.group(1) if match else None


def number_key(num: str) -> tuple[int, ...] | None:
    """Parse an inserted-style number into a tuple: "5-1" → (5, 1); letters → None."""
    parts = re.split(r"[-.]", num)
    if all(p.isdigit() for p in parts):
        return tuple(int(p) for p in parts)
    return None


def follows(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` may follow ``prev`` in a list without a gap.

    After 5 may come 6 or 5-1; after 5-1 may come 5-2, 6 or 5-1-1. Letters follow
    their alphabet, allowing the letters Russian drafting skips.
    """
    a, b = number_key(prev), number_key(nxt)
    if a is not None and b is not None:
        candidates = {a[:i] + (a[i] + 1,) for i in range(len(a))}
        candidates.add(a + (1,))
        return b in candidates
    if len(prev) == 1 and len(nxt) == 1:
        for alphabet in (LATIN_LETTERS, RUSSIAN_LETTERS, KAZAKH_LETTERS):
            if prev in alphabet and nxt in alphabet:
                i, j = alphabet.index(prev), alphabet.index(nxt)
                if j == i + 1:
                    return True
        # Russian and Kazakh lists may skip letters (й, ъ, ы, ь, ё) or use either alphabet.
        for alphabet in (RUSSIAN_LETTERS, KAZAKH_LETTERS):
            if prev in alphabet and nxt in alphabet:
                i, j = alphabet.index(prev), alphabet.index(nxt)
                if 0 < j - i <= 2:
                    return True
        return False
    if prev in ROMAN_LOWER and nxt in ROMAN_LOWER:
        order = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
        return order.index(nxt) == order.index(prev) + 1
    if re.fullmatch(_ROMAN, prev) and re.fullmatch(_ROMAN, nxt):
        return roman_to_int(nxt) == roman_to_int(prev) + 1
    return True


def is_first(num: str) -> bool:
    """Whether ``num`` is where a list normally starts (1, а, a, i, I)."""
    return num in {"1", "а", "a", "i", "I"}


def roman_to_int(roman: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, char in enumerate(roman.upper()):
        value = values[char]
        if i + 1 < len(roman) and values[roman[i + 1].upper()] > value:
            total -= value
        else:
            total += value
    return total
