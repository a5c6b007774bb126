"""The shipped corpus: legal texts with provenance, found by id or path.

Every text under ``corpus/`` has a ``*.meta.yaml`` file beside it (title,
jurisdiction, language, date, number, official URL, retrieval date, scope,
sha256 of the file). Documents are referred to by their id plus language
(``kz-law-education-2007`` in ``ru``) or by their path relative to the corpus
(``kz/law-education-2007.ru.txt``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lexamend.errors import InputError
from lexamend.model import Metadata

_TEXT_SUFFIXES = (".txt", ".md", ".docx", ".html")


def corpus_root() -> Path:
    """The corpus directory: ``$LEXAMEND_CORPUS``, or ``corpus/`` of the source checkout."""
    env = os.environ.get("LEXAMEND_CORPUS")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "corpus"
        if candidate.is_dir() and (parent / "pyproject.toml").exists():
            return candidate
    return Path.cwd() / "corpus"


def meta_path_for(text_path: Path) -> Path:
    """``law-education-2007.ru.txt`` → ``law-education-2007.ru.meta.yaml``."""
    return text_path.with_name(text_path.name.rsplit(".", 1)[0] + ".meta.yaml")


@lru_cache(maxsize=256)
def _load_meta(path: str) -> dict[str, Any]:
    import yaml  # only when a corpus text is read: `lexamend diff` on plain files never needs it

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(path, f"corpus metadata cannot be read: {exc}") from None
    return data if isinstance(data, dict) else {}


def raw_metadata(text_path: Path) -> dict[str, Any]:
    """The metadata file's fields for a corpus text (empty when there is none)."""
    meta_file = meta_path_for(text_path)
    if not meta_file.is_file():
        return {}
    return _load_meta(str(meta_file))


def metadata_for(text_path: Path) -> Metadata:
    """:class:`Metadata` from the file beside ``text_path``, or empty metadata."""
    data = raw_metadata(text_path)
    if not data:
        return Metadata()
    extra = tuple(
        sorted(
            (key, str(value))
            for key, value in data.items()
            if key in ("scope", "official_url", "retrieved", "kind", "title_en", "registration")
        )
    )
    return Metadata(
        title=str(data.get("title", "")),
        jurisdiction=str(data.get("jurisdiction", "")),
        language=str(data.get("language", "")),
        date=str(data.get("date", "")),
        number=str(data.get("number", "")),
        doc_id=str(data.get("id", "")),
        extra=extra,
    )


@dataclass(frozen=True)
class CorpusEntry:
    """A text in the corpus."""

    doc_id: str
    language: str
    path: Path
    meta: dict[str, Any]


def entries(root: Path | None = None) -> list[CorpusEntry]:
    """Every text in the corpus, sorted by id and language."""
    root = root or corpus_root()
    found: list[CorpusEntry] = []
    for meta_file in sorted(root.rglob("*.meta.yaml")):
        stem = meta_file.name[: -len(".meta.yaml")]
        for suffix in _TEXT_SUFFIXES:
            text = meta_file.with_name(stem + suffix)
            if text.is_file():
                data = _load_meta(str(meta_file))
                found.append(CorpusEntry(str(data.get("id", stem)), str(data.get("language", "")), text, data))
                break
    return sorted(found, key=lambda e: (e.doc_id, e.language))


def _relative(path: Path) -> Path:
    """``path`` relative to the working directory when it lies under it (for messages and reports)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def find(ref: str, language: str | None = None, root: Path | None = None) -> Path:
    """Find a corpus text by path (absolute, relative, or corpus-relative) or by id.

    ``ref`` may be ``kz-law-education-2007`` (with ``language`` or a ``.ru``
    suffix: ``kz-law-education-2007.ru``) or ``kz/law-education-2007.ru.txt``.
    """
    root = root or corpus_root()
    for candidate in (Path(ref), root / ref):
        if candidate.is_file():
            return candidate if candidate == Path(ref) else _relative(candidate)
    doc_id, _, lang = ref.partition(".") if "." in ref and "/" not in ref else (ref, "", "")
    lang = language or lang
    matches = [e for e in entries(root) if e.doc_id == doc_id and (not lang or e.language == lang)]
    if len(matches) == 1:
        return _relative(matches[0].path)
    known = sorted({f"{e.doc_id}.{e.language}" for e in entries(root)})
    if len(matches) > 1:
        options = ", ".join(f"{m.doc_id}.{m.language}" for m in matches)
        raise InputError(ref, f"is in the corpus in several languages ({options})", hint="Add the language: e.g. " + matches[0].doc_id + "." + matches[0].language)
    raise InputError(ref, "no such file or corpus document", hint="Corpus documents: " + ", ".join(known))
