"""derive: the patch between two versions applies to the old one and gives the new one exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexamend.apply import apply_patches
from lexamend.diff.derive import RESTATE_SHARE, derive, same_law
from lexamend.model import Document, Op
from lexamend.parse import parse_file
from lexamend.parse.text import parse_text
from lexamend.patch import loads
from lexamend.patch.dump import dumps
from tests.conftest import CORPUS, DATA


def _round_trip(old: Document, new: Document) -> list[Op]:
    """Derive, write and read the patch back, apply it: the result must be the new version."""
    derived = derive(old, new)
    patch = loads(dumps(derived.patch), "derived.yaml") if derived.patch.edits else derived.patch
    result = apply_patches(old, [patch]) if patch.edits else None
    assert result is None or result.ok, [r.reason for r in result.failed]
    assert same_law(result.document if result else old, new)
    return [e.op for e in derived.patch.edits]


# -- real texts -----------------------------------------------------------------------------


def test_russian_article_with_real_looking_amendments() -> None:
    old = parse_file(DATA / "diff" / "law-education-art8.ru.old.txt")
    new = parse_file(DATA / "diff" / "law-education-art8.ru.new.txt")
    derived = derive(old, new)
    ops = [e.op for e in derived.patch.edits]
    assert ops.count(Op.RENUMBER) == 1 and Op.INSERT_UNIT in ops and Op.RESTATE in ops
    words = [e for e in derived.patch.edits if e.op in (Op.INSERT, Op.DELETE, Op.REPLACE)]
    assert {(e.op, e.text or e.old) for e in words} >= {(Op.INSERT, "и неполных"), (Op.DELETE, "ее функционирования")}
    assert any("notes" in w for w in derived.warnings)
    _round_trip(old, new)


def test_kazakh_article_with_real_looking_amendments() -> None:
    old = parse_file(DATA / "diff" / "law-education-art8.kk.old.txt")
    new = parse_file(DATA / "diff" / "law-education-art8.kk.new.txt")
    derived = derive(old, new)
    assert [e.op for e in derived.patch.edits] == [Op.INSERT, Op.RESTATE, Op.INSERT_UNIT]
    assert derived.patch.edits[0].text == "немесе уақытша" and derived.patch.edits[0].after == "тұрақты"
    assert derived.patch.edits[0].at == "8-баптың 2-тармағының екінші бөлігі"
    _round_trip(old, new)


def _amend_law(text: str) -> str:
    """Amendments as an amending law would make them to the Law «Об образовании»."""
    edits = [
        ("за исключением", "кроме"),
        ("Республики Казахстан", "Республики Казахстан (далее – Республика)"),
        (
            "\nСтатья 9. Язык обучения и воспитания",
            "\nСтатья 8-4. Образование детей иностранцев\n\n      1. Дети иностранцев и лиц без гражданства имеют право на образование."
            "\n\n      2. Организации образования принимают их на общих основаниях.\n\nСтатья 9. Язык обучения и воспитания",
        ),
    ]
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    # A paragraph goes, and a subparagraph becomes a placeholder.
    text, deleted = re.subn(r"\n[^\S\n]*2\. Государство обеспечивает получение гражданами[^\n]*", "", text, count=1)
    text, excluded = re.subn(r"(\n[^\S\n]*3\) )дети из многодетных семей;", r"\1исключен Законом РК от 01.07.2026 № 300-VIII;", text, count=1)
    assert deleted == excluded == 1
    return text


def test_the_law_on_education_against_an_amended_edition(tmp_path: Path) -> None:
    source = CORPUS / "kz" / "law-education-2007.ru.txt"
    amended = tmp_path / "law-education-2007.amended.ru.txt"
    amended.write_text(_amend_law(source.read_text(encoding="utf-8")), encoding="utf-8")
    old, new = parse_file(source), parse_file(amended)
    ops = _round_trip(old, new)
    assert Op.INSERT_UNIT in ops and Op.REPEAL in ops


def test_the_benchmark_pair(bench_pair: Path) -> None:
    old, new = parse_file(bench_pair / "original.txt"), parse_file(bench_pair / "amended.txt")
    ops = _round_trip(old, new)
    # 80 word edits, 8 insertions, 10 deletions, a renumbering (to a number that exists: restated), a move.
    assert ops.count(Op.INSERT) + ops.count(Op.DELETE) + ops.count(Op.REPLACE) >= 70
    assert ops.count(Op.INSERT_UNIT) >= 9 and ops.count(Op.REPEAL) >= 11


def test_a_unit_mostly_rewritten_is_restated() -> None:
    old = parse_text("1. The authorized body shall issue the permit within ten days.\n2. Other.\n")
    new = parse_text("1. Permits are issued by the local executive body upon request.\n2. Other.\n")
    assert RESTATE_SHARE < 1
    assert _round_trip(old, new) == [Op.RESTATE]


def test_unrelated_documents_still_derive() -> None:
    old = parse_text("1. Первый пункт о разрешениях.\n2. Второй пункт о регистрации.\n")
    new = parse_text("Статья 1. Язык\nЯзык обучения определяется законом.\nСтатья 2. Право\nКаждый имеет право на образование.\n")
    ops = _round_trip(old, new)
    assert ops.count(Op.INSERT_UNIT) == 2 and ops.count(Op.REPEAL) == 2


def test_identical_versions_give_an_empty_patch() -> None:
    doc = parse_text("1. One.\n2. Two.\n")
    assert derive(doc, doc).patch.edits == ()


# -- generated pairs ---------------------------------------------------------------------------

WORDS = ["государство", "обеспечивает", "право", "на", "образование", "детей", "иностранцев", "лиц", "без", "гражданства",
         "в", "порядке", "определяемом", "уполномоченным", "органом", "сезонных", "и", "приграничных", "работников", "Республики"]


@dataclass
class Item:
    num: str
    words: list[str]


@dataclass
class Para:
    num: str
    words: list[str]
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    num: str
    heading: list[str]
    paras: list[Para] = field(default_factory=list)


def _text(articles: list[Article]) -> str:
    lines = []
    for art in articles:
        lines.append(f"Статья {art.num}. {' '.join(art.heading).capitalize()}")
        for para in art.paras:
            lines.append(f"{para.num}. {' '.join(para.words).capitalize()}{':' if para.items else '.'}")
            for k, item in enumerate(para.items):
                lines.append(f"{item.num}) {' '.join(item.words)}{'.' if k == len(para.items) - 1 else ';'}")
    return "\n".join(lines) + "\n"


words = st.lists(st.sampled_from(WORDS), min_size=2, max_size=9)


def _fresh(base: str, taken: set[str]) -> str:
    """The number of a unit inserted after ``base``, as amending laws number them: 5-1, then 5-2 …"""
    k = 1
    while f"{base}-{k}" in taken:
        k += 1
    return f"{base}-{k}"


@st.composite
def documents(draw: st.DrawFn) -> list[Article]:
    articles = []
    for a in range(1, draw(st.integers(1, 4)) + 1):
        paras = []
        for p in range(1, draw(st.integers(0, 4)) + 1):
            items = [Item(str(i), draw(words)) for i in range(1, draw(st.integers(0, 3)) + 1)]
            paras.append(Para(str(p), draw(words), items))
        articles.append(Article(str(a), draw(words), paras))
    return articles


@st.composite
def amended(draw: st.DrawFn, articles: list[Article]) -> list[Article]:
    """The document after a few random amendments of the kinds laws get."""
    import copy

    doc = copy.deepcopy(articles)
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["word", "word", "restate", "insert_para", "delete_para", "insert_item", "delete_item", "exclude", "renumber", "move", "insert_article"]))
        paras = [(a, p) for a in doc for p in a.paras]
        if kind == "word" and paras:
            art, para = draw(st.sampled_from(paras))
            where = draw(st.sampled_from(["heading", "para", "item"]))
            target = art.heading if where == "heading" else draw(st.sampled_from(para.items)).words if where == "item" and para.items else para.words
            position = draw(st.integers(0, len(target)))
            action = draw(st.sampled_from(["insert", "delete", "replace"]))
            if action == "insert" or not target or position == len(target):
                target.insert(position, draw(st.sampled_from(WORDS)))
            elif action == "delete" and len(target) > 1:
                del target[position]
            else:
                target[position] = draw(st.sampled_from(WORDS))
        elif kind == "restate" and paras:
            _, para = draw(st.sampled_from(paras))
            para.words[:] = draw(words)
        elif kind == "insert_para" and doc:
            art = draw(st.sampled_from(doc))
            at = draw(st.integers(0, len(art.paras)))
            base = art.paras[at - 1].num if at else "0"
            art.paras.insert(at, Para(_fresh(base, {p.num for p in art.paras}), draw(words)))
        elif kind == "delete_para" and paras:
            art, para = draw(st.sampled_from(paras))
            art.paras.remove(para)
        elif kind == "insert_item" and paras:
            _, para = draw(st.sampled_from(paras))
            at = draw(st.integers(0, len(para.items)))
            base = para.items[at - 1].num if at else "0"
            para.items.insert(at, Item(_fresh(base, {i.num for i in para.items}), draw(words)))
        elif kind == "delete_item":
            with_items = [p for _, p in paras if p.items]
            if with_items:
                para = draw(st.sampled_from(with_items))
                del para.items[draw(st.integers(0, len(para.items) - 1))]
        elif kind == "exclude":
            with_items = [p for _, p in paras if p.items]
            if with_items:
                para = draw(st.sampled_from(with_items))
                draw(st.sampled_from(para.items)).words[:] = ["исключен"]
        elif kind == "renumber" and doc:
            last = doc[-1]
            last.num = str(max(int(a.num.split("-")[0]) for a in doc) + 1)
        elif kind == "move" and len(doc) > 1 and paras:
            art, para = draw(st.sampled_from(paras))
            dest = draw(st.sampled_from([a for a in doc if a is not art]))
            art.paras.remove(para)
            taken = {p.num for p in dest.paras}
            para.num = para.num if para.num not in taken else _fresh(para.num, taken)
            dest.paras.append(para)
        elif kind == "insert_article":
            at = draw(st.integers(0, len(doc)))
            base = doc[at - 1].num if at else "0"
            doc.insert(at, Article(_fresh(base, {a.num for a in doc}), draw(words), [Para("1", draw(words))]))
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_apply_derive_gives_the_new_version(data: st.DataObject) -> None:
    before = data.draw(documents())
    after = data.draw(amended(before))
    old, new = parse_text(_text(before)), parse_text(_text(after))
    _round_trip(old, new)
