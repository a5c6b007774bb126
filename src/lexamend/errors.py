"""Errors the library raises, each with a message for people and an exit code.

The library only raises; :mod:`lexamend.cli` turns these into one paragraph on
stderr and the exit code below. Every message names the file, the line or the
clause address it is about, quotes the bad value and says what to do.

Exit codes (one place, so that scripts can rely on them):

====  ==========================================================
0     success (``diff``: the documents are the same)
1     an edit failed or a conflict was found (``diff``: they differ)
2     usage error: bad command line, unreadable or invalid input
3     internal error (a bug: please report it with ``--debug`` output)
====  ==========================================================
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class LexamendError(Exception):
    """Base class: a problem the user can fix, with a message saying how."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n{self.hint}"
        return self.message


class InputError(LexamendError):
    """An input file cannot be read or understood (empty, binary, bad encoding, corrupt)."""

    def __init__(self, path: str, problem: str, *, hint: str | None = None) -> None:
        super().__init__(f"{path}: {problem}", hint=hint)
        self.path = path
        self.problem = problem


class ParseError(InputError):
    """A legal text parsed with a problem that ``--strict`` turns into a failure."""


class CitationError(LexamendError):
    """A citation or address names no unit, or more than one."""

    def __init__(
        self,
        citation: str,
        problem: str,
        *,
        candidates: tuple[str, ...] = (),
        hint: str | None = None,
    ) -> None:
        message = f"{citation!r}: {problem}"
        if candidates:
            message += "; " + ("did you mean " if "no unit" in problem else "candidates: ")
            message += ", ".join(candidates)
            if "no unit" in problem:
                message += "?"
        super().__init__(message, hint=hint)
        self.citation = citation
        self.candidates = candidates


class PatchError(LexamendError):
    """A patch file is malformed: bad YAML, unknown operation, missing field, wrong type."""

    def __init__(self, path: str, problem: str, *, line: int | None = None, hint: str | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}", hint=hint)
        self.path = path
        self.line = line
        self.problem = problem


class EditFailed(LexamendError):
    """An edit could not be applied exactly (target missing, text not found, guard failed)."""

    exit_code = EXIT_FAILED

    def __init__(self, edit_id: str, reason: str, *, where: str = "", hint: str | None = None) -> None:
        prefix = f"{where}: " if where else ""
        super().__init__(f"{prefix}edit {edit_id!r}: {reason}", hint=hint)
        self.edit_id = edit_id
        self.reason = reason


class ConflictError(LexamendError):
    """Two edits touch overlapping text of the same unit."""

    exit_code = EXIT_FAILED


class OutputError(LexamendError):
    """An output cannot be written (exists without --force, directory missing)."""
