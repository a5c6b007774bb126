"""``lexamend apply``, ``check`` and ``invert``: patches against a base text."""

from __future__ import annotations

from pathlib import Path

import click

from lexamend.apply import RELOCATE_THRESHOLD, ApplyResult, apply_patches
from lexamend.cli.options import load, source_options
from lexamend.corpus import find
from lexamend.errors import EXIT_FAILED
from lexamend.invert import invert
from lexamend.model import Document, Patch
from lexamend.outputs import write_atomic, write_many
from lexamend.patch import load as load_patch
from lexamend.patch.dump import dumps as dump_patch
from lexamend.render.apply_report import report_dict, report_lines
from lexamend.render.text import render_text
from lexamend.render.tree_json import dumps as dump_json


def load_base(ref: str, **options: object) -> Document:
    """Parse the base text named by a path or a corpus id."""
    return load(str(find(ref)), **options)  # type: ignore[arg-type]


def _print_report(result: ApplyResult, *, wrote: bool, quiet: bool) -> None:
    lines = report_lines(result)
    if not wrote and not result.ok:
        lines[-1] = lines[-1].replace("; nothing written", "") + "; nothing written"
    elif result.ok:
        lines[-1] = lines[-1].replace("; nothing written", "")
    for line in lines:
        if quiet and line.startswith(("applied", "    tidy")):
            continue
        click.echo(line, err=True)


def _fail(result: ApplyResult) -> None:
    failed = result.failed
    first = failed[0] if failed else None
    what = f"{len(failed)} edit(s) failed" if failed else f"{len(result.conflicts)} conflict(s)"
    if first is not None:
        where = f"{first.patch}:{first.line}" if first.line else first.patch
        what += f"; first: {where}: edit {first.edit_id!r}: {first.reason}"
    click.echo(f"lexamend: error: {what}", err=True)
    raise SystemExit(EXIT_FAILED)


@click.command("apply")
@click.argument("base")
@click.argument("patches", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, help="The amended text (written only when every edit applies).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "docx"]), default="text", show_default=True, help="text: the amended legal text; json: its clause tree; docx: a clean Word document.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Write the per-edit report (JSON, schema lexamend/apply-report v1).")
@click.option("--rebase", is_flag=True, help="On a drifted base (hash mismatch), relocate edits by their words and say where they moved.")
@click.option("--threshold", type=click.FloatRange(0.5, 1.0), default=RELOCATE_THRESHOLD, show_default=True, help="Minimum confidence for relocating an edit with --rebase.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary.")
@source_options
def apply_cmd(base: str, patches: tuple[str, ...], output: str, fmt: str, report_path: str | None, rebase: bool, threshold: float, quiet: bool, lang: str | None, encoding: str | None, layout: str | None, strict: bool) -> None:
    """Apply PATCHES (in order) to BASE and write the amended text to OUTPUT.

    Strict: every edit applies exactly or nothing is written and the exit code
    is 1. BASE is a file or a corpus id (kz-law-education-2007.ru).
    """
    doc = load_base(base, lang=lang, encoding=encoding, layout=layout, strict=strict, quiet=quiet)
    loaded = [load_patch(p) for p in patches]
    result = apply_patches(doc, loaded, rebase=rebase, threshold=threshold)
    inputs = [doc.meta.source, *patches]
    files: dict[Path, bytes | str] = {}
    if report_path:
        files[Path(report_path)] = dump_json(report_dict(result, base=doc.meta.source, patches=list(patches)))
    if result.ok:
        files[Path(output)] = _render(result, fmt, doc, loaded)
    if report_path or result.ok:
        if output == "-" and result.ok:
            out = files.pop(Path(output))
            write_many(files, inputs=inputs)
            write_atomic("-", out)
        else:
            write_many(files, inputs=inputs)
    _print_report(result, wrote=result.ok, quiet=quiet)
    if not result.ok:
        _fail(result)


def _render(result: ApplyResult, fmt: str, base: Document, patches: list[Patch]) -> bytes | str:
    amended = result.document
    if fmt == "json":
        from lexamend.render.tree_json import document_to_json

        return document_to_json(amended)
    if fmt == "docx":
        from lexamend.parse.source import read_bytes
        from lexamend.render.docx_clean import render_docx

        source = read_bytes(base.meta.source) if base.source_format == "docx" else None
        return render_docx(base, result, patches, base_source=source)
    return render_text(amended)


@click.command("check")
@click.argument("base")
@click.argument("patches", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (schema lexamend/apply-report v1).")
@click.option("--rebase", is_flag=True, help="Check as `apply --rebase` would run.")
@source_options
def check_cmd(base: str, patches: tuple[str, ...], as_json: bool, rebase: bool, lang: str | None, encoding: str | None, layout: str | None, strict: bool) -> None:
    """Validate PATCHES against BASE without writing anything.

    Checks the schema, that every target resolves, that every edit's words
    occur exactly as they must, the expect guards, the base hash, and
    conflicts between the patches. Exit code 0 when all would apply, 1 if not.
    """
    doc = load_base(base, lang=lang, encoding=encoding, layout=layout, strict=strict)
    loaded = [load_patch(p) for p in patches]
    result = apply_patches(doc, loaded, rebase=rebase)
    if as_json:
        click.echo(dump_json(report_dict(result, base=doc.meta.source, patches=list(patches))), nl=False)
    else:
        for line in report_lines(result):
            click.echo(line.replace("; nothing written", ""))
        if result.ok:
            click.echo(f"ok: {len(loaded)} patch(es) apply cleanly to {doc.meta.source}")
    if not result.ok:
        raise SystemExit(EXIT_FAILED)


@click.command("invert")
@click.argument("base")
@click.argument("patch", type=click.Path(dir_okay=False))
@click.option("-o", "--output", default="-", help="Where to write the inverse patch (YAML).")
@source_options
def invert_cmd(base: str, patch: str, output: str, lang: str | None, encoding: str | None, layout: str | None, strict: bool) -> None:
    """Write the patch that undoes PATCH: applied to the amended text, it gives BASE back."""
    doc = load_base(base, lang=lang, encoding=encoding, layout=layout, strict=strict)
    loaded: Patch = load_patch(patch)
    inverse = invert(doc, loaded)
    write_atomic(output, dump_patch(inverse), inputs=[doc.meta.source, patch])
