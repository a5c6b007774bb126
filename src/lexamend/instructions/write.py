"""Write a patch as the operative text of an amending act, in a language's drafting formulas.

What a ministry receives is not YAML but «в пункте 2: слова "…" исключить;».
:func:`write_instructions` turns a patch into that text the way a drafter lays
it out:

* a preamble names the act being amended (title, date and number from the
  base's metadata);
* one numbered item per article (or per top-level unit of a text without
  articles), in document order; inside an item, one line per amended unit,
  and several changes to one unit under a header as a lettered list;
* each change in the formula of its kind (``formulas/<lang>.yaml``), citing
  the unit in the case the formula needs («в подпункте 1) пункта 2 статьи 8»,
  «подпункт 3) исключить», «статью 8 дополнить пунктом 2-3»);
* the words quoted exactly as they stand in the base text (whitespace
  normalised), in the base's own quotation marks.

The writer applies the patch as it writes (:func:`lexamend.apply.apply_one`),
so every quotation and citation is taken from the text as the earlier changes
left it, and a patch that does not apply is refused. Changes are put in
document order only when that gives the same amended text as the patch's own
order; otherwise the patch's order is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from lexamend.address import format_citation, path_of
from lexamend.address.format import part_ordinal
from lexamend.apply import apply_one
from lexamend.errors import EditFailed
from lexamend.instructions.formulas import Formulas, load
from lexamend.instructions.quotes import detect_style, quote
from lexamend.instructions.targets import number_order
from lexamend.match import find_all
from lexamend.model import CONTAINER_KINDS, Document, Edit, Kind, Op, Patch, Unit
from lexamend.render.text import render_text, unit_lines

Path = tuple[Unit, ...]

_WORD_OPS = (Op.DELETE, Op.REPLACE, Op.INSERT)
_UNIT_OPS = (Op.RESTATE, Op.REPEAL, Op.RENUMBER)
_TOP = frozenset({Kind.ARTICLE})
_ROOTISH = CONTAINER_KINDS | {Kind.ATTACHMENT}
TERMINAL_PUNCTUATION = ".;:,"


@dataclass(frozen=True)
class Line:
    """One paragraph of the instructions.

    ``role`` is "preamble", "item" (opens a numbered item), "line" (a further
    line of an item), "sub" (a lettered line) or "quote" (a paragraph of quoted
    wording continuing the line before it). ``level`` is the indentation a
    word processor should give it.
    """

    text: str
    role: str
    level: int = 0


@dataclass(frozen=True)
class Instructions:
    """The operative text of an amending act, as paragraphs."""

    lang: str
    title: str
    lines: tuple[Line, ...]
    experimental: bool = False
    date: str = ""

    def text(self) -> str:
        """Plain text: one paragraph per line, paragraphs separated by a blank line (as adilet prints acts)."""
        return "\n\n".join(line.text for line in self.lines) + "\n"

    def markdown(self) -> str:
        """Markdown: the proposal's title as a heading, then the paragraphs."""
        from lexamend.instructions.docx import EXPERIMENTAL_NOTE

        out = [f"# {_md(self.title)}", ""]
        if self.experimental:
            out += [f"> {EXPERIMENTAL_NOTE}", ""]
        for line in self.lines:
            text = _md(line.text)
            out += [f"**{text}**" if line.role == "preamble" else text, ""]
        return "\n".join(out)

    def docx(self) -> bytes:
        """A Word document, byte-identical for the same inputs."""
        from lexamend.instructions.docx import render_docx

        return render_docx(self)


def _md(text: str) -> str:
    text = re.sub(r"([\\*_`<>\[\]])", r"\\\1", text)
    return re.sub(r"^(#|>|-|\+)", r"\\\1", text)


@dataclass
class _Change:
    """One edit as a formula, with the units it is cited against (in the text before it)."""

    edit: Edit
    mode: str  # "words", "unit", "insert"
    group: Path  # the unit the change is listed under (words: the unit; unit/insert: its parent)
    target: Path  # the unit the formula names (unit ops, insertions: the new unit)
    formula: str
    heading: bool = False
    whole: bool = False  # occurrence "all"
    append: bool = False  # «пункт 1 дополнить словами …»: cited like the unit it adds to
    key: tuple[int, ...] = ()
    #: eIds of units whose citation would name several units (numbers repeated in the source): cited by eId.
    by_eid: frozenset[str] = frozenset()


@dataclass
class _State:
    doc: Document
    units: tuple[Unit, ...]

    @property
    def view(self) -> Document:
        return replace(self.doc, units=self.units)


def write_instructions(doc: Document, patch: Patch, *, lang: str | None = None) -> Instructions:
    """The patch as the operative text of an amending act in ``lang`` (see the module docstring)."""
    formulas = load(lang or doc.meta.language or patch.language or "ru")
    styles = _styles(doc, formulas)
    edits = list(patch.edits)
    changes = _changes(doc, edits, formulas, styles)
    ordered = sorted(changes, key=lambda c: c.key)
    if [c.edit.id for c in ordered] != [c.edit.id for c in changes]:
        in_order = [c.edit for c in ordered]
        reordered_text = _final_text(doc, in_order)
        if reordered_text is not None and reordered_text == _final_text(doc, edits):
            changes = _changes(doc, in_order, formulas, styles)
    lines = [Line(_preamble(doc, patch, formulas), "preamble")]
    lines += _items(changes, formulas)
    return Instructions(formulas.lang, patch.title, tuple(lines), formulas.experimental, patch.date)


def _styles(doc: Document, formulas: Formulas) -> list[tuple[str, str]]:
    own = detect_style(render_text(doc), formulas.default_quotes)
    styles = [own]
    for style in (formulas.default_quotes, *formulas.fallback_quotes):
        if style not in styles:
            styles.append(style)
    return styles


def _ambiguous(doc: Document, change: _Change, lang: str) -> frozenset[str]:
    """The units of a change whose drafting citation would not name them alone."""
    from lexamend.address import resolve_path
    from lexamend.errors import CitationError

    out = set()
    for path in (change.group, change.target):
        for i in range(1, len(path) + 1):
            sub = path[:i]
            if sub[-1].kind in _ROOTISH or sub[-1].eid in out:
                continue
            try:
                if resolve_path(doc, format_citation(sub, lang))[-1].eid != sub[-1].eid:
                    out.add(sub[-1].eid)
            except (CitationError, ValueError):
                out.add(sub[-1].eid)
    return frozenset(out)


def _final_text(doc: Document, edits: list[Edit]) -> str | None:
    """The text the edits give in this order, or None if one of them does not apply in it."""
    units = doc.units
    for edit in edits:
        units, result = apply_one(doc, units, edit)
        if result.status != "applied":
            return None
    return render_text(replace(doc, units=units))


# -- one change ------------------------------------------------------------------------------


def _changes(doc: Document, edits: list[Edit], formulas: Formulas, styles: list[tuple[str, str]]) -> list[_Change]:
    state = _State(doc, doc.units)
    out: list[_Change] = []
    for order, edit in enumerate(edits):
        before = state.view
        units, result = apply_one(doc, state.units, edit)
        if result.status != "applied":
            raise EditFailed(edit.id, result.reason, where=edit.patch or "patch", hint="Instructions are written only for a patch that applies; run `lexamend check`.")
        after = replace(doc, units=units)
        change = _change(before, after, edit, result.address, formulas, styles, result.changes)
        change.key = (*_position(after, before, change), order)
        change.by_eid = _ambiguous(after if change.mode == "insert" else before, change, formulas.lang)
        out.append(change)
        state.units = units
    return out


def _position(after: Document, before: Document, change: _Change) -> tuple[int, ...]:
    """Where the changed unit stands: its sibling indices in the amended text (else in the text before)."""
    unit = change.target[-1] if change.target else (change.group[-1] if change.group else None)
    if unit is None:
        return ()
    for doc in (after, before):
        key = _indices(doc.units, unit.eid)
        if key is not None:
            return key
    return ()


def _indices(units: tuple[Unit, ...], eid: str) -> tuple[int, ...] | None:
    for i, unit in enumerate(units):
        if unit.eid == eid:
            return (i,)
        if eid.startswith(unit.eid + "__"):
            inner = _indices(unit.children, eid)
            if inner is not None:
                return (i, *inner)
    return None


def _resolve_path(doc: Document, ref: str) -> Path:
    from lexamend.address import resolve_path

    return resolve_path(doc, ref)


def _change(
    before: Document, after: Document, edit: Edit, address: str, f: Formulas, styles: list[tuple[str, str]], text_changes: tuple = ()  # type: ignore[type-arg]
) -> _Change:
    w = f.write
    if edit.op in _WORD_OPS:
        return _word_change(before, edit, f, styles, text_changes)
    if edit.op is Op.INSERT_UNIT:
        path = _resolve_path(after, address)
        new = path[-1]
        parent = path[:-1]
        if parent and parent[-1].kind in _ROOTISH:
            parent = ()
        _check_placed_by_number(after, path, bool(parent), edit)
        wording = _wording(new)
        fields = {"new_ins": _new_unit(new, f, "ins"), "new": _new_unit(new, f, "nom"), "q": quote(wording, styles)}
        template = w["insert_unit"]
        anchor = _previous_same_kind(after, new)
        if anchor is not None and "insert_unit_after" in w:
            template = w["insert_unit_after"]
            fields["anchor"] = _new_unit(anchor, f, "nom")
        return _Change(edit, "insert", parent, path, template.format(**fields))
    path = _resolve_path(before, edit.at)
    target = path[-1]
    parent = path[:-1]
    if edit.op is Op.REPEAL:
        return _Change(edit, "unit", parent, path, w["repeal"])
    if edit.op is Op.RENUMBER:
        renumbered = replace(target, num=edit.num, eid=target.eid)
        return _Change(edit, "unit", parent, path, w["renumber"].format(new_ins=_new_unit(renumbered, f, "ins"), new=_new_unit(renumbered, f, "nom"), new_nom=_new_unit(renumbered, f, "nom")))
    # restate: the new wording is the unit as it stands after the change
    new_path = _resolve_path(after, target.eid)
    wording = new_path[-1].text if target.kind is Kind.PART else _wording(new_path[-1])
    return _Change(edit, "unit", parent, path, w["restate"].format(q=quote(wording, styles)))


def _removed_words(edit: Edit, literal: str, text_changes: tuple) -> str:  # type: ignore[type-arg]
    """The words a deletion really removes, tidying included.

    Deleting "seasonal" from "the seasonal and frontier workers" also removes the
    conjunction left dangling (:mod:`lexamend.tidy`). An amending act is read by
    people who apply it literally, so it must quote everything that goes:
    «слова "сезонных и" исключить», "the words 'seasonal and' shall be deleted".
    """
    removes = edit.op is Op.DELETE or (edit.op is Op.REPLACE and not (edit.new or "").strip())
    if not removes or edit.occurrence == "all" or len(text_changes) != 1:
        return literal
    change = text_changes[0]
    removed = " ".join(change.old.split())
    if change.new.strip() or literal not in removed or removed == literal:
        return literal
    return removed


def _word_change(before: Document, edit: Edit, f: Formulas, styles: list[tuple[str, str]], text_changes: tuple = ()) -> _Change:  # type: ignore[type-arg]
    w = f.write
    path = _resolve_path(before, edit.at)
    target = path[-1]
    words = edit.search or ""
    found = [(u, fname, text, span) for u in target.walk() for fname, text in (("heading", u.heading or ""), ("text", u.text)) for span in find_all(text, words)]
    if edit.occurrence == "all":
        selected = found
    elif isinstance(edit.occurrence, int):
        selected = [found[edit.occurrence - 1]]
    else:
        selected = found[:1]
    _, _, text, span = selected[0]
    literal = " ".join(text[span.start : span.end].split())
    removed = _removed_words(edit, literal, text_changes)
    if removed != literal and sum(len(find_all(t, removed)) for u in target.walk() for t in (u.heading or "", u.text)) == 1:
        # The widened passage is quoted only where it names one place, like the edit's own words.
        literal = removed
    cited = _common(before, [s[0] for s in selected], path)
    heading = all(s[1] == "heading" for s in selected) and len({s[0].eid for s in selected}) == 1 and cited[-1].heading is not None
    in_cited = [(u, fn, s) for u, fn, _, s in found if _within(u, cited[-1])]
    occurrence: int | str | None
    if edit.occurrence == "all":
        occurrence = "all" if len(in_cited) > 1 else None
        if len(selected) != len(in_cited):  # pragma: no cover - selected are all occurrences in the target
            cited = path
    elif len(in_cited) > 1:
        first = selected[0]
        occurrence = next(i for i, (u, fn, s) in enumerate(in_cited, start=1) if u.eid == first[0].eid and fn == first[1] and s == first[3])
    else:
        occurrence = None
    occ = f" {w['occurrences'][occurrence - 1]}" if isinstance(occurrence, int) else ""
    nouns = w["nouns"]
    noun = nouns[_noun_kind(literal)]
    fields: dict[str, Any] = {"occ": occ, "noun_acc": noun["acc"], "noun_gen": noun["gen"], "noun_ins": noun["ins"]}
    appended = False
    if edit.op is Op.DELETE:
        formula = w["delete"].format(q=quote(literal, styles), **fields)
    elif edit.op is Op.REPLACE:
        new = " ".join((edit.new or "").split())
        if not new:
            formula = w["delete"].format(q=quote(literal, styles), **fields)
        elif _appends(text, span, literal, new, edit):
            formula = w["append"].format(q=quote(new, styles), **_noun_fields(new, nouns))
            appended = True
        else:
            new_noun = nouns[_noun_kind(new)]
            formula = w["replace"].format(q=quote(literal, styles), q_new=quote(new, styles), new_noun_ins=new_noun["ins"], **fields)
    else:
        words_new = " ".join((edit.text or "").split())
        anchor_noun = nouns[_noun_kind(literal)]
        added = _noun_fields(words_new, nouns)
        if edit.before is not None and _appends(text, span, literal, words_new, edit):
            formula = w["append"].format(q=quote(words_new, styles), **added)
            appended = True
        else:
            key = "insert_after" if edit.after is not None else "insert_before"
            formula = w[key].format(
                q=quote(words_new, styles),
                q_anchor=quote(literal, styles),
                occ=occ,
                anchor_noun_gen=anchor_noun["gen"],
                anchor_noun_ins=anchor_noun["ins"],
                anchor_noun_acc=anchor_noun["acc"],
                **added,
            )
    return _Change(edit, "words", cited, cited, formula, heading=heading, whole=occurrence == "all", append=appended)


def _noun_fields(words: str, nouns: dict[str, dict[str, str]]) -> dict[str, str]:
    noun = nouns[_noun_kind(words)]
    return {"noun_acc": noun["acc"], "noun_gen": noun["gen"], "noun_ins": noun["ins"]}


def _appends(text: str, span: Any, literal: str, words: str, edit: Edit) -> bool:
    """Whether an edit is «дополнить словами»: at the unit's final punctuation mark."""
    if literal not in TERMINAL_PUNCTUATION or len(literal) != 1:
        return False
    if text.rstrip()[-1:] != literal or span.end != len(text.rstrip()):
        return False
    if edit.op is Op.REPLACE:
        return bool(words) and words[-1] in TERMINAL_PUNCTUATION
    return edit.before is not None


def _noun_kind(words: str) -> str:
    if re.search(r"\d", words) and not re.search(r"[^\W\d_]", words):
        return "digits"
    if re.fullmatch(r"[^\W\d_][\w-]*", words):
        return "word"
    return "words"


def _common(doc: Document, units: list[Unit], within: Path) -> Path:
    """The deepest citable unit of ``within``'s subtree that holds all ``units``."""
    paths = [path_of(doc, u) for u in units]
    common = list(paths[0])
    for path in paths[1:]:
        n = 0
        while n < min(len(common), len(path)) and common[n].eid == path[n].eid:
            n += 1
        common = common[:n]
    while len(common) > len(within) and (common[-1].kind in _ROOTISH or common[-1].kind in (Kind.BLOCK, Kind.TABLE, Kind.ROW, Kind.CELL)):
        common.pop()
    return tuple(common) if len(common) >= len(within) else within


def _within(unit: Unit, ancestor: Unit) -> bool:
    return unit.eid == ancestor.eid or unit.eid.startswith(ancestor.eid + "__")


def _wording(unit: Unit) -> str:
    return "\n".join(line for _, line in unit_lines(unit))


def _check_placed_by_number(after: Document, path: Path, scoped: bool, edit: Edit) -> None:
    """Refuse a new numbered unit that «дополнить пунктом N» would not put where the patch puts it.

    The drafting formula places a new unit by its number: after the sibling of
    the same kind with the greatest smaller number (the first one, when none is
    smaller). Where the numbering around it is out of order — a statute whose
    list restarts or repeats a number — that may be another place than the
    patch's, and an instruction saying only the number would be applied wrongly.
    """
    new = path[-1]
    if new.kind is Kind.PART or not new.num:
        return
    if scoped:
        candidates = [c for c in path[-2].children if c.kind is new.kind]
    else:
        candidates = [u for u in after.walk() if u.kind is new.kind and all(a.kind in _ROOTISH for a in path_of(after, u)[:-1])]
    others = [c for c in candidates if c.eid != new.eid]
    if not others or new.eid not in [c.eid for c in candidates]:
        return
    key = number_order(new.num)
    earlier = [c for c in others if number_order(c.num or "") < key]
    index = [c.eid for c in candidates].index(new.eid)
    if earlier:
        implied = max(earlier, key=lambda c: number_order(c.num or ""))
        placed = implied.eid == candidates[index - 1].eid if index > 0 else False
    else:
        placed = index == 0
    if not placed:
        raise EditFailed(
            edit.id,
            f"the new {new.kind.value} {new.num} is not where its number puts it: the numbering of the "
            f"{new.kind.value}s around it is out of order, so an instruction that names only the number "
            "would place it elsewhere",
            where=edit.patch or "patch",
            hint="Restate the enclosing unit with the new wording instead (op: restate), or renumber the list first.",
        )


def _previous_same_kind(doc: Document, unit: Unit) -> Unit | None:
    path = path_of(doc, unit)
    siblings = path[-2].children if len(path) > 1 else doc.units
    previous = None
    for sibling in siblings:
        if sibling.eid == unit.eid:
            return previous
        if sibling.kind is unit.kind:
            previous = sibling
    return None


def _new_unit(unit: Unit, f: Formulas, case: str) -> str:
    """The citation of a unit on its own («подпунктом 3-1)», "paragraph 5-1", «5-1-тармақпен»)."""
    if f.lang == "kk" and case == "ins":
        noun = f.write["unit_ins"][unit.kind.value]
        if unit.kind is Kind.PART:
            n = part_ordinal(unit)
            words = {int(v): str(k) for k, v in f.read["ordinals"].items()}
            return f"{words[n]} {noun}" if n in words else f"{n}-{noun}"
        if unit.kind in (Kind.SUBPARAGRAPH, Kind.POINT, Kind.SUBPOINT):
            return f"{unit.num}) {noun}"
        return f"{unit.num}-{noun}"
    bare = replace(unit, children=())
    lang_case = {"ru": case, "kk": "nom" if case == "nom" else case, "en": "nom"}[f.lang]
    return format_citation((bare,), f.lang, case=lang_case)


# -- layout ----------------------------------------------------------------------------------


def _eids(path: Path) -> tuple[str, ...]:
    return tuple(u.eid for u in path)


def _below(path: Path, scope: Path) -> Path:
    """The part of ``path`` below ``scope`` (all of it when ``scope`` is not above it)."""
    if _eids(path[: len(scope)]) == _eids(scope):
        return path[len(scope) :]
    return path


_CASES = {
    "ru": {"prep": "prep", "acc": "acc", "gen": "gen", "ins": "ins", "nom": "nom"},
    "kk": {"prep": "loc", "acc": "nom", "gen": "gen", "ins": "nom", "nom": "nom"},
    "en": {"prep": "nom", "acc": "nom", "gen": "nom", "ins": "nom", "nom": "nom"},
}


def _cite(path: Path, scope: Path, f: Formulas, case: str, by_eid: frozenset[str] = frozenset()) -> str:
    if path and any(u.eid in by_eid for u in path):
        return path[-1].eid  # a number the source repeats: only the eId names the unit
    rel = _below(path, scope)
    if not rel:
        return ""
    return format_citation(rel, f.lang, case=_CASES[f.lang][case])


def _scoped(template: str, cit: str) -> str:
    return template.format(cit_prep=cit, cit_loc=cit, cit_acc=cit, cit_nom=cit, cit_gen=cit, cit=cit)


def _line(change: _Change, scope: Path, f: Formulas) -> str:
    """A change as one statement, citing relative to ``scope`` (what the headers above already name)."""
    w = f.write
    whole = f"{w['whole_text']} " if change.whole else ""
    if change.mode == "words":
        if change.heading:
            cit_gen = _cite(change.group, scope, f, "gen", change.by_eid)
            lead = _scoped(w["heading_scope"], cit_gen) if cit_gen else w["heading_here"]
            return f"{lead} {whole}{change.formula}"
        if change.append and not change.whole:
            cit = _cite(change.group, scope, f, "acc", change.by_eid)
            return f"{_scoped(w['insert_scope'], cit)} {change.formula}" if cit else change.formula
        cit = _cite(change.group, scope, f, "prep", change.by_eid)
        return f"{_scoped(w['words_scope'], cit)} {whole}{change.formula}" if cit else f"{whole}{change.formula}"
    if change.mode == "unit":
        cit = _cite(change.target, scope, f, "acc", change.by_eid)
        return f"{_scoped(w['unit_scope'], cit)} {change.formula}" if cit else change.formula
    cit = _cite(change.group, scope, f, "acc", change.by_eid) if change.group else ""
    return f"{_scoped(w['insert_scope'], cit)} {change.formula}" if cit else change.formula


def _header(path: Path, scope: Path, f: Formulas) -> str:
    return _scoped(f.write["header"], _cite(path, scope, f, "prep")) + f.data["list"]["header_end"]


def _top(change: _Change) -> Path:
    """The unit a numbered item is about: the article (else the top-level unit) of the change."""
    path = change.group or change.target
    for i, unit in enumerate(path):
        if unit.kind in _TOP:
            return path[: i + 1]
    for i, unit in enumerate(path):
        if unit.kind not in _ROOTISH:
            return path[: i + 1]
    return path


def _items(changes: list[_Change], f: Formulas) -> list[Line]:
    lst = f.data["list"]
    blocks: list[list[tuple[str, str]]] = []  # items: [(role, text)], texts before punctuation
    current_top: tuple[str, ...] | None = None
    runs: list[tuple[Path, list[_Change]]] = []
    for change in changes:
        top = _top(change)
        key = _eids(top)
        if key != current_top:
            if runs:
                blocks.append(_item(runs, f))
            runs = []
            current_top = key
        group = change.group
        if runs and _eids(runs[-1][0]) == _eids(group):
            runs[-1][1].append(change)
        else:
            runs.append((group, [change]))
    if runs:
        blocks.append(_item(runs, f))
    out: list[Line] = []
    for n, block in enumerate(blocks, start=1):
        for k, (role, text) in enumerate(block):
            last_of_all = n == len(blocks) and k == len(block) - 1
            if role == "header":
                end = ""
            else:
                end = lst["last"] if last_of_all else lst["end"]
            if k == 0:
                text = f"{lst['item'].format(n=n)} {text}"
            out.extend(_paragraphs(text + end, "item" if k == 0 else role, 1 if k == 0 else (3 if role == "sub" else 2)))
    return out


def _item(runs: list[tuple[Path, list[_Change]]], f: Formulas) -> list[tuple[str, str]]:
    """The lines of one numbered item: [(role, text)], headers already ending with a colon.

    Units cited by eId, and changes at the top of the text, get no header: every
    line then cites its unit in full.
    """
    labels = f.data["list"]["sub_labels"]
    sub = f.data["list"]["sub_item"]
    top = _top(runs[0][1][0])
    all_changes = [c for _, changes in runs for c in changes]
    if any(c.by_eid for c in all_changes) or not all(group for group, _ in runs):
        return [("line", _line(c, (), f)) for c in all_changes]
    lines: list[tuple[str, str]] = []
    if len(runs) == 1:
        group, changes = runs[0]
        if len(changes) == 1:
            return [("line", _line(changes[0], (), f))]
        lines.append(("header", _header(group, (), f)))
        for i, change in enumerate(changes):
            lines.append(("sub", f"{sub.format(label=labels[i % len(labels)])} {_line(change, group, f)}"))
        return lines
    lines.append(("header", _header(top, (), f)))
    for group, changes in runs:
        if len(changes) == 1 or _eids(group) == _eids(top):
            for change in changes:
                lines.append(("line", _line(change, top, f)))
            continue
        lines.append(("header", _header(group, top, f)))
        for i, change in enumerate(changes):
            lines.append(("sub", f"{sub.format(label=labels[i % len(labels)])} {_line(change, group, f)}"))
    return lines


def _paragraphs(text: str, role: str, level: int) -> list[Line]:
    """A statement whose quotation runs over several paragraphs, as one Line per paragraph."""
    parts = text.split("\n")
    return [Line(parts[0], role, level), *(Line(p, "quote", level) for p in parts[1:])]


# -- preamble ----------------------------------------------------------------------------------


def _preamble(doc: Document, patch: Patch, f: Formulas) -> str:
    meta = doc.meta
    ops = {e.op for e in patch.edits}
    adds = ops & {Op.INSERT, Op.INSERT_UNIT}
    kinds = f.data["preamble"]["changes"]
    changes = kinds["both"] if adds and ops - adds else kinds["supplement"] if adds else kinds["amend"]
    extra = dict(meta.extra)
    title = (extra.get("title_en") if f.lang == "en" and meta.language != "en" else None) or meta.title or patch.base
    date = f.date(meta.date) if meta.date else ""
    number = meta.number
    # A title that already names the date or the number («… (Order No. 468)») does not get them twice.
    if date and date.lower() in title.lower():
        date = ""
    if number and re.search(rf"(?<![\w-]){re.escape(number)}(?![\w-])", title):
        number = ""
    templates = f.data["preamble"]
    if f.lang == "kk":
        return templates["full"].format(title=_kk_title(title, date, number, templates.get("dative_endings", {})), changes=changes)
    if f.lang == "ru":
        title = _ru_accusative(title)
    if date and number:
        return templates["full"].format(title=title, date=date, number=number, changes=changes)
    if date:
        return templates["no_number"].format(title=title, date=date, changes=changes)
    return templates["bare"].format(title=title, changes=changes)


_RU_ACCUSATIVE = {"Конституция": "Конституцию", "Инструкция": "Инструкцию"}


def _ru_accusative(title: str) -> str:
    first, _, rest = title.partition(" ")
    return f"{_RU_ACCUSATIVE.get(first, first)} {rest}".strip()


def _kk_title(title: str, date: str, number: str, dative: dict[str, str]) -> str:
    """«Білім туралы» Қазақстан Республикасының Заңы → «Білім туралы» 2007 жылғы 27 шілдедегі № 319-III Қазақстан Республикасының Заңына."""
    words = title.split()
    if words and words[-1] in dative:
        words[-1] = dative[words[-1]]
    requisites = " ".join(x for x in (date, f"№ {number}" if number else "") if x)
    match = re.match(r"^(«[^»]*»)\s+(.*)$", " ".join(words))
    if match and requisites:
        return f"{match.group(1)} {requisites} {match.group(2)}"
    return f"{requisites} {' '.join(words)}".strip()


__all__ = ["Instructions", "Line", "write_instructions"]
