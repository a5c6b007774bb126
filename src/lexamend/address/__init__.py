"""Addresses of units, both directions: from citations to units and from units to citations.

* :mod:`.eid` — Akoma Ntoso eIds and short addresses (``art_8__para_2__subpara_4-1``);
* :mod:`.citation` — parse "paragraph 2 of Article 8", «подп. 1) п. 2 ст. 8»,
  «8-баптың 2-тармағы» into a :class:`Citation`;
* :mod:`.resolve` — find the unit an eId, short address or citation names;
* :mod:`.format` — write a unit's citation in English, Russian or Kazakh.
"""

from __future__ import annotations

from lexamend.address.citation import ATTACHMENT_SCOPE, Citation, Step, guess_language, parse_citation
from lexamend.address.format import citable_path, format_citation
from lexamend.address.resolve import cite, path_of, resolve, resolve_path
from lexamend.errors import CitationError

__all__ = [
    "ATTACHMENT_SCOPE",
    "Citation",
    "CitationError",
    "Step",
    "citable_path",
    "cite",
    "format_citation",
    "guess_language",
    "parse_citation",
    "path_of",
    "resolve",
    "resolve_path",
]
