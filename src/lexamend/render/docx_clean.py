"""A clean amended Word document: the base with the patches applied, no tracked changes.

``lexamend apply --format docx``. For a .docx base the result is the base
package itself — styles, numbering, headers, footers, formatting — with the
amended text, written as a redline whose changes are then all accepted; for a
text base it is a new document laid out from lexamend's template. Either way
the document is read back before it is returned and must parse to the amended
text (:func:`lexamend.render.redline.verify.verify_redline`).
"""

from __future__ import annotations

from collections.abc import Sequence

from lexamend.model import Document, Patch


def render_docx(
    base: Document,
    result,  # type: ignore[no-untyped-def]  # lexamend.apply.ApplyResult
    patches: Sequence[Patch],
    *,
    base_source: bytes | None = None,
    template: bytes | None = None,
) -> bytes:
    """The amended document as .docx bytes (``result`` must be ok)."""
    from lexamend.render.redline import redline_patches

    return redline_patches(base, base_source, result, patches, track=False, template=template)


__all__ = ["render_docx"]
