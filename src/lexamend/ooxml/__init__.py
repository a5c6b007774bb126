"""The OOXML layer: the only part of lexamend that knows WordprocessingML.

Small, declarative and typed, after python-docx's ``oxml`` layer: one module per
concern, XPath expressions next to the code that uses them.

:mod:`.parser`     the hardened XML parser, namespaces, :func:`qn`
:mod:`.package`    open a .docx from bytes, safely (zip bombs, encrypted, .doc)
:mod:`.styles`     paragraph styles: names, ``basedOn`` chains, style numbering
:mod:`.numbering`  evaluate automatic numbering into labels ("1.", "а)")
:mod:`.reader`     the body's paragraphs in document order, changes accepted

The write side (tracked changes, comments, settings, new documents):

:mod:`.writer`     a copy of a package: parts in, parts out, the rest byte for byte
:mod:`.revisions`  ``w:ins``/``w:del``, paragraph marks, ``w:pPrChange``, revision ids
:mod:`.textmap`    a paragraph's visible characters mapped to its runs
:mod:`.edit`       word-level revisions written into paragraphs
:mod:`.comments`   margin comments; :mod:`.settings` Track Changes on
:mod:`.accept`     accept or reject every revision
:mod:`.blocks`     top-level blocks as bytes, for comparing two versions fast
:mod:`.build`      new documents from the template; :mod:`.deterministic` zip output
"""

from __future__ import annotations

from importlib import import_module

#: Public names and the module that defines each; imported on first use, so that a writer
#: that needs two modules of this package does not pay for importing all of them.
_EXPORTS = {
    "NSMAP": "parser",
    "qn": "parser",
    "DocxPackage": "package",
    "open_package": "package",
    "NumberingEvaluator": "numbering",
    "format_number": "numbering",
    "Paragraph": "reader",
    "Revisions": "reader",
    "count_revisions": "reader",
    "read_body": "reader",
    "StyleSheet": "styles",
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lexamend.ooxml' has no attribute {name!r}")
    return getattr(import_module(f"lexamend.ooxml.{module}"), name)


__all__ = sorted(_EXPORTS)
