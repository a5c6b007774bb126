"""The one XML parser for OOXML parts, the namespace map and the :func:`qn` helper.

Every part of a package is parsed here with a hardened lxml parser: entities
are not expanded (no "billion laughs"), nothing is fetched from the network
and libxml2's size limits stay on (``huge_tree=False``). A part that is not
well-formed raises :class:`lxml.etree.XMLSyntaxError`; the package layer turns
that into an :class:`~lexamend.errors.InputError` naming the file.
"""

from __future__ import annotations

from lxml import etree

#: Prefixes used in Clark-name lookups and XPath expressions.
NSMAP: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}

XML_PARSER = etree.XMLParser(remove_blank_text=False, resolve_entities=False, no_network=True, huge_tree=False)


def qn(tag: str) -> str:
    """The Clark name of a prefixed tag or attribute name.

    >>> qn("w:p")
    '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p'
    """
    prefix, _, local = tag.partition(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def parse_xml(data: bytes) -> etree._Element:
    """Parse the bytes of one part with the hardened parser; return its root element."""
    return etree.fromstring(data, XML_PARSER)


def xpath(expression: str) -> etree.XPath:
    """A compiled XPath over :data:`NSMAP` (compile once, at import time)."""
    return etree.XPath(expression, namespaces=NSMAP)


def w_val(element: etree._Element | None, default: str | None = None) -> str | None:
    """The ``w:val`` attribute of an element, or ``default`` when the element or attribute is absent."""
    if element is None:
        return default
    return element.get(qn("w:val"), default)


#: Elements that stand for a fixed character (a line break reads as a space, a soft hyphen as nothing).
FIXED_CHARS = {
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:br"): " ",
    qn("w:cr"): " ",
    qn("w:noBreakHyphen"): "-",
    qn("w:softHyphen"): "",
}


def symbol_char(code: str) -> str:
    """The character of a ``w:sym`` (hex code; symbol fonts use the private-use area, kept as is)."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    return chr(value) if 0 < value < 0x110000 else ""


def on_off(element: etree._Element | None) -> bool:
    """An OOXML toggle property (``<w:b/>``, ``<w:vanish w:val="false"/>``): present and not switched off."""
    if element is None:
        return False
    return w_val(element, "true") not in ("false", "0", "off")
