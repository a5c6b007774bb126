"""Copy content of one package into another: what an inserted paragraph needs to stay valid there.

A redline of two .docx files is written into a copy of the old one; every
paragraph, row, table or object that only the new version has is copied from
the new package. Markup refers to other parts by id, and those ids mean
nothing in the old package. :class:`Importer` makes a copy valid:

* relationships (``r:id``, ``r:embed``, ``r:link`` …): an external target
  (a hyperlink's URL) gets a relationship of the same type in the old part; an
  internal one (a picture, a chart with its own relationships) is copied as a
  part under a free name, with its content type, unless the old package has a
  part with the same bytes already;
* footnote and endnote references: the note is copied into the old notes
  part (created from the new package's one, separators included, when the old
  document has no notes) under a new id; :attr:`Importer.notes` lists the
  copies, so that the caller can mark their text inserted;
* styles the old document does not define are copied from the new style sheet
  with the styles they are based on, link to or are followed by;
* list numbering: a ``w:numId`` keeps its value when the old numbering part
  defines that list the same way; otherwise the new definition is copied
  (``w:abstractNum`` and ``w:num`` under new ids), so the list keeps its labels;
* bookmarks keep their names (renamed apart when the old document uses the
  name) and get new ids; comment anchors of the new version are dropped and
  counted (:attr:`Importer.dropped_comments`), since comments belong to the
  version they were made on; drawing object ids (``wp:docPr``) are made unique;
  ``w14:paraId``/``w14:textId`` are dropped (Word regenerates them, and
  duplicates make it repair the file).
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections.abc import Callable

from lxml import etree

from lexamend.ooxml.parser import NSMAP, qn
from lexamend.ooxml.revisions import Stamp
from lexamend.ooxml.writer import PackageCopy

_R_NS = "{" + NSMAP["r"] + "}"
_PR = NSMAP["pr"]
_CT = NSMAP["ct"]
_W_ID, _W_VAL, _W_NAME = qn("w:id"), qn("w:val"), qn("w:name")
_COMMENT_MARKS = frozenset(qn(t) for t in ("w:commentRangeStart", "w:commentRangeEnd"))
_COMMENT_REF = qn("w:commentReference")
_PROOF = qn("w:proofErr")
_BOOKMARK_START, _BOOKMARK_END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
_FOOTNOTE_REF, _ENDNOTE_REF = qn("w:footnoteReference"), qn("w:endnoteReference")
_STYLE_REFS = frozenset(qn(t) for t in ("w:pStyle", "w:rStyle", "w:tblStyle"))
_NUM_ID = qn("w:numId")
_DOC_PR = qn("wp:docPr")
_W14_IDS = (qn("w14:paraId"), qn("w14:textId"))
_NOTE_KINDS = {_FOOTNOTE_REF: "footnotes", _ENDNOTE_REF: "endnotes"}
_NOTE_TAG = {"footnotes": qn("w:footnote"), "endnotes": qn("w:endnote")}
_NOTES_ROOT = {"footnotes": qn("w:footnotes"), "endnotes": qn("w:endnotes")}
_CT_NOTES = {
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "endnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
}
_CT_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
_NUMBER = re.compile(r"(\d+)(?=\.\w+$)")


class Importer:
    """Copies elements of ``source`` (the new version) into ``target`` (a copy of the old one)."""

    def __init__(self, target: PackageCopy, source: PackageCopy, stamp: Stamp) -> None:
        self.target = target
        self.source = source
        self.stamp = stamp
        self.notes: list[tuple[str, etree._Element]] = []  # (kind, copied note) for the caller to mark inserted
        self.dropped_comments = 0
        self.copied_notes = 0
        self._parts: dict[str, str] = {}  # source part → target part
        self._rels: dict[tuple[str, str, str], str] = {}  # (source part, rId, target part) → new rId
        self._numbers: dict[str, str] = {}  # source numId → target numId
        self._styles: set[str] | None = None
        self._bookmarks: set[str] | None = None
        self._doc_pr = 0

    # -- the one entry point -----------------------------------------------------------------
    def copy(self, elements: list[etree._Element], source_part: str | None = None, target_part: str | None = None) -> list[etree._Element]:
        """Deep copies of ``elements`` (from ``source_part`` of the new package) valid in ``target_part``."""
        source_part = source_part or self.source.main_part
        target_part = target_part or self.target.main_part
        out = []
        for element in elements:
            duplicate = copy.deepcopy(element)
            self._fix(duplicate, source_part, target_part)
            out.append(duplicate)
        return out

    def __call__(self, elements: list[etree._Element]) -> list[etree._Element]:
        return self.copy(elements)

    def bound(self, source_part: str, target_part: str) -> Callable[[list[etree._Element]], list[etree._Element]]:
        """:meth:`copy` for elements of one story part (a header, the notes)."""
        return lambda elements: self.copy(elements, source_part, target_part)

    def _fix(self, root: etree._Element, source_part: str, target_part: str) -> None:
        removals: list[etree._Element] = []
        bookmarks: dict[str, str] = {}  # old bookmark id → new id (None: dropped)
        for element in root.iter():
            tag = element.tag
            if not isinstance(tag, str):
                continue
            for name in _W14_IDS:
                if name in element.attrib:
                    del element.attrib[name]
            if tag in _COMMENT_MARKS or tag == _PROOF:
                removals.append(element)
                if tag in _COMMENT_MARKS and tag == qn("w:commentRangeStart"):
                    self.dropped_comments += 1
                continue
            if tag == _COMMENT_REF:
                run = element.getparent()
                removals.append(run if run is not None and run.tag == qn("w:r") and len(run) <= 2 else element)
                continue
            if tag == _BOOKMARK_START:
                new_id = self.stamp.new_id()
                bookmarks[element.get(_W_ID, "")] = new_id
                element.set(_W_ID, new_id)
                element.set(_W_NAME, self._bookmark_name(element.get(_W_NAME, "")))
            elif tag == _BOOKMARK_END:
                new_id = bookmarks.get(element.get(_W_ID, ""))
                if new_id is None:
                    removals.append(element)  # its start is not in the copy
                else:
                    element.set(_W_ID, new_id)
            elif tag in _NOTE_KINDS:
                kind = _NOTE_KINDS[tag]
                element.set(_W_ID, self._note(kind, element.get(_W_ID, ""), target_part))
            elif tag in _STYLE_REFS:
                if not self._style(element.get(_W_VAL, "")):
                    removals.append(element)
            elif tag == _NUM_ID:
                value = element.get(_W_VAL, "0")
                if value != "0":
                    element.set(_W_VAL, self._number(value))
            elif tag == _DOC_PR:
                element.set("id", str(self._drawing_id()))
            for name, value in list(element.attrib.items()):
                if name.startswith(_R_NS) and value:
                    element.set(name, self._relationship(source_part, value, target_part))
        # A bookmark whose end lies outside the copy would be left open: drop its start.
        ended = {e.get(_W_ID) for e in root.iter(_BOOKMARK_END)}
        for start in root.iter(_BOOKMARK_START):
            if start.get(_W_ID) not in ended:
                removals.append(start)
        for element in removals:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)

    # -- relationships and parts ---------------------------------------------------------------
    def _relationship(self, source_part: str, rid: str, target_part: str) -> str:
        key = (source_part, rid, target_part)
        if key in self._rels:
            return self._rels[key]
        rels = self.source.peek(self.source.rels_name(source_part))
        rel = None
        if rels is not None:
            rel = next((r for r in rels if r.get("Id") == rid), None)
        if rel is None:
            self._rels[key] = rid
            return rid
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            new = self.add_relationship(target_part, kind, target, external=True)
        else:
            source_name = _resolve(source_part, target)
            part = self._copy_part(source_name)
            new = self.add_relationship(target_part, kind, posixpath.relpath(part, posixpath.dirname(target_part) or "."), external=False)
        self._rels[key] = new
        return new

    def add_relationship(self, part: str, kind: str, target: str, *, external: bool) -> str:
        name = self.target.rels_name(part)
        rels = self.target.xml(name)
        if rels is None:
            rels = etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR})
            self.target.put_xml(name, rels)
        for rel in rels:
            if rel.get("Type") == kind and rel.get("Target") == target and (rel.get("TargetMode") == "External") == external:
                return rel.get("Id", "")
        existing = {rel.get("Id", "") for rel in rels}
        n = len(existing) + 1
        while f"rId{n}" in existing:
            n += 1
        attrs = {"Id": f"rId{n}", "Type": kind, "Target": target}
        if external:
            attrs["TargetMode"] = "External"
        etree.SubElement(rels, f"{{{_PR}}}Relationship", attrs)
        return f"rId{n}"

    def _copy_part(self, source_name: str) -> str:
        """Copy an internal part (and the parts it relates to) into the target; return its name there."""
        if source_name in self._parts:
            return self._parts[source_name]
        data = self.source.read(source_name) or b""
        existing = self.target.read(source_name) if self.target.has(source_name) else None
        if existing == data:
            self._parts[source_name] = source_name
            return source_name
        name = source_name
        while self.target.has(name):
            match = _NUMBER.search(name)
            if match:
                name = name[: match.start()] + str(int(match.group(1)) + 1) + name[match.end() :]
            else:
                stem, dot, ext = name.rpartition(".")
                name = f"{stem}_1{dot}{ext}" if dot else name + "_1"
        self._parts[source_name] = name
        self.target.put_bytes(name, data)
        self._content_type(source_name, name)
        rels = self.source.peek(self.source.rels_name(source_name))
        if rels is not None:
            # The copied part names its relationships by id: its relationships keep their ids.
            copied = etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR})
            for rel in rels:
                attrs = dict(rel.attrib)
                if rel.get("TargetMode") != "External":
                    inner = self._copy_part(_resolve(source_name, rel.get("Target", "")))
                    attrs["Target"] = posixpath.relpath(inner, posixpath.dirname(name) or ".")
                etree.SubElement(copied, f"{{{_PR}}}Relationship", attrs)
            self.target.put_xml(self.target.rels_name(name), copied)
        return name

    def _content_type(self, source_name: str, target_name: str) -> None:
        override = self.source.content_type(source_name)
        if override:
            self.target.declare(target_name, override)
            return
        extension = target_name.rsplit(".", 1)[-1].lower()
        types = self.target.peek("[Content_Types].xml")
        if types is not None and any(d.get("Extension", "").lower() == extension for d in types.iter(f"{{{_CT}}}Default")):
            return
        source_types = self.source.peek("[Content_Types].xml")
        default = None
        if source_types is not None:
            default = next((d.get("ContentType") for d in source_types.iter(f"{{{_CT}}}Default") if d.get("Extension", "").lower() == extension), None)
        writable = self.target.xml("[Content_Types].xml")
        if writable is not None and default:
            first_override = writable.find(f"{{{_CT}}}Override")
            element = etree.Element(f"{{{_CT}}}Default", Extension=extension, ContentType=default)
            if first_override is not None:
                first_override.addprevious(element)
            else:
                writable.append(element)

    # -- notes -------------------------------------------------------------------------------
    def _notes_part(self, package: PackageCopy, kind: str) -> str | None:
        return package.related_part(package.main_part, kind)

    def _note(self, kind: str, note_id: str, target_part: str) -> str:
        source_name = self._notes_part(self.source, kind)
        source_root = self.source.peek(source_name) if source_name else None
        note = None
        if source_root is not None:
            note = next((n for n in source_root if n.tag == _NOTE_TAG[kind] and n.get(_W_ID) == note_id), None)
        if note is None or source_name is None:
            return note_id
        target_name = self._notes_part(self.target, kind)
        root = self.target.xml(target_name) if target_name else None
        if root is None:
            target_name = f"word/{kind}.xml"
            root = etree.Element(_NOTES_ROOT[kind], nsmap=source_root.nsmap)  # type: ignore[union-attr]
            for separator in source_root:  # type: ignore[union-attr]
                if separator.tag == _NOTE_TAG[kind] and separator.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    root.append(copy.deepcopy(separator))
            self.target.put_xml(target_name, root)
            self.target.relate(self.target.main_part, kind, target_name)
            self.target.declare(target_name, _CT_NOTES[kind])
        used = [int(n.get(_W_ID, "0")) for n in root if n.get(_W_ID, "").lstrip("-").isdigit()]
        new_id = str(max([0, *used]) + 1)
        duplicate = copy.deepcopy(note)
        duplicate.set(_W_ID, new_id)
        self._fix(duplicate, source_name, target_name)
        root.append(duplicate)
        self.notes.append((kind, duplicate))
        self.copied_notes += 1
        return new_id

    # -- styles --------------------------------------------------------------------------------
    def _style(self, style_id: str) -> bool:
        """Whether the target defines ``style_id`` (after copying it from the source when it did not)."""
        if self._styles is None:
            self._styles = self.target.style_ids()
        if style_id in self._styles:
            return True
        source_name = self.source.related_part(self.source.main_part, "styles")
        target_name = self.target.related_part(self.target.main_part, "styles")
        source = self.source.peek(source_name) if source_name else None
        if source is None or target_name is None:
            return False
        definitions = {s.get(qn("w:styleId")): s for s in source.iter(qn("w:style"))}
        if style_id not in definitions:
            return False
        target = self.target.xml(target_name)
        if target is None:
            return False
        wanted = [style_id]
        while wanted:
            current = wanted.pop()
            if current in self._styles or current not in definitions:
                continue
            definition = copy.deepcopy(definitions[current])
            definition.attrib.pop(qn("w:default"), None)
            target.append(definition)
            self._styles.add(current)
            for link in ("w:basedOn", "w:link", "w:next"):
                ref = definition.find(qn(link))
                if ref is not None and ref.get(_W_VAL):
                    wanted.append(ref.get(_W_VAL, ""))
            for num in definition.iter(_NUM_ID):
                if num.get(_W_VAL, "0") != "0":
                    num.set(_W_VAL, self._number(num.get(_W_VAL, "0")))
        return True

    # -- numbering -------------------------------------------------------------------------------
    def _number(self, num_id: str) -> str:
        """The target's numId for the source's list ``num_id`` (the same definition, or a copy of it)."""
        if num_id in self._numbers:
            return self._numbers[num_id]
        source_name = self.source.related_part(self.source.main_part, "numbering")
        source = self.source.peek(source_name) if source_name else None
        target_name = self.target.related_part(self.target.main_part, "numbering")
        target = self.target.peek(target_name) if target_name else None
        num = _num(source, num_id) if source is not None else None
        if num is None:
            self._numbers[num_id] = num_id
            return num_id
        wanted = _definition(source, num)  # type: ignore[arg-type]
        if target is not None:
            same = _num(target, num_id)
            if same is not None and _definition(target, same) == wanted:
                self._numbers[num_id] = num_id
                return num_id
        if target is None:
            target_name = "word/numbering.xml"
            target = etree.Element(qn("w:numbering"), nsmap={"w": NSMAP["w"]})
            self.target.put_xml(target_name, target)
            self.target.relate(self.target.main_part, "numbering", target_name)
            self.target.declare(target_name, _CT_NUMBERING)
        else:
            target = self.target.xml(target_name)  # type: ignore[arg-type]
        assert target is not None
        abstract_ids = [int(a.get(qn("w:abstractNumId"), "0")) for a in target.iter(qn("w:abstractNum"))]
        num_ids = [int(n.get(qn("w:numId"), "0")) for n in target.iter(qn("w:num"))]
        new_abstract, new_num = str(max([-1, *abstract_ids]) + 1), str(max([0, *num_ids]) + 1)
        abstract_ref = num.find(qn("w:abstractNumId"))
        abstract = _abstract(source, abstract_ref.get(_W_VAL, "") if abstract_ref is not None else "")  # type: ignore[arg-type]
        if abstract is not None:
            duplicate = copy.deepcopy(abstract)
            duplicate.set(qn("w:abstractNumId"), new_abstract)
            for element in duplicate.findall(qn("w:nsid")):
                duplicate.remove(element)
            last_abstract = target.findall(qn("w:abstractNum"))
            if last_abstract:
                last_abstract[-1].addnext(duplicate)
            else:
                target.insert(0, duplicate)
        new = copy.deepcopy(num)
        new.set(qn("w:numId"), new_num)
        ref = new.find(qn("w:abstractNumId"))
        if ref is not None:
            ref.set(_W_VAL, new_abstract)
        last_num = target.findall(qn("w:num"))
        if last_num:
            last_num[-1].addnext(new)
        else:
            target.append(new)
        self._numbers[num_id] = new_num
        return new_num

    # -- ids ------------------------------------------------------------------------------------
    def _bookmark_name(self, name: str) -> str:
        if self._bookmarks is None:
            self._bookmarks = {b.get(_W_NAME, "") for b in self.target.document.iter(_BOOKMARK_START)}
        candidate, n = name, 1
        while candidate in self._bookmarks:
            n += 1
            candidate = f"{name}_{n}"
        self._bookmarks.add(candidate)
        return candidate

    def _drawing_id(self) -> int:
        if not self._doc_pr:
            ids = [int(e.get("id", "0")) for e in self.target.document.iter(_DOC_PR) if e.get("id", "").isdigit()]
            self._doc_pr = max([0, *ids])
        self._doc_pr += 1
        return self._doc_pr


def _resolve(source: str, target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _num(numbering: etree._Element, num_id: str) -> etree._Element | None:
    return next((n for n in numbering.iter(qn("w:num")) if n.get(qn("w:numId")) == num_id), None)


def _abstract(numbering: etree._Element, abstract_id: str) -> etree._Element | None:
    return next((a for a in numbering.iter(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id), None)


def _definition(numbering: etree._Element, num: etree._Element) -> bytes:
    """What a list looks like: its levels and overrides, without ids that differ between files."""
    ref = num.find(qn("w:abstractNumId"))
    abstract = _abstract(numbering, ref.get(_W_VAL, "") if ref is not None else "")
    parts = []
    if abstract is not None:
        for child in abstract:
            if child.tag not in (qn("w:nsid"), qn("w:tmpl")):
                parts.append(etree.tostring(child, method="c14n", exclusive=True))
    for child in num:
        if child.tag != qn("w:abstractNumId"):
            parts.append(etree.tostring(child, method="c14n", exclusive=True))
    return b"".join(parts)


__all__ = ["Importer"]
