"""Word forms for matching lexicon terms in English, Russian and Kazakh legal text.

Each language gives every word a set of *keys*; a lexicon word matches a word
of the text when their keys meet. The text is only lower-cased and folded
character for character (``ё`` → ``е``, a Latin ``i`` inside a Cyrillic word →
``і``, as older adilet texts write «Тегiне»), so offsets in the folded text
are offsets in the original.

* English: the lower-case word and its singular (a short rule list plus the
  irregular plurals legal texts use: children, women, persons). Hand-written
  because a general lemmatiser (spaCy, NLTK+WordNet) would add a large
  dependency and model data for a handful of nouns.
* Russian: dictionary lemmas from **pymorphy3** (OpenCorpora dictionary). A
  lemmatiser, not a stemmer, because the words that name groups of persons
  inflect irregularly — «дети»/«детей» → «ребёнок», «граждан» → «гражданин»,
  «лиц» → «лицо» — and a stemmer either misses them or over-merges (стем
  «пол» of «пола», «полный», «получение»). All parses of an ambiguous word are
  kept (recall), the lexicon's multi-word terms and the distinction markers
  restore precision. When pymorphy3 or its dictionary cannot be loaded, a
  suffix-stripping stemmer (:func:`russian_stem`) is used instead, and
  :func:`russian_method` says so in every report.
* Kazakh: suffix stripping, since there is no maintained Kazakh lemmatiser on
  PyPI. A word matches a stem when the rest of the word is a chain of Kazakh
  inflectional suffixes in their order (plural, possessive, case), allowing the
  final-consonant alternations к/г, қ/ғ, п/б before a vowel: «шетелдіктердің» =
  шетелдік + тер + дің, «азаматтығы» = азаматтық + ы. Derivational suffixes
  (-лық: «азаматтық» "civil", «ұлттық» "national") are not stripped: they make
  new words. Checking the *whole* remainder against the ordered suffixes is
  what keeps «қызмет» (service) from matching «қыз» (girl).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

#: A word: letters/digits, with an inner apostrophe (child's). Hyphens split words, so that
#: «трудящихся-мигрантов» and "asylum-seekers" are two words each, as the lexicon writes them.
WORD = re.compile(r"\w+(?:['’]\w+)?")

_FOLD = str.maketrans({"ё": "е", "Ё": "Е", "’": "'"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fold(text: str) -> str:
    """Lower-case and fold ``text`` without changing its length (offsets stay valid)."""
    folded = text.translate(_FOLD).lower()
    if "i" not in folded or not _CYRILLIC.search(folded):
        return folded
    # A Latin "i" between Cyrillic letters is the Kazakh "і" typed on a Latin keyboard.
    chars = list(folded)
    for match in WORD.finditer(folded):
        word = match.group()
        if "i" in word and _CYRILLIC.search(word):
            for offset, char in enumerate(word):
                if char == "i":
                    chars[match.start() + offset] = "і"
    return "".join(chars)


# --- English -------------------------------------------------------------------------

_EN_IRREGULAR = {
    "children": "child",
    "women": "woman",
    "men": "man",
    "people": "person",
    "persons": "person",
    "minors": "minor",
}
_EN_KEEP = ("ss", "us", "is", "ous")


def english_keys(word: str) -> frozenset[str]:
    """The word and its singular: "workers" → {workers, worker}; "child's" → {child}.

    >>> sorted(english_keys("refugees"))
    ['refugee', 'refugees']
    >>> sorted(english_keys("children's"))
    ['child', 'children']
    """
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("s'"):
        word = word[:-1]
    keys = {word}
    if word in _EN_IRREGULAR:
        keys.add(_EN_IRREGULAR[word])
    elif word.endswith("ies") and len(word) > 4:
        keys.add(word[:-3] + "y")
    elif word.endswith(("sses", "xes", "ches", "shes")):
        keys.add(word[:-2])
    elif word.endswith("s") and not word.endswith(_EN_KEEP) and len(word) > 3:
        keys.add(word[:-1])
    return frozenset(keys)


# --- Russian -------------------------------------------------------------------------

# Endings for the fallback stemmer, longest first: noun, adjective and participle inflections.
_RU_ENDINGS = sorted(
    [
        "иями",
        "ями",
        "ами",
        "ием",
        "иях",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "ией",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "ой",
        "ей",
        "ий",
        "ый",
        "ую",
        "юю",
        "ых",
        "их",
        "ым",
        "им",
        "ам",
        "ям",
        "ах",
        "ях",
        "ом",
        "ем",
        "ов",
        "ев",
        "ью",
        "ия",
        "ию",
        "ии",
        "ья",
        "ье",
        "а",
        "я",
        "о",
        "е",
        "ы",
        "и",
        "у",
        "ю",
        "ь",
    ],
    key=len,
    reverse=True,
)
_RU_PARTICIPLE = ("ющ", "ящ", "ащ", "ущ", "вш", "ем", "ом", "им", "енн", "нн")
#: A fallback stem is never shorter than this (keeps «пол» from eating «полный»).
RU_MIN_STEM = 3


def russian_stem(word: str) -> str:
    """A crude Russian stem: the fallback when pymorphy3 is unavailable.

    >>> russian_stem("граждан"), russian_stem("гражданин"), russian_stem("гражданами")
    ('граждан', 'граждан', 'граждан')
    >>> russian_stem("сезонных"), russian_stem("сезонный"), russian_stem("гражданина")
    ('сезонн', 'сезонн', 'граждан')
    >>> russian_stem("иностранцев"), russian_stem("иностранец")
    ('иностранц', 'иностранц')
    """
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= RU_MIN_STEM:
            word = word[: -len(ending)]
            break
    if word.endswith(("анин", "янин")):  # гражданин/граждане, россиянин/россияне
        word = word[:-2]
    elif word.endswith(("ец", "ек", "ок")) and len(word) > 4:  # fleeting vowel: иностранец/иностранцы
        word = word[:-2] + word[-1]
    return word


#: Set to "stems" to match Russian by the fallback stemmer even when pymorphy3 is installed
#: (for comparing the two in bench/xref/evaluate.py).
RU_MORPHOLOGY_ENV = "LEXAMEND_RU_MORPHOLOGY"


@lru_cache(maxsize=1)
def _analyzer() -> Any | None:
    import os

    if os.environ.get(RU_MORPHOLOGY_ENV) == "stems":
        return None
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer()
    except (ImportError, OSError, ValueError, RuntimeError):  # no package or no dictionary: use the stemmer
        return None


def russian_method() -> str:
    """``pymorphy3`` when the lemmatiser loads, else ``stems`` (suffix stripping)."""
    return "pymorphy3" if _analyzer() is not None else "stems"


@lru_cache(maxsize=200_000)
def russian_keys(word: str) -> frozenset[str]:
    """Lemmas of a Russian word (all parses), or its stem without pymorphy3.

    >>> sorted(russian_keys("детей")) if russian_method() == "pymorphy3" else ["ребенок"]
    ['ребенок']
    """
    analyzer = _analyzer()
    if analyzer is None or not _CYRILLIC.search(word):
        return frozenset({russian_stem(word)} if _CYRILLIC.search(word) else {word})
    return frozenset(parse.normal_form.replace("ё", "е") for parse in analyzer.parse(word))


# --- Kazakh --------------------------------------------------------------------------

# Inflectional suffixes in the order Kazakh stacks them — plural, possessive, case, then the
# relative -ғы/-гі (шекара маңындағы = маң + ы + нда + ғы) — each in its harmonic and assimilated
# variants. A word is a stem followed by at most one suffix of each slot, in this order. The order
# is what keeps short suffixes from chaining freely: «қызметін» is қызмет + і + н, never қыз + м + е + тін.
_KK_SLOTS: tuple[frozenset[str], ...] = (
    frozenset(["лар", "лер", "дар", "дер", "тар", "тер"]),
    frozenset(
        [
            "ым",
            "ім",
            "м",
            "ың",
            "ің",
            "ң",
            "ымыз",
            "іміз",
            "мыз",
            "міз",
            "ыңыз",
            "іңіз",
            "ңыз",
            "ңіз",
            "ы",
            "і",
            "сы",
            "сі",
        ]
    ),
    frozenset(
        [
            "дың",
            "дің",
            "тың",
            "тің",
            "ның",
            "нің",
            "ға",
            "ге",
            "қа",
            "ке",
            "на",
            "не",
            "а",
            "е",
            "ды",
            "ді",
            "ты",
            "ті",
            "ны",
            "ні",
            "н",
            "да",
            "де",
            "та",
            "те",
            "нда",
            "нде",
            "дан",
            "ден",
            "тан",
            "тен",
            "нан",
            "нен",
            "мен",
            "бен",
            "пен",
        ]
    ),
    frozenset(["ғы", "гі", "қы", "кі"]),
)
_KK_MAX_SUFFIX = max(len(x) for slot in _KK_SLOTS for x in slot)
_KK_VOICED = {"г": "к", "ғ": "қ", "б": "п"}
_KK_VOWELS = set("аәеиоөуұүыіэюя")
#: A Kazakh stem candidate is never shorter than this.
KK_MIN_STEM = 2


@lru_cache(maxsize=4096)
def _kk_chain(rest: str, slot: int = 0) -> bool:
    """Whether ``rest`` is a (possibly empty) sequence of suffixes from ``slot`` on, in slot order."""
    if not rest:
        return True
    for index in range(slot, len(_KK_SLOTS)):
        for size in range(1, min(_KK_MAX_SUFFIX, len(rest)) + 1):
            if rest[:size] in _KK_SLOTS[index] and _kk_chain(rest[size:], index + 1):
                return True
    return False


@lru_cache(maxsize=200_000)
def kazakh_keys(word: str) -> frozenset[str]:
    """Every stem the word can be read as (the word itself included).

    >>> "шетелдік" in kazakh_keys("шетелдіктердің")
    True
    >>> "азаматтық" in kazakh_keys("азаматтығы")
    True
    >>> "қыз" in kazakh_keys("қызмет")
    False
    """
    keys = {word}
    for cut in range(KK_MIN_STEM, len(word)):
        stem, rest = word[:cut], word[cut:]
        if not _kk_chain(rest):
            continue
        keys.add(stem)
        if stem[-1] in _KK_VOICED and rest[0] in _KK_VOWELS:
            keys.add(stem[:-1] + _KK_VOICED[stem[-1]])
    return frozenset(keys)


KEYS: dict[str, Callable[[str], frozenset[str]]] = {
    "en": english_keys,
    "ru": russian_keys,
    "kk": kazakh_keys,
}


def term_keys(word: str, lang: str) -> frozenset[str]:
    """Keys of a lexicon word: lemmas for Russian, the stem as written for Kazakh.

    A Kazakh lexicon word is a stem, so it is matched as written (the text word
    must be that stem plus suffixes); English and Russian lexicon words are
    normalised like text words, so they may be written in any form.
    """
    if lang == "kk":
        return frozenset({word})
    return KEYS[lang](word)


def method(lang: str) -> str:
    """How words of ``lang`` are normalised, for reports."""
    if lang == "ru":
        return russian_method()
    return {"en": "rules", "kk": "suffixes"}[lang]
