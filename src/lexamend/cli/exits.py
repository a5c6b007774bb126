"""How a command ends on an error: one paragraph on stderr and an exit code (no click needed)."""

from __future__ import annotations

import sys

from lexamend.errors import EXIT_INTERNAL, LexamendError


class State:
    """Process-wide flags of the command line."""

    debug = False


def report(exc: LexamendError) -> None:
    """Print a library error (with its hint) and exit with its code."""
    if State.debug:
        import traceback

        traceback.print_exc()
    message = str(exc).replace("\n", "\n  ")
    sys.stderr.write(f"lexamend: error: {message}\n")
    sys.stderr.flush()
    sys.exit(exc.exit_code)


def report_bug(exc: Exception) -> None:
    """An unexpected exception is a bug: say so, and how to report it."""
    if State.debug:
        import traceback

        traceback.print_exc()
    sys.stderr.write(
        f"lexamend: internal error: {type(exc).__name__}: {exc}\n"
        "  This is a bug in lexamend. Run again with --debug and report the output.\n"
    )
    sys.stderr.flush()
    sys.exit(EXIT_INTERNAL)


__all__ = ["State", "report", "report_bug"]
