"""Legal-aware tokens: lossless, and never splitting labels, numbers, compounds or short quotes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lexamend.diff.tokens import MAX_QUOTED_CHARS, tokenize

TEXT = st.lists(st.sampled_from(list("ab вг 5-1.4)«»\"',;\n") + ["сезонных", "and", "  ", "4-1)", "№ 468"]), max_size=40).map("".join)


@given(TEXT)
def test_tokens_are_lossless(text: str) -> None:
    assert "".join(tokenize(text)) == text


def test_labels_numbers_and_dates_are_one_token() -> None:
    tokens = tokenize("подпункт 4-1) пункта 5-1. приказа № 468 от 28.09.2010")
    for whole in ("4-1)", "5-1.", "№ 468", "28.09.2010"):
        assert whole in tokens


def test_kazakh_and_russian_compounds_and_apostrophes_stay_whole() -> None:
    assert "учебно-воспитательный" in tokenize("учебно-воспитательный процесс")
    assert "бизнес-иммигрантов" in tokenize("для бизнес-иммигрантов;")
    assert "мектеп-интернаттарында" in tokenize("жалпы мектеп-интернаттарында тұратын")
    assert "State's" in tokenize("the State's obligations")


def test_short_quotes_are_one_token_and_long_quotes_are_split() -> None:
    assert "«сезонных и»" in tokenize("слова «сезонных и» исключить")
    long_quote = "«" + "слово " * (MAX_QUOTED_CHARS // 5) + "»"
    assert long_quote not in tokenize(long_quote)
