"""Bad .docx input gets a clear InputError naming the file, never a traceback."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest

from lexamend.errors import EXIT_USAGE, InputError
from lexamend.ooxml.package import MAX_ENTRIES, OLE_SIGNATURE, open_package
from lexamend.parse import parse_bytes
from tests.parse.docx_fixtures import build_docx, para, rezip

NAME = "проект-закона.docx"
STRICT = b'<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>'


def _cfb(streams: list[str]) -> bytes:
    """A minimal OLE Compound File (version 3, 512-byte sectors) with empty streams of these names.

    Sector 0 is the FAT, sector 1 the directory (up to four entries: the root and three streams).
    """
    assert len(streams) <= 3
    header = bytearray(512)
    header[0:8] = OLE_SIGNATURE
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)  # versions, byte order, sector shifts
    struct.pack_into("<IIIIIIIII", header, 0x2C, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0, 0)
    header[0x50:] = b"\xff" * (512 - 0x50)  # the rest of the header DIFAT: free
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, *([0xFFFFFFFF] * 126))  # FAT sector, directory chain end

    def entry(name: str, kind: int, child: int, right: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, right, child)
            + bytes(16 + 4 + 16)  # CLSID, state bits, times
            + struct.pack("<IQ", 0xFFFFFFFE, 0)  # start sector, size
        )

    entries = [entry("Root Entry", 5, 1 if streams else 0xFFFFFFFF, 0xFFFFFFFF)]
    for i, name in enumerate(streams, start=1):
        entries.append(entry(name, 2, 0xFFFFFFFF, i + 1 if i < len(streams) else 0xFFFFFFFF))
    directory = b"".join(entries).ljust(512, b"\0")
    return bytes(header) + fat + directory


@pytest.fixture(scope="module")
def good() -> bytes:
    return build_docx(para("Статья 1. Цель") + para("Текст."))


def _zip_bomb() -> bytes:
    """A 0.5 MiB package that unpacks to 520 MiB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", "<w:document/>")
        with z.open("word/media/image1.bin", "w", force_zip64=True) as f:
            chunk = bytes(1 << 20)
            for _ in range(520):
                f.write(chunk)
    return out.getvalue()


def _many_entries() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i in range(MAX_ENTRIES + 1):
            z.writestr(f"word/media/{i}.bin", b"")
    return out.getvalue()


BAD: dict[str, tuple[object, str]] = {
    # case: (bytes or a function of the good package's bytes, words the message must contain)
    "empty": (b"", "is empty"),
    "whitespace": (b"  \n", "is empty"),
    "random bytes": (random.Random(7).randbytes(4096).replace(b"PK", b"pk"), "not a zip package"),
    "truncated zip": (lambda good: good[: len(good) // 2], "damaged zip package"),
    "zip signature only": (b"PK\x03\x04" + bytes(100), "damaged zip package"),
    "zip without word/document.xml": (
        lambda good: rezip(good, drop=("word/document.xml",)),
        "without word/document.xml",
    ),
    "encrypted": (_cfb(["EncryptionInfo", "EncryptedPackage"]), "password-protected"),
    "binary .doc": (_cfb(["WordDocument", "1Table"]), "Word 97-2003 document (.doc)"),
    "path traversal": (lambda good: rezip(good, add={"../../evil.sh": b"rm -rf"}), "path traversal"),
    "absolute path": (lambda good: rezip(good, add={"/etc/cron.d/x": b""}), "path traversal"),
    "malformed XML": (
        lambda good: rezip(good, replace={"word/document.xml": b"<w:document><w:body>"}),
        "not well-formed XML",
    ),
    "not WordprocessingML": (lambda good: rezip(good, replace={"word/document.xml": b"<html/>"}), "no w:document"),
    "Strict Open XML": (lambda good: rezip(good, replace={"word/document.xml": STRICT}), "Strict Open XML"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_an_input_error_naming_the_file(case: str, good: bytes) -> None:
    data, words = BAD[case]
    payload = data(good) if callable(data) else data
    with pytest.raises(InputError) as raised:
        parse_bytes(payload, NAME)
    message = str(raised.value)
    assert message.startswith(f"{NAME}: ")
    assert words in message
    assert raised.value.hint  # every message says what to do


def test_encrypted_message_says_how_to_fix_it() -> None:
    with pytest.raises(InputError) as raised:
        open_package(_cfb(["EncryptionInfo", "EncryptedPackage"]), NAME)
    assert "remove the password in word" in str(raised.value).lower()
    assert "save again" in str(raised.value)


def test_zip_bomb_is_refused_before_unpacking() -> None:
    with pytest.raises(InputError) as raised:
        parse_bytes(_zip_bomb(), NAME)
    assert "zip bomb" in str(raised.value) and "520 MiB" in str(raised.value)


def test_too_many_entries_are_refused() -> None:
    with pytest.raises(InputError, match="10001 entries"):
        open_package(_many_entries(), NAME)


def test_macro_enabled_documents_are_flagged_but_parsed(good: bytes) -> None:
    types = zipfile.ZipFile(io.BytesIO(good)).read("[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    docm = rezip(good, replace={"[Content_Types].xml": types})
    assert open_package(docm, "x.docm").has_macros
    assert open_package(rezip(good, add={"word/vbaProject.bin": b"\0"}), "x.docm").has_macros
    assert not open_package(good, "x.docx").has_macros
    doc = parse_bytes(docm, "x.docm")
    assert doc.units[0].label == "Статья 1."
    assert ("macros", "yes") in doc.meta.extra


def test_entities_are_not_expanded(good: bytes) -> None:
    """A DOCTYPE with entities (billion laughs, external files) is not expanded."""
    document = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        b"<w:p><w:r><w:t>1. Text &b; &x; end.</w:t></w:r></w:p></w:body></w:document>"
    )
    doc = parse_bytes(rezip(good, replace={"word/document.xml": document}), NAME)
    text = doc.units[0].text
    assert "AAAA" not in text and "root:" not in text


def test_cli_prints_one_message_and_no_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lexamend.cli import main

    path = tmp_path / "protected.docx"
    path.write_bytes(_cfb(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(SystemExit) as exited:
        main(["parse", str(path)])
    assert exited.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"{path}: is password-protected" in err
    assert "Traceback" not in err
