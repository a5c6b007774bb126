"""Read the text of an amending act from a file: plain text, markdown or .docx.

Markdown and Word files written by ``lexamend instructions`` carry a title (a
``#`` heading, a Title-styled paragraph) and emphasis that are not part of the
instructions; they are left out, so that what was written reads back.
"""

from __future__ import annotations

import re
from pathlib import Path

from lexamend.errors import InputError
from lexamend.instructions.quotes import scan

#: Refuse instruction files larger than this (an amending act is a few hundred kilobytes).
MAX_INSTRUCTIONS_BYTES = 8 * 1024 * 1024


def instructions_text(path: str | Path) -> str:
    """The instructions in a .txt, .md or .docx file, as plain text."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a file of instructions") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    if len(data) > MAX_INSTRUCTIONS_BYTES:
        raise InputError(str(path), f"is {len(data) // 1024} KiB; instruction files are limited to {MAX_INSTRUCTIONS_BYTES // 1024} KiB")
    if data.startswith(b"PK\x03\x04") or p.suffix.lower() == ".docx":
        import zipfile

        from docx.opc.exceptions import OpcError
        from lxml.etree import XMLSyntaxError

        from lexamend.instructions.docx import docx_text

        try:
            return docx_text(data)
        except (zipfile.BadZipFile, OpcError, XMLSyntaxError, KeyError, ValueError) as exc:  # a damaged package
            raise InputError(str(path), f"is not a readable .docx file ({type(exc).__name__})") from None
    text = _decode(data, str(path))
    if p.suffix.lower() in (".md", ".markdown"):
        return markdown_text(text)
    return text


def _decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:  # pragma: no cover - cp1251 decodes almost any byte string
        raise InputError(path, "is neither UTF-8 nor Windows-1251 text") from None


def markdown_text(text: str) -> str:
    """Markdown without headings, blockquote marks, bold markers and backslash escapes."""
    out = []
    for line in text.split("\n"):
        if re.match(r"^\s*#{1,6}\s", line) or re.match(r"^\s*>\s", line):
            out.append("")
            continue
        line = re.sub(r"^\*\*(.*)\*\*\s*$", r"\1", line)
        line = re.sub(r"\\([\\*_`<>\[\]#+\-])", r"\1", line)
        out.append(line)
    return "\n".join(out)


#: Words of the formulas of each language; the language whose words occur most outside quotations wins.
_FORMULA_WORDS = {
    "kk": r"\bдеген\b|толықтырылсын|тасталсын|ауыстырылсын|жазылсын|енгізілсін|мазмұндағы",
    "ru": r"исключить|заменить|дополнить|изложить|утратившим|следующего\s+содержания|следующей\s+редакции|\bв\s+(?:пункте|статье|подпункте|части)",
    "en": r"\bshall\s+be\b|\bthe\s+words?\b|\bas\s+follows\b|\bin\s+(?:paragraph|article|subparagraph|part)\b",
}


def guess_language(text: str) -> str:
    """The language of instructions, from the formula words outside quotations: kk, ru or en."""
    spans = scan(text)
    outside = []
    cursor = 0
    for span in spans:
        outside.append(text[cursor : span.start])
        cursor = span.end
    outside.append(text[cursor:])
    plain = " ".join(outside)
    scores = {lang: len(re.findall(pattern, plain, re.IGNORECASE)) for lang, pattern in _FORMULA_WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best]:
        return best
    cyrillic = sum(1 for ch in plain if "\u0400" <= ch <= "\u04ff")
    latin = sum(1 for ch in plain if ch.isascii() and ch.isalpha())
    return "ru" if cyrillic >= latin else "en"
