"""Splitting an amending act into statements: quotations stay whole, lines are kept."""

from __future__ import annotations

import re

from lexamend.instructions.formulas import load
from lexamend.instructions.statements import split


def _split(text: str, lang: str = "ru") -> list:
    read = load(lang).read
    options = {key: re.compile(read[key], re.IGNORECASE) if read.get(key) else None for key in ("not_marker", "opens_quote", "quote_starts")}
    return split(text, **options)


def test_inline_header_and_semicolons() -> None:
    statements = _split('в пункте 2: слова "сезонных" исключить; слова "школа" заменить словами "организация";\n')
    assert [s.body for s in statements] == [
        "в пункте 2",
        'слова "сезонных" исключить',
        'слова "школа" заменить словами "организация"',
    ]
    assert [s.end for s in statements] == [":", ";", ";"]
    assert statements[1].skeleton == "слова ⟨0⟩ исключить"
    assert statements[2].quotes == ("школа", "организация")


def test_semicolon_and_full_stop_inside_quotation_do_not_split() -> None:
    statements = _split('1) пункт 4 изложить в следующей редакции:\n"4. Школа принимает детей; учет ведется.\nПорядок определяется органом.";\n2) подпункт 3) исключить.\n')
    assert len(statements) == 2
    assert statements[0].marker == "1)" and statements[0].line == 1
    assert statements[0].quotes == ("4. Школа принимает детей; учет ведется.\nПорядок определяется органом.",)
    assert statements[1].marker == "2)" and statements[1].line == 4


def test_several_quotations_after_announcing_statement() -> None:
    for opening, closing in (('"', '"'), ("«", "»"), ("„", "“")):
        text = f"дополнить подпунктами 9-1) и 9-2) следующего содержания:\n{opening}9-1) первый;{closing};\n{opening}9-2) второй;{closing};\n"
        statements = _split(text)
        assert len(statements) == 1, opening
        assert statements[0].quotes == ("9-1) первый;", "9-2) второй;"), opening


def test_quotation_not_announced_starts_a_new_statement() -> None:
    statements = _split('слова "a" исключить;\n"b" деген сөздер алып тасталсын;\n')
    assert [s.line for s in statements] == [1, 2]


def test_blank_line_ends_a_statement_and_lines_are_counted() -> None:
    statements = _split("В Закон внести следующие изменения\n\nв статье 8\n\nпункт 3 исключить")
    assert [(s.line, s.body) for s in statements] == [
        (1, "В Закон внести следующие изменения"),
        (3, "в статье 8"),
        (5, "пункт 3 исключить"),
    ]


def test_time_colon_is_not_a_header() -> None:
    statements = _split('слова "в 9:00" заменить словами "в 10:30";')
    assert len(statements) == 1


def test_kazakh_citation_number_is_not_a_marker() -> None:
    statements = _split("4-1) тармақша алып тасталсын;", "kk")
    assert statements[0].marker is None
    assert statements[0].body.startswith("4-1) тармақша")
