"""Parse plain-text and markdown legal texts into a :class:`~lexamend.model.Document`.

Stages: decode bytes (:mod:`.source`) → split into blocks (:mod:`.normalise`)
→ place blocks in the tree (:mod:`.tree`). The function :func:`parse_text`
works on a string and does no I/O, so tests and other parsers can call it.
"""

from __future__ import annotations

from dataclasses import replace

from lexamend.model import Block, Document, Metadata
from lexamend.parse.lang import detect_language
from lexamend.parse.normalise import split_blocks
from lexamend.parse.tree import build_tree


def text_blocks(text: str, layout: str | None = None) -> tuple[list[Block], str]:
    """Split text into model blocks, remembering line numbers and markdown heading levels."""
    raw_blocks, layout = split_blocks(text, layout)
    blocks = [
        Block(
            index=i,
            origin=raw.origin,
            line=raw.first_line,
            raw=raw.text,
            style=f"md{raw.markdown_level}" if raw.markdown_level else None,
        )
        for i, raw in enumerate(raw_blocks)
    ]
    return blocks, layout


def parse_text(
    text: str,
    *,
    meta: Metadata | None = None,
    lang: str | None = None,
    layout: str | None = None,
) -> Document:
    """Parse the text of a legal act.

    ``layout`` is one of "adilet", "lines", "wrapped" (detected when None);
    ``lang`` is "ru", "kk" or "en" (detected when None).
    """
    blocks, layout = text_blocks(text, layout)
    return document_from_blocks(blocks, meta=meta, lang=lang or detect_language(text), source_format=layout)


def document_from_blocks(
    blocks: list[Block],
    *,
    meta: Metadata | None,
    lang: str,
    source_format: str,
) -> Document:
    """Build the tree from blocks and wrap it in a document with its metadata."""
    result = build_tree(blocks)
    meta = meta or Metadata()
    if not meta.language:
        meta = replace(meta, language=lang)
    if result.title and not meta.title:
        meta = replace(meta, title=result.title)
    return Document(
        meta=meta,
        units=result.units,
        blocks=tuple(blocks),
        notes=result.notes,
        issues=result.issues,
        source_format=source_format,
        title_line=result.title,
        title_block=result.title_block,
    )
