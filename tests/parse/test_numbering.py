"""The Word numbering evaluator: formats, start values, restarts, overrides, styles."""

from __future__ import annotations

import pytest

from lexamend.ooxml.numbering import NumberingEvaluator, format_number, number_paragraphs
from lexamend.ooxml.parser import parse_xml
from lexamend.ooxml.styles import StyleSheet

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def lvl(ilvl: int, text: str, fmt: str = "decimal", start: int | None = 1, extra: str = "") -> str:
    start_xml = f'<w:start w:val="{start}"/>' if start is not None else ""
    return f'<w:lvl w:ilvl="{ilvl}">{start_xml}<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>'


def evaluator(abstracts: dict[int, str], nums: str, styles: str = "") -> NumberingEvaluator:
    body = "".join(f'<w:abstractNum w:abstractNumId="{i}">{levels}</w:abstractNum>' for i, levels in abstracts.items())
    numbering = parse_xml(f"<w:numbering {W} {MC}>{body}{nums}</w:numbering>".encode())
    sheet = StyleSheet(parse_xml(f"<w:styles {W}>{styles}</w:styles>".encode()) if styles else None)
    return NumberingEvaluator(numbering, sheet)


def num(num_id: int, abstract: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'


def start_override(ilvl: int, value: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'


LEGAL = lvl(0, "%1.") + lvl(1, "%2)") + lvl(2, "%3)", "russianLower")


@pytest.mark.parametrize(
    ("fmt", "values", "expected"),
    [
        ("decimal", (1, 9, 10, 123), ["1", "9", "10", "123"]),
        ("decimalZero", (1, 9, 10, 100), ["01", "09", "10", "100"]),
        ("lowerLetter", (1, 26, 27, 28, 53), ["a", "z", "aa", "bb", "aaa"]),
        ("upperLetter", (1, 3, 27), ["A", "C", "AA"]),
        ("lowerRoman", (1, 4, 9, 14, 40, 1999), ["i", "iv", "ix", "xiv", "xl", "mcmxcix"]),
        ("upperRoman", (3, 12, 49), ["III", "XII", "XLIX"]),
        ("russianLower", (1, 6, 7, 9, 10, 26, 28, 29), ["а", "е", "ж", "и", "к", "э", "я", "аа"]),
        ("russianUpper", (1, 10, 28), ["А", "К", "Я"]),
        ("bullet", (1,), [""]),
        ("none", (1,), [""]),
        ("ordinalText", (3,), ["3"]),  # not supported: decimal
    ],
)
def test_format_number(fmt: str, values: tuple[int, ...], expected: list[str]) -> None:
    assert [format_number(v, fmt) for v in values] == expected


def test_russian_letters_skip_yo_short_i_and_signs() -> None:
    letters = [format_number(n, "russianLower") for n in range(1, 29)]
    assert "".join(letters) == "абвгдежзиклмнопрстуфхцчшщэюя"
    assert not set("ёйъыь") & set(letters)


def test_levels_count_and_deeper_levels_restart() -> None:
    ev = evaluator({0: LEGAL}, num(1, 0))
    sequence = [0, 1, 2, 2, 1, 2, 0, 1, 2]
    assert [ev.advance("1", i) for i in sequence] == ["1.", "1)", "а)", "б)", "2)", "а)", "2.", "1)", "а)"]


def test_start_values() -> None:
    ev = evaluator({0: lvl(0, "%1.", start=5) + lvl(1, "(%2)", "lowerLetter", start=3)}, num(1, 0))
    assert [ev.advance("1", i) for i in (0, 1, 1, 0)] == ["5.", "(c)", "(d)", "6."]


def test_missing_start_is_zero() -> None:
    ev = evaluator({0: lvl(0, "%1.", start=None)}, num(1, 0))
    assert [ev.advance("1", 0), ev.advance("1", 0)] == ["0.", "1."]


def test_multilevel_text() -> None:
    ev = evaluator({0: lvl(0, "%1.") + lvl(1, "%1.%2.") + lvl(2, "%1.%2.%3")}, num(1, 0))
    assert [ev.advance("1", i) for i in (0, 1, 2, 2, 1, 0, 1)] == ["1.", "1.1.", "1.1.1", "1.1.2", "1.2.", "2.", "2.1."]


def test_uncounted_higher_level_shows_one_less_than_its_start() -> None:
    """Word's "0.1." for a Heading 2 before any Heading 1 (and "2.0.1" for a skipped level)."""
    ev = evaluator({0: lvl(0, "%1.") + lvl(1, "%1.%2.") + lvl(2, "%1.%2.%3", start=1)}, num(1, 0))
    assert [ev.advance("1", i) for i in (1, 0, 0, 2)] == ["0.1.", "1.", "2.", "2.0.1"]


def test_lvl_restart() -> None:
    # Level 2 restarts only after level 1 (1-based), i.e. not when level 2 (ilvl 1) is used; ilvl 1 never restarts.
    levels = (
        lvl(0, "%1.")
        + lvl(1, "%2)", extra='<w:lvlRestart w:val="0"/>')
        + lvl(2, "%3)", "lowerLetter", extra='<w:lvlRestart w:val="1"/>')
    )
    ev = evaluator({0: levels}, num(1, 0))
    assert [ev.advance("1", i) for i in (0, 1, 2, 1, 2, 0, 1, 2)] == ["1.", "1)", "a)", "2)", "b)", "2.", "3)", "a)"]


def test_instances_of_one_abstract_list_continue_each_other() -> None:
    ev = evaluator({0: LEGAL}, num(1, 0) + num(2, 0))
    assert [ev.advance(n, 0) for n in ("1", "1", "2", "1")] == ["1.", "2.", "3.", "4."]


def test_start_override_restarts_once_then_counts_on() -> None:
    ev = evaluator({0: LEGAL}, num(1, 0) + num(2, 0, start_override(0, 1)) + num(3, 0, start_override(0, 10)))
    assert [ev.advance("1", 0), ev.advance("1", 0)] == ["1.", "2."]
    assert [ev.advance("2", 0), ev.advance("2", 1), ev.advance("2", 0)] == ["1.", "1)", "2."]
    assert [ev.advance("3", 0), ev.advance("1", 0)] == ["10.", "11."]  # the shared list counts on


def test_override_with_a_level_definition() -> None:
    override = f'<w:lvlOverride w:ilvl="0">{lvl(0, "Раздел %1", "upperRoman")}</w:lvlOverride>'
    ev = evaluator({0: LEGAL}, num(1, 0) + num(2, 0, override))
    assert [ev.advance("2", 0), ev.advance("2", 0), ev.advance("1", 0)] == ["Раздел I", "Раздел II", "3."]


def test_is_lgl_shows_higher_levels_as_decimals() -> None:
    levels = lvl(0, "Article %1", "upperRoman") + lvl(1, "Section %1.%2", "decimalZero", extra="<w:isLgl/>")
    ev = evaluator({0: levels}, num(1, 0))
    assert [ev.advance("1", i) for i in (0, 1, 0, 1)] == ["Article I", "Section 1.1", "Article II", "Section 2.1"]


def test_bullets_and_empty_text_give_no_label() -> None:
    levels = lvl(0, "%1.") + lvl(1, "\uf0b7", "bullet") + lvl(2, "", "none")
    ev = evaluator({0: levels}, num(1, 0))
    assert [ev.advance("1", i) for i in (0, 1, 2, 0)] == ["1.", None, None, "2."]


def test_w14_custom_format_falls_back() -> None:
    custom = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14">'
        '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
        '<w:lvlText w:val="%1."/></w:lvl>'
    )
    assert evaluator({0: custom}, num(1, 0)).advance("1", 0) == "01."


def test_unknown_lists_give_no_label() -> None:
    ev = evaluator({0: LEGAL}, num(1, 0))
    assert ev.advance("99", 0) is None


# --- paragraphs: numPr on the paragraph or its style ---------------------------------------------

STYLES = """
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Punkt"><w:name w:val="Punkt"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="PunktBold"><w:name w:val="Punkt Bold"/><w:basedOn w:val="Punkt"/></w:style>
<w:style w:type="paragraph" w:styleId="Podpunkt"><w:name w:val="Podpunkt"/><w:basedOn w:val="Punkt"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="numbering" w:styleId="LegalList"><w:name w:val="Legal List"/>
  <w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
"""


def paragraphs(xml: str) -> list:
    body = parse_xml(f"<w:body {W}>{xml}</w:body>".encode())
    return list(body)


def p(style: str | None = None, num_id: str | None = None, ilvl: int | None = None) -> str:
    parts = [f'<w:pStyle w:val="{style}"/>' if style else ""]
    if num_id is not None or ilvl is not None:
        parts.append(
            "<w:numPr>"
            + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "")
            + (f'<w:numId w:val="{num_id}"/>' if num_id is not None else "")
            + "</w:numPr>"
        )
    return f"<w:p><w:pPr>{''.join(parts)}</w:pPr></w:p>"


def test_numbering_from_paragraphs_and_styles() -> None:
    heading_levels = lvl(0, "Статья %1.", extra='<w:pStyle w:val="1"/>')
    numbering = parse_xml(
        f"""<w:numbering {W}>
        <w:abstractNum w:abstractNumId="0">{LEGAL}</w:abstractNum>
        <w:abstractNum w:abstractNumId="1">{heading_levels}</w:abstractNum>
        <w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="LegalList"/></w:abstractNum>
        <w:abstractNum w:abstractNumId="3"><w:styleLink w:val="LegalList"/>{lvl(0, "(%1)")}</w:abstractNum>
        {num(1, 0)}{num(2, 1)}{num(3, 2)}{num(4, 3)}
        </w:numbering>""".encode()
    )
    styles = parse_xml(f"<w:styles {W}>{STYLES}</w:styles>".encode())
    labels = number_paragraphs(
        paragraphs(
            p("1")  # heading style bound to list 2; level found through w:lvl/w:pStyle
            + p("Punkt")  # style numbering
            + p("Podpunkt")  # numId inherited from Punkt, ilvl from Podpunkt
            + p("PunktBold")  # numId and ilvl inherited through basedOn
            + p(None, "1", 2)  # direct numbering
            + p("Punkt", "0")  # numId 0 switches the style's numbering off
            + p()  # default style: unnumbered
            + p(None, "3", 0)  # a list that links to a list style
            + p(None, "3", 0)
            + p("1")
        ),
        numbering,
        styles,
    )
    assert labels == ["Статья 1.", "1.", "1)", "2.", "а)", None, None, "(1)", "(2)", "Статья 2."]
