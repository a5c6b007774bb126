"""Run ``lexamend redline --from A.docx --to B.docx -o OUT.docx`` without loading click.

Comparing two Word files is the command reviewers run in loops and scripts,
and it is timed against peer tools: loading click and building the command
group is a third of its start-up. :func:`run_fast` recognises exactly this
command line — the options ``--from``, ``--to``, ``-o``/``--output``,
``--author``, ``--date``, ``--lang`` and ``--existing``, as ``--opt value`` or
``--opt=value``, the flags ``--moves``, ``--no-moves``, ``--formatting`` and
``-q``/``--quiet``, with two existing .docx files — runs what the click command runs
(:func:`lexamend.cli.redline_run.redline_versions`) and exits. Anything else
(help, another option, a text file, a typo) returns and goes to click, which
parses it and reports errors as usual, so the two paths cannot disagree on
what a command line means.
"""

from __future__ import annotations

import os

#: Options the fast path understands, with the name of the value each sets.
_OPTIONS = {"--from": "old", "--to": "new", "-o": "output", "--output": "output", "--author": "author", "--date": "date", "--lang": "lang", "--existing": "existing"}
#: Flags, with the value each sets.
_FLAGS = {"--moves": ("moves", "1"), "--no-moves": ("moves", ""), "--formatting": ("formatting", "1"), "-q": ("quiet", "1"), "--quiet": ("quiet", "1")}
_LANGS = ("en", "ru", "kk")
_EXISTING = ("keep", "accept", "reject", "refuse")
_DOCX = (".docx", ".docm", ".dotx")


def parse(args: list[str]) -> dict[str, str] | None:
    """The values of a ``redline --from/--to`` command line on two .docx files, or None if it is not one."""
    if not args or args[0] != "redline":
        return None
    values: dict[str, str] = {}
    rest = args[1:]
    while rest:
        token = rest.pop(0)
        if token in _FLAGS:
            key, flag = _FLAGS[token]
            if key in values:
                return None
            values[key] = flag
            continue
        name, equals, value = token.partition("=")
        if name not in _OPTIONS or (equals and name == "-o"):
            return None
        if not equals:
            if not rest or rest[0].startswith("-") and rest[0] != "-":
                return None
            value = rest.pop(0)
        key = _OPTIONS[name]
        if key in values or not value:
            return None
        values[key] = value
    if not {"old", "new", "output"} <= values.keys():
        return None
    if values.get("lang", "en") not in _LANGS or values.get("existing", "keep") not in _EXISTING:
        return None
    if not all(os.path.splitext(values[k])[1].lower() in _DOCX and os.path.isfile(values[k]) for k in ("old", "new")):
        return None
    return values


def run_fast(args: list[str]) -> None:
    """Run the command line and exit, if it is one :func:`parse` recognises; otherwise return."""
    values = parse(args)
    if values is None:
        return
    import sys

    from lexamend.cli.exits import report, report_bug
    from lexamend.errors import LexamendError

    try:
        from lexamend.cli.redline_run import print_notes, redline_versions
        from lexamend.outputs import write_atomic

        data, notes = redline_versions(
            values["old"], values["new"], author=values.get("author", "lexamend"), date=values.get("date"), lang=values.get("lang"),
            encoding=None, template=None, existing=values.get("existing", "keep"), moves=bool(values.get("moves")),
            formatting=bool(values.get("formatting")),
        )  # fmt: skip
        write_atomic(values["output"], data, inputs=[values["old"], values["new"]])
        print_notes(notes, quiet=bool(values.get("quiet")))
    except LexamendError as exc:
        report(exc)
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)
    except Exception as exc:  # a bug: say so, and how to report it
        report_bug(exc)
    sys.exit(0)


__all__ = ["parse", "run_fast"]
