"""The commands of ``lexamend``: name → "module:attribute", imported only when run.

Add a command by writing ``lexamend/cli/<name>.py`` with a click command and
listing it here (keep the list sorted).
"""

COMMANDS: dict[str, str] = {
    "apply": "lexamend.cli.apply:apply_cmd",
    "check": "lexamend.cli.apply:check_cmd",
    "cite": "lexamend.cli.cite:cite_cmd",
    "compare": "lexamend.cli.diff:compare_cmd",
    "derive": "lexamend.cli.diff:derive_cmd",
    "diff": "lexamend.cli.diff:diff_cmd",
    "instructions": "lexamend.cli.instructions:instructions_cmd",
    "invert": "lexamend.cli.apply:invert_cmd",
    "parse": "lexamend.cli.parse:parse_cmd",
    "parse-instructions": "lexamend.cli.instructions:parse_instructions_cmd",
    "redline": "lexamend.cli.redline:redline_cmd",
    "report": "lexamend.cli.report:report_cmd",
    "table": "lexamend.cli.redline:table_cmd",
    "xref": "lexamend.cli.xref:xref_cmd",
}
