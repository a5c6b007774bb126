"""The OOXML layer: the only part of lexamend that knows WordprocessingML.

Small, declarative and typed, after python-docx's ``oxml`` layer: one module per
concern, XPath expressions next to the code that uses them.

:mod:`.parser`     the hardened XML parser, namespaces, :func:`qn`
:mod:`.package`    open a .docx from bytes, safely (zip bombs, encrypted, .doc)
:mod:`.styles`     paragraph styles: names, ``basedOn`` chains, style numbering
:mod:`.numbering`  evaluate automatic numbering into labels ("1.", "а)")
:mod:`.reader`     the body's paragraphs in document order, changes accepted
"""

from __future__ import annotations

from lexamend.ooxml.numbering import NumberingEvaluator, format_number
from lexamend.ooxml.package import DocxPackage, open_package
from lexamend.ooxml.parser import NSMAP, qn
from lexamend.ooxml.reader import Paragraph, Revisions, count_revisions, read_body
from lexamend.ooxml.styles import StyleSheet

__all__ = [
    "NSMAP",
    "DocxPackage",
    "NumberingEvaluator",
    "Paragraph",
    "Revisions",
    "StyleSheet",
    "count_revisions",
    "format_number",
    "open_package",
    "qn",
    "read_body",
]
