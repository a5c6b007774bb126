"""The docs cannot drift from the code; the README and CI keep their promises."""

from __future__ import annotations

import re
import subprocess
import sys

import click

from lexamend.cli import cli
from tests.conftest import REPO


def test_generated_reference_pages_are_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(REPO / "tools" / "gen_docs.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_command_has_help_and_is_in_the_cli_reference() -> None:
    ctx = click.Context(cli, info_name="lexamend")
    reference = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None and (command.help or "").strip(), f"{name} has no help text"
        assert f"## `lexamend {name}`" in reference


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert first_block is not None and readme.index("```sh") < readme.index("\n\n", readme.index("```sh"))
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", script, re.M)


def test_docs_links_resolve() -> None:
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if target.startswith("http"):
                continue
            assert (page.parent / target).exists(), f"{page.name}: broken link {target}"
