"""What ``lexamend redline`` runs, without click: shared by the click command and the fast dispatcher."""

from __future__ import annotations

import os


def _read_template(path: str | None) -> bytes | None:
    if not path:
        return None
    with open(path, "rb") as handle:
        return handle.read()


def revision_date(value: str | None, patches: list) -> str | None:  # type: ignore[type-arg]
    """The revisions' date: --date, else the latest patch date; W3CDTF (fixed, so output is reproducible)."""
    chosen = value or max((p.date for p in patches if p.date), default="")
    if not chosen:
        return None
    from lexamend.errors import InputError
    from lexamend.ooxml.deterministic import iso_date

    try:
        return iso_date(str(chosen))
    except ValueError as exc:
        raise InputError("--date", str(exc)) from None


def read_source(path: str) -> bytes:
    from lexamend.parse.source import read_bytes

    return read_bytes(path)


def locate(ref: str) -> str:
    """A path as given when it names a file, else a corpus document (whose lookup reads YAML metadata)."""
    if os.path.isfile(ref):
        return ref
    from lexamend.corpus import find

    return str(find(ref))


def docx_bytes(path: str) -> bytes | None:
    """The bytes of a .docx (by extension and zip signature) read without the parser's imports, or None."""
    if os.path.splitext(path)[1].lower() not in (".docx", ".docm", ".dotx"):
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None  # the parser's reader reports it
    return data if data.startswith(b"PK\x03\x04") else None


#: Told on stderr when --from/--to compares a text with anything: only text can be compared then.
TEXT_ONLY_NOTE = "formatting is not compared when a version is a text file"


def redline_versions(
    old: str,
    new: str,
    *,
    author: str,
    date: str | None,
    lang: str | None,
    encoding: str | None,
    template: str | None,
    existing: str = "keep",
    moves: bool = False,
    formatting: bool = False,
) -> tuple[bytes, list[str]]:
    """The redline of two versions and notes for the user (what was kept, resolved or not tracked)."""
    old_path, new_path = locate(old), locate(new)
    stamp_date = revision_date(date, [])
    old_docx, new_docx = docx_bytes(old_path), docx_bytes(new_path)
    if old_docx is not None and new_docx is not None:
        from lexamend.render.redline.packages import compare_packages

        result = compare_packages(
            old_docx, new_docx, old_path=old_path, new_path=new_path, author=author, date=stamp_date, lang=lang,
            existing=existing, moves=moves, formatting=formatting,
        )  # fmt: skip
        return result.data, result.notes
    old_data, new_data = old_docx or read_source(old_path), new_docx or read_source(new_path)
    from lexamend.parse import parse_bytes
    from lexamend.render.redline import redline_documents

    old_doc = parse_bytes(old_data, old_path, lang=lang, encoding=encoding)
    new_doc = parse_bytes(new_data, new_path, lang=lang, encoding=encoding)
    notes = [TEXT_ONLY_NOTE] if formatting else []
    if moves:
        notes.append("--moves applies to two .docx files; moved paragraphs are shown deleted and inserted")
    data = redline_documents(
        old_doc,
        new_doc,
        old_source=old_data if old_doc.source_format == "docx" else None,
        author=author,
        date=stamp_date,
        template=_read_template(template),
        existing=existing,
    )
    return data, notes


def print_notes(notes: list[str], *, quiet: bool) -> None:
    """Notes about the redline on stderr (what was kept, resolved or not tracked), unless ``quiet``."""
    if quiet:
        return
    import sys

    for note in notes:
        sys.stderr.write(f"lexamend: note: {note}\n")
    sys.stderr.flush()




__all__ = ["docx_bytes", "locate", "print_notes", "read_source", "redline_versions", "revision_date"]
