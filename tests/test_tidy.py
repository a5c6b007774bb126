"""Drafting punctuation rules at the seam of an edit."""

from __future__ import annotations

import pytest

from lexamend.model import TidyNote
from lexamend.tidy import insert_seam, join_seam


def delete(text: str, words: str) -> tuple[str, list[str]]:
    start = text.index(words)
    notes: list[TidyNote] = []
    left, right = join_seam(text[:start], text[start + len(words) :], notes, removed=True)
    return left + right, [n.rule for n in notes]


def test_delete_word_leaves_no_double_space() -> None:
    out, rules = delete("shall be submitted by foreign students", "foreign")
    assert out == "shall be submitted by students"
    assert rules == ["double-space"]


def test_delete_before_full_stop_leaves_no_space_before_punctuation() -> None:
    out, rules = delete("the same rights as the citizens of Kazakhstan.", " of Kazakhstan")
    assert out == "the same rights as the citizens."


def test_delete_bracketed_list_removes_brackets_and_spaces() -> None:
    out, rules = delete("in Kazakhstan (refugees, asylum seekers) are accepted", "(refugees, asylum seekers)")
    assert out == "in Kazakhstan are accepted"
    assert "double-space" in rules


def test_delete_everything_inside_brackets_removes_empty_brackets() -> None:
    out, rules = delete("in Kazakhstan (refugees, asylum seekers) are accepted", "refugees, asylum seekers")
    assert out == "in Kazakhstan are accepted"
    assert rules[0] == "empty-brackets"


def test_delete_last_list_item_removes_its_comma() -> None:
    out, rules = delete("(refugees, asylum seekers, migrant workers)", "migrant workers")
    assert out == "(refugees, asylum seekers)"
    assert "orphan-comma" in rules


def test_delete_first_list_item_removes_the_following_comma() -> None:
    out, rules = delete("(refugees, asylum seekers, migrant workers)", "refugees")
    assert out == "(asylum seekers, migrant workers)"


def test_delete_middle_list_item_leaves_one_comma() -> None:
    out, rules = delete("refugees, asylum seekers, migrant workers", "asylum seekers")
    assert out == "refugees, migrant workers"
    assert rules[0] == "orphan-comma"


def test_delete_first_of_two_coordinated_words_removes_the_conjunction() -> None:
    out, rules = delete("with the exception of the seasonal and frontier workers)", "seasonal")
    assert out == "with the exception of the frontier workers)"
    assert "dangling-conjunction" in rules


def test_delete_modifier_of_a_conjunct_keeps_the_conjunction() -> None:
    out, rules = delete("refugees from abroad and migrants", "from abroad")
    assert out == "refugees and migrants"
    assert "dangling-conjunction" not in rules


def test_delete_second_coordinated_modifier_keeps_the_conjunction() -> None:
    # "students and [foreign] teachers" must keep its "and": without grammar the rule does not guess.
    out, rules = delete("students and foreign teachers", "foreign")
    assert out == "students and teachers"
    assert "dangling-conjunction" not in rules


def test_delete_last_of_three_moves_the_conjunction_into_the_list() -> None:
    out, rules = delete("(refugees, asylum seekers and migrants)", "migrants")
    assert out == "(refugees and asylum seekers)"
    assert rules[-1] == "list-conjunction"


def test_delete_middle_of_three_before_conjunction_drops_the_comma() -> None:
    out, _ = delete("refugees, asylum seekers and migrants", "asylum seekers")
    assert out == "refugees and migrants"


def test_russian_conjunction_is_removed_with_the_coordinated_word() -> None:
    out, rules = delete("за исключением сезонных и приграничных работников", "сезонных")
    assert out == "за исключением приграничных работников"
    assert "dangling-conjunction" in rules


def test_kazakh_conjunction_is_removed_with_the_coordinated_word() -> None:
    out, _ = delete("маусымдық және шекаралық жұмысшылар", "маусымдық")
    assert out == "шекаралық жұмысшылар"


def test_conjunction_inside_a_word_is_not_touched() -> None:
    out, rules = delete("the seasonal android workers", "seasonal")
    assert out == "the android workers"
    assert "dangling-conjunction" not in rules


@pytest.mark.parametrize(
    ("left", "words", "right", "expected"),
    [
        ("residing in Kazakhstan", "temporarily", " are", "residing in Kazakhstan temporarily are"),
        ("Kazakhstan", ", as well as stateless persons", " are", "Kazakhstan, as well as stateless persons are"),
        ("(", "refugees", " and)", "(refugees and)"),
        ("words ", "  padded  ", " here", "words padded here"),
        ("end", "", ".", "end."),
    ],
)
def test_insert_spacing_follows_drafting_rules(left: str, words: str, right: str, expected: str) -> None:
    assert insert_seam(left, words, right) == expected
