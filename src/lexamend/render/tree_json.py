"""The clause tree as JSON (schema ``lexamend/tree``, version 1), and back.

The JSON is deterministic (sorted keys, no timestamps) so that trees can be
diffed and reviewed. The schema is published in ``docs/schemas/tree.schema.json``
and shipped in the package (:data:`SCHEMA_PATH`); its version changes only when
a field changes meaning or disappears.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from lexamend.model import Block, Document, Kind, Metadata, Note, NoteKind, ParseIssue, Status, Unit

SCHEMA_ID = "lexamend/tree"
SCHEMA_VERSION = 1
SCHEMA_PATH = "schemas/tree.schema.json"


def _note(note: Note) -> dict[str, Any]:
    return {"kind": note.kind.value, "text": note.text, "block": note.block, "placement": note.placement}


def unit_to_dict(unit: Unit, doc: Document | None = None) -> dict[str, Any]:
    """One unit as a JSON-ready dict (children included)."""
    data: dict[str, Any] = {
        "kind": unit.kind.value,
        "eid": unit.eid,
        "address": unit.address,
        "num": unit.num,
        "label": unit.label,
        "heading": unit.heading,
        "text": unit.text,
        "status": unit.status.value,
        "children": [unit_to_dict(child, doc) for child in unit.children],
    }
    if unit.notes:
        data["notes"] = [_note(n) for n in unit.notes]
    source: dict[str, Any] = {}
    for key, index in (("head_block", unit.head_block), ("text_block", unit.text_block), ("heading_block", unit.heading_block)):
        if index is not None:
            source[key] = index
            if doc is not None and 0 <= index < len(doc.blocks):
                source[key.replace("_block", "_origin")] = doc.blocks[index].origin
    if source:
        data["source"] = source
    return data


def document_to_dict(doc: Document, *, with_blocks: bool = False) -> dict[str, Any]:
    """The whole document as a JSON-ready dict."""
    data: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "version": SCHEMA_VERSION,
        "meta": doc.meta.as_dict(),
        "source_format": doc.source_format,
        "title_line": doc.title_line,
        "title_block": doc.title_block,
        "notes": [_note(n) for n in doc.notes],
        "issues": [
            {"code": i.code, "message": i.message, "origin": i.origin, "address": i.address} for i in doc.issues
        ],
        "units": [unit_to_dict(u, doc) for u in doc.units],
    }
    if with_blocks:
        data["blocks"] = [
            {
                "index": b.index,
                "origin": b.origin,
                "line": b.line,
                "raw": b.raw,
                "style": b.style,
                "label_auto": b.label_auto,
                "cell": list(b.cell) if b.cell else None,
            }
            for b in doc.blocks
        ]
    return data


def dumps(data: Any) -> str:
    """Deterministic JSON: sorted keys, UTF-8 text, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def document_to_json(doc: Document, *, with_blocks: bool = False) -> str:
    return dumps(document_to_dict(doc, with_blocks=with_blocks))


def _unit_from(data: dict[str, Any]) -> Unit:
    source = data.get("source") or {}
    return Unit(
        kind=Kind(data["kind"]),
        eid=data["eid"],
        num=data.get("num"),
        label=data.get("label"),
        heading=data.get("heading"),
        text=data.get("text", ""),
        children=tuple(_unit_from(c) for c in data.get("children", [])),
        status=Status(data.get("status", "in_force")),
        notes=tuple(_note_from(n) for n in data.get("notes", [])),
        head_block=source.get("head_block"),
        text_block=source.get("text_block"),
        heading_block=source.get("heading_block"),
        address=data.get("address", ""),
    )


def _note_from(data: dict[str, Any]) -> Note:
    return Note(NoteKind(data["kind"]), data["text"], data["block"], data.get("placement", "after"))


def document_from_dict(data: dict[str, Any]) -> Document:
    """Rebuild a Document from :func:`document_to_dict` output."""
    if data.get("schema") != SCHEMA_ID:
        raise ValueError(f"not a lexamend tree (schema {data.get('schema')!r})")
    if data.get("version") != SCHEMA_VERSION:
        raise ValueError(f"lexamend tree version {data.get('version')!r} is not supported (expected {SCHEMA_VERSION})")
    meta_data = dict(data.get("meta", {}))
    extra = meta_data.pop("extra", {}) or {}
    meta = Metadata(**meta_data, extra=tuple(sorted(extra.items())))
    blocks = tuple(
        Block(
            index=b["index"],
            origin=b["origin"],
            line=b["line"],
            raw=b["raw"],
            style=b.get("style"),
            label_auto=b.get("label_auto"),
            cell=tuple(b["cell"]) if b.get("cell") else None,  # type: ignore[arg-type]
        )
        for b in data.get("blocks", [])
    )
    return Document(
        meta=meta,
        units=tuple(_unit_from(u) for u in data.get("units", [])),
        blocks=blocks,
        notes=tuple(_note_from(n) for n in data.get("notes", [])),
        issues=tuple(ParseIssue(i["code"], i["message"], i["origin"], i.get("address")) for i in data.get("issues", [])),
        source_format=data.get("source_format", "lines"),
        title_line=data.get("title_line"),
        title_block=data.get("title_block"),
    )


def load_schema() -> dict[str, Any]:
    """The published JSON Schema of the tree format."""
    return json.loads(resources.files("lexamend").joinpath(SCHEMA_PATH).read_text(encoding="utf-8"))
