"""The ``lexamend`` command line: click commands only.

Each command parses its arguments, calls one library function, prints, and
exits. Library errors (:mod:`lexamend.errors`) are turned into one paragraph on
stderr and their exit code in one place (:func:`lexamend.cli.app.report`);
``--debug`` shows tracebacks.

:func:`main` first offers the command line to :mod:`lexamend.cli.fast`, which
runs ``lexamend redline --from A.docx --to B.docx -o OUT.docx`` without
importing click (a third of that command's start-up); every other command
line, and that one with any option the fast parser does not know, goes to the
click application (:mod:`lexamend.cli.app`).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command and exit with its code."""
    args = sys.argv[1:] if argv is None else list(argv)
    from lexamend.cli.fast import run_fast

    run_fast(args)  # exits when it handled the command line
    from lexamend.cli.app import main as run_click

    run_click(args)


def __getattr__(name: str) -> object:
    if name in ("cli", "LazyGroup"):
        from lexamend.cli import app

        return getattr(app, name)
    raise AttributeError(f"module 'lexamend.cli' has no attribute {name!r}")


__all__ = ["main"]
