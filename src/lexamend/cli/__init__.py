"""The ``lexamend`` command line: click commands only.

Each command parses its arguments, calls one library function, prints, and
exits. Library errors (:mod:`lexamend.errors`) are turned into one paragraph on
stderr and their exit code here, in one place; ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import sys

import click

from lexamend import __version__
from lexamend.errors import EXIT_INTERNAL, EXIT_USAGE, LexamendError


class _State:
    debug = False


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
    _State.debug = debug


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and map errors to exit codes."""
    args = sys.argv[1:] if argv is None else argv
    _State.debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="lexamend", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("lexamend: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE if exc.exit_code == 2 else exc.exit_code)
    except LexamendError as exc:
        if _State.debug:
            import traceback

            traceback.print_exc()
        message = str(exc).replace("\n", "\n  ")
        click.echo(f"lexamend: error: {message}", err=True)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)
    except Exception as exc:  # a bug: say so, and how to report it
        if _State.debug:
            import traceback

            traceback.print_exc()
        click.echo(
            f"lexamend: internal error: {type(exc).__name__}: {exc}\n"
            "  This is a bug in lexamend. Run again with --debug and report the output.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)
