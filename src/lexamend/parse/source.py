"""Read a source file's bytes and decode them, with clear errors for bad input.

Legal texts reach lexamend as UTF-8 from portals, as Windows-1251 from older
Russian-language systems, and sometimes as the wrong file altogether (a .doc,
a PDF, an empty download). Each of these gets a message naming the file and
what to do, never a traceback.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from lexamend.errors import InputError

#: Refuse text inputs larger than this; no statute comes near it.
MAX_TEXT_BYTES = 64 * 1024 * 1024

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a binary Word 97-2003 (.doc) or other OLE file; save it as .docx"),
    (b"%PDF", "a PDF; export the text (or a .docx) from it first"),
    (b"{\\rtf", "an RTF file; save it as .docx or plain text"),
    (b"\x7fELF", "an executable, not a legal text"),
    (b"\x89PNG", "an image, not a legal text"),
    (b"\xff\xd8\xff", "an image, not a legal text"),
)


@dataclass(frozen=True)
class SourceText:
    """Decoded text with the hash of the exact bytes it came from."""

    text: str
    sha256: str
    encoding: str
    path: str


def read_bytes(path: str | Path) -> bytes:
    """Read a file, turning OS errors into :class:`InputError`."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(str(path), "is a directory, not a file")
        size = p.stat().st_size
        if size > MAX_TEXT_BYTES and p.suffix.lower() not in (".docx", ".docm"):
            raise InputError(str(path), f"is {size // (1024 * 1024)} MiB; lexamend reads texts up to {MAX_TEXT_BYTES // (1024 * 1024)} MiB")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file", hint="Check the path; corpus texts live under corpus/.") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a file") from None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, path: str, encoding: str | None = None) -> SourceText:
    """Decode bytes of a text source: UTF-8 (with or without BOM), UTF-16, or cp1251.

    Windows-1251 is accepted only when the decoded text is mostly Cyrillic, so
    that a Latin-1 file is not silently turned into nonsense.
    """
    digest = sha256_of(data)
    if not data.strip():
        raise InputError(path, "is empty", hint="Give a file that contains the text of a legal act.")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(path, f"is {what}")
    if data.startswith(b"PK\x03\x04"):
        raise InputError(path, "is a zip package (a .docx?) but was read as text", hint="Name it with the .docx extension or pass --format docx.")
    if encoding:
        try:
            return SourceText(data.decode(encoding), digest, encoding, path)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot be decoded as {encoding}: {exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return SourceText(data[3:].decode("utf-8", errors="strict"), digest, "utf-8-sig", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return SourceText(data.decode("utf-16"), digest, "utf-16", path)
    if b"\x00" in data[:4096]:
        raise InputError(path, "looks binary (it contains NUL bytes)", hint="lexamend reads .txt, .md, .html and .docx files.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _try_cp1251(data)
        if text is None:
            raise InputError(
                path,
                f"is not UTF-8 (invalid byte at offset {exc.start}) and does not look like Windows-1251 Cyrillic",
                hint="Re-save it as UTF-8, or pass --encoding with its encoding.",
            ) from None
        return SourceText(text, digest, "cp1251", path)
    if _control_share(text) > 0.05:
        raise InputError(path, "looks binary (many control characters)", hint="lexamend reads .txt, .md, .html and .docx files.")
    return SourceText(text, digest, "utf-8", path)


def _try_cp1251(data: bytes) -> str | None:
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    # Real Cyrillic text decoded as cp1251 is mostly lower-case Cyrillic; mojibake is not.
    lower = sum(1 for c in letters if "\u0430" <= c <= "\u044f")
    if cyrillic / len(letters) >= 0.5 and lower / max(cyrillic, 1) >= 0.6:
        return text
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def read_text(path: str | Path, encoding: str | None = None) -> SourceText:
    """Read and decode a text source file."""
    return decode(read_bytes(path), str(path), encoding)
