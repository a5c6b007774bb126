"""The top-level blocks of a body as byte strings of the part, for comparing two versions quickly.

Two versions of a long document usually differ in a few paragraphs. Comparing
the exact bytes of each top-level block (paragraph, table, content control)
finds the identical ones without reading any text. The bytes are cut from the
part as stored, by a scan for the start and end tags of ``w:p``, ``w:tbl`` and
``w:sdt`` that counts nesting (text boxes put paragraphs inside paragraphs);
the scan is checked against the parsed body and, when the part uses another
namespace prefix or the counts disagree, each block is serialised instead.

:func:`block_spans` gives the byte span of every block as well, so that a
writer can copy the blocks it did not touch from the source part byte for byte
(:meth:`lexamend.ooxml.writer.PackageCopy.splice`).
"""

from __future__ import annotations

import re

from lxml import etree

from lexamend.ooxml.parser import qn

BLOCK_TAGS = frozenset({qn("w:p"), qn("w:tbl"), qn("w:sdt")})
_TAG = re.compile(rb"<(/?)w:(p|tbl|sdt)(?=[\s>/])")
_BODY = re.compile(rb"<w:body(?=[\s>])[^>]*>")
_NESTING = re.compile(rb"<w:(?:tbl|txbxContent|sdt)(?=[\s>/])")
_FLAT_P = re.compile(rb"<w:p(?=[\s>/])(?:[^>]*/>|.*?</w:p>)", re.S)
_EMPTY_P = re.compile(rb"<w:p(?:\s[^>]*)?/>")  # an empty paragraph, with or without attributes (Word writes <w:p w:rsidR="…"/>)

Span = tuple[int, int]


def block_spans(body: etree._Element | list[etree._Element], data: bytes | None, *, tags: list[str] | None = None) -> list[Span | None] | None:
    """For each child of ``body`` (or of a list of its children), the [start, end) of its bytes in ``data`` (None for non-blocks).

    None when the part cannot be cut by the scan (another prefix, unexpected markup).
    """
    if data is None:
        return None
    spans = _scan(data)
    if spans is None:
        return None
    if tags is None:
        tags = [child.tag for child in body]
    if len(spans) == len(tags) - 1 and tags[-1] not in BLOCK_TAGS and all(tag in BLOCK_TAGS for tag in tags[:-1]):
        return [*spans, None]  # the usual case: blocks, then the section properties
    if len(spans) != sum(1 for tag in tags if tag in BLOCK_TAGS):
        return None
    found = iter(spans)
    return [next(found) if tag in BLOCK_TAGS else None for tag in tags]


def block_keys(body: etree._Element, data: bytes | None, spans: list[Span | None] | None = None) -> list[bytes]:
    """One key per child of ``body``: equal keys mean identical markup."""
    if spans is None:
        spans = block_spans(body, data)
    if spans is not None and data is not None:
        return [data[span[0] : span[1]] if span is not None else etree.tostring(child, with_tail=False) for child, span in zip(body, spans)]
    return [etree.tostring(child) for child in body]


def _scan(data: bytes) -> list[Span] | None:
    body = _BODY.search(data)
    if body is None:
        return None
    if not _NESTING.search(data, body.end()):
        # No tables, text boxes or content controls: paragraphs do not nest.
        start = body.end()
        pieces = data[start:].split(b"</w:p>")
        pieces.pop()
        if not _EMPTY_P.search(data, start):
            spans: list[Span] = []
            append = spans.append
            for piece in pieces:  # each piece is one paragraph, maybe after whitespace
                size = len(piece)
                if piece.startswith((b"<w:p>", b"<w:p ")):
                    append((start, start + size + 6))
                else:
                    stripped = piece.lstrip()
                    if not stripped.startswith((b"<w:p>", b"<w:p ")):
                        break
                    append((start + size - len(stripped), start + size + 6))
                start += size + 6
            else:
                return spans
        return [match.span() for match in _FLAT_P.finditer(data, body.end())]
    spans = []
    depth = 0
    start = 0
    for match in _TAG.finditer(data, body.end()):
        closing = match.group(1) == b"/"
        if closing:
            depth -= 1
            if depth == 0:
                end = data.find(b">", match.end()) + 1
                spans.append((start, end))
            elif depth < 0:
                return None
            continue
        end = data.find(b">", match.end())
        if end < 0:
            return None
        if data[end - 1 : end] == b"/":  # an empty element: <w:p/>
            if depth == 0:
                spans.append((match.start(), end + 1))
            continue
        if depth == 0:
            start = match.start()
        depth += 1
    return spans if depth == 0 else None


__all__ = ["BLOCK_TAGS", "Span", "block_keys", "block_spans"]
