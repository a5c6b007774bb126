"""The rights cross-reference as JSON, markdown and self-contained HTML.

JSON schema ``lexamend/xref-report`` version 1 (``lexamend/schemas/xref-report.schema.json``).
:func:`report_dict` is the one place that turns an
:class:`~lexamend.xref.model.XrefReport` into data; the markdown and HTML
templates (``render/templates/xref.md.j2``, ``xref.html.j2``) and the terminal
renderer read that data, so that every format says the same thing.
"""

from __future__ import annotations

from typing import Any

from lexamend.xref.lexicon import Taxonomy, taxonomy
from lexamend.xref.model import Detection, EditXref, Evidence, Provision, RightsRef, UnitXref, XrefReport

SCHEMA_ID = "lexamend/xref-report"
SCHEMA_VERSION = 1

#: How each change to a ground is worded in tables.
CHANGE_WORDS = {
    "removed": "removed",
    "narrowed": "partly removed",
    "introduced": "introduced",
    "widened": "widened",
    "replaced": "changed",
    "kept": "unchanged",
}
SOURCE_WORDS = {"cited": "cited", "suggested": "suggested", "cited+suggested": "cited, confirmed"}


def _evidence(evidence: Evidence | None) -> dict[str, Any] | None:
    return None if evidence is None else {"text": evidence.text, "start": evidence.start, "end": evidence.end}


def _detection(d: Detection, tax: Taxonomy, shorts: dict[str, str]) -> dict[str, Any]:
    return {
        "category": d.category,
        "label": tax.category(d.category).label("en"),
        "grounds": list(d.grounds),
        "status": d.status,
        "score": d.score,
        "evidence": [_evidence(e) for e in d.evidence],
        "marker": d.marker or None,
        "marker_evidence": _evidence(d.marker_evidence),
        "marker_unit": d.marker_unit or None,
        "vetoed_by": _evidence(d.vetoed_by),
        "provisions": list(d.provisions),
        "engagements": [
            {
                "provision": e.provision,
                "short": shorts.get(e.provision, e.provision),
                "basis": e.basis,
                "ground": e.ground,
                "words": e.words,
                "via": e.via,
                "why": why(e.basis, e.ground, e.words, e.via, shorts, tax),
            }
            for e in d.engagements
        ],
    }


def _unit(u: UnitXref, tax: Taxonomy, shorts: dict[str, str]) -> dict[str, Any]:
    return {
        "address": u.address,
        "citation": u.citation,
        "text": u.text,
        "language": u.lang,
        "context": {"topics": list(u.context.topics), "persons": list(u.context.persons), "grants": u.context.grants},
        "grounds": list(u.grounds),
        "detections": [_detection(d, tax, shorts) for d in u.detections],
    }


def why(basis: str, ground: str, words: str, via: str, shorts: dict[str, str], tax: Taxonomy, extension: bool = False) -> str:
    """Why a provision is engaged, in one phrase.

    >>> why("other-status", "migration-status", "birth or other status", "", {}, taxonomy())
    'migration or residence status: under “birth or other status”'
    """
    label = tax.ground(ground).label("en") if ground else ""
    if extension:
        return _extension(basis, label, words, via, shorts)
    if basis == "named":
        return f"{label}: named, “{words}”"
    if basis == "other-status":
        return f"{label}: under “{words}”"
    if basis == "read-with":
        return f"read with {shorts.get(via, via)}"
    if basis == "equality":
        return "equality before the law"
    if basis == "principle":
        return "a principle every measure of this kind must respect"
    return f"the right it guarantees is restricted ({label})" if label else "the right it guarantees is restricted"


def _extension(basis: str, label: str, words: str, via: str, shorts: dict[str, str]) -> str:
    """Why a provision is engaged by an edit that extends a guarantee to a group."""
    if basis == "named":
        return f"extends the guarantee to a group defined by {label}, which it names: “{words}”"
    if basis == "other-status":
        return f"extends the guarantee to a group defined by {label}, covered by “{words}”"
    if basis == "read-with":
        return f"read with {shorts.get(via, via)}"
    return f"extends the right it guarantees to a group defined by {label}"


def _rights(r: RightsRef, shorts: dict[str, str], tax: Taxonomy) -> dict[str, Any]:
    return {
        "provision": r.provision,
        "short": shorts.get(r.provision, r.provision),
        "source": r.source,
        "cited_as": r.cited_as or None,
        "line": r.line,
        "bases": [
            {
                "basis": b.basis,
                "ground": b.ground,
                "words": b.words,
                "via": b.via,
                "extension": b.extension,
                "why": why(b.basis, b.ground, b.words, b.via, shorts, tax, b.extension),
            }
            for b in r.bases
        ],
        "warnings": list(r.warnings),
    }


def _distinguished(units: tuple[UnitXref, ...]) -> list[str]:
    return list(dict.fromkeys(d.category for u in units for d in u.detections if d.distinguishes))


def _edit(e: EditXref, tax: Taxonomy, shorts: dict[str, str]) -> dict[str, Any]:
    return {
        "id": e.edit_id,
        "patch": e.patch,
        "line": e.line,
        "op": e.op,
        "address": e.address,
        "citation": e.citation,
        "before": [_unit(u, tax, shorts) for u in e.before],
        "after": [_unit(u, tax, shorts) for u in e.after],
        "distinguished_before": _distinguished(e.before),
        "distinguished_after": _distinguished(e.after),
        "grounds": [
            {
                "ground": c.ground,
                "label": tax.ground(c.ground).label("en"),
                "change": c.change,
                "removed": list(c.removed),
                "introduced": list(c.introduced),
                "remaining": list(c.remaining),
            }
            for c in e.changes
        ],
        "removes": list(e.removed),
        "introduces": list(e.introduced),
        "mentions_added": list(e.mentions_added),
        "mentions_removed": list(e.mentions_removed),
        "rights": [_rights(r, shorts, tax) for r in e.rights],
        "rationale": e.rationale,
    }


def _provision(p: Provision, report: XrefReport) -> dict[str, Any]:
    note = next((v for v in report.versions if v.doc == p.doc), None)
    return {
        "id": p.id,
        "doc": p.doc,
        "address": p.address,
        "instrument": p.instrument,
        "short": p.short,
        "title": p.title,
        "kind": p.kind,
        "registered": p.registered,
        "citations": dict(p.citations),
        "text": dict(p.texts),
        "grounds": {g.ground: g.words for g in p.grounds},
        "other_status": p.other_status or None,
        "note": p.note or None,
        "version": {
            "doc": p.doc,
            "label": note.label if note else "",
            "valid_from": note.valid_from if note else "",
            "valid_to": note.valid_to if note else "",
            "in_force": note.in_force if note else None,
        },
    }


def report_dict(report: XrefReport) -> dict[str, Any]:
    """The report as JSON-ready data (schema ``lexamend/xref-report`` v1)."""
    from lexamend.xref import morph
    from lexamend.xref.grounds import DISTINCTION_THRESHOLD

    tax = taxonomy()
    used_categories = sorted(
        {d.category for u in report.units for d in u.detections}
        | {d.category for e in report.edits for u in (*e.before, *e.after) for d in u.detections}
    )
    used_grounds = sorted({g for c in used_categories for g in tax.category(c).grounds})
    shorts = {p.id: p.short for p in report.provisions}
    return {
        "schema": SCHEMA_ID,
        "version": SCHEMA_VERSION,
        "kind": report.kind,
        "source": report.source,
        "base": report.base,
        "title": report.title,
        "language": report.lang,
        "as_of": report.as_of,
        "method": {"morphology": morph.method(report.lang), "threshold": DISTINCTION_THRESHOLD},
        "edits": [_edit(e, tax, shorts) for e in report.edits],
        "units": [_unit(u, tax, shorts) for u in report.units],
        "provisions": [_provision(p, report) for p in report.provisions],
        "versions": [
            {
                "doc": v.doc,
                "instrument": v.instrument,
                "label": v.label,
                "valid_from": v.valid_from,
                "valid_to": v.valid_to,
                "in_force": v.in_force,
                "warning": v.warning or None,
            }
            for v in report.versions
        ],
        "categories": {
            c: {"label": tax.category(c).label("en"), "grounds": list(tax.category(c).grounds)} for c in used_categories
        },
        "grounds": {g: tax.ground(g).label("en") for g in used_grounds},
        "warnings": list(report.warnings),
    }


def dumps(report: XrefReport) -> str:
    from lexamend.render.tree_json import dumps as json_dumps

    return json_dumps(report_dict(report))


# --- markdown and HTML -----------------------------------------------------------------


def segments(text: str, detections: list[dict[str, Any]]) -> list[dict[str, str]]:
    """``text`` cut into plain and highlighted pieces (category words, marker words) for HTML.

    >>> segments("all except migrants", [{"evidence": [{"start": 11, "end": 19}], "marker_evidence": {"start": 4, "end": 10}, "status": "distinguishes"}])
    [{'text': 'all ', 'kind': ''}, {'text': 'except', 'kind': 'marker'}, {'text': ' ', 'kind': ''}, {'text': 'migrants', 'kind': 'distinguishes'}]
    """
    marks: dict[int, str] = {}
    for d in detections:
        for e in d["evidence"]:
            for i in range(e["start"], e["end"]):
                if marks.get(i) != "distinguishes":
                    marks[i] = d["status"]
        # a lead-in's marker (marker_unit set) has offsets in the lead-in, not in this text
        if d["status"] == "distinguishes" and d.get("marker_evidence") and not d.get("marker_unit"):
            m = d["marker_evidence"]
            for i in range(m["start"], m["end"]):
                marks.setdefault(i, "marker")
    out: list[dict[str, str]] = []
    for i, char in enumerate(text):
        kind = marks.get(i, "")
        if out and out[-1]["kind"] == kind:
            out[-1]["text"] += char
        else:
            out.append({"text": char, "kind": kind})
    return out


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("lexamend", "render/templates"),
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["segments"] = segments
    env.filters["change_words"] = lambda change: CHANGE_WORDS.get(change, change)
    env.filters["source_words"] = lambda source: SOURCE_WORDS.get(source, source)
    env.filters["md_cell"] = lambda text: " ".join(str(text).split()).replace("|", "\\|")
    return env


def _view(report: XrefReport) -> dict[str, Any]:
    data = report_dict(report)
    data["provision_index"] = {p["id"]: p for p in data["provisions"]}
    return data


def render_markdown(report: XrefReport) -> str:
    """The cross-reference table and the quoted provisions as markdown."""
    return _environment().get_template("xref.md.j2").render(r=_view(report))


def render_html(report: XrefReport) -> str:
    """A self-contained HTML page (inline CSS, no scripts, no external resources)."""
    return _environment().get_template("xref.html.j2").render(r=_view(report))
