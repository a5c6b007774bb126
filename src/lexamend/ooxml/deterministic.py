"""Write .docx packages deterministically: the same content gives the same bytes.

Word packages carry timestamps in three places: the zip entries' modification
times, the core properties (``dcterms:created``, ``dcterms:modified``,
``cp:lastPrinted``) and, for python-docx's default template, a ``cp:revision``
counter. All are fixed here, and entries are written in a stable order
(``[Content_Types].xml`` first, as Office writes it; then ``_rels/``; then the
rest sorted by name), so outputs can be diffed and reviewed.

The zip is written here (:func:`write_zip`), not by :mod:`zipfile`, for one
reason: an entry copied unchanged from a source package can be copied as its
compressed bytes (:class:`RawEntry`), without inflating and deflating it again.
A redline of a large document changes one or two parts of a dozen; copying the
rest saves a tenth of the command's time. The format written is the plain
one every zip reader accepts: no zip64, no data descriptors, names in UTF-8.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections import namedtuple

#: Zip entry timestamp used for every part (the earliest date zip can store is 1980).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: Core-properties date used when no date is given.
DEFAULT_DATE = "2000-01-01T00:00:00Z"

_CORE = "docProps/core.xml"
_DATE_ELEMENTS = re.compile(
    rb"(<(dcterms:created|dcterms:modified|cp:lastPrinted)\b[^>]*>)[^<]*(</\2>)"
)
_REVISION = re.compile(rb"(<cp:revision>)[^<]*(</cp:revision>)")


def _order(name: str) -> tuple[int, str]:
    if name == "[Content_Types].xml":
        return (0, name)
    if name.startswith("_rels/"):
        return (1, name)
    return (2, name)


def _fix_core(data: bytes, date: str) -> bytes:
    stamp = date.encode("ascii")
    data = _DATE_ELEMENTS.sub(lambda m: m.group(1) + stamp + m.group(3), data)
    return _REVISION.sub(rb"\g<1>1\g<2>", data)


class RawEntry(namedtuple("RawEntry", "method crc size data")):
    """An entry of a source zip, still compressed, copied as is: ``method`` (0 stored, 8 deflated),
    ``crc``, uncompressed ``size`` and compressed ``data``."""

    __slots__ = ()


def raw_entries(data: bytes) -> dict[str, RawEntry]:
    """The entries of a zip as compressed bytes (entries that cannot be copied raw are left out)."""
    out: dict[str, RawEntry] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.is_dir() or info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                continue
            offset = info.header_offset
            if data[offset : offset + 4] != b"PK\x03\x04":
                continue
            name_length, extra_length = struct.unpack("<HH", data[offset + 26 : offset + 30])
            start = offset + 30 + name_length + extra_length
            out[info.filename] = RawEntry(info.compress_type, info.CRC, info.file_size, data[start : start + info.compress_size])
    return out


#: Deflate level for parts written by lexamend.
COMPRESS_LEVEL = 6
_DOS_DATE = ((ZIP_DATE[0] - 1980) << 9) | (ZIP_DATE[1] << 5) | ZIP_DATE[2]
_DOS_TIME = (ZIP_DATE[3] << 11) | (ZIP_DATE[4] << 5) | (ZIP_DATE[5] // 2)


def _compress(data: bytes) -> RawEntry:
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return RawEntry(zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def write_zip(entries: dict[str, bytes | RawEntry]) -> bytes:
    """A zip of ``entries`` in the stable order, every entry dated 1980-01-01 (see the module docstring)."""
    out = bytearray()
    central = bytearray()
    names = sorted(entries, key=_order)
    for name in names:
        value = entries[name]
        entry = value if isinstance(value, RawEntry) else _compress(value)
        encoded = name.encode("utf-8")
        flags = 0x800 if not name.isascii() else 0  # the name is UTF-8
        offset = len(out)
        out += struct.pack(
            "<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, flags, entry.method, _DOS_TIME, _DOS_DATE,
            entry.crc, len(entry.data), entry.size, len(encoded), 0,
        )  # fmt: skip
        out += encoded
        out += entry.data
        central += struct.pack(
            "<4s4B4HL2L5HLL", b"PK\x01\x02", 20, 0, 20, 0, flags, entry.method, _DOS_TIME, _DOS_DATE,
            entry.crc, len(entry.data), entry.size, len(encoded), 0, 0, 0, 0, 0o644 << 16, offset,
        )  # fmt: skip
        central += encoded
    start = len(out)
    out += central
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(names), len(names), len(central), start, 0)
    return bytes(out)


def repack(
    parts: dict[str, bytes], *, date: str = DEFAULT_DATE, fix_core: bool = True, raw: dict[str, RawEntry] | None = None
) -> bytes:
    """Zip ``parts`` deterministically (fixed times, stable order, deflate level 6).

    With ``fix_core`` the core properties' dates become ``date``; without it they
    are kept (a copy of a source document keeps its own creation date).
    ``raw`` entries (compressed bytes of a source zip) are copied as they are.
    """
    entries: dict[str, bytes | RawEntry] = dict(raw or {})
    for name, data in parts.items():
        if name == _CORE and fix_core:
            data = _fix_core(data, date)
        entries[name] = data
    if fix_core and _CORE in entries and isinstance(entries[_CORE], RawEntry):
        raise ValueError("core properties to fix must be given as bytes")
    return write_zip(entries)


def normalise(data: bytes, *, date: str = DEFAULT_DATE) -> bytes:
    """Rewrite a .docx (bytes) deterministically; see :func:`repack`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist() if not info.is_dir()}
    return repack(parts, date=date)


def save(document: object, *, date: str = DEFAULT_DATE) -> bytes:
    """Save a python-docx ``Document`` to deterministic bytes.

    ``date`` (ISO 8601, UTC) becomes the created/modified/printed date of the
    core properties.
    """
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise(buffer.getvalue(), date=date)


def iso_date(value: str | None) -> str:
    """An ISO date ("2026-11-25") or datetime as the W3CDTF stamp Word expects."""
    if not value:
        return DEFAULT_DATE
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"{value}T00:00:00Z"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z?", value):
        if len(value) == 16:
            value += ":00"
        return value if value.endswith("Z") else value + "Z"
    raise ValueError(f"not an ISO date: {value!r} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)")
