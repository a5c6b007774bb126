"""The redline fidelity corpus (tests/data/docx): every pair redlined, every output judged.

Each pair of ``tests/data/docx/pairs.yaml`` is redlined with ``lexamend
redline --from OLD --to NEW`` and, when it names a patch, with ``lexamend
redline OLD PATCH`` (in-process, through the real command line). Every output
is checked:

=================  ======================================================================================
check              passes when
=================  ======================================================================================
written            the redline is written (or, for a pair that expects an error, the command fails with
                   exit code 2, a message holding the expected words, and no output file)
accept (reader)    Accept All, read by the independent reader (:mod:`tests.render.wordml`), gives the new
                   version's stories: body with tables, text boxes, notes, headers and footers
reject (reader)    Reject All gives the old version's (as Reject All shows it, or Accept All for
                   ``--existing accept``); comments of the old version are all still there; every text
                   box's fallback reads as its preferred markup
LibreOffice accept LibreOffice's own Accept All gives, story by story, what LibreOffice reads from the new
                   version (list labels, table cells, notes, shapes, headers included)
LibreOffice reject the same for Reject All and the old version
python-docx        python-docx opens the output
LibreOffice opens  LibreOffice opens the output (documents with comments: after converting them to ODT,
                   as LibreOffice 7.4 headless aborts when it opens comments through UNO)
package            no package problem (:func:`tests.render.wordml.problems`) that the old file did not have
revisions sane     no revision that changes nothing (a paragraph with revised text reads differently
                   accepted and rejected, objects counted), and no more paragraphs revised than the two
                   versions have differing paragraphs (plus the paragraph before a deleted story end)
untouched          every paragraph of the output without a revision of ours is, after C14N, a paragraph of
                   the old file, and every top-level block of the old main part that the output does not
                   revise is in the output's main part byte for byte; parts the redline has no reason to
                   change are byte-identical
facts              what the pair's manifest says the output must show (row revisions, moves, formatting
                   changes, other authors' revisions kept, notes to the user)
=================  ======================================================================================
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from tests.render import wordml

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "docx"
PATCHES = CORPUS / "patches"
HELPER = Path(__file__).with_name("libreoffice_stories.py")
AUTHOR = "lexamend"
DATE = "2026-11-25"
W = wordml.W

#: The checks, in the order of the table's columns: (key, column heading).
CHECKS = (
    ("written", "written"),
    ("accept", "accept = new (reader)"),
    ("reject", "reject = old (reader)"),
    ("lo_accept", "accept = new (LibreOffice)"),
    ("lo_reject", "reject = old (LibreOffice)"),
    ("python_docx", "python-docx opens"),
    ("lo_opens", "LibreOffice opens"),
    ("package", "package valid"),
    ("sane", "revisions sane"),
    ("untouched", "untouched XML identical"),
    ("facts", "pair facts"),
)
LIBREOFFICE_CHECKS = ("lo_accept", "lo_reject", "lo_opens")


def manifest() -> list[dict]:  # type: ignore[type-arg]
    return yaml.safe_load((CORPUS / "pairs.yaml").read_text(encoding="utf-8"))["pairs"]


class Outcome:
    """One redline of one pair in one mode, and its check results."""

    def __init__(self, entry: dict, mode: str, *, old: bytes | None = None, new: bytes | None = None) -> None:  # type: ignore[type-arg]
        self.entry = entry
        self.pair = str(entry["id"])
        self.mode = mode  # "from-to" | "patch"
        self.old = old if old is not None else (CORPUS / f"{self.pair}.old.docx").read_bytes()
        self.new = new if new is not None else (CORPUS / f"{self.pair}.new.docx").read_bytes()
        self.options = dict(entry.get("options") or {})
        self.expect_error = (entry.get("expect") or {}).get("error") if isinstance(entry.get("expect"), dict) else None
        self.data: bytes | None = None
        self.err = ""
        self.code = 0
        self.results: dict[str, tuple[bool | None, str]] = {}
        self.path: Path | None = None

    @property
    def existing(self) -> str:
        return str(self.options.get("existing", "keep"))

    def record(self, check: str, ok: bool | None, detail: str = "") -> None:
        self.results[check] = (ok, detail)

    def failures(self) -> list[str]:
        return [f"{check}: {detail}" for check, (ok, detail) in self.results.items() if ok is False]


# -- running the command ----------------------------------------------------------------------


def run(entry: dict, mode: str, workdir: Path, *, old: bytes | None = None, new: bytes | None = None) -> Outcome:  # type: ignore[type-arg]
    """Redline a pair through the command line (in-process) and record whether it was written.

    ``old`` and ``new`` give the two versions when the pair is not one of the corpus.
    """
    from tests.clirunner import run_cli

    outcome = Outcome(entry, mode, old=old, new=new)
    folder = workdir / f"{outcome.pair}.{mode}"
    folder.mkdir(parents=True, exist_ok=True)
    old, new, out = folder / "old.docx", folder / "new.docx", folder / "redline.docx"
    old.write_bytes(outcome.old)
    new.write_bytes(outcome.new)
    args = ["redline", "--author", AUTHOR, "--date", DATE, "--existing", outcome.existing]
    if mode == "patch":
        args += [str(old), str(PATCHES / str(entry["patch"])), "-o", str(out)]
    else:
        args += ["--from", str(old), "--to", str(new), "-o", str(out)]
        if outcome.options.get("moves"):
            args.append("--moves")
        if outcome.options.get("formatting"):
            args.append("--formatting")
    result = run_cli(*args)
    outcome.code, outcome.err = result.code, result.err
    if outcome.expect_error:
        ok = result.code == 2 and outcome.expect_error in result.err and not out.exists() and "Traceback" not in result.err
        outcome.record("written", ok, f"exit {result.code}: {result.err.strip()[:300]}")
        return outcome
    if result.code != 0 or not out.exists():
        outcome.record("written", False, f"exit {result.code}: {result.err.strip()[:400]}")
        return outcome
    outcome.data = out.read_bytes()
    outcome.path = out
    outcome.record("written", True)
    return outcome


# -- the independent reader's checks -------------------------------------------------------------


def _old_view(outcome: Outcome) -> str:
    return "accept" if outcome.existing == "accept" else "reject"


def _compare_stories(got: dict, want: dict) -> str:  # type: ignore[type-arg]
    for story in ("body", "textboxes", "footnotes", "endnotes", "headers"):
        a, b = got.get(story), want.get(story)
        if story == "headers":
            a = {k: v for k, v in (a or {}).items() if v}
            b = {k: v for k, v in (b or {}).items() if v}
        if a != b:
            return f"{story}: got {_short(a)}, expected {_short(b)}"
    return ""


def _short(value: object, size: int = 300) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= size else text[:size] + "…"


def check_reader(outcome: Outcome) -> None:
    assert outcome.data is not None
    accepted = wordml.stories(outcome.data, "accept")
    rejected = wordml.stories(outcome.data, "reject")
    difference = _compare_stories(accepted, wordml.stories(outcome.new, "accept"))
    if not difference and objects_view(outcome.data, "accept") != objects_view(outcome.new, "accept"):
        difference = f"objects: got {_short(objects_view(outcome.data, 'accept'))}, expected {_short(objects_view(outcome.new, 'accept'))}"
    outcome.record("accept", not difference, difference)
    problems = [_compare_stories(rejected, wordml.stories(outcome.old, _old_view(outcome)))]
    if objects_view(outcome.data, "reject") != objects_view(outcome.old, _old_view(outcome)):
        problems.append(f"objects: got {_short(objects_view(outcome.data, 'reject'))}, expected {_short(objects_view(outcome.old, _old_view(outcome)))}")
    old_comments = wordml.stories(outcome.old, "shown")["comments"]
    if accepted["comments"] != old_comments:
        problems.append(f"comments: {accepted['comments']} in the output, {old_comments} in the old file")
    for view, stories in (("accept", accepted), ("reject", rejected)):
        if stories["fallbacks"] and stories["fallbacks"] != stories["textboxes"][: len(stories["fallbacks"])]:
            problems.append(f"{view}: text box fallbacks {_short(stories['fallbacks'])} differ from the preferred markup {_short(stories['textboxes'])}")
    problems = [p for p in problems if p]
    outcome.record("reject", not problems, "; ".join(problems))


def check_package(outcome: Outcome) -> None:
    assert outcome.data is not None
    before = set(wordml.problems(outcome.old, tracked=False))
    after = [p for p in wordml.problems(outcome.data) if p not in before and not p.startswith(("settings.xml does not",))]
    outcome.record("package", not after, "; ".join(after))
    try:
        wordml.reopen_with_python_docx(outcome.data)
        outcome.record("python_docx", True)
    except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
        outcome.record("python_docx", False, f"{type(exc).__name__}: {exc}")


# -- revisions ------------------------------------------------------------------------------------


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _story_parts(parts: dict[str, bytes]) -> list[str]:
    return [n for n in parts if re.fullmatch(r"word/(document|header\d+|footer\d+|footnotes|endnotes)\.xml", n)]


def _ours(element: ET.Element) -> bool:
    return element.get(W + "author") == AUTHOR


def _resolver(parts: dict[str, bytes], part: str):  # type: ignore[no-untyped-def]
    """Relationship id of a part → its external target, or a digest of the internal part's bytes."""
    import hashlib

    rels = wordml._rels(parts, part)

    def resolve(rid: str) -> str:
        kind, target = rels.get(rid, ("", rid))
        data = parts.get(target)
        return hashlib.sha1(data).hexdigest()[:12] if data is not None else target

    return resolve


def _objects(p: ET.Element, view: str, resolve=lambda rid: rid) -> str:  # type: ignore[no-untyped-def]
    """Objects a view shows in a paragraph (pictures by their bytes, note references, field codes, links), as text."""
    hidden = wordml._HIDDEN_IN[view]
    out: list[str] = []

    def walk(element: ET.Element, gone: bool) -> None:
        for child in element:
            name = wordml._local(child.tag)
            here = gone or name in hidden
            if name == "txbxContent":
                continue
            if not here:
                if name in ("drawing", "pict"):
                    out.append("[object " + " ".join(resolve(v) for e in child.iter() for k, v in e.attrib.items() if k.startswith(wordml.R)) + "]")
                elif name in ("footnoteReference", "endnoteReference"):
                    out.append("[note]")
                elif name in ("instrText", "delInstrText"):
                    out.append(f"[field {child.text}]")
                elif name == "fldSimple":
                    out.append(f"[field {child.get(W + 'instr')}]")
                elif name == "hyperlink":
                    shown: list[str] = []
                    wordml._text(child, view, shown, [])
                    if "".join(shown).strip():
                        out.append(f"[link {resolve(child.get(wordml.R + 'id', '')) if child.get(wordml.R + 'id') else child.get(W + 'anchor')}]")
            walk(child, here)

    walk(p, False)
    return "".join(out)


def _paragraph_view(p: ET.Element, view: str, resolve=lambda rid: rid) -> str:  # type: ignore[no-untyped-def]
    pieces: list[str] = []
    wordml._text(p, view, pieces, [])
    return " ".join("".join(pieces).split()) + _objects(p, view, resolve)


def objects_view(data: bytes, view: str) -> list[str]:
    """The objects of every story part as a view shows them, in order (pictures by the bytes of their part)."""
    parts = _parts(data)
    out: list[str] = []
    for name in sorted(_story_parts(parts)):
        resolve = _resolver(parts, name)
        for p in _paragraphs(ET.fromstring(parts[name])):
            found = _objects(p, view, resolve)
            if found:
                out.append(f"{name}: {found}")
    return out


def check_revisions(outcome: Outcome) -> None:
    """No revision that changes nothing; no more revised paragraphs than differing ones.

    Paragraphs are compared with their objects (pictures by relationship, note
    references, field codes), so replacing a picture is a change; paragraphs of
    text box fallbacks are left out (they repeat the preferred markup).
    """
    assert outcome.data is not None
    parts = _parts(outcome.data)
    problems: list[str] = []
    touched = 0
    for name in _story_parts(parts):
        root = ET.fromstring(parts[name])
        resolve = _resolver(parts, name)
        replaced = {id(p) for table in _replaced_tables(root) for p in table.iter(W + "p")}
        for p in _paragraphs(root):
            if id(p) in replaced:
                continue  # a table replaced whole (its columns changed): counted by the pair's facts
            own = [e for e in _own_elements(p) if _ours(e) and wordml._local(e.tag) in ("ins", "del", "moveFrom", "moveTo") and _is_run_wrapper(e)]
            mark = p.find(f"{W}pPr/{W}rPr")
            marked = mark is not None and any(_ours(c) for c in mark)
            accepted, rejected = _paragraph_view(p, "accept", resolve), _paragraph_view(p, "reject", resolve)
            if own and accepted == rejected and not marked:
                problems.append(f"{name}: revisions that change nothing in «{_paragraph_view(p, 'shown')[:80]}»")
            if (own or marked) and accepted != rejected:
                touched += 1
    old, new = _parts(outcome.old), _parts(outcome.new)
    changed = 0
    for name in sorted(set(_story_parts(old)) | set(_story_parts(new))):
        resolve_old, resolve_new = _resolver(old, name), _resolver(new, name)
        a = [t for p in (_paragraphs(ET.fromstring(old[name])) if name in old else []) if (t := _paragraph_view(p, _old_view(outcome), resolve_old))]
        b = [t for p in (_paragraphs(ET.fromstring(new[name])) if name in new else []) if (t := _paragraph_view(p, "accept", resolve_new))]
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag != "equal":
                changed += (i2 - i1) + (j2 - j1)
    if touched > changed:
        problems.append(f"{touched} paragraphs carry revisions of ours, but the versions differ in {changed} paragraphs")
    outcome.record("sane", not problems, "; ".join(problems))


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _row_revision(row: ET.Element) -> str | None:
    trpr = row.find(W + "trPr")
    marks = [wordml._local(c.tag) for c in trpr if _ours(c)] if trpr is not None else []
    return marks[0] if marks else None


def _replaced_tables(root: ET.Element) -> list[ET.Element]:
    """Tables whose every row we deleted, followed by a table whose every row we inserted (both)."""
    out: list[ET.Element] = []
    for parent in root.iter():
        children = list(parent)
        for a, b in zip(children, children[1:]):
            if a.tag == b.tag == W + "tbl":
                rows_a, rows_b = a.findall(W + "tr"), b.findall(W + "tr")
                if rows_a and rows_b and all(_row_revision(r) == "del" for r in rows_a) and all(_row_revision(r) == "ins" for r in rows_b):
                    out += [a, b]
    return out


def _paragraphs(root: ET.Element) -> list[ET.Element]:
    """Every paragraph of a part, text box paragraphs included, markup-compatibility fallbacks not."""
    out: list[ET.Element] = []

    def walk(element: ET.Element) -> None:
        for child in element:
            if child.tag == _FALLBACK:
                continue
            if child.tag == W + "p":
                out.append(child)
            walk(child)

    walk(root)
    return out


def _own_elements(p: ET.Element) -> list[ET.Element]:
    """The elements of paragraph ``p`` itself, not those of paragraphs in its text boxes."""
    out: list[ET.Element] = []

    def walk(element: ET.Element) -> None:
        for child in element:
            if wordml._local(child.tag) in ("txbxContent", "p"):
                continue
            out.append(child)
            walk(child)

    walk(p)
    return out


def _is_run_wrapper(element: ET.Element) -> bool:
    return any(wordml._local(c.tag) in ("r", "hyperlink", "fldSimple", "bookmarkStart") for c in element)


# -- untouched content ---------------------------------------------------------------------------------

#: Parts a redline may rewrite: the main part and settings (Track Changes on), package metadata for new
#: parts, style and numbering definitions an inserted paragraph brings along.
MAY_CHANGE = re.compile(r"(\[Content_Types\]\.xml|.*\.rels|word/(document|settings|styles|numbering)\.xml|word/media/.*)$")


def _c14n(element: ET.Element) -> str:
    """Canonical XML of a paragraph; note reference ids left out (a redline may renumber notes in document order, as Word does on save)."""
    text = ET.canonicalize(ET.tostring(element, encoding="unicode"), strip_text=False)
    return re.sub(r'(<[^>]*(?:footnote|endnote)Reference[^>]*?)\s[^\s=]*:?id="\d+"', r"\1", text)


def check_untouched(outcome: Outcome) -> None:
    assert outcome.data is not None
    old_data = outcome.old
    if outcome.existing in ("accept", "reject") and outcome.mode == "from-to" or (outcome.mode == "patch" and outcome.existing in ("accept", "reject")):
        from lexamend.ooxml.stories import resolve_stories
        from lexamend.ooxml.writer import PackageCopy

        package = PackageCopy.from_bytes(old_data)
        resolve_stories(package, accept=outcome.existing == "accept")
        old_data = package.to_bytes()  # the baseline: the old file as --existing left it
    old_parts, new_parts = _parts(old_data), _parts(outcome.data)
    problems: list[str] = []
    revised = {name for name in _story_parts(new_parts) if f'w:author="{AUTHOR}"'.encode() in new_parts[name]}
    for name, content in old_parts.items():
        if name in new_parts and new_parts[name] != content and not MAY_CHANGE.fullmatch(name) and name not in revised:
            problems.append(f"{name} changed but holds no revision")
    pool: Counter[str] = Counter()
    for name in _story_parts(old_parts):
        pool.update(_c14n(p) for p in ET.fromstring(old_parts[name]).iter(W + "p"))
    for name in _story_parts(new_parts):
        for p in ET.fromstring(new_parts[name]).iter(W + "p"):
            if any(_ours(e) for e in p.iter()) or any(e.tag in (W + "moveFromRangeStart", W + "moveToRangeStart") for e in p.iter()):
                continue
            key = _c14n(p)
            if pool[key] <= 0:
                if _inserted_story(p, new_parts[name]):
                    continue
                problems.append(f"{name}: paragraph «{' '.join(''.join(t.text or '' for t in p.iter(W + 't')).split())[:60]}» is not a paragraph of the old file")
            else:
                pool[key] -= 1
    if outcome.existing == "keep":
        problems.extend(_blocks_copied(old_parts.get("word/document.xml", b""), new_parts.get("word/document.xml", b"")))
    outcome.record("untouched", not problems, "; ".join(problems[:3]))


def _inserted_story(p: ET.Element, part: bytes) -> bool:
    """An empty paragraph that closes inserted content (a new note or header ends with its mark untracked)."""
    return not "".join(t.text or "" for t in p.iter(W + "t")).strip() and f'w:author="{AUTHOR}"'.encode() in part


def _blocks_copied(old: bytes, new: bytes) -> list[str]:
    """Top-level blocks of the old main part are in the output's byte for byte, but for the ones revised.

    Every block missing must be matched by a block of the output that carries
    a revision of ours.
    """
    from lexamend.ooxml.blocks import block_spans

    old_spans = block_spans(ET.fromstring(old).find(W + "body"), old)  # type: ignore[arg-type]
    new_spans = block_spans(ET.fromstring(new).find(W + "body"), new)  # type: ignore[arg-type]
    if old_spans is None or new_spans is None:
        return ["the main parts could not be cut into blocks"]
    present = Counter(new[a:b] for a, b in (s for s in new_spans if s is not None))
    missing = 0
    for a, b in (s for s in old_spans if s is not None):
        if present[old[a:b]] > 0:
            present[old[a:b]] -= 1
        else:
            missing += 1
    mark = f'w:author="{AUTHOR}"'.encode()
    revised = sum(1 for a, b in (s for s in new_spans if s is not None) if mark in new[a:b])
    if missing > revised:
        return [f"{missing} top-level blocks of the old main part are not in the output byte for byte, {revised} are revised"]
    return []


# -- LibreOffice ----------------------------------------------------------------------------------------


def has_comments(data: bytes) -> bool:
    parts = _parts(data)
    return any(n.endswith("comments.xml") and b"<w:comment " in c for n, c in parts.items())


def strip_annotations(odt: bytes) -> bytes:
    """An ODT without its comments (office:annotation): what LibreOffice 7.4 headless can open through UNO."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(odt)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "content.xml":
                content = re.sub(rb"<office:annotation\b.*?</office:annotation>", b"", content, flags=re.S)
                content = re.sub(rb"<office:annotation-end\b[^>]*/>", b"", content)
            compress = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, content, compress_type=compress)
    return out.getvalue()


def libreoffice_views(files: list[tuple[Path, str]], soffice: str, python: str, workdir: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    """LibreOffice's reading of files in views, two processes in parallel: "path|view" → stories (or error)."""
    jobs: list[tuple[str, str]] = []
    aliases: dict[str, str] = {}
    to_convert = sorted({path for path, _ in files if has_comments(path.read_bytes())})
    if to_convert:
        outdir = workdir / "odt"
        outdir.mkdir(exist_ok=True)
        for path in to_convert:
            target = outdir / f"{abs(hash(str(path)))}.docx"
            target.write_bytes(path.read_bytes())
            aliases[str(path)] = str(target.with_suffix(".odt"))
        subprocess.run(
            [soffice, f"-env:UserInstallation={(workdir / 'profile-convert').as_uri()}", "--headless", "--convert-to", "odt", "--outdir", str(outdir), *[aliases[str(p)][:-4] + ".docx" for p in to_convert]],
            capture_output=True, timeout=900, check=False,
        )  # fmt: skip
        for original, converted in list(aliases.items()):
            if os.path.exists(converted):
                Path(converted).write_bytes(strip_annotations(Path(converted).read_bytes()))
            else:
                aliases[original] = ""
    results: dict[str, dict] = {}  # type: ignore[type-arg]
    for path, view in files:
        target = aliases.get(str(path), str(path))
        if not target:
            results[f"{path}|{view}"] = {"error": "LibreOffice could not convert the file to ODT"}
            continue
        jobs.append((target, view))
    # Two LibreOffice processes; every job of one file goes to the same one (a file open in one
    # process is locked for the other).
    files_in_order = sorted({path for path, _ in jobs})
    first = set(files_in_order[0::2])
    halves = [[job for job in jobs if job[0] in first], [job for job in jobs if job[0] not in first]]
    processes = []
    for index, half in enumerate(halves):
        if not half:
            continue
        jobs_file = workdir / f"jobs{index}.json"
        jobs_file.write_text(json.dumps(half), encoding="utf-8")
        processes.append((subprocess.Popen([python, str(HELPER), (workdir / f"profile{index}").as_uri(), str(jobs_file), str(workdir / f"out{index}.json")], stderr=subprocess.PIPE), index))
    for process, index in processes:
        _, err = process.communicate(timeout=1800)
        if process.returncode != 0:
            raise RuntimeError(f"the LibreOffice helper failed: {err.decode(errors='replace')[-2000:]}")
        done = json.loads((workdir / f"out{index}.json").read_text(encoding="utf-8"))
        results.update(done)
    by_original = {}
    for path, view in files:
        target = aliases.get(str(path), str(path))
        by_original[f"{path}|{view}"] = results.get(f"{target}|{view}", results.get(f"{path}|{view}", {"error": "no result"}))
    return by_original


def _lo_normal(record: dict) -> dict:  # type: ignore[type-arg]
    def lines(texts: list[str]) -> list[str]:
        return [" ".join(t.split()) for t in texts if t.strip()]

    return {
        # Anchors of shapes export as zero-width spaces; LibreOffice puts a zero-width joiner (its
        # CH_TXT_TRACKED_DUMMY_CHAR) in the empty cells of a tracked row, and keeps it after accepting.
        "body": lines([t.replace("\u200b", "").replace("\u200d", "") for t in record.get("body", [])]),
        "footnotes": lines(record.get("footnotes", [])),
        "endnotes": lines(record.get("endnotes", [])),
        "shapes": sorted(lines(record.get("shapes", []))),
        "headers": sorted(lines(record.get("headers", []))),
    }


def libreoffice_limitation(outcome: Outcome) -> str | None:
    """Why LibreOffice's Accept/Reject All cannot judge this pair (a LibreOffice bug the manifest names), or None."""
    return ((outcome.entry.get("libreoffice") or {}).get("shown")) or None


def check_libreoffice(outcome: Outcome, views: dict[str, dict]) -> None:  # type: ignore[type-arg]
    """LibreOffice's Accept/Reject All against its own reading of the two versions.

    For a pair whose manifest names a LibreOffice bug that makes Accept/Reject
    All wrong whatever the markup, LibreOffice's reading of the output as shown
    (deleted and inserted text both) is compared with the independent reader's instead.
    """
    assert outcome.path is not None
    folder = outcome.path.parent
    old, new = folder / "old.docx", folder / "new.docx"
    if libreoffice_limitation(outcome):
        shown = views[f"{outcome.path}|shown"]
        if "error" in shown:
            for check in LIBREOFFICE_CHECKS:
                outcome.record(check, False, shown["error"])
            return
        got = _lo_normal(shown)["body"]
        want = [" ".join(line.split()) for line in wordml.lines(outcome.data or b"", "shown")]
        difference = "" if got == want else f"shown: got {_short(got)}, expected {_short(want)}"
        outcome.record("lo_opens", True)
        outcome.record("lo_accept", not difference, difference or "LibreOffice shows every deleted and inserted word")
        outcome.record("lo_reject", not difference, difference or "LibreOffice shows every deleted and inserted word")
        return
    accepted, rejected = views[f"{outcome.path}|accept"], views[f"{outcome.path}|reject"]
    errors = [r["error"] for r in (accepted, rejected) if "error" in r]
    outcome.record("lo_opens", not errors, "; ".join(errors))
    if errors:
        outcome.record("lo_accept", False, errors[0])
        outcome.record("lo_reject", False, errors[0])
        return
    for check, got, want in (("lo_accept", accepted, views[f"{new}|accept"]), ("lo_reject", rejected, views[f"{old}|{_old_view(outcome)}"])):
        a, b = _lo_normal(got), _lo_normal(want)
        difference = next((f"{story}: got {_short(a[story])}, expected {_short(b[story])}" for story in a if a[story] != b[story]), "")
        outcome.record(check, not difference, difference)


def libreoffice_jobs(outcomes: list[Outcome]) -> list[tuple[Path, str]]:
    jobs: list[tuple[Path, str]] = []
    for outcome in outcomes:
        if outcome.path is None:
            continue
        if libreoffice_limitation(outcome):
            jobs.append((outcome.path, "shown"))
            continue
        folder = outcome.path.parent
        jobs += [(outcome.path, "accept"), (outcome.path, "reject"), (folder / "new.docx", "accept"), (folder / "old.docx", _old_view(outcome))]
    return jobs


# -- facts -----------------------------------------------------------------------------------------------------


def check_facts(outcome: Outcome) -> None:
    assert outcome.data is not None
    facts = dict(outcome.entry.get("revisions") or {})
    if not facts:
        outcome.record("facts", None)
        return
    parts = _parts(outcome.data)
    roots = [ET.fromstring(parts[n]) for n in _story_parts(parts)]
    elements = [e for root in roots for e in root.iter()]
    found = {
        "rows_inserted": sum(1 for e in elements if wordml._local(e.tag) == "trPr" for c in e if wordml._local(c.tag) == "ins" and _ours(c)),
        "rows_deleted": sum(1 for e in elements if wordml._local(e.tag) == "trPr" for c in e if wordml._local(c.tag) == "del" and _ours(c)),
        "moves": sum(1 for e in elements if wordml._local(e.tag) == "moveFromRangeStart" and _ours(e)),
        "tables_replaced": sum(len(_replaced_tables(root)) for root in roots) // 2,
        "formatting": sum(1 for e in elements if wordml._local(e.tag) in ("rPrChange", "pPrChange") and _ours(e)),
        "other_authors": sum(1 for e in elements if wordml._local(e.tag) in wordml.REVISION_TAGS + ("trPrChange",) and e.get(W + "author") not in (None, AUTHOR)),
    }
    problems = []
    for key, want in facts.items():
        if key == "notes":
            if str(want) not in outcome.err:
                problems.append(f"the notes on stderr do not say {want!r}: {outcome.err.strip()[:200]!r}")
        elif found.get(key) != want:
            problems.append(f"{key}: {found.get(key)}, expected {want}")
    outcome.record("facts", not problems, "; ".join(problems))


# -- all of it -------------------------------------------------------------------------------------------------


def check_all(workdir: Path, *, soffice: str | None, python: str | None) -> list[Outcome]:
    """Redline every pair in every mode it names and run every check; LibreOffice checks when given its tools."""
    outcomes: list[Outcome] = []
    for entry in manifest():
        modes = ["from-to"] + (["patch"] if entry.get("patch") else [])
        for mode in modes:
            outcome = run(entry, mode, workdir)
            outcomes.append(outcome)
            if outcome.data is None:
                continue
            check_reader(outcome)
            check_package(outcome)
            check_revisions(outcome)
            check_untouched(outcome)
            check_facts(outcome)
    if soffice and python:
        views = libreoffice_views(libreoffice_jobs(outcomes), soffice, python, workdir)
        for outcome in outcomes:
            if outcome.path is not None:
                check_libreoffice(outcome, views)
    return outcomes


# -- the table in docs/ ---------------------------------------------------------------------------------------------

DOC = REPO / "docs" / "redline-fidelity.md"


def render_table(outcomes: list[Outcome]) -> str:
    """docs/redline-fidelity.md: the corpus, every pair × check, and the limitations."""
    from tests.render.fidelity_doc import render

    return render(outcomes)


__all__ = ["CHECKS", "DOC", "Outcome", "check_all", "manifest", "render_table"]
