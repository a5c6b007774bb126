"""The comparative table: current wording | proposed wording | rationale, one row per amended unit.

Kazakh and Russian drafting practice attaches a comparative table
(«сравнительная таблица», «салыстырмалы кесте») to every draft amendment. Each
row names the structural unit, gives its wording in force with the words to
be deleted struck, the proposed wording with the new words in bold and
underlined, and the reasons. :func:`comparative_rows` builds the rows (pure
data) from an applied patch set; :func:`render_table` writes them as a
landscape Word table, Markdown, or a self-contained HTML page.

Rows group edits by the unit they target; an edit of a unit inside another
amended unit joins that unit's row. A unit added by the patch has «Отсутствует»
("None") as its current wording; a unit repealed without a placeholder has
«Исключить» ("Delete") as its proposed wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lexamend.model import Document, Patch, Unit, walk_with_parents
from lexamend.render.redline.edits import changes_by_unit, ops_from_changes
from lexamend.render.redline.lines import Line, document_lines
from lexamend.render.redline.matching import by_block
from lexamend.render.redline.plan import plan
from lexamend.render.rights import describe_right

#: Words of the table in each language.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Comparative table",
        "number": "No.",
        "unit": "Provision",
        "current": "Current wording",
        "proposed": "Proposed wording",
        "rationale": "Rationale",
        "absent": "None.",
        "repeal": "Delete.",
        "rights": "Rights",
        "to": "to",
    },
    "ru": {
        "title": "Сравнительная таблица",
        "number": "№ п/п",
        "unit": "Структурный элемент",
        "current": "Действующая редакция",
        "proposed": "Предлагаемая редакция",
        "rationale": "Обоснование",
        "absent": "Отсутствует.",
        "repeal": "Исключить.",
        "rights": "Права",
        "to": "к",
    },
    "kk": {
        "title": "Салыстырмалы кесте",
        "number": "Р/с №",
        "unit": "Құрылымдық элемент",
        "current": "Қолданыстағы редакция",
        "proposed": "Ұсынылатын редакция",
        "rationale": "Негіздеме",
        "absent": "Жоқ.",
        "repeal": "Алып тастау.",
        "rights": "Құқықтар",
        "to": "",
    },
}

Piece = tuple[str, str]
#: Colours of deleted and inserted words in the Word table (and the HTML page's stylesheet).
DELETED_COLOR = "C00000"
INSERTED_COLOR = "1F4E9F"  # ("equal" | "delete" | "insert", text)


@dataclass(frozen=True)
class Row:
    """One amended unit: where it is, its wording before and after, and why."""

    number: int
    citation: str
    current: tuple[tuple[Piece, ...], ...]  # lines of pieces: equal and deleted text
    proposed: tuple[tuple[Piece, ...], ...]  # lines of pieces: equal and inserted text
    rationale: tuple[str, ...]
    rights: tuple[str, ...]
    edits: tuple[str, ...]


def _paths(doc: Document) -> dict[str, tuple[Unit, ...]]:
    out: dict[str, tuple[Unit, ...]] = {}
    for entry in walk_with_parents(doc.units):
        unit = entry.unit
        for key in (unit.address, unit.eid):
            if key:
                out.setdefault(key, entry.path)
    return out


def _citation(path: tuple[Unit, ...], lang: str) -> str:
    from lexamend.address import format_citation

    try:
        text = format_citation(path, lang)
    except ValueError:
        unit = path[-1]
        text = unit.label or unit.heading or unit.address or unit.eid
    return text[:1].upper() + text[1:]


def _unit_lines(doc_lines: list[Line], unit: Unit) -> list[int]:
    ids = {id(u) for u in unit.walk()}
    return [i for i, line in enumerate(doc_lines) if line.unit is not None and id(line.unit) in ids]


def comparative_rows(base: Document, result, patches: Sequence[Patch], lang: str) -> list[Row]:  # type: ignore[no-untyped-def]
    """The rows of the comparative table of ``patches`` (applied as ``result``) to ``base``."""
    amended = result.document
    words = WORDS.get(lang, WORDS["en"])
    edits = {(e.patch, e.id): e for p in patches for e in p.edits}
    old_paths, new_paths = _paths(base), _paths(amended)
    old_lines, new_lines = document_lines(base), document_lines(amended)
    changes = changes_by_unit(result.results)

    # Targets in document order; a target inside another target joins its row.
    targets: dict[str, list] = {}  # address → edit results  # type: ignore[type-arg]
    for outcome in result.results:
        if outcome.status not in ("applied", "relocated"):
            continue
        targets.setdefault(outcome.address, []).append(outcome)
    order = {u.address or u.eid: i for i, u in enumerate(amended.walk())}
    old_order = {u.address or u.eid: i for i, u in enumerate(base.walk())}

    def key(address: str) -> tuple[int, int]:
        return (order.get(address, 10**9), old_order.get(address, 10**9))

    merged: dict[str, list] = {}  # type: ignore[type-arg]
    for address in sorted(targets, key=key):
        parent = next((a for a in merged if address.startswith(a + "__")), None)
        merged.setdefault(parent or address, []).extend(targets[address])

    rows: list[Row] = []
    for address, outcomes in merged.items():
        new_path = new_paths.get(address)
        old_path = old_paths.get(address)
        old_ids = _unit_lines(old_lines, old_path[-1]) if old_path else []
        new_ids = _unit_lines(new_lines, new_path[-1]) if new_path else []
        if old_path and not new_path:
            # removed: the old unit's own lines (a unit renumbered away keeps its blocks and shows here too)
            new_ids = [j for j, line in enumerate(new_lines) if line.block is not None and line.block in {old_lines[i].block for i in old_ids}]
        if new_path and not old_path:
            old_ids = [i for i, line in enumerate(old_lines) if line.block is not None and line.block in {new_lines[j].block for j in new_ids}]
        current, proposed = _wording(old_lines, new_lines, old_ids, new_ids, changes)
        if not old_ids:
            current = (((("equal", words["absent"]),),))
        if not new_ids:
            proposed = (((("equal", words["repeal"]),),))
        rationale: list[str] = []
        rights: list[str] = []
        ids: list[str] = []
        for outcome in outcomes:
            edit = edits.get((outcome.patch, outcome.edit_id))
            if edit is None:
                continue
            ids.append(edit.id)
            rationale.extend(" ".join(p.split()) for p in edit.rationale.split("\n\n") if p.strip())
            for ref in edit.rights:
                described = describe_right(ref, lang)
                if described not in rights:
                    rights.append(described)
        path = new_path or old_path
        assert path is not None
        rows.append(Row(len(rows) + 1, _citation(path, lang), current, proposed, tuple(rationale), tuple(rights), tuple(ids)))
    return rows


def _wording(
    old_lines: list[Line], new_lines: list[Line], old_ids: list[int], new_ids: list[int], changes: dict
) -> tuple[tuple[tuple[Piece, ...], ...], tuple[tuple[Piece, ...], ...]]:  # type: ignore[type-arg]
    old = [old_lines[i] for i in old_ids]
    new = [new_lines[j] for j in new_ids]

    def ops_for(i: int, j: int):  # type: ignore[no-untyped-def]
        return ops_from_changes(old[i].unit, new[j].unit, old[i].text, new[j].text, changes)

    steps = plan([line.text for line in old], [line.text for line in new], by_block(old, new), ops_for)
    current: list[tuple[Piece, ...]] = []
    proposed: list[tuple[Piece, ...]] = []
    for step in steps:
        if step.kind == "equal":
            current.append((("equal", old[step.old].text),))  # type: ignore[index]
            proposed.append((("equal", new[step.new].text),))  # type: ignore[index]
        elif step.kind == "change":
            current.append(tuple((k, t) for k, t in step.ops if k != "insert"))
            proposed.append(tuple((k, t) for k, t in step.ops if k != "delete"))
        elif step.kind == "delete":
            current.append((("delete", old[step.old].text),))  # type: ignore[index]
        else:
            proposed.append((("insert", new[step.new].text),))  # type: ignore[index]
    return tuple(current), tuple(proposed)


# -- output -------------------------------------------------------------------------------


def _title(base: Document, patches: Sequence[Patch], lang: str) -> tuple[str, str]:
    words = WORDS.get(lang, WORDS["en"])
    subject = base.meta.title or base.title_line or base.meta.source
    return words["title"], subject


def render_table(rows: Sequence[Row], base: Document, patches: Sequence[Patch], lang: str, fmt: str, *, template: bytes | None = None) -> bytes | str:
    """The table as .docx bytes, or Markdown / HTML text."""
    if fmt == "docx":
        return _docx(rows, base, patches, lang, template)
    return _jinja(rows, base, patches, lang, fmt)


def _jinja(rows: Sequence[Row], base: Document, patches: Sequence[Patch], lang: str, fmt: str) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("lexamend.render", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = _md_escape
    env.filters["md_mark"] = _md_mark
    title, subject = _title(base, patches, lang)
    template = env.get_template(f"table.{fmt}.j2")
    return template.render(
        rows=rows,
        words=WORDS.get(lang, WORDS["en"]),
        lang=lang,
        title=title,
        subject=subject,
        patches=[p.title or p.path for p in patches],
    )


def _md_escape(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    out = text.replace("\\", "\\\\")
    for char in "*_~`|[]<>":
        out = out.replace(char, "\\" + char)
    return out


def _md_mark(text: str, marker: str) -> str:
    """Escaped text wrapped in an emphasis marker, with edge spaces outside it (Markdown needs that)."""
    core = text.strip()
    if not core:
        return text
    left = text[: len(text) - len(text.lstrip())]
    right = text[len(text.rstrip()) :]
    closing = marker[::-1] if marker != "~~**" else "**~~"
    return f"{left}{marker}{_md_escape(core)}{closing}{right}"


def _docx(rows: Sequence[Row], base: Document, patches: Sequence[Patch], lang: str, template: bytes | None) -> bytes:
    from lexamend.ooxml import build
    from lexamend.ooxml.deterministic import DEFAULT_DATE

    words = WORDS.get(lang, WORDS["en"])
    package = build.new_document(template)
    styles = build.style_ids(package)
    width = build.landscape(package)
    title, subject = _title(base, patches, lang)

    def style(name: str) -> str | None:
        return name if name in styles else None

    build.append(package, build.paragraph([build.Span(title, bold=True)], build.paragraph_properties(style("Title"))))
    build.append(package, build.paragraph(subject, build.paragraph_properties(style("Title"))))
    for patch_title in [p.title for p in patches if p.title]:
        build.append(package, build.paragraph([build.Span(patch_title, italic=True)], build.paragraph_properties(style("TableText"))))

    def cell(lines: Sequence[str | Sequence[Piece]], *, heading: bool = False, small: bool = False) -> list:  # type: ignore[type-arg]
        ppr_style = style("TableHeading") if heading else style("TableSmall") or style("TableText") if small else style("TableText")
        paragraphs = []
        for line in lines:
            spans = [build.Span(line, bold=heading)] if isinstance(line, str) else [_span(kind, text) for kind, text in line]
            paragraphs.append(build.paragraph(spans, build.paragraph_properties(ppr_style)))
        return paragraphs

    shares = (4, 12, 27, 27, 30)  # per cent of the text width: number, provision, current, proposed, rationale
    widths = [width * share // 100 for share in shares]
    header = [cell([words[k]], heading=True) for k in ("number", "unit", "current", "proposed", "rationale")]
    body = []
    for row in rows:
        reasons = list(row.rationale) + ([f"{words['rights']}: {'; '.join(row.rights)}."] if row.rights else [])
        body.append([cell([str(row.number)]), cell([row.citation]), cell(row.current), cell(row.proposed), cell(reasons or [""], small=True)])
    build.append(package, build.table([header, *body], widths, header_rows=1, style=style("TableGrid")))
    build.append(package, build.paragraph("", build.paragraph_properties(style("TableText"))))
    build.set_title(package, f"{title}: {subject}")
    return package.to_bytes(core_date=DEFAULT_DATE)


def _span(kind: str, text: str):  # type: ignore[no-untyped-def]
    from lexamend.ooxml.build import Span

    # Bold, struck and underlined survive black-and-white printing; the colours help on screen.
    if kind == "delete":
        return Span(text, bold=True, strike=True, color=DELETED_COLOR)
    if kind == "insert":
        return Span(text, bold=True, underline=True, color=INSERTED_COLOR)
    return Span(text)


__all__ = ["Row", "WORDS", "comparative_rows", "render_table"]
