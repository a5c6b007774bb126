"""``redline_documents``: two versions aligned unit by unit (renumbered, moved, restated), with comments."""

from __future__ import annotations

import io
import zipfile

from lexamend.parse.text import parse_text
from lexamend.render.redline import redline_documents
from lexamend.render.redline.plan import WORD_DIFF_MIN_SIMILARITY, line_ops, restatement
from lexamend.render.text import render_lines
from tests.render import wordml

OLD = """Правила приема
1. Дети иностранцев принимаются в организации образования.
2. Прием осуществляется по заявлению родителей при наличии миграционной карточки.
3. Документы рассматриваются в течение трех рабочих дней.
4. Отказ в приеме может быть обжалован.
5. Настоящие Правила вводятся в действие со дня опубликования.
"""
NEW = """Правила приема
1. Дети иностранцев принимаются в организации образования.
2. Прием осуществляется по заявлению родителей.
3. Отказ в приеме может быть обжалован.
4. Документы рассматриваются в течение трех рабочих дней.
5. Государство обеспечивает бесплатное образование каждому ребенку независимо от статуса родителей.
"""


def _views(data: bytes) -> tuple[list[str], list[str]]:
    return wordml.lines(data, "accept"), wordml.lines(data, "reject")


def test_accept_and_reject_give_the_two_versions() -> None:
    old, new = parse_text(OLD, lang="ru"), parse_text(NEW, lang="ru")
    data = redline_documents(old, new, date="2026-01-01T00:00:00Z")
    assert _views(data) == (render_lines(new), render_lines(old))
    assert wordml.problems(data) == []


def test_renumbered_moved_and_replaced_units() -> None:
    old, new = parse_text(OLD, lang="ru"), parse_text(NEW, lang="ru")
    root = wordml.document_root(redline_documents(old, new))
    deleted = [" ".join("".join(t.text or "" for t in d.iter(wordml.W + "delText")).split()) for d in root.iter(wordml.W + "del")]
    inserted = [" ".join("".join(t.text or "" for t in i.iter(wordml.W + "t")).split()) for i in root.iter(wordml.W + "ins")]
    assert "при наличии миграционной карточки" in deleted  # paragraph 2: amended, a word diff
    # "Документы …" moved from 3 to 4: it stays in place and shows its new number
    assert "3." in deleted and "4." in inserted
    # "Отказ …" crossed it: deleted where it was, inserted where it goes
    assert "4. Отказ в приеме может быть обжалован." in deleted and "3. Отказ в приеме может быть обжалован." in inserted
    # paragraph 5 has other words under the same number: the aligner pairs units only from
    # ADDRESS_MIN_SIMILARITY up, so the old unit is deleted and the new one inserted
    assert "5. Настоящие Правила вводятся в действие со дня опубликования." in deleted
    assert any(text.startswith("5. Государство обеспечивает") for text in inserted)


def test_the_restatement_threshold() -> None:
    similar = line_ops("Прием осуществляется по заявлению родителей.", "Прием осуществляется по письменному заявлению родителей.")
    assert [k for k, _ in similar] == ["equal", "insert", "equal"]
    unrelated = line_ops("5. Настоящие Правила вводятся в действие.", "5. Государство обеспечивает образование.")
    assert unrelated == restatement("5. Настоящие Правила вводятся в действие.", "5. Государство обеспечивает образование.")
    assert 0 < WORD_DIFF_MIN_SIMILARITY < 1


def test_comments_are_anchored_on_the_changes_of_their_unit() -> None:
    old, new = parse_text(OLD, lang="ru"), parse_text(NEW, lang="ru")
    data = redline_documents(old, new, comments={"para_2": "Миграционная карточка выдается родителю, а не ребенку."})
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert "Миграционная карточка выдается" in archive.read("word/comments.xml").decode()
    document = archive.read("word/document.xml").decode()
    anchored = document.split("<w:commentRangeStart ")[1].split("<w:commentRangeEnd ")[0]
    assert "при наличии миграционной карточки" in anchored
    assert wordml.problems(data) == []
