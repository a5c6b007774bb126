"""Redline two .docx files: the new version's differences written into a copy of the old one.

``lexamend redline --from OLD.docx --to NEW.docx`` reads each package once (one
zip read, one XML parse per part it needs) and hands the two to
:class:`lexamend.render.redline.compare.Comparer`, which compares them story by
story — body, tables, text boxes, notes, headers and footers — and writes
tracked changes. On a long regulation with a hundred edits it must stay fast:

1. the top-level blocks of the two bodies are compared by their exact bytes
   (:func:`lexamend.ooxml.blocks.block_spans`) and the longest common sequence
   of identical blocks anchored before any text is read;
2. only the blocks between anchors are read, paired and diffed;
3. the old main part is written back by splicing: untouched blocks are copied
   from its source bytes (:meth:`lexamend.ooxml.writer.PackageCopy.splice`),
   so the output differs from the input only where the change is, and only
   changed blocks are serialised.

Tracked changes already in the inputs follow ``existing`` (see
:mod:`lexamend.render.redline.base`): "keep" (the default) keeps the old
version's revisions with their authors and dates and reads the new version
with its changes accepted (saying so); "accept"/"reject" resolve both first;
"refuse" stops. With ``moves`` a paragraph the aligner finds moved
(:func:`lexamend.diff.align.align`, which tells a real move from an unrelated
deletion and insertion) is written as ``w:moveFrom``/``w:moveTo``; with
``formatting`` formatting changes are tracked too. :func:`compare_packages`
returns the bytes and notes for the user about what was not tracked.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from lexamend.ooxml import stories
from lexamend.ooxml.blocks import BLOCK_TAGS, block_spans
from lexamend.ooxml.package import DocxPackage, open_package
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import Stamp
from lexamend.ooxml.writer import PackageCopy, serialise
from lexamend.render.redline.base import DEFAULT_EXISTING, refuse_unsafe
from lexamend.render.redline.compare import Comparer, Options
from lexamend.render.redline.pairing import PAIR_MIN_SIMILARITY

_P = qn("w:p")


class PackageRedline:
    """A redline of two .docx files: its bytes, and notes for the user (what was not tracked, and why)."""

    def __init__(self, data: bytes, notes: list[str], revisions: int) -> None:
        self.data = data
        self.notes = notes
        self.revisions = revisions  # revision ids issued

    def __repr__(self) -> str:
        return f"PackageRedline({len(self.data)} bytes, {self.revisions} revisions, notes={self.notes!r})"


_STYLE_USE = re.compile(rb'<w:pStyle w:val="([^"]+)"')


def _labels(package: DocxPackage, blocks: list[etree._Element], data: bytes) -> Callable[[int], str | None]:
    """The automatic numbering label Word shows before each top-level paragraph (by block index)."""
    cache: dict[int, str | None] | None = None

    def label(index: int) -> str | None:
        nonlocal cache
        if cache is None:
            cache = {}
            if (b"numPr" in data or _styles_number(package, {m.decode() for m in _STYLE_USE.findall(data)})) and package.numbering is not None:
                from lexamend.ooxml.numbering import NumberingEvaluator
                from lexamend.ooxml.styles import StyleSheet

                evaluator = NumberingEvaluator(package.numbering, StyleSheet(package.styles))
                top = {id(block): position for position, block in enumerate(blocks)}
                for p in package.body.iter(_P):
                    value = evaluator.label(p)
                    if id(p) in top:
                        cache[top[id(p)]] = value
        return cache.get(index)

    return label


_DEFAULT_STYLE = re.compile(rb'<w:style\b[^>]*\bw:default="(?:1|true|on)"[^>]*>')
_STYLE_ID_ATTR = re.compile(rb'w:styleId="([^"]+)"')
_BASED_ON = re.compile(rb'<w:basedOn w:val="([^"]+)"')


def _styles_number(package: DocxPackage, used: set[str]) -> bool:
    """Whether any paragraph style in use (or the default one) carries list numbering, itself or by basedOn.

    Read from the bytes of the style sheet: Word's default one is hundreds of
    kilobytes of latent styles, and parsing it would cost more than the rest of the check.
    """
    data = package.read(package.relationships(package.main_part).get("/styles", "word/styles.xml")) or b""
    if b"numPr" not in data:
        return False
    if b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"' not in data:
        return True  # another prefix: let the evaluator decide
    wanted = set(used)
    for match in _DEFAULT_STYLE.finditer(data):
        if b'w:type="paragraph"' in match.group(0):
            found = _STYLE_ID_ATTR.search(match.group(0))
            if found:
                wanted.add(found.group(1).decode())
    for style in wanted:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            at = data.find(f'w:styleId="{style}"'.encode())
            if at < 0:
                break
            end = data.find(b"</w:style>", at)
            block = data[at : end if end >= 0 else len(data)]
            if b"<w:numPr" in block:
                return True
            based = _BASED_ON.search(block)
            style = based.group(1).decode() if based else ""
    return False


def _body_keys(package: PackageCopy, data: bytes | None) -> tuple[list[etree._Element], list[bytes], list[tuple[int, int] | None] | None]:
    """The body's blocks, their exact bytes, and the spans of all body children in ``data`` (None if not cut)."""
    body = package.body
    children = list(body)
    tags = [child.tag for child in children]
    spans = block_spans(children, data, tags=tags)
    blocks = [child for child, tag in zip(children, tags) if tag in BLOCK_TAGS]
    if spans is None or data is None:
        return blocks, [etree.tostring(b, method="c14n", exclusive=True) for b in blocks], None
    keys = [data[span[0] : span[1]] for span in spans if span is not None]  # spans are those of the blocks
    return blocks, keys, spans


def _describe_existing(count: int, authors: tuple[str, ...]) -> str:
    return f"{count} tracked change(s) by {', '.join(authors) or 'an unknown author'}"


def compare_packages(
    old_data: bytes,
    new_data: bytes,
    *,
    old_path: str = "old.docx",
    new_path: str = "new.docx",
    author: str = "lexamend",
    date: str | None = None,
    lang: str | None = None,
    track: bool = True,
    existing: str = DEFAULT_EXISTING,
    moves: bool = False,
    formatting: bool = False,
) -> PackageRedline:
    """The redline of ``new_data`` against ``old_data`` (two .docx), with notes for the user."""
    from lexamend.errors import InputError

    notes: list[str] = []
    base_copy = refuse_unsafe(old_data, old_path, existing=existing)
    old_package = base_copy.source
    assert old_package is not None
    new_package = open_package(new_data, new_path)
    new_copy = PackageCopy.from_package(new_package)
    resolved_old = existing in ("accept", "reject")
    resolved_new = False
    if stories.may_have_revisions(new_copy):
        count, authors = stories.revisions_in(new_copy)
        if count:
            if existing == "refuse":
                from lexamend.render.redline.base import existing_hint

                raise InputError(new_path, f"holds {_describe_existing(count, authors)}; refusing to compare (--existing refuse)", hint=existing_hint())
            accept = existing != "reject"
            stories.resolve_stories(new_copy, accept=accept)
            resolved_new = True
            notes.append(f"{new_path}: its {_describe_existing(count, authors)} were read {'accepted' if accept else 'rejected'}")
    if resolved_old:
        notes.append(f"{old_path}: its tracked changes were {'accepted' if existing == 'accept' else 'rejected'} before comparing")
    elif existing == "keep" and stories.may_have_revisions(base_copy):
        count, authors = stories.revisions_in(base_copy)
        if count:
            notes.append(f"{old_path}: its {_describe_existing(count, authors)} are kept; the new revisions are added where they do not touch them")

    old_source = old_package.read(old_package.main_part) if not resolved_old else serialise(base_copy.document)
    new_source = new_package.read(new_package.main_part) if not resolved_new else serialise(new_copy.document)
    old_blocks, old_keys, old_spans = _body_keys(base_copy, old_source)
    span_map = dict(zip(base_copy.body, old_spans)) if old_spans is not None else None  # the body's children as read
    old_refers = old_source is None or b"Reference" in old_source or b" r:" in old_source
    new_blocks, new_keys, _ = _body_keys(new_copy, new_source)

    stamp = Stamp(author=author, date=date)
    stamp.next_id = base_copy.highest_id() + 1
    comparer = Comparer(base_copy, new_copy, stamp, Options(formatting=formatting, moves=moves, lang=lang), old_path=old_path)
    comparer.anchors_refer = old_refers
    if moves:
        comparer.moves_old, comparer.moves_new = _move_pairs(base_copy, new_copy, old_blocks, new_blocks, old_data, new_data, lang)
    comparer.body(old_blocks, new_blocks, old_keys, new_keys, _labels(old_package, old_blocks, old_source or b""), _labels(new_package, new_blocks, new_source or b""))
    comparer.headers = any(b"headerReference" in data or b"footerReference" in data for data in (old_source or b"", new_source or b""))
    comparer.other_stories()
    comparer.editor.finish()
    if comparer.notes_copied:
        for kind in ("footnotes", "endnotes"):
            comparer.editor.touched.extend(stories.renumber_notes(base_copy, kind))
    if track:
        from lexamend.ooxml.settings import set_track_revisions

        set_track_revisions(base_copy)
    else:
        from lexamend.ooxml.accept import resolve_all

        for _, root in stories.story_roots(base_copy, editable=True):
            resolve_all(root, accept=True)
    if span_map is not None and track and not resolved_old and not comparer.structure_changed:
        base_copy.splice(base_copy.main_part, old_source or b"", span_map, comparer.editor.touched)
    if comparer.formatting_untracked and not formatting:
        notes.append(
            f"{comparer.formatting_untracked} paragraph(s) changed formatting; formatting changes are not tracked "
            "(the redline shows text changes only; use --formatting to track them)"
        )
    dropped = comparer._importer.dropped_comments if comparer._importer is not None else 0
    if dropped:
        notes.append(f"{new_path}: {dropped} comment(s) on inserted text were not carried over (comments of {old_path} are kept)")
    return PackageRedline(base_copy.to_bytes(), notes, len(stamp.issued))


def redline_packages(old_data: bytes, new_data: bytes, **options) -> bytes:  # type: ignore[no-untyped-def]
    """The redline's bytes (see :func:`compare_packages` for the options)."""
    return compare_packages(old_data, new_data, **options).data


def _move_pairs(
    old: PackageCopy, new: PackageCopy, old_blocks: list[etree._Element], new_blocks: list[etree._Element], old_data: bytes, new_data: bytes, lang: str | None
) -> tuple[dict[int, str], dict[int, str]]:
    """Top-level paragraphs the aligner finds moved (or carried with a moved unit): names of the moves by block index."""
    from lexamend.diff.align import align
    from lexamend.parse import parse_bytes
    from lexamend.parse.docx import paragraph_ordinals
    from lexamend.render.redline.lines import document_lines, unit_line_index
    from lexamend.render.redline.matching import _pair_lines

    old_doc = parse_bytes(old_data, "old.docx", fmt="docx", lang=lang)
    new_doc = parse_bytes(new_data, "new.docx", fmt="docx", lang=old_doc.meta.language or lang)
    old_lines, new_lines = document_lines(old_doc), document_lines(new_doc)
    old_index, new_index = unit_line_index(old_lines), unit_line_index(new_lines)
    old_top = _top_positions(old.body, old_blocks)
    new_top = _top_positions(new.body, new_blocks)

    def block_of(doc, lines, top, line):  # type: ignore[no-untyped-def]
        block = lines[line].block
        if block is None:
            return None
        ordinals = paragraph_ordinals(doc.blocks[block])
        return top.get(ordinals[0]) if len(ordinals) == 1 else None

    moves_old: dict[int, str] = {}
    moves_new: dict[int, str] = {}
    for pair in align(old_doc, new_doc).pairs:
        if pair.old is None or pair.new is None or not (pair.moved or pair.carried):
            continue
        olds = old_index.get(id(pair.old.unit), [])
        news = new_index.get(id(pair.new.unit), [])
        for a, b in _pair_lines(olds, news, old_lines, new_lines):
            i, j = block_of(old_doc, old_lines, old_top, a), block_of(new_doc, new_lines, new_top, b)
            if i is not None and j is not None and i not in moves_old and j not in moves_new:
                name = f"move{len(moves_old) + 1}"
                moves_old[i], moves_new[j] = name, name
    return moves_old, moves_new


def _top_positions(body: etree._Element, blocks: list[etree._Element]) -> dict[int, int]:
    """Paragraph ordinal (in ``body.iter(w:p)``) → index in ``blocks``, for top-level paragraphs."""
    position = {id(block): index for index, block in enumerate(blocks)}
    return {ordinal: position[id(p)] for ordinal, p in enumerate(body.iter(_P)) if id(p) in position}


__all__ = ["PAIR_MIN_SIMILARITY", "PackageRedline", "compare_packages", "redline_packages"]
