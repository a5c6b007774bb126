"""Register every command on the ``lexamend`` group (imported once by ``main``)."""

from lexamend.cli import cli
from lexamend.cli.apply import apply_cmd, check_cmd, invert_cmd
from lexamend.cli.parse import parse_cmd

for command in (parse_cmd, apply_cmd, check_cmd, invert_cmd):
    cli.add_command(command)
