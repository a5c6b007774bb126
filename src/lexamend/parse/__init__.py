"""Parsers: turn a legal text file (.txt/.md, .docx, .html) into a clause tree.

Each format has its own module that produces :class:`~lexamend.model.Block`
objects; :mod:`lexamend.parse.tree` builds the same tree from all of them, so a
.txt and a .docx of the same law parse to the same units.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lexamend.errors import InputError, ParseError
from lexamend.model import Document, Metadata
from lexamend.parse.lang import SUPPORTED
from lexamend.parse.source import read_bytes, sha256_of

FORMATS = ("text", "docx", "html")

_EXTENSIONS = {
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


def format_of(path: str | Path, data: bytes | None = None) -> str:
    """The parser for a file: by extension, else by content (a zip is a .docx)."""
    fmt = _EXTENSIONS.get(Path(path).suffix.lower())
    if fmt:
        return fmt
    if data is not None:
        if data.startswith(b"PK\x03\x04"):
            return "docx"
        head = data[:2048].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
    return "text"


def parse_bytes(
    data: bytes,
    path: str,
    *,
    fmt: str | None = None,
    lang: str | None = None,
    encoding: str | None = None,
    layout: str | None = None,
    meta: Metadata | None = None,
) -> Document:
    """Parse the bytes of a source file (no I/O: ``path`` is used in messages only)."""
    if lang is not None and lang not in SUPPORTED:
        raise InputError(path, f"language {lang!r} is not supported", hint=f"Use one of: {', '.join(SUPPORTED)}.")
    fmt = fmt or format_of(path, data)
    base_meta = replace(meta or Metadata(), source=path, sha256=sha256_of(data))
    if fmt == "docx":
        from lexamend.parse.docx import parse_docx

        return parse_docx(data, path, meta=base_meta, lang=lang)
    if fmt == "html":
        from lexamend.parse.html import parse_html

        return parse_html(data, path, meta=base_meta, lang=lang, encoding=encoding)
    if fmt != "text":
        raise InputError(path, f"unknown format {fmt!r}", hint=f"Use one of: {', '.join(FORMATS)}.")
    from lexamend.parse.source import decode
    from lexamend.parse.text import parse_text

    source = decode(data, path, encoding)
    doc = parse_text(source.text, meta=base_meta, lang=lang, layout=layout)
    if source.encoding not in ("utf-8", "utf-8-sig"):
        from lexamend.model import ParseIssue

        note = ParseIssue("encoding", f"decoded as {source.encoding}; re-save the file as UTF-8 to silence this warning", "")
        doc = replace(
            doc,
            meta=replace(doc.meta, extra=(*doc.meta.extra, ("encoding", source.encoding))),
            issues=(note, *doc.issues),
        )
    return doc


def parse_file(
    path: str | Path,
    *,
    fmt: str | None = None,
    lang: str | None = None,
    encoding: str | None = None,
    layout: str | None = None,
    strict: bool = False,
    meta: Metadata | None = None,
) -> Document:
    """Read and parse a legal text; with ``strict``, any parser warning is an error.

    Corpus metadata (a ``*.meta.yaml`` file beside the text) fills in the title,
    jurisdiction, date and number when present.
    """
    data = read_bytes(path)
    if meta is None:
        from lexamend.corpus import metadata_for

        meta = metadata_for(Path(path))
    doc = parse_bytes(data, str(path), fmt=fmt, lang=lang, encoding=encoding, layout=layout, meta=meta)
    if not doc.units and not doc.meta.title:
        raise InputError(str(path), "contains no text that could be parsed as a legal act")
    if strict and doc.issues:
        listed = "\n".join(f"  {issue}" for issue in doc.issues[:20])
        more = f"\n  … and {len(doc.issues) - 20} more" if len(doc.issues) > 20 else ""
        raise ParseError(
            str(path),
            f"{len(doc.issues)} parser warning(s) with --strict:\n{listed}{more}",
            hint="Fix the source or run without --strict to accept these as warnings.",
        )
    return doc
