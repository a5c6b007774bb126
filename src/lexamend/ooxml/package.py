"""Open a .docx package from bytes, safely, with a clear error for every bad input.

A .docx is a zip of XML parts (Open Packaging Conventions). Before any part is
parsed the package is checked, and each failure becomes an
:class:`~lexamend.errors.InputError` that names the file and says what to do:

* empty input, bytes that are not a zip, a truncated or damaged zip;
* an OLE Compound File: a password-protected .docx (Office encrypts the whole
  package into an ``EncryptedPackage`` stream of a compound file) or a binary
  Word 97-2003 .doc;
* zip bombs: more than :data:`MAX_ENTRIES` entries or more than
  :data:`MAX_TOTAL_UNCOMPRESSED` bytes once unpacked (sizes from the central
  directory, which :mod:`zipfile` enforces while reading), and entry names
  that climb out of the package ("../", absolute paths);
* a zip without a main document part (``word/document.xml``).

A macro-enabled document (.docm) is readable: :attr:`DocxPackage.has_macros`
tells writers, which refuse to produce a redline of it.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from functools import cached_property
from io import BytesIO

from lxml import etree

from lexamend.errors import InputError
from lexamend.ooxml.parser import parse_xml, qn, xpath

#: Refuse packages that unpack to more than this (no statute comes near it).
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
#: Refuse packages with more entries than this.
MAX_ENTRIES = 10_000

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAIN_DOCUMENT = "word/document.xml"
MACRO_CONTENT_TYPES = frozenset(
    {
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)

_REL_OFFICE_DOCUMENT = "/officeDocument"
_REL_CORE_PROPERTIES = "/core-properties"
_STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"  # ISO 29500 Strict
_UNSAFE_NAME = re.compile(r"(^/|^[A-Za-z]:|\\|(^|/)\.\.(/|$))")

# Content types overrides and relationships: ([Content_Types].xml, *.rels).
_OVERRIDES = xpath("/ct:Types/ct:Override")
_RELATIONSHIPS = xpath("/pr:Relationships/pr:Relationship")
# The document title in docProps/core.xml.
_CORE_TITLE = xpath("/cp:coreProperties/dc:title/text()")

# What reading a damaged or exotic zip can raise (RuntimeError: an encrypted zip entry).
_ZIP_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error,
    EOFError, OSError, ValueError, RuntimeError, NotImplementedError,
)  # fmt: skip

_REPAIR_HINT = "Open it in Word or LibreOffice and save it again as .docx (Word Document)."


class DocxPackage:
    """A .docx package opened from bytes (use :func:`open_package`, which checks it first).

    Parts are read lazily by name (``read``/``xml``); the main document, styles
    and numbering parts are parsed once and cached.
    """

    def __init__(self, path: str, archive: zipfile.ZipFile, data: bytes = b"") -> None:
        self.path = path
        self.data = data  # the package's bytes, for copying entries without unpacking them
        self._zip = archive
        self._kept: dict[str, bytes] = {}
        # Part names are case-insensitive in OPC: lower-cased name → name as stored.
        self._names = {info.filename.lower(): info.filename for info in archive.infolist() if not info.is_dir()}

    def __repr__(self) -> str:
        return f"DocxPackage({self.path!r}, main_part={self.main_part!r}, has_macros={self.has_macros})"

    @cached_property
    def content_types(self) -> dict[str, str]:
        """Part name (lower case, no leading "/") → content type, from [Content_Types].xml overrides."""
        root = self.xml("[Content_Types].xml")
        if root is None:
            return {}
        return {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "") for o in _OVERRIDES(root)}

    @cached_property
    def main_part(self) -> str:
        """The main document part's name ("word/document.xml"), found through _rels/.rels."""
        return self.relationships("").get(_REL_OFFICE_DOCUMENT, MAIN_DOCUMENT)

    @cached_property
    def has_macros(self) -> bool:
        """Whether the document is macro-enabled (.docm content type, or a VBA project part)."""
        return self.content_types.get(self.main_part.lower()) in MACRO_CONTENT_TYPES or any(
            name.rsplit("/", 1)[-1] == "vbaproject.bin" for name in self._names
        )

    def __contains__(self, name: str) -> bool:
        """Whether the package holds a part of this name (case-insensitive, no leading "/")."""
        return name.lstrip("/").lower() in self._names

    @property
    def names(self) -> tuple[str, ...]:
        """The names of all entries in the package, as stored."""
        return tuple(self._names.values())

    def read(self, name: str) -> bytes | None:
        """The bytes of a part (case-insensitive name, no leading "/"), or None when absent.

        The main document's bytes are kept after the first read (writers compare them).
        """
        stored = self._names.get(name.lstrip("/").lower())
        if stored is None:
            return None
        if stored in self._kept:
            return self._kept[stored]
        try:
            data = self._zip.read(stored)
            if stored == self._names.get(MAIN_DOCUMENT) or stored.lower() == self.__dict__.get("main_part", "").lower():
                self._kept[stored] = data
            return data
        except _ZIP_ERRORS as exc:
            raise _damaged(self.path, f"cannot unpack {stored}: {exc}") from None

    def xml(self, name: str) -> etree._Element | None:
        """A part parsed with the hardened parser, or None when the part is absent."""
        data = self.read(name)
        if data is None:
            return None
        try:
            return parse_xml(data)
        except etree.XMLSyntaxError as exc:
            raise InputError(
                self.path, f"is corrupt: {name} is not well-formed XML ({exc})", hint=_REPAIR_HINT
            ) from None

    def relationships(self, source: str) -> dict[str, str]:
        """Internal relationships of a part ("" for the package): type suffix → target part name.

        The type is kept from its last "/" on ("/styles", "/numbering"); targets
        are resolved against the source part's folder.
        """
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        found: dict[str, str] = {}
        if rels is None:
            return found
        for rel in _RELATIONSHIPS(rels):
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Type", "")
            target = rel.get("Target", "")
            if not target:
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found.setdefault(kind[kind.rfind("/") :], name)
        return found

    def related(self, kind: str) -> etree._Element | None:
        """A part related to the main document ("/styles", "/numbering"), parsed; None when absent."""
        name = self._main_rels.get(kind) or f"word{kind}.xml"
        return self.xml(name)

    @cached_property
    def _main_rels(self) -> dict[str, str]:
        return self.relationships(self.main_part)

    @cached_property
    def document(self) -> etree._Element:
        """The root ``w:document`` element of the main part."""
        root = self.xml(self.main_part)
        assert root is not None  # checked in open_package
        if root.tag == f"{{{_STRICT_W}}}document":
            raise InputError(
                self.path,
                "is saved as Strict Open XML, which lexamend does not read",
                hint="Open it in Word and save it as Word Document (.docx), not Strict Open XML Document.",
            )
        if root.tag != qn("w:document") or root.find(qn("w:body")) is None:
            raise InputError(self.path, f"is corrupt: {self.main_part} has no w:document/w:body", hint=_REPAIR_HINT)
        return root

    @property
    def body(self) -> etree._Element:
        """The ``w:body`` element: the main story of the document."""
        body = self.document.find(qn("w:body"))
        assert body is not None
        return body

    @cached_property
    def styles(self) -> etree._Element | None:
        """The root ``w:styles`` element, or None when the package has no styles part."""
        return self.related("/styles")

    @cached_property
    def numbering(self) -> etree._Element | None:
        """The root ``w:numbering`` element, or None when the document uses no lists."""
        return self.related("/numbering")

    @cached_property
    def core_title(self) -> str:
        """The title from the core properties (File → Properties), or ""."""
        name = self.relationships("").get(_REL_CORE_PROPERTIES, "docProps/core.xml")
        try:
            core = self.xml(name)
        except InputError:
            return ""  # damaged metadata is no reason to refuse the text
        if core is None:
            return ""
        return " ".join("".join(_CORE_TITLE(core)).split())


def open_package(data: bytes, path: str) -> DocxPackage:
    """Check and open the bytes of a .docx; raise :class:`InputError` for anything unsafe or unreadable."""
    if not data.strip():
        raise InputError(path, "is empty", hint="Give a .docx file saved by Word or LibreOffice.")
    if data.startswith(OLE_SIGNATURE):
        raise _ole_error(data, path)
    if not data.startswith(b"PK"):
        raise InputError(
            path,
            "is not a .docx file: it is not a zip package",
            hint="If it is a .doc, .rtf, .odt or PDF file, open it in Word or LibreOffice and save it as .docx.",
        )
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise _damaged(path, str(exc)) from None
    _check_entries(infos, path)
    package = DocxPackage(path, archive, data)
    if package.main_part not in package:
        raise InputError(
            path,
            f"is a zip package without {package.main_part}, so it is not a Word document "
            "(an .xlsx, .odt or other zip?)",
            hint=_REPAIR_HINT,
        )
    return package


def _check_entries(infos: list[zipfile.ZipInfo], path: str) -> None:
    """Refuse zip bombs and entry names that climb out of the package."""
    if len(infos) > MAX_ENTRIES:
        raise InputError(
            path,
            f"has {len(infos)} entries in its zip package; lexamend refuses more than {MAX_ENTRIES} (a zip bomb?)",
            hint=_REPAIR_HINT,
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise InputError(
            path,
            f"would unpack to {total // (1024 * 1024)} MiB; lexamend refuses packages over "
            f"{MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)} MiB (a zip bomb?)",
            hint="Check where the file came from; a real .docx of a statute is a few MiB at most.",
        )
    for info in infos:
        if _UNSAFE_NAME.search(info.filename):
            raise InputError(
                path,
                f"contains an unsafe entry name {info.filename!r} (path traversal); refusing to read it",
                hint="Check where the file came from; Word never writes such names.",
            )


def _damaged(path: str, detail: str) -> InputError:
    return InputError(
        path,
        f"is a damaged zip package ({detail}); it may be truncated or incompletely downloaded",
        hint="Download it again, or open it in Word and save a fresh copy.",
    )


def ole_has_stream(data: bytes, name: str) -> bool:
    """Whether an OLE Compound File's directory holds an entry called ``name``.

    Directory entries are 128 bytes: the name in UTF-16LE with a terminating
    NUL, then at offset 64 the name's length in bytes including the NUL.
    Sectors are 512 or 4096 bytes, so every entry starts at a multiple of 128
    in the file; looking for the name only there, with its length field, is
    enough to recognise it without following the sector chains.

    >>> entry = "EncryptedPackage\\0".encode("utf-16-le").ljust(64, b"\\0") + bytes([34, 0])
    >>> ole_has_stream(bytes(512) + entry.ljust(128, b"\\0"), "EncryptedPackage")
    True
    >>> ole_has_stream(bytes(100) + entry.ljust(128, b"\\0"), "EncryptedPackage")
    False
    """
    needle = f"{name}\0".encode("utf-16-le")
    length = len(needle).to_bytes(2, "little")
    start = data.find(needle)
    while start != -1:
        if start % 128 == 0 and data[start + 64 : start + 66] == length:
            return True
        start = data.find(needle, start + 1)
    return False


def _ole_error(data: bytes, path: str) -> InputError:
    if ole_has_stream(data, "EncryptedPackage"):
        return InputError(
            path,
            "is password-protected (an encrypted Office document); lexamend cannot read it",
            hint="Remove the password in Word (File → Info → Protect Document → Encrypt with Password, "
            "clear the password) and save again.",
        )
    return InputError(
        path,
        "is a binary Word 97-2003 document (.doc) or another OLE file, not a .docx",
        hint="Open it in Word or LibreOffice and save it as .docx (Word Document).",
    )


__all__ = ["DocxPackage", "open_package", "ole_has_stream", "MAX_ENTRIES", "MAX_TOTAL_UNCOMPRESSED"]
