"""The aligner: units matched in order, renumbered, reparented, moved, inserted and deleted."""

from __future__ import annotations

import pytest

from lexamend.diff import align as align_module
from lexamend.diff.align import _heaviest_increasing, align
from lexamend.diff.document import diff_documents
from lexamend.parse.text import parse_text


def _changes(old: str, new: str) -> set[tuple[str, str]]:
    return {(p.kind, p.address) for p in align(parse_text(old), parse_text(new)).changes()}


LONG = {
    "a": "The authorized body shall issue the permit for temporary residence within ten working days from the date of receipt of the application.",
    "b": "The local executive body of the region shall register the notification of the arrival of a foreigner in electronic form.",
    "c": "The employer shall submit to the authorized body the information on the number of foreign workers engaged under employment contracts.",
    "d": "The migration police unit at the place of residence shall verify the documents confirming registration at the place of residence.",
    "e": "The educational organization shall admit the children of foreigners and stateless persons on the same terms as citizens.",
}


def test_heaviest_increasing_chain_prefers_weight_over_length() -> None:
    # Three light elements in order against one heavy element out of their order.
    assert _heaviest_increasing([4, 1, 2, 3], [100, 1, 1, 1]) == {0}
    assert _heaviest_increasing([4, 1, 2, 3], [1, 1, 1, 1]) == {1, 2, 3}


def test_insertion_and_deletion_with_renumbering() -> None:
    changes = _changes("1. One.\n2. Two.\n3. Three.\n", "1. One.\n1-1. Inserted.\n2. Three.\n")
    assert ("inserted", "para_1-1") in changes
    assert ("renumbered", "para_2") in changes  # "3. Three." is now "2."
    assert ("deleted", "para_2") in changes  # "2. Two." is gone


def test_equal_items_are_told_apart_by_their_numbers() -> None:
    old = "1. Chapeau:\n1) a copy of the passport;\n2) a copy of the passport;\n3) a photograph.\n"
    new = "1. Chapeau:\n2) a copy of the passport;\n3) a photograph.\n"
    assert _changes(old, new) == {("deleted", "para_1__subpara_1")}


def test_a_paragraph_inserted_between_a_chapeau_and_its_items_moves_nothing() -> None:
    old = f"329. {LONG['a']} The following documents shall be attached:\n1) a copy of the passport;\n2) a photograph;\n330. {LONG['b']}\n"
    new = f"329. {LONG['a']} The following documents shall be attached:\n329-1. {LONG['c']}\n1) a copy of the passport;\n2) a photograph;\n330. {LONG['b']}\n"
    alignment = align(parse_text(old), parse_text(new))
    assert {(p.kind, p.address) for p in alignment.changes()} == {("inserted", "para_329-1")}
    items = [p for p in alignment.pairs if p.new is not None and p.new.unit.kind.value == "subparagraph"]
    assert all(p.kind == "same" and p.reparented and not p.moved for p in items)


def test_a_deleted_chapeau_leaves_its_items_in_place() -> None:
    old = f"1. {LONG['a']}\n2. The following documents shall be attached:\n1) a copy of the passport;\n2) a photograph;\n3. {LONG['b']}\n"
    new = f"1. {LONG['a']}\n1) a copy of the passport;\n2) a photograph;\n3. {LONG['b']}\n"
    assert _changes(old, new) == {("deleted", "para_2")}


def test_short_boilerplate_does_not_jump_across_the_document() -> None:
    # An item deleted in paragraph 1 and the same words inserted in paragraph 5: a deletion and an insertion.
    old = f"1. Documents:\n1) the expiration of the identity document;\n2) {LONG['a']}\n2. {LONG['b']}\n3. {LONG['c']}\n4. {LONG['d']}\n5. Grounds:\n1) {LONG['e']}\n"
    new = f"1. Documents:\n2) {LONG['a']}\n2. {LONG['b']}\n3. {LONG['c']}\n4. {LONG['d']}\n5. Grounds:\n1) {LONG['e']}\n1-1) the expiration of the identity document;\n"
    assert _changes(old, new) == {("deleted", "para_1__subpara_1"), ("inserted", "para_5__subpara_1-1")}


def test_a_paragraph_moved_to_another_article_is_reported_as_moved() -> None:
    old = f"Article 4. Permits\n1. {LONG['a']}\n2. {LONG['b']}\n3. {LONG['c']}\nArticle 5. Registration\n1. {LONG['d']}\nArticle 7. Education\n1. {LONG['e']}\n"
    new = f"Article 4. Permits\n1. {LONG['a']}\n2. {LONG['b']}\nArticle 5. Registration\n1. {LONG['d']}\nArticle 7. Education\n1. {LONG['e']}\n3. {LONG['c']}\n"
    diff = diff_documents(parse_text(old), parse_text(new))
    moved = [c for c in diff.changes if c.kind == "moved"]
    assert len(moved) == 1 and len(diff.changes) == 1
    assert moved[0].describe() == "Paragraph 3 moved from Article 4 to Article 7"


def test_a_moved_article_carries_its_paragraphs() -> None:
    old = f"Article 1. One\n1. {LONG['a']}\n2. {LONG['b']}\nArticle 2. Two\n1. {LONG['c']}\nArticle 3. Three\n1. {LONG['d']}\n2. {LONG['e']}\n"
    new = f"Article 1. One\n1. {LONG['a']}\n2. {LONG['b']}\nArticle 3. Three\n1. {LONG['d']}\n2. {LONG['e']}\nArticle 2. Two\n1. {LONG['c']}\n"
    alignment = align(parse_text(old), parse_text(new))
    changes = alignment.changes()
    assert [(p.kind, p.address) for p in changes] == [("moved", "art_2")]
    carried = [p for p in alignment.pairs if p.carried]
    assert [p.address for p in carried] == ["art_2__para_1"]


def test_renumbering_every_article_matches_each_to_its_old_self() -> None:
    articles = "".join(f"Article {n}. Heading {n}\n1. {text}\n" for n, text in enumerate(LONG.values(), start=1))
    renumbered = "Article 1. A new first article\n1. It is new.\n" + "".join(
        f"Article {n + 1}. Heading {n}\n1. {text}\n" for n, text in enumerate(LONG.values(), start=1)
    )
    alignment = align(parse_text(articles), parse_text(renumbered))
    kinds = [(p.kind, p.old.unit.num if p.old else None, p.new.unit.num if p.new else None) for p in alignment.changes()]
    assert ("inserted", None, "1") in kinds
    assert [k for k in kinds if k[0] == "renumbered"] == [("renumbered", str(n), str(n + 1)) for n in range(1, 6)]
    assert all(p.kind == "same" for p in alignment.pairs if p.new and p.new.unit.kind.value == "paragraph" and p.new.unit.text in LONG.values())


def test_a_unit_turned_into_a_placeholder_is_excluded() -> None:
    old = "Статья 1. Понятия\n1) академия – организация высшего образования;\n2) бакалавр – степень;\n"
    new = "Статья 1. Понятия\n1) исключен Законом РК от 13.11.2015 № 398-V;\n2) бакалавр – степень;\n"
    assert _changes(old, new) == {("excluded", "art_1__subpara_1")}


def test_unrelated_documents_align_poorly_but_completely() -> None:
    old = "".join(f"{n}. {text}\n" for n, text in enumerate(LONG.values(), start=1))
    new = "Статья 1. Язык\nЯзык обучения определяется законом.\nСтатья 2. Право\nКаждый имеет право на образование.\n"
    alignment = align(parse_text(old), parse_text(new))
    assert alignment.ratio < 0.2
    kinds = [p.kind for p in alignment.pairs]
    assert kinds.count("deleted") == alignment.old_count - alignment.matched
    assert kinds.count("inserted") == alignment.new_count - alignment.matched
    assert len(kinds) == alignment.old_count + alignment.new_count - alignment.matched


def test_ignore_options_compare_folded_texts() -> None:
    old = parse_text("1. The Authorized Body shall issue the permit.\n")
    new = parse_text("1. The authorized  body shall issue the permit .\n")
    assert align(old, new).changes()
    assert not align(old, new, fold=lambda t: "".join(t.split()).casefold()).changes()


def test_large_gaps_are_paired_near_their_diagonal_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align_module, "GAP_PAIR_LIMIT", 4)
    old = "".join(f"{n}. {text}\n" for n, text in enumerate(LONG.values(), start=1))
    new = "".join(f"{n}. {text} Amended.\n" for n, text in enumerate(LONG.values(), start=1))
    alignment = align(parse_text(old), parse_text(new))
    assert any("diagonal" in note for note in alignment.notes)
    assert {p.kind for p in alignment.pairs} == {"changed"}
