"""The apply report: what happened to each edit, as JSON and as text for the terminal.

JSON schema ``lexamend/apply-report`` version 1 (``docs/schemas/apply-report.schema.json``):
one entry per edit with its status (applied, relocated, failed, not-run), the
resolved address, the reason for a failure, the occurrences when ambiguous,
the tidying rules that fired, the text changes, and relocation details.
"""

from __future__ import annotations

from typing import Any

from lexamend.apply import ApplyResult
from lexamend.model import EditResult

SCHEMA_ID = "lexamend/apply-report"
SCHEMA_VERSION = 1


def _edit(result: EditResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": result.edit_id,
        "patch": result.patch,
        "line": result.line,
        "op": result.op.value,
        "status": result.status,
        "address": result.address,
    }
    if result.reason:
        data["reason"] = result.reason
    if result.contexts:
        data["occurrences"] = list(result.contexts)
    if result.tidy:
        data["tidy"] = [{"rule": t.rule, "before": t.before, "after": t.after} for t in result.tidy]
    if result.changes:
        data["changes"] = [
            {"address": c.address, "field": c.field, "start": c.start, "end": c.end, "old": c.old, "new": c.new}
            for c in result.changes
        ]
    if result.relocation:
        data["relocation"] = dict(result.relocation)
    return data


def report_dict(result: ApplyResult, *, base: str, patches: list[str]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for r in result.results:
        counts[r.status] = counts.get(r.status, 0) + 1
    return {
        "schema": SCHEMA_ID,
        "version": SCHEMA_VERSION,
        "ok": result.ok,
        "base": base,
        "base_text_sha256": result.base_sha256,
        "patches": patches,
        "drifted": list(result.drifted),
        "counts": dict(sorted(counts.items())),
        "conflicts": [{"first": c.first, "second": c.second, "address": c.address, "reason": c.reason} for c in result.conflicts],
        "edits": [_edit(r) for r in result.results],
    }


def _where(result: EditResult) -> str:
    return f"{result.patch}:{result.line}" if result.line else result.patch


def report_lines(result: ApplyResult) -> list[str]:
    """Human-readable report: one line per edit, details indented under failures."""
    lines: list[str] = []
    for conflict in result.conflicts:
        lines.append(f"conflict  {conflict.first} ↔ {conflict.second} at {conflict.address}: {conflict.reason}")
    for r in result.results:
        mark = {"applied": "applied ", "relocated": "relocated", "failed": "FAILED  ", "not-run": "NOT RUN "}.get(r.status, r.status)
        head = f"{mark}  {_where(r)}  {r.edit_id} ({r.op.value} at {r.address or '?'})"
        lines.append(head)
        if r.reason:
            lines.append(f"    {r.reason}")
        for ctx in r.contexts:
            lines.append(f"      - {ctx}")
        for t in r.tidy:
            lines.append(f"    tidy: {t.rule}: {t.before!r} → {t.after!r}")
        if r.relocation:
            rel = r.relocation
            lines.append(f"    moved from {rel['from']} to {rel['to']} (confidence {rel['confidence']:.2f}); found {rel['found']!r}")
    applied = sum(1 for r in result.results if r.status in ("applied", "relocated"))
    lines.append(f"{applied} of {len(result.results)} edits applied" + ("" if result.ok else "; nothing written"))
    return lines
