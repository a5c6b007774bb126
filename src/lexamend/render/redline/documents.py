"""Redlines of parsed documents: two versions aligned unit by unit, or a base and the patches applied to it.

See :mod:`lexamend.render.redline` for the three entry points.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from lexamend.errors import OutputError
from lexamend.model import Document, Patch
from lexamend.ooxml.deterministic import DEFAULT_DATE
from lexamend.ooxml.edit import common_formatting
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import Stamp, text_run
from lexamend.render.redline.edits import changes_by_unit, ops_from_changes
from lexamend.render.redline.base import Base, borrowed_properties
from lexamend.render.redline.sources import docx_base, generated_paragraph, text_base
from lexamend.render.redline.lines import Line, document_lines, unit_line_index
from lexamend.render.redline.matching import by_alignment, by_block
from lexamend.render.redline.plan import Step, plan
from lexamend.render.redline.writer import CommentSpec, finish_package, write_plan

DEFAULT_AUTHOR = "lexamend"
#: How far (in lines) to look for an existing paragraph of the same kind to model a new one on.
MODEL_WINDOW = 40


@dataclass(frozen=True)
class Redline:
    """A written redline: its bytes and what it holds."""

    data: bytes
    steps: tuple[Step, ...]
    fallbacks: int = 0  # paragraphs whose text had to be replaced as a whole


def _stamp(author: str, date: str | None) -> Stamp:
    return Stamp(author=author or DEFAULT_AUTHOR, date=date)


def _new_paragraph_factory(base: Base, old: list[Line], new: list[Line]):  # type: ignore[no-untyped-def]
    """How a new line becomes a paragraph: styled by its unit (generated base), or modelled on a neighbour."""
    styles = base.package.style_ids()
    position = {id(p): i for i, p in enumerate(base.paragraphs)}
    last_old = {"index": -1}

    def make(new_index: int, cursor: etree._Element | None) -> etree._Element:
        line = new[new_index]
        if base.generated:
            return generated_paragraph(line, styles)
        if cursor is not None and id(cursor) in position:
            last_old["index"] = position[id(cursor)]
        model_index = _model(old, last_old["index"], line)
        model = base.paragraphs[model_index] if model_index is not None else cursor
        ppr = borrowed_properties(model, typed_label=model_index in base.numbered)
        p = etree.Element(qn("w:p"))
        if len(ppr):
            p.append(ppr)
        if line.text:
            p.append(text_run(line.text, common_formatting(model) if model is not None else None))
        return p

    return make


def _model(old: list[Line], around: int, line: Line) -> int | None:
    """The old line nearest to ``around`` with the same kind and role as ``line`` (looking back first)."""
    if not old:
        return None
    start = min(max(around, 0), len(old) - 1)
    for index in range(start, max(start - MODEL_WINDOW, -1), -1):
        if old[index].kind is line.kind and old[index].role == line.role:
            return index
    for index in range(start + 1, min(start + MODEL_WINDOW, len(old))):
        if old[index].kind is line.kind and old[index].role == line.role:
            return index
    return start if around >= 0 else None


def write_redline(
    base: Base,
    old: list[Line],
    new: list[Line],
    matches: list[tuple[int, int]],
    *,
    stamp: Stamp,
    comment_specs: Callable[[Sequence[Step]], list[CommentSpec]] | None = None,
    ops_for: Callable[[int, int], tuple[tuple[str, str], ...] | None] | None = None,
    track: bool = True,
    core_date: str | None = None,
) -> Redline:
    """Plan and write a redline of ``old`` lines into ``new`` lines on ``base``.

    ``comment_specs`` turns the plan into the comments to anchor (only when
    ``track``: a clean document has no revisions to comment on).
    """
    steps = plan([base.shown(i) for i in range(len(old))], [line.text for line in new], matches, ops_for)
    specs = comment_specs(steps) if comment_specs is not None and track else []
    written = write_plan(
        base,
        steps,
        [line.text for line in new],
        _new_paragraph_factory(base, old, new),
        stamp=stamp,
        comments=specs,
    )
    finish_package(base, track=track, written=written)
    return Redline(base.package.to_bytes(core_date=core_date), tuple(steps), written.fallbacks)


def _base_for(doc: Document, lines: list[Line], source: bytes | None, template: bytes | None, existing: str = "keep") -> Base:
    if source is not None and doc.source_format == "docx":
        return docx_base(doc, lines, source, existing=existing)
    return text_base(lines, title=doc.meta.title or doc.title_line or "", template=template)


def _steps_for_lines(steps: Sequence[Step], old_ids: set[int], new_ids: set[int], *, changed_only: bool = True) -> tuple[int, ...]:
    return tuple(
        i
        for i, step in enumerate(steps)
        if ((step.old in old_ids) or (step.new in new_ids)) and (step.kind != "equal" or not changed_only)
    )


def _unit_lines(doc: Document, lines: list[Line], address: str, *, descendants: bool = False) -> set[int]:
    unit = doc.find(address)
    if unit is None:
        return set()
    index = unit_line_index(lines)
    units = list(unit.walk()) if descendants else [unit]
    return {i for u in units for i in index.get(id(u), [])}


def redline_documents(
    old: Document,
    new: Document,
    *,
    old_source: bytes | None = None,
    author: str = DEFAULT_AUTHOR,
    date: str | None = None,
    comments: dict[str, str | Sequence[str]] | None = None,
    template: bytes | None = None,
    track: bool = True,
    existing: str = "keep",
) -> bytes:
    """A redline of ``old`` into ``new`` (two parsed versions of a text).

    ``old_source`` is the .docx ``old`` was parsed from (revisions are then
    written into a copy of it); without it, or for a text, a new document is
    built from the template. ``comments`` maps unit addresses (of ``new``, or of
    ``old`` for units that are gone) to comment text, anchored on that unit's changes.
    """
    from lexamend.diff.align import align

    old_lines, new_lines = document_lines(old), document_lines(new)
    matches = by_alignment(align(old, new), old_lines, new_lines)
    base = _base_for(old, old_lines, old_source, template, existing)

    def specs(steps: Sequence[Step]) -> list[CommentSpec]:
        out = []
        for address, text in sorted((comments or {}).items()):
            new_ids = _unit_lines(new, new_lines, address)
            old_ids = set() if new_ids else _unit_lines(old, old_lines, address)
            chosen = _steps_for_lines(steps, old_ids, new_ids) or _steps_for_lines(steps, old_ids, new_ids, changed_only=False)
            if chosen:
                out.append(CommentSpec(chosen, (text,) if isinstance(text, str) else tuple(text)))
        return out

    core_date = None if base.generated is False else (date or DEFAULT_DATE)
    return write_redline(base, old_lines, new_lines, matches, stamp=_stamp(author, date), comment_specs=specs if comments else None, track=track, core_date=core_date).data


def redline_patches(
    base_doc: Document,
    base_source: bytes | None,
    result,  # type: ignore[no-untyped-def]  # lexamend.apply.ApplyResult
    patches: Sequence[Patch],
    *,
    author: str = DEFAULT_AUTHOR,
    date: str | None = None,
    comments: bool = False,
    lang: str | None = None,
    template: bytes | None = None,
    track: bool = True,
    verify: bool = True,
    existing: str = "keep",
) -> bytes:
    """A redline of the patches' edits on ``base_doc`` (``result`` is their successful :class:`ApplyResult`).

    With ``verify`` (the default) the written document is read back before it
    is returned: with every change accepted it must parse to the amended text,
    with every change rejected to the base text (the base as it was before
    the tracked changes it already holds, when ``existing`` keeps them);
    otherwise :class:`OutputError` is raised and nothing is returned.
    """
    from lexamend.render.redline.comments import edit_comments

    if not result.ok:
        raise OutputError("the patches did not apply cleanly; no redline is written", hint="Run `lexamend check` to see which edits fail.")
    amended = result.document
    old_lines, new_lines = document_lines(base_doc), document_lines(amended)
    base = _base_for(base_doc, old_lines, base_source, template, existing)
    language = lang or base_doc.meta.language or "en"

    def specs(steps: Sequence[Step]) -> list[CommentSpec]:
        return edit_comments(steps, base_doc, amended, old_lines, new_lines, result, patches, language)

    changes = changes_by_unit(result.results)

    def ops_for(i: int, j: int) -> tuple[tuple[str, str], ...] | None:
        if base.prefixes[i]:
            return None  # an automatic label is not in the unit's text fields
        return ops_from_changes(old_lines[i].unit, new_lines[j].unit, old_lines[i].text, new_lines[j].text, changes)

    core_date = (date or DEFAULT_DATE) if base.generated else None
    redline = write_redline(
        base,
        old_lines,
        new_lines,
        by_block(old_lines, new_lines),
        stamp=_stamp(author, date),
        comment_specs=specs if comments else None,
        ops_for=ops_for,
        track=track,
        core_date=core_date,
    )
    if verify:
        from lexamend.render.redline.verify import rejected_base, verify_redline

        verify_redline(redline.data, base_doc, amended, tracked=track, rejected=rejected_base(base_source, base_doc) if base_source and not base.generated else None)
    return redline.data


__all__ = ["DEFAULT_AUTHOR", "Redline", "redline_documents", "redline_patches", "write_redline"]
