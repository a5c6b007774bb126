"""``lexamend instructions`` and ``lexamend parse-instructions``: patches ⇄ the text of an amending act."""

from __future__ import annotations

from pathlib import Path

import click

from lexamend.cli.options import LANG, load
from lexamend.corpus import corpus_root, find
from lexamend.errors import EXIT_FAILED, InputError
from lexamend.outputs import write_atomic


def _base_options(func):  # type: ignore[no-untyped-def]
    func = click.option("--layout", type=click.Choice(["adilet", "lines", "wrapped"]), help="How BASE is laid out (detected when omitted).")(func)
    func = click.option("--encoding", help="Encoding of BASE (UTF-8 and Windows-1251 are detected).")(func)
    func = click.option("--base-lang", type=LANG, help="Language of BASE (detected when omitted).")(func)
    return func


def _corpus_ref(base: str, path: Path) -> str:
    """How a patch names its base: the corpus-relative path when BASE is in the corpus."""
    try:
        return path.resolve().relative_to(corpus_root().resolve()).as_posix()
    except ValueError:
        return base


@click.command("instructions")
@click.argument("base")
@click.argument("patches", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--lang", type=LANG, help="Language of the formulas (default: the language of BASE). kk is experimental.")
@click.option("--title", help="Title of the instructions (default: the patch's title; several patches: their titles joined).")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "docx"]), default="text", show_default=True, help="Plain text, markdown, or a Word document.")
@click.option("-o", "--output", default="-", show_default=True, help="Where to write the instructions.")
@_base_options
def instructions_cmd(base: str, patches: tuple[str, ...], lang: str | None, title: str | None, fmt: str, output: str, base_lang: str | None, encoding: str | None, layout: str | None) -> None:
    """Write PATCHES as the operative text of an amending act against BASE.

    The changes are grouped and ordered as drafters do (by article, then
    paragraph), each in its formula («в пункте 2 слова "…" исключить;»,
    "in paragraph 2, the words “…” shall be deleted;"), quoting the words as
    they stand in BASE. The patches must apply to BASE (several patches are
    applied in order and written as one act). BASE is a file or a corpus id
    (kz-law-education-2007.ru).
    """
    from dataclasses import replace

    from lexamend.instructions import write_instructions
    from lexamend.patch import load as load_patch

    path = find(base)
    doc = load(str(path), lang=base_lang, encoding=encoding, layout=layout, quiet=True)
    loaded = [load_patch(p) for p in patches]
    combined = replace(
        loaded[0],
        edits=tuple(edit for patch in loaded for edit in patch.edits),
        title=title or "; ".join(patch.title for patch in loaded),
    )
    instructions = write_instructions(doc, combined, lang=lang)
    if fmt == "docx":
        if output == "-":
            raise click.UsageError("a .docx is binary: give -o FILE.docx")
        data: bytes | str = instructions.docx()
    elif fmt == "md":
        data = instructions.markdown()
    else:
        data = instructions.text()
    write_atomic(output, data, inputs=[str(path), *patches])
    if instructions.experimental and output != "-":
        click.echo(f"lexamend: note: the {instructions.lang} formulas are experimental; have a drafter review {output}", err=True)


@click.command("parse-instructions")
@click.argument("base")
@click.argument("instructions", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, help="The patch (YAML) read from the instructions.")
@click.option("--lang", type=LANG, help="Language of the instructions (default: guessed from their wording).")
@click.option("--strict", is_flag=True, help="Fail (exit 1, write nothing) if any statement cannot be read or does not apply.")
@click.option("--title", help="Title of the patch (default: the instructions' preamble).")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary.")
@_base_options
def parse_instructions_cmd(base: str, instructions: str, output: str, lang: str | None, strict: bool, title: str | None, quiet: bool, base_lang: str | None, encoding: str | None, layout: str | None) -> None:
    """Read the text of an amending act (INSTRUCTIONS: .txt, .md or .docx) into a patch against BASE.

    Each statement is matched against the drafting formulas («слова "…"
    заменить словами "…"», "the words … shall be deleted", …), its citation
    resolved against BASE (relative to headers such as «в статье 8:»), and its
    edit applied at once, so later statements see the text as earlier ones
    left it. Statements that cannot be read or do not apply are reported with
    their line numbers; the others still make the patch. Parts of an act that
    amend other texts are skipped and reported.
    """
    from lexamend.instructions import guess_language, instructions_text, read_instructions
    from lexamend.patch.dump import dumps

    path = find(base)
    doc = load(str(path), lang=base_lang, encoding=encoding, layout=layout, quiet=True)
    text = instructions_text(instructions)
    result = read_instructions(
        doc, text, lang=lang or guess_language(text), base=_corpus_ref(base, path), title=title or "", name=instructions
    )
    for problem in result.problems:
        level = "note" if problem.kind == "skipped" else "warning" if not strict else "error"
        click.echo(f"lexamend: {level}: {instructions}:{problem}", err=True)
    unread = result.unread
    summary = (
        f"{instructions}: {result.read} of {result.statements} statement(s) read into {len(result.patch.edits)} edit(s)"
        + (f"; {len(unread)} problem(s)" if unread else "")
    )
    if strict and unread:
        click.echo(f"lexamend: error: {summary}; nothing written (--strict)", err=True)
        raise SystemExit(EXIT_FAILED)
    if not result.patch.edits:
        raise InputError(instructions, "no statement could be read into an edit that applies to " + str(path))
    write_atomic(output, dumps(result.patch), inputs=[str(path), instructions])
    if not quiet or unread:
        click.echo(f"{summary} → {output}", err=True)
