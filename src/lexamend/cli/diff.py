"""``lexamend diff``, ``derive`` and ``compare``: versions of a law and competing proposals, unit by unit.

Exit codes follow ``diff``: 0 the versions (or the proposals' results) are the
same, 1 they differ, 2 trouble (unreadable input, bad citation, …).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from lexamend.cli.options import LANG, load, source_options, warn_issues
from lexamend.errors import EXIT_FAILED, EXIT_OK, LexamendError
from lexamend.model import Document
from lexamend.outputs import write_atomic
from lexamend.parse import parse_file

DIFF_FORMATS = ("term", "unified", "json", "html", "docx")
COMPARE_FORMATS = ("term", "json", "html", "md")


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while trees are built and compared.

    Clause trees are hundreds of thousands of small acyclic objects that
    reference counting frees; the cyclic collector only rescans them, again and
    again as they accumulate (a fifth of the time of a diff of a long law).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _color(choice: str, output: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or output != "-":
        return False
    return sys.stdout.isatty()


def _load_pair(old: str, new: str, *, quiet: bool = False, **options: object) -> tuple[Document, Document]:
    """Parse both versions (paths or corpus ids), printing parser warnings unless ``quiet``."""
    from lexamend.corpus import find

    old_doc, new_doc = parse_both(str(find(old)), str(find(new)), **options)
    if not quiet:
        warn_issues(old_doc)
        warn_issues(new_doc)
    return old_doc, new_doc


def parse_both(old_path: str, new_path: str, **options: Any) -> tuple[Document, Document]:
    """Parse two texts, the second in a forked child process when the machine has two cores.

    Parsing is most of the time ``lexamend diff`` takes on a long law (see
    bench/README.md), the two texts are independent, and sending the child's
    tree back (pickled, through a pipe) costs a fraction of parsing it. Without
    ``fork`` or a second core, or with ``LEXAMEND_SERIAL=1``, they are parsed in turn.
    """
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2 or os.environ.get("LEXAMEND_SERIAL") == "1":
        return parse_file(old_path, **options), parse_file(new_path, **options)
    import pickle

    from lexamend.parse.source import decode  # noqa: F401  (imported before the fork: once for both)
    from lexamend.parse.text import parse_text

    parse_text("Статья 1. Заголовок\n1. Текст:\n1) подпункт;\nСноска. Пункт 1.\n")  # compiles the parser's patterns once
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse NEW, send the result or the error back, and leave at once
        os.close(read_fd)
        try:
            try:
                payload: tuple[str, Any] = ("ok", parse_file(new_path, **options))
            except LexamendError as exc:
                payload = ("error", (str(exc), exc.exit_code))
            except BaseException as exc:  # a bug: report it in the parent
                payload = ("crash", f"{type(exc).__name__}: {exc}")
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(0)
    os.close(write_fd)
    try:
        old_doc = parse_file(old_path, **options)
    except BaseException:
        os.kill(pid, 9)
        os.close(read_fd)
        os.waitpid(pid, 0)
        raise
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError(f"the process parsing {new_path} ended without a result")
    status, value = pickle.loads(data)
    if status == "error":
        error = LexamendError(value[0])
        error.exit_code = value[1]
        raise error
    if status == "crash":
        raise RuntimeError(f"while parsing {new_path}: {value}")
    return old_doc, value


def redline_bytes(old_doc: Document, new_doc: Document, *, old_source: bytes | None, author: str, date: str) -> bytes:
    """The tracked-changes .docx of OLD → NEW, from the redline writer (``lexamend.render.redline``).

    ``old_source`` is the .docx OLD was parsed from (the revisions go into a copy
    of it, formatting kept), or None for a text.
    """
    try:
        from lexamend.render.redline import redline_documents  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise LexamendError(
            f"--format docx needs the redline writer (lexamend.render.redline), which this installation does not have ({exc})",
            hint="Use --format html or unified for a reviewable diff, or install a lexamend version with `lexamend redline`.",
        ) from None
    return redline_documents(old_doc, new_doc, old_source=old_source, author=author, date=date, comments=None)  # type: ignore[no-any-return]


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="term", show_default=True, help="term: coloured view grouped by unit; unified: plain text with unit hunks (email, git); json: schema lexamend/diff v1; html: self-contained side-by-side page; docx: tracked changes (the redline writer).")
@click.option("--word-level/--unit-level", "word_level", default=True, show_default=True, help="Show changed words inside units, or whole old and new units.")
@click.option("--only", "only", metavar="CITATION", help='Only this unit and its descendants ("Article 8", «п. 2 ст. 8», art_8__para_2).')
@click.option("--ignore-editorial", is_flag=True, help="Skip changes of editorial notes (Сноска, Примечание ИЗПИ!).")
@click.option("--ignore-case", is_flag=True, help="Treat words that differ only in case as equal.")
@click.option("--ignore-space", is_flag=True, help="Ignore differences in spacing.")
@click.option("--cite-lang", type=LANG, help="Language of the citations in headers (default: each document's).")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colours in the term format.")
@click.option("--author", default="lexamend", show_default=True, help="With --format docx: the author of the tracked changes.")
@click.option("--date", "date", default=None, help="With --format docx: the date of the tracked changes (YYYY-MM-DD; default 2000-01-01, so the file is reproducible).")
@click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, allow_dash=True), help="Write here instead of standard output (required for docx).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print parser warnings.")
@source_options
def diff_cmd(old: str, new: str, fmt: str, word_level: bool, only: str | None, ignore_editorial: bool, ignore_case: bool, ignore_space: bool, cite_lang: str | None, color: str, author: str, date: str | None, output: str, quiet: bool, lang: str | None, encoding: str | None, layout: str | None, strict: bool) -> None:
    """Compare two versions of a legal text unit by unit.

    Units are matched in text order by their words (a renumbered unit
    included), then similar units in order, then units that moved; inside
    each matched unit the words are diffed, and editorial notes apart. OLD and NEW may be .txt,
    .md, .docx or .html files, in any combination (a .txt and a .docx of the
    same law compare by their text), or corpus ids. Exit code 0: the same;
    1: different; 2: trouble.
    """
    from lexamend.diff.document import DiffOptions, diff_documents

    with _no_gc():
        old_doc, new_doc = _load_pair(old, new, lang=lang, encoding=encoding, layout=layout, strict=strict, quiet=quiet)
        options = DiffOptions(
            word_level=word_level, ignore_editorial=ignore_editorial, ignore_case=ignore_case,
            ignore_space=ignore_space, only=only, cite_lang=cite_lang,
        )
        diff = diff_documents(old_doc, new_doc, options)
    inputs = [old_doc.meta.source, new_doc.meta.source]
    if fmt == "json":
        from lexamend.render.diff_json import diff_to_json

        write_atomic(output, diff_to_json(diff), inputs=inputs)
    elif fmt == "unified":
        from lexamend.render.diff_unified import render_unified

        write_atomic(output, render_unified(diff), inputs=inputs)
    elif fmt == "html":
        from lexamend.render.diff_html import render_html

        write_atomic(output, render_html(diff), inputs=inputs)
    elif fmt == "docx":
        if output == "-":
            raise click.UsageError("--format docx writes a Word file: give it with -o FILE.docx")
        from lexamend.ooxml.deterministic import iso_date

        try:
            stamp = iso_date(date)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from None
        from lexamend.parse import format_of

        old_path = old_doc.meta.source
        old_bytes = Path(old_path).read_bytes() if format_of(old_path) == "docx" else None
        data = redline_bytes(old_doc, new_doc, old_source=old_bytes, author=author, date=stamp)
        write_atomic(output, data, inputs=inputs)
    else:
        from lexamend.render.diff_terminal import render_terminal

        if output == "-":
            render_terminal(diff, sys.stdout, color=_color(color, output))
        else:
            import io

            buffer = io.StringIO()
            render_terminal(diff, buffer, color=color == "always")
            write_atomic(output, buffer.getvalue(), inputs=inputs)
    if fmt not in ("term", "unified"):
        from lexamend.render.diff_layout import warnings

        for message in warnings(diff):
            click.echo(f"lexamend: warning: {message}", err=True)
        if output != "-":
            click.echo(diff.summary_line(), err=True)
    raise SystemExit(EXIT_OK if diff.identical else EXIT_FAILED)


@click.command("derive")
@click.argument("old")
@click.argument("new")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True), help="The patch file to write (YAML; - for standard output).")
@click.option("--title", help="The patch's title (default: “Changes from OLD to NEW”).")
@click.option("--author", "authors", multiple=True, help="An author of the patch (repeatable).")
@click.option("--date", "date", help="The patch's date (YYYY-MM-DD).")
@click.option("--base", "base_ref", help="What the patch names as its base (default: OLD as given).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print parser warnings.")
@source_options
def derive_cmd(old: str, new: str, output: str, title: str | None, authors: tuple[str, ...], date: str | None, base_ref: str | None, quiet: bool, lang: str | None, encoding: str | None, layout: str | None, strict: bool) -> None:
    """Write the patch that turns OLD into NEW.

    The fewest edits that apply exactly: words deleted, inserted or replaced
    inside units, units restated when most of their wording changed, and
    units inserted, repealed or renumbered. The patch is checked by applying
    it to OLD before it is written. Editorial notes and the title line are not
    part of a patch; differences there are reported.
    """
    from lexamend.diff.derive import derive
    from lexamend.patch.dump import dumps

    old_doc, new_doc = _load_pair(old, new, lang=lang, encoding=encoding, layout=layout, strict=strict, quiet=quiet)
    if date is not None:
        import re

        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise click.BadParameter(f"{date!r} is not a date (YYYY-MM-DD)", param_hint="--date")
    with _no_gc():
        derived = derive(old_doc, new_doc, base=base_ref or old, title=title or "", date=date or "", authors=authors)
    for message in derived.warnings:
        click.echo(f"lexamend: warning: {message}", err=True)
    if not derived.patch.edits:
        click.echo("lexamend: the two versions have the same legal text: nothing to derive, no patch written", err=True)
        raise SystemExit(EXIT_FAILED)
    write_atomic(output, dumps(derived.patch), inputs=[old_doc.meta.source, new_doc.meta.source])
    if output != "-":
        ops: dict[str, int] = {}
        for edit in derived.patch.edits:
            ops[edit.op.value] = ops.get(edit.op.value, 0) + 1
        detail = ", ".join(f"{n} {op}" for op, n in sorted(ops.items()))
        click.echo(f"wrote {output}: {len(derived.patch.edits)} edits ({detail})", err=True)


@click.command("compare")
@click.argument("base")
@click.argument("patch_a", type=click.Path(dir_okay=False))
@click.argument("patch_b", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(COMPARE_FORMATS), default="term", show_default=True, help="term: coloured, by unit; json: schema lexamend/compare v1; html: self-contained page, base/A/B side by side; md: Markdown tables.")
@click.option("--versions/--no-versions", "versions", default=None, help="Also list the edits added, dropped and changed from A to B by id (default: when A and B share edit ids, as two versions of one proposal do).")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colours in the term format.")
@click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, allow_dash=True), help="Write here instead of standard output.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print parser warnings.")
@source_options
def compare_cmd(base: str, patch_a: str, patch_b: str, fmt: str, versions: bool | None, color: str, output: str, quiet: bool, lang: str | None, encoding: str | None, layout: str | None, strict: bool) -> None:
    """Compare two proposals (PATCH_A, PATCH_B) for BASE unit by unit.

    For each unit either touches: the base wording, A's result and B's,
    classified as same result, A only, B only, overlapping (conflict) or
    disjoint edits in the same unit (composable). Two versions of one proposal
    are also compared edit by edit (added, dropped, changed, by id). Exit code
    0: the same result everywhere; 1: they differ; 2: trouble.
    """
    from lexamend.corpus import find
    from lexamend.diff.compare import compare_patches
    from lexamend.patch import load as load_patch

    doc = load(str(find(base)), lang=lang, encoding=encoding, layout=layout, strict=strict, quiet=quiet)
    comparison = compare_patches(doc, load_patch(patch_a), load_patch(patch_b), versions=versions)
    inputs = [doc.meta.source, patch_a, patch_b]
    if fmt == "json":
        from lexamend.render.compare import comparison_to_json

        write_atomic(output, comparison_to_json(comparison), inputs=inputs)
    elif fmt == "md":
        from lexamend.render.compare import render_markdown

        write_atomic(output, render_markdown(comparison), inputs=inputs)
    elif fmt == "html":
        from lexamend.render.compare import render_compare_html

        write_atomic(output, render_compare_html(comparison), inputs=inputs)
    else:
        from lexamend.render.compare import render_compare_terminal

        if output == "-":
            render_compare_terminal(comparison, sys.stdout, color=_color(color, output))
        else:
            import io

            buffer = io.StringIO()
            render_compare_terminal(comparison, buffer, color=color == "always")
            write_atomic(output, buffer.getvalue(), inputs=inputs)
    if output != "-" and fmt != "term":
        click.echo(comparison.summary_line(), err=True)
    raise SystemExit(EXIT_OK if comparison.same else EXIT_FAILED)
