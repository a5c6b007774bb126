"""Human-readable names for the rights references of an edit (``kz-constitution-1995:art_14__para_2``).

Patch files cite the provisions an edit relies on as ``<corpus id>:<eId>``.
Comments and comparative tables show them as a drafter writes them: the
instrument's title and the provision's citation in the chosen language
("Constitution of the Republic of Kazakhstan, Article 14(2)"). The corpus text
is parsed once per run; a reference that does not resolve is shown as written.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lexamend.errors import LexamendError
from lexamend.model import Document


@lru_cache(maxsize=32)
def _corpus_document(doc_id: str) -> tuple[Document, dict[str, object]] | None:
    from lexamend.corpus import find, raw_metadata
    from lexamend.parse import parse_file

    try:
        path = find(doc_id)
        return parse_file(path), raw_metadata(Path(path))
    except LexamendError:
        return None


def describe_right(ref: str, lang: str) -> str:
    """``"kz-constitution-1995:art_14__para_2"`` → "Constitution of the Republic of Kazakhstan, Article 14(2)"."""
    doc_id, _, eid = ref.partition(":")
    found = _corpus_document(doc_id)
    if found is None or not eid:
        return ref
    doc, meta = found
    title = str(meta.get("title_en") if lang == "en" else meta.get("title")) or doc.meta.title or doc_id
    try:
        from lexamend.address import format_citation, resolve_path

        path = resolve_path(doc, eid)
        citation = format_citation(path, lang, style="short" if lang == "en" else "chain")
    except (LexamendError, ValueError):
        return f"{title}, {eid}"
    return f"{title}, {citation}"


__all__ = ["describe_right"]
