"""Run the real ``lexamend`` entry point in-process and capture its output and exit code."""

from __future__ import annotations

from dataclasses import dataclass

from click.testing import CliRunner

from lexamend.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> Run:
    """Call ``lexamend ARGS`` through :func:`lexamend.cli.main` (error mapping included)."""
    runner = CliRunner()
    with runner.isolation() as streams:
        out_stream, err_stream = streams[0], streams[1]
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out = out_stream.getvalue().decode("utf-8")
        err = err_stream.getvalue().decode("utf-8") if err_stream is not None else ""
    return Run(code, out, err)
