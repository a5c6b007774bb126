"""``lexamend redline`` and ``lexamend table``: Word documents with tracked changes, and the comparative table.

Imports are kept inside the commands; what the commands run lives in
:mod:`lexamend.cli.redline_run`, which :mod:`lexamend.cli.fast` also calls
without click.
"""

from __future__ import annotations

from pathlib import Path

import click

from lexamend.cli.redline_run import print_notes, read_source, redline_versions, revision_date

LANG = click.Choice(["en", "ru", "kk"])


def _source_options(func):  # type: ignore[no-untyped-def]
    from lexamend.cli.options import source_options

    return source_options(func)


@click.command("redline")
@click.argument("base", required=False)
@click.argument("patches", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--from", "old", metavar="OLD", help="Compare two versions: the old one (.docx, .txt, .md, .html or a corpus id).")
@click.option("--to", "new", metavar="NEW", help="Compare two versions: the new one.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The .docx to write (written only when complete).")
@click.option("--author", default="lexamend", show_default=True, help="Author of the tracked changes.")
@click.option("--date", "date", help="Date of the tracked changes (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ); default: the patches' date.")
@click.option("--comments", is_flag=True, help="Add each edit's rationale and rights references as a margin comment.")
@click.option("--template", type=click.Path(dir_okay=False, exists=True), help="A .docx whose styles a text base is laid out with.")
@click.option("--lang", type=LANG, help="Language of the texts (detected when omitted).")
@click.option("--encoding", help="Encoding of a text file (UTF-8 and Windows-1251 are detected).")
@click.option(
    "--existing",
    type=click.Choice(["keep", "accept", "reject", "refuse"]),
    default="keep",
    show_default=True,
    help="Tracked changes already in a Word input: keep them (with their authors and dates; the new revisions are added "
    "where they do not touch them, and the command stops where they would), accept or reject them all first, or refuse the file.",
)
@click.option("--moves/--no-moves", default=False, show_default=True, help="--from/--to on two .docx: write paragraphs that moved as Word moves (moveFrom/moveTo) instead of deleted and inserted.")
@click.option("--formatting", is_flag=True, help="--from/--to on two .docx: track formatting changes too (paragraph and run properties); by default only text changes (and list numbering) are tracked.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures.")
def redline_cmd(
    base: str | None,
    patches: tuple[str, ...],
    old: str | None,
    new: str | None,
    output: str,
    author: str,
    date: str | None,
    comments: bool,
    template: str | None,
    lang: str | None,
    encoding: str | None,
    existing: str,
    moves: bool,
    formatting: bool,
    quiet: bool,
) -> None:
    """Write OUTPUT.docx with the edits of PATCHES to BASE as tracked changes.

    \b
    lexamend redline BASE PATCH... -o OUT.docx [--comments]
    lexamend redline --from OLD --to NEW -o OUT.docx

    A .docx BASE (or OLD) is copied with its styles, numbering, headers and
    formatting, and the changes are written into it; a text base becomes a
    new document laid out from a template. Review → Accept All gives the
    amended text, Reject All the original. With patches, nothing is written
    if any edit fails, and the document is read back before it is written:
    accepted it must be the amended text, rejected the base.

    Two .docx files are compared story by story: body, tables (rows as row
    revisions), text boxes, footnotes and endnotes, headers and footers.
    Paragraphs and parts no change touches are copied unchanged. Only text
    changes are tracked unless --formatting is given (a note says so).
    """
    from lexamend.outputs import write_atomic

    if old or new:
        if not (old and new) or base or patches:
            raise click.UsageError("use either BASE PATCH... or --from OLD --to NEW")
        if comments:
            raise click.UsageError("--comments needs patches: comments carry each edit's rationale")
        data, notes = redline_versions(
            old, new, author=author, date=date, lang=lang, encoding=encoding, template=template, existing=existing, moves=moves, formatting=formatting
        )
        write_atomic(output, data, inputs=[old, new])
        print_notes(notes, quiet=quiet)
        return
    if moves or formatting:
        raise click.UsageError("--moves and --formatting compare two versions: use them with --from OLD --to NEW")
    if not base or not patches:
        raise click.UsageError("give BASE and at least one PATCH (or --from OLD --to NEW)")
    data = _redline_patches(base, patches, author=author, date=date, comments=comments, lang=lang, encoding=encoding, template=template, quiet=quiet, existing=existing)
    write_atomic(output, data, inputs=[base, *patches])


def _apply(base: str, patches: tuple[str, ...], *, lang: str | None, encoding: str | None, quiet: bool, doc=None):  # type: ignore[no-untyped-def]
    """Parse the base (unless given), load and apply the patches; print the report and exit 1 when an edit fails."""
    from lexamend.apply import apply_patches
    from lexamend.cli.apply import _fail, _print_report, load_base
    from lexamend.patch import load as load_patch

    if doc is None:
        doc = load_base(base, lang=lang, encoding=encoding, quiet=quiet)
    loaded = [load_patch(p) for p in patches]
    result = apply_patches(doc, loaded)
    if not result.ok:
        _print_report(result, wrote=False, quiet=quiet)
        _fail(result)
    return doc, loaded, result


def _redline_patches(
    base: str, patches: tuple[str, ...], *, author: str, date: str | None, comments: bool, lang: str | None, encoding: str | None, template: str | None, quiet: bool, existing: str
) -> bytes:
    from lexamend.render.redline import redline_patches

    resolved = _resolved_base(base, existing, lang=lang, quiet=quiet)
    doc, loaded, result = _apply(base, patches, lang=lang, encoding=encoding, quiet=quiet, doc=resolved[0] if resolved else None)
    if resolved is not None:
        source: bytes | None = resolved[1]
        existing = "keep"  # resolved already: nothing left to keep
    else:
        source = read_source(doc.meta.source) if doc.source_format == "docx" else None
    return redline_patches(
        doc,
        source,
        result,
        loaded,
        author=author,
        date=revision_date(date, loaded),
        comments=comments,
        template=Path(template).read_bytes() if template else None,
        existing=existing,
    )


def _resolved_base(base: str, existing: str, *, lang: str | None, quiet: bool):  # type: ignore[no-untyped-def]
    """A .docx base with tracked changes and ``--existing accept|reject``: parsed with them resolved.

    Returns (document, its bytes) or None. The patches then apply to — and the
    redline is written into — the base as it stands once the existing changes
    are accepted or rejected.
    """
    from lexamend.cli.options import warn_issues
    from lexamend.cli.redline_run import docx_bytes, locate
    from lexamend.parse import parse_bytes
    from lexamend.render.redline.base import refuse_unsafe

    if existing not in ("accept", "reject"):
        return None
    path = locate(base)
    data = docx_bytes(path)
    if data is None:
        return None
    resolved = refuse_unsafe(data, path, existing=existing).to_bytes()
    doc = parse_bytes(resolved, path, fmt="docx", lang=lang)
    if not quiet:
        warn_issues(doc)
    return doc, resolved


@click.command("table")
@click.argument("base")
@click.argument("patches", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The table to write.")
@click.option("--lang", "table_lang", type=LANG, help="Language of the headings and citations (default: the base's).")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "html"]), default="docx", show_default=True, help="docx: landscape Word table; md: Markdown; html: a self-contained page.")
@click.option("--template", type=click.Path(dir_okay=False, exists=True), help="A .docx whose styles the table is laid out with.")
@click.option("--encoding", help="Encoding of a text base (UTF-8 and Windows-1251 are detected).")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures.")
def table_cmd(base: str, patches: tuple[str, ...], output: str, table_lang: str | None, fmt: str, template: str | None, encoding: str | None, quiet: bool) -> None:
    """Write the comparative table of PATCHES to BASE: current wording | proposed wording | rationale.

    One row per amended unit, with its citation; deletions struck in the
    current wording, insertions bold and underlined in the proposed one.
    Headings in the chosen language («Действующая редакция», «Предлагаемая
    редакция», «Обоснование» in Russian).
    """
    from lexamend.outputs import write_atomic
    from lexamend.render.table import comparative_rows, render_table

    doc, loaded, result = _apply(base, patches, lang=None, encoding=encoding, quiet=quiet)
    language = table_lang or doc.meta.language or "en"
    rows = comparative_rows(doc, result, loaded, language)
    data = render_table(rows, doc, loaded, language, fmt, template=Path(template).read_bytes() if template else None)
    write_atomic(output, data, inputs=[base, *patches])
