"""Rights cross-references: link clauses and edits to the guarantees they engage.

The library API (the CLI's ``lexamend xref`` and the report command call these):

* :func:`load_registry` — the rights library: provisions of the Constitution,
  the Laws "On Education" and "On the Rights of the Child", the CRC, ICESCR,
  ICCPR, CERD, CADE and CRPD, quoted from the corpus, with versions;
* :func:`detect_grounds` ``(text, lang) -> list[Detection]`` — the categories
  of persons a clause distinguishes, their grounds, evidence and provisions;
* :func:`xref_document` ``(doc, registry) -> list[UnitXref]``;
* :func:`xref_patch` ``(base_doc, patch, registry) -> list[EditXref]``;
* :func:`report_for_document`, :func:`report_for_patch` — the same with quotes
  and version notes, for :mod:`lexamend.render.xref_report` and
  :mod:`lexamend.render.xref_terminal`.
"""

from lexamend.xref.crossref import (
    check_rights,
    detect_grounds,
    report_for_document,
    report_for_patch,
    xref_document,
    xref_patch,
    xref_unit,
)
from lexamend.xref.model import (
    Detection,
    EditXref,
    Engagement,
    Evidence,
    GroundChange,
    Provision,
    RightsRef,
    UnitXref,
    XrefReport,
)
from lexamend.xref.registry import Registry, load_registry

__all__ = [
    "Detection",
    "EditXref",
    "Engagement",
    "Evidence",
    "GroundChange",
    "Provision",
    "Registry",
    "RightsRef",
    "UnitXref",
    "XrefReport",
    "check_rights",
    "detect_grounds",
    "load_registry",
    "report_for_document",
    "report_for_patch",
    "xref_document",
    "xref_patch",
    "xref_unit",
]
