"""Read the operative text of an amending act into a patch against the text it amends.

The reader goes through the act statement by statement
(:mod:`lexamend.instructions.statements`), the way a consolidating editor does:

* a preamble line («В Закон Республики Казахстан … «Об образовании»:») opens
  the part of the act that amends one text; parts that amend *another* text are
  skipped and reported as such;
* a header («в статье 5:», «в части первой:», "in paragraph 2:") opens a scope
  that the following statements cite relative to; list markers («1)», «а)»)
  close the scopes opened under the previous item of the same level, and a
  citation that cannot sit inside the current scope («часть вторую» after «в
  части первой:») closes it (:mod:`lexamend.instructions.targets`);
* every other statement is matched against the formulas of the language
  (``formulas/<lang>.yaml``) and becomes one or more edits, which are applied
  at once to the text as amended so far, so that each later statement sees the
  text as the earlier ones left it — as the act itself is read.

Nothing is guessed and nothing is dropped: a statement that matches no formula,
names a unit that does not exist, or whose edit does not apply exactly is
reported with its line number (:class:`Problem`), and the rest is still read.
Each edit keeps the statement it came from (with the headers above it) as its
``source`` and the statement's line in its id (``L12``, ``L12.2``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from lexamend.address import ATTACHMENT_SCOPE, CitationError, resolve_path
from lexamend.address.citation import Citation, Step
from lexamend.address.eid import clean_num, looks_like_eid
from lexamend.apply import apply_one, text_sha256
from lexamend.instructions import targets
from lexamend.instructions.formulas import Formulas, load
from lexamend.instructions.statements import Statement, split
from lexamend.instructions.targets import LIST_KINDS, Scope
from lexamend.match import find_all, fold
from lexamend.model import Document, Edit, Kind, Op, Patch, Unit
from lexamend.render.text import unit_lines
from lexamend.treeops import parent_of, parse_fragment

_TOKEN = re.compile(r"⟨(\d+)⟩")
#: Characters a unit's text may end with, which words added «at the end» go before.
TERMINAL_PUNCTUATION = ".;:,"
#: Longest statement text quoted in a problem report.
REPORT_CHARS = 160


@dataclass(frozen=True)
class Problem:
    """A statement the reader could not turn into edits that apply (see the module docstring)."""

    line: int
    kind: str  # "unparsed" (no formula or citation read), "failed" (read, but does not apply), "skipped"
    reason: str
    text: str

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        if len(text) > REPORT_CHARS:
            text = text[: REPORT_CHARS - 1] + "…"
        return f"line {self.line}: {self.kind}: {self.reason} — {text}"


@dataclass(frozen=True)
class ReadResult:
    """The patch read from an amending act, and what could not be read."""

    patch: Patch
    problems: tuple[Problem, ...]
    statements: int  # operative statements (preambles and headers not counted)
    read: int  # statements all of whose edits apply
    document: Document  # the base with every edit applied
    notes: tuple[str, ...] = ()

    @property
    def unread(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.kind != "skipped")


class _NotRead(Exception):
    def __init__(self, reason: str, kind: str = "unparsed") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


@dataclass
class _Section:
    """A part of the act after one preamble: whether it amends the base, and what it skipped."""

    amends_base: bool = True
    title: str = ""
    first_line: int = 0
    skipped: list[Statement] = field(default_factory=list)


def read_instructions(
    doc: Document,
    text: str,
    *,
    lang: str | None = None,
    base: str = "",
    title: str = "",
    name: str = "<instructions>",
) -> ReadResult:
    """Read amending instructions ``text`` into a patch against ``doc`` (see the module docstring).

    ``lang`` is the language of the instructions (by default the base's);
    ``base`` is what the patch records as its base (a corpus id or path).
    """
    formulas = load(lang or doc.meta.language or "ru")
    reader = _Reader(doc, formulas, name)
    reader.run(text)
    return reader.result(base or doc.meta.doc_id or doc.meta.source, title)


class _Reader:
    def __init__(self, doc: Document, formulas: Formulas, name: str) -> None:
        self.base = doc
        self.f = formulas
        self.lang = formulas.lang
        self.name = name
        self.units = doc.units
        self.scopes: list[Scope] = [Scope()]
        self.markers: list[str] = []
        self.edits: list[Edit] = []
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.section = _Section()
        self.sections: list[_Section] = []
        self.statements = 0
        self.read = 0
        self.titles: list[str] = []
        self.split_options = {
            key: re.compile(formulas.read[key], re.IGNORECASE) if formulas.read.get(key) else None
            for key in ("not_marker", "opens_quote", "quote_starts")
        }
        self.conj = str(formulas.read["conjunction"])
        self.whole_text_tail = re.compile(rf"(?:^|(?<=\s)|(?<=,))(?:{formulas.read['all']}),?$", re.IGNORECASE)

    # -- the document as amended so far ------------------------------------------------

    @property
    def doc(self) -> Document:
        return replace(self.base, units=self.units)

    def run(self, text: str) -> None:
        for statement in split(text, **self.split_options):
            self._statement(statement)
        self._close_section()

    def result(self, base: str, title: str) -> ReadResult:
        summary = (
            f"Read from {self.name} by lexamend parse-instructions: {self.read} of {self.statements} "
            f"statement(s) became edits that apply."
        )
        patch = Patch(
            edits=tuple(self.edits),
            title=title or (self.titles[0] if self.titles else f"Amendments read from {self.name}"),
            base=base,
            base_sha256=text_sha256(self.base),
            language=self.base.meta.language if self.base.meta.language in ("en", "ru", "kk") else "",
            summary=summary,
        )
        return ReadResult(patch, tuple(self.problems), self.statements, self.read, self.doc, tuple(self.notes))

    # -- structure: markers, preambles, headers ------------------------------------------

    def _statement(self, st: Statement) -> None:
        self._markers(st)
        skeleton = st.skeleton
        if self.f.preamble.match(skeleton) and st.end in (":", ""):
            self._preamble(st)
            return
        if self.f.act_end.match(skeleton):
            self._close_section()
            self.section = _Section(amends_base=False, title="", first_line=st.line)
            self.section.skipped.append(st)
            return
        if not self.section.amends_base:
            self.section.skipped.append(st)
            return
        if st.end == ":" and not st.quotes:
            self._header(st)
            return
        self.statements += 1
        edits_before, problems_before = len(self.edits), len(self.problems)
        try:
            self._operative(st)
        except _NotRead as error:
            self.problems.append(Problem(st.line, error.kind, error.reason, st.raw))
            return
        produced = len(self.edits) > edits_before
        failed = len(self.problems) > problems_before
        if produced and not failed:
            self.read += 1
        elif not produced and not failed:
            self.problems.append(Problem(st.line, "failed", "the statement changes nothing in the base", st.raw))

    def _markers(self, st: Statement) -> None:
        style = st.marker_style
        if style is None:
            return
        if style in self.markers:
            del self.markers[self.markers.index(style) :]
        self.markers.append(style)
        level = len(self.markers)
        self.scopes = [scope for scope in self.scopes if scope.level < level]

    def _preamble(self, st: Statement) -> None:
        self._close_section()
        self.scopes = [Scope()]
        if st.marker_style:
            self.markers = [st.marker_style]
        else:
            self.markers = []
        amends = self._names_base(st)
        named = ", ".join(f"«{q}»" for q in st.quotes) or " ".join(st.body.split())
        self.section = _Section(amends_base=amends, title=named, first_line=st.line)
        if amends:
            self.titles.append(" ".join(st.body.split()).rstrip(":"))

    def _close_section(self) -> None:
        section = self.section
        if section.skipped:
            first, last = section.skipped[0].line, section.skipped[-1].line
            what = f"they amend {section.title}, not {self.base.meta.title or 'the base'}" if section.title else "they follow the end of the amending provisions"
            self.problems.append(
                Problem(first, "skipped", f"{len(section.skipped)} statement(s) on lines {first}–{last} not read: {what}", section.skipped[0].raw)
            )
            section.skipped = []

    def _names_base(self, st: Statement) -> bool:
        """Whether a preamble names the base text (by its title in any of its languages)."""
        extra = dict(self.base.meta.extra)
        titles = [t for t in (self.base.meta.title, extra.get("title_en", ""), extra.get("title_kk", "")) if t]
        if not titles:
            return True
        candidates = list(st.quotes)
        if not candidates:
            text = re.sub(r"^(?:статья\s+\d+\.\s*)?(?:внести\s+)?(?:в|во)\s+", "", st.body, flags=re.IGNORECASE)
            candidates = [text]
        return any(_same_title(c, t) for c in candidates for t in titles)

    def _header(self, st: Statement) -> None:
        skeleton = st.skeleton.strip()
        level = len(self.markers)
        if self.f.whole_text.match(skeleton):
            current = self.scopes[-1]
            self.scopes.append(replace(current, level=level, whole_text=True, source=st.raw + ":"))
            return
        try:
            _, steps, attach = self._locate(self._citation(skeleton))
        except _NotRead as error:
            self.problems.append(Problem(st.line, error.kind, f"header not read: {error.reason}", st.raw))
            return
        # «в части первой статьи 5:» opens the article too, so that a later «часть вторую …»
        # closes only the part and stays in the article.
        known = len(self.scopes[-1].steps)
        for depth in range(known + 1, len(steps)):
            self.scopes.append(Scope(steps[:depth], attach, level, False, ""))
        self.scopes.append(Scope(steps, attach, level, False, st.raw + ":"))

    # -- citations ---------------------------------------------------------------------------

    def _citation(self, text: str) -> Citation:
        bare = re.sub(r"^(?:в|во|in)\s+", "", text.strip(), flags=re.IGNORECASE)
        if looks_like_eid(bare):
            return Citation((), None, "eid", bare)
        try:
            return targets.parse(text, self.lang)
        except CitationError as error:
            raise _NotRead(f"cannot read the citation {text!r}") from error

    def _in_scope(self, citation: Citation) -> tuple[Unit, ...]:
        return self._locate(citation)[0]

    def _locate(self, citation: Citation) -> tuple[tuple[Unit, ...], tuple[Step, ...], str | None]:
        """Resolve a citation relative to the innermost scope that can hold it (closing the others).

        Returns the units it names and the absolute steps that name them.
        """
        if citation.lang == "eid":
            try:
                path = resolve_path(self.doc, citation.text)
            except CitationError as error:
                raise _NotRead(error.message) from error
            return path, targets.steps_of(path), None
        first = citation.steps[0][0] if citation.steps else None
        while len(self.scopes) > 1 and first is not None and not targets.fits(self.scopes[-1], first):
            self.scopes.pop()
        scope = self.scopes[-1]
        steps, attach = targets.with_scope(scope, citation)
        try:
            return targets.resolve(self.doc, steps, attach, self.lang), steps, attach
        except CitationError as error:
            if scope.steps:
                try:
                    path = targets.resolve(self.doc, citation.steps, citation.scope, self.lang)
                    return path, citation.steps, citation.scope
                except CitationError:
                    pass
            raise _NotRead(f"{citation.text or citation.address}: {error.message}") from error

    def _scope_path(self) -> tuple[Unit, ...]:
        scope = self.scopes[-1]
        if not scope.steps and scope.attach != ATTACHMENT_SCOPE:
            return ()
        try:
            return targets.resolve(self.doc, scope.steps, scope.attach, self.lang)
        except CitationError as error:
            raise _NotRead(f"the unit the header names no longer exists: {error.message}", "failed") from error

    def _targets(self, cit: str | None) -> list[tuple[tuple[Unit, ...], bool]]:
        """The units a statement's citation names (its scope's unit without one), each with a heading flag."""
        heading = False
        if cit:
            match = self.f.heading.match(cit.strip())
            if match:
                heading = True
                cit = match.group("heading_of")
        if not cit or not cit.strip():
            return [(self._scope_path(), heading)]
        out = []
        for one in targets.expand(cit, self.conj):
            out.append((self._in_scope(self._citation(one)), heading))
        return out

    # -- statements ---------------------------------------------------------------------------

    def _operative(self, st: Statement) -> None:
        for pattern in self.f.patterns:
            match = pattern.regex.match(st.skeleton)
            if match is None:
                continue
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            cit = groups.get("cit")
            if cit is not None:
                # «в пункте 2 по всему тексту слова …»: the whole-text phrase is not part of the citation.
                whole = self.whole_text_tail.search(cit)
                if whole:
                    groups["all"] = whole.group(0)
                    rest = cit[: whole.start()].strip().rstrip(",")
                    if rest:
                        groups["cit"] = rest
                    else:
                        del groups["cit"]
            handler = getattr(self, f"_op_{pattern.op}")
            handler(st, groups)
            return
        raise _NotRead("no drafting formula matches this statement")

    def _emit(self, st: Statement, edit: Edit) -> bool:
        index = sum(1 for e in self.edits if e.id == f"L{st.line}" or e.id.startswith(f"L{st.line}."))
        edit_id = f"L{st.line}" if index == 0 else f"L{st.line}.{index + 1}"
        source = " ".join([*(s.source for s in self.scopes if s.source), " ".join(st.raw.split()) + st.end])
        edit = replace(edit, id=edit_id, source=source, patch=self.name)
        units, result = apply_one(self.doc, self.units, edit)
        if result.status != "applied":
            self.problems.append(Problem(st.line, "failed", result.reason, st.raw))
            return False
        self.units = units
        self.edits.append(edit)
        return True

    def _quotes(self, st: Statement, group: str | None) -> list[str]:
        if not group:
            return []
        return [st.quotes[int(i)] for i in _TOKEN.findall(group)]

    def _words(self, st: Statement, group: str | None) -> list[str]:
        return [" ".join(q.split()) for q in self._quotes(st, group)]

    def _occurrence(self, groups: dict[str, Any]) -> int | str | None:
        if groups.get("all") or groups.get("all2") or self.scopes[-1].whole_text:
            return "all"
        occ = groups.get("occ")
        if occ:
            value = self.f.ordinal(occ)
            if value is None:
                raise _NotRead(f"cannot read the occurrence {occ!r}")
            return value
        return None

    def _word_targets(self, groups: dict[str, Any], occurrence: int | str | None) -> list[Unit]:
        found = self._targets(groups.get("cit"))
        units: list[Unit] = []
        for path, _heading in found:
            if path:
                units.append(path[-1])
            elif occurrence == "all":
                units.extend(self.units)  # the whole text: every top-level unit that has the words
            else:
                raise _NotRead("the statement names no unit of the text (add the article, paragraph …)")
        return units

    def _op_delete(self, st: Statement, groups: dict[str, Any]) -> None:
        occurrence = self._occurrence(groups)
        for unit in self._word_targets(groups, occurrence):
            for words in self._words(st, groups.get("words")):
                if occurrence == "all" and not _contains(unit, words):
                    continue
                self._emit(st, Edit("", Op.DELETE, unit.address or unit.eid, text=words, occurrence=occurrence))

    def _op_replace(self, st: Statement, groups: dict[str, Any]) -> None:
        occurrence = self._occurrence(groups)
        old, new = self._words(st, groups.get("old")), self._words(st, groups.get("new"))
        if len(new) == 1 and len(old) > 1:
            new = new * len(old)
        if len(old) != len(new):
            raise _NotRead(f"{len(old)} quotation(s) to replace but {len(new)} replacement(s)")
        for unit in self._word_targets(groups, occurrence):
            for a, b in zip(old, new):
                if occurrence == "all" and not _contains(unit, a):
                    continue
                self._emit(st, Edit("", Op.REPLACE, unit.address or unit.eid, old=a, new=b, occurrence=occurrence))

    def _op_insert_after(self, st: Statement, groups: dict[str, Any], *, before: bool = False) -> None:
        occurrence = self._occurrence(groups)
        anchor = self._words(st, groups.get("anchor"))[0]
        words = self._words(st, groups.get("words"))[0]
        for unit in self._word_targets(groups, occurrence):
            if occurrence == "all" and not _contains(unit, anchor):
                continue
            where = {"before": anchor} if before else {"after": anchor}
            self._emit(st, Edit("", Op.INSERT, unit.address or unit.eid, text=words, occurrence=occurrence, **where))

    def _op_insert_before(self, st: Statement, groups: dict[str, Any]) -> None:
        self._op_insert_after(st, groups, before=True)

    def _op_append(self, st: Statement, groups: dict[str, Any]) -> None:
        words = self._words(st, groups.get("words"))[0]
        for path, heading in self._targets(groups.get("cit")):
            if not path:
                raise _NotRead("the statement names no unit to add the words to")
            self._emit(st, _append(path[-1], words, heading))

    def _op_restate_heading(self, st: Statement, groups: dict[str, Any]) -> None:
        cit = groups.get("heading_of") or groups.get("cit")
        for path, _ in self._targets(cit):
            if not path or not path[-1].heading:
                raise _NotRead("the unit has no heading to restate")
            unit = path[-1]
            new = " ".join(self._quotes(st, groups.get("text"))[0].split())
            if unit.label and new.startswith(unit.label):
                new = new[len(unit.label) :].strip()
            self._emit(st, Edit("", Op.REPLACE, unit.address or unit.eid, old=unit.heading, new=new))

    def _op_restate(self, st: Statement, groups: dict[str, Any]) -> None:
        found = [path for path, _ in self._targets(groups.get("cit"))]
        if any(not path for path in found):
            raise _NotRead("the statement names no unit to restate")
        quotes = self._quotes(st, groups.get("text"))
        units = [path[-1] for path in found]
        if all(u.kind is Kind.PART for u in units):
            blocks = [b.strip() for q in quotes for b in q.split("\n") if b.strip()]
            if len(blocks) != len(units):
                raise _NotRead(f"{len(units)} part(s) to restate but {len(blocks)} paragraph(s) of new wording")
            for path, block in zip(found, blocks):
                self._emit(st, Edit("", Op.RESTATE, path[-1].address or path[-1].eid, text=_strip_label(block, path)))
            return
        if len(units) == 1:
            self._emit(st, Edit("", Op.RESTATE, units[0].address or units[0].eid, text="\n\n".join(q.strip() for q in quotes)))
            return
        fragment = parse_fragment("\n\n".join(q.strip() for q in quotes))
        by_num = {(u.kind, clean_num(u.num or "").lower()): u for u in fragment}
        for unit in units:
            new = by_num.get((unit.kind, clean_num(unit.num or "").lower()))
            if new is None:
                raise _NotRead(f"the new wording has no {unit.kind.value} {unit.num}")
            self._emit(st, Edit("", Op.RESTATE, unit.address or unit.eid, text=_wording(new)))

    def _op_repeal(self, st: Statement, groups: dict[str, Any]) -> None:
        found = self._targets(groups.get("cit"))
        for path, _ in found:
            if not path:
                raise _NotRead("the statement names no unit to repeal")
            self._emit(st, Edit("", Op.REPEAL, path[-1].address or path[-1].eid))

    def _op_renumber(self, st: Statement, groups: dict[str, Any]) -> None:
        cit, new = groups.get("cit"), groups.get("new", "")
        if cit is None or self.lang == "kk":
            # Kazakh puts the old and the new number side by side: «3) тармақша 4) тармақша деп есептелсін».
            cit, new = _split_two(" ".join(x for x in (cit, new) if x), self.lang)
        new_steps = self._citation(new).steps
        if not new_steps or new_steps[-1][1] is None:
            raise _NotRead(f"cannot read the new number in {new!r}")
        for path, _ in self._targets(cit):
            if not path:
                raise _NotRead("the statement names no unit to renumber")
            unit = path[-1]
            self._emit(st, Edit("", Op.RENUMBER, unit.address or unit.eid, num=_written_num(new_steps[-1][1], unit)))

    def _op_insert_unit(self, st: Statement, groups: dict[str, Any]) -> None:
        wanted = [self._citation(one).steps for one in targets.expand(groups.get("new", ""), self.conj)]
        if any(len(steps) != 1 for steps in wanted):
            raise _NotRead(f"cannot read the new unit(s) {groups.get('new')!r}")
        kinds = {steps[0][0] for steps in wanted}
        kind = next(iter(kinds))
        if len(kinds) != 1:
            raise _NotRead("the new units are of different kinds")
        cit = groups.get("cit")
        if cit:
            parent_path = self._in_scope(self._citation(cit))
            part = None
        else:
            while len(self.scopes) > 1 and not targets.fits(self.scopes[-1], kind):
                self.scopes.pop()
            parent_path = self._scope_path()
            last = self.scopes[-1].steps[-1] if self.scopes[-1].steps else None
            part = last[2] if last is not None and last[0] is Kind.PART and kind in LIST_KINDS else None
            if part is not None:
                parent_path = parent_path[:-1]
        quotes = [q.strip() for q in self._quotes(st, groups.get("text"))]
        if kind is Kind.PART:
            blocks = [b.strip() for q in quotes for b in q.split("\n") if b.strip()]
            if len(blocks) != len(wanted):
                raise _NotRead(f"{len(wanted)} new part(s) but {len(blocks)} paragraph(s) of wording")
            for steps, block in zip(wanted, blocks):
                self._insert_part(st, parent_path, steps[0][2] or 1, block)
            return
        fragment = parse_fragment("\n\n".join(quotes))
        by_num = {clean_num(u.num or "").lower(): u for u in fragment}
        for steps in wanted:
            num = steps[0][1] or ""
            new = by_num.get(num)
            if new is None:
                raise _NotRead(f"the wording in quotation marks has no {kind.value} {num}")
            self._insert_numbered(st, parent_path, part, kind, new)

    # -- inserting units ---------------------------------------------------------------------

    def _insert_part(self, st: Statement, parent_path: tuple[Unit, ...], ordinal: int, text: str) -> None:
        if not parent_path:
            raise _NotRead("a new part needs the unit it is added to")
        owner = self._current(parent_path[-1])
        parts = [c for c in owner.children if c.kind is Kind.PART]
        count = len(parts) or (1 if owner.text else 0)
        if ordinal == count + 1:
            edit = Edit("", Op.INSERT_UNIT, owner.address or owner.eid, text=text, kind=Kind.PART, position="last")
        elif 1 < ordinal <= count and parts:
            edit = Edit("", Op.INSERT_UNIT, parts[ordinal - 2].address or parts[ordinal - 2].eid, text=text, kind=Kind.PART, position="after")
        else:
            raise _NotRead(f"{owner.address or owner.eid} has {count} part(s); cannot add part {ordinal}", "failed")
        self._emit(st, edit)

    def _insert_numbered(self, st: Statement, parent_path: tuple[Unit, ...], part: int | None, kind: Kind, new: Unit) -> None:
        num = new.num or ""
        owner = self._current(parent_path[-1]) if parent_path else None
        if owner is None:
            candidates = [u for u in self.doc.walk() if u.kind is kind and self._top_level(u)]
        elif part is not None:
            candidates = targets.part_range(owner, part)
        else:
            candidates = [c for c in owner.children if c.kind is kind]
            if not candidates and kind in LIST_KINDS:
                candidates = [c for c in owner.children if c.kind in LIST_KINDS]
        key = targets.number_order(num)
        if any(targets.number_order(c.num or "") == key for c in candidates):
            raise _NotRead(f"{kind.value} {num} already exists", "failed")
        text = _wording(new)
        earlier = [c for c in candidates if targets.number_order(c.num or "") < key]
        if earlier:
            anchor = max(earlier, key=lambda c: targets.number_order(c.num or ""))
            edit = Edit("", Op.INSERT_UNIT, anchor.address or anchor.eid, text=text, num=num, position="after",
                        kind=kind if anchor.kind is not kind else None)
        elif candidates:
            anchor = candidates[0]
            edit = Edit("", Op.INSERT_UNIT, anchor.address or anchor.eid, text=text, num=num, position="before",
                        kind=kind if anchor.kind is not kind else None)
        elif owner is not None:
            edit = Edit("", Op.INSERT_UNIT, owner.address or owner.eid, text=text, num=num, kind=kind, position="last")
        else:
            raise _NotRead(f"there is no {kind.value} to place {kind.value} {num} next to")
        self._emit(st, edit)

    def _current(self, unit: Unit) -> Unit:
        return next((u for u in self.doc.walk() if u.eid == unit.eid), unit)

    def _top_level(self, unit: Unit) -> bool:
        parent = parent_of(self.units, unit.eid)
        while parent is not None:
            if parent.kind not in (Kind.SECTION, Kind.CHAPTER, Kind.SUBCHAPTER, Kind.HCONTAINER, Kind.ATTACHMENT):
                return False
            parent = parent_of(self.units, parent.eid)
        return True


# -- helpers ---------------------------------------------------------------------------------


def _fold_title(text: str) -> str:
    text = fold(text or "").lower()
    text = re.sub(r"[\"'«»“”„]", " ", text)
    return " ".join(text.split())


#: Words every title of the jurisdiction shares, or that preambles add: no evidence of which act is meant.
_TITLE_NOISE = frozenset(
    ["республики", "казахстан", "республика", "закон", "внести", "следующие", "изменения", "дополнения", "изменение", "дополнение", "года", "the", "of", "and", "republic", "kazakhstan", "law", "shall", "be", "amended", "as", "follows", "following", "amendments", "dated", "қазақстан", "республикасының", "заңы", "заңына", "мынадай", "өзгерістер", "толықтырулар", "енгізілсін", "жылғы"]
)


def _title_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{3,}", _fold_title(text)) if w not in _TITLE_NOISE}


def _same_title(candidate: str, title: str) -> bool:
    """Whether a preamble's quotation or wording names the act ``title``."""
    a, b = _fold_title(candidate), _fold_title(title)
    if a and (a in b or b in a):
        return True
    words_a, words_b = _title_words(candidate), _title_words(title)
    if not words_a or not words_b:
        return False
    overlap = len(words_a & words_b) / min(len(words_a), len(words_b))
    return overlap >= TITLE_OVERLAP


#: Share of a title's significant words a preamble must repeat to name that act.
TITLE_OVERLAP = 0.6


def _contains(unit: Unit, words: str) -> bool:
    return any(find_all(u.text, words) or (u.heading and find_all(u.heading, words)) for u in unit.walk())


def _wording(unit: Unit) -> str:
    """The lines of a parsed unit as the wording of an edit."""
    return "\n".join(line for _, line in unit_lines(unit))


def _strip_label(block: str, path: tuple[Unit, ...]) -> str:
    """The new wording of part one may open with its paragraph's number («17. Граждане …»)."""
    part = path[-1]
    owner = path[-2] if len(path) > 1 else None
    if owner is not None and owner.label:
        label = owner.label.strip()
        if block.startswith(label + " ") and owner.children and owner.children[0].eid == part.eid:
            return block[len(label) :].strip()
    return block


def _append(unit: Unit, words: str, heading: bool) -> Edit:
    """«дополнить словами "…"»: the words go at the end, before the final punctuation mark.

    When the words bring their own final mark («…, если иное не установлено
    законами;»), it takes the place of the old one.
    """
    leaf = unit
    if not heading:
        texts = [u for u in unit.walk() if u.text]
        if not texts:
            raise _NotRead("the unit has no text to add words to", "failed")
        leaf = texts[-1]
    text = (leaf.heading or "") if heading else leaf.text
    at = leaf.address or leaf.eid
    stripped = text.rstrip()
    if stripped and stripped[-1] in TERMINAL_PUNCTUATION:
        mark = stripped[-1]
        # Occurrences are counted the way the apply engine counts them: heading, then text.
        count = len(find_all(text, mark)) if heading else _occurrences(leaf, mark)
        if words and words[-1] in TERMINAL_PUNCTUATION:
            return Edit("", Op.REPLACE, at, old=mark, new=words, occurrence=count)
        return Edit("", Op.INSERT, at, text=words, before=mark, occurrence=count)
    last = stripped.split()[-1] if stripped else ""
    if not last:
        raise _NotRead("the unit has no text to add words to", "failed")
    count = len(find_all(text, last)) if heading else _occurrences(leaf, last)
    return Edit("", Op.INSERT, at, text=words, after=last, occurrence=count or None)


def _occurrences(unit: Unit, words: str) -> int:
    return sum(len(find_all(segment, words)) for u in unit.walk() for segment in (u.heading or "", u.text))


def _split_two(text: str, lang: str) -> tuple[str, str]:
    """Split «3) тармақша 4) тармақша» into two citations."""
    words = text.split()
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        try:
            targets.parse(first, lang)
            targets.parse(second, lang)
        except CitationError:
            continue
        return first, second
    raise _NotRead(f"cannot read two citations in {text!r}")


def _written_num(cleaned: str, unit: Unit) -> str:
    """A number as the unit writes its own: Cyrillic or Latin letters, case kept."""
    if unit.num and unit.num.isupper():
        return cleaned.upper()
    return cleaned
