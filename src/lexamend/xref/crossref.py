"""Cross-reference clauses and edits to the provisions they engage.

* :func:`detect_grounds` — one text: the categories it distinguishes, with the
  provisions each engages;
* :func:`xref_document` — every unit of a document;
* :func:`xref_patch` — every edit of a patch: the grounds the text
  distinguishes on before and after the edit, so what the edit removes or
  introduces, and the provisions it engages — the ones the patch cites in its
  ``rights:`` lists (checked against the registry) merged with the ones the
  detection suggests;
* :func:`report_for_document` / :func:`report_for_patch` — the same, with the
  quoted provisions and version notes, as one :class:`XrefReport` for the
  renderers.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from lexamend.errors import CitationError, EditFailed, InputError, PatchError
from lexamend.model import Document, Edit, Kind, Op, Patch, Unit, walk_with_parents
from lexamend.parse.lang import SUPPORTED, detect_language
from lexamend.xref import language as language_check
from lexamend.xref.grounds import DISTINCTION_THRESHOLD, detect_context, find_categories, open_marker
from lexamend.xref.lexicon import unsupported
from lexamend.xref.model import (
    Detection,
    EditXref,
    Engagement,
    Governing,
    GroundChange,
    Provision,
    RightsRef,
    UnitXref,
    VersionNote,
    XrefReport,
)
from lexamend.xref.registry import Registry, load_registry

# --- one text ---------------------------------------------------------------------------


def detect_grounds(
    text: str,
    lang: str | None = None,
    *,
    registry: Registry | None = None,
    context: str = "",
    as_of: str | None = None,
    include_mentions: bool = False,
    threshold: float = DISTINCTION_THRESHOLD,
) -> list[Detection]:
    """The categories of persons ``text`` distinguishes, each with its evidence and the provisions it engages.

    ``lang`` is en, ru or kk (detected when None; a text in another language is
    an :class:`InputError`). ``context`` is text that says what the clause is
    about without being part of it (headings, the document title): it decides
    which provisions apply (education, children) but is never searched for
    distinctions. With ``include_mentions``, categories the text only names
    are returned too (status ``mentions``, no provisions).

    >>> found = detect_grounds("Children of migrant workers, with the exception of seasonal workers, "
    ...                        "are admitted to school.", "en")
    >>> [(d.category, d.grounds, d.evidence[0].text, d.evidence[0].start) for d in found]
    [('seasonal-worker', ('occupation', 'migration-status'), 'seasonal', 51)]
    >>> "un-crc-1989:art_28__para_1" in found[0].provisions
    True
    """
    lang = _language_of(text, lang, "<text>")
    registry = registry or load_registry()
    detections = find_categories(text, lang, threshold=threshold)
    ctx = detect_context(f"{context}\n{text}", lang)
    out = [
        replace(d, engagements=registry.engagements(d, ctx, as_of=as_of)) if d.distinguishes else d for d in detections
    ]
    return out if include_mentions else [d for d in out if d.distinguishes]


def _language_of(text: str, lang: str | None, where: str) -> str:
    if lang is None:
        found = language_check.identify(text)
        if found is None:
            raise InputError(
                where,
                f"the text is not in a supported language ({', '.join(SUPPORTED)})",
                hint="Ground detection reads English, Russian and Kazakh.",
            )
        return found
    if lang not in SUPPORTED:
        raise unsupported(lang, where)
    return lang


def _check_document_language(doc: Document, lang: str | None) -> str:
    """The language to analyse ``doc`` in; :class:`InputError` when its text is in no supported language."""
    from lexamend.render.text import render_text

    where = doc.meta.source or "<document>"
    if lang is not None and lang not in SUPPORTED:
        raise unsupported(lang, where)
    text = render_text(doc)
    chosen = lang or doc.meta.language or detect_language(text)
    if chosen not in SUPPORTED:
        raise unsupported(chosen, where)
    problem = language_check.check(text, chosen)
    if problem:
        raise InputError(
            where,
            f"cannot detect grounds: {problem}",
            hint="Ground detection reads English, Russian and Kazakh; give the right language with --lang.",
        )
    return chosen


# --- units ------------------------------------------------------------------------------


def _context_text(doc: Document, parents: tuple[Unit, ...], unit: Unit | None) -> str:
    parts = [doc.meta.title, doc.title_line or ""]
    parts += [p.heading or "" for p in parents]
    if unit is not None:
        parts.append(unit.heading or "")
    return "\n".join(p for p in parts if p)


def _citation(path: tuple[Unit, ...], lang: str) -> str:
    from lexamend.address import format_citation

    try:
        return format_citation(path, lang, style="short" if lang == "en" else "chain")
    except ValueError:  # a unit kind with no citation form (a table cell): fall back to its address
        return path[-1].address or path[-1].eid


_LIST_KINDS = (Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT)


def _governing(parents: tuple[Unit, ...], unit: Unit, lang: str) -> Governing | None:
    """The marker of the list's lead-in that governs ``unit``, a list item («Наставником не может быть:» → «1) лицо, …»)."""
    if unit.kind not in _LIST_KINDS or not parents:
        return None
    parent = parents[-1]
    lead: Unit | None = parent if parent.text else None
    if lead is None:
        for child in parent.children:
            if child is unit or child.eid == unit.eid:
                break
            if child.kind is Kind.PART and child.text:
                lead = child
    if lead is None:
        return None
    return open_marker(lead.text, lang, lead.address or lead.eid)


def _unit_xref(
    text: str,
    address: str,
    citation: str,
    lang: str,
    context_text: str,
    registry: Registry,
    as_of: str | None,
    include_mentions: bool,
    governed: Governing | None = None,
) -> UnitXref:
    detections = find_categories(text, lang, governed=governed)
    ctx = detect_context(f"{context_text}\n{text}", lang)
    out = tuple(
        replace(d, engagements=registry.engagements(d, ctx, as_of=as_of)) if d.distinguishes else d
        for d in detections
        if include_mentions or d.distinguishes
    )
    return UnitXref(address, citation, text, lang, ctx, out)


def xref_document(
    doc: Document,
    registry: Registry | None = None,
    *,
    lang: str | None = None,
    as_of: str | None = None,
    include_mentions: bool = False,
) -> list[UnitXref]:
    """Every unit of ``doc`` whose own text distinguishes on a protected ground (or names a group)."""
    registry = registry or load_registry()
    lang = _check_document_language(doc, lang)
    found = []
    for entry in walk_with_parents(doc.units):
        unit = entry.unit
        if not unit.text or unit.is_placeholder:
            continue
        governed = _governing(entry.parents, unit, lang)
        xref = _unit_xref(
            unit.text,
            unit.address or unit.eid,
            _citation(entry.path, lang),
            lang,
            _context_text(doc, entry.parents, unit),
            registry,
            as_of,
            include_mentions,
            governed,
        )
        if xref.detections:
            found.append(xref)
    return found


def xref_unit(
    doc: Document, ref: str, registry: Registry | None = None, *, lang: str | None = None, as_of: str | None = None
) -> UnitXref:
    """The detections (mentions included) in one unit of ``doc``, named by address or citation."""
    from lexamend.address import resolve_path

    registry = registry or load_registry()
    lang = lang or doc.meta.language
    if lang not in SUPPORTED:
        raise unsupported(lang, doc.meta.source or "<document>")
    path = resolve_path(doc, ref)
    unit = path[-1]
    return _unit_xref(
        unit.text,
        unit.address or unit.eid,
        _citation(path, lang),
        lang,
        _context_text(doc, path[:-1], unit),
        registry,
        as_of,
        True,
        _governing(path[:-1], unit, lang),
    )


# --- patches ----------------------------------------------------------------------------


def _rights_lines(patch: Patch) -> dict[tuple[int, int], int]:
    """Line of each ``rights:`` item in the patch file: (edit index, item index) → line."""
    import yaml

    lines: dict[tuple[int, int], int] = {}
    path = Path(patch.path)
    if not patch.path or not path.is_file():
        return lines
    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return lines
    edits = next((v for k, v in getattr(root, "value", []) if getattr(k, "value", None) == "edits"), None)
    for i, edit in enumerate(getattr(edits, "value", [])):
        rights = next((v for k, v in getattr(edit, "value", []) if getattr(k, "value", None) == "rights"), None)
        for j, item in enumerate(getattr(rights, "value", [])):
            lines[(i, j)] = item.start_mark.line + 1
    return lines


def check_rights(patch: Patch, registry: Registry) -> dict[str, list[RightsRef]]:
    """Every edit's ``rights:`` references, resolved; :class:`PatchError` (file, line, suggestions) for an unknown one."""
    lines = _rights_lines(patch)
    cited: dict[str, list[RightsRef]] = {}
    for i, edit in enumerate(patch.edits):
        refs: list[RightsRef] = []
        for j, ref in enumerate(edit.rights):
            line = lines.get((i, j), edit.line)
            try:
                provision = registry.lookup(ref)
            except CitationError as exc:
                raise PatchError(
                    patch.path or "<patch>",
                    f"edit {edit.id!r}: rights reference {exc.message}",
                    line=line,
                    hint=exc.hint or "References are <corpus id>:<address>, as `lexamend xref --list` shows them.",
                ) from None
            warnings = (
                ()
                if provision.registered
                else ("not in the rights registry: quoted from the corpus, its grounds are not known to lexamend",)
            )
            refs.append(
                RightsRef(
                    provision.id, "cited", cited_as=ref if ref != provision.id else "", line=line, warnings=warnings
                )
            )
        cited[edit.id] = refs
    return cited


def _same_provision(a: str, b: str) -> bool:
    """Whether two references name the same provision or one contains the other (art_28 ⊃ art_28__para_1)."""
    doc_a, _, addr_a = a.partition(":")
    doc_b, _, addr_b = b.partition(":")
    return doc_a == doc_b and (addr_a == addr_b or addr_b.startswith(addr_a + "__") or addr_a.startswith(addr_b + "__"))


def _merge_rights(cited: list[RightsRef], suggested: list[Engagement]) -> tuple[RightsRef, ...]:
    by_provision: dict[str, list[Engagement]] = {}
    for engagement in suggested:
        by_provision.setdefault(engagement.provision, []).append(engagement)
    merged: list[RightsRef] = []
    used: set[str] = set()
    for ref in cited:
        matches = [p for p in by_provision if _same_provision(ref.provision, p)]
        if matches:
            bases = tuple(e for p in matches for e in by_provision[p])
            used.update(matches)
            merged.append(replace(ref, source="cited+suggested", bases=bases))
        else:
            merged.append(ref)
    for provision, bases in by_provision.items():
        if provision not in used:
            merged.append(RightsRef(provision, "suggested", bases=tuple(bases)))
    return tuple(merged)


def _ground_changes(
    before: Iterable[Detection], after: Iterable[Detection], order: list[str]
) -> tuple[GroundChange, ...]:
    def by_ground(detections: Iterable[Detection]) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for d in detections:
            if d.distinguishes:
                for ground in d.grounds:
                    if d.category not in grouped.setdefault(ground, []):
                        grouped[ground].append(d.category)
        return grouped

    old, new = by_ground(before), by_ground(after)
    changes = []
    for ground in order:
        was, now = old.get(ground, []), new.get(ground, [])
        removed = tuple(c for c in was if c not in now)
        added = tuple(c for c in now if c not in was)
        if was and not now:
            change = "removed"
        elif now and not was:
            change = "introduced"
        elif removed and added:
            change = "replaced"
        elif removed:
            change = "narrowed"
        elif added:
            change = "widened"
        else:
            change = "kept"
        changes.append(GroundChange(ground, change, removed, added, tuple(now)))
    return tuple(changes)


def _touched(
    edit: Edit, result_address: str, changes: tuple, before: Document, after: Document
) -> list[tuple[str, str | None, str | None, str]]:
    """(address, text before, text after, field) for each unit an edit touched."""
    out: list[tuple[str, str | None, str | None, str]] = []
    if changes:
        seen = set()
        for change in changes:
            key = (change.address, change.field)
            if key in seen:
                continue
            seen.add(key)
            old_unit, new_unit = before.find(change.address), after.find(change.address)
            pick = (lambda u: u.heading or "") if change.field == "heading" else (lambda u: u.text)
            out.append(
                (
                    change.address,
                    pick(old_unit) if old_unit else None,
                    pick(new_unit) if new_unit else None,
                    change.field,
                )
            )
        return out
    old_unit = None if edit.op is Op.INSERT_UNIT else before.find(result_address)
    new_unit = old_unit if edit.op is Op.RENUMBER else after.find(result_address)
    if edit.op is Op.REPEAL and new_unit is not None and not new_unit.is_placeholder:
        new_unit = None  # the address now names the next unit, not the repealed one

    def whole(unit: Unit | None) -> str | None:
        return (
            None
            if unit is None or unit.is_placeholder
            else " ".join(filter(None, [unit.heading or "", unit.full_text(" ")]))
        )

    out.append((result_address, whole(old_unit), whole(new_unit), "unit"))
    return out


def _path(doc: Document, address: str) -> tuple[Unit, ...] | None:
    for entry in walk_with_parents(doc.units):
        if entry.unit.address == address or entry.unit.eid == address:
            return entry.path
    return None


def xref_patch(
    base_doc: Document,
    patch: Patch,
    registry: Registry | None = None,
    *,
    as_of: str | None = None,
    rebase: bool = False,
    lang: str | None = None,
) -> list[EditXref]:
    """Per edit: grounds distinguished before and after, what changed, and the provisions engaged.

    The amended text comes from :func:`lexamend.apply.apply_patches`; each edit
    is compared with the text as the patch's earlier edits left it. An edit
    that fails to apply is an :class:`EditFailed` (exit code 1); an unknown
    ``rights:`` reference a :class:`PatchError` naming the patch file and line.
    """
    from lexamend.apply import apply_patches

    registry = registry or load_registry()
    lang = _check_document_language(base_doc, lang or patch.language or None)
    cited = check_rights(patch, registry)
    full = apply_patches(base_doc, [patch], rebase=rebase)
    if not full.ok:
        failed = full.failed[0]
        where = f"{failed.patch}:{failed.line}" if failed.line else failed.patch
        raise EditFailed(
            failed.edit_id, failed.reason, where=where, hint="Run `lexamend check` on the patch and fix it first."
        )
    states = [base_doc]
    for n in range(1, len(patch.edits)):
        states.append(apply_patches(base_doc, [replace(patch, edits=patch.edits[:n])], rebase=rebase).document)
    states.append(full.document)
    found = []
    for i, (edit, result) in enumerate(zip(patch.edits, full.results)):
        before_doc, after_doc = states[i], states[i + 1]
        before_x: list[UnitXref] = []
        after_x: list[UnitXref] = []
        for address, old, new, _field in _touched(edit, result.address, result.changes, before_doc, after_doc):
            path = _path(before_doc, address) or _path(after_doc, address)
            parents = path[:-1] if path else ()
            context = _context_text(base_doc, parents, path[-1] if path else None)
            citation = _citation(path, lang) if path else address
            old_path, new_path = _path(before_doc, address), _path(after_doc, address)
            if old is not None:
                governed = _governing(old_path[:-1], old_path[-1], lang) if old_path else None
                before_x.append(_unit_xref(old, address, citation, lang, context, registry, as_of, True, governed))
            if new is not None:
                governed = _governing(new_path[:-1], new_path[-1], lang) if new_path else None
                after_x.append(_unit_xref(new, address, citation, lang, context, registry, as_of, True, governed))
        xref = _edit_xref(edit, result.address, before_x, after_x, cited.get(edit.id, []), registry, as_of)
        own = f"{base_doc.meta.doc_id}:{result.address}"
        # a provision is never suggested for an edit of that provision itself
        rights = tuple(r for r in xref.rights if r.source != "suggested" or not _same_provision(own, r.provision))
        found.append(replace(xref, rights=rights))
    return found


def _edit_xref(
    edit: Edit,
    address: str,
    before: list[UnitXref],
    after: list[UnitXref],
    cited: list[RightsRef],
    registry: Registry,
    as_of: str | None,
) -> EditXref:
    old = [d for x in before for d in x.detections]
    new = [d for x in after for d in x.detections]
    order: list[str] = []
    for d in (*old, *new):
        if d.distinguishes:
            order.extend(g for g in d.grounds if g not in order)
    changes = _ground_changes(old, new, order)
    removed = {c for change in changes for c in change.removed}
    introduced = {c for change in changes for c in change.introduced}
    mentioned_before = {d.category for d in old}
    distinguished_after = {d.category for d in new if d.distinguishes}
    mentions_added = tuple(
        dict.fromkeys(
            d.category
            for d in new
            if not d.distinguishes and d.category not in mentioned_before and d.category not in distinguished_after
        )
    )
    mentioned_after = {d.category for d in new}
    mentions_removed = tuple(
        dict.fromkeys(d.category for d in old if not d.distinguishes and d.category not in mentioned_after)
    )
    suggested: list[Engagement] = []
    for d in old:
        if d.distinguishes and d.category in removed:
            suggested.extend(d.engagements)
    for d in new:
        if d.distinguishes and d.category in introduced:
            suggested.extend(d.engagements)
    for unit in after:
        if not _grants(unit):
            continue
        for d in unit.detections:
            if d.category in mentions_added:
                # extending a guarantee to a group engages what a distinction against it would
                engaged = registry.engagements(replace(d, status="distinguishes"), unit.context, as_of=as_of)
                suggested.extend(replace(e, extension=True) for e in engaged)
    citation = (after or before)[0].citation if (after or before) else address
    return EditXref(
        edit_id=edit.id,
        patch=edit.patch,
        line=edit.line,
        op=edit.op.value,
        address=address,
        citation=citation,
        before=tuple(before),
        after=tuple(after),
        changes=changes,
        mentions_added=mentions_added,
        mentions_removed=mentions_removed,
        rights=_merge_rights(cited, _dedupe(suggested)),
        rationale=edit.rationale,
    )


def _grants(unit: UnitXref) -> bool:
    """Whether the clause itself grants a right or admission (its headings and title do not count)."""
    return detect_context(unit.text, unit.lang).grants


def _dedupe(engagements: list[Engagement]) -> list[Engagement]:
    return list(dict.fromkeys(engagements))


# --- reports ----------------------------------------------------------------------------


def resolve_as_of(as_of: str | None, fallback: str = "") -> str:
    """An ISO date: ``as_of``, else ``fallback`` (a patch's date), else today."""
    for value in (as_of, fallback):
        if value:
            try:
                return datetime.date.fromisoformat(str(value)[:10]).isoformat()
            except ValueError:
                if value is as_of:
                    raise InputError(str(as_of), "is not a date; write it as YYYY-MM-DD") from None
    return datetime.date.today().isoformat()


def _provisions(registry: Registry, ids: Iterable[str]) -> tuple[Provision, ...]:
    out: dict[str, Provision] = {}
    for provision_id in ids:
        if provision_id in out:
            continue
        provision = registry.get(provision_id) or registry.lookup(provision_id)
        out[provision_id] = provision
    return tuple(out.values())


def _version_notes(registry: Registry, provisions: tuple[Provision, ...], as_of: str) -> tuple[VersionNote, ...]:
    notes = []
    for doc in dict.fromkeys(p.doc for p in provisions):
        instrument = registry.instrument_of(doc)
        version = instrument.version(doc) if instrument else None
        if instrument is None or version is None:
            continue
        in_force = version.in_force(as_of)
        warning = ""
        if in_force is False:
            span = f"{version.valid_from or '…'} – {version.valid_to or '…'}"
            warning = f"The cited version of the {instrument.short}, {doc} ({version.label}; in force {span}), is not in force on {as_of}"
            current = instrument.in_force_on(as_of)
            if current is not None and current.in_corpus:
                warning += f": cite {current.doc} instead."
            elif current is not None:
                warning += f": the text in force then is {current.doc} ({current.label}; in force from {current.valid_from}), which is not in the corpus. Check each cited provision against the new text."
            else:
                warning += "."
        notes.append(
            VersionNote(doc, instrument.id, version.label, version.valid_from, version.valid_to, in_force, warning)
        )
    return tuple(notes)


def _with_version_warnings(
    refs: tuple[RightsRef, ...], notes: tuple[VersionNote, ...], as_of: str
) -> tuple[RightsRef, ...]:
    stale = {n.doc for n in notes if n.in_force is False}
    out = []
    for ref in refs:
        if ref.provision.partition(":")[0] in stale:
            ref = replace(ref, warnings=(*ref.warnings, f"cites a version not in force on {as_of}"))
        out.append(ref)
    return tuple(out)


def _global_warnings(lang: str) -> tuple[str, ...]:
    from lexamend.xref import morph

    if lang == "ru" and morph.russian_method() != "pymorphy3":
        return (
            "Russian words were matched by suffix stripping: pymorphy3 or its dictionary is not installed, so some inflected forms may be missed.",
        )
    return ()


def report_for_patch(
    base_doc: Document,
    patch: Patch,
    registry: Registry | None = None,
    *,
    as_of: str | None = None,
    rebase: bool = False,
    lang: str | None = None,
) -> XrefReport:
    """:func:`xref_patch` with the quoted provisions and version notes, ready to render."""
    registry = registry or load_registry()
    as_of = resolve_as_of(as_of, patch.date)
    edits = xref_patch(base_doc, patch, registry, as_of=as_of, rebase=rebase, lang=lang)
    lang = lang or patch.language or base_doc.meta.language
    ids = [r.provision for e in edits for r in e.rights]
    ids += [g.provision for e in edits for r in e.rights for g in r.bases if g.via]
    provisions = _provisions(registry, ids)
    notes = _version_notes(registry, provisions, as_of)
    edits = [replace(e, rights=_with_version_warnings(e.rights, notes, as_of)) for e in edits]
    return XrefReport(
        kind="patch",
        source=patch.path,
        base=base_doc.meta.source,
        title=patch.title,
        lang=lang,
        as_of=as_of,
        edits=tuple(edits),
        provisions=provisions,
        versions=notes,
        warnings=_global_warnings(lang) + tuple(n.warning for n in notes if n.warning),
    )


def report_for_document(
    doc: Document,
    registry: Registry | None = None,
    *,
    as_of: str | None = None,
    lang: str | None = None,
    include_mentions: bool = False,
) -> XrefReport:
    """:func:`xref_document` with the quoted provisions and version notes, ready to render."""
    registry = registry or load_registry()
    as_of = resolve_as_of(as_of)
    lang = _check_document_language(doc, lang)
    units = xref_document(doc, registry, lang=lang, as_of=as_of, include_mentions=include_mentions)
    ids = [e.provision for u in units for d in u.detections for e in d.engagements]
    provisions = _provisions(registry, ids)
    notes = _version_notes(registry, provisions, as_of)
    return XrefReport(
        kind="document",
        source=doc.meta.source,
        base=doc.meta.source,
        title=doc.meta.title or doc.title_line or "",
        lang=lang,
        as_of=as_of,
        units=tuple(units),
        provisions=provisions,
        versions=notes,
        warnings=_global_warnings(lang) + tuple(n.warning for n in notes if n.warning),
    )
