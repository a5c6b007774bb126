"""``lexamend parse``: show or export the clause tree of a legal text."""

from __future__ import annotations

import click

from lexamend.cli.options import load, source_options
from lexamend.outputs import write_atomic
from lexamend.render.outline import render_outline
from lexamend.render.text import render_text
from lexamend.render.tree_json import document_to_json


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["outline", "json", "text"]),
    default="outline",
    show_default=True,
    help="outline: an indented list of units; json: the tree (schema lexamend/tree v1); text: the legal text back.",
)
@click.option("--notes", is_flag=True, help="With --format text: keep editorial notes (Сноска) in place.")
@click.option("--parts", is_flag=True, help="With --format outline: list unnumbered parts too.")
@click.option("--depth", type=click.IntRange(min=1), help="With --format outline: show this many levels.")
@click.option("--blocks", is_flag=True, help="With --format json: include the source blocks.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-", help="Write here instead of standard output.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print parser warnings.")
@source_options
def parse_cmd(file: str, fmt: str, notes: bool, parts: bool, depth: int | None, blocks: bool, output: str, quiet: bool, lang: str | None, encoding: str | None, layout: str | None, strict: bool) -> None:
    """Parse FILE (.txt, .md, .docx, .html) into a clause tree.

    Finds chapters, articles, paragraphs "1." and "5-1.", subparagraphs "1)"
    and "4-1)", letters "а)", unnumbered parts, «исключен» placeholders and
    editorial notes (Сноска), in Russian, Kazakh and English texts.
    """
    doc = load(file, lang=lang, encoding=encoding, layout=layout, strict=strict, quiet=quiet)
    if fmt == "json":
        out = document_to_json(doc, with_blocks=blocks)
    elif fmt == "text":
        out = render_text(doc, notes=notes)
    else:
        out = render_outline(doc, depth=depth, parts=parts)
    write_atomic(output, out, inputs=[file])
