"""The click application: the ``lexamend`` group, its lazily imported commands, and error mapping.

:func:`lexamend.cli.main` is the entry point; it comes here for every command
line except the one it dispatches without click (see :mod:`lexamend.cli.fast`).
"""

from __future__ import annotations

import sys

import click

from lexamend import __version__
from lexamend.cli.exits import State, report, report_bug
from lexamend.errors import EXIT_USAGE, LexamendError


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs.

    Start-up time matters for a command-line tool that reviewers run in loops
    and scripts: ``lexamend diff`` must not pay for importing Jinja2, YAML and
    the Word writer. Commands are listed in :data:`lexamend.cli.commands.COMMANDS`.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        from lexamend.cli.commands import COMMANDS

        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from importlib import import_module

        from lexamend.cli.commands import COMMANDS

        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        command = getattr(import_module(module), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="lexamend")
@click.option("--debug", is_flag=True, help="Show full tracebacks for errors.")
def cli(debug: bool) -> None:
    """Legal-document diff and amendment drafting.

    Parse legal texts into clause trees, cite and address their units, apply
    amendment patches, and write redlines, comparisons and reports.
    """
    State.debug = debug


def main(argv: list[str] | None = None) -> None:
    """Run the click application and map errors to exit codes."""
    args = sys.argv[1:] if argv is None else argv
    State.debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="lexamend", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("lexamend: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE if exc.exit_code == 2 else exc.exit_code)
    except LexamendError as exc:
        report(exc)
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)
    except Exception as exc:  # a bug: say so, and how to report it
        report_bug(exc)
    sys.exit(code if isinstance(code, int) else 0)
