"""Redlines: Word documents with the proposed changes as real tracked changes.

Three entry points, one writer:

:func:`redline_patches`
    The base text and the patches applied to it (``lexamend redline BASE
    PATCH…``): lines are matched through the source blocks the apply engine
    carries, so every edit shows exactly where it applies; ``comments=True``
    adds each edit's rationale and rights references as a margin comment.
:func:`redline_documents`
    Two parsed versions (``lexamend redline --from OLD --to NEW`` when one of
    them is not a .docx): units aligned by :func:`lexamend.diff.align.align`,
    lines of aligned units diffed word by word.
:func:`lexamend.render.redline.packages.redline_packages`
    Two .docx files, read once each; identical paragraphs are anchored before
    anything is parsed into units, so that large documents with few changes
    are fast.

When the base is a .docx, the revisions are written into a copy of it
(:mod:`.base`); when it is a text, into a new document built from the template.
Output bytes are deterministic: fixed zip timestamps and order, revision ids in
document order, the date given (never the clock).
"""

from __future__ import annotations

from importlib import import_module

#: Public names and their modules, imported on first use: ``redline --from A.docx --to B.docx``
#: needs only the fast path (:mod:`.packages`), not the parser and aligner the others load.
_EXPORTS = {
    "DEFAULT_AUTHOR": "documents",
    "Redline": "documents",
    "redline_documents": "documents",
    "redline_patches": "documents",
    "write_redline": "documents",
    "redline_packages": "packages",
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lexamend.render.redline' has no attribute {name!r}")
    return getattr(import_module(f"lexamend.render.redline.{module}"), name)


__all__ = sorted(_EXPORTS)
