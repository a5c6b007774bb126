"""Options shared by several commands, and small helpers for printing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from lexamend.model import Document
from lexamend.parse import parse_file

LANG = click.Choice(["en", "ru", "kk"])


def source_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--lang, --encoding, --layout, --strict for commands that parse a text."""
    func = click.option("--strict", is_flag=True, help="Treat parser warnings (numbering gaps, odd lines) as errors.")(func)
    func = click.option(
        "--layout",
        type=click.Choice(["adilet", "lines", "wrapped"]),
        help="How a plain text is laid out (detected when omitted).",
    )(func)
    func = click.option("--encoding", help="Encoding of a text file (UTF-8 and Windows-1251 are detected).")(func)
    func = click.option("--lang", type=LANG, help="Language of the text (detected when omitted).")(func)
    return func


def load(path: str, *, lang: str | None = None, encoding: str | None = None, layout: str | None = None, strict: bool = False, quiet: bool = False) -> Document:
    """Parse a file for a command, printing parser warnings to stderr."""
    doc = parse_file(path, lang=lang, encoding=encoding, layout=layout, strict=strict)
    if not quiet:
        warn_issues(doc)
    return doc


def warn_issues(doc: Document, limit: int = 10) -> None:
    for issue in doc.issues[:limit]:
        click.echo(f"lexamend: warning: {doc.meta.source}: {issue}", err=True)
    if len(doc.issues) > limit:
        click.echo(f"lexamend: warning: … and {len(doc.issues) - limit} more (see `lexamend parse --format json`)", err=True)
