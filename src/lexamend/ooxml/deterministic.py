"""Write .docx packages deterministically: the same content gives the same bytes.

Word packages carry timestamps in three places: the zip entries' modification
times, the core properties (``dcterms:created``, ``dcterms:modified``,
``cp:lastPrinted``) and, for python-docx's default template, a ``cp:revision``
counter. All are fixed here, and entries are written in a stable order
(``[Content_Types].xml`` first, as Office writes it; then ``_rels/``; then the
rest sorted by name), so outputs can be diffed and reviewed.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

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


def repack(parts: dict[str, bytes], *, date: str = DEFAULT_DATE, fix_core: bool = True) -> bytes:
    """Zip ``parts`` deterministically (fixed times, stable order, deflate level 6).

    With ``fix_core`` the core properties' dates become ``date``; without it they
    are kept (a copy of a source document keeps its own creation date).
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in sorted(parts, key=_order):
            data = parts[name]
            if name == _CORE and fix_core:
                data = _fix_core(data, date)
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


def normalise(data: bytes, *, date: str = DEFAULT_DATE) -> bytes:
    """Rewrite a .docx (bytes) deterministically; see :func:`repack`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist() if not info.is_dir()}
    return repack(parts, date=date)


def save(document: Any, *, date: str = DEFAULT_DATE) -> bytes:
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
