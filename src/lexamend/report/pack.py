"""The advocate's deliverable: one call from proposals to a report pack.

:func:`build_pack` parses the base, applies the patches (strictly: any failed
edit stops the pack), cross-references every edit, and renders in memory:

1. the recommendation / alternative-report section (HTML, Markdown, Word with
   the proposed wordings as tracked changes);
2. the comparative table (Word, HTML, Markdown);
3. the amendment instructions, as one amending act for all the patches;
4. the redlined Word document (the base with every edit as a tracked change,
   rationale and rights references as margin comments);
5. an index page linking them, with a summary; plus the cross-reference of each
   patch (HTML, JSON) and a machine-readable ``summary.json``.

Nothing is written here: the caller writes the files (all or nothing) with
:func:`lexamend.outputs.write_many`. The same inputs give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lexamend.errors import EditFailed, InputError
from lexamend.model import Document, Patch

FORMATS = ("docx", "html", "md")

#: Titles of the pack's files, by language.
FILE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "recommendation": "Recommendations (alternative-report section)",
        "table": "Comparative table",
        "instructions": "Amendment instructions",
        "redline": "The text with the proposals as tracked changes",
        "xref": "Rights cross-reference",
        "summary": "Summary (JSON)",
        "pack": "Proposals to amend the {act}",
    },
    "ru": {
        "recommendation": "Рекомендации (раздел альтернативного доклада)",
        "table": "Сравнительная таблица",
        "instructions": "Текст изменений",
        "redline": "Текст с предлагаемыми изменениями в режиме исправлений",
        "xref": "Соотнесение с нормами о правах",
        "summary": "Сводка (JSON)",
        "pack": "Предложения по изменению: {act}",
    },
}


@dataclass(frozen=True)
class PackOptions:
    """How to build a pack."""

    lang: str = "en"
    formats: tuple[str, ...] = FORMATS
    template_dir: str | None = None
    author: str = "lexamend"
    date: str | None = None  # of the tracked changes; default: the patches' latest date
    as_of: str | None = None  # of the cross-reference; default: the same date
    alternatives: bool = True


@dataclass
class Pack:
    """The files of a pack (relative path → content) and its summary."""

    files: dict[str, bytes | str] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)


Progress = Callable[[str], None]


def _alternatives(patch: Patch) -> list[str]:
    for key, value in patch.extra:
        if key == "alternative_to":
            return [str(v) for v in value]
    return []


def _find_patch(reference: str, patch: Patch) -> Path | None:
    for candidate in (Path(reference), Path(patch.path).parent / Path(reference).name, Path(patch.path).parent / reference):
        if candidate.is_file():
            return candidate
    return None


def build_pack(
    base_path: str,
    patch_paths: Sequence[str],
    options: PackOptions = PackOptions(),
    *,
    progress: Progress | None = None,
    base_doc: Document | None = None,
) -> Pack:
    """Everything the pack holds, rendered in memory; see the module docstring."""
    from lexamend.apply import apply_patches
    from lexamend.parse import parse_file
    from lexamend.patch import load as load_patch
    from lexamend.report.content import LANGUAGES, WORDS, edit_items

    step = progress or (lambda _name: None)
    if options.lang not in LANGUAGES:
        raise InputError(options.lang, "is not a report language", hint=f"Use one of: {', '.join(LANGUAGES)}.")
    unknown = [f for f in options.formats if f not in FORMATS]
    if unknown:
        raise InputError(",".join(unknown), "is not a report format", hint=f"Use a comma-separated list of: {', '.join(FORMATS)}.")
    step("parse")
    doc = base_doc or parse_file(base_path)
    base_bytes = Path(base_path).read_bytes() if str(base_path).lower().endswith((".docx", ".docm")) else None
    patches = [load_patch(p) for p in patch_paths]
    step("apply")
    result = apply_patches(doc, patches)
    if not result.ok:
        failed = result.failed
        first = failed[0] if failed else None
        reason = first.reason if first else "; ".join(c.reason for c in result.conflicts)
        where = f"{first.patch}:{first.line}" if first and first.line else (first.patch if first else "")
        raise EditFailed(first.edit_id if first else "?", reason, where=where, hint="Run `lexamend check` on the patches; a pack is built only from proposals that apply cleanly.")
    dates = sorted(p.date for p in patches if p.date)
    date = options.date or (dates[-1] if dates else "2000-01-01")
    as_of = options.as_of or date
    lang = options.lang
    words = WORDS[lang]
    labels = FILE_LABELS[lang]

    step("cross-reference")
    from lexamend.render.xref_report import render_html as xref_html
    from lexamend.render.xref_report import report_dict
    from lexamend.xref import load_registry, report_for_patch

    registry = load_registry()
    xref_reports = [report_for_patch(doc, patch, registry, as_of=as_of) for patch in patches]
    xrefs = [report_dict(r) for r in xref_reports]

    step("recommendation")
    items = edit_items(doc, result, patches, xrefs, lang)
    alternatives = _alternative_sections(doc, patches, patch_paths, registry, as_of, lang, start=len(items) + 1) if options.alternatives else []
    from lexamend.report.content import _act_name

    act_name = _act_name(doc, lang)
    warnings = sorted({w for x in xrefs for w in x.get("warnings", [])})
    grounds = sorted({g["label"] for item in items for g in item["grounds"]})
    files: dict[str, bytes | str] = {}
    listing: list[dict[str, Any]] = []  # one entry per document: its label and a link per format

    def add(name: str, content: bytes | str, label: str, kind: str) -> None:
        files[name] = content
        for entry in listing:
            if entry["label"] == label:
                entry["links"].append({"href": name, "kind": kind})
                return
        listing.append({"label": label, "links": [{"href": name, "kind": kind}]})

    pack_data: dict[str, Any] = {
        "lang": lang,
        "words": words,
        "title": labels["pack"].format(act=act_name),
        "act": {"name": act_name, "source": doc.meta.source, "date": doc.meta.date, "number": doc.meta.number},
        "as_of": as_of,
        "intro": words["intro"].format(act=act_name),
        "entries": items,
        "alternatives": alternatives,
        "warnings": warnings,
        "patches": [{"path": p.path, "title": p.title, "edits": len(p.edits), "date": p.date} for p in patches],
        "summary": {
            "edits": len(items),
            "units": len({i["address"] for i in items}),
            "grounds": grounds,
            "alternatives": sum(len(a["entries"]) for a in alternatives),
        },
        "files": listing,
    }

    from lexamend.report.templating import environment, render

    env = environment(options.template_dir)
    if "html" in options.formats:
        add("recommendation.html", render(env, "recommendation.html.j2", pack=pack_data), labels["recommendation"], "HTML")
    if "md" in options.formats:
        add("recommendation.md", render(env, "recommendation.md.j2", pack=pack_data), labels["recommendation"], "Markdown")
    if "docx" in options.formats:
        from lexamend.report.docx import render_recommendation_docx

        add("recommendation.docx", render_recommendation_docx(pack_data, author=options.author, date=date), labels["recommendation"], "Word")

    step("comparative table")
    from lexamend.render.table import comparative_rows, render_table

    rows = comparative_rows(doc, result, patches, lang)
    for fmt, kind in (("docx", "Word"), ("html", "HTML"), ("md", "Markdown")):
        if fmt in options.formats:
            add(f"comparative-table.{fmt}", render_table(rows, doc, patches, lang, fmt), labels["table"], kind)

    step("instructions")
    from lexamend.instructions.docx import EXPERIMENTAL_NOTE
    from lexamend.instructions.write import write_instructions

    merged = Patch(
        edits=tuple(e for p in patches for e in p.edits),
        title=pack_data["title"],
        date=date,
        base=patches[0].base,
        language=patches[0].language,
    )
    instructions = write_instructions(doc, merged, lang=lang)
    if "html" in options.formats:
        view = {
            "lang": instructions.lang,
            "title": instructions.title,
            "experimental": instructions.experimental,
            "note": EXPERIMENTAL_NOTE,
            "lines": [{"text": line.text, "role": line.role, "level": line.level} for line in instructions.lines],
        }
        add("instructions.html", render(env, "instructions.html.j2", pack=pack_data, instructions=view), labels["instructions"], "HTML")
    if "md" in options.formats:
        add("instructions.md", instructions.markdown(), labels["instructions"], "Markdown")
    if "docx" in options.formats:
        add("instructions.docx", instructions.docx(), labels["instructions"], "Word")

    step("redline")
    from lexamend.render.redline import redline_patches

    redline = redline_patches(doc, base_bytes, result, patches, author=options.author, date=date, comments=True, lang=doc.meta.language or None)
    add("redline.docx", redline, labels["redline"], "Word, tracked changes")

    for patch, report, xref in zip(patches, xref_reports, xrefs):
        stem = Path(patch.path).stem
        from lexamend.render.xref_report import dumps as xref_json

        add(f"xref/{stem}.html", xref_html(report), f"{labels['xref']}: {patch.title}", "HTML")
        files[f"xref/{stem}.json"] = xref_json(report)

    summary = {
        "schema": "lexamend/report-summary",
        "version": 1,
        "base": doc.meta.source,
        "act": act_name,
        "language": lang,
        "date": date,
        "as_of": as_of,
        "patches": pack_data["patches"],
        "edits": len(items),
        "units": pack_data["summary"]["units"],
        "grounds": grounds,
        "alternatives": [{"path": a["path"], "edits": len(a["entries"])} for a in alternatives],
        "warnings": warnings,
        "files": sorted([*files, "summary.json", "index.html"]),
    }
    from lexamend.render.tree_json import dumps as json_dumps

    add("summary.json", json_dumps(summary), labels["summary"], "JSON")
    files["index.html"] = render(env, "index.html.j2", pack=pack_data)
    return Pack(files=files, summary=summary)


def _alternative_sections(
    doc: Document, patches: Sequence[Patch], patch_paths: Sequence[str], registry: Any, as_of: str, lang: str, *, start: int
) -> list[dict[str, Any]]:
    """Patches that a pack patch names as its alternatives, each applied alone to the base."""
    from lexamend.apply import apply_patches
    from lexamend.patch import load as load_patch
    from lexamend.render.xref_report import report_dict
    from lexamend.report.content import WORDS, edit_items
    from lexamend.xref import report_for_patch

    included = {Path(p).resolve() for p in patch_paths}
    sections = []
    number = start
    for patch in patches:
        for reference in _alternatives(patch):
            path = _find_patch(reference, patch)
            if path is None or path.resolve() in included:
                continue
            included.add(path.resolve())
            alternative = load_patch(str(path))
            result = apply_patches(doc, [alternative])
            if not result.ok:
                continue
            xref = report_dict(report_for_patch(doc, alternative, registry, as_of=as_of))
            items = edit_items(doc, result, [alternative], [xref], lang, start=number)
            number += len(items)
            sections.append(
                {
                    "path": str(path),
                    "title": alternative.title,
                    "summary": alternative.summary,
                    "heading": WORDS[lang]["alternative_of"].format(title=alternative.title),
                    "entries": items,
                }
            )
    return sections


def with_prefix(pack: Pack, outdir: str) -> dict[Path, bytes | str]:
    """The pack's files under ``outdir``, ready for :func:`lexamend.outputs.write_many`."""
    return {Path(outdir) / name: content for name, content in sorted(pack.files.items())}


__all__ = ["FORMATS", "Pack", "PackOptions", "build_pack", "with_prefix"]
