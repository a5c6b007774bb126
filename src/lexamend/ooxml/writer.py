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
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from lxml import etree

from lexamend.errors import InputError
from lexamend.ooxml.deterministic import repack
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
_ID = re.compile(rb'(?<=[\s"])w:id="(-?\d+)"')
_PR = NSMAP["pr"]


def serialise(root: etree._Element) -> bytes:
    """An XML part as Word writes it: UTF-8, declaration with ``standalone="yes"``."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class PackageCopy:
    """The entries of a .docx package, with the parts being edited held as parsed XML."""

    def __init__(
        self, entries: dict[str, bytes], *, path: str = "", main_part: str = "word/document.xml", source: DocxPackage | None = None
    ) -> None:
        self.path = path
        self.entries = dict(entries)
        self.main_part = main_part
        self.source = source  # the opened package the entries were copied from, if any
        self._parsed: dict[str, etree._Element] = {}

    @classmethod
    def from_package(cls, package: DocxPackage) -> PackageCopy:
        """Copy every entry of an opened package (names as stored)."""
        entries: dict[str, bytes] = {}
        for name in package.names:
            data = package.read(name)
            if data is not None:
                entries[name] = data
        copy = cls(entries, path=package.path, main_part=package.main_part, source=package)
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

    # -- parts -------------------------------------------------------------------
    def _stored(self, name: str) -> str | None:
        wanted = name.lstrip("/").lower()
        for stored in self.entries:
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
                self._parsed[stored] = parse_xml(self.entries[stored])
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
        try:
            return parse_xml(self.entries[stored])
        except etree.XMLSyntaxError:
            return None

    def put_xml(self, name: str, root: etree._Element) -> None:
        """Add or replace a part with XML content."""
        stored = self._stored(name) or name
        self._parsed[stored] = root
        self.entries.setdefault(stored, b"")

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
        """The style ids the package's style sheet defines."""
        styles = self.peek(self.related_part(self.main_part, "styles") or "word/styles.xml")
        if styles is None:
            return set()
        return set(styles.xpath("//w:style/@w:styleId", namespaces=NSMAP))

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
        for name in sorted(self.entries):
            lower = name.lower()
            if not (lower.startswith("word/") and lower.endswith(".xml")):
                continue
            data = self.entries[name]
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

    # -- output -----------------------------------------------------------------
    def to_bytes(self, *, core_date: str | None = None) -> bytes:
        """The package as deterministic zip bytes; parsed parts are serialised, the rest copied.

        ``core_date`` rewrites the created/modified dates of the core properties
        (generated documents); None keeps the core properties of the source as they were.
        """
        parts = dict(self.entries)
        for name, root in self._parsed.items():
            parts[name] = serialise(root)
        if core_date is None:
            return repack(parts, fix_core=False)
        return repack(parts, date=core_date)
