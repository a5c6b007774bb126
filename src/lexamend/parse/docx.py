"""Parse a Word .docx into the clause tree.

Stages: open the package safely (:mod:`lexamend.ooxml.package`) → read the
body's paragraphs with tracked changes accepted and automatic numbering
evaluated (:mod:`lexamend.ooxml.reader`) → one :class:`~lexamend.model.Block`
per non-empty paragraph → the same tree builder as text
(:func:`lexamend.parse.text.document_from_blocks`), so a .docx and its text
export parse to the same units.

A paragraph numbered by Word (``w:numPr``) has its label in
:attr:`Block.label_auto` ("1.", "а)") and only its typed text in
:attr:`Block.raw`; the tree builder reads them together, exactly as a typed
"1. …" would read.

Finding the source paragraph of a unit (for writers)
----------------------------------------------------
Every block of a docx document carries the ordinal of its paragraph:
``block.line == ordinal + 1`` and ``block.origin`` is ``"p {line}"``, with
the table cell appended for table text ("p 17 (table 1, row 2, cell 3)",
1-based for people). The ordinal is the paragraph's index in
``list(body.iter(qn("w:p")))`` over the ``w:body`` of ``word/document.xml``,
counting every paragraph (empty ones, table cells, text boxes), so the
numbers do not shift when empty paragraphs are skipped. A block made of
several paragraphs — a paragraph whose mark is a tracked deletion is joined
with the next, as accepting the change would — has the origin
"p 17-18" and its ``line`` is the first. :func:`paragraph_ordinals` returns
the ordinals of a block, :func:`unit_paragraphs` those of a unit's own
blocks (its label/heading and its text; children have their own).

Empty paragraphs are skipped, except the first paragraph of each table cell,
which is kept (with empty text) so that every cell of a table becomes a unit
and cells keep their numbers. Paragraphs in text boxes and tables of contents
are not part of the legal text and are skipped. Headers, footers, footnotes
and comments are not read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lexamend.model import Block, Document, Metadata, ParseIssue, Unit
from lexamend.ooxml.package import open_package
from lexamend.ooxml.reader import Paragraph, count_revisions, read_body
from lexamend.parse.lang import detect_language
from lexamend.parse.normalise import clean_space
from lexamend.parse.text import document_from_blocks

_LINE_BREAKS = re.compile(r"[\n\r\f\v\u2028\u2029]")
_ORIGIN = re.compile(r"^p (\d+)(?:-(\d+))?")


def parse_docx(data: bytes, path: str, *, meta: Metadata, lang: str | None) -> Document:
    """Parse the bytes of a .docx (``path`` is for messages only; no I/O)."""
    package = open_package(data, path)
    paragraphs = list(read_body(package.body, package.styles, package.numbering))
    blocks = docx_blocks(paragraphs)
    if package.core_title and not meta.title:
        meta = replace(meta, title=package.core_title)
    if package.has_macros:
        meta = replace(meta, extra=(*meta.extra, ("macros", "yes")))
    language = lang or detect_language("\n".join(block.raw for block in blocks))
    doc = document_from_blocks(blocks, meta=meta, lang=language, source_format="docx")
    revisions = count_revisions(package.body)
    if revisions.count:
        issue = ParseIssue(
            "tracked-changes",
            f"document has {revisions.count} tracked change{'s' if revisions.count != 1 else ''} "
            f"by {', '.join(revisions.authors)}; parsed with all changes accepted",
            "",
        )
        doc = replace(doc, issues=(issue, *doc.issues))
    return doc


def docx_blocks(paragraphs: list[Paragraph]) -> list[Block]:
    """Blocks for the paragraphs of a body (see the module docstring for what is kept)."""
    blocks: list[Block] = []
    seen_cells: set[tuple[int, int, int]] = set()
    for group in _accepted(paragraphs):
        while len(group) > 1 and not group[0].text.strip():
            group = group[1:]  # a wholly deleted paragraph adds nothing to the one it joins
        last = group[-1]
        raw = clean_space(_LINE_BREAKS.sub(" ", "".join(p.text for p in group)))
        first_in_cell = last.cell is not None and last.cell not in seen_cells
        if not raw and not first_in_cell:
            continue
        if last.cell is not None:
            seen_cells.add(last.cell)
        line = group[0].ordinal + 1
        where = f"p {line}" if len(group) == 1 else f"p {line}-{last.ordinal + 1}"
        if last.nesting:
            where += " (" + "; ".join(f"table {t + 1}, row {r + 1}, cell {c + 1}" for t, r, c in last.nesting) + ")"
        blocks.append(
            Block(
                index=len(blocks),
                origin=where,
                line=line,
                raw=raw,
                style=last.style,
                label_auto=last.label,
                cell=last.cell,
            )
        )
    return blocks


def _accepted(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Group paragraphs as they stand with changes accepted: a deleted mark joins a paragraph to the next.

    Text boxes, tables of contents and deleted table rows are left out. A paragraph is joined only
    with the next one in the same place (cell, body); otherwise it stays alone.
    """
    groups: list[list[Paragraph]] = []
    pending: list[Paragraph] = []
    for p in paragraphs:
        if p.in_textbox or p.removed or p.in_toc:
            continue
        if pending and pending[-1].nesting != p.nesting:
            groups.extend([q] for q in pending)
            pending = []
        pending.append(p)
        if not p.mark_deleted:
            groups.append(pending)
            pending = []
    groups.extend([q] for q in pending)
    return groups


def paragraph_ordinals(block: Block) -> tuple[int, ...]:
    """The ordinals (0-based, in ``body.iter(qn("w:p"))``) of the paragraphs a docx block was read from.

    >>> paragraph_ordinals(Block(index=0, origin="p 17 (table 1, row 2, cell 3)", line=17, raw="x"))
    (16,)
    >>> paragraph_ordinals(Block(index=0, origin="p 17-19", line=17, raw="x"))
    (16, 17, 18)
    """
    match = _ORIGIN.match(block.origin)
    if match is None:
        return (block.line - 1,)
    first = int(match.group(1))
    last = int(match.group(2) or first)
    return tuple(range(first - 1, last))


def unit_paragraphs(doc: Document, unit: Unit) -> tuple[int, ...]:
    """The paragraph ordinals of a unit's own blocks (label, heading, text), in document order."""
    indices = {i for i in (unit.head_block, unit.heading_block, unit.text_block) if i is not None}
    ordinals: set[int] = set()
    for index in indices:
        if 0 <= index < len(doc.blocks):
            ordinals.update(paragraph_ordinals(doc.blocks[index]))
    return tuple(sorted(ordinals))
