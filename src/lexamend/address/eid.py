"""Akoma Ntoso-style eIds for units: ``chp_2__art_8__para_2__subpara_4-1``.

The rules follow the AKN naming convention as implemented by Laws.Africa's
bluebell: each level is ``prefix_num``; levels are joined with ``__``; numbers
are cleaned so that punctuation becomes a single hyphen ("1.2." → "1-2",
"(a)" → "a") and letters are kept as written (Cyrillic "а" stays Cyrillic).
Unnumbered units are numbered by their position among siblings of the same
kind (``part_1``, ``part_2``); a number repeated among siblings gets a
deterministic suffix (``para_316``, ``para_316_2``).

Besides the full eId each unit gets a short *address* that leaves out the
containers (section, chapter, subchapter) whenever the result is still unique
in the document, because paragraphs of Rules and articles of laws are numbered
document-wide: ``art_8__para_2__subpara_4-1`` stays valid when a chapter is
inserted before it.
"""

from __future__ import annotations

import re
import unicodedata

from lexamend.model import CONTAINER_KINDS, EID_PREFIX, Kind

_SEPARATOR = "__"


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P") or char in "+<=>^`|~$\\"


def clean_num(num: str) -> str:
    """Clean a number as written into its eId form.

    >>> clean_num("(123.4-5)")
    '123-4-5'
    >>> clean_num("1.2.")
    '1-2'
    >>> clean_num("(a)")
    'a'
    >>> clean_num("5–1")
    '5-1'
    >>> clean_num("а")
    'а'
    """
    out: list[str] = []
    previous_punct = False
    for char in num.strip():
        if char.isspace():
            continue
        if _is_punctuation(char):
            if out and not previous_punct:
                out.append("-")
            previous_punct = True
        else:
            out.append(char)
            previous_punct = False
    return "".join(out).strip("-")


def level_id(kind: Kind, num: str | None, ordinal: int) -> str:
    """One level of an eId: ``para_5-1``; ``part_2`` for the second unnumbered part."""
    prefix = EID_PREFIX[kind]
    if kind is Kind.PREAMBLE:
        return prefix if ordinal == 1 else f"{prefix}_{ordinal}"
    if num:
        cleaned = clean_num(num)
        if cleaned:
            return f"{prefix}_{cleaned}"
    return f"{prefix}_{ordinal}"


def join(parent: str, level: str) -> str:
    return f"{parent}{_SEPARATOR}{level}" if parent else level


def split(eid: str) -> list[str]:
    """The levels of an eId: ``"art_8__para_2"`` → ``["art_8", "para_2"]``."""
    return [part for part in eid.split(_SEPARATOR) if part]


def level_kind(level: str) -> tuple[str, str]:
    """Split one level into its prefix and number: ``"para_5-1"`` → ``("para", "5-1")``."""
    prefix, _, num = level.partition("_")
    return prefix, num


_EID_SHAPE = re.compile(r"^[a-z]+(?:_[^\s_]+(?:_\d+)?)?(?:__[a-z]+(?:_[^\s_]+(?:_\d+)?)?)*$")


def looks_like_eid(text: str) -> bool:
    """Whether a string has the shape of an eId rather than a human citation.

    >>> looks_like_eid("art_8__para_2__subpara_4-1")
    True
    >>> looks_like_eid("paragraph 2 of Article 8")
    False
    """
    return bool(_EID_SHAPE.match(text.strip())) and "_" in text


def short_candidate(eid: str) -> str:
    """The eId with container levels (section, chapter, subchapter) left out."""
    container_prefixes = {EID_PREFIX[kind] for kind in CONTAINER_KINDS}
    kept = [level for level in split(eid) if level_kind(level)[0] not in container_prefixes]
    return _SEPARATOR.join(kept) if kept else eid
