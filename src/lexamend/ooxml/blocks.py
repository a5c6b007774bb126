"""The top-level blocks of a body as byte strings of the part, for comparing two versions quickly.

Two versions of a long document usually differ in a few paragraphs. Comparing
the exact bytes of each top-level block (paragraph, table, content control)
finds the identical ones without reading any text. The bytes are cut from the
part as stored, by a scan for the start and end tags of ``w:p``, ``w:tbl`` and
``w:sdt`` that counts nesting (text boxes put paragraphs inside paragraphs);
the scan is checked against the parsed body and, when the part uses another
namespace prefix or the counts disagree, each block is serialised instead.
"""

from __future__ import annotations

import re

from lxml import etree

from lexamend.ooxml.parser import qn

_BLOCK_TAGS = frozenset({qn("w:p"), qn("w:tbl"), qn("w:sdt")})
_TAG = re.compile(rb"<(/?)w:(p|tbl|sdt)(?=[\s>/])")
_BODY = re.compile(rb"<w:body(?=[\s>])[^>]*>")
_NESTING = re.compile(rb"<w:(?:tbl|txbxContent|sdt)(?=[\s>/])")
_FLAT_P = re.compile(rb"<w:p(?=[\s>/])(?:[^>]*/>|.*?</w:p>)", re.S)


def block_keys(body: etree._Element, data: bytes | None) -> list[bytes]:
    """One key per child of ``body``: equal keys mean identical markup."""
    children = list(body)
    if data is not None:
        keys = _scan(data)
        if keys is not None:
            blocks = [child for child in children if child.tag in _BLOCK_TAGS]
            if len(keys) == len(blocks):
                found = iter(keys)
                return [next(found) if child.tag in _BLOCK_TAGS else etree.tostring(child) for child in children]
    return [etree.tostring(child) for child in children]


def _scan(data: bytes) -> list[bytes] | None:
    body = _BODY.search(data)
    if body is None:
        return None
    if not _NESTING.search(data, body.end()):
        # No tables, text boxes or content controls: paragraphs do not nest.
        pieces = data[body.end() :].split(b"</w:p>")
        if b"<w:p/>" not in data and all(piece.lstrip().startswith((b"<w:p>", b"<w:p ")) for piece in pieces[:-1]):
            return [piece + b"</w:p>" for piece in pieces[:-1]]  # each piece is one paragraph
        return _FLAT_P.findall(data, body.end())
    keys: list[bytes] = []
    depth = 0
    start = 0
    for match in _TAG.finditer(data, body.end()):
        closing = match.group(1) == b"/"
        if closing:
            depth -= 1
            if depth == 0:
                end = data.find(b">", match.end()) + 1
                keys.append(data[start:end])
            elif depth < 0:
                return None
            continue
        end = data.find(b">", match.end())
        if end < 0:
            return None
        if data[end - 1 : end] == b"/":  # an empty element: <w:p/>
            if depth == 0:
                keys.append(data[match.start() : end + 1])
            continue
        if depth == 0:
            start = match.start()
        depth += 1
    return keys if depth == 0 else None


__all__ = ["block_keys"]
