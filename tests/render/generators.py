"""Hypothesis strategies: small legal texts, patches that apply to them, and edited versions of them.

Texts are built the way the round-trip property test builds them (chapters,
articles, paragraphs "1." and "2-1.", subparagraphs "1)", letters), in
Russian, Kazakh or English. Patches use every operation of the patch format
on units and words chosen from the generated text, so they apply; .docx
versions of a text carry random bold and italic runs so that edits must split
formatted runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from lexamend.model import Edit, Kind, Op, Patch, Unit
from tests.parse.docx_fixtures import build_docx

WORDS = {
    "ru": "государство обеспечивает получение гражданами бесплатного образования дети иностранцев права равные временно пребывающих".split(),
    "kk": "мемлекет азаматтарының тегін білім алуын қамтамасыз етеді балалар құқығы бар уақытша".split(),
    "en": "the state shall ensure free education for children of foreigners with equal rights seasonal frontier workers".split(),
}
ARTICLE = {"ru": "Статья {n}.", "kk": "{n}-бап.", "en": "Article {n}."}
CHAPTER = {"ru": "Глава {n}.", "kk": "{n}-тарау.", "en": "Chapter {n}."}
TITLE = {"ru": "Закон об образовании", "kk": "Білім туралы заң", "en": "Law on education"}


@st.composite
def sentences(draw: st.DrawFn, lang: str, end: str | None = None) -> str:
    words = draw(st.lists(st.sampled_from(WORDS[lang]), min_size=3, max_size=14))
    return " ".join(words).capitalize() + (end or draw(st.sampled_from([".", ";"])))


@st.composite
def legal_texts(draw: st.DrawFn) -> tuple[str, str]:
    """(language, text): a title, chapters, articles, numbered paragraphs and subparagraphs."""
    lang = draw(st.sampled_from(["ru", "kk", "en"]))
    lines = [TITLE[lang]]
    article = 0
    for chapter in range(1, draw(st.integers(1, 2)) + 1):
        lines.append(f"{CHAPTER[lang].format(n=chapter)} {draw(sentences(lang, ''))}")
        for _ in range(draw(st.integers(1, 3))):
            article += 1
            lines.append(f"{ARTICLE[lang].format(n=article)} {draw(sentences(lang, ''))}")
            for para in range(1, draw(st.integers(1, 4)) + 1):
                subs = draw(st.integers(0, 3))
                lines.append(f"{para}. {draw(sentences(lang, ':' if subs else '.'))}")
                for sub in range(1, subs + 1):
                    lines.append(f"{sub}) {draw(sentences(lang, ';' if sub < subs else '.'))}")
    return lang, "\n".join(lines) + "\n"


def _word_span(text: str, start: int, length: int) -> str | None:
    words = text.rstrip(".;:").split()
    if not words:
        return None
    start = start % len(words)
    chosen = " ".join(words[start : start + max(1, length)])
    return chosen if text.count(chosen) == 1 else None


@st.composite
def patches(draw: st.DrawFn, units: list[Unit], lang: str) -> Patch:
    """A patch of 1-4 edits on distinct units of a document (all of the patch format's operations)."""
    textual = [u for u in units if u.text and u.kind in (Kind.PARAGRAPH, Kind.SUBPARAGRAPH, Kind.POINT, Kind.PART)]
    numbered = [u for u in units if u.kind in (Kind.PARAGRAPH, Kind.SUBPARAGRAPH) and u.num and "-" not in u.num]
    edits: list[Edit] = []
    used: set[str] = set()
    for index in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "restate", "insert_unit", "repeal"]))
        pool = numbered if op in ("insert_unit", "repeal", "restate") else textual
        pool = [u for u in pool if not any(u.eid.startswith(e) or e.startswith(u.eid) for e in used)]
        if not pool:
            continue
        unit = draw(st.sampled_from(pool))
        used.add(unit.eid)
        eid = f"e{index}"
        if op in ("delete", "insert", "replace"):
            span = _word_span(unit.text, draw(st.integers(0, 20)), draw(st.integers(1, 3)))
            if span is None:
                continue
            new_words = " ".join(draw(st.lists(st.sampled_from(WORDS[lang]), min_size=1, max_size=4)))
            if op == "delete":
                edits.append(Edit(eid, Op.DELETE, unit.eid, text=span))
            elif op == "insert":
                edits.append(Edit(eid, Op.INSERT, unit.eid, text=new_words, after=span))
            else:
                edits.append(Edit(eid, Op.REPLACE, unit.eid, old=span, new=new_words))
        elif op == "restate":
            if unit.children:
                continue
            edits.append(Edit(eid, Op.RESTATE, unit.eid, text=draw(sentences(lang, "."))))
        elif op == "insert_unit":
            edits.append(Edit(eid, Op.INSERT_UNIT, unit.eid, text=draw(sentences(lang, ".")), position="after"))
        else:
            edits.append(Edit(eid, Op.REPEAL, unit.eid, placeholder=draw(st.booleans())))
    edits = [Edit(**{**e.__dict__, "patch": "generated.yaml", "rationale": f"Reason for {e.id}.", "rights": ("un-crc-1989:art_28__para_1",)}) for e in edits]
    return Patch(edits=tuple(edits), title="generated", date="2026-01-02", path="generated.yaml", language=lang)


@st.composite
def formatted_docx(draw: st.DrawFn, text: str) -> bytes:
    """The text as a .docx: one paragraph per line, typed labels, random bold/italic runs, heading styles."""
    from xml.sax.saxutils import escape

    from tests.parse.docx_fixtures import para

    body = []
    for number, line in enumerate(text.splitlines()):
        words = line.split(" ")
        runs = []
        cut = 0
        while cut < len(words):
            size = draw(st.integers(1, 4))
            piece = " ".join(words[cut : cut + size]) + (" " if cut + size < len(words) else "")
            props = ""
            if draw(st.integers(0, 4)) == 0:
                props += "<w:b/>"
            if draw(st.integers(0, 4)) == 0:
                props += "<w:i/>"
            rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
            runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
            cut += size
        chapter = line.startswith(("Глава ", "Chapter ")) or line.split(" ", 1)[0].endswith("-тарау.")
        style = "Title" if number == 0 else ("Heading1" if chapter else None)
        body.append(para(style=style, inner="".join(runs)))
    return build_docx("".join(body))


@dataclass(frozen=True)
class Version:
    """A text and its edited version (for --from/--to)."""

    lang: str
    old: str
    new: str


@st.composite
def edited_versions(draw: st.DrawFn) -> Version:
    """A text and a version of it with lines changed, deleted, inserted, renumbered and moved."""
    lang, text = draw(legal_texts())
    lines = text.splitlines()
    out = list(lines)
    for _ in range(draw(st.integers(1, 5))):
        if len(out) < 3:
            break
        index = draw(st.integers(1, len(out) - 1))  # never the title
        action = draw(st.sampled_from(["words", "words", "delete", "insert", "renumber", "move"]))
        line = out[index]
        label, _, rest = line.partition(" ")
        if action == "words":
            words = rest.split()
            if not words:
                continue
            at = draw(st.integers(0, len(words) - 1))
            words[at : at + draw(st.integers(0, 2))] = draw(st.lists(st.sampled_from(WORDS[lang]), min_size=0, max_size=3))
            out[index] = f"{label} {' '.join(words)}".rstrip()
        elif action == "delete":
            del out[index]
        elif action == "insert":
            out.insert(index, f"{label.rstrip('.)')}-1{label[-1] if label[-1] in '.)' else '.'} {draw(sentences(lang, '.'))}")
        elif action == "renumber" and label[:1].isdigit() and label.rstrip(".)").isdigit():
            out[index] = f"{int(label.rstrip('.)')) + 1}{label[-1]} {rest}"
        elif action == "move" and len(out) > 4:
            target = draw(st.integers(1, len(out) - 1))
            moved = out.pop(index)
            out.insert(target, moved)
    new = "\n".join(out) + "\n"
    return Version(lang, text, new)


__all__ = ["Version", "edited_versions", "formatted_docx", "legal_texts", "patches", "sentences"]
