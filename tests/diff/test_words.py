"""Word diffs: diff-match-patch over legal tokens, with the cap for huge texts and the ignore options."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lexamend.diff.words import DELETE, EQUAL, INSERT, MAX_TOKENS, word_diff

TEXT = st.lists(st.sampled_from(list("ab вг 5-1.4)«»\"',;\n") + ["сезонных", "and", "  ", "4-1)", "№ 468"]), max_size=40).map("".join)


@settings(max_examples=200)
@given(TEXT, TEXT)
def test_word_diff_reassembles_both_texts(old: str, new: str) -> None:
    diff = word_diff(old, new)
    assert diff.old_text() == old
    assert diff.new_text() == new


@settings(max_examples=100)
@given(TEXT, TEXT)
def test_ignoring_case_and_space_still_gives_the_new_text(old: str, new: str) -> None:
    diff = word_diff(old, new, ignore_case=True, ignore_space=True)
    assert diff.new_text() == new


def test_labels_and_compounds_are_never_split() -> None:
    diff = word_diff("пункт 5-1. учебно-воспитательный", "пункт 5-2. учебно-методический")
    deleted = "".join(op.text for op in diff.ops if op.kind == DELETE)
    assert "5-1." in deleted and "учебно-воспитательный" in deleted


def test_a_deleted_phrase_is_one_operation() -> None:
    diff = word_diff(
        "за исключением сезонных и приграничных работников",
        "за исключением приграничных работников",
    )
    assert [(op.kind, op.text) for op in diff.ops] == [
        (EQUAL, "за исключением "),
        (DELETE, "сезонных и "),
        (EQUAL, "приграничных работников"),
    ]


def test_alternating_word_changes_are_gathered_into_one_replacement() -> None:
    diff = word_diff("в течение десяти рабочих дней", "в течение пятнадцати календарных дней")
    kinds = [op.kind for op in diff.ops]
    assert kinds == [EQUAL, DELETE, INSERT, EQUAL]


def test_huge_texts_fall_back_to_a_coarse_diff() -> None:
    old = "word " * (MAX_TOKENS // 2 + 10)
    diff = word_diff(old + "end", old + "fin")
    assert diff.capped and diff.new_text() == old + "fin"
    assert [op.kind for op in diff.ops] == [EQUAL, DELETE, INSERT]


def test_ignore_case_and_ignore_space_make_typographic_variants_equal() -> None:
    assert not word_diff("Уполномоченный  орган ,", "уполномоченный орган,", ignore_case=True, ignore_space=True).changed
    assert word_diff("Уполномоченный орган", "уполномоченный орган", ignore_space=True).changed
    assert word_diff("орган ,", "орган,", ignore_case=True).changed


def test_long_texts_with_little_in_common_fall_back_instead_of_taking_quadratic_time() -> None:
    import random

    rng = random.Random(7)
    vocabulary = [f"слово{i}" for i in range(40)]
    old = " ".join(rng.choice(vocabulary) for _ in range(5000))
    new = " ".join(rng.choice(vocabulary) for _ in range(5000))
    diff = word_diff(old, new)  # Myers' algorithm alone would take tens of seconds here
    assert diff.capped and diff.old_text() == old and diff.new_text() == new
