"""Paragraphs whose words are tracked changes, for documents lexamend composes itself.

The report's recommendation shows each proposed wording as Word shows an
amendment: the unchanged words as plain runs, the deleted ones inside ``w:del``
(as ``w:delText``), the added ones inside ``w:ins``. Accepting every change
gives the proposed wording, rejecting every change the current one.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from lexamend.ooxml.build import Span, run_properties
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import Stamp, deletion, insertion, text_run

_P = qn("w:p")


def tracked_paragraph(ops: Sequence[tuple[str, str]], stamp: Stamp, ppr: etree._Element | None = None, *, base: Span | None = None) -> etree._Element:
    """A paragraph from word-diff ``ops`` ("equal" / "delete" / "insert", text), changes tracked.

    ``base`` gives the formatting every run shares (its text is ignored).
    """
    p = etree.Element(_P)
    if ppr is not None and (len(ppr) or ppr.attrib):
        p.append(ppr)
    rpr = run_properties(base) if base is not None else None
    for kind, text in ops:
        if not text:
            continue
        if kind == "delete":
            wrapper = deletion(stamp)
            wrapper.append(text_run(text, rpr, deleted=True))
            p.append(wrapper)
        elif kind == "insert":
            wrapper = insertion(stamp)
            wrapper.append(text_run(text, rpr))
            p.append(wrapper)
        else:
            p.append(text_run(text, rpr))
    return p
