"""Finding an edit's words: word boundaries and typography-insensitive matching."""

from __future__ import annotations

from lexamend.match import context, find_all


def test_word_boundary_excludes_longer_words() -> None:
    assert find_all("seasonally and seasonal workers", "seasonal") == [find_all("seasonal", "seasonal")[0].__class__(15, 23)]


def test_cyrillic_word_boundary() -> None:
    text = "внесезонных и сезонных работников"
    spans = find_all(text, "сезонных")
    assert [text[s.start : s.end] for s in spans] == ["сезонных"]
    assert spans[0].start == 14


def test_hyphenated_compound_is_one_word() -> None:
    assert find_all("учебно-воспитательный процесс", "учебно") == []
    assert len(find_all("учебно-воспитательный процесс", "учебно-воспитательный")) == 1


def test_quotes_and_dashes_match_their_variants() -> None:
    text = "Закон «Об образовании» – основной"
    assert len(find_all(text, 'Закон "Об образовании" - основной')) == 1


def test_non_breaking_space_and_soft_hyphen_in_the_edit_are_normalised() -> None:
    text = "Республики Казахстан"
    assert len(find_all(text, "Респуб\u00adлики\u00a0Казахстан")) == 1


def test_yo_matches_ye() -> None:
    assert len(find_all("учтенных", "учтённых")) == 1


def test_phrase_with_punctuation_at_edges() -> None:
    text = "Kazakhstan (refugees, migrants) are"
    assert len(find_all(text, "(refugees, migrants)")) == 1


def test_context_marks_the_match() -> None:
    text = "with the exception of the seasonal and frontier workers"
    span = find_all(text, "seasonal")[0]
    assert "[seasonal]" in context(text, span, width=10)
