"""Write outputs safely: atomically, never over an input, never half-written.

Every file lexamend writes goes to a temporary file in the target directory
first and is renamed into place only when complete, so that an interrupted or
failed run leaves either the old file or nothing — never a truncated one.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from lexamend.errors import OutputError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_not_input(output: Path, inputs: Iterable[str | Path]) -> None:
    """Refuse to write over a file that is also an input of this run."""
    for item in inputs:
        if item and str(item) != "-" and (_same_file(output, Path(item)) or output.resolve() == Path(item).resolve()):
            raise OutputError(
                f"{output}: refusing to overwrite an input file", hint="Choose another output path; inputs are never modified."
            )


def write_atomic(path: str | Path, data: bytes | str, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write ``data`` to ``path`` via a temporary file and a rename; ``-`` is standard output."""
    if str(path) == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
        return Path("-")
    target = Path(path)
    check_not_input(target, inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.exists() and not target.is_file():
        # A device or a pipe (/dev/null, a FIFO): write to it; renaming over it would replace it.
        try:
            with open(target, "wb") as handle:
                handle.write(payload)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
        return target
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{target}: cannot create directory {directory}: {exc.strerror}") from None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
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


def write_many(files: dict[Path, bytes | str], *, inputs: Iterable[str | Path] = ()) -> list[Path]:
    """Write several outputs only after all of them have been produced.

    Callers build every output in memory first; this then writes each one
    atomically, so that a failure while producing them writes nothing at all.
    """
    inputs = list(inputs)
    for path in files:
        check_not_input(Path(path), inputs)
    return [write_atomic(path, data, inputs=inputs) for path, data in files.items()]
