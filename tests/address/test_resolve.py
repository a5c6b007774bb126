"""Resolving eIds, short addresses and citations to units of the real corpus."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexamend.address import CitationError, cite, format_citation, resolve, resolve_path
from lexamend.address.format import KK_CASES, RU_CASES, STYLES
from lexamend.model import Document, Kind, Unit, walk_with_parents
from lexamend.parse.text import parse_text


def _eids(doc: Document, refs: list[str]) -> set[str]:
    return {resolve(doc, ref).eid for ref in refs}


def test_article_8_paragraph_2_in_every_form(edu_ru: Document) -> None:
    unit = edu_ru.find("chp_2__art_8__para_2")
    assert unit is not None and [c.eid.rsplit("__", 1)[1] for c in unit.children] == [
        "part_1", "part_2", "part_3", "part_4",
    ]  # fmt: skip
    refs = [
        "chp_2__art_8__para_2",
        "art_8__para_2",
        "paragraph 2 of Article 8",
        "Article 8, paragraph 2",
        "Article 8(2)",
        "Art. 8(2)",
        "paragraph 2 of Article 8 of Chapter 2",
        "пункт 2 статьи 8",
        "пункта 2 статьи 8",
        "в пункте 2 статьи 8",
        "статья 8, пункт 2",
        "ст. 8 п. 2",
        "п. 2 ст. 8",
        "пункт 2 статьи 8 главы 2",
    ]
    for ref in refs:
        assert resolve(edu_ru, ref) is unit, ref
    path = resolve_path(edu_ru, "Article 8(2)")
    assert [u.eid for u in path] == ["chp_2", "chp_2__art_8", "chp_2__art_8__para_2"]


def test_parts_of_article_8_paragraph_2(edu_ru: Document) -> None:
    refs = [
        "art_8__para_2__part_2",
        "part two of paragraph 2 of Article 8",
        "the second part of paragraph 2 of Article 8",
        "Article 8(2), part two",
        "часть вторая пункта 2 статьи 8",
        "части второй пункта 2 статьи 8",
        "второй части пункта 2 статьи 8",
        "ч. 2 п. 2 ст. 8",
        "абзац второй пункта 2 статьи 8",
        "статья 8, пункт 2, часть вторая",
    ]
    assert _eids(edu_ru, refs) == {"chp_2__art_8__para_2__part_2"}
    assert resolve(edu_ru, "part four of paragraph 2 of Article 8").eid == "chp_2__art_8__para_2__part_4"


def test_part_one_of_a_single_block_unit_is_the_unit(edu_ru: Document) -> None:
    para5 = resolve(edu_ru, "art_8__para_5")
    assert para5.text and not para5.children
    assert resolve(edu_ru, "part one of paragraph 5 of Article 8") is para5
    assert resolve(edu_ru, "часть первая пункта 5 статьи 8") is para5
    assert resolve(edu_ru, "art_8__para_5__part_1") is para5
    with pytest.raises(CitationError, match=r"no unit 'art_8__para_5__part_2'; did you mean art_8__para_5\?"):
        resolve(edu_ru, "часть вторая пункта 5 статьи 8")


def test_subparagraph_1_of_paragraph_4_of_article_8(edu_ru: Document) -> None:
    refs = [
        "chp_2__art_8__para_4__subpara_1",
        "art_8__para_4__subpara_1",
        "subparagraph 1) of paragraph 4 of Article 8",
        "Article 8(4), subparagraph 1)",
        "Article 8(4)(1)",
        "art. 8, para. 4, subpara. 1)",
        "subparagraph 1) of Article 8(4)",
        "подпункт 1) пункта 4 статьи 8",
        "подп. 1) п. 4 ст. 8",
        "пп. 1) п. 4 ст. 8",
        "в подпункте 1) пункта 4 статьи 8",
        "статья 8, пункт 4, подпункт 1)",
    ]
    assert _eids(edu_ru, refs) == {"chp_2__art_8__para_4__subpara_1"}


def test_inserted_subparagraph_4_1_of_article_1(edu_ru: Document) -> None:
    article = resolve(edu_ru, "art_1")
    assert any(child.num == "4-1" and child.kind is Kind.SUBPARAGRAPH for child in article.children)
    refs = [
        "art_1__subpara_4-1",
        "subparagraph 4-1) of Article 1",
        "sub-paragraph 4-1) of Article 1",
        "Article 1, subparagraph 4-1)",
        "подпункт 4-1) статьи 1",
        "подп. 4–1) ст. 1",
        "статья 1, подпункт 4-1)",
    ]
    assert _eids(edu_ru, refs) == {"chp_1__art_1__subpara_4-1"}


def test_constitution_article_14_paragraph_2(constitution: Document) -> None:
    refs = [
        "art_14__para_2",
        "sec_II__art_14__para_2",
        "paragraph 2 of Article 14",
        "Article 14(2)",
        "Article 14, paragraph 2",
        "пункт 2 статьи 14",
        "п. 2 ст. 14 Конституции",
        "статья 14, пункт 2",
        "paragraph 2 of Article 14 of Section II",
        "пункт 2 статьи 14 раздела ІІ",
    ]
    assert _eids(constitution, refs) == {"sec_II__art_14__para_2"}
    assert resolve(constitution, "Section II").eid == "sec_II"
    assert resolve(constitution, "раздел 2").eid == "sec_II"


def test_child_rights_article_4(child_ru: Document) -> None:
    assert _eids(child_ru, ["art_4", "Article 4", "статья 4", "статьи 4", "ст. 4", "Art. 4"]) == {"chp_1__art_4"}
    assert _eids(child_ru, ["paragraph 2 of Article 4", "Article 4, paragraph 2", "пункт 2 статьи 4"]) == {
        "chp_1__art_4__para_2"
    }


def test_kazakh_citations(edu_kk: Document) -> None:
    assert _eids(edu_kk, ["8-баптың 2-тармағы", "8-бабының 2-тармағында", "art_8__para_2"]) == {"chp_2__art_8__para_2"}
    assert resolve(edu_kk, "8-баптың 2-тармағының екінші бөлігі").eid == "chp_2__art_8__para_2__part_2"
    assert resolve(edu_kk, "8-баптың 4-тармағының 1) тармақшасы").eid == "chp_2__art_8__para_4__subpara_1"
    assert resolve(edu_kk, "8-бап").eid == "chp_2__art_8"
    assert resolve(edu_kk, "2-тарау").eid == "chp_2"
    # a Russian or English citation finds the same unit in the Kazakh text
    assert resolve(edu_kk, "пункт 2 статьи 8") is resolve(edu_kk, "8-баптың 2-тармағы")


def test_rules_paragraph_in_order_468(order468: Document) -> None:
    refs = ["para_2", "пункт 2 Правил", "пункта 2 Правил", "paragraph 2 of the Rules", "Қағидалардың 2-тармағы"]
    assert _eids(order468, refs) == {"para_2"}
    # the text itself cites "paragraph 4 of this Regulation"
    assert "paragraph 4 of this Regulation" in resolve(order468, "para_5").text
    assert resolve(order468, "paragraph 4 of this Regulation").eid == "para_4"


ORDER_WITH_RULES = "\n\n".join(
    [
        "Приказ Министра образования",
        "1. Утвердить прилагаемые Правила приема.",
        "2. Контроль возложить на вице-министра.",
        "Утверждены приказом Министра образования от 28 сентября 2010 года № 468",
        "Правила приема в организации образования",
        "1. Настоящие Правила определяют порядок приема.",
        "2. Дети иностранцев принимаются на равных условиях.",
        "3. Документы подаются в мае.",
    ]
)


def test_rules_scope_resolves_inside_the_attachment() -> None:
    doc = parse_text(ORDER_WITH_RULES)
    assert [u.kind for u in doc.units] == [Kind.PARAGRAPH, Kind.PARAGRAPH, Kind.ATTACHMENT]
    for ref in ("пункт 2 Правил", "пункте 2 настоящих Правил", "paragraph 2 of the Rules", "Қағидалардың 2-тармағы"):
        assert resolve(doc, ref).eid == "att_1__para_2", ref
    assert resolve(doc, "пункт 2").eid == "para_2"  # the order's own paragraph comes first
    assert resolve(doc, "пункт 3").eid == "att_1__para_3"  # found anywhere when the order has none
    assert resolve(doc, "Правила").eid == "att_1"
    with pytest.raises(CitationError, match=r"no unit 'att_1__para_5'; did you mean att_1__para_3"):
        resolve(doc, "пункт 5 Правил")


def test_rules_paragraphs_are_numbered_across_chapters() -> None:
    doc = parse_text(
        "\n\n".join(["Правила", "Глава 1. Общие", "1. Первый.", "2. Второй.", "Глава 2. Особые", "3. Третий."])
    )
    assert resolve(doc, "пункт 3 Правил").eid == "chp_2__para_3"
    assert resolve(doc, "пункт 3 главы 2").eid == "chp_2__para_3"
    with pytest.raises(CitationError, match="no unit 'chp_1__para_3'"):
        resolve(doc, "пункт 3 главы 1")


POINTS = "\n\n".join(
    [
        "Статья 3. Понятия",
        "1. Понятия:",
        "а) первое;",
        "б) второе;",
        "с) третье.",
        "2. Подпункты:",
        "1) один:",
        "а) буква под подпунктом;",
        "2) два.",
    ]
)


def test_letters_and_homoglyphs() -> None:
    doc = parse_text(POINTS)
    point_a = doc.find("art_3__para_1__point_а")  # Cyrillic а, as in the source
    assert point_a is not None
    for ref in (
        "art_3__para_1__point_a",  # Latin a
        "art_3__para_1__subpara_а",  # a letter cited as a subparagraph
        "point (a) of paragraph 1 of Article 3",
        "Article 3(1)(a)",
        "letter a) of paragraph 1 of Article 3",
        "подпункт а) пункта 1 статьи 3",
        "пп. a) п. 1 ст. 3",  # Latin a in Russian text
    ):
        assert resolve(doc, ref) is point_a, ref
    assert resolve(doc, "point_c").eid == "art_3__para_1__point_с"  # unique after folding
    assert resolve(doc, "подпункт а) подпункта 1) пункта 2 статьи 3").eid == "art_3__para_2__subpara_1__point_а"
    with pytest.raises(CitationError, match="ambiguous: 2 units match") as info:
        resolve(doc, "point_a")  # folding finds two: not guessed
    assert info.value.candidates == ("art_3__para_1__point_а", "art_3__para_2__subpara_1__point_а")


def test_missing_unit_lists_nearest_siblings(edu_ru: Document) -> None:
    with pytest.raises(CitationError) as info:
        resolve(edu_ru, "paragraph 9 of Article 8")
    assert str(info.value) == (
        "'paragraph 9 of Article 8': no unit 'art_8__para_9'; "
        "did you mean art_8__para_8, art_8__para_7, art_8__para_6, art_8__para_5, art_8__para_4?"
    )
    with pytest.raises(CitationError) as info:
        resolve(edu_ru, "art_8__para_9")
    assert info.value.candidates[0] == "art_8__para_8"
    assert len(info.value.candidates) == 5
    with pytest.raises(CitationError) as info:
        resolve(edu_ru, "часть девятая пункта 2 статьи 8")
    assert info.value.candidates == (
        "art_8__para_2__part_4", "art_8__para_2__part_3", "art_8__para_2__part_2", "art_8__para_2__part_1",
    )  # fmt: skip


def test_missing_article_lists_nearest_articles(edu_ru: Document) -> None:
    last = max(int(u.num) for u in edu_ru.walk() if u.kind is Kind.ARTICLE and u.num and u.num.isdigit())
    with pytest.raises(CitationError, match=rf"no unit 'art_{last + 30}'; did you mean art_{last}\b"):
        resolve(edu_ru, f"статья {last + 30}")


def test_missing_eid_suggests_similar_addresses(edu_ru: Document) -> None:
    with pytest.raises(CitationError, match=r"no unit 'art_8__paragraph_2'; did you mean art_8__para_2"):
        resolve(edu_ru, "art_8__paragraph_2")


def test_ambiguous_citation_lists_every_candidate(edu_ru: Document) -> None:
    expected = [
        entry.unit.address
        for entry in walk_with_parents(edu_ru.units)
        if entry.unit.kind is Kind.SUBPARAGRAPH and entry.unit.num == "4-1"
    ]
    assert len(expected) > 1 and "art_1__subpara_4-1" in expected
    for ref in ("sub-paragraph 4-1)", "подпункт 4-1)", "subpara_4-1"):
        with pytest.raises(CitationError, match=rf"ambiguous: {len(expected)} units match; candidates: ") as info:
            resolve(edu_ru, ref)
        assert list(info.value.candidates) == expected


def test_bare_paragraph_is_ambiguous_in_a_law(edu_ru: Document) -> None:
    with pytest.raises(CitationError, match="ambiguous") as info:
        resolve(edu_ru, "para_2")
    assert "art_8__para_2" in info.value.candidates


def test_unparseable_reference(edu_ru: Document) -> None:
    with pytest.raises(CitationError, match=r"^'the moon': not a citation.*\nAccepted forms"):
        resolve(edu_ru, "the moon")


def test_path_ends_with_the_unit_and_starts_at_the_top(edu_ru: Document) -> None:
    path = resolve_path(edu_ru, "подп. 1) п. 4 ст. 8")
    assert [u.kind for u in path] == [Kind.CHAPTER, Kind.ARTICLE, Kind.PARAGRAPH, Kind.SUBPARAGRAPH]
    for parent, child in zip(path, path[1:]):
        assert any(c is child for c in parent.children)
    assert any(root is path[0] for root in edu_ru.units)


def test_cite_by_reference(constitution: Document) -> None:
    assert cite(constitution, "Article 14(2)") == {
        "eid": "sec_II__art_14__para_2",
        "address": "art_14__para_2",
        "en": "paragraph 2 of Article 14",
        "en_short": "Article 14(2)",
        "ru": "пункт 2 статьи 14",
        "kk": "14-баптың 2-тармағы",
    }


def _unique_triples(doc: Document) -> list[tuple[Unit, ...]]:
    """(article, paragraph, subparagraph) paths whose numbers name one unit only."""
    triples = [
        entry.path[-3:]
        for entry in walk_with_parents(doc.units)
        if [u.kind for u in entry.path[-3:]] == [Kind.ARTICLE, Kind.PARAGRAPH, Kind.SUBPARAGRAPH]
    ]
    counts = Counter(tuple(u.num for u in triple) for triple in triples)
    return [t for t in triples if counts[tuple(u.num for u in t)] == 1]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_random_paths_resolve_in_every_form(edu_ru: Document, data: st.DataObject) -> None:
    """Any (article, paragraph, subparagraph) of the law resolves from any form of its citation."""
    triples = _unique_triples(edu_ru)
    assert len(triples) > 100
    article, paragraph, sub = data.draw(st.sampled_from(triples))
    a, p, s = article.num, paragraph.num, sub.num
    handwritten = [
        f"subparagraph {s}) of paragraph {p} of Article {a}",
        f"Article {a}, paragraph {p}, subparagraph {s})",
        f"Article {a}({p})({s})",
        f"art. {a}, para. {p}, subpara. {s})",
        f"подпункт {s}) пункта {p} статьи {a}",
        f"пп. {s}) п. {p} ст. {a}",
        f"ст. {a} п. {p} подп. {s})",
        f"{a}-баптың {p}-тармағының {s}) тармақшасы",
        sub.eid,
        sub.address,
    ]
    ref = data.draw(st.sampled_from(handwritten))
    assert resolve(edu_ru, ref) is sub, ref
    path = resolve_path(edu_ru, sub.eid)
    lang = data.draw(st.sampled_from(["en", "ru", "kk"]))
    style = data.draw(st.sampled_from(STYLES))
    case = data.draw(st.sampled_from({"en": ("nom",), "ru": RU_CASES, "kk": KK_CASES}[lang]))
    text = format_citation(path, lang, case=case, style=style)
    assert resolve(edu_ru, text) is sub, text
    assert re.search(rf"\b{re.escape(s)}\)", text), text


def test_homoglyph_citation_is_not_guessed_when_folding_finds_several() -> None:
    doc = parse_text(POINTS)
    with pytest.raises(CitationError, match="ambiguous: 2 units match"):
        resolve(doc, "point (a)")
    assert resolve(doc, "point (a) of paragraph 1").eid == "art_3__para_1__point_а"


def test_subparagraph_of_a_part_resolves_in_both_word_orders(constitution) -> None:
    from lexamend.address import resolve

    ru = resolve(constitution, "подпункт 1) части третьей пункта 5 статьи 52")
    en = resolve(constitution, "subparagraph 1) of part three of paragraph 5 of Article 52")
    assert ru is en
    assert ru.address == "art_52__para_5__part_3__subpara_1"
