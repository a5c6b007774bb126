"""Write a planned redline into a base package: the bridge between the plan and the OOXML layer.

For each :class:`~lexamend.render.redline.plan.Step` the old line's paragraph is
left alone (equal), given the word diff (change), or marked deleted; each new
line becomes a new paragraph marked inserted, placed after the paragraph of
the old line before it. Comments are anchored on the revisions of the steps
they are about. The result is the package's bytes with Track Changes switched
on, or — ``track=False`` — the same document with every change accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections import namedtuple

from lxml import etree

from lexamend.errors import InputError
from lexamend.ooxml.accept import resolve_all
from lexamend.ooxml.comments import Comments
from lexamend.ooxml.edit import RevisionConflict, TrackedEditor, depth
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import Stamp
from lexamend.ooxml.settings import set_track_revisions
from lexamend.ooxml.textmap import TextMap
from lexamend.render.redline.base import Base, existing_hint
from lexamend.render.redline.plan import Step, line_ops

_DEL_TAG, _P = qn("w:del"), qn("w:p")

#: Builds the paragraph for a new line: (new line index, paragraph of the old line it follows or None).
NewParagraph = Callable[[int, etree._Element | None], etree._Element]


class CommentSpec(namedtuple("CommentSpec", "steps paragraphs ops", defaults=((),))):
    """A comment on some ``steps`` of the plan, with its ``paragraphs`` of text; ``ops`` narrows it to
    some operations of one changed step."""

    __slots__ = ()


class Written:
    """What writing a plan produced, step by step (for comments and reports)."""

    def __init__(self) -> None:
        self.revisions: list[list[list[etree._Element]]] = []  # step → op → elements
        self.paragraphs: list[etree._Element | None] = []  # step → its paragraph
        self.fallbacks = 0  # paragraphs whose text was replaced as a whole
        self.touched: list[etree._Element] = []  # every element written into (for copying the rest byte for byte)


def write_plan(
    base: Base,
    steps: Sequence[Step],
    new_texts: Sequence[str],
    new_paragraph: NewParagraph,
    *,
    stamp: Stamp,
    comments: Sequence[CommentSpec] = (),
) -> Written:
    """Write ``steps`` into ``base.package`` (in place).

    A table row all of whose lines are deleted is deleted as a row
    (``w:trPr/w:del``), so that accepting the change removes the row instead of
    leaving it empty. Another author's tracked change that a step would alter
    stops the writing with an :class:`~lexamend.errors.InputError`.
    """
    package = base.package
    stamp.next_id = max(stamp.next_id, package.highest_id() + 1)
    editor = TrackedEditor(stamp)
    written = Written()
    upcoming = _next_old_paragraphs(base, steps)
    rows = _deleted_rows(base, steps)
    rows_done: set[etree._Element] = set()
    for step in steps:
        if step.old is not None and step.old in base.joined and step.kind in ("change", "delete"):
            raise _joined_error(base, step.old)
    try:
        _write_steps(base, steps, new_texts, new_paragraph, editor, written, upcoming, rows, rows_done)
    except RevisionConflict as exc:
        raise _conflict_error(base, exc, stamp) from None
    editor.finish()
    written.fallbacks = editor.fallbacks
    written.touched = editor.touched
    if comments:
        _anchor_comments(package, stamp, written, comments)
    return written


def _write_steps(base, steps, new_texts, new_paragraph, editor, written, upcoming, rows, rows_done) -> None:  # type: ignore[no-untyped-def]
    package = base.package
    cursor: etree._Element | None = None
    for position, step in enumerate(steps):
        ops_written: list[list[etree._Element]] = []
        paragraph: etree._Element | None = None
        if step.kind in ("equal", "change", "delete"):
            assert step.old is not None
            paragraph = base.paragraphs[step.old]
            if step.kind == "change":
                assert step.new is not None
                ops = step.ops
                shown = base.shown(step.old)
                if "".join(text for kind, text in ops if kind != "insert") != shown:
                    ops = line_ops(shown, new_texts[step.new])  # the paragraph shows other text than the line
                ops_written = _change(editor, base, step.old, ops, new_texts[step.new])
            elif step.kind == "delete":
                row = rows.get(paragraph)
                if row is None:
                    ops_written = [editor.delete(paragraph)]
                elif row not in rows_done:
                    rows_done.add(row)
                    editor.delete_row(row)
                    ops_written = [[e for e in row.iter(_DEL_TAG) if e.getparent() is not None and e.getparent().tag == _P]]
            cursor = paragraph
        else:
            assert step.new is not None
            paragraph = new_paragraph(step.new, cursor)
            following = upcoming[position]
            if cursor is None and following is not None:
                following.addprevious(paragraph)
            elif cursor is not None and following is not None and depth(following) < depth(cursor):
                following.addprevious(paragraph)  # after a table, not inside its last cell
            elif cursor is not None:
                cursor.addnext(paragraph)
            else:
                from lexamend.ooxml.build import append

                append(package, paragraph)
            ops_written = [editor.insert(paragraph)]
            cursor = paragraph
        written.revisions.append(ops_written)
        written.paragraphs.append(paragraph)


def _deleted_rows(base: Base, steps: Sequence[Step]) -> dict[etree._Element, etree._Element]:
    """Paragraph → its table row, for rows whose every line is deleted by the plan (and nothing is inserted there)."""
    from lexamend.ooxml.stories import paragraphs, row_of

    deleted = {base.paragraphs[s.old] for s in steps if s.kind == "delete" and s.old is not None}
    kept = {base.paragraphs[s.old] for s in steps if s.kind != "delete" and s.old is not None}
    out: dict[etree._Element, etree._Element] = {}
    for p in deleted:
        row = row_of(p)
        if row is None or row in out.values():
            continue
        inside = list(paragraphs(row))
        if any(q in kept for q in inside):
            continue
        if all(q in deleted or not TextMap(q).text for q in inside):
            for q in inside:
                out[q] = row
    return out


def _joined_error(base: Base, index: int) -> InputError:
    return InputError(
        base.package.path or "base.docx",
        f"line «{base.shown(index)[:60]}» joins paragraphs another author's tracked change merged; "
        "changing it on top of that change is not well-defined",
        hint=existing_hint(),
    )


def _conflict_error(base: Base, exc: RevisionConflict, stamp: Stamp) -> InputError:
    from lexamend.ooxml.stories import revisions_in

    count, authors = revisions_in(base.package, skip_ids=stamp.issued)  # the other authors' only, not ours so far
    where = f" (paragraph «{TextMap(exc.paragraph).text[:60]}»)" if exc.paragraph is not None else ""
    return InputError(
        base.package.path or "base.docx",
        f"holds {count} tracked change(s) by {', '.join(authors) or 'an unknown author'}, and {exc}{where}; "
        "adding a revision on top of another author's change there is not well-defined",
        hint=existing_hint(),
    )


def _change(editor: TrackedEditor, base: Base, index: int, ops: Sequence[tuple[str, str]], new_text: str) -> list[list[etree._Element]]:
    prefix = base.prefixes[index]
    p = base.paragraphs[index]
    if prefix and not (ops and ops[0][0] == "equal" and ops[0][1].startswith(prefix)):
        # The automatic label changed: Word numbers the paragraph, so the new label
        # can only be shown by typing it and switching numbering off for this paragraph.
        editor.numbering_off(p)
        return editor.change(p, line_ops(base.texts[index], new_text))
    return editor.change(p, ops, prefix=len(prefix))


def _next_old_paragraphs(base: Base, steps: Sequence[Step]) -> list[etree._Element | None]:
    """For each step, the paragraph of the next old line at or after it (where an insertion goes before)."""
    out: list[etree._Element | None] = [None] * len(steps)
    following: etree._Element | None = None
    for position in range(len(steps) - 1, -1, -1):
        step = steps[position]
        if step.old is not None:
            following = base.paragraphs[step.old]
        out[position] = following
    return out


def _anchor_comments(package, stamp: Stamp, written: Written, specs: Sequence[CommentSpec]) -> None:  # type: ignore[no-untyped-def]
    comments = Comments(package, stamp)
    for spec in specs:
        elements: list[etree._Element] = []
        for step in spec.steps:
            per_op = written.revisions[step] if step < len(written.revisions) else []
            chosen = [per_op[i] for i in spec.ops if i < len(per_op)] if spec.ops and len(spec.steps) == 1 else per_op
            for group in chosen:
                elements.extend(group)
        if not elements:
            # Nothing was revised there (the edit left the text as it was): anchor on the paragraph.
            paragraphs = [written.paragraphs[s] for s in spec.steps if s < len(written.paragraphs) and written.paragraphs[s] is not None]
            runs = [r for p in paragraphs for r in p if r.tag.endswith("}r")]  # type: ignore[union-attr]
            if not runs:
                continue
            elements = runs
        comments.add(elements[0], elements[-1], list(spec.paragraphs))
        written.touched.extend((elements[0], elements[-1]))


def finish_package(base: Base, *, track: bool, written: Written | None = None) -> None:
    """Switch Track Changes on (a redline), or accept every change (a clean document).

    A redline into a copy of a .docx copies the main part's untouched blocks
    from its source bytes (:meth:`lexamend.ooxml.writer.PackageCopy.splice`).
    """
    if track:
        set_track_revisions(base.package)
        if base.source is not None and written is not None:
            data, spans = base.source
            base.package.splice(base.package.main_part, data, spans, written.touched)
    else:
        resolve_all(base.package.document, accept=True)


__all__ = ["CommentSpec", "NewParagraph", "Written", "finish_package", "write_plan"]
