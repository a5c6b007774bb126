"""``lexamend xref``: cross-reference a text or a patch to the rights provisions it engages."""

from __future__ import annotations

from pathlib import Path

import click

from lexamend.cli.options import LANG

_PATCH_SUFFIXES = (".yaml", ".yml")


def _is_patch(path: str) -> bool:
    return Path(path).suffix.lower() in _PATCH_SUFFIXES


def _base_of(patch_path: str, base: str | None, patch_base: str) -> str:
    """The base text of a patch: ``--base``, else the patch's ``base:`` (a path or corpus id)."""
    from lexamend.corpus import find
    from lexamend.errors import InputError

    if base:
        return _relative(find(base))
    candidates = [patch_base, str(Path(patch_path).parent / patch_base)] if patch_base else []
    for candidate in candidates:
        try:
            return _relative(find(candidate))
        except InputError:
            continue
    raise InputError(
        patch_path,
        f"its base {patch_base!r} is neither a file nor a corpus document" if patch_base else "names no base text",
        hint="Give the text the patch amends with --base FILE (a path or a corpus id such as kz-law-education-2007.ru).",
    )


def _relative(path: Path) -> str:
    """A path relative to the working directory when it lies below it (reports name inputs as typed)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _list_registry() -> None:
    from lexamend.xref import load_registry

    registry = load_registry()
    for instrument in registry.instruments:
        click.echo(f"{instrument.short}: {instrument.title}")
        for version in instrument.versions:
            dates = (
                f"{version.valid_from or '…'} – {version.valid_to or '…'}"
                if version.valid_from or version.valid_to
                else "no validity dates"
            )
            where = "" if version.in_corpus else " [text not in the corpus]"
            click.echo(f"  version {version.doc} ({version.label}; {dates}){where}")
            for provision in registry.provisions:
                if provision.doc == version.doc:
                    click.echo(f"    {provision.id:<48} {provision.short} — {provision.title}")


@click.command("xref")
@click.argument("source", required=False)
@click.option("--base", help="The text a patch amends (path or corpus id); default: the patch's `base:`.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["term", "json", "md", "html"]),
    default="term",
    show_default=True,
    help="Terminal table, JSON (schema lexamend/xref-report v1), markdown, or a self-contained HTML page.",
)
@click.option("-o", "--output", help="Write the report to this file instead of standard output.")
@click.option(
    "--as-of",
    "as_of",
    help="Date (YYYY-MM-DD) for the validity of cited versions; default: the patch's date, else today.",
)
@click.option("--lang", type=LANG, help="Language of the text (default: the patch's `language:` or the text's).")
@click.option(
    "--mentions",
    is_flag=True,
    help="For a text: also list clauses that only name a group (in a guarantee), not just those that distinguish.",
)
@click.option(
    "--rebase",
    is_flag=True,
    help="For a patch on a drifted base: relocate edits by their words, as `lexamend apply --rebase` does.",
)
@click.option("--list", "list_registry", is_flag=True, help="List the provisions of the rights registry and exit.")
@click.option("--width", type=int, help="Width of the terminal table (default: the terminal's).")
def xref_cmd(
    source: str | None,
    base: str | None,
    fmt: str,
    output: str | None,
    as_of: str | None,
    lang: str | None,
    mentions: bool,
    rebase: bool,
    list_registry: bool,
    width: int | None,
) -> None:
    """Cross-reference SOURCE to the constitutional and treaty provisions it engages.

    SOURCE is a legal text (.txt, .md, .docx, .html, or a corpus id): every
    clause that distinguishes on a protected ground (nationality, migration
    status, occupation, residence, language, disability, …) is listed with its
    evidence and the provisions it engages.

    SOURCE may instead be a patch (.yaml): for each edit, the grounds the base
    text distinguishes on before and after it, so which the edit removes or
    introduces, and the provisions it engages — the patch's own `rights:`
    references (checked) merged with the suggested ones. Each provision is
    quoted from the corpus with the version it cites.
    """
    from lexamend.errors import InputError

    if list_registry:
        _list_registry()
        return
    if not source:
        raise click.UsageError("give a text or a patch to cross-reference (or --list)")
    from lexamend.cli.options import load
    from lexamend.corpus import find
    from lexamend.outputs import write_atomic
    from lexamend.xref import load_registry, report_for_document, report_for_patch

    registry = load_registry()
    if _is_patch(source):
        from lexamend.patch import load as load_patch

        patch = load_patch(source)
        base_path = _base_of(source, base, patch.base)
        doc = load(base_path, lang=lang, quiet=True)
        report = report_for_patch(doc, patch, registry, as_of=as_of, rebase=rebase, lang=lang)
        inputs = [source, base_path]
    else:
        if base:
            raise click.UsageError("--base is for patches; SOURCE is a text")
        path = _relative(find(source))
        doc = load(path, lang=lang, quiet=True)
        if lang is None and doc.meta.language and doc.meta.language not in ("en", "ru", "kk"):
            raise InputError(path, f"language {doc.meta.language!r} is not supported by ground detection")
        report = report_for_document(doc, registry, as_of=as_of, lang=lang, include_mentions=mentions)
        inputs = [path]
    if fmt == "term":
        if output:
            from lexamend.render.xref_terminal import render_terminal_text

            write_atomic(output, render_terminal_text(report, width=width or 120), inputs=inputs)
        else:
            from rich.console import Console

            from lexamend.render.xref_terminal import render_terminal

            render_terminal(report, Console(width=width) if width else Console())
        return
    from lexamend.render.xref_report import dumps, render_html, render_markdown

    rendered = {"json": dumps, "md": render_markdown, "html": render_html}[fmt](report)
    write_atomic(output or "-", rendered, inputs=inputs)
