"""Is a text really in the language its lexicon expects?

:func:`lexamend.parse.lang.detect_language` always answers en, ru or kk: a
French or German text comes out as "en", a Ukrainian one as "kk". Running the
English lexicon over French finds nothing, and "no distinction found" would
then be a silent, wrong all-clear. This module checks a text's letters and its
commonest function words, and says when it is in none of the supported
languages, so that the caller can refuse it.
"""

from __future__ import annotations

import re

from lexamend.parse.lang import SUPPORTED, detect_language

_WORD = re.compile(r"[^\W\d_]+")

#: Function words that make up a good share of any legal sentence in each language.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "an",
            "is",
            "are",
            "be",
            "shall",
            "or",
            "for",
            "by",
            "with",
            "on",
            "that",
            "any",
            "as",
            "which",
            "this",
            "from",
            "at",
            "not",
            "may",
            "its",
            "their",
            "his",
            "her",
            "who",
            "whose",
            "such",
            "other",
            "all",
            "has",
            "have",
            "been",
            "no",
            "each",
            "under",
        ]
    ),
    "ru": frozenset(
        [
            "и",
            "в",
            "во",
            "на",
            "не",
            "с",
            "со",
            "по",
            "для",
            "или",
            "а",
            "о",
            "об",
            "что",
            "к",
            "от",
            "из",
            "при",
            "его",
            "их",
            "ее",
            "же",
            "как",
            "так",
            "это",
            "быть",
            "является",
            "которые",
            "который",
            "которых",
            "также",
            "либо",
            "до",
            "за",
            "без",
            "после",
            "либо",
            "настоящего",
            "все",
            "иных",
        ]
    ),
    "kk": frozenset(
        [
            "және",
            "мен",
            "бен",
            "пен",
            "немесе",
            "бойынша",
            "үшін",
            "туралы",
            "осы",
            "бұл",
            "не",
            "да",
            "де",
            "та",
            "те",
            "тиіс",
            "болып",
            "табылады",
            "сондай",
            "ақ",
            "олардың",
            "оның",
            "жоқ",
            "бар",
            "сәйкес",
            "қоспағанда",
            "арқылы",
            "кезде",
        ]
    ),
}
#: Function words of languages written in the same scripts, which lexamend does not read: a text
#: that has more of these than of its own language's is in none of the supported languages.
OTHER_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "in",
            "von",
            "zu",
            "den",
            "mit",
            "sich",
            "des",
            "auf",
            "für",
            "ist",
            "im",
            "dem",
            "nicht",
            "ein",
            "eine",
            "als",
            "auch",
            "werden",
            "haben",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "et",
            "du",
            "en",
            "un",
            "une",
            "est",
            "dans",
            "que",
            "qui",
            "pour",
            "par",
            "sur",
            "au",
            "aux",
            "sont",
            "ne",
            "pas",
            "ou",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "en",
            "un",
            "una",
            "es",
            "que",
            "por",
            "con",
            "para",
            "se",
            "al",
            "su",
            "sus",
            "o",
            "no",
            "son",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "gli",
            "le",
            "di",
            "del",
            "della",
            "e",
            "in",
            "un",
            "una",
            "che",
            "per",
            "con",
            "non",
            "sono",
            "è",
            "al",
            "dei",
            "delle",
        ]
    ),
    "uk": frozenset(
        [
            "і",
            "й",
            "та",
            "в",
            "у",
            "на",
            "з",
            "із",
            "до",
            "від",
            "що",
            "як",
            "це",
            "не",
            "для",
            "або",
            "його",
            "їх",
            "є",
        ]
    ),
}
#: Below this share of function words (in a text of at least :data:`MIN_WORDS` words) a text is
#: taken not to be in the language. Real clauses of the corpus score 0.15-0.45.
MIN_FUNCTION_SHARE = 0.06
#: Texts shorter than this are not judged (a heading, "[…]", a list item of two words).
MIN_WORDS = 8

_NOT_KAZAKH = set("їєґў")  # Ukrainian and Belarusian letters: Cyrillic, but neither Russian nor Kazakh
_NOT_ENGLISH = set("àâäçéèêëîïôöùûüÿñßøåæœ")


def identify(text: str) -> str | None:
    """The supported language ``text`` is written in, or None when it is in none of them.

    >>> identify("Children of foreigners are accepted in the education institution.")
    'en'
    >>> identify("Les enfants des étrangers sont admis dans les établissements d'enseignement.") is None
    True
    >>> identify("Діти іноземців приймаються до закладів освіти на загальних підставах.") is None
    True
    """
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < MIN_WORDS:
        return detect_language(text)
    letters = "".join(words)
    if sum(1 for c in letters if c in _NOT_KAZAKH) > 0:
        return None
    guess = detect_language(text)
    if guess == "en" and sum(1 for c in letters if c in _NOT_ENGLISH) > len(letters) * 0.01:
        return None
    share = _share(words, FUNCTION_WORDS[guess])
    if share < MIN_FUNCTION_SHARE:
        return None
    if any(_share(words, other) > share for other in OTHER_FUNCTION_WORDS.values()):
        return None
    return guess


def _share(words: list[str], vocabulary: frozenset[str]) -> float:
    return sum(1 for w in words if w in vocabulary) / len(words)


def check(text: str, lang: str) -> str | None:
    """A problem with analysing ``text`` as ``lang``, or None when the text fits."""
    if lang not in SUPPORTED:
        return f"language {lang!r} is not supported"
    found = identify(text)
    if found is None:
        return f"the text is not in a supported language ({', '.join(SUPPORTED)})"
    if found != lang:
        names = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
        return f"the text looks {names[found]}, not {names[lang]}"
    return None
