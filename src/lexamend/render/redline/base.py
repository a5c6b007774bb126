"""The document a redline is written into, and the checks a Word base must pass.

A :class:`Base` pairs every old line of a redline with the paragraph that
shows it, in a package being edited: a copy of the base .docx (everything
else — styles, numbering, headers, footers, notes, images — stays as it was),
or a new document built from lexamend's template for a text base
(:mod:`lexamend.render.redline.sources` builds both).

A .docx base is refused when it cannot carry a trustworthy redline: it is
macro-enabled, or it already holds tracked changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from lexamend.errors import InputError
from lexamend.ooxml import build
from lexamend.ooxml.package import open_package
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import formatting_of, has_revisions
from lexamend.ooxml.writer import PackageCopy


class Base:
    """A package to write into, and for each old line its paragraph and the text that paragraph shows."""

    def __init__(
        self,
        package: PackageCopy,
        paragraphs: Sequence[etree._Element],
        texts: Sequence[str],
        prefixes: Sequence[str],
        generated: bool = False,
        numbered: set[int] | None = None,
    ) -> None:
        self.package = package
        self.paragraphs = paragraphs
        self.texts = texts  # the paragraph's own normalised text (without an automatic label)
        self.prefixes = prefixes  # automatic numbering label and space shown before the text, or ""
        self.generated = generated
        self.numbered = numbered if numbered is not None else set()  # lines Word numbers automatically

    def shown(self, index: int) -> str:
        """The line as the paragraph shows it (automatic label included)."""
        return self.prefixes[index] + self.texts[index]


def refuse_unsafe(data: bytes, path: str) -> PackageCopy:
    """Open a .docx for writing a redline into; refuse macro-enabled files and files with tracked changes."""
    package = open_package(data, path)
    if package.has_macros:
        raise InputError(
            path,
            "is a macro-enabled document (.docm or a VBA project); lexamend does not write redlines into files with macros",
            hint="Save a copy as Word Document (.docx) without macros and use that as the base.",
        )
    if has_revisions(package.body):
        from lexamend.ooxml.reader import count_revisions

        revisions = count_revisions(package.body)
        raise InputError(
            path,
            f"already holds {revisions.count} tracked change(s) by {', '.join(revisions.authors)}; "
            "a redline written on top of them would mix two sets of revisions",
            hint="Accept or reject the existing changes in Word (Review → Accept/Reject All Changes), save, and run again.",
        )
    return PackageCopy.from_package(package)


def borrowed_properties(model: etree._Element | None, *, typed_label: bool) -> etree._Element:
    """Paragraph properties for a new paragraph modelled on an existing one.

    When the model is numbered automatically and the new paragraph's label is
    typed in its text, automatic numbering is switched off (``w:numId`` 0) so
    that the label does not show twice and the numbers after it do not shift.
    """
    ppr = formatting_of(model.find(qn("w:pPr")) if model is not None else None)
    return build.numbering_off(ppr) if typed_label else ppr


__all__ = ["Base", "borrowed_properties", "refuse_unsafe"]
