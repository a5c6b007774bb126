"""Tell editorial material from law.

Legal portals interleave their own notes with the text of the law: adilet.zan.kz
writes «Сноска. Статья 8 с изменениями, внесенными законами РК от …» after an
amended unit, «Примечание ИЗПИ!» before a unit with a pending amendment, and
«Примечание. См. нормативные постановления Конституционного Суда …» under
constitutional articles; the Kazakh pages write «Ескерту.» and «ЗҚАИ-ның
ескертпесі!»; English translations write "Footnote." These are not law: an
amendment must never edit them and a diff must be able to ignore them, so the
parser keeps them apart (see :class:`lexamend.model.Note`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lexamend.model import NoteKind

# A note that opens with one of these words is a footnote on the unit before it.
FOOTNOTE_PATTERN = re.compile(
    r"""^(?:
            Сноска \s* [.:]                 # adilet, Russian
          | Ескерту \s* [.:]                # adilet, Kazakh
          | Footnote \s* [.:]               # adilet, English; gen_bench documents
          | Editor'?s \s+ note \s* [.:]
        )""",
    re.X | re.I,
)

# A header line that announces an editor's note; its body is the next block.
EDITOR_HEADER_PATTERN = re.compile(
    r"""^(?:
            Примечание \s+ (?:ИЗПИ|РЦПИ|ИЗ\s*ПИ) \s* [!.]?     # Institute of Legislation / RCLI
          | (?:ЗҚАИ|РҚАО|ҚРЗАИ) -? (?:ның|нің)? \s+ ескертпесі \s* [!.]?
          | Note \s+ (?:of \s+ (?:the \s+)?)? (?:RCLI|ILLI|ILI|IZPI) \s* [!.]?
        )\s*$""",
    re.X | re.I,
)

# "See the normative resolutions of the Constitutional Court …": a reference, not law.
REFERENCE_PATTERN = re.compile(
    r"""^(?:
            Примечание \s* \. \s* См \.
          | Ескертпе \s* \. .{0,200} қараңыз
          | Note \s* \. \s* See \b
        )""",
    re.X | re.I | re.S,
)

# Portal banners and the link to a table of contents.
BANNER_PATTERN = re.compile(
    r"""^(?:
            Вниманию \s+ пользователей \s* !
          | Қолданушылардың \s+ назарына \s* !
          | ОГЛАВЛЕНИЕ | МАЗМҰНЫ | TABLE \s+ OF \s+ CONTENTS | CONTENTS
          | Attention \s+ users \s* !
        )\s*$""",
    re.X | re.I,
)


@dataclass(frozen=True)
class NoteStart:
    """A block recognised as the start of an editorial note."""

    kind: NoteKind
    absorbs_next: bool  # a header ("Примечание ИЗПИ!") whose body is the next block


def note_start(text: str) -> NoteStart | None:
    """Whether a block opens an editorial note, and of what kind.

    >>> note_start("Сноска. Статья 8 с изменениями, внесенными законами РК").kind
    <NoteKind.FOOTNOTE: 'footnote'>
    >>> note_start("Примечание ИЗПИ!").absorbs_next
    True
    >>> note_start("1. Все равны перед законом и судом.") is None
    True
    """
    if FOOTNOTE_PATTERN.match(text):
        return NoteStart(NoteKind.FOOTNOTE, absorbs_next=False)
    if EDITOR_HEADER_PATTERN.match(text):
        return NoteStart(NoteKind.EDITOR, absorbs_next=True)
    if REFERENCE_PATTERN.match(text):
        return NoteStart(NoteKind.REFERENCE, absorbs_next=False)
    if BANNER_PATTERN.match(text):
        return NoteStart(NoteKind.BANNER, absorbs_next=text.rstrip().endswith("!"))
    return None


def note_continues(previous: str) -> bool:
    """Whether the block after ``previous`` still belongs to the same note.

    A footnote listing several changes («Сноска. По всему тексту Закона:» followed
    by «слова "…" заменены …;» blocks) runs on while its blocks end with a colon
    or a semicolon; the block ending with a full stop closes it.
    """
    return previous.rstrip().endswith((":", ";"))
