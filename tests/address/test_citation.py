"""Parsing citations: every form and language reduces to the same steps."""

from __future__ import annotations

import pytest

from lexamend.address import ATTACHMENT_SCOPE, Citation, CitationError, parse_citation
from lexamend.address.citation import guess_language
from lexamend.model import Kind

ART8_PARA2 = "art_8__para_2"
ART8_PARA2_SUB1 = "art_8__para_2__subpara_1"
ART8_PARA2_PART2 = "art_8__para_2__part_2"


@pytest.mark.parametrize(
    ("text", "address", "lang"),
    [
        ("chp_2__art_8__para_2", "chp_2__art_8__para_2", "eid"),
        ("art_8__para_2__subpara_4-1", "art_8__para_2__subpara_4-1", "eid"),
        ("para_2", "para_2", "eid"),
        # English, both orders, abbreviations, brackets, any case
        ("paragraph 2 of Article 8", ART8_PARA2, "en"),
        ("Article 8, paragraph 2", ART8_PARA2, "en"),
        ("Article 8(2)", ART8_PARA2, "en"),
        ("Art. 8(2)", ART8_PARA2, "en"),
        ("PARAGRAPH 2 OF ARTICLE 8", ART8_PARA2, "en"),
        ("see paragraph 2 of Article 8 of this Law", ART8_PARA2, "en"),
        ("Article 8(2)(a)", "art_8__para_2__point_a", "en"),
        ("Article 8(2)(1)", ART8_PARA2_SUB1, "en"),
        ("Article 8(2), subparagraph 1)", ART8_PARA2_SUB1, "en"),
        ("art. 8, para. 2, subpara. 1)", ART8_PARA2_SUB1, "en"),
        ("subparagraph 1) of paragraph 2 of Article 8", ART8_PARA2_SUB1, "en"),
        ("subparagraph 1) of Article 8(2)", ART8_PARA2_SUB1, "en"),
        ("sub-paragraph 4-1)", "subpara_4-1", "en"),
        ("sub-paragraph 4–1)", "subpara_4-1", "en"),
        ("part two of paragraph 2 of Article 8", ART8_PARA2_PART2, "en"),
        ("the second part of paragraph 2 of Article 8", ART8_PARA2_PART2, "en"),
        ("Chapter 2", "chp_2", "en"),
        ("Section II", "sec_II", "en"),
        ("Part II", "sec_II", "en"),
        ("point (a)", "point_a", "en"),
        ("letter a)", "point_a", "en"),
        ("point (b)(ii) of paragraph 2 of Article 40", "art_40__para_2__point_b__subpoint_ii", "en"),
        ("paragraph 2 of Annex 1", "annex_1__para_2", "en"),
        ("the preamble", "preamble", "en"),
        # Russian, small-to-large and large-to-small, abbreviations, any case of the head noun
        ("подпункт 1) пункта 2 статьи 8", ART8_PARA2_SUB1, "ru"),
        ("подп. 1) п. 2 ст. 8", ART8_PARA2_SUB1, "ru"),
        ("пп. 1) п. 2 ст. 8", ART8_PARA2_SUB1, "ru"),
        ("в подпункте 1) пункта 2 статьи 8", ART8_PARA2_SUB1, "ru"),
        ("подпунктом 1) пункта 2 статьи 8 настоящего Закона", ART8_PARA2_SUB1, "ru"),
        ("статья 8, пункт 2, подпункт 1)", ART8_PARA2_SUB1, "ru"),
        ("ст. 8 п. 2", ART8_PARA2, "ru"),
        ("пункта 2 статьи 8 Закона Республики Казахстан «Об образовании»", ART8_PARA2, "ru"),
        ("часть вторая пункта 2 статьи 8", ART8_PARA2_PART2, "ru"),
        ("части второй пункта 2 статьи 8", ART8_PARA2_PART2, "ru"),
        ("второй части пункта 2 статьи 8", ART8_PARA2_PART2, "ru"),
        ("ч. 2 п. 2 ст. 8", ART8_PARA2_PART2, "ru"),
        ("абзац второй пункта 2", "para_2__part_2", "ru"),
        ("абзаце втором пункта 2 статьи 8", ART8_PARA2_PART2, "ru"),
        ("статья 8", "art_8", "ru"),
        ("статьи 8-1", "art_8-1", "ru"),
        ("глава 2", "chp_2", "ru"),
        ("раздел II", "sec_II", "ru"),
        ("раздел ІІ", "sec_II", "ru"),  # Cyrillic І as a Roman numeral
        ("подпункт а) пункта 3", "para_3__point_а", "ru"),
        ("подпункт (ii) подпункта b) пункта 2 статьи 40", "art_40__para_2__point_b__subpoint_ii", "ru"),
        ("приложение № 1", "annex_1", "ru"),
        ("преамбула", "preamble", "ru"),
        # Kazakh, large-to-small with case endings
        ("8-баптың 2-тармағы", ART8_PARA2, "kk"),
        ("8-баптың 2-тармағының 1) тармақшасы", ART8_PARA2_SUB1, "kk"),
        ("8-бап", "art_8", "kk"),
        ("2-тарау", "chp_2", "kk"),
        ("8-баптың 2-тармағының екінші бөлігі", ART8_PARA2_PART2, "kk"),
        ("8-бабының 2-тармағында", ART8_PARA2, "kk"),
        ("8-баптың 2-тармағына", ART8_PARA2, "kk"),
        ("8-баптың 2-тармағын", ART8_PARA2, "kk"),
        ("осы Заңның 8-бабының 2-тармағының 1) тармақшасында", ART8_PARA2_SUB1, "kk"),
        ("2-тараудың", "chp_2", "kk"),
        ("II бөлім", "sec_II", "kk"),
        ("8-баптың 2-тармағының а) тармақшасы", "art_8__para_2__point_а", "kk"),
    ],
)
def test_forms(text: str, address: str, lang: str) -> None:
    citation = parse_citation(text)
    assert citation.address == address
    assert citation.lang == lang
    assert citation.scope is None
    assert citation.text == text


@pytest.mark.parametrize(
    "text",
    [
        "paragraph 2 of Article 8",
        "Article 8, paragraph 2",
        "Article 8(2)",
        "Art. 8(2)",
        "art. 8, para. 2",
        "пункт 2 статьи 8",
        "пункта 2 статьи 8",
        "пунктом 2 статьи 8",
        "статья 8, пункт 2",
        "ст. 8 п. 2",
        "п. 2 ст. 8",
        "8-баптың 2-тармағы",
        "8-баптың 2-тармағының",
        "8-бабының 2-тармағында",
        "art_8__para_2",
    ],
)
def test_equivalent_citations_are_equal(text: str) -> None:
    """Equality ignores language and wording: it compares steps and scope."""
    assert parse_citation(text) == Citation(((Kind.ARTICLE, "8", None), (Kind.PARAGRAPH, "2", None)))


@pytest.mark.parametrize(
    "text",
    [
        "пункт 2 Правил",
        "пункта 2 Правил",
        "пункте 2 настоящих Правил",
        "paragraph 2 of the Rules",
        "paragraph 2 of these Rules",
        "paragraph 2 of this Regulation",
        "Қағидалардың 2-тармағы",
        "осы Қағидалардың 2-тармағында",
    ],
)
def test_rules_scope(text: str) -> None:
    citation = parse_citation(text)
    assert citation.scope == ATTACHMENT_SCOPE
    assert citation.steps == ((Kind.PARAGRAPH, "2", None),)


RU_ORDINALS = {
    1: ("первая", "первой", "первую"),
    2: ("вторая", "второй", "вторую"),
    3: ("третья", "третьей", "третью"),
    4: ("четвертая", "четвёртой", "четвертую"),
    5: ("пятая", "пятой", "пятую"),
    6: ("шестая", "шестой", "шестую"),
    7: ("седьмая", "седьмой", "седьмую"),
    8: ("восьмая", "восьмой", "восьмую"),
    9: ("девятая", "девятой", "девятую"),
    10: ("десятая", "десятой", "десятую"),
}


@pytest.mark.parametrize("n", sorted(RU_ORDINALS))
def test_russian_ordinal_parts_in_all_cases(n: int) -> None:
    nom, oblique, acc = RU_ORDINALS[n]
    for text in (
        f"часть {nom} пункта 2 статьи 8",
        f"части {oblique} пункта 2 статьи 8",
        f"частью {oblique} пункта 2 статьи 8",
        f"часть {acc} пункта 2 статьи 8",
        f"{oblique} части пункта 2 статьи 8",
    ):
        assert parse_citation(text).steps[-1] == (Kind.PART, None, n), text


@pytest.mark.parametrize(
    ("word", "n"),
    [("бірінші", 1), ("екінші", 2), ("үшінші", 3), ("төртінші", 4), ("бесінші", 5),
     ("алтыншы", 6), ("жетінші", 7), ("сегізінші", 8), ("тоғызыншы", 9), ("оныншы", 10)],
)  # fmt: skip
def test_kazakh_ordinal_parts(word: str, n: int) -> None:
    for ending in ("бөлігі", "бөлігінде", "бөлігінің", "бөлігіне"):
        steps = parse_citation(f"8-баптың 2-тармағының {word} {ending}").steps
        assert steps[-1] == (Kind.PART, None, n)


@pytest.mark.parametrize(("word", "n"), [("one", 1), ("third", 3), ("five", 5), ("tenth", 10), ("7", 7)])
def test_english_ordinal_parts(word: str, n: int) -> None:
    assert parse_citation(f"part {word} of paragraph 2 of Article 8").steps[-1] == (Kind.PART, None, n)


def test_letters_under_subparagraph_nouns_are_points() -> None:
    assert parse_citation("подпункт а) пункта 3").steps[-1] == (Kind.POINT, "а", None)
    assert parse_citation("subparagraph (b)").steps == ((Kind.POINT, "b", None),)


def test_explicit_language() -> None:
    assert parse_citation("ст. 8", lang="ru").address == "art_8"
    with pytest.raises(CitationError, match="cannot read EN"):
        parse_citation("ст. 8", lang="en")
    with pytest.raises(CitationError, match="unknown citation language"):
        parse_citation("ст. 8", lang="de")


def test_guess_language() -> None:
    assert [guess_language(t) for t in ("2-тарау", "пункт 2", "Article 8", "1) тармақшасы")] == ["kk", "ru", "en", "kk"]


@pytest.mark.parametrize("text", ["the moon", "пункт", "Article eight", "статья 8 и статья 9", "8 бап бап"])
def test_unparseable_citation_names_the_input_and_the_accepted_forms(text: str) -> None:
    with pytest.raises(CitationError) as info:
        parse_citation(text)
    message = str(info.value)
    assert message.startswith(repr(text))
    assert "Accepted forms" in message
    assert "paragraph 2 of Article 8" in message and "«подп. 1) п. 2 ст. 8»" in message


def test_empty_citation() -> None:
    with pytest.raises(CitationError, match="empty citation"):
        parse_citation("   ")


def test_levels_that_do_not_nest_are_rejected() -> None:
    with pytest.raises(CitationError, match="do not nest: paragraph then article"):
        parse_citation("paragraph 2, Article 8, subparagraph 1)")
    with pytest.raises(CitationError, match="ordinal word only numbers parts"):
        parse_citation("paragraph two of Article 8")


def test_unknown_eid_level() -> None:
    with pytest.raises(CitationError, match="unknown level 'foo'"):
        parse_citation("art_8__foo_2")
