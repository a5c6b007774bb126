"""The document diff on real Russian and Kazakh texts: kinds, citations, editorial notes, options."""

from __future__ import annotations

import pytest

from lexamend.diff.document import DiffOptions, diff_documents
from lexamend.errors import CitationError
from lexamend.model import Document
from lexamend.parse import parse_file
from lexamend.parse.text import parse_text
from tests.conftest import DATA


@pytest.fixture(scope="module")
def ru() -> tuple[Document, Document]:
    return parse_file(DATA / "diff" / "law-education-art8.ru.old.txt"), parse_file(DATA / "diff" / "law-education-art8.ru.new.txt")


@pytest.fixture(scope="module")
def kk() -> tuple[Document, Document]:
    return parse_file(DATA / "diff" / "law-education-art8.kk.old.txt"), parse_file(DATA / "diff" / "law-education-art8.kk.new.txt")


def test_russian_changes_are_named_by_their_citations(ru: tuple[Document, Document]) -> None:
    diff = diff_documents(*ru)
    described = [(c.kind, c.describe()) for c in diff.top()]
    assert described == [
        ("notes", "Статья 8: 1 editorial note change"),
        ("changed", "Часть первая пункта 1 статьи 8: text changed"),
        ("notes", "Пункт 2-1 статьи 8: 1 editorial note change"),
        ("inserted", "Пункт 2-2 статьи 8 inserted"),
        ("moved", "Пункт 8 статьи 8 moved within статья 8"),
        ("excluded", "Подпункт 2) пункта 4 статьи 8 excluded (now a placeholder)"),
        ("changed", "Подпункт 3) пункта 4 статьи 8: text changed"),
        ("inserted", "Статья 9 inserted"),
        ("renumbered", "Статья 9 → статья 10 (renumbered)"),
    ]
    assert diff.summary() == {"changed": 2, "inserted": 2, "deleted": 0, "excluded": 1, "renumbered": 1, "moved": 1, "notes": 2}
    assert diff.summary_line() == "2 units changed, 2 inserted, 0 repealed, 2 renumbered/moved, 1 turned into «исключен» placeholders; 2 editorial notes changed"


def test_kazakh_changes_are_named_by_their_citations(kk: tuple[Document, Document]) -> None:
    diff = diff_documents(*kk)
    described = [(c.kind, c.describe()) for c in diff.top()]
    assert described == [
        ("notes", "8-бап: 1 editorial note change"),
        ("changed", "8-баптың 2-тармағының екінші бөлігі: text changed"),
        ("excluded", "8-баптың 4-тармағының 2) тармақшасы excluded (now a placeholder)"),
        ("inserted", "8-баптың 4-тармағының 3-1) тармақшасы inserted"),
    ]
    changed = diff.top()[1]
    assert [(op.kind, op.text) for op in changed.fields[0].ops if op.kind != "equal"] == [("insert", "немесе уақытша ")]


def test_word_operations_rebuild_both_wordings(ru: tuple[Document, Document]) -> None:
    for change in diff_documents(*ru).changes:
        for field in change.fields:
            assert "".join(op.text for op in field.ops if op.kind != "insert") == field.old
            assert "".join(op.text for op in field.ops if op.kind != "delete") == field.new


def test_a_footnote_amended_is_one_note_change_and_a_removed_editor_note_another(ru: tuple[Document, Document]) -> None:
    notes = [(n.change, n.kind) for c in diff_documents(*ru).changes for n in c.notes]
    assert notes == [("changed", "footnote"), ("removed", "editor")]


def test_ignore_editorial_leaves_the_notes_out(ru: tuple[Document, Document]) -> None:
    diff = diff_documents(*ru, DiffOptions(ignore_editorial=True))
    assert all(not c.notes for c in diff.changes)
    assert "notes" not in {c.kind for c in diff.changes}


def test_only_restricts_the_diff_to_one_unit_and_its_descendants(ru: tuple[Document, Document]) -> None:
    diff = diff_documents(*ru, DiffOptions(only="пункт 4 статьи 8"))
    assert [c.address for c in diff.changes] == ["art_8__para_4__subpara_2", "art_8__para_4__subpara_3"]
    with pytest.raises(CitationError):
        diff_documents(*ru, DiffOptions(only="статья 99"))


def test_citations_in_another_language(ru: tuple[Document, Document]) -> None:
    diff = diff_documents(*ru, DiffOptions(cite_lang="en"))
    assert "Subparagraph 3) of paragraph 4 of Article 8: text changed" in [c.describe() for c in diff.top()]


def test_a_footnote_left_in_place_by_a_deleted_paragraph_has_not_changed() -> None:
    old = parse_text("Статья 1. Права\n1. Первый пункт о правах граждан.\n2. Второй пункт о правах иностранцев.\nСноска. Пункт 2 с изменениями, внесенными Законом РК от 01.01.2020 № 1-VI.\n3. Третий пункт.\n")
    new = parse_text("Статья 1. Права\n1. Первый пункт о правах граждан.\nСноска. Пункт 2 с изменениями, внесенными Законом РК от 01.01.2020 № 1-VI.\n3. Третий пункт.\n")
    diff = diff_documents(old, new)
    assert [(c.kind, c.address) for c in diff.changes] == [("deleted", "art_1__para_2")]


def test_identical_versions_and_a_changed_title() -> None:
    doc = parse_text("Закон об образовании\n\nСтатья 1. Права\n1. Текст.\n")
    assert diff_documents(doc, doc).identical
    other = parse_text("Закон об образовании и науке\n\nСтатья 1. Права\n1. Текст.\n")
    diff = diff_documents(doc, other)
    assert not diff.identical and diff.title is not None and diff.changes == ()


def test_ignore_case_and_space(ru: tuple[Document, Document]) -> None:
    old = parse_text("1. Уполномоченный орган  выдает разрешение.\n")
    new = parse_text("1. уполномоченный орган выдает разрешение .\n")
    assert not diff_documents(old, new).identical
    assert diff_documents(old, new, DiffOptions(ignore_case=True, ignore_space=True)).identical
