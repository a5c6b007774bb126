"""Citations inside amending instructions: lists, scopes and the units they name.

Amending acts cite relative to what the preceding header opened («в статье 5:
… подпункт 6-5) исключить»), name several units at once («части первую,
вторую и четвертую», «подпункты 23-2) и 23-3)») and cite list items through
the part that holds the list («подпункт 6-5) части первой статьи 5», where the
clause tree keeps the items as children of the article). This module turns such
citations into units of the text being amended.

Scopes are kept as citation steps, not units, because the text changes as the
instructions are applied one after another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lexamend.address import Citation, CitationError, parse_citation, resolve_path
from lexamend.address.citation import DEPTH, EN_ORDINALS, KK_ORDINALS, RU_ORDINAL_STEMS, Step
from lexamend.address.eid import clean_num
from lexamend.address.format import part_ordinal
from lexamend.model import Document, Kind, Unit
from lexamend.parse.numbering import KAZAKH_LETTERS, LATIN_LETTERS, RUSSIAN_LETTERS, number_key

LIST_KINDS = frozenset({Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT})
Path = tuple[Unit, ...]

_RU_ORDINAL = "(?:" + "|".join(RU_ORDINAL_STEMS) + r")[а-яё]*"
_ORDINAL = "|".join([_RU_ORDINAL, *sorted(EN_ORDINALS, key=len, reverse=True), *KK_ORDINALS])
_ITEM = rf"(?:\d{{1,4}}(?:-\d{{1,3}})*\)?|[a-zа-яёәғқңөұүһі]\)|\([a-z]{{1,4}}\)|{_ORDINAL})"


@dataclass(frozen=True)
class Scope:
    """A unit opened by a header («в статье 5:»), as citation steps from the top."""

    steps: tuple[Step, ...] = ()
    attach: str | None = None
    level: int = 0  # depth of the list markers when the header was read
    whole_text: bool = False  # «по всему тексту:» — words change wherever they occur
    source: str = ""  # the header as written


def expand(text: str, conjunction: str) -> list[str]:
    """One citation per unit a plural citation names.

    >>> expand("подпункты 23-2) и 23-3)", "и")
    ['подпункты 23-2)', 'подпункты 23-3)']
    >>> expand("части первую, вторую и четвертую пункта 17", "и")
    ['части первую пункта 17', 'части вторую пункта 17', 'части четвертую пункта 17']
    >>> expand("пункт 2 статьи 11", "и")
    ['пункт 2 статьи 11']
    >>> expand("2-1), 2-2) және 5-1) тармақшалармен", "және")
    ['2-1) тармақшалармен', '2-2) тармақшалармен', '5-1) тармақшалармен']
    """
    text = " ".join(text.split())
    items = rf"(?P<items>{_ITEM}(?:\s*,\s*{_ITEM})*\s*,?\s+{conjunction}\s+{_ITEM}|{_ITEM}(?:\s*,\s*{_ITEM})+)"
    noun_first = re.match(rf"^(?P<noun>[^\W\d_][\w-]*)\s+{items}(?P<rest>(?:\s.*)?)$", text, re.IGNORECASE)
    if noun_first:
        return [f"{noun_first['noun']} {item}{noun_first['rest']}" for item in _items(noun_first["items"], conjunction)]
    noun_last = re.match(rf"^(?P<head>.*?){items}\s+(?P<noun>[^\W\d_][\w-]*)(?P<rest>(?:\s.*)?)$", text, re.IGNORECASE)
    if noun_last and not noun_last["head"].strip():
        return [f"{item} {noun_last['noun']}{noun_last['rest']}" for item in _items(noun_last["items"], conjunction)]
    return [text]


def _items(items: str, conjunction: str) -> list[str]:
    return [part.strip() for part in re.split(rf"\s*,\s*(?:{conjunction}\s+)?|\s+{conjunction}\s+", items) if part.strip()]


def fits(scope: Scope, first: Kind) -> bool:
    """Whether a unit of kind ``first`` can sit inside ``scope`` (then a citation is relative to it)."""
    if not scope.steps:
        return True
    last = scope.steps[-1][0]
    if last is Kind.PART:
        return first in LIST_KINDS
    return DEPTH[first] > DEPTH[last]


def steps_of(path: Path) -> tuple[Step, ...]:
    """The citation steps that name the last unit of ``path`` (containers left out)."""
    out: list[Step] = []
    for unit in path:
        if unit.kind is Kind.PART:
            out.append((Kind.PART, None, part_ordinal(unit)))
        elif unit.kind in DEPTH and unit.kind not in (Kind.SECTION, Kind.CHAPTER, Kind.SUBCHAPTER):
            out.append((unit.kind, _num(unit), None))
    return tuple(out)


def _num(unit: Unit) -> str | None:
    from lexamend.address.eid import clean_num

    return clean_num(unit.num).lower() if unit.num else None


def parse(text: str, lang: str) -> Citation:
    """A citation in ``lang``; raises :class:`CitationError` when it is not one."""
    return parse_citation(text, lang)


def resolve(doc: Document, steps: tuple[Step, ...], attach: str | None, lang: str) -> Path:
    """The units ``steps`` name in ``doc`` (with the list-through-part rule, see the module docstring)."""
    citation = Citation(steps, attach, lang, "")
    try:
        return resolve_path(doc, citation)
    except CitationError:
        path = _list_through_part(doc, steps, attach, lang)
        if path is None:
            raise
        return path


def _list_through_part(doc: Document, steps: tuple[Step, ...], attach: str | None, lang: str) -> Path | None:
    """«подпункт 6-5) части первой статьи 5»: the item is the article's child, after part one."""
    for index in range(len(steps) - 1):
        kind, _, ordinal = steps[index]
        if kind is not Kind.PART or steps[index + 1][0] not in LIST_KINDS:
            continue
        shorter = steps[:index] + steps[index + 1 :]
        try:
            path = resolve_path(doc, Citation(shorter, attach, lang, ""))
        except CitationError:
            continue
        owner = path[index - 1] if index > 0 else None
        item = path[index] if index < len(path) else None
        if owner is None or item is None or not in_part(owner, item, ordinal or 1):
            continue
        return path
    return None


def in_part(owner: Unit, item: Unit, ordinal: int) -> bool:
    """Whether ``item`` (a child of ``owner``) lies after part ``ordinal`` and before the next part."""
    current = 0
    for child in owner.children:
        if child.kind is Kind.PART:
            current += 1
        elif child is item or child.eid == item.eid:
            return current == ordinal or (current == 0 and ordinal == 1)
    return False


def part_range(owner: Unit, ordinal: int) -> list[Unit]:
    """The list items of ``owner`` that belong to its part ``ordinal``."""
    out: list[Unit] = []
    current = 0
    for child in owner.children:
        if child.kind is Kind.PART:
            current += 1
        elif child.kind in LIST_KINDS and (current == ordinal or (current == 0 and ordinal == 1)):
            out.append(child)
    return out


def with_scope(scope: Scope, citation: Citation) -> tuple[tuple[Step, ...], str | None]:
    """The steps of a citation read inside ``scope``."""
    return scope.steps + citation.steps, citation.scope or scope.attach


def number_order(num: str) -> tuple[int, ...]:
    """A sort key for unit numbers: 5 < 5-1 < 5-2 < 6; letters by alphabet.

    The order in which «дополнить пунктом 5-1» places a new unit among its siblings.
    """
    cleaned = clean_num(num).lower()
    key = number_key(cleaned)
    if key is not None:
        return key
    for alphabet in (RUSSIAN_LETTERS, LATIN_LETTERS, KAZAKH_LETTERS):
        if cleaned and all(ch in alphabet for ch in cleaned.replace("-", "")):
            return tuple(alphabet.index(ch) + 1 for ch in cleaned.replace("-", ""))
    return (10**6,)


__all__ = [
    "LIST_KINDS",
    "Scope",
    "expand",
    "fits",
    "in_part",
    "number_order",
    "parse",
    "part_range",
    "resolve",
    "steps_of",
    "with_scope",
]
