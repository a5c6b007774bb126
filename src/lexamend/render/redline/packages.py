"""Redline two .docx files fast: anchor identical paragraphs, align only what changed.

``lexamend redline --from OLD.docx --to NEW.docx`` on a long regulation with a
hundred edits should not parse two thousand unchanged paragraphs into clause
trees. This module reads each package once (one zip read, one XML parse) and:

1. compares the top-level blocks of the two bodies by their exact markup
   (:func:`lexamend.ooxml.blocks.block_keys`) and anchors the longest common
   sequence of identical blocks (:class:`difflib.SequenceMatcher`); identical
   paragraphs are "same" in any alignment, so nothing is lost by not parsing them;
2. reads the text (:class:`lexamend.ooxml.textmap.TextMap`) of the paragraphs
   between anchors only, pairs paragraphs of equal text, then pairs the rest the
   way :func:`lexamend.diff.align.align` does — a one-for-one stretch is one
   amended paragraph when its wordings are at least :data:`PAIR_MIN_SIMILARITY`
   alike (the aligner's threshold for a unit amended in place); longer stretches are
   parsed into clause trees (the paragraphs of the stretch only) and aligned by
   :func:`~lexamend.diff.align.align` (number, then similarity);
3. writes the plan into a copy of the old package, new paragraphs copied from
   the new package with their formatting.

A paragraph moved across others is shown deleted and inserted, as in the other
redline modes. Paragraph formatting that changed without the text is not
tracked. When the bodies hold what this path does not handle — a changed
table or content control, tracked changes in the new version, fields or
other locked content in a changed paragraph — :func:`redline_packages`
returns None and the caller parses both documents instead.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from lxml import etree

from lexamend.ooxml.blocks import block_keys
from lexamend.ooxml.package import DocxPackage, open_package
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import Stamp, has_revisions
from lexamend.ooxml.textmap import TextMap
from lexamend.render.redline.base import Base, refuse_unsafe
from lexamend.render.redline.plan import Step, line_ops, monotone, similarity

#: A one-for-one changed stretch is one amended paragraph when at least this share of its words
#: is unchanged (:func:`~lexamend.render.redline.plan.similarity`); otherwise it is a deletion and
#: an insertion. The same value as :data:`lexamend.diff.align.ADDRESS_MIN_SIMILARITY`, which is
#: not imported here because it would load the aligner (and rapidfuzz) for every run; a test
#: keeps the two equal.
PAIR_MIN_SIMILARITY = 0.35
from lexamend.render.redline.writer import finish_package, write_plan

_P, _PPR, _PSTYLE, _NUMPR = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:numPr")
_SECT_PR = qn("w:sectPr")
#: Top-level blocks other than paragraphs; a changed one needs the full path.
_BLOCKS = frozenset({qn("w:tbl"), qn("w:sdt"), qn("w:sectPr"), qn("w:customXml"), qn("w:altChunk")})
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
#: Elements dropped from a paragraph copied into the other package: they point at its other parts by id.
_UNPORTABLE = frozenset(
    qn(tag)
    for tag in (
        "w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart", "w:commentRangeEnd", "w:commentReference",
        "w:footnoteReference", "w:endnoteReference", "w:permStart", "w:permEnd", "w:proofErr",
    )
)  # fmt: skip


class _Unsupported(Exception):
    """This pair of packages needs the full (parse both documents) path."""


class _Side:
    """One version: its package, its top-level blocks and, lazily, the text of its paragraphs."""

    def __init__(self, package: DocxPackage, data: bytes | None) -> None:
        self.package = package
        self.data = data or b""
        self.body = package.body
        self.blocks = list(self.body)
        self.paragraph = [block.tag == _P for block in self.blocks]
        self.keys = block_keys(self.body, data)
        self._text: dict[int, str] = {}
        self._labels: dict[int, str | None] | None = None

    def text(self, index: int) -> str:
        if index not in self._text:
            tm = TextMap(self.blocks[index])
            if not tm.simple:
                raise _Unsupported("a changed paragraph holds fields or other locked content")
            self._text[index] = tm.text
        return self._text[index]

    def is_paragraph(self, index: int) -> bool:
        return self.paragraph[index]

    def label(self, index: int) -> str | None:
        """The automatic numbering label Word shows before a paragraph (None if unnumbered)."""
        if self._labels is None:
            self._labels = _labels(self.package, self.blocks, self.data)
        return self._labels.get(index)


_STYLE_USE = re.compile(rb'<w:pStyle w:val="([^"]+)"')


def _labels(package: DocxPackage, blocks: list[etree._Element], data: bytes) -> dict[int, str | None]:
    """Automatic numbering labels of the body's top-level paragraphs, when any paragraph is numbered."""
    if b"numPr" not in data and not _styles_number(package, {m.decode() for m in _STYLE_USE.findall(data)}):
        return {}  # no paragraph is numbered automatically
    if package.numbering is None:
        return {}
    from lexamend.ooxml.numbering import NumberingEvaluator
    from lexamend.ooxml.styles import StyleSheet

    evaluator = NumberingEvaluator(package.numbering, StyleSheet(package.styles))
    top = {id(block): index for index, block in enumerate(blocks)}
    labels: dict[int, str | None] = {}
    for p in package.body.iter(_P):
        label = evaluator.label(p)
        if id(p) in top:
            labels[top[id(p)]] = label
    return labels


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


def common_blocks(a: Sequence[bytes], b: Sequence[bytes]) -> list[tuple[int, int]]:
    """Pairs of equal keys in the same order: a patience diff (unique keys first), then their neighbours.

    Keys that occur once in each version are matched and the longest run of
    them in the same order kept; each anchor is extended to the equal keys
    around it; stretches left between anchors are matched by
    :class:`difflib.SequenceMatcher`, which is quadratic only in their (small) size.

    >>> common_blocks([b"a", b"x", b"b", b"c"], [b"a", b"b", b"y", b"c"])
    [(0, 0), (2, 1), (3, 3)]
    """
    count_a: dict[bytes, int] = {}
    for key in a:
        count_a[key] = count_a.get(key, 0) + 1
    count_b: dict[bytes, int] = {}
    where_b: dict[bytes, int] = {}
    for j, key in enumerate(b):
        count_b[key] = count_b.get(key, 0) + 1
        where_b[key] = j
    unique = [(i, where_b[key]) for i, key in enumerate(a) if count_a[key] == 1 and count_b.get(key) == 1]
    anchors = monotone(unique)
    matched: list[tuple[int, int]] = []
    i = j = 0
    for ai, aj in [*anchors, (len(a), len(b))]:
        # extend forward from the previous anchor and backward from this one, then match what is left
        lo_i, lo_j = i, j
        while lo_i < ai and lo_j < aj and a[lo_i] == b[lo_j]:
            matched.append((lo_i, lo_j))
            lo_i, lo_j = lo_i + 1, lo_j + 1
        hi_i, hi_j = ai, aj
        tail: list[tuple[int, int]] = []
        while hi_i > lo_i and hi_j > lo_j and a[hi_i - 1] == b[hi_j - 1]:
            hi_i, hi_j = hi_i - 1, hi_j - 1
            tail.append((hi_i, hi_j))
        if hi_i > lo_i and hi_j > lo_j:
            gap = SequenceMatcher(None, a[lo_i:hi_i], b[lo_j:hi_j], autojunk=False)
            for x, y, size in gap.get_matching_blocks():
                matched.extend((lo_i + x + k, lo_j + y + k) for k in range(size))
        matched.extend(reversed(tail))
        if ai < len(a):
            matched.append((ai, aj))
        i, j = ai + 1, aj + 1
    return matched


def _hunks(old: _Side, new: _Side) -> tuple[list[tuple[int, int]], list[tuple[int, int, int, int]]]:
    """Identical blocks (anchors) and the stretches between them."""
    anchors = common_blocks(old.keys, new.keys)
    hunks: list[tuple[int, int, int, int]] = []
    i = j = 0
    for ai, aj in [*anchors, (len(old.keys), len(new.keys))]:
        if ai > i or aj > j:
            hunks.append((i, ai, j, aj))
        i, j = ai + 1, aj + 1
    return anchors, hunks


def _pair_hunk(
    old: _Side, new: _Side, hunk: tuple[int, int, int, int], lang: str | None, diffs: dict[tuple[int, int], tuple[tuple[str, str], ...]]
) -> list[tuple[int, int]]:
    """Pairs of paragraphs that are one paragraph in both versions, inside one changed stretch (in order).

    Word diffs computed on the way are kept in ``diffs`` for the plan.
    """
    i1, i2, j1, j2 = hunk
    for side, indices in ((old, range(i1, i2)), (new, range(j1, j2))):
        for index in indices:
            if side.blocks[index].tag in _BLOCKS:
                raise _Unsupported("a table, content control or section changed")
    olds = [i for i in range(i1, i2) if old.is_paragraph(i)]
    news = [j for j in range(j1, j2) if new.is_paragraph(j)]
    if not olds or not news:
        return []
    old_text = {i: old.text(i) for i in olds}
    new_text = {j: new.text(j) for j in news}
    # Paragraphs whose text did not change (their formatting did).
    same = SequenceMatcher(None, [old_text[i] for i in olds], [new_text[j] for j in news], autojunk=False)
    pairs = [(olds[a + k], news[b + k]) for a, b, size in same.get_matching_blocks() for k in range(size)]
    taken_old = {i for i, _ in pairs}
    taken_new = {j for _, j in pairs}
    rest_old = [i for i in olds if i not in taken_old]
    rest_new = [j for j in news if j not in taken_new]
    if len(rest_old) == 1 and len(rest_new) == 1:
        a, b = rest_old[0], rest_new[0]
        diffs[(a, b)] = line_ops(old_text[a], new_text[b], restate=False)
        if similarity(diffs[(a, b)]) >= PAIR_MIN_SIMILARITY:
            pairs.append((a, b))
    elif rest_old and rest_new:
        pairs.extend(_align_stretch(old, new, rest_old, rest_new, old_text, new_text, lang))
    return monotone(pairs)


def _align_stretch(
    old: _Side, new: _Side, olds: list[int], news: list[int], old_text: dict[int, str], new_text: dict[int, str], lang: str | None
) -> list[tuple[int, int]]:
    """Parse the paragraphs of a stretch into clause trees and align them unit by unit."""
    from lexamend.diff.align import align
    from lexamend.model import Block, Metadata
    from lexamend.parse.lang import detect_language
    from lexamend.parse.text import document_from_blocks
    from lexamend.render.redline.lines import document_lines
    from lexamend.render.redline.matching import by_alignment

    language = lang or detect_language(" ".join(old_text.values()))

    def document(side: _Side, indices: list[int], texts: dict[int, str]):  # type: ignore[no-untyped-def]
        blocks = []
        for index in indices:
            label = side.label(index)
            if not texts[index] and not label:
                continue
            blocks.append(Block(index=len(blocks), origin=f"p {index + 1}", line=index + 1, raw=texts[index], label_auto=label))
        doc = document_from_blocks(blocks, meta=Metadata(language=language), lang=language, source_format="docx")
        return doc, [blocks[line.block].line - 1 if line.block is not None else -1 for line in document_lines(doc)]

    old_doc, old_where = document(old, olds, old_text)
    new_doc, new_where = document(new, news, new_text)
    matches = by_alignment(align(old_doc, new_doc), document_lines(old_doc), document_lines(new_doc))
    return [(old_where[a], new_where[b]) for a, b in matches if old_where[a] >= 0 and new_where[b] >= 0]


def _plan(
    old: _Side, new: _Side, anchors: list[tuple[int, int]], pairs: list[tuple[int, int]], diffs: dict[tuple[int, int], tuple[tuple[str, str], ...]]
) -> list[Step]:
    """Steps over the two bodies' blocks: anchors are equal without reading their text.

    Anchors are in order, and each stretch's pairs lie between two anchors in
    order, so sorting their union keeps both indices increasing.
    """
    anchor_set = set(anchors)
    steps: list[Step] = []
    i = j = 0
    for mi, mj in sorted([*anchors, *pairs]):
        if mi > i:
            steps.extend(Step("delete", k) for k in range(i, mi) if old.paragraph[k])
        if mj > j:
            steps.extend(Step("insert", None, k) for k in range(j, mj) if new.paragraph[k])
        if (mi, mj) in anchor_set or not old.paragraph[mi]:
            steps.append(Step("equal", mi, mj))
        else:
            a, b = _shown(old, mi, new, mj)
            if a == b:
                steps.append(Step("equal", mi, mj))
            else:
                steps.append(Step("change", mi, mj, line_ops(a, b, diff=diffs.get((mi, mj)))))
        i, j = mi + 1, mj + 1
    steps.extend(Step("delete", k) for k in range(i, len(old.blocks)) if old.is_paragraph(k))
    steps.extend(Step("insert", None, k) for k in range(j, len(new.blocks)) if new.is_paragraph(k))
    return steps


def _shown(old: _Side, i: int, new: _Side, j: int) -> tuple[str, str]:
    """The texts to diff: automatic labels left out when Word numbers both paragraphs (it renumbers them itself)."""
    a, b = old.text(i), new.text(j)
    old_label, new_label = old.label(i), new.label(j)
    if old_label and not new_label:
        raise _Unsupported("a paragraph lost its automatic numbering")
    if new_label and not old_label:
        raise _Unsupported("a paragraph gained automatic numbering")
    return a, b


def _numbering_bytes(package: DocxPackage) -> bytes | None:
    name = package.relationships(package.main_part).get("/numbering")
    return package.read(name) if name else None


def _portable(p: etree._Element, styles: set[str], same_numbering: bool) -> etree._Element:
    """A copy of a paragraph of the new package that is valid in the old one."""
    out = copy.deepcopy(p)
    for element in list(out.iter()):
        if element.tag in _UNPORTABLE:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
        elif any(name.startswith(_R_NS) for name in element.attrib):
            raise _Unsupported("a new paragraph refers to other parts (hyperlink, image, note)")
    ppr = out.find(_PPR)
    if ppr is not None:
        style = ppr.find(_PSTYLE)
        if style is not None and style.get(qn("w:val")) not in styles:
            ppr.remove(style)
        if ppr.find(_NUMPR) is not None and not same_numbering:
            raise _Unsupported("a new numbered paragraph uses another numbering definition")
        for child in ppr.findall(qn("w:pPrChange")) + ppr.findall(_SECT_PR):
            ppr.remove(child)
    return out


def redline_packages(
    old_data: bytes,
    new_data: bytes,
    *,
    old_path: str = "old.docx",
    new_path: str = "new.docx",
    author: str = "lexamend",
    date: str | None = None,
    lang: str | None = None,
    track: bool = True,
) -> bytes | None:
    """The redline of ``new_data`` against ``old_data`` (two .docx), or None when the full path is needed."""
    base_copy = refuse_unsafe(old_data, old_path)
    new_package = open_package(new_data, new_path)
    if has_revisions(new_package.body):
        return None  # the new version's own tracked changes: read it with them accepted instead
    old_package = base_copy.source
    assert old_package is not None
    old = _Side(old_package, old_package.read(old_package.main_part))
    new = _Side(new_package, new_package.read(new_package.main_part))
    try:
        anchors, hunks = _hunks(old, new)
        diffs: dict[tuple[int, int], tuple[tuple[str, str], ...]] = {}
        pairs = [pair for hunk in hunks for pair in _pair_hunk(old, new, hunk, lang, diffs)]
        steps = _plan(old, new, anchors, pairs, diffs)
        base = Base(base_copy, old.blocks, _LazyTexts(old), _NoPrefix(), generated=False)
        styles = base_copy.style_ids()
        same_numbering = _numbering_bytes(old_package) == _numbering_bytes(new_package)
        copies = {step.new: _portable(new.blocks[step.new], styles, same_numbering) for step in steps if step.kind == "insert"}
    except _Unsupported:
        return None

    def new_paragraph(index: int, cursor: etree._Element | None) -> etree._Element:
        return copies[index]

    write_plan(base, steps, _LazyTexts(new), new_paragraph, stamp=Stamp(author=author, date=date))
    finish_package(base, track=track)
    return base_copy.to_bytes()


class _LazyTexts:
    """Paragraph texts of the old side, read only when the writer asks."""

    def __init__(self, side: _Side) -> None:
        self.side = side

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        return self.side.text(index)

    def __len__(self) -> int:
        return len(self.side.blocks)


class _NoPrefix:
    """No automatic labels in the diffed texts (Word renumbers paragraphs itself)."""

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        return ""

    def __len__(self) -> int:
        return 0


__all__ = ["redline_packages"]
