"""Stage one of parsing text: split a source into logical paragraphs (blocks).

Plain-text legal sources come in three layouts, detected by :func:`detect_layout`:

``adilet``
    Text extracted from adilet.zan.kz pages with a newline between HTML text
    nodes: paragraphs are separated by blank lines, and every hyperlinked word
    sits on a line of its own («в соответствии с \\nКонституцией\\n Республики»).
    Lines inside a paragraph are joined with nothing between them, because the
    fragments carry their own spaces; only a structural heading (" Статья 1")
    starts a new block inside a paragraph.
``lines``
    One paragraph per line (text exports of Word files, markdown conversions of
    treaties, the benchmark corpus).
``wrapped``
    Hard-wrapped paragraphs separated by blank lines: lines are joined with a
    space unless a line opens with a number label or a heading.

Whitespace is normalised (runs of spaces, tabs and no-break spaces become one
space; soft hyphens are dropped) because the same law is published with
different spacing, and a patch must apply to all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lexamend.parse.numbering import classify_heading, classify_list_item

_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_MD_HEADING = re.compile(r"^#{1,6}\s*")
_MD_HARD_BREAK = re.compile(r"\s{2,}$")
# adilet paragraphs are indented with no-break spaces; hyperlinked act numbers sit alone on a line.
_ADILET_INDENT = re.compile(r"^[\u00a0 ]{5,}\S")
_LINK_FRAGMENT = re.compile(r"^№ ?\d")

#: Below this share of blank lines a text is read one paragraph per line.
WRAPPED_MIN_BLANK_SHARE = 0.25
#: A text whose longest line is shorter than this is taken to be hard-wrapped.
WRAPPED_MAX_LINE = 110


@dataclass(frozen=True)
class RawBlock:
    """A logical paragraph of text with the source lines it came from."""

    first_line: int  # 1-based
    last_line: int
    text: str  # whitespace-normalised
    markdown_level: int = 0  # "### Article 2" → 3; 0 when not a markdown heading

    @property
    def origin(self) -> str:
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}-{self.last_line}"


def clean_space(text: str) -> str:
    """Collapse whitespace and drop invisible characters (soft hyphen, ZWSP, BOM)."""
    return _WS.sub(" ", _INVISIBLE.sub("", text)).strip()


def detect_layout(text: str) -> str:
    """Guess whether a text is an adilet extraction, one-per-line, or hard-wrapped."""
    lines = text.splitlines()
    if not lines:
        return "lines"
    sample = lines[:4000]
    indented = sum(1 for line in sample if _ADILET_INDENT.match(line))
    link_fragments = sum(1 for line in sample if _LINK_FRAGMENT.match(line))
    if indented >= 3 and link_fragments >= 3:
        return "adilet"
    nonblank = [line for line in lines if line.strip()]
    blank_share = 1 - len(nonblank) / len(lines)
    longest = max((len(line) for line in nonblank), default=0)
    if blank_share >= WRAPPED_MIN_BLANK_SHARE and longest <= WRAPPED_MAX_LINE:
        return "wrapped"
    return "lines"


def split_blocks(text: str, layout: str | None = None) -> tuple[list[RawBlock], str]:
    """Split ``text`` into blocks; return them with the layout used."""
    layout = layout or detect_layout(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    groups = _groups(text.split("\n"), layout)
    blocks: list[RawBlock] = []
    for group in groups:
        blocks.extend(_blocks_of_group(group, layout))
    return blocks, layout


def _groups(lines: list[str], layout: str) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines (adilet, wrapped) or single lines (lines layout)."""
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if not clean_space(line):
            if current:
                groups.append(current)
                current = []
            continue
        if layout == "lines":
            groups.append([(number, line)])
        else:
            current.append((number, line))
    if current:
        groups.append(current)
    return groups


def _starts_unit(line: str, layout: str, next_line: str | None) -> bool:
    """Whether a line inside a group opens a new block."""
    stripped = clean_space(_MD_HEADING.sub("", line))
    if not stripped:
        return False
    heading = classify_heading(stripped)
    if heading is not None:
        # A hyperlinked "Статья 8" followed by " настоящего Закона" is a link, not a heading.
        if next_line is not None and re.match(r"^\s+[a-zа-яёәғқңөұүһі(,;.]", next_line):
            return False
        return True
    if layout == "adilet":
        return False
    return classify_list_item(stripped) is not None or line.lstrip().startswith("#")


def _blocks_of_group(group: list[tuple[int, str]], layout: str) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    start, parts = group[0][0], [group[0][1]]
    last = start

    def flush() -> None:
        joined = _join(parts, layout)
        level = 0
        md = _MD_HEADING.match(parts[0])
        if md and layout != "adilet":
            level = md.group(0).count("#")
            joined = clean_space(_MD_HEADING.sub("", joined, count=1))
        if joined:
            blocks.append(RawBlock(start, last, joined, level))

    for i, (number, line) in enumerate(group[1:], start=1):
        nxt = group[i + 1][1] if i + 1 < len(group) else None
        if _starts_unit(line, layout, nxt) or _heading_title_break(parts, layout):
            flush()
            start, parts = number, [line]
        else:
            parts.append(line)
        last = number
    flush()
    return blocks


def _heading_title_break(parts: list[str], layout: str) -> bool:
    """After "Раздел I." alone on a line, the next line is its title, not a continuation.

    Returns True when the block so far is a bare heading label followed by its title
    (two lines) — the title stays with its label, and whatever comes next is new.
    """
    if layout != "adilet" or len(parts) < 2:
        return False
    first = clean_space(parts[0])
    heading = classify_heading(first)
    return heading is not None and not heading.rest


def _join(parts: list[str], layout: str) -> str:
    if layout == "adilet":
        if len(parts) >= 2:
            head = classify_heading(clean_space(parts[0]))
            if head is not None and not head.rest:
                # "Раздел I." + "Общие положения": a label and its title on two lines;
                # "31-бап" + ". Мүгедектігі …": a hyperlinked label, split before its dot.
                rest = "".join(parts[1:])
                glue = "" if rest[:1].isspace() or rest.lstrip()[:1] in ".:" else " "
                return clean_space(parts[0] + glue + rest)
        return clean_space("".join(parts))
    cleaned = [_MD_HARD_BREAK.sub("", part) for part in parts]
    return clean_space(" ".join(cleaned))
