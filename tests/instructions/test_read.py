"""Reading amending instructions: the real-world forms, and how what cannot be read is reported."""

from __future__ import annotations

import pytest

from lexamend.address import resolve
from lexamend.instructions import read_instructions
from lexamend.model import Document, Op
from lexamend.parse.text import parse_text
from lexamend.render.text import unit_lines

LAW = """Статья 1. Основные понятия

В настоящем Законе используются следующие понятия:

1) ребенок – лицо, не достигшее восемнадцати лет;

2) школа – организация образования;

9) педагог – лицо, обучающее детей;

10) учебный год – период с 1 сентября по 25 мая 2024 года.

Статья 2. Права детей

1. Каждый ребенок имеет право на образование.

2. Государство обеспечивает детей сезонных и приграничных работников местами в школах.

Дети иностранцев имеют равные права с детьми граждан.

Порядок приема детей определяется уполномоченным органом.

3. Школа обязана:

1) принимать детей;

2) вести учет детей;

3) сообщать о детях.

Статья 3. Полномочия

Уполномоченный орган:

1) утверждает правила приема детей;

2) ведет реестр школ;

Полномочия, предусмотренные подпунктами 1) и 2) части первой настоящей статьи, осуществляются за счет бюджета.
"""


@pytest.fixture(scope="module")
def law() -> Document:
    return parse_text(LAW)


def _unit(doc: Document, ref: str) -> str:
    return "\n".join(line for _, line in unit_lines(resolve(doc, ref)))


def _read(doc: Document, text: str, lang: str = "ru"):  # type: ignore[no-untyped-def]
    return read_instructions(doc, text, lang=lang)


def test_several_changes_in_one_unit_on_one_line(law: Document) -> None:
    result = _read(law, 'в пункте 2 статьи 2: слова "сезонных и" исключить; слова "местами в школах" заменить словами "местами в школах и детских садах";')
    assert result.read == result.statements == 2
    assert [e.op for e in result.patch.edits] == [Op.DELETE, Op.REPLACE]
    assert "детей приграничных работников местами в школах и детских садах" in _unit(result.document, "пункт 2 статьи 2")


def test_several_quotations_in_one_formula(law: Document) -> None:
    result = _read(law, 'в части первой пункта 2 статьи 2 слова «сезонных» и «приграничных» исключить.')
    assert len(result.patch.edits) == 2
    assert "Государство обеспечивает детей и работников местами" in _unit(result.document, "пункт 2 статьи 2")


def test_figures(law: Document) -> None:
    result = _read(law, "в подпункте 10) статьи 1 цифры «2024» заменить цифрами «2025».")
    assert "25 мая 2025 года" in _unit(result.document, "подпункт 10) статьи 1")


def test_whole_text_replaces_every_occurrence(law: Document) -> None:
    result = _read(law, "по всему тексту слова «детей» заменить словами «несовершеннолетних».")
    assert not result.problems
    assert {e.occurrence for e in result.patch.edits} == {"all"}
    assert "детей" not in "\n".join(line for _, line in unit_lines(result.document.units[1]))


def test_whole_text_header_scopes_the_lines_below(law: Document) -> None:
    text = "1) по всему тексту:\n\nслова «детей» заменить словами «несовершеннолетних»;\n\n2) в пункте 1 статьи 2 слово «Каждый» исключить."
    result = _read(law, text)
    assert result.read == result.statements == 2
    assert "ребенок имеет право" in _unit(result.document, "пункт 1 статьи 2")


def test_wherever_they_occur_in_english(law: Document) -> None:
    result = _read(law, "in Article 2, the words “детей” wherever they occur shall be replaced by the words “учащихся”.", "en")
    assert result.patch.edits[0].occurrence == "all"
    assert "учащихся" in _unit(result.document, "пункт 3 статьи 2")


def test_insert_several_numbered_units(law: Document) -> None:
    text = """в статье 1:

дополнить подпунктами 2-1) и 9-1) следующего содержания:

«2-1) детский сад – организация дошкольного воспитания;»;

«9-1) родитель – законный представитель ребенка;».
"""
    result = _read(law, text)
    assert [e.num for e in result.patch.edits] == ["2-1", "9-1"]
    nums = [u.num for u in resolve(result.document, "статья 1").children if u.num]
    assert nums == ["1", "2", "2-1", "9", "9-1", "10"]


def test_several_parts_restated_with_one_quotation_per_run(law: Document) -> None:
    text = "части вторую и третью пункта 2 статьи 2 изложить в следующей редакции:\n\n«Дети имеют равные права.\n\nПорядок приема утверждается.»."
    result = _read(law, text)
    assert len(result.patch.edits) == 2
    assert _unit(result.document, "пункт 2 статьи 2").splitlines()[1:] == ["Дети имеют равные права.", "Порядок приема утверждается."]


@pytest.mark.parametrize("quotes", [("«", "»"), ('"', '"'), ("„", "“"), ("“", "”")])
def test_quotation_marks_of_every_style(law: Document, quotes: tuple[str, str]) -> None:
    a, b = quotes
    result = _read(law, f"в пункте 1 статьи 2 слова {a}на образование{b} заменить словами {a}на бесплатное образование{b}.")
    assert "право на бесплатное образование" in _unit(result.document, "пункт 1 статьи 2")


def test_nested_quotations_are_kept_whole(law: Document) -> None:
    result = _read(law, 'в подпункте 2) статьи 1 слова "организация образования" заменить словами "организация "Болашак"".')
    assert 'школа – организация "Болашак";' in _unit(result.document, "подпункт 2) статьи 1")


def test_paragraph_cited_as_abzac(law: Document) -> None:
    result = _read(law, "в абзаце третьем пункта 2 статьи 2 слова «уполномоченным органом» заменить словами «школой».")
    assert result.patch.edits[0].at.endswith("part_3")


def test_add_a_part(law: Document) -> None:
    result = _read(law, "пункт 1 статьи 2 дополнить частью второй следующего содержания:\n\n«Образование бесплатно.»;")
    assert _unit(result.document, "часть вторая пункта 1 статьи 2") == "Образование бесплатно."


def test_restate_a_unit_with_its_list(law: Document) -> None:
    text = """пункт 3 статьи 2 изложить в следующей редакции:

«3. Школа обязана:

1) принимать всех детей;

2) вести учет детей.»."""
    result = _read(law, text)
    assert _unit(result.document, "пункт 3 статьи 2").splitlines() == ["3. Школа обязана:", "1) принимать всех детей;", "2) вести учет детей."]


def test_list_item_cited_through_the_part_that_holds_it(law: Document) -> None:
    text = "в части первой статьи 3:\n\nподпункт 2) исключить;\n\nдополнить подпунктом 1-1) следующего содержания:\n\n«1-1) утверждает правила учета;»;\n\nчасть вторую после цифр «1)» дополнить цифрами «, 1-1)»."
    result = _read(law, text)
    assert not result.problems, [str(p) for p in result.problems]
    article = _unit(result.document, "статья 3")
    assert "1-1) утверждает правила учета;" in article
    assert "подпунктами 1), 1-1) и 2)" in article


def test_repeal_and_renumber(law: Document) -> None:
    result = _read(law, "1) подпункт 3) пункта 3 статьи 2 признать утратившим силу;\n\n2) подпункт 10) статьи 1 считать подпунктом 11).")
    assert [e.op for e in result.patch.edits] == [Op.REPEAL, Op.RENUMBER]
    assert resolve(result.document, "подпункт 11) статьи 1").text.startswith("учебный год")


def test_nth_occurrence(law: Document) -> None:
    result = _read(law, "в пункте 2 статьи 2 слово «детей» во втором случае заменить словом «учащихся».")
    assert result.patch.edits[0].occurrence == 2
    assert "Порядок приема учащихся" in _unit(result.document, "пункт 2 статьи 2")


def test_what_cannot_be_read_is_reported_by_line_and_the_rest_is_read(law: Document) -> None:
    text = """1) в пункте 1 статьи 2 слово «Каждый» исключить;

2) предложение второе пункта 2 статьи 2 исключить;

3) в пункте 9 статьи 2 слово «детей» исключить;

4) в пункте 1 статьи 2 слово «смартфон» исключить;

5) в подпункте 1) статьи 1 слово «лицо» заменить словом «человек»."""
    result = _read(law, text)
    assert result.statements == 5 and result.read == 2
    problems = {p.line: p.kind for p in result.problems}
    assert problems == {3: "unparsed", 5: "unparsed", 7: "failed"}
    assert "не достигшее" in _unit(result.document, "подпункт 1) статьи 1")
    assert "человек" in _unit(result.document, "подпункт 1) статьи 1")


def test_sections_amending_other_acts_are_skipped_and_reported() -> None:
    law = parse_text(LAW)
    from dataclasses import replace

    law = replace(law, meta=replace(law.meta, title="Закон Республики Казахстан «Об образовании»"))
    text = """1. В Кодекс Республики Казахстан «О браке (супружестве) и семье»:

в статье 2 слово «брак» исключить;

2. В Закон Республики Казахстан от 27 июля 2007 года «Об образовании»:

в пункте 1 статьи 2 слово «Каждый» исключить.

Статья 2. Настоящий Закон вводится в действие по истечении десяти календарных дней."""
    result = read_instructions(law, text, lang="ru")
    assert result.read == result.statements == 1
    assert [p.kind for p in result.problems] == ["skipped", "skipped"]
    assert "О браке" in result.problems[0].reason


def test_english_formulas(law: Document) -> None:
    text = """1) in paragraph 1 of Article 2, the word “Каждый” shall be deleted;

2) subparagraph 2) of paragraph 3 of Article 2 shall be restated as follows: “2) вести учет всех детей;”;

3) in paragraph 3 of Article 2, a new subparagraph 3-1) shall be inserted after subparagraph 3): “3-1) помогать детям.”;

4) in subparagraph 9) of Article 1, after the words “лицо,”, the words “имеющее образование,” shall be inserted."""
    result = _read(law, text, "en")
    assert result.read == result.statements == 4, [str(p) for p in result.problems]
    assert "3-1) помогать детям." in _unit(result.document, "пункт 3 статьи 2")
