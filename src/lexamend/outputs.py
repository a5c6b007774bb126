"""Write outputs safely: atomically, never over an input, never half-written.

Every file lexamend writes goes to a temporary file in the target directory
first and is renamed into place only when complete, so that an interrupted or
failed run leaves either the old file or nothing — never a truncated one.

Only :mod:`os` is used (no :mod:`pathlib`, no :mod:`tempfile`): this module is
on the path of every command, and those two imports cost more start-up than
everything else ``lexamend redline --from A.docx --to B.docx`` needs besides lxml.
The temporary file is created with ``O_CREAT | O_EXCL`` under a name of its
own, as :func:`tempfile.mkstemp` would.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from lexamend.errors import OutputError


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False


def check_not_input(output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse to write over a file that is also an input of this run."""
    target = os.fspath(output)
    for item in inputs:
        if not item or os.fspath(item) == "-":
            continue
        source = os.fspath(item)
        if _same_file(target, source) or os.path.realpath(target) == os.path.realpath(source):
            raise OutputError(
                f"{target}: refusing to overwrite an input file", hint="Choose another output path; inputs are never modified."
            )


def _temporary(directory: str, name: str) -> tuple[int, str]:
    """A new, empty temporary file beside the target (``.NAME.PID.N.tmp``), opened for writing."""
    attempt = 0
    while True:
        candidate = os.path.join(directory, f".{name}.{os.getpid()}.{attempt}.tmp")
        try:
            return os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), candidate
        except FileExistsError:
            attempt += 1


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, inputs: Iterable[str | os.PathLike[str]] = ()) -> str:
    """Write ``data`` to ``path`` via a temporary file and a rename; ``-`` is standard output. Returns the path."""
    target = os.fspath(path)
    if target == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
        return "-"
    check_not_input(target, inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if os.path.exists(target) and not os.path.isfile(target):
        # A device or a pipe (/dev/null, a FIFO): write to it; renaming over it would replace it.
        try:
            with open(target, "wb") as handle:
                handle.write(payload)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
        return target
    directory = os.path.dirname(target) or "."
    if not os.path.isdir(directory):
        try:
            os.makedirs(directory, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{target}: cannot create directory {directory}: {exc.strerror}") from None
    try:
        fd, tmp = _temporary(directory, os.path.basename(target))
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target


def write_many(files: dict, *, inputs: Iterable[str | os.PathLike[str]] = ()) -> list[str]:  # type: ignore[type-arg]
    """Write several outputs only after all of them have been produced.

    ``files`` maps paths to contents. Callers build every output in memory
    first; this then writes each one atomically, so that a failure while
    producing them writes nothing at all.
    """
    inputs = list(inputs)
    for path in files:
        check_not_input(path, inputs)
    return [write_atomic(path, data, inputs=inputs) for path, data in files.items()]
