"""Formatting citations in EN/RU/KK, and the format → parse → resolve round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexamend.address import cite, format_citation, parse_citation, resolve, resolve_path
from lexamend.address.format import KK_CASES, RU_CASES, STYLES
from lexamend.model import Document, Kind, Unit, walk_with_parents
from lexamend.parse import parse_file
from lexamend.parse.text import parse_text

ORDER_WITH_RULES = "\n\n".join(
    [
        "Приказ Министра образования",
        "1. Утвердить прилагаемые Правила приема.",
        "2. Контроль возложить на вице-министра.",
        "Утверждены приказом Министра образования от 28 сентября 2010 года № 468",
        "Правила приема в организации образования",
        "1. Настоящие Правила определяют порядок приема.",
        "2. Дети иностранцев принимаются на равных условиях.",
    ]
)


def _ru(doc: Document, ref: str, case: str = "nom", style: str = "chain") -> str:
    return format_citation(resolve_path(doc, ref), "ru", case=case, style=style)


def _kk(doc: Document, ref: str, case: str = "nom") -> str:
    return format_citation(resolve_path(doc, ref), "kk", case=case)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("nom", "подпункт 1) пункта 4 статьи 8"),
        ("gen", "подпункта 1) пункта 4 статьи 8"),
        ("dat", "подпункту 1) пункта 4 статьи 8"),
        ("acc", "подпункт 1) пункта 4 статьи 8"),
        ("ins", "подпунктом 1) пункта 4 статьи 8"),
        ("prep", "подпункте 1) пункта 4 статьи 8"),
    ],
)
def test_russian_subparagraph_cases(edu_ru: Document, case: str, expected: str) -> None:
    assert _ru(edu_ru, "art_8__para_4__subpara_1", case) == expected


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("nom", "часть вторая пункта 2 статьи 8"),
        ("gen", "части второй пункта 2 статьи 8"),
        ("dat", "части второй пункта 2 статьи 8"),
        ("acc", "часть вторую пункта 2 статьи 8"),
        ("ins", "частью второй пункта 2 статьи 8"),
        ("prep", "части второй пункта 2 статьи 8"),
    ],
)
def test_russian_part_cases(edu_ru: Document, case: str, expected: str) -> None:
    assert _ru(edu_ru, "art_8__para_2__part_2", case) == expected


def test_russian_soft_ordinal(edu_ru: Document) -> None:
    assert _ru(edu_ru, "art_8__para_2__part_3") == "часть третья пункта 2 статьи 8"
    assert _ru(edu_ru, "art_8__para_2__part_3", "gen") == "части третьей пункта 2 статьи 8"
    assert _ru(edu_ru, "art_8__para_2__part_3", "acc") == "часть третью пункта 2 статьи 8"


def test_russian_articles_and_chapters(edu_ru: Document) -> None:
    assert [_ru(edu_ru, "art_8", case) for case in RU_CASES] == [
        "статья 8", "статьи 8", "статье 8", "статью 8", "статьей 8", "статье 8",
    ]  # fmt: skip
    assert [_ru(edu_ru, "chp_2", case) for case in RU_CASES] == [
        "глава 2", "главы 2", "главе 2", "главу 2", "главой 2", "главе 2",
    ]  # fmt: skip
    assert _ru(edu_ru, "art_8-1", "gen") == "статьи 8-1"
    assert _ru(edu_ru, "art_8__para_4__subpara_1", style="short") == "подп. 1) п. 4 ст. 8"
    assert _ru(edu_ru, "art_8__para_2__part_2", style="short") == "ч. 2 п. 2 ст. 8"
    assert _ru(edu_ru, "art_8__para_4__subpara_1", style="list") == "статья 8, пункт 4, подпункт 1)"


def test_english(edu_ru: Document) -> None:
    sub = resolve_path(edu_ru, "art_8__para_4__subpara_1")
    assert format_citation(sub, "en") == "subparagraph 1) of paragraph 4 of Article 8"
    assert format_citation(sub, "en", style="short") == "Article 8(4), subparagraph 1)"
    assert format_citation(sub, "en", style="list") == "Article 8, paragraph 4, subparagraph 1)"
    part = resolve_path(edu_ru, "art_8__para_2__part_2")
    assert format_citation(part, "en") == "part two of paragraph 2 of Article 8"
    assert format_citation(resolve_path(edu_ru, "chp_2"), "en") == "Chapter 2"
    assert format_citation(resolve_path(edu_ru, "art_1__subpara_4-1"), "en") == "subparagraph 4-1) of Article 1"


def test_english_points_keep_their_brackets(corpus_crc: Document) -> None:
    path = resolve_path(corpus_crc, "art_28__para_1__point_a")
    assert format_citation(path, "en", style="short") == "Article 28(1)(a)"


def test_kazakh(edu_kk: Document) -> None:
    assert _kk(edu_kk, "art_8__para_2") == "8-баптың 2-тармағы"
    assert _kk(edu_kk, "art_8__para_2", "gen") == "8-баптың 2-тармағының"
    assert _kk(edu_kk, "art_8__para_2", "loc") == "8-баптың 2-тармағында"
    assert _kk(edu_kk, "art_8__para_2", "dat") == "8-баптың 2-тармағына"
    assert _kk(edu_kk, "art_8__para_2", "acc") == "8-баптың 2-тармағын"
    assert _kk(edu_kk, "art_8__para_4__subpara_1") == "8-баптың 4-тармағының 1) тармақшасы"
    assert _kk(edu_kk, "art_8__para_4__subpara_1", "loc") == "8-баптың 4-тармағының 1) тармақшасында"
    assert _kk(edu_kk, "art_8__para_2__part_2") == "8-баптың 2-тармағының екінші бөлігі"
    assert [_kk(edu_kk, "art_8", case) for case in KK_CASES] == ["8-бап", "8-баптың", "8-бапта", "8-бапқа", "8-бапты"]
    assert [_kk(edu_kk, "chp_2", case) for case in KK_CASES] == [
        "2-тарау", "2-тараудың", "2-тарауда", "2-тарауға", "2-тарауды",
    ]  # fmt: skip


def test_kazakh_suffixes_follow_the_noun() -> None:
    """Front vowels and the final sound of the noun choose the suffix: бөлім → бөлімінің, қосымша → қосымшаның."""
    para = Unit(Kind.PARAGRAPH, "annex_1__sec_2__para_3", "3", "3.", address="annex_1__sec_2__para_3")
    section = Unit(Kind.SECTION, "annex_1__sec_2", "2", "Раздел 2", children=(para,), address="annex_1__sec_2")
    annex = Unit(Kind.ANNEX, "annex_1", "1", "Приложение 1", children=(section,), address="annex_1")
    assert format_citation((annex, section, para), "kk") == "1-қосымшаның 2-бөлімінің 3-тармағы"
    assert format_citation((annex, section), "kk", case="loc") == "1-қосымшаның 2-бөлімінде"
    assert format_citation((section,), "kk", case="gen") == "2-бөлімнің"
    assert format_citation((annex,), "kk", case="acc") == "1-қосымшаны"
    assert format_citation((annex, section, para), "ru") == "пункт 3 раздела 2 приложения 1"
    assert format_citation((annex, section, para), "en") == "paragraph 3 of Section 2 of Annex 1"


def test_rules_scope_words() -> None:
    doc = parse_text(ORDER_WITH_RULES)
    rules_para = resolve_path(doc, "att_1__para_2")
    assert format_citation(rules_para, "en") == "paragraph 2 of the Rules"
    assert format_citation(rules_para, "ru") == "пункт 2 Правил"
    assert format_citation(rules_para, "ru", case="prep") == "пункте 2 Правил"
    assert format_citation(rules_para, "kk") == "Қағидалардың 2-тармағы"
    order_para = resolve_path(doc, "para_2")
    assert format_citation(order_para, "en") == "paragraph 2"
    assert format_citation(order_para, "ru") == "пункт 2"


def test_rules_without_attachment(order468: Document) -> None:
    assert format_citation(resolve_path(order468, "para_2"), "en") == "paragraph 2"


def test_containers_are_named_when_the_address_needs_them() -> None:
    doc = parse_text(
        "\n\n".join(["Правила", "Глава 1. Общие", "1. Первый.", "Глава 2. Особые", "1. Другой первый.", "2. Второй."])
    )
    first_of_chapter_2 = resolve_path(doc, "chp_2__para_1")
    assert first_of_chapter_2[-1].address == "chp_2__para_1"
    assert format_citation(first_of_chapter_2, "ru") == "пункт 1 главы 2"
    assert format_citation(first_of_chapter_2, "en") == "paragraph 1 of Chapter 2"
    assert format_citation(first_of_chapter_2, "kk") == "2-тараудың 1-тармағы"
    assert format_citation(resolve_path(doc, "para_2"), "ru") == "пункт 2"


def test_cite(edu_ru: Document) -> None:
    unit = resolve(edu_ru, "art_8__para_2")
    assert cite(edu_ru, unit) == {
        "eid": "chp_2__art_8__para_2",
        "address": "art_8__para_2",
        "en": "paragraph 2 of Article 8",
        "en_short": "Article 8(2)",
        "ru": "пункт 2 статьи 8",
        "kk": "8-баптың 2-тармағы",
    }
    assert cite(edu_ru, "подп. 1) п. 4 ст. 8")["en_short"] == "Article 8(4), subparagraph 1)"


def test_bad_arguments(edu_ru: Document) -> None:
    path = resolve_path(edu_ru, "art_8")
    with pytest.raises(ValueError, match="unknown language"):
        format_citation(path, "de")
    with pytest.raises(ValueError, match="unknown case"):
        format_citation(path, "ru", case="voc")
    with pytest.raises(ValueError, match="unknown citation style"):
        format_citation(path, "en", style="bluebook")
    with pytest.raises(ValueError, match="empty path"):
        format_citation((), "en")


def _art8_paths(doc: Document) -> list[tuple[Unit, ...]]:
    article = resolve_path(doc, "art_8")
    return [article, *(entry.path for entry in walk_with_parents(article[-1].children, article))]


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
@pytest.mark.parametrize("style", STYLES)
def test_round_trip_every_unit_of_article_8(edu_ru: Document, lang: str, style: str) -> None:
    """resolve(parse(format(u))) is u, for every unit of Article 8 and every case."""
    paths = _art8_paths(edu_ru)
    assert len(paths) > 30
    cases = {"en": ("nom",), "ru": RU_CASES, "kk": KK_CASES}[lang]
    for path in paths:
        for case in cases:
            text = format_citation(path, lang, case=case, style=style)
            citation = parse_citation(text)
            assert citation.lang == lang, text
            assert resolve(edu_ru, citation) is path[-1], text


def test_round_trip_kazakh_document(edu_kk: Document) -> None:
    for path in _art8_paths(edu_kk):
        for case in KK_CASES:
            text = format_citation(path, "kk", case=case)
            assert resolve(edu_kk, text) is path[-1], text


@pytest.fixture(scope="module")
def corpus_crc(corpus: Path) -> Document:
    return parse_file(corpus / "un" / "crc-1989.en.md")


def test_round_trip_regulation_with_articles() -> None:
    """An order approving a «Положение» with articles: every unit round-trips, scope words follow the heading."""
    doc = parse_text(
        "\n\n".join(
            [
                "Приказ Министра",
                "1. Утвердить прилагаемое Положение.",
                "Утверждено приказом Министра от 1 февраля 2020 года № 12",
                "Положение о порядке приема",
                "Статья 1. Общие положения",
                "1. Первый пункт.",
                "2. Второй пункт:",
                "1) первый подпункт;",
                "2) второй подпункт.",
                "Статья 2. Заключительные положения",
                "1. Единственный пункт.",
            ]
        )
    )
    assert cite(doc, "att_1__art_1__para_2__subpara_1") == {
        "eid": "att_1__art_1__para_2__subpara_1",
        "address": "att_1__art_1__para_2__subpara_1",
        "en": "subparagraph 1) of paragraph 2 of Article 1 of the Regulation",
        "en_short": "Article 1(2) of the Regulation, subparagraph 1)",
        "ru": "подпункт 1) пункта 2 статьи 1 Положения",
        "kk": "Ереженің 1-бабының 2-тармағының 1) тармақшасы",
    }
    assert format_citation(resolve_path(doc, "att_1"), "ru", case="prep") == "Положении"
    for entry in walk_with_parents(doc.units):
        for lang in ("en", "ru", "kk"):
            for style in STYLES:
                text = format_citation(entry.path, lang, style=style)
                assert resolve(doc, text) is entry.unit, text
