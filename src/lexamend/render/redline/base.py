"""The document a redline is written into, and the checks a Word base must pass.

A :class:`Base` pairs every old line of a redline with the paragraph that
shows it, in a package being edited: a copy of the base .docx (everything
else — styles, numbering, headers, footers, notes, images — stays as it was),
or a new document built from lexamend's template for a text base
(:mod:`lexamend.render.redline.sources` builds both).

A .docx base is refused when it cannot carry a trustworthy redline: it is
macro-enabled. Tracked changes already in it are handled by the ``existing``
policy (:data:`EXISTING`): kept with their authors and dates (ours are added
where that is well-defined, and the redline stops with a clear error where it
is not), accepted or rejected first, or refused outright. They are never
flattened silently.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from lexamend.errors import InputError
from lexamend.ooxml import build
from lexamend.ooxml.package import open_package
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import formatting_of
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
        self.joined: set[int] = set()  # lines read from several paragraphs joined by another author's deleted mark
        self.source: tuple[bytes, dict[etree._Element, tuple[int, int] | None]] | None = None  # main part bytes and block spans (splicing)

    def shown(self, index: int) -> str:
        """The line as the paragraph shows it (automatic label included)."""
        return self.prefixes[index] + self.texts[index]


#: What to do with tracked changes already in an input, and the default (``--existing``).
EXISTING = ("keep", "accept", "reject", "refuse")
DEFAULT_EXISTING = "keep"


def existing_hint(flag: str = "--existing") -> str:
    return (
        f"Use {flag} accept or {flag} reject to resolve them first (as Review → Accept/Reject All Changes would), "
        f"or {flag} keep to keep them and add the new revisions where they do not touch them."
    )


def refuse_unsafe(data: bytes, path: str, *, existing: str = DEFAULT_EXISTING) -> PackageCopy:
    """Open a .docx for writing a redline into; refuse macro-enabled files; apply the ``existing`` policy.

    With "accept" or "reject" the package's tracked changes (every story) are
    resolved in the copy returned; with "refuse" a package holding any is an
    error naming how many and by whom; with "keep" they stay.
    """
    package = open_package(data, path)
    if package.has_macros:
        raise InputError(
            path,
            "is a macro-enabled document (.docm or a VBA project); lexamend does not write redlines into files with macros",
            hint="Save a copy as Word Document (.docx) without macros and use that as the base.",
        )
    if existing not in EXISTING:
        raise InputError("--existing", f"is {existing!r}; expected one of {', '.join(EXISTING)}")
    copy = PackageCopy.from_package(package)
    if existing == "keep":
        return copy
    from lexamend.ooxml.stories import resolve_stories, revisions_in

    count, authors = revisions_in(copy)
    if not count:
        return copy
    if existing == "refuse":
        raise InputError(
            path,
            f"already holds {count} tracked change(s) by {', '.join(authors)}; refusing to write a redline on top of them (--existing refuse)",
            hint=existing_hint(),
        )
    resolve_stories(copy, accept=existing == "accept")
    return copy


def borrowed_properties(model: etree._Element | None, *, typed_label: bool) -> etree._Element:
    """Paragraph properties for a new paragraph modelled on an existing one.

    When the model is numbered automatically and the new paragraph's label is
    typed in its text, automatic numbering is switched off (``w:numId`` 0) so
    that the label does not show twice and the numbers after it do not shift.
    """
    ppr = formatting_of(model.find(qn("w:pPr")) if model is not None else None)
    return build.numbering_off(ppr) if typed_label else ppr


__all__ = ["DEFAULT_EXISTING", "EXISTING", "Base", "borrowed_properties", "existing_hint", "refuse_unsafe"]
