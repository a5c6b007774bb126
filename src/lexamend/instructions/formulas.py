"""The drafting formulas of each language, loaded from ``formulas/<lang>.yaml``.

The formulas are data, not code: a drafter can read and correct
``formulas/ru.yaml`` without reading Python, and a new language is a new file.
Each file has a ``write`` section (templates filled in by
:mod:`lexamend.instructions.write`) and a ``read`` section (patterns matched by
:mod:`lexamend.instructions.read` against the *skeleton* of a statement, in
which every top-level quotation is replaced by a token ``⟨n⟩``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

LANGS = ("ru", "en", "kk")

#: The token that stands for the n-th top-level quotation in a statement's skeleton.
QUOTE_TOKEN = "⟨{}⟩"
_Q = r"⟨\d+⟩"


@dataclass(frozen=True)
class Pattern:
    """One reading pattern: the operation it recognises and its compiled expression."""

    op: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Formulas:
    """The formulas of one language (see the module docstring)."""

    lang: str
    experimental: bool
    data: dict[str, Any]
    patterns: tuple[Pattern, ...]
    preamble: re.Pattern[str]
    act_end: re.Pattern[str]
    heading: re.Pattern[str]
    whole_text: re.Pattern[str]
    occurrence: re.Pattern[str]

    @property
    def write(self) -> dict[str, Any]:
        return dict(self.data["write"])

    @property
    def read(self) -> dict[str, Any]:
        return dict(self.data["read"])

    @property
    def default_quotes(self) -> tuple[str, str]:
        opening, closing = self.data["quotes"]["default"]
        return str(opening), str(closing)

    @property
    def fallback_quotes(self) -> tuple[tuple[str, str], ...]:
        return tuple((str(a), str(b)) for a, b in self.data["quotes"]["fallbacks"])

    def ordinal(self, word: str) -> int | None:
        """The number an occurrence ordinal names: «втором» → 2, "second" → 2, «екінші» → 2."""
        word = word.lower()
        table: dict[str, int] = self.data["read"]["ordinals"]
        for stem, value in sorted(table.items(), key=lambda item: -len(str(item[0]))):
            if word.startswith(str(stem).lower()):
                return int(value)
        return int(word) if word.isdigit() else None

    def date(self, iso: str) -> str:
        """An ISO date in the language's drafting form: «27 июля 2007 года», "27 July 2007"."""
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
        if not match:
            return iso
        year, month, day = match.groups()
        months: list[str] = self.data["date"]["months"]
        return str(self.data["date"]["format"]).format(day=int(day), month=months[int(month) - 1], year=year)


def _expand(template: str, read: dict[str, Any]) -> str:
    """Replace the {PLACEHOLDERS} of a reading pattern by regular expressions."""
    conj = read["conjunction"]
    quotes = rf"{_Q}(?:\s*(?:[,;]\s*)?(?:{conj}\s+)?{_Q})*"
    values = {
        "{CIT}": r"(?P<cit>[^⟨]+?)",
        "{QS}": quotes,
        "{Q}": _Q,
        "{OCC}": f"(?:{read['occurrence']})",
        "{ALL}": f"(?:{read['all']})",
        "{WORDS}": read["words"],
        "{WORDS_GEN}": read["words_gen"],
        "{WORDS_INS}": read["words_ins"],
    }
    for key, value in values.items():
        template = template.replace(key, value)
    return template


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.DOTALL)


@cache
def load(lang: str) -> Formulas:
    """The formulas of ``lang`` ("ru", "en", "kk")."""
    import yaml

    if lang not in LANGS:
        raise ValueError(f"no drafting formulas for language {lang!r}; use one of {', '.join(LANGS)}")
    text = resources.files("lexamend.instructions").joinpath(f"formulas/{lang}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    read = data["read"]
    patterns = tuple(Pattern(str(p["op"]), _compile(_expand(str(p["re"]), read))) for p in read["statements"])
    return Formulas(
        lang=lang,
        experimental=bool(data.get("experimental")),
        data=data,
        patterns=patterns,
        preamble=_compile(read["preamble"]),
        act_end=_compile(read["act_end"]),
        heading=_compile(rf"^(?:{read['heading']})$"),
        whole_text=_compile(rf"^(?:{read['all']})$"),
        occurrence=_compile(rf"^(?:{read['occurrence']})$"),
    )
