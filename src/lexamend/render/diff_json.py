"""A document diff as JSON (schema ``lexamend/diff``, version 1).

The schema is shipped in the package (``schemas/diff.schema.json``) and
described in ``docs/diff.md``. Output is deterministic: sorted keys, no
timestamps, changes in the order of the new version. Word operations are a
list of ``{"op": "equal" | "delete" | "insert", "text": …}`` whose ``equal`` and
``delete`` texts give the old field and whose ``equal`` and ``insert`` texts
give the new one.
"""

from __future__ import annotations

from typing import Any

from lexamend.diff.document import DocumentDiff, FieldDiff, NoteChange, UnitChange, UnitRef
from lexamend.diff.words import WordOp
from lexamend.model import Document
from lexamend.render.tree_json import dumps

SCHEMA_ID = "lexamend/diff"
SCHEMA_VERSION = 1
SCHEMA_PATH = "schemas/diff.schema.json"


def _ops(ops: tuple[WordOp, ...]) -> list[dict[str, str]]:
    return [{"op": op.kind, "text": op.text} for op in ops]


def _ref(ref: UnitRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "eid": ref.eid,
        "address": ref.address,
        "kind": ref.kind,
        "num": ref.num,
        "label": ref.label,
        "heading": ref.heading,
        "text": ref.text,
        "status": ref.status,
        "citation": ref.citation,
        "parent": ref.parent_eid or None,
        "parent_citation": ref.parent or None,
        "line": ref.line,
        "wording": list(ref.wording),
    }


def _field(diff: FieldDiff, word_level: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"field": diff.field, "old": diff.old, "new": diff.new, "capped": diff.capped}
    if word_level:
        data["ops"] = _ops(diff.ops)
    return data


def _note(change: NoteChange, word_level: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "change": change.change,
        "kind": change.kind,
        "old": change.old,
        "new": change.new,
        "old_line": change.old_line,
        "new_line": change.new_line,
    }
    if word_level and change.ops:
        data["ops"] = _ops(change.ops)
    return data


def _change(change: UnitChange, word_level: bool) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "description": change.describe(),
        "old": _ref(change.old),
        "new": _ref(change.new),
        "similarity": round(change.similarity, 4),
        "renumbered": change.renumbered,
        "moved": change.moved,
        "text_changed": change.text_changed,
        "reparented": change.reparented,
        "within": change.within,
        "fields": [_field(f, word_level) for f in change.fields],
        "notes": [_note(n, word_level) for n in change.notes],
    }


def _side(doc: Document) -> dict[str, Any]:
    return {
        "source": doc.meta.source,
        "sha256": doc.meta.sha256,
        "title": doc.meta.title or doc.title_line or "",
        "language": doc.meta.language,
        "format": doc.source_format,
    }


def diff_to_dict(diff: DocumentDiff) -> dict[str, Any]:
    """The diff as a JSON-ready dict (schema ``lexamend/diff`` v1)."""
    options = diff.options
    alignment = diff.alignment
    return {
        "schema": SCHEMA_ID,
        "version": SCHEMA_VERSION,
        "old": _side(diff.old),
        "new": _side(diff.new),
        "options": {
            "word_level": options.word_level,
            "ignore_editorial": options.ignore_editorial,
            "ignore_case": options.ignore_case,
            "ignore_space": options.ignore_space,
            "only": options.only,
        },
        "identical": diff.identical,
        "summary": {**diff.summary(), "line": diff.summary_line()},
        "alignment": {
            "ratio": round(alignment.ratio, 4),
            "matched": alignment.matched,
            "old_units": alignment.old_count,
            "new_units": alignment.new_count,
            "notes": list(alignment.notes),
        },
        "capped": list(diff.capped),
        "title": _field(diff.title, options.word_level) if diff.title is not None else None,
        "changes": [_change(c, options.word_level) for c in diff.changes],
        "document_notes": [_note(n, options.word_level) for n in diff.document_notes],
    }


def diff_to_json(diff: DocumentDiff) -> str:
    """The diff as deterministic JSON text."""
    return dumps(diff_to_dict(diff))
