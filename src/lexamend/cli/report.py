"""``lexamend report``: the advocate's pack, from proposals to files a lawyer can send."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

#: Show a progress bar from this many patches …
PROGRESS_MIN_PATCHES = 3
#: … or for a base text at least this large (the Law "On Education" is 780 KiB).
PROGRESS_MIN_BASE_BYTES = 200 * 1024


@click.command("report")
@click.argument("base")
@click.argument("patches", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), help="Directory to write the pack into.")
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en", show_default=True, help="Language of the pack's own words (citations, headings, recommendations).")
@click.option("--format", "formats", default="docx,html,md", show_default=True, help="Comma-separated formats of the recommendation, table and instructions: docx, html, md.")
@click.option("--template", "template_dir", type=click.Path(file_okay=False, exists=True), help="A directory of Jinja2 templates that override the package's, one by one (e.g. recommendation.md.j2).")
@click.option("--author", default="lexamend", show_default=True, help="Author of the tracked changes.")
@click.option("--date", help="Date of the tracked changes (YYYY-MM-DD); default: the patches' latest date.")
@click.option("--as-of", "as_of", help="Date the cited provisions must be in force on (YYYY-MM-DD); default: the same date.")
@click.option("--no-alternatives", is_flag=True, help="Leave out the patches the proposals name as their alternatives.")
@click.option("--force", is_flag=True, help="Write into OUTDIR even when it already holds files (they are replaced).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no listing of the files written.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary (JSON) on standard output.")
def report_cmd(base: str, patches: tuple[str, ...], outdir: str, lang: str, formats: str, template_dir: str | None, author: str, date: str | None, as_of: str | None, no_alternatives: bool, force: bool, quiet: bool, as_json: bool) -> None:
    """Build the report pack for PATCHES (applied in order) to BASE into OUTDIR.

    The pack: the recommendation section of an alternative report (each edit
    with its current and proposed wording, rationale, grounds and the
    constitutional and treaty provisions it engages), the comparative table,
    the amendment instructions, the redlined Word document, the rights
    cross-reference of each patch, and index.html linking them all.
    Nothing is written unless every edit applies; an OUTDIR that already holds
    files is left alone unless --force is given.
    """
    from lexamend.corpus import find
    from lexamend.errors import OutputError
    from lexamend.outputs import write_many
    from lexamend.report.pack import PackOptions, build_pack, with_prefix
    from lexamend.render.tree_json import dumps

    target = Path(outdir)
    if target.exists() and any(target.iterdir()) and not force:
        raise OutputError(f"{outdir}: the directory exists and is not empty", hint="Choose another directory, or pass --force to replace the pack's files in it.")
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    base_path = str(find(base))
    options = PackOptions(lang=lang, formats=chosen, template_dir=template_dir, author=author, date=date, as_of=as_of, alternatives=not no_alternatives)
    # A progress bar only where there is something to wait for: several patches or a large base.
    large = len(patches) >= PROGRESS_MIN_PATCHES or os.path.getsize(base_path) >= PROGRESS_MIN_BASE_BYTES
    show = not quiet and not as_json and large and sys.stderr.isatty()
    if show:
        from rich.progress import Progress, SpinnerColumn, TextColumn, BarColumn

        steps = ("parse", "apply", "cross-reference", "recommendation", "comparative table", "instructions", "redline")
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), transient=True, console=_console()) as progress:
            task = progress.add_task("building the pack", total=len(steps))

            def advance(name: str) -> None:
                progress.update(task, description=name, completed=steps.index(name) if name in steps else 0)

            pack = build_pack(base_path, list(patches), options, progress=advance)
    else:
        pack = build_pack(base_path, list(patches), options)
    written = write_many(with_prefix(pack, outdir), inputs=[base_path, *patches])
    if as_json:
        click.echo(dumps({**pack.summary, "outdir": outdir}), nl=False)
        return
    if not quiet:
        click.echo(f"{len(written)} files written to {outdir}/: open {os.path.join(outdir, 'index.html')}", err=True)


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)
