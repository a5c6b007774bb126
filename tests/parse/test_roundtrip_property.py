"""Property: generated legal texts parse to the structure they were built from, and render back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexamend.model import Kind
from lexamend.parse.text import parse_text
from lexamend.render.text import render_text

WORDS = {
    "ru": "государство обеспечивает получение гражданами бесплатного образования дети иностранцев права равные".split(),
    "kk": "мемлекет азаматтарының тегін білім алуын қамтамасыз етеді балалар құқығы бар".split(),
    "en": "the state shall ensure free education for children of foreigners with equal rights".split(),
}
ARTICLE = {"ru": "Статья {n}.", "kk": "{n}-бап.", "en": "Article {n}."}
CHAPTER = {"ru": "Глава {n}.", "kk": "{n}-тарау.", "en": "Chapter {n}."}
LETTERS = {"ru": "абвгдежзик", "kk": "аәбвгғдеж", "en": "abcdefghj"}


@st.composite
def sentences(draw: st.DrawFn, lang: str) -> str:
    words = draw(st.lists(st.sampled_from(WORDS[lang]), min_size=2, max_size=12))
    end = draw(st.sampled_from([".", ";", ":"]))
    return " ".join(words).capitalize() + end


@st.composite
def numbers(draw: st.DrawFn, count: int) -> list[str]:
    """Ascending numbers with occasional inserted ones: 1, 2, 2-1, 3 …"""
    out: list[str] = []
    n = 1
    while len(out) < count:
        out.append(str(n))
        if draw(st.booleans()) and draw(st.booleans()) and len(out) < count:
            out.append(f"{n}-1")
        n += 1
    return out[:count]


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str, list[tuple[str, str]]]:
    """A text and the (kind, num) sequence it was built from."""
    lang = draw(st.sampled_from(["ru", "kk", "en"]))
    lines: list[str] = []
    expected: list[tuple[str, str]] = []
    article = 0
    for chapter in range(1, draw(st.integers(1, 3)) + 1):
        lines.append(f"{CHAPTER[lang].format(n=chapter)} {draw(sentences(lang)).rstrip('.;:')}")
        expected.append(("chapter", str(chapter)))
        for _ in range(draw(st.integers(1, 3))):
            article += 1
            lines.append(f"{ARTICLE[lang].format(n=article)} {draw(sentences(lang)).rstrip('.;:')}")
            expected.append(("article", str(article)))
            for para in draw(numbers(draw(st.integers(0, 4)))):
                lines.append(f"{para}. {draw(sentences(lang))}")
                expected.append(("paragraph", para))
                for sub in draw(numbers(draw(st.integers(0, 3)))):
                    lines.append(f"{sub}) {draw(sentences(lang))}")
                    expected.append(("subparagraph", sub))
                    for letter in LETTERS[lang][: draw(st.integers(0, 2))]:
                        lines.append(f"{letter}) {draw(sentences(lang))}")
                        expected.append(("point", letter))
    return lang, "\n".join(lines) + "\n", expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_round_trip(case: tuple[str, str, list[tuple[str, str]]]) -> None:
    lang, text, expected = case
    doc = parse_text(text, lang=lang)
    got = [(u.kind.value, u.num) for u in doc.walk() if u.kind is not Kind.PART]
    assert got == expected
    assert render_text(doc) == text
    assert not doc.issues
