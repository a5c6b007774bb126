"""The stories of a package and the structure inside them, for comparing two versions block by block.

A WordprocessingML document is not one text: besides the body there are
headers and footers (parts referenced from each section's ``w:sectPr``),
footnotes and endnotes (one story per note, in the notes parts), comments, and
text boxes (``w:txbxContent`` inside a drawing or VML shape, often twice: in
an ``mc:AlternateContent`` choice for current Word and in its fallback for
older readers). Inside a story, blocks are paragraphs, tables (rows of cells,
each cell a story of its own) and block-level content controls.

The functions here answer structural questions by kind name ("paragraph",
"table", "control"), so that the comparison logic in
:mod:`lexamend.render.redline.compare` never needs a tag name:

* :func:`blocks`, :func:`kind`, :func:`rows`, :func:`cells`, :func:`grid`,
  :func:`control_content`, :func:`control_key`, :func:`textboxes`,
  :func:`note_refs`, :func:`notes` — reading;
* :func:`place_after`, :func:`place_first` — where a copied block goes;
* :func:`header_footer_pairs` — the header and footer parts of two versions,
  section by section;
* :func:`story_roots`, :func:`revisions_in`, :func:`resolve_stories` — every
  story part, the tracked changes already in them (how many, by whom), and
  accepting or rejecting them all (``--existing accept|reject``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from lexamend.ooxml.accept import resolve_all
from lexamend.ooxml.parser import qn
from lexamend.ooxml.writer import PackageCopy

_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_SDT_CONTENT, _SDT_PR = qn("w:sdtContent"), qn("w:sdtPr")
_TXBX, _FALLBACK, _ALTERNATE = qn("w:txbxContent"), qn("mc:Fallback"), qn("mc:AlternateContent")
_SECT_PR, _PPR, _RPR = qn("w:sectPr"), qn("w:pPr"), qn("w:rPr")
_FOOTNOTE_REF, _ENDNOTE_REF = qn("w:footnoteReference"), qn("w:endnoteReference")
_W_ID, _W_VAL = qn("w:id"), qn("w:val")
_HYPERLINK = qn("w:hyperlink")
_DEL, _MOVE_FROM = qn("w:del"), qn("w:moveFrom")
_KINDS = {_P: "paragraph", _TBL: "table", _SDT: "control"}
#: Children of a cell, text box or content control that come before its blocks.
_PROPERTIES = frozenset({qn("w:tcPr"), _SDT_PR, qn("w:sdtEndPr"), qn("w:tblPr"), qn("w:tblGrid"), qn("w:trPr"), qn("w:tblPrEx")})
_REVISION_TAG = re.compile(
    rb"<w:(?:ins|del|moveFrom|moveTo|pPrChange|rPrChange|sectPrChange|tblPrChange|tblPrExChange|trPrChange|tcPrChange"
    rb"|tblGridChange|cellIns|cellDel|cellMerge|numberingChange)[\s>/]"
)
_STORY_PART = re.compile(r"word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml$", re.I)
_REFERENCES = {"header": qn("w:headerReference"), "footer": qn("w:footerReference")}


def kind(element: etree._Element) -> str:
    """"paragraph", "table", "control" (block-level content control) or "other"."""
    return _KINDS.get(element.tag, "other")


def blocks(container: etree._Element) -> list[etree._Element]:
    """The blocks of a story container (body, cell, text box, note, header, control content), in order."""
    return list(container.iterchildren(_P, _TBL, _SDT))


def paragraphs(element: etree._Element) -> Iterator[etree._Element]:
    """Every paragraph under an element (nested ones included), in document order."""
    return element.iter(_P)


def hyperlinks(p: etree._Element) -> Iterator[etree._Element]:
    return p.iter(_HYPERLINK)


def row_of(element: etree._Element) -> etree._Element | None:
    """The innermost table row an element is in (None outside tables)."""
    for ancestor in element.iterancestors(_TR):
        return ancestor
    return None


_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def relationship_ids(element: etree._Element) -> list[str]:
    """Every relationship id an element's markup uses (``r:embed``, ``r:id``, ``r:link`` …), in order."""
    return [value for node in element.iter() if isinstance(node.tag, str) for name, value in node.attrib.items() if name.startswith(_R_NS)]


def rows(table: etree._Element) -> list[etree._Element]:
    return table.findall(_TR)


def cells(row: etree._Element) -> list[etree._Element]:
    return row.findall(_TC)


def cell_spans(row: etree._Element) -> tuple[int, ...]:
    """How many grid columns each cell of a row spans (``w:gridSpan``), with the row's skipped columns."""
    out = []
    for cell in cells(row):
        span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        out.append(int(span.get(_W_VAL, "1")) if span is not None and span.get(_W_VAL, "1").isdigit() else 1)
    before = row.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    return (int(before.get(_W_VAL, "0")) if before is not None and before.get(_W_VAL, "0").isdigit() else 0, *out)


def grid(table: etree._Element) -> int:
    """The number of grid columns of a table."""
    found = table.find(qn("w:tblGrid"))
    return len(found.findall(qn("w:gridCol"))) if found is not None else 0


def control_content(control: etree._Element) -> etree._Element | None:
    return control.find(_SDT_CONTENT)


def control_key(control: etree._Element) -> tuple[str, str]:
    """(tag, alias) of a content control: what names it across versions ("" when unnamed)."""
    pr = control.find(_SDT_PR)
    if pr is None:
        return ("", "")
    tag, alias = pr.find(qn("w:tag")), pr.find(qn("w:alias"))
    return (tag.get(_W_VAL, "") if tag is not None else "", alias.get(_W_VAL, "") if alias is not None else "")


def textboxes(run: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """The text box contents of a run: (preferred ones, markup-compatibility fallback ones), outermost only."""
    preferred: list[etree._Element] = []
    fallback: list[etree._Element] = []
    for content in run.iter(_TXBX):
        nested = in_fallback = False
        for ancestor in content.iterancestors():
            if ancestor is run:
                break
            if ancestor.tag == _TXBX:
                nested = True  # inside another text box of this run: compared with that one's content
                break
            if ancestor.tag == _FALLBACK:
                in_fallback = True
        if not nested:
            (fallback if in_fallback else preferred).append(content)
    return preferred, fallback


def note_refs(element: etree._Element) -> list[tuple[str, str]]:
    """The footnote and endnote references under an element, in order: ("footnotes"|"endnotes", id)."""
    return [("footnotes" if ref.tag == _FOOTNOTE_REF else "endnotes", ref.get(_W_ID, "")) for ref in element.iter(_FOOTNOTE_REF, _ENDNOTE_REF)]


def note_ref_of(run: etree._Element) -> tuple[str, str] | None:
    refs = note_refs(run)
    return refs[0] if refs else None


def notes(package: PackageCopy, kind_name: str, *, editable: bool = False) -> dict[str, etree._Element]:
    """The notes of a notes part ("footnotes" or "endnotes") by id; empty when there is none."""
    name = package.related_part(package.main_part, kind_name)
    if name is None:
        return {}
    root = package.xml(name) if editable else package.peek(name)
    if root is None:
        return {}
    return {note.get(_W_ID, ""): note for note in root}


def notes_part(package: PackageCopy, kind_name: str) -> str | None:
    return package.related_part(package.main_part, kind_name)


_REF_TAGS = {"footnotes": _FOOTNOTE_REF, "endnotes": _ENDNOTE_REF}


def renumber_notes(package: PackageCopy, kind_name: str) -> list[etree._Element]:
    """Number the notes in the order of their references, when a redline left them out of order.

    Word numbers footnotes and endnotes (``w:id``) in the order of their
    references whenever it saves, and LibreOffice relies on that order: it
    gives the k-th reference the k-th note by id, whatever id the reference
    names. A note copied in for an inserted reference gets the next free id,
    which is out of order when the reference comes before older ones; then every
    reference and note is renumbered in document order (the notes part is
    rewritten in that order too). Returns the paragraphs whose references changed.
    """
    name = notes_part(package, kind_name)
    if name is None or package.peek(name) is None:
        return []
    references = list(package.document.iter(_REF_TAGS[kind_name]))
    ids = [ref.get(_W_ID, "") for ref in references]
    numbers = [int(i) for i in ids if i.lstrip("-").isdigit()]
    if len(numbers) != len(ids) or all(a < b for a, b in zip(numbers, numbers[1:])):
        return []
    root = package.xml(name)
    assert root is not None
    mapping: dict[str, str] = {}
    for old in ids:
        mapping.setdefault(old, str(len(mapping) + 1))
    notes = [n for n in root if n.get(qn("w:type")) in (None, "normal") and n.get(_W_ID, "").lstrip("-").isdigit() and int(n.get(_W_ID, "0")) > 0]
    for note in sorted(notes, key=lambda n: int(n.get(_W_ID, "0"))):
        mapping.setdefault(note.get(_W_ID, ""), str(len(mapping) + 1))
    touched = []
    for ref in references:
        new = mapping[ref.get(_W_ID, "")]
        if new != ref.get(_W_ID):
            ref.set(_W_ID, new)
            paragraph = next(ref.iterancestors(_P), None)
            if paragraph is not None:
                touched.append(paragraph)
    for note in notes:
        note.set(_W_ID, mapping[note.get(_W_ID, "")])
        root.remove(note)
    for note in sorted(notes, key=lambda n: int(n.get(_W_ID, "0"))):
        root.append(note)
    return touched


def place_after(anchor: etree._Element, element: etree._Element) -> None:
    anchor.addnext(element)


def place_first(container: etree._Element, element: etree._Element) -> None:
    """Put a block at the start of a container, after its properties (``w:tcPr``, ``w:sdtPr``)."""
    index = 0
    while index < len(container) and (container[index].tag in _PROPERTIES or not isinstance(container[index].tag, str)):
        index += 1
    container.insert(index, element)


def place_last(container: etree._Element, element: etree._Element) -> None:
    """Put a block at the end of a container (before the body's final section properties)."""
    last = container[-1] if len(container) else None
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(element)
    else:
        container.append(element)


def place_row_after(anchor: etree._Element, row: etree._Element) -> None:
    anchor.addnext(row)


def place_row_first(table: etree._Element, row: etree._Element) -> None:
    place_first(table, row)


def gone(block: etree._Element) -> bool:
    """Whether a block is already removed by another author's tracked change (absent once accepted).

    A paragraph whose mark and every run are deleted; a table row marked deleted.
    """
    if block.tag == _TR:
        trpr = block.find(qn("w:trPr"))
        return trpr is not None and (trpr.find(_DEL) is not None or trpr.find(_MOVE_FROM) is not None)
    if block.tag != _P:
        return False
    rpr = block.find(f"{_PPR}/{_RPR}")
    if rpr is None or (rpr.find(_DEL) is None and rpr.find(_MOVE_FROM) is None):
        return False
    return not any(child.tag in _VISIBLE for child in block)


#: Children of a paragraph that hold content still there once changes are accepted.
_VISIBLE = frozenset(qn(t) for t in ("w:r", "w:ins", "w:moveTo", "w:hyperlink", "w:fldSimple", "w:sdt", "w:smartTag", "w:customXml", "m:oMath", "m:oMathPara"))


# -- numbering of a paragraph --------------------------------------------------------------

def numbering_of(p: etree._Element) -> etree._Element | None:
    """The paragraph's own list numbering (``w:numPr``), or None."""
    return p.find(f"{_PPR}/{qn('w:numPr')}")


def style_of(p: etree._Element) -> str | None:
    style = p.find(f"{_PPR}/{qn('w:pStyle')}")
    return style.get(_W_VAL) if style is not None else None


def style_numbered(styles: etree._Element | None, style_id: str | None) -> bool:
    """Whether a paragraph style (or one it is based on) carries list numbering."""
    if styles is None or not style_id:
        return False
    definitions = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    seen: set[str] = set()
    current: str | None = style_id
    while current and current not in seen and current in definitions:
        seen.add(current)
        style = definitions[current]
        if style.find(f"{_PPR}/{qn('w:numPr')}") is not None:
            return True
        based = style.find(qn("w:basedOn"))
        current = based.get(_W_VAL) if based is not None else None
    return False


# -- headers and footers ---------------------------------------------------------------------

def _sections(document: etree._Element) -> list[etree._Element]:
    body = document.find(qn("w:body"))
    if body is None:
        return []
    return [s for s in body.iter(_SECT_PR)]


def header_footer_refs(package: PackageCopy) -> list[dict[tuple[str, str], str]]:
    """For each section: (header|footer, default|first|even) → the part it references."""
    out = []
    rels = package.peek(package.rels_name(package.main_part))
    targets = {}
    if rels is not None:
        folder = package.main_part.rsplit("/", 1)[0]
        for rel in rels:
            target = rel.get("Target", "")
            targets[rel.get("Id", "")] = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
    for section in _sections(package.document):
        found = {}
        for name, tag in _REFERENCES.items():
            for ref in section.findall(tag):
                part = targets.get(ref.get(qn("r:id"), ""))
                if part:
                    found[(name, ref.get(qn("w:type"), "default"))] = part
        out.append(found)
    return out


def header_footer_pairs(old: PackageCopy, new: PackageCopy) -> tuple[list[tuple[str, str]], list[str], list[tuple[int, str, str, str]]]:
    """Header and footer parts of two versions, section by section.

    Returns (pairs of parts to compare, old parts with no counterpart, new parts
    with no counterpart as (section index, header|footer, type, part)).
    """
    old_refs, new_refs = header_footer_refs(old), header_footer_refs(new)
    pairs: list[tuple[str, str]] = []
    alone_old: list[str] = []
    alone_new: list[tuple[int, str, str, str]] = []
    for index in range(max(len(old_refs), len(new_refs))):
        a = old_refs[index] if index < len(old_refs) else {}
        b = new_refs[index] if index < len(new_refs) else {}
        for key in sorted(set(a) | set(b)):
            if key in a and key in b:
                if (a[key], b[key]) not in pairs:
                    pairs.append((a[key], b[key]))
            elif key in a:
                if a[key] not in alone_old:
                    alone_old.append(a[key])
            elif index < len(old_refs):
                alone_new.append((index, key[0], key[1], b[key]))
    used = {a for a, _ in pairs}
    return pairs, [part for part in alone_old if part not in used], alone_new


def add_reference(package: PackageCopy, section_index: int, which: str, kind_name: str, rid: str) -> None:
    """Reference a header or footer part from a section (CT_SectPr puts the references first)."""
    section = _sections(package.document)[section_index]
    element = etree.Element(_REFERENCES[which], {qn("w:type"): kind_name, qn("r:id"): rid})
    existing = [c for c in section if c.tag in _REFERENCES.values()]
    if existing:
        existing[-1].addnext(element)
    else:
        section.insert(0, element)


# -- every story part --------------------------------------------------------------------------

def story_parts(package: PackageCopy) -> list[str]:
    """The names of the parts that hold stories with tracked changes (main document, headers, footers, notes)."""
    return [name for name in package.names if _STORY_PART.match(name)]


def story_roots(package: PackageCopy, *, editable: bool = False) -> Iterator[tuple[str, etree._Element]]:
    for name in story_parts(package):
        root = package.xml(name) if editable else package.peek(name)
        if root is not None:
            yield name, root


def may_have_revisions(package: PackageCopy) -> bool:
    """A fast check on the stored bytes: whether any story part mentions a revision element.

    Every revision element names its author (``w:author`` is required), and
    nothing else in a story does, so a part without that attribute holds none.
    """
    for name in story_parts(package):
        data = package.read(name) or b""
        if b'xmlns:w="' not in data[:4096]:
            return True  # another prefix: parse to know
        if b"w:author=" in data and _REVISION_TAG.search(data):
            return True
    return False


def revisions_in(package: PackageCopy, *, skip_ids: Iterable[int] = ()) -> tuple[int, tuple[str, ...]]:
    """How many tracked changes the package's stories hold, and their authors (in order of appearance).

    ``skip_ids`` are revision ids to leave out: those of a redline being written into the package.
    """
    from lexamend.ooxml.reader import count_revisions

    total = 0
    authors: dict[str, None] = {}
    if not may_have_revisions(package):
        return 0, ()
    skip = frozenset(str(i) for i in skip_ids)
    for _, root in story_roots(package):
        found = count_revisions(root, skip_ids=skip)
        total += found.count
        for author in found.authors:
            authors.setdefault(author, None)
    return total, tuple(authors)


def resolve_stories(package: PackageCopy, *, accept: bool) -> None:
    """Accept (or reject) every tracked change in every story part, in place."""
    for name in story_parts(package):
        data = package.read(name) or b""
        if _REVISION_TAG.search(data) or b'xmlns:w="' not in data[:4096]:
            root = package.xml(name)
            if root is not None:
                resolve_all(root, accept=accept)


__all__ = [
    "add_reference",
    "blocks",
    "cell_spans",
    "cells",
    "control_content",
    "control_key",
    "gone",
    "grid",
    "header_footer_pairs",
    "header_footer_refs",
    "hyperlinks",
    "paragraphs",
    "kind",
    "may_have_revisions",
    "note_ref_of",
    "note_refs",
    "notes",
    "notes_part",
    "numbering_of",
    "place_after",
    "renumber_notes",
    "place_first",
    "place_last",
    "place_row_after",
    "place_row_first",
    "resolve_stories",
    "revisions_in",
    "relationship_ids",
    "row_of",
    "rows",
    "story_parts",
    "story_roots",
    "style_numbered",
    "style_of",
    "textboxes",
]
