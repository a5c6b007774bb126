"""The shared diff engine: tokens, word diffs, tree alignment (smoke level; fuller tests live with the diff commands)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lexamend.diff.align import align
from lexamend.diff.tokens import tokenize
from lexamend.diff.words import MAX_TOKENS, word_diff
from lexamend.parse.text import parse_text

TEXT = st.lists(st.sampled_from(list("ab вг 5-1.4)«»\"',;\n") + ["сезонных", "and", "  ", "4-1)", "№ 468"]), max_size=40).map("".join)


@given(TEXT)
def test_tokens_are_lossless(text: str) -> None:
    assert "".join(tokenize(text)) == text


@settings(max_examples=200)
@given(TEXT, TEXT)
def test_word_diff_reassembles_both_texts(old: str, new: str) -> None:
    diff = word_diff(old, new)
    assert diff.old_text() == old
    assert diff.new_text() == new


def test_labels_and_compounds_are_never_split() -> None:
    diff = word_diff("пункт 5-1. учебно-воспитательный", "пункт 5-2. учебно-методический")
    deleted = [op.text for op in diff.ops if op.kind == "delete"]
    assert "5-1." in "".join(deleted) and "учебно-воспитательный" in "".join(deleted)


def test_huge_texts_fall_back_to_a_coarse_diff() -> None:
    old = "word " * (MAX_TOKENS // 2 + 10)
    diff = word_diff(old + "end", old + "fin")
    assert diff.capped and diff.new_text() == old + "fin"


def test_align_reports_renumbered_and_inserted_units() -> None:
    old = parse_text("1. One.\n2. Two.\n3. Three.\n")
    new = parse_text("1. One.\n1-1. Inserted.\n2. Three.\n")
    kinds = {(p.kind, p.address) for p in align(old, new).changes()}
    assert ("inserted", "para_1-1") in kinds
    assert ("renumbered", "para_2") in kinds
    assert ("deleted", "para_2") in kinds
