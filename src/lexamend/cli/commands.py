"""The commands of ``lexamend``: name → "module:attribute", imported only when run.

Add a command by writing ``lexamend/cli/<name>.py`` with a click command and
listing it here (keep the list sorted).
"""

COMMANDS: dict[str, str] = {
    "apply": "lexamend.cli.apply:apply_cmd",
    "check": "lexamend.cli.apply:check_cmd",
    "cite": "lexamend.cli.cite:cite_cmd",
    "invert": "lexamend.cli.apply:invert_cmd",
    "parse": "lexamend.cli.parse:parse_cmd",
    "redline": "lexamend.cli.redline:redline_cmd",
    "table": "lexamend.cli.redline:table_cmd",
}
