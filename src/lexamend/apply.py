"""The apply engine: patches in, an amended clause tree and a per-edit report out.

Strict by design. Every edit either applies exactly — its target resolves, its
words occur exactly once (or at the ``occurrence`` it names), its ``expect``
guard holds — or it fails with a reason that says why and what to do. The
engine never raises for a failed edit: it records the failure, goes on so that
the report lists every problem at once, and marks the result not ``ok``; the
caller then writes nothing at all.

Several patches stack in order: an edit sees the text as earlier edits left
it. Edits of different patches that touch overlapping text are conflicts
(:mod:`lexamend.conflicts`). A base whose text hash differs from the patch's
``base_sha256`` has drifted: its edits fail unless ``rebase`` is given, in which
case edits that no longer match exactly are relocated by their words
(:mod:`lexamend.relocate`) above a confidence threshold, and reported as such.

Offsets and edits work on the unit tree, never on a file format, so one patch
applies to a .txt and a .docx of the same law alike.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from lexamend.errors import CitationError
from lexamend.match import Span, contains, context, find_all
from lexamend.model import (
    WORD_OPS,
    Conflict,
    Document,
    Edit,
    EditResult,
    Kind,
    Op,
    Patch,
    TextChange,
    TidyNote,
    Unit,
)
from lexamend.render.text import render_text
from lexamend.tidy import insert_seam, join_seam
from lexamend.treeops import (
    carry_blocks,
    insert_sibling,
    keeps_numbering,
    map_unit,
    next_number,
    parent_of,
    parse_fragment,
    readdress,
    relabel,
    to_placeholder,
)

#: Default minimum confidence (0–1) for relocating an edit on a drifted base.
RELOCATE_THRESHOLD = 0.9


def text_sha256(doc: Document) -> str:
    """sha256 of a document's legal text as ``lexamend parse --format text`` prints it.

    This is what a patch's ``base_sha256`` records: it is the same for a .txt
    and a .docx of the same text, and it ignores editorial notes.
    """
    return hashlib.sha256(render_text(doc).encode("utf-8")).hexdigest()


def base_matches(doc: Document, patch: Patch) -> bool:
    """Whether the patch was written against this text (or does not say)."""
    if not patch.base_sha256:
        return True
    return patch.base_sha256 in (text_sha256(doc), doc.meta.sha256)


@dataclass(frozen=True)
class ApplyResult:
    """The amended document (meaningful only when ``ok``) and what happened to each edit."""

    document: Document
    results: tuple[EditResult, ...]
    conflicts: tuple[Conflict, ...] = ()
    drifted: tuple[str, ...] = ()  # patches whose base hash did not match
    base_sha256: str = ""

    @property
    def ok(self) -> bool:
        return not self.conflicts and all(r.status in ("applied", "relocated") for r in self.results)

    @property
    def failed(self) -> tuple[EditResult, ...]:
        return tuple(r for r in self.results if r.status not in ("applied", "relocated"))


class _Failure(Exception):
    """An edit could not be applied; carries the report fields."""

    def __init__(self, reason: str, contexts: tuple[str, ...] = (), address: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.contexts = contexts
        self.address = address


@dataclass
class _Outcome:
    units: tuple[Unit, ...]
    address: str
    tidy: list[TidyNote] = field(default_factory=list)
    changes: list[TextChange] = field(default_factory=list)
    relocation: dict[str, Any] | None = None


# --- target resolution ------------------------------------------------------------


def _resolve(doc: Document, units: tuple[Unit, ...], ref: str) -> Unit:
    """The current unit ``ref`` names in ``units``.

    Word edits change texts, never eIds, so a citation is resolved against the
    last tree whose *shape* changed (``doc``, whose index the resolver caches),
    and the unit with that eId is then taken from the current tree.
    """
    from lexamend.address import resolve

    try:
        found = resolve(doc, ref)
    except CitationError as exc:
        raise _Failure(f"target missing: {exc.message}") from None
    if doc.units is units:
        return found
    current = find_eid(units, found.eid)
    if current is None:  # pragma: no cover - the shape document is kept in step with the tree
        raise _Failure(f"target missing: {ref!r}")
    return current


def find_eid(units: tuple[Unit, ...], eid: str) -> Unit | None:
    """The unit with ``eid``, found by descending along its eId's levels."""
    for unit in units:
        if unit.eid == eid:
            return unit
        if eid.startswith(unit.eid + "__"):
            return find_eid(unit.children, eid)
    return None


def _segments(unit: Unit) -> list[tuple[Unit, str, str]]:
    """The searchable text fields of a unit's subtree: headings and own texts, in order."""
    out: list[tuple[Unit, str, str]] = []
    for u in unit.walk():
        if u.heading:
            out.append((u, "heading", u.heading))
        if u.text:
            out.append((u, "text", u.text))
    return out


def _occurrences(target: Unit, words: str) -> list[tuple[Unit, str, str, Span]]:
    found = []
    for unit, fname, text in _segments(target):
        for span in find_all(text, words):
            found.append((unit, fname, text, span))
    return found


def _select(target: Unit, words: str, occurrence: int | str | None, what: str) -> list[tuple[Unit, str, str, Span]]:
    found = _occurrences(target, words)
    label = target.address or target.eid
    if not found:
        hint = _nearest_words(target, words)
        raise _Failure(f"{what} {words!r} not found in {label}" + (f"; did you mean {hint!r}?" if hint else ""), address=label)
    if occurrence == "all":
        return found
    if occurrence is None:
        if len(found) > 1:
            contexts = tuple(f"{u.address or u.eid}: {context(text, span)}" for u, _, text, span in found)
            raise _Failure(
                f"{what} {words!r} is ambiguous in {label}: {len(found)} occurrences; add `occurrence: N` (or `all`)",
                contexts,
                label,
            )
        return found
    if not isinstance(occurrence, int) or occurrence < 1 or occurrence > len(found):
        raise _Failure(f"{what} {words!r} occurs {len(found)} time(s) in {label}; occurrence {occurrence} does not exist", address=label)
    return [found[occurrence - 1]]


def _nearest_words(target: Unit, words: str) -> str | None:
    """The closest passage of the unit's text to ``words``, for "did you mean" hints."""
    try:
        from rapidfuzz import fuzz
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency
        return None
    best: tuple[float, str] | None = None
    for _, _, text in _segments(target):
        alignment = fuzz.partial_ratio_alignment(words, text, score_cutoff=60)
        if alignment is not None and (best is None or alignment.score > best[0]):
            start, end = alignment.dest_start, alignment.dest_end
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            best = (alignment.score, text[start:end].strip())
    return best[1] if best else None


# --- word operations ----------------------------------------------------------------


def _change(unit: Unit, fname: str, old: str, new: str) -> TextChange:
    """The minimal change from ``old`` to ``new`` (common prefix and suffix removed)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return TextChange(unit.address or unit.eid, fname, prefix, len(old) - suffix, old[prefix : len(old) - suffix], new[prefix : len(new) - suffix])


def _rewrite(text: str, span: Span, edit: Edit, notes: list[TidyNote]) -> str:
    left, right = text[: span.start], text[span.end :]
    if edit.op is Op.DELETE:
        left, right = join_seam(left, right, notes, removed=True)
        return left + right
    if edit.op is Op.REPLACE:
        new = (edit.new or "").strip()
        if not new:
            left, right = join_seam(left, right, notes, removed=True)
            return left + right
        return insert_seam(left, new, right)
    # insert: the anchor stays, the words go after or before it
    anchor = text[span.start : span.end]
    words = (edit.text or "").strip()
    if edit.after is not None:
        return insert_seam(left + anchor, words, right)
    return insert_seam(left, words, anchor + right)


def _apply_words(doc: Document, units: tuple[Unit, ...], edit: Edit, located: list[tuple[Unit, str, str, Span]] | None = None) -> _Outcome:
    target = _resolve(doc, units, edit.at)
    address = target.address or target.eid
    if edit.expect is not None and not contains(target.full_text(" ") + " " + (target.heading or ""), edit.expect):
        raise _Failure(f"guard failed: {address} does not contain {edit.expect!r}", address=address)
    what = {Op.DELETE: "words", Op.REPLACE: "words", Op.INSERT: "anchor"}[edit.op]
    selected = located if located is not None else _select(target, edit.search or "", edit.occurrence, what)
    outcome = _Outcome(units, address)
    # Rewrite each field once, right to left, so that earlier spans stay valid.
    by_field: dict[tuple[str, str], list[tuple[Unit, str, str, Span]]] = {}
    for item in selected:
        by_field.setdefault((item[0].eid, item[1]), []).append(item)
    for (eid, fname), items in by_field.items():
        unit, _, text, _ = items[0]
        new_text = text
        for _, _, _, span in sorted(items, key=lambda i: i[3].start, reverse=True):
            new_text = _rewrite(new_text, span, edit, outcome.tidy)
        if new_text == text:
            continue
        outcome.changes.append(_change(unit, fname, text, new_text))
        outcome.units, _ = map_unit(outcome.units, eid, lambda u, f=fname, t=new_text: (replace(u, **{f: t}),))
    return outcome


# --- structural operations ------------------------------------------------------------


def _restate(doc: Document, units: tuple[Unit, ...], edit: Edit) -> _Outcome:
    target = _resolve(doc, units, edit.at)
    address = target.address or target.eid
    if target.kind is Kind.PART or (not target.label and not target.children):
        new_text = " ".join((edit.text or "").split())
        outcome = _Outcome(units, address)
        outcome.changes.append(_change(target, "text", target.text, new_text))
        outcome.units, _ = map_unit(units, target.eid, lambda u: (replace(u, text=new_text),))
        return outcome
    fragment = parse_fragment(edit.text or "", label=target.label, heading=target.heading)
    if len(fragment) != 1:
        raise _Failure(f"the restated wording of {address} parses as {len(fragment)} units; give one unit (its children included)", address=address)
    new = fragment[0]
    if new.kind is not target.kind:
        raise _Failure(f"the restated wording is a {new.kind.value}, but {address} is a {target.kind.value}", address=address)
    if (new.num or "") != (target.num or ""):
        raise _Failure(
            f"the restated wording is numbered {new.num!r} but {address} is {target.num!r}; renumbering is never implicit (use op: renumber)",
            address=address,
        )
    new = carry_blocks(target, replace(new, eid=target.eid, address=target.address))
    units, _ = map_unit(units, target.eid, lambda u: (new,))
    return _Outcome(readdress(units), address)


def _insert_part(units: tuple[Unit, ...], anchor: Unit, edit: Edit) -> _Outcome:
    """Insert an unnumbered part («дополнить частью второй»): one block of text, no label.

    A unit whose own text is a single block has no part children; its text
    becomes part one first, so that the new block is part two, as a drafter
    counts («часть вторая пункта 2»).
    """
    new = Unit(kind=Kind.PART, eid=f"__new__{edit.id}", text=" ".join((edit.text or "").split()))
    if not new.text:
        raise _Failure("the inserted part has no text")
    if edit.position in ("first", "last") and anchor.text and not any(c.kind is Kind.PART for c in anchor.children):
        first = Unit(kind=Kind.PART, eid=f"{anchor.eid}__part_1", text=anchor.text, head_block=anchor.head_block, text_block=anchor.text_block)
        units, _ = map_unit(units, anchor.eid, lambda u: (replace(u, text="", text_block=None, children=(first, *u.children)),))
    units, found = insert_sibling(units, anchor.eid, new, edit.position)
    if not found:  # pragma: no cover - anchor was resolved in this tree
        raise _Failure(f"cannot place the new part next to {anchor.address or anchor.eid}")
    where = _index_path(units, new.eid)
    units = readdress(units)
    placed = _at_index_path(units, where)
    return _Outcome(units, (placed.address or placed.eid) if placed else anchor.address)


def _index_path(units: tuple[Unit, ...], eid: str) -> tuple[int, ...]:
    """Where the unit ``eid`` stands: its index among its siblings at each level."""
    for i, unit in enumerate(units):
        if unit.eid == eid:
            return (i,)
        inner = _index_path(unit.children, eid)
        if inner:
            return (i, *inner)
    return ()


def _at_index_path(units: tuple[Unit, ...], where: tuple[int, ...]) -> Unit | None:
    unit = None
    for i in where:
        if i >= len(units):
            return None
        unit = units[i]
        units = unit.children
    return unit


def _insert_unit(doc: Document, units: tuple[Unit, ...], edit: Edit) -> _Outcome:
    anchor = _resolve(doc, units, edit.at)
    position = edit.position
    if edit.kind is Kind.PART or (edit.kind is None and position in ("after", "before") and anchor.kind is Kind.PART):
        return _insert_part(units, anchor, edit)
    if position in ("after", "before"):
        container = parent_of(units, anchor.eid)
        siblings = container.children if container is not None else units
        kind = edit.kind or anchor.kind
        reference = anchor
    else:
        siblings = anchor.children
        kind = edit.kind
        same = [c for c in siblings if kind is None or c.kind is kind]
        reference = same[-1] if same else None
        if kind is None:
            probe = parse_fragment(edit.text or "")
            kind = probe[0].kind if probe else None
        if kind is None:
            raise _Failure(f"give `kind:` for a unit inserted into {anchor.address or anchor.eid}")
    taken = {c.num for c in siblings if c.kind is kind and c.num}
    num = edit.num
    if num is None:
        if position == "before":
            index = siblings.index(anchor)
            previous = [c for c in siblings[:index] if c.kind is kind and c.num]
            if not previous:
                raise _Failure(f"cannot number a unit inserted before the first {kind.value}; give `num:`")
            num = next_number(previous[-1].num or "", taken)
        elif reference is not None and reference.num and position in ("after", "last"):
            num = next_number(reference.num, taken) if position == "after" else _after_last(reference.num, taken)
        elif position == "first":
            raise _Failure("give `num:` for a unit inserted as the first child")
    if num is not None and num in taken:
        raise _Failure(
            f"{kind.value} {num} already exists next to {anchor.address or anchor.eid}; choose another number or renumber explicitly"
        )
    label = None
    if reference is not None and reference.kind is kind and num is not None:
        label = relabel(reference.label, reference.num, num)
    fragment = parse_fragment(edit.text or "", label=label)
    if len(fragment) != 1:
        raise _Failure(f"the inserted wording parses as {len(fragment)} units; give one unit (its children included)")
    new = fragment[0]
    if num is not None and new.num is not None and new.num != num:
        raise _Failure(f"the inserted wording is numbered {new.num!r}, but the new unit is {num!r}")
    if new.kind is not kind and not (kind is Kind.PART and new.kind is Kind.PART):
        raise _Failure(f"the inserted wording is a {new.kind.value}, expected a {kind.value}")
    units, found = insert_sibling(units, anchor.eid, replace(new, eid=f"__new__{edit.id}"), position)
    if not found:  # pragma: no cover - anchor was resolved in this tree
        raise _Failure(f"cannot place the new unit next to {anchor.address or anchor.eid}")
    where = _index_path(units, f"__new__{edit.id}")
    units = readdress(units)
    placed = _at_index_path(units, where)
    return _Outcome(units, (placed.address or placed.eid) if placed else anchor.address)


def _after_last(num: str, taken: set[str]) -> str:
    """The number after the last one in a list: 5 → 6, в → г; 5-1 → 5-2 (inserted style)."""
    from lexamend.parse.numbering import LATIN_LETTERS, RUSSIAN_LETTERS

    candidate: str | None = None
    if num.isdigit():
        candidate = str(int(num) + 1)
    elif len(num) == 1:
        for alphabet in (RUSSIAN_LETTERS, LATIN_LETTERS):
            if num in alphabet[:-1]:
                candidate = alphabet[alphabet.index(num) + 1]
                break
    if candidate is not None and candidate not in taken:
        return candidate
    return next_number(num, taken)


def _repeal(doc: Document, units: tuple[Unit, ...], edit: Edit) -> _Outcome:
    target = _resolve(doc, units, edit.at)
    address = target.address or target.eid
    placeholder = edit.placeholder if edit.placeholder is not None else keeps_numbering(units)
    if placeholder and target.kind is not Kind.PART:
        units, _ = map_unit(units, target.eid, lambda u: (to_placeholder(u, doc.meta.language),))
    else:
        units, _ = map_unit(units, target.eid, lambda u: ())
    return _Outcome(readdress(units), address)


def _renumber(doc: Document, units: tuple[Unit, ...], edit: Edit) -> _Outcome:
    target = _resolve(doc, units, edit.at)
    address = target.address or target.eid
    new_num = edit.num or ""
    container = parent_of(units, target.eid)
    siblings = container.children if container is not None else units
    if any(c.num == new_num and c.kind is target.kind and c.eid != target.eid for c in siblings):
        raise _Failure(f"{target.kind.value} {new_num} already exists next to {address}; renumber that one first", address=address)
    units, _ = map_unit(units, target.eid, lambda u: (replace(u, num=new_num, label=relabel(u.label, u.num, new_num)),))
    return _Outcome(readdress(units), address)


_HANDLERS = {
    Op.RESTATE: _restate,
    Op.INSERT_UNIT: _insert_unit,
    Op.REPEAL: _repeal,
    Op.RENUMBER: _renumber,
}


def apply_edit(doc: Document, units: tuple[Unit, ...], edit: Edit) -> _Outcome:
    """Apply one edit to ``units``; raise :class:`_Failure` when it cannot apply exactly."""
    if edit.op in WORD_OPS:
        return _apply_words(doc, units, edit)
    return _HANDLERS[edit.op](doc, units, edit)


def apply_one(doc: Document, units: tuple[Unit, ...], edit: Edit) -> tuple[tuple[Unit, ...], EditResult]:
    """Apply one edit to ``units`` — the state of ``doc`` after the edits before it.

    For callers that apply edits one at a time and need each outcome as they
    go (reading and writing amending instructions). Never raises for an edit
    that cannot apply: the result says why and the units come back unchanged.
    """
    view = doc if doc.units is units else replace(doc, units=units)
    try:
        outcome = apply_edit(view, units, edit)
    except _Failure as failure:
        return units, _result(edit, "failed", address=failure.address, reason=failure.reason, contexts=failure.contexts)
    return outcome.units, _result(edit, "applied", address=outcome.address, tidy=tuple(outcome.tidy), changes=tuple(outcome.changes))


def _result(edit: Edit, status: str, **fields: Any) -> EditResult:
    return EditResult(edit_id=edit.id, patch=edit.patch, status=status, op=edit.op, line=edit.line, **fields)


def apply_patches(
    doc: Document,
    patches: list[Patch] | tuple[Patch, ...],
    *,
    rebase: bool = False,
    threshold: float = RELOCATE_THRESHOLD,
) -> ApplyResult:
    """Apply ``patches`` in order to ``doc``; see the module docstring."""
    from lexamend.conflicts import detect_conflicts
    from lexamend.relocate import relocate

    base_hash = text_sha256(doc)
    conflicts = tuple(detect_conflicts(doc, patches)) if len(patches) > 1 else ()
    in_conflict = {c.first for c in conflicts} | {c.second for c in conflicts}
    drifted = tuple(p.path for p in patches if p.base_sha256 and p.base_sha256 not in (base_hash, doc.meta.sha256))
    units = doc.units
    shape = doc  # the last tree whose shape (eIds) changed; word edits resolve against it
    results: list[EditResult] = []
    for patch in patches:
        stale = patch.path in drifted
        for edit in patch.edits:
            key = f"{edit.patch}#{edit.id}"
            if key in in_conflict:
                other = next(c for c in conflicts if key in (c.first, c.second))
                partner = other.second if other.first == key else other.first
                results.append(_result(edit, "failed", address=other.address, reason=f"conflict with {partner}: {other.reason}"))
                continue
            if stale and not rebase:
                results.append(
                    _result(
                        edit,
                        "not-run",
                        reason=f"base hash mismatch: {patch.path} was written against base_sha256 {patch.base_sha256[:12]}…, this text is {base_hash[:12]}…; use --rebase to relocate its edits",
                    )
                )
                continue
            try:
                outcome = apply_edit(shape, units, edit)
                status = "applied"
            except _Failure as failure:
                moved = relocate(shape, units, edit, threshold) if rebase and edit.op in WORD_OPS else None
                if moved is None:
                    extra = " (the base has drifted; no relocation above the threshold)" if stale and rebase else ""
                    results.append(_result(edit, "failed", address=failure.address, reason=failure.reason + extra, contexts=failure.contexts))
                    continue
                located, info = moved
                relocated_edit = replace(edit, at=located[0][0].eid)
                try:
                    outcome = _apply_words(shape, units, relocated_edit, located)
                except _Failure as failure2:
                    results.append(_result(edit, "failed", address=failure2.address, reason=failure2.reason))
                    continue
                outcome.relocation = info
                status = "relocated"
            units = outcome.units
            if edit.op not in WORD_OPS:
                shape = replace(doc, units=units)
            results.append(
                _result(
                    edit,
                    status,
                    address=outcome.address,
                    tidy=tuple(outcome.tidy),
                    changes=tuple(outcome.changes),
                    relocation=outcome.relocation,
                )
            )
    sources = tuple(p.path for p in patches)
    meta = replace(doc.meta, sha256="", extra=(*doc.meta.extra, ("amended_by", ", ".join(sources))))
    amended = replace(doc, units=units, meta=meta, issues=())
    return ApplyResult(amended, tuple(results), conflicts, drifted, base_hash)
