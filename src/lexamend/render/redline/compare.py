"""Compare two Word packages story by story and write the differences into the old one as tracked changes.

:class:`Comparer` walks the stories of the two versions together — the body,
then the notes its paragraphs refer to, then headers and footers — and inside
each story its blocks:

* blocks are anchored by their exact markup and the rest paired kind by kind
  (:mod:`lexamend.render.redline.pairing`);
* a pair of paragraphs gets a word diff of their texts, objects read as atoms
  (:mod:`lexamend.ooxml.textmap`): a field, a picture, a note reference, a text
  box is kept, deleted or inserted whole. Paired note references lead to the
  notes, whose text is compared in turn; paired text boxes to their content,
  in the ``mc:AlternateContent`` choice and its fallback alike, so both carry
  the same revisions;
* a pair of tables is compared row by row (rows anchored and paired like
  blocks); a pair of rows with the same cells cell by cell, each cell a story;
  a row whose cells changed shape is deleted and inserted; a table whose grid
  changed is deleted and the new one inserted;
* a pair of content controls is compared by content;
* an unpaired old block is marked deleted, an unpaired new block is copied in
  (:class:`lexamend.ooxml.portable.Importer`) and marked inserted.

Every paragraph the comparer changes is read back at once in both views
(:class:`~lexamend.ooxml.textmap.TextMap` with ``view``): accepted it must read
as the new paragraph, rejected as the old one; otherwise nothing is written
(:class:`~lexamend.errors.OutputError`). Another author's tracked changes that
an edit would have to alter stop the comparison with an
:class:`~lexamend.errors.InputError` naming them and the ``--existing`` choices.

Formatting: with ``formatting=True`` paragraph properties are tracked with
``w:pPrChange`` and run formatting over unchanged words with ``w:rPrChange``;
without it only list numbering (which shows as a label) is, and the number of
paragraphs whose formatting changed untracked is counted for a note.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Sequence

from lxml import etree

from lexamend.errors import InputError, OutputError
from lexamend.ooxml import stories
from lexamend.ooxml.edit import RevisionConflict, TrackedEditor, Unsupported
from lexamend.ooxml.parser import qn
from lexamend.ooxml.portable import Importer
from lexamend.ooxml.revisions import Stamp
from lexamend.ooxml.textmap import ATOM_CHARS, Atom, Atoms, AtomTable, TextMap, digest, strip_atoms
from lexamend.ooxml.writer import PackageCopy
from lexamend.render.redline.pairing import Block, common_blocks, hunks, pair_stretch
from lexamend.render.redline.plan import line_ops

Op = tuple[str, str]

_TC = qn("w:tc")
_P = qn("w:p")


class Options(namedtuple("Options", "formatting moves lang", defaults=(False, False, None))):
    """What to compare besides text: ``formatting`` (track formatting changes), ``moves`` (write moved
    paragraphs as moves), ``lang`` (of the texts, for aligning paragraphs; detected when None)."""

    __slots__ = ()


class _Story:
    """The parts a story lives in (for relationships), and its atom readers."""

    def __init__(self, comparer: Comparer, old_part: str, new_part: str) -> None:
        self.old_part = old_part
        self.new_part = new_part
        self.old_atoms = Atoms(comparer.table, comparer.resolver(comparer.old, old_part))
        self.new_atoms = Atoms(comparer.table, comparer.resolver(comparer.new, new_part))
        self.importer: Callable[[list[etree._Element]], list[etree._Element]] = lambda elements: comparer.importer.copy(elements, new_part, old_part)


class Comparer:
    """Writes the differences between ``old`` (edited in place) and ``new`` (read only)."""

    def __init__(self, old: PackageCopy, new: PackageCopy, stamp: Stamp, options: Options = Options(), *, old_path: str = "old.docx") -> None:
        self.old = old
        self.new = new
        self.options = options
        self.old_path = old_path
        self.editor = TrackedEditor(stamp)
        self._importer: Importer | None = None
        self.table = AtomTable()
        self.notes: list[tuple[str, str, str]] = []  # (kind, old id, new id) to compare
        self.formatting_untracked = 0  # paired paragraphs whose formatting changed but was not tracked
        self.paragraphs_changed = 0
        self.moves_old: dict[int, str] = {}  # body block index → move name
        self.moves_new: dict[int, str] = {}
        self._resolvers: dict[tuple[int, str], Callable[[str], tuple[str, str]]] = {}
        self._old_notes: dict[str, dict[str, etree._Element]] = {}
        self._new_notes: dict[str, dict[str, etree._Element]] = {}
        self._styles = (None, None)
        self._readings: dict[etree._Element, TextMap] = {}  # paragraphs read (atoms, hyperlinks transparent) for pairing
        self.verify_all = False  # read back every changed paragraph, plain ones too (tests)
        self.headers = True  # whether either version may have headers or footers (False skips looking)
        self.anchors_refer = True  # whether the old body's blocks may refer to notes or other parts at all

    @property
    def importer(self) -> Importer:
        """What copies new content into the old package (made on first use: most paragraphs need none)."""
        if self._importer is None:
            self._importer = Importer(self.old, self.new, self.editor.stamp)
        return self._importer

    @property
    def notes_copied(self) -> bool:
        return self._importer is not None and self._importer.copied_notes > 0

    # -- relationships, for atoms -----------------------------------------------------------
    def resolver(self, package: PackageCopy, part: str) -> Callable[[str], tuple[str, str]]:
        """A function from a relationship id of ``part`` to (target, digest of the target's bytes)."""
        key = (id(package), part)
        if key not in self._resolvers:
            cache: dict[str, tuple[str, str]] = {}

            def resolve(rid: str) -> tuple[str, str]:
                if rid not in cache:
                    rels = package.peek(package.rels_name(part))
                    rel = next((r for r in rels if r.get("Id") == rid), None) if rels is not None else None
                    if rel is None:
                        cache[rid] = (rid, "")
                    elif rel.get("TargetMode") == "External":
                        cache[rid] = (rel.get("Target", ""), "")
                        return cache[rid]
                    else:
                        target = rel.get("Target", "")
                        folder = part.rsplit("/", 1)[0] if "/" in part else ""
                        name = target.lstrip("/") if target.startswith("/") else _join(folder, target)
                        data = package.read(name)
                        cache[rid] = (name, digest(data) if data is not None else "")
                return cache[rid]

            self._resolvers[key] = resolve
        return self._resolvers[key]

    # -- the body ---------------------------------------------------------------------------
    def body(self, old_blocks: list[etree._Element], new_blocks: list[etree._Element], old_keys: Sequence[bytes], new_keys: Sequence[bytes], old_labels: Callable[[int], str | None] | None = None, new_labels: Callable[[int], str | None] | None = None) -> None:
        """Compare the two bodies; ``*_keys`` are the exact bytes of their blocks (:func:`stories.blocks` order)."""
        story = _Story(self, self.old.main_part, self.new.main_part)
        self._compare(self.old.body, self.new.body, old_blocks, new_blocks, old_keys, new_keys, story, old_labels, new_labels, body=True)

    # -- notes, headers, footers ---------------------------------------------------------------
    def other_stories(self) -> None:
        """Notes referred to by paired references, then headers and footers."""
        done: set[tuple[str, str, str]] = set()
        while self.notes:
            kind, old_id, new_id = self.notes.pop(0)
            if (kind, old_id, new_id) in done:
                continue
            done.add((kind, old_id, new_id))
            old_note = self._note(self.old, self._old_notes, kind, old_id)
            new_note = self._note(self.new, self._new_notes, kind, new_id)
            if old_note is None or new_note is None:
                continue
            old_part, new_part = stories.notes_part(self.old, kind), stories.notes_part(self.new, kind)
            assert old_part is not None and new_part is not None
            if _same(old_note, new_note):
                continue
            self.old.xml(old_part)  # the notes part will be written again (its tree, read so far, is kept)
            self._container(old_note, new_note, _Story(self, old_part, new_part))
        if not self.headers:
            self._drain_notes()
            return
        pairs, old_only, new_only = stories.header_footer_pairs(self.old, self.new)
        for old_part, new_part in pairs:
            if self.old.read(old_part) == self.new.read(new_part):
                continue
            old_root, new_root = self.old.xml(old_part), self.new.peek(new_part)
            if old_root is None or new_root is None:
                continue
            self._container(old_root, new_root, _Story(self, old_part, new_part))
        for old_part in old_only:
            root = self.old.xml(old_part)
            if root is not None and strip_atoms(_story_text(root)):
                self.editor.mark_container(root, "del")
        for section, which, kind, new_part in new_only:
            self._add_header(section, which, kind, new_part)
        self._drain_notes()

    def _add_header(self, section: int, which: str, kind: str, new_part: str) -> None:
        """A header or footer only the new version has: a new part, its content inserted, referenced."""
        new_root = self.new.peek(new_part)
        if new_root is None or not strip_atoms(_story_text(new_root)):
            return
        stem = "header" if which == "header" else "footer"
        n = 1
        while self.old.has(f"word/{stem}{n}.xml"):
            n += 1
        name = f"word/{stem}{n}.xml"
        root = etree.Element(new_root.tag, nsmap=new_root.nsmap)
        for attribute, value in new_root.attrib.items():
            root.set(attribute, value)
        self.old.put_xml(name, root)
        self.old.declare(name, self.new.content_type(new_part) or f"application/vnd.openxmlformats-officedocument.wordprocessingml.{stem}+xml")
        for child in self.importer.copy(list(new_root), new_part, name):
            root.append(child)
        self.editor.mark_container(root, "ins")
        rid = self.importer.add_relationship(self.old.main_part, f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{stem}", name.split("/", 1)[1], external=False)
        stories.add_reference(self.old, section, which, kind, rid)
        self.structure_changed = True

    structure_changed = False  # the body's section properties were edited (no byte splicing of the body)

    def _note(self, package: PackageCopy, cache: dict[str, dict[str, etree._Element]], kind: str, note_id: str) -> etree._Element | None:
        """A note by id, read without marking its part for writing (see :meth:`PackageCopy.peek`)."""
        if kind not in cache:
            cache[kind] = stories.notes(package, kind)
        return cache[kind].get(note_id)

    def _drain_notes(self) -> None:
        """Mark the notes copied in with inserted references as inserted."""
        while self._importer is not None and self._importer.notes:
            _, note = self._importer.notes.pop(0)
            self.editor.mark_container(note, "ins")

    def _delete_notes(self, element: etree._Element) -> None:
        """The notes referred to from a block or run being deleted: their text goes too."""
        for kind, note_id in stories.note_refs(element):
            note = self._note(self.old, self._old_notes, kind, note_id)
            if note is not None:
                self.old.xml(stories.notes_part(self.old, kind) or "")
                self.editor.mark_container(note, "del")

    # -- a story's blocks ---------------------------------------------------------------------
    def _container(self, old_container: etree._Element, new_container: etree._Element, story: _Story) -> None:
        old_blocks, new_blocks = stories.blocks(old_container), stories.blocks(new_container)
        old_keys = [_key(b) for b in old_blocks]
        new_keys = [_key(b) for b in new_blocks]
        self._compare(old_container, new_container, old_blocks, new_blocks, old_keys, new_keys, story)

    def _describe(self, blocks: Sequence[etree._Element], keys: Sequence[bytes], atoms: Atoms, labels: Callable[[int], str | None] | None) -> list[Block]:
        def read(element: object) -> str:
            return self._text_of(element, atoms)  # type: ignore[arg-type]

        return _Described(blocks, keys, read, labels)  # type: ignore[return-value]

    def _text_of(self, element: etree._Element, atoms: Atoms) -> str:
        """A block's text for pairing; a paragraph's reading is kept for comparing it afterwards."""
        if stories.kind(element) != "paragraph":
            return _block_text(element, atoms)
        reading = TextMap(element, atoms)
        self._readings[element] = reading
        return reading.text

    def _compare(
        self,
        old_container: etree._Element,
        new_container: etree._Element,
        old_blocks: list[etree._Element],
        new_blocks: list[etree._Element],
        old_keys: Sequence[bytes],
        new_keys: Sequence[bytes],
        story: _Story,
        old_labels: Callable[[int], str | None] | None = None,
        new_labels: Callable[[int], str | None] | None = None,
        *,
        body: bool = False,
    ) -> None:
        anchors = common_blocks(old_keys, new_keys)
        old_desc = self._describe(old_blocks, old_keys, story.old_atoms, old_labels)
        new_desc = self._describe(new_blocks, new_keys, story.new_atoms, new_labels)
        cell = old_container.tag == _TC
        gone: set[int] = set()
        if len(anchors) < len(old_blocks):
            anchored = {a for a, _ in anchors}
            gone = {i for i, b in enumerate(old_blocks) if i not in anchored and stories.gone(b)}
        diffs: dict[tuple[int, int], tuple[Op, ...]] = {}
        work = [
            (hunk, pair_stretch(old_desc, new_desc, hunk, diffs, lang=self.options.lang, skip=gone.__contains__, cell=cell))
            for hunk in hunks(anchors, len(old_blocks), len(new_blocks))
        ]
        # Identical blocks need work only when they refer to notes (their text may differ) or to
        # pictures and link targets (which may have changed under the same markup).
        for a, b in anchors if self.anchors_refer or not body else ():
            key = old_keys[a]
            if b"Reference" in key or b" r:" in key:
                if b" r:" in key and _refers(key) and not self._same_targets(old_blocks[a], new_blocks[b], story):
                    work.append(((a, a + 1, b, b + 1), [(a, b)]))  # the same markup, but a picture or link it refers to changed
                elif b"Reference" in key:
                    self._pair_notes(stories.note_refs(old_blocks[a]), stories.note_refs(new_blocks[b]))
        # Each stretch between identical blocks, in order: deletions first, then insertions after them,
        # paired blocks compared in place. Identical blocks themselves are left alone.
        for (i1, i2, j1, j2), pairs in sorted(work, key=lambda item: item[0]):
            i, j = i1, j1
            for mi, mj in [*pairs, (i2, j2)]:
                cursor = old_blocks[i - 1] if i else None
                for k in range(i, mi):
                    if k not in gone:
                        self._delete(old_blocks[k], move=self.moves_old.get(k) if body else None)
                        cursor = old_blocks[k]
                for k in range(j, mj):
                    cursor = self._insert(old_container, cursor, new_blocks[k], story, move=self.moves_new.get(k) if body else None)
                if mi < i2:
                    self._pair(old_blocks[mi], new_blocks[mj], story, diffs.get((mi, mj)))
                i, j = mi + 1, mj + 1

    def _insert(self, container: etree._Element, cursor: etree._Element | None, new_block: etree._Element, story: _Story, *, move: str | None = None) -> etree._Element:
        copy = story.importer([new_block])[0]
        if cursor is not None:
            stories.place_after(cursor, copy)
        else:
            stories.place_first(container, copy)
        if move and stories.kind(copy) == "paragraph":
            self.editor.insert(copy, move=move)
        else:
            self.editor.insert_block(copy)
        self._drain_notes()
        return copy

    def _delete(self, block: etree._Element, *, move: str | None = None) -> None:
        self._delete_notes(block)
        try:
            if move and stories.kind(block) == "paragraph":
                self.editor.delete(block, move=move)
            else:
                self.editor.delete_block(block)
        except RevisionConflict as exc:
            raise self._conflict(exc) from None

    def _pair(self, old_block: etree._Element, new_block: etree._Element, story: _Story, diff: tuple[Op, ...] | None) -> None:
        kind = stories.kind(old_block)
        if kind == "paragraph":
            self._paragraph(old_block, new_block, story, diff)
        elif kind == "table":
            self._table(old_block, new_block, story)
        elif kind == "control":
            old_content, new_content = stories.control_content(old_block), stories.control_content(new_block)
            if old_content is not None and new_content is not None:
                self._container(old_content, new_content, story)

    def _pair_notes(self, old_refs: list[tuple[str, str]], new_refs: list[tuple[str, str]]) -> None:
        for (kind, old_id), (new_kind, new_id) in zip(old_refs, new_refs):
            if kind == new_kind:
                self.notes.append((kind, old_id, new_id))

    def _same_targets(self, old: etree._Element, new: etree._Element, story: _Story) -> bool:
        """Whether two blocks of identical markup refer to the same pictures, charts and link targets."""
        return [story.old_atoms.target(rid) for rid in stories.relationship_ids(old)] == [story.new_atoms.target(rid) for rid in stories.relationship_ids(new)]

    # -- tables ----------------------------------------------------------------------------------
    def _table(self, old_table: etree._Element, new_table: etree._Element, story: _Story) -> None:
        if stories.grid(old_table) != stories.grid(new_table):
            # Another column layout: the old table goes, the new one comes (rows cannot be paired across grids).
            self._delete(old_table)
            self._insert(old_table.getparent(), old_table, new_table, story)  # type: ignore[arg-type]
            return
        old_rows, new_rows = stories.rows(old_table), stories.rows(new_table)
        old_keys = [_key(r) for r in old_rows]
        new_keys = [_key(r) for r in new_rows]
        anchors = common_blocks(old_keys, new_keys)
        anchored = {a for a, _ in anchors}
        gone = {i for i, r in enumerate(old_rows) if i not in anchored and stories.gone(r)}
        old_desc = [Block("row", key, row, lambda r: _block_text(r, story.old_atoms)) for row, key in zip(old_rows, old_keys)]  # type: ignore[arg-type]
        new_desc = [Block("row", key, row, lambda r: _block_text(r, story.new_atoms)) for row, key in zip(new_rows, new_keys)]  # type: ignore[arg-type]
        pairs = [p for hunk in hunks(anchors, len(old_rows), len(new_rows)) for p in pair_stretch(old_desc, new_desc, hunk, {}, skip=gone.__contains__)]
        anchor_set = set(anchors)
        cursor: etree._Element | None = None
        i = j = 0

        def insert_row(index: int) -> None:
            nonlocal cursor
            copy = story.importer([new_rows[index]])[0]
            if cursor is not None:
                stories.place_row_after(cursor, copy)
            elif old_rows:
                old_rows[0].addprevious(copy)
            else:
                old_table.append(copy)
            self.editor.insert_row(copy)
            self._drain_notes()
            cursor = copy

        def delete_row(index: int) -> None:
            nonlocal cursor
            self._delete_notes(old_rows[index])
            try:
                self.editor.delete_row(old_rows[index])
            except RevisionConflict as exc:
                raise self._conflict(exc) from None
            cursor = old_rows[index]

        for mi, mj in sorted([*anchors, *pairs]):
            for k in range(i, mi):
                if k not in gone:
                    delete_row(k)
            for k in range(j, mj):
                insert_row(k)
            if (mi, mj) in anchor_set and (not _refers(old_keys[mi]) or self._same_targets(old_rows[mi], new_rows[mj], story)):
                if b"Reference" in old_keys[mi]:
                    self._pair_notes(stories.note_refs(old_rows[mi]), stories.note_refs(new_rows[mj]))
                cursor = old_rows[mi]
            elif stories.cell_spans(old_rows[mi]) == stories.cell_spans(new_rows[mj]):
                for old_cell, new_cell in zip(stories.cells(old_rows[mi]), stories.cells(new_rows[mj])):
                    self._container(old_cell, new_cell, story)
                cursor = old_rows[mi]
            else:
                delete_row(mi)
                insert_row(mj)
            i, j = mi + 1, mj + 1
        for k in range(i, len(old_rows)):
            if k not in gone:
                delete_row(k)
        for k in range(j, len(new_rows)):
            insert_row(k)

    # -- paragraphs ------------------------------------------------------------------------------
    def _paragraph(self, old_p: etree._Element, new_p: etree._Element, story: _Story, diff: tuple[Op, ...] | None) -> None:
        links = _shared_links(old_p, new_p, story)
        old_atoms = story.old_atoms.with_links(links)
        new_atoms = story.new_atoms.with_links(links)
        cached_old, cached_new = self._readings.pop(old_p, None), self._readings.pop(new_p, None)
        if links is None and cached_old is not None and cached_new is not None:
            old_map, new_map = cached_old, cached_new
        else:
            old_map, new_map = TextMap(old_p, old_atoms), TextMap(new_p, new_atoms)
        old_text, new_text = old_map.text, new_map.text
        deleted: list[Atom] = []
        if old_text == new_text:
            pairs = list(zip(old_map.atom_list, new_map.atom_list))
        else:
            self.paragraphs_changed += 1
            rejected = TextMap(old_p, old_atoms, view="reject").text if old_map.revised else old_text
            ops = line_ops(old_text, new_text, diff=diff if diff is not None and _ops_fit(diff, old_text, new_text) else None)
            pairs = _atom_pairs(ops, old_map, new_map)
            fallbacks = self.editor.fallbacks
            try:
                self.editor.change(old_p, ops, atoms=old_atoms, source=new_map, importer=story.importer)
            except RevisionConflict as exc:
                raise self._conflict(exc) from None
            except Unsupported as exc:
                raise OutputError(f"{self.old_path}: {exc} ({_where(old_p, old_text)}); nothing written") from None
            if self.editor.fallbacks != fallbacks:
                pairs = []
            deleted, _ = self.editor.take_atoms()
            self._drain_notes()
            if self.verify_all or not (old_map.simple and new_map.simple) or self.editor.fallbacks != fallbacks:
                self._check(old_p, old_atoms, old_text, new_text, rejected)
        for atom in deleted:
            if atom.kind == "note":
                for element in atom.elements:
                    self._delete_notes(element)
        for old_atom, new_atom in pairs:
            if old_atom.kind == "note":
                self._pair_notes(stories.note_refs(old_atom.elements[0]), stories.note_refs(new_atom.elements[0]))
            elif old_atom.kind == "textbox":
                self._textboxes(old_atom.elements[0], new_atom.elements[0], story)
        self._properties(old_p, new_p, story, old_atoms, new_atoms, changed=old_text != new_text)

    def _check(self, p: etree._Element, atoms: Atoms, old_text: str, new_text: str, rejected: str) -> None:
        """Read a changed paragraph back in both views: accepted it must be the new text, rejected the old.

        Done for every paragraph holding objects, fields or other revisions,
        and for those whose text had to be replaced whole; plain paragraphs
        are written by the word-level path that the tests check exhaustively
        (:attr:`verify_all` checks them too).
        """
        accepted = TextMap(p, atoms).text
        if accepted != new_text or TextMap(p, atoms, view="reject").text != rejected:
            raise OutputError(
                f"{self.old_path}: the change to paragraph «{_excerpt(strip_atoms(old_text))}» could not be written faithfully "
                f"(accepted it would read «{_excerpt(strip_atoms(accepted))}»); nothing written",
                hint="Please report this with the two files; comparing them in Word (Review → Compare) is a workaround.",
            )

    def _textboxes(self, old_run: etree._Element, new_run: etree._Element, story: _Story) -> None:
        old_main, old_fallback = stories.textboxes(old_run)
        new_main, new_fallback = stories.textboxes(new_run)
        pairs = list(zip(old_main, new_main)) + list(zip(old_fallback, new_fallback or new_main))
        if len(new_main) > len(old_main):
            raise OutputError(f"{self.old_path}: a shape gained a text frame; lexamend cannot track that (nothing written)")
        for old_content in old_main[len(new_main) :]:
            self.editor.mark_container(old_content, "del")
        for old_content, new_content in pairs:
            if not _same(old_content, new_content):
                self._container(old_content, new_content, story)

    def _properties(self, old_p: etree._Element, new_p: etree._Element, story: _Story, old_atoms: Atoms, new_atoms: Atoms, *, changed: bool) -> None:
        """Paragraph properties (numbering always, all of them with ``formatting``) and run formatting."""
        from lexamend.ooxml import formatting

        if not self.options.formatting and formatting.same_properties(old_p, new_p) and (changed or not formatting.runs_differ(old_p, new_p, old_atoms, new_atoms)):
            return  # the usual case, decided without copying anything
        wanted = formatting.portable_properties(new_p, story.importer)
        if self.options.formatting:
            if formatting.properties_differ(old_p, wanted):
                self.editor.change_properties(old_p, wanted)
            formatting.track_runs(self.editor, old_p, new_p, old_atoms, new_atoms, story.importer)
            return
        numbering = formatting.numbering_properties(old_p, wanted, self._style_sheets)
        if numbering is not None:
            self.editor.change_properties(old_p, numbering)
        elif formatting.properties_differ(old_p, wanted) or (not changed and formatting.runs_differ(old_p, new_p, old_atoms, new_atoms)):
            self.formatting_untracked += 1

    def _style_sheets(self) -> tuple[etree._Element | None, etree._Element | None]:
        if self._styles == (None, None):
            old_name = self.old.related_part(self.old.main_part, "styles")
            new_name = self.new.related_part(self.new.main_part, "styles")
            self._styles = (self.old.peek(old_name) if old_name else None, self.new.peek(new_name) if new_name else None)
        return self._styles

    # -- errors ------------------------------------------------------------------------------------
    def _conflict(self, exc: RevisionConflict) -> InputError:
        count, authors = stories.revisions_in(self.old, skip_ids=self.editor.stamp.issued)
        where = ""
        if exc.paragraph is not None:
            where = f" ({_where(exc.paragraph, TextMap(exc.paragraph).text)})"
        return InputError(
            self.old_path,
            f"holds {count} tracked change(s) by {', '.join(authors) or 'an unknown author'}, and {exc}{where}; "
            "adding a revision on top of another author's change there is not well-defined",
            hint="Run again with --existing accept or --existing reject to resolve the existing changes first "
            "(or accept/reject them in Word and save).",
        )


class _Described:
    """The blocks of a story as :class:`~lexamend.render.redline.pairing.Block`, made when first looked at
    (pairing looks only at the blocks between anchors)."""

    def __init__(self, elements: Sequence[etree._Element], keys: Sequence[bytes], read: Callable[[object], str], labels: Callable[[int], str | None] | None) -> None:
        self.elements, self.keys, self.read, self.labels = elements, keys, read, labels
        self.made: dict[int, Block] = {}

    def __len__(self) -> int:
        return len(self.elements)

    def __getitem__(self, index: int) -> Block:
        block = self.made.get(index)
        if block is None:
            block = Block(stories.kind, self.keys[index], self.elements[index], self.read, index=index, labels=self.labels, name=stories.control_key)  # type: ignore[arg-type]
            self.made[index] = block
        return block


def _refers(key: bytes) -> bool:
    """Whether a block's markup refers to other parts by relationship id (pictures, links, charts)."""
    return b'r:embed="' in key or b'r:id="' in key or b'r:link="' in key or b'r:pict="' in key


def _key(element: etree._Element) -> bytes:
    """A block's markup as a key that two parts with different namespace declarations agree on."""
    return etree.tostring(element, method="c14n", exclusive=True)


def _same(a: etree._Element, b: etree._Element) -> bool:
    """Identical markup (namespace declarations of the two parts aside)."""
    return etree.tostring(a, method="c14n", exclusive=True) == etree.tostring(b, method="c14n", exclusive=True)


def _join(folder: str, target: str) -> str:
    import posixpath

    return posixpath.normpath(posixpath.join(folder, target))


def _where(p: etree._Element, text: str) -> str:
    """A paragraph as a reader finds it: by its words, or, when it has none (an equation, a picture,
    an empty line), as the paragraph after the nearest one that has words."""
    words = strip_atoms(text)
    if words.strip():
        return f"paragraph «{_excerpt(words)}»"
    for previous in p.itersiblings(_P, preceding=True):
        before = strip_atoms(TextMap(previous).text)
        if before.strip():
            return f"the paragraph without text after «{_excerpt(before)}»"
    return "a paragraph without text at the start of its story"


def _excerpt(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _story_text(root: etree._Element) -> str:
    return "".join(TextMap(p).text for p in stories.paragraphs(root))


def _block_text(element: etree._Element, atoms: Atoms) -> str:
    """The text of a block for pairing: a paragraph's with objects as atoms, a table's or row's cells joined."""
    if stories.kind(element) == "paragraph":
        return TextMap(element, atoms).text
    texts = [TextMap(p, atoms).text for p in stories.paragraphs(element)]
    return " | ".join(t for t in texts if t)


def _shared_links(old_p: etree._Element, new_p: etree._Element, story: _Story) -> frozenset | None:  # type: ignore[type-arg]
    """The hyperlinks (by target and text) both paragraphs have: they stay transparent; the others are atoms."""
    old_links = [story.old_atoms.link_key(link) for link in stories.hyperlinks(old_p)]
    new_links = [story.new_atoms.link_key(link) for link in stories.hyperlinks(new_p)]
    if not old_links and not new_links:
        return None
    return frozenset(old_links) & frozenset(new_links)


def _ops_fit(ops: Sequence[Op], old: str, new: str) -> bool:
    return "".join(t for k, t in ops if k != "insert") == old and "".join(t for k, t in ops if k != "delete") == new


def _atom_pairs(ops: Sequence[Op], old_map: TextMap, new_map: TextMap) -> list[tuple[Atom, Atom]]:
    """The atoms the diff keeps: (old atom, new atom) for every atom character in an equal operation."""
    pairs: list[tuple[Atom, Atom]] = []
    i = j = 0
    for kind, text in ops:
        if kind == "equal":
            if ATOM_CHARS.search(text):
                for offset, char in enumerate(text):
                    if ATOM_CHARS.match(char):
                        a, b = old_map.atom_at(i + offset), new_map.atom_at(j + offset)
                        if a is not None and b is not None:
                            pairs.append((a, b))
            i += len(text)
            j += len(text)
        elif kind == "delete":
            i += len(text)
        else:
            j += len(text)
    return pairs


__all__ = ["Comparer", "Options"]
