"""Edit a copy of a .docx package: parts in, parts out, everything else byte for byte.

:class:`PackageCopy` holds every entry of a package as bytes. A part is parsed
(with the hardened parser) only when a writer asks for it, and serialised again
only if it was asked for as editable; every other entry — styles, numbering,
headers, footers, images, custom XML — is written back exactly as it was read.
Relationships and content types are edited through small helpers so that a new
part (comments, settings) is registered the way Word expects.

:meth:`PackageCopy.to_bytes` zips the result deterministically
(:func:`lexamend.ooxml.deterministic.repack`): the same input and the same edits
give the same bytes.

Minimal output: a part registered with :meth:`PackageCopy.splice` is not
serialised as a whole. Its top-level body blocks that no edit touched are
copied from the source bytes as they were (attribute quoting, empty elements,
whitespace and all), and only the touched or new blocks are serialised, so a
reviewer comparing the two packages sees only the change. When the body was
rearranged in a way the splice cannot follow, the part is serialised instead.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib

from lxml import etree

from lexamend.errors import InputError
from lexamend.ooxml.deterministic import RawEntry, raw_entries, repack
from lexamend.ooxml.package import DocxPackage
from lexamend.ooxml.parser import NSMAP, parse_xml, qn

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"

#: Relationship types (the part after ``.../relationships``).
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: Content types of the parts lexamend may add.
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_SETTINGS = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"

_CT = NSMAP["ct"]
_W_URI = NSMAP["w"].encode()
_W_DECL = b'xmlns:w="' + _W_URI + b'"'
_W_ID = qn("w:id")
#: Parts that hold stories, where revision, comment and bookmark ids live.
_STORY = re.compile(r"word/(?:document|header\d*|footer\d*|footnotes|endnotes|comments\w*|glossary/document)\.xml$")
_STYLE_ID = re.compile(rb'<w:style\b[^>]*?\bw:styleId="([^"]+)"')
_ID = re.compile(rb'(?<=[\s"])w:id="(-?\d+)"')
_PR = NSMAP["pr"]


_BODY_START = re.compile(rb"<w:body(?=[\s>])[^>]*>")


class _Splice:
    """The source bytes of a part and where its body's blocks are in them (see :meth:`PackageCopy.splice`)."""

    def __init__(self, data: bytes, body: etree._Element, spans: dict[etree._Element, tuple[int, int] | None], touched: list[etree._Element]) -> None:
        self.data = data
        self.body = body
        self.spans = {child: span for child, span in spans.items() if span is not None}
        self.others = {child for child, span in spans.items() if span is None}
        children = list(spans)
        self.order_before = dict(zip(children[1:], children[:-1]))  # child → the child before it, as read
        self.touched = touched

    def _top(self) -> list[etree._Element]:
        """The top-level blocks holding touched elements (each once, in the order first touched)."""
        top: dict[etree._Element, None] = {}
        body = self.body
        for element in self.touched:
            node = element
            parent = node.getparent()
            while parent is not None and parent is not body:
                node, parent = parent, parent.getparent()
            if parent is body:
                top[node] = None
        return list(top)

    def bytes(self, root: etree._Element) -> bytes | None:
        """The part with untouched blocks copied from the source bytes; None when that cannot be done.

        Only the touched and new top-level blocks are looked at: each touched
        block's bytes replace its span, and each run of new blocks goes after
        the span of the block before it. Any rearrangement this cannot express
        (a touched block that moved, new blocks after body-level markup kept
        in the gaps, children gone) gives None, and the part is serialised whole.
        """
        data = self.data
        start = _BODY_START.search(data)
        if start is None:
            return None
        declared = _declarations(root)
        edits: list[tuple[int, int, int, bytes]] = []  # (start, end, order, bytes)
        new_count = 0
        for number, element in enumerate(self._top()):
            span = self.spans.get(element)
            if element in self.others:
                return None
            before, steps = _previous_original(element, self)
            if span is not None:
                if before is not _expected_previous(element, self):
                    return None  # moved among the originals
                edits.append((span[0], span[1], number, _fragment(element, declared)))
                continue
            new_count += 1
            if before is None:
                at = start.end()
            elif before in self.others:
                return None  # after body-level markup that stays in the gaps: order not expressible
            else:
                at = self.spans[before][1]
            edits.append((at, at, steps, _fragment(element, declared)))
        if len(self.body) != len(self.spans) + len(self.others) + new_count:
            return None  # children removed, or new ones no edit touched
        body = self.body
        if any(child.getparent() is not body for child in self.spans) or any(child.getparent() is not body for child in self.others):
            return None  # a child as read was taken out (and another put in its place)
        out: list[bytes] = []
        position = 0
        for begin, end, _, fragment in sorted(edits):
            out.append(data[position:begin])
            out.append(fragment)
            position = max(position, end)
        out.append(data[position:])
        return b"".join(out)


def _previous_original(element: etree._Element, splice: _Splice) -> tuple[etree._Element | None, int]:
    """The nearest earlier sibling that was a child of the body as read, and how many new ones lie between."""
    node = element.getprevious()
    steps = 0
    while node is not None and node not in splice.spans and node not in splice.others:
        node = node.getprevious()
        steps += 1
    return node, steps


def _expected_previous(element: etree._Element, splice: _Splice) -> etree._Element | None:
    """The child just before ``element`` in the body as read."""
    return splice.order_before.get(element)


def _declarations(root: etree._Element) -> tuple[bytes, list[bytes]]:
    """The namespace declarations lxml writes on any element serialised alone from this tree, as one
    string (in lxml's order), and one by one."""
    probe = etree.SubElement(root, "probe")
    try:
        data = etree.tostring(probe)
    finally:
        root.remove(probe)
    whole = data[len(b"<probe") : data.rfind(b"/>")]
    single = [f' xmlns:{prefix}="{uri}"'.encode() for prefix, uri in root.nsmap.items() if prefix and '"' not in uri and "&" not in uri]
    return whole, single


def _fragment(element: etree._Element, declared: tuple[bytes, list[bytes]]) -> bytes:
    """An element serialised alone, without the namespace declarations its part's root already makes."""
    data = etree.tostring(element, encoding="UTF-8", with_tail=False)
    end = data.find(b">")
    head = data[:end]
    whole, single = declared
    if whole and whole in head:
        head = head.replace(whole, b"", 1)  # an element of this tree: its declarations are exactly the root's
    else:
        for declaration in single:
            head = head.replace(declaration, b"", 1)
    return head + data[end:]


def serialise(root: etree._Element) -> bytes:
    """An XML part as Word writes it: UTF-8, declaration with ``standalone="yes"``."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class PackageCopy:
    """The entries of a .docx package, with the parts being edited held as parsed XML.

    Entries copied from a source zip are unpacked only when read; the ones
    never read are written back as their compressed bytes.
    """

    def __init__(
        self,
        entries: dict[str, bytes],
        *,
        path: str = "",
        main_part: str = "word/document.xml",
        source: DocxPackage | None = None,
        raw: dict[str, RawEntry] | None = None,
    ) -> None:
        self.path = path
        self._entries = dict(entries)
        self._raw = dict(raw or {})
        self.main_part = main_part
        self.source = source  # the opened package the entries were copied from, if any
        self._parsed: dict[str, etree._Element] = {}
        self._peeked: dict[str, etree._Element | None] = {}
        self._splices: dict[str, _Splice] = {}

    @classmethod
    def from_package(cls, package: DocxPackage) -> PackageCopy:
        """Copy every entry of an opened package (names as stored)."""
        raw = raw_entries(package.data) if package.data else {}
        entries: dict[str, bytes] = {}
        for name in package.names:
            if name not in raw:
                data = package.read(name)
                if data is not None:
                    entries[name] = data
        copy = cls(entries, path=package.path, main_part=package.main_part, source=package, raw=raw)
        # The main part is edited in place: the copy and the opened package share one parsed tree.
        copy._parsed[copy._stored(package.main_part) or package.main_part] = package.document
        return copy

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "") -> PackageCopy:
        """Copy the entries of a zip (a template shipped with lexamend, a generated package)."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                entries = {i.filename: archive.read(i.filename) for i in archive.infolist() if not i.is_dir()}
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputError(path or "template", f"is not a .docx package ({exc})") from None
        return cls(entries, path=path)

    @property
    def names(self) -> list[str]:
        """Every entry's name, as stored."""
        return sorted(set(self._entries) | set(self._raw))

    def read(self, name: str) -> bytes | None:
        """The bytes of an entry (unpacked on first use), or None when absent."""
        stored = self._stored(name)
        if stored is None:
            return None
        if stored not in self._entries:
            raw = self._raw[stored]
            self._entries[stored] = raw.data if raw.method == 0 else zlib.decompress(raw.data, -15)
        return self._entries[stored]

    # -- parts -------------------------------------------------------------------
    def _stored(self, name: str) -> str | None:
        wanted = name.lstrip("/")
        if wanted in self._entries or wanted in self._raw:
            return wanted
        wanted = wanted.lower()
        for stored in self.names:
            if stored.lower() == wanted:
                return stored
        return None

    def has(self, name: str) -> bool:
        return self._stored(name) is not None

    def xml(self, name: str) -> etree._Element | None:
        """A part parsed for editing (it will be serialised again), or None when absent."""
        stored = self._stored(name)
        if stored is None:
            return None
        if stored not in self._parsed:
            try:
                peeked = self._peeked.pop(stored, None)
                self._parsed[stored] = peeked if peeked is not None else parse_xml(self.read(stored) or b"")
            except etree.XMLSyntaxError as exc:
                raise InputError(self.path, f"is corrupt: {stored} is not well-formed XML ({exc})") from None
        return self._parsed[stored]

    def peek(self, name: str) -> etree._Element | None:
        """A part parsed for reading only; it is written back byte for byte unless :meth:`xml` is used."""
        stored = self._stored(name)
        if stored is None:
            return None
        if stored in self._parsed:
            return self._parsed[stored]
        if stored not in self._peeked:
            try:
                self._peeked[stored] = parse_xml(self.read(stored) or b"")
            except etree.XMLSyntaxError:
                self._peeked[stored] = None
        return self._peeked[stored]

    def put_xml(self, name: str, root: etree._Element) -> None:
        """Add or replace a part with XML content."""
        stored = self._stored(name) or name
        self._parsed[stored] = root
        self._peeked.pop(stored, None)
        if stored not in self._raw:
            self._entries.setdefault(stored, b"")

    def put_bytes(self, name: str, data: bytes) -> None:
        """Add or replace an entry with binary content (a picture copied from another package)."""
        stored = self._stored(name) or name
        self._parsed.pop(stored, None)
        self._peeked.pop(stored, None)
        self._raw.pop(stored, None)
        self._entries[stored] = data

    @property
    def document(self) -> etree._Element:
        root = self.xml(self.main_part)
        if root is None:
            raise InputError(self.path, f"has no {self.main_part}")
        return root

    @property
    def body(self) -> etree._Element:
        body = self.document.find(qn("w:body"))
        if body is None:
            raise InputError(self.path, f"is corrupt: {self.main_part} has no w:body")
        return body

    def style_ids(self) -> set[str]:
        """The style ids the package's style sheet defines (read from its bytes when it uses the usual prefix)."""
        name = self.related_part(self.main_part, "styles") or "word/styles.xml"
        data = self.read(name)
        if data is None:
            return set()
        if _W_DECL in data:
            return {value.decode() for value in _STYLE_ID.findall(data)}
        styles = self.peek(name)
        return set(styles.xpath("//w:style/@w:styleId", namespaces=NSMAP)) if styles is not None else set()

    # -- relationships and content types ---------------------------------------------
    def rels_name(self, source: str) -> str:
        folder, base = posixpath.split(source)
        return posixpath.join(folder, "_rels", f"{base}.rels")

    def related_part(self, source: str, rel_type: str) -> str | None:
        """The part ``source`` relates to with type ``.../relationships/<rel_type>``, or None."""
        rels = self.peek(self.rels_name(source))
        if rels is None:
            return None
        folder = posixpath.dirname(source)
        for rel in rels.iter(f"{{{_PR}}}Relationship"):
            if rel.get("Type", "").endswith("/" + rel_type) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        return None

    def relate(self, source: str, rel_type: str, target_part: str) -> str:
        """Add a relationship from ``source`` to ``target_part`` (if there is none of this type); return its id."""
        name = self.rels_name(source)
        rels = self.xml(name)
        if rels is None:
            rels = etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR})
            self.put_xml(name, rels)
        existing = {rel.get("Id", "") for rel in rels}
        for rel in rels:
            if rel.get("Type", "").endswith("/" + rel_type):
                return rel.get("Id", "")
        n = 1
        while f"rId{n}" in existing:
            n += 1
        target = posixpath.relpath(target_part, posixpath.dirname(source) or ".")
        etree.SubElement(rels, f"{{{_PR}}}Relationship", Id=f"rId{n}", Type=f"{REL_BASE}/{rel_type}", Target=target)
        return f"rId{n}"

    def content_type(self, part: str) -> str | None:
        types = self.peek(CONTENT_TYPES)
        if types is None:
            return None
        wanted = "/" + part.lstrip("/").lower()
        for override in types.iter(f"{{{_CT}}}Override"):
            if override.get("PartName", "").lower() == wanted:
                return override.get("ContentType")
        return None

    def declare(self, part: str, content_type: str) -> None:
        """Register a part's content type (an ``Override`` in [Content_Types].xml)."""
        types = self.xml(CONTENT_TYPES)
        if types is None:
            raise InputError(self.path, "is corrupt: it has no [Content_Types].xml")
        wanted = "/" + part.lstrip("/")
        for override in types.iter(f"{{{_CT}}}Override"):
            if override.get("PartName", "").lower() == wanted.lower():
                override.set("ContentType", content_type)
                return
        etree.SubElement(types, f"{{{_CT}}}Override", PartName=wanted, ContentType=content_type)

    def highest_id(self) -> int:
        """The highest ``w:id`` (revisions, comments, bookmarks) in any WordprocessingML part (0 if none).

        Parts are scanned as stored, which is much faster than walking their
        trees, so call this before editing; a part that binds the
        WordprocessingML namespace to a prefix other than ``w`` is walked instead.
        """
        highest = 0
        for name in self.names:
            if not _STORY.match(name.lower()):
                continue
            data = self.read(name) or b""
            if b'id="' not in data:
                continue
            if _W_URI in data and _W_DECL not in data:
                root = self.peek(name)
                values = [e.get(_W_ID) for e in root.iter() if isinstance(e.tag, str)] if root is not None else []
                numbers = [int(v) for v in values if v and v.lstrip("-").isdigit()]
            else:
                numbers = [int(v) for v in _ID.findall(data)]
            highest = max([highest, *numbers])
        return highest

    def splice(self, name: str, data: bytes, spans: dict[etree._Element, tuple[int, int] | None], touched: list[etree._Element]) -> None:
        """Write part ``name`` by copying untouched body blocks from its source bytes ``data``.

        ``spans`` maps each child the body had when it was read to its byte
        span in ``data`` (:func:`lexamend.ooxml.blocks.block_spans`; None for
        children that are not blocks); ``touched`` lists every element an edit
        modified (its top-level block is serialised again).
        """
        stored = self._stored(name)
        root = self._parsed.get(stored or name)
        if stored is None or root is None:
            return
        body = root.find(qn("w:body"))
        if body is None:
            return
        self._splices[stored] = _Splice(data, body, spans, touched)

    # -- output -----------------------------------------------------------------
    def _unless_unchanged(self, name: str, root: etree._Element) -> bytes:
        """The part serialised, or its source bytes when its content is the same as read.

        A part is parsed for editing before anyone knows whether it will change
        (two notes differing only in revision-session ids compare as equal text);
        writing it back as read keeps the package free of changes that carry no
        revision. The main part is left out: it is spliced block by block instead.
        """
        source = self._entries.get(name) or (self.read(name) if name in self._raw else None)
        if source and name != self._stored(self.main_part):
            try:
                if etree.tostring(root, method="c14n") == etree.tostring(parse_xml(source), method="c14n"):
                    return source
            except etree.XMLSyntaxError:
                pass
        return serialise(root)

    def to_bytes(self, *, core_date: str | None = None) -> bytes:
        """The package as deterministic zip bytes; parsed parts are serialised, the rest copied.

        ``core_date`` rewrites the created/modified dates of the core properties
        (generated documents); None keeps the core properties of the source as they were.
        """
        parts = dict(self._entries)
        for name, root in self._parsed.items():
            splice = self._splices.get(name)
            spliced = splice.bytes(root) if splice is not None else None
            parts[name] = spliced if spliced is not None else self._unless_unchanged(name, root)
        raw = {name: entry for name, entry in self._raw.items() if name not in parts}
        if core_date is None:
            return repack(parts, fix_core=False, raw=raw)
        core = self._stored("docProps/core.xml")
        if core is not None and core in raw:
            parts[core] = self.read(core) or b""
            del raw[core]
        return repack(parts, date=core_date, raw=raw)
