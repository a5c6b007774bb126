"""Parsing plain-text legal sources: real statutes, numbering conventions, notes, round trips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lexamend.errors import InputError, ParseError
from lexamend.model import Kind, NoteKind, Status
from lexamend.parse import parse_bytes, parse_file
from lexamend.parse.text import parse_text
from lexamend.render.text import render_lines
from tests.conftest import CORPUS, corpus_doc

# A heading line: the label, then a capitalised title or nothing. ("Статья 57-1 предусматривается
# в редакции …" is the body of an editor's note, not a heading.)
ARTICLE_LINE_RU = re.compile(r"^\s*Статья \d+(?:-\d+)*\.?(?:\s+[А-ЯЁ«\"]|\s*$)")
ARTICLE_LINE_KK = re.compile(r"^\s*\d+(?:-\d+)*-бап\.?(?:\s+[А-ЯЁӘҒҚҢӨҰҮҺІ«\"]|\s*$)")


def _count_lines(path: Path, pattern: re.Pattern[str]) -> int:
    """Article heading lines, counted independently of the parser.

    A hyperlinked heading ("31-бап" / ". Title") sits on one line of its own in
    adilet extractions, so the pattern only needs the label.
    """
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if pattern.match(line))


@pytest.mark.parametrize(
    ("relative", "pattern"),
    [
        ("kz/law-education-2007.ru.txt", ARTICLE_LINE_RU),
        ("kz/law-education-2007.kk.txt", ARTICLE_LINE_KK),
        ("kz/law-rights-child-2002.ru.txt", ARTICLE_LINE_RU),
        ("kz/law-rights-child-2002.kk.txt", ARTICLE_LINE_KK),
        ("kz/constitution-1995.ru.txt", ARTICLE_LINE_RU),
        ("kz/law-migration-2011.ru.txt", ARTICLE_LINE_RU),
    ],
)
def test_every_article_heading_line_becomes_an_article(relative: str, pattern: re.Pattern[str]) -> None:
    doc = corpus_doc(relative)
    expected = _count_lines(CORPUS / relative, pattern)
    assert expected > 0
    assert doc.count(Kind.ARTICLE) == expected


@pytest.mark.parametrize(
    ("relative", "articles"),
    [
        ("un/crc-1989.en.md", 54),
        ("un/iccpr-1966.en.md", 53),
        ("un/icescr-1966.en.md", 31),
        ("un/cerd-1965.en.md", 25),
        ("un/crpd-2006.en.md", 50),
        ("unesco/cade-1960.en.md", 19),
    ],
)
def test_treaties_parse_to_their_article_count(relative: str, articles: int) -> None:
    assert corpus_doc(relative).count(Kind.ARTICLE) == articles


def test_education_law_article_8_structure(edu_ru) -> None:
    art8 = edu_ru.find("art_8")
    assert art8 is not None and art8.heading == "Государственные гарантии в области образования"
    paras = [c.num for c in art8.children if c.kind is Kind.PARAGRAPH]
    assert paras == ["1", "1-1", "2", "2-1", "2-2", "3", "4", "4-1", "5", "6", "7", "8"]
    para4 = edu_ru.find("art_8__para_4")
    subparas = [c.num for c in para4.children if c.kind is Kind.SUBPARAGRAPH]
    assert subparas == [str(n) for n in range(1, 12)]
    # Paragraph 2 has four unnumbered parts: «часть вторая пункта 2» is addressable.
    part2 = edu_ru.find("art_8__para_2__part_2")
    assert part2 is not None and part2.text.startswith("Иностранцы и лица без гражданства")


def test_kazakh_article_8_has_the_same_shape_as_russian(edu_ru, edu_kk) -> None:
    ru = edu_ru.find("art_8")
    kk = edu_kk.find("art_8")
    assert [(c.kind, c.num) for c in ru.children] == [(c.kind, c.num) for c in kk.children]
    assert kk.label == "8-бап."
    assert len([c for c in edu_kk.find("art_8__para_4").children if c.kind is Kind.SUBPARAGRAPH]) == 11


def test_chapter_addresses_are_left_out_when_articles_are_unique(edu_ru) -> None:
    art8 = edu_ru.find("art_8")
    assert art8.eid == "chp_2__art_8"
    assert art8.address == "art_8"
    assert edu_ru.find("chp_2__art_8__para_4__subpara_1").address == "art_8__para_4__subpara_1"


def test_inserted_numbers_are_kept_as_written(edu_ru) -> None:
    unit = edu_ru.find("art_1__subpara_4-1")
    assert unit is not None and unit.label == "4-1)"
    assert edu_ru.find("art_8-1") is not None


def test_excluded_placeholders_have_status(edu_ru) -> None:
    unit = edu_ru.find("art_1__subpara_1")
    assert unit.status is Status.EXCLUDED
    assert unit.text.startswith("исключен Законом РК")
    expired = edu_ru.find("art_1__subpara_12-1")
    assert expired.status is Status.EXPIRED


def test_range_placeholder_is_one_unit_without_gap_warning(edu_ru) -> None:
    ranged = [u for u in edu_ru.walk() if u.label and re.match(r"^\d+\) - \d+\)$", u.label)]
    assert ranged, "the «26) - 29) исключены» placeholder is parsed"
    assert not [i for i in edu_ru.issues if ranged[0].eid in (i.address or "")]


def test_editorial_notes_are_kept_apart_from_the_law(edu_ru) -> None:
    art8 = edu_ru.find("art_8")
    assert any(n.kind is NoteKind.FOOTNOTE and n.text.startswith("Сноска. Статья 8 с изменениями") for n in art8.notes)
    legal = "\n".join(render_lines(edu_ru))
    assert "Сноска." not in legal and "Примечание ИЗПИ!" not in legal
    # The pending-change note stands before paragraph 2-1 and belongs to it.
    p21 = edu_ru.find("art_8__para_2-1")
    assert [n.placement for n in p21.notes] == ["before"]
    assert "В пункт 2-1 предусматривается изменение" in p21.notes[0].text


def test_multi_block_footnote_stays_one_note(edu_ru) -> None:
    footnote = next(n for n in edu_ru.notes if n.text.startswith("Сноска. По всему тексту Закона:"))
    # The footnote lists six replacements, one block each, the last ending with a full stop.
    assert footnote.text.count("\n") == 6
    assert footnote.text.rstrip().endswith(")."), footnote.text[-80:]
    banner = edu_ru.find("preamble").notes[0]
    assert banner.kind is NoteKind.BANNER and "ОГЛАВЛЕНИЕ" in banner.text


def test_constitution_reference_notes_and_sections(constitution) -> None:
    assert [u.kind for u in constitution.units][:2] == [Kind.PREAMBLE, Kind.SECTION]
    sec1 = constitution.units[1]
    assert (sec1.num, sec1.heading) == ("I", "Общие положения")
    art14 = constitution.find("art_14")
    assert art14.eid == "sec_II__art_14"
    assert any(n.kind is NoteKind.REFERENCE for n in art14.notes)
    assert constitution.find("art_14__para_2").text.startswith("Никто не может подвергаться какой-либо дискриминации")


def test_hyperlink_fragments_are_joined_without_spaces(edu_ru) -> None:
    text = edu_ru.find("art_8__para_1__part_1").text
    assert text.endswith("в соответствии с Конституцией Республики Казахстан.")


def test_order_468_reconstruction(order468) -> None:
    assert [u.address for u in order468.units] == ["para_1", "para_2", "para_3", "para_4", "para_5"]
    assert "with the exception of the seasonal and frontier workers" in order468.find("para_2").text
    assert order468.meta.date == "2010-09-28" and order468.meta.number == "468"


def test_corpus_metadata_fills_the_document_metadata(edu_kk) -> None:
    assert edu_kk.meta.language == "kk"
    assert edu_kk.meta.doc_id == "kz-law-education-2007"
    assert edu_kk.meta.number == "319-III"


ALL_CORPUS = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("relative", ALL_CORPUS)
def test_round_trip_reproduces_every_block(relative: str) -> None:
    """render_text(parse(t)) gives back the legal blocks; with notes, every block (whitespace only differs)."""
    doc = corpus_doc(relative)
    note_blocks: set[int] = set()
    notes = [*doc.notes, *(n for u in doc.walk() for n in u.notes)]
    for note in notes:
        note_blocks.update(range(note.block, note.block + note.text.count("\n") + 1))
    squeeze = lambda lines: ["".join(line.split()) for line in lines]  # noqa: E731
    legal = [b.raw for b in doc.blocks if b.index not in note_blocks]
    assert squeeze(render_lines(doc)) == squeeze(legal)
    assert squeeze(render_lines(doc, notes=True)) == squeeze([b.raw for b in doc.blocks])


def test_lettered_points_in_russian_and_english() -> None:
    doc = parse_text("Статья 3. Термины\n1. Перечень:\nа) первое;\nб) второе;\nв) третье.\n2. Далее.\n")
    assert [u.address for u in doc.walk()] == [
        "art_3", "art_3__para_1", "art_3__para_1__point_а", "art_3__para_1__point_б", "art_3__para_1__point_в", "art_3__para_2",
    ]
    en = parse_text("Article 13\n1. Everyone has the right.\n2. To that end:\n(a) Primary education;\n(b) Secondary education;\n(i) technical;\n(ii) vocational.\n")
    assert en.find("art_13__para_2__point_b__subpoint_ii") is not None
    assert en.issues == ()


def test_roman_i_after_h_is_a_letter() -> None:
    text = "Article 1\n" + "".join(f"({c}) item {c};\n" for c in "abcdefghij")
    doc = parse_text(text)
    assert [u.num for u in doc.find("art_1").children] == list("abcdefghij")


def test_order_with_approved_rules_separates_order_items_from_the_rules() -> None:
    text = (
        "ПРИКАЗ\n"
        "1. Утвердить прилагаемые Правила приема.\n"
        "2. Настоящий приказ вводится в действие со дня официального опубликования.\n"
        "Утверждены приказом Министра образования и науки Республики Казахстан от 28 сентября 2010 года № 468\n"
        "Правила приема на обучение\n"
        "Глава 1. Общие положения\n"
        "1. Настоящие Правила определяют порядок приема.\n"
        "2. Дети иностранцев принимаются.\n"
    )
    doc = parse_text(text)
    kinds = [(u.kind, u.address) for u in doc.units]
    assert kinds[0] == (Kind.PARAGRAPH, "para_1")
    attachment = doc.units[-1]
    assert attachment.kind is Kind.ATTACHMENT and attachment.heading == "Правила приема на обучение"
    assert doc.find("att_1__para_2").text == "Дети иностранцев принимаются."
    assert squeeze_equal(render_lines(doc), text.strip().split("\n"))


def squeeze_equal(a: list[str], b: list[str]) -> bool:
    return ["".join(x.split()) for x in a] == ["".join(x.split()) for x in b]


def test_gap_and_duplicate_numbers_are_warnings_with_line_numbers() -> None:
    doc = parse_text("1. One.\n2. Two.\n4. Four.\n4. Four again.\n")
    codes = [(i.code, i.origin) for i in doc.issues]
    assert ("numbering-gap", "line 3") in codes
    assert ("duplicate-number", "line 4") in codes
    assert doc.find("para_4_2") is not None


def test_strict_turns_warnings_into_an_error(tmp_path: Path) -> None:
    path = tmp_path / "gap.txt"
    path.write_text("1. One.\n3. Three.\n", encoding="utf-8")
    parse_file(path)
    with pytest.raises(ParseError, match="line 2: paragraph 3 follows paragraph 1"):
        parse_file(path, strict=True)


def test_windows_1251_text_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Статья 1. Общие положения\n1. Все равны перед законом и судом.\n".encode("cp1251"))
    doc = parse_file(path)
    assert doc.find("art_1__para_1").text == "Все равны перед законом и судом."
    assert ("encoding", "cp1251") in doc.meta.extra


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".doc"),
        (b"%PDF-1.7\n", "PDF"),
        ("Latin-1 caf\u00e9 na\u00efve r\u00e9sum\u00e9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_gives_a_clear_error_naming_the_file(content: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse_bytes(content, "input.txt")
    assert "input.txt" in str(info.value)


def test_unsupported_language_is_an_error() -> None:
    with pytest.raises(InputError, match="language 'de' is not supported"):
        parse_bytes(b"1. Text.", "x.txt", lang="de")


def test_restarted_lists_nest_under_the_part_that_introduces_them(constitution) -> None:
    # Art. 52(5): two lists "1) … 3)" under two chapeaux; each subparagraph 1) is addressable.
    first = constitution.find("art_52__para_5__part_2__subpara_1")
    second = constitution.find("art_52__para_5__part_3__subpara_1")
    assert first.text.startswith("его выезде на постоянное место жительства")
    assert second.text.startswith("выходе или исключении депутата")
    assert not [i for i in constitution.issues if i.code == "duplicate-number"]


def test_lists_numbered_once_stay_under_their_paragraph(edu_ru) -> None:
    assert edu_ru.find("art_8__para_4__subpara_11") is not None
    assert edu_ru.find("art_8__para_4__part_2__subpara_1") is None


def test_a_list_under_the_first_part_is_rendered_with_it() -> None:
    text = (
        "Статья 5. Обязанности\n"
        "2. При рассмотрении петиции орган обязан:\n"
        "1) выехать на место;\n"
        "2) провести обсуждение.\n"
        "При рассмотрении петиции местный орган обязан:\n"
        "1) изучить опыт;\n"
        "2) ответить заявителю.\n"
    )
    doc = parse_text(text)
    assert doc.find("art_5__para_2__part_1__subpara_2").text == "провести обсуждение."
    assert doc.find("art_5__para_2__part_2__subpara_1").text == "изучить опыт;"
    assert render_text_of(doc) == text


def render_text_of(doc) -> str:
    from lexamend.render.text import render_text

    return render_text(doc)


def test_lower_case_article_word_is_a_link_fragment_not_a_heading() -> None:
    text = "Статья 1. Понятия\n\n      1. Как указано в \nстатья 20\n настоящего Кодекса, и далее.\n"
    doc = parse_text(text, layout="adilet")
    assert doc.count(Kind.ARTICLE) == 1
    assert doc.find("art_1__para_1").text == "Как указано в статья 20 настоящего Кодекса, и далее."


@pytest.mark.parametrize(
    ("heading", "status"),
    [
        ("Статья 20. (Исключена Законом РК от 06.07.2007 № 263)", Status.EXCLUDED),
        ("87-бап - 88-баптар алынып тасталды - ҚР 2000.03.29 Заңымен.", Status.EXCLUDED),
        ("Статьи 24 - 25 исключены Законом РК от 24.10.2011 № 487-IV", Status.EXCLUDED),
        ("Статья 21. Порядок регистрации", Status.IN_FORCE),
    ],
)
def test_repealed_article_headings_and_ranges(heading: str, status: Status) -> None:
    doc = parse_text(heading + "\n")
    (article,) = [u for u in doc.walk() if u.kind is Kind.ARTICLE]
    assert article.status is status
