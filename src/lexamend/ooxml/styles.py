"""Paragraph styles from ``word/styles.xml``: names, ``basedOn`` chains, and numbering.

A paragraph names its style by id (``<w:pStyle w:val="Heading1"/>``, or a
localised id such as ``"1"`` or ``"Заголовок1"``); the style's ``w:name`` is
the stable built-in name ("heading 1"), which is what the tree builder
recognises. A style may carry list numbering (``w:pPr/w:numPr``), inherited
along its ``w:basedOn`` chain; this is how Word numbers headings and
"List Number" paragraphs without any ``w:numPr`` on the paragraph itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from lexamend.ooxml.parser import qn, w_val, xpath

# Paragraph styles and, inside each, the properties read here.
_PARAGRAPH_STYLES = xpath("/w:styles/w:style[@w:type='paragraph']")
# List styles ("1 / 1.1 / 1.1.1"): a w:num that an abstractNum's w:numStyleLink points at.
_NUMBERING_STYLES = xpath("/w:styles/w:style[@w:type='numbering']")
_NAME = xpath("./w:name/@w:val")
_BASED_ON = xpath("./w:basedOn/@w:val")
_NUM_ID = xpath("./w:pPr/w:numPr/w:numId/@w:val")
_ILVL = xpath("./w:pPr/w:numPr/w:ilvl/@w:val")

#: Word stores some built-in names in lower case; python-docx shows them capitalised.
_UI_NAMES = {f"heading {n}": f"Heading {n}" for n in range(1, 10)} | {
    "title": "Title",
    "subtitle": "Subtitle",
    "caption": "Caption",
    "header": "Header",
    "footer": "Footer",
    "normal": "Normal",
}


@dataclass(frozen=True)
class Style:
    """A paragraph style (``w:style w:type="paragraph"``)."""

    style_id: str
    name: str
    based_on: str | None = None
    num_id: str | None = None  # w:pPr/w:numPr/w:numId on this style itself
    ilvl: int | None = None  # w:pPr/w:numPr/w:ilvl on this style itself


class StyleSheet:
    """The paragraph styles of a document, by id, with inheritance resolved on demand."""

    def __init__(self, styles: etree._Element | None) -> None:
        self.by_id: dict[str, Style] = {}
        self.default_id: str | None = None
        self.list_styles: dict[str, str] = {}  # numbering style id → its numId
        for element in _PARAGRAPH_STYLES(styles) if styles is not None else ():
            style_id = element.get(qn("w:styleId"))
            if not style_id:
                continue
            name = _first(_NAME(element)) or style_id
            ilvl = _first(_ILVL(element))
            self.by_id[style_id] = Style(
                style_id=style_id,
                name=_UI_NAMES.get(name, name),
                based_on=_first(_BASED_ON(element)),
                num_id=_first(_NUM_ID(element)),
                ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
            )
            if element.get(qn("w:default")) in ("1", "true", "on") and self.default_id is None:
                self.default_id = style_id
        for element in _NUMBERING_STYLES(styles) if styles is not None else ():
            num_id = _first(_NUM_ID(element))
            if element.get(qn("w:styleId")) and num_id:
                self.list_styles[element.get(qn("w:styleId"))] = num_id

    def resolve(self, style_id: str | None) -> str | None:
        """The id of the style a paragraph has: its ``w:pStyle``, else the default paragraph style."""
        return style_id or self.default_id

    def name(self, style_id: str | None) -> str | None:
        """The style's name ("Heading 1"), or the id itself when styles.xml does not define it."""
        resolved = self.resolve(style_id)
        if resolved is None:
            return None
        style = self.by_id.get(resolved)
        return style.name if style else resolved

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and its ``basedOn`` ancestors, nearest first (cycles are cut)."""
        out: list[Style] = []
        current = self.resolve(style_id)
        while current and current in self.by_id and all(s.style_id != current for s in out):
            style = self.by_id[current]
            out.append(style)
            current = style.based_on
        return out

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a style gives its paragraphs; each is inherited separately along ``basedOn``."""
        chain = self.chain(style_id)
        num_id = next((s.num_id for s in chain if s.num_id is not None), None)
        ilvl = next((s.ilvl for s in chain if s.ilvl is not None), None)
        return num_id, ilvl


def paragraph_style_id(p: etree._Element) -> str | None:
    """The ``w:pStyle`` of a paragraph, or None when it has the default style."""
    return w_val(p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}"))


def _first(values: list[str]) -> str | None:
    return values[0] if values else None
