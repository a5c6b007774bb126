#!/usr/bin/env python3
"""Generate the reference pages of docs/ from the code, so that they cannot drift.

    python tools/gen_docs.py          # write docs/cli.md, docs/patch-format.md, docs/schemas/*.json
    python tools/gen_docs.py --check  # exit 1 if any generated page is out of date

* ``docs/cli.md`` — every command's ``--help``, from click;
* ``docs/patch-format.md`` — the patch file reference, from the JSON Schema;
* ``docs/schemas/`` — copies of the JSON Schemas shipped in the package.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SCHEMAS = ROOT / "src" / "lexamend" / "schemas"


def cli_page() -> str:
    from lexamend.cli import LazyGroup, cli

    assert isinstance(cli, LazyGroup)
    ctx = click.Context(cli, info_name="lexamend", max_content_width=100, terminal_width=100)
    lines = [
        "# Command-line reference",
        "",
        "Generated from the commands' own help by `python tools/gen_docs.py`; do not edit by hand.",
        "",
        "Exit codes: 0 success (`diff`: same), 1 an edit failed or a conflict was found (`diff`: different),",
        "2 usage error or unreadable input, 3 internal error (a bug; rerun with `--debug`).",
        "",
        "```text",
        cli.get_help(ctx).rstrip(),
        "```",
        "",
    ]
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None
        sub = click.Context(command, info_name=f"lexamend {name}", parent=ctx, max_content_width=100, terminal_width=100)
        lines += [f"## `lexamend {name}`", "", "```text", command.get_help(sub).rstrip(), "```", ""]
    return "\n".join(lines)


def _describe(schema: dict, name: str, required: set[str]) -> str:
    kind = schema.get("type") or ("one of " + ", ".join(f"`{v}`" for v in schema["enum"]) if "enum" in schema else "")
    if "const" in schema:
        kind = f"`{schema['const']}`"
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if schema.get("type") == "array" and "items" in schema and "type" in schema["items"]:
        kind = f"list of {schema['items']['type']}"
    if "oneOf" in schema:
        kind = " or ".join(s.get("type", f"`{s.get('const')}`") for s in schema["oneOf"])
    req = "yes" if name in required else ""
    desc = schema.get("description", "").replace("\n", " ").replace("|", "\\|")
    return f"| `{name}` | {kind} | {req} | {desc} |"


def patch_page() -> str:
    schema = json.loads((SCHEMAS / "patch.schema.json").read_text(encoding="utf-8"))
    edit = schema["$defs"]["edit"]
    lines = [
        "# Patch file format (version 1)",
        "",
        "Generated from `src/lexamend/schemas/patch.schema.json` by `python tools/gen_docs.py`; do not edit by hand.",
        "",
        schema["description"],
        "",
        "## Header",
        "",
        "| field | type | required | meaning |",
        "|---|---|---|---|",
    ]
    required = set(schema["required"])
    for name, sub in schema["properties"].items():
        if name != "edits":
            lines.append(_describe(sub, name, required))
    lines.append(_describe({"type": "array", "description": "The edits, applied in order; each sees the text as the earlier ones left it."}, "edits", required))
    lines += ["", "## Edits", "", "| field | type | required | meaning |", "|---|---|---|---|"]
    edit_required = set(edit["required"])
    for name, sub in edit["properties"].items():
        lines.append(_describe(sub, name, edit_required))
    lines += ["", "## Fields each operation needs", "", "| op | required fields |", "|---|---|"]
    for rule in edit["allOf"]:
        cond = rule["if"]["properties"]["op"]
        ops = [cond["const"]] if "const" in cond else cond["enum"]
        then = rule["then"]
        fields = then.get("required") or [" or ".join(f"`{alt['required'][0]}`" for alt in then.get("oneOf", []))]
        lines.append(f"| {', '.join(f'`{o}`' for o in ops)} | {', '.join(f if f.startswith('`') else f'`{f}`' for f in fields)} |")
    lines += [
        "",
        "## Rules the engine applies",
        "",
        "- Words are matched exactly, on word boundaries, with typographic variants of quotes, dashes,",
        "  apostrophes and no-break spaces treated as equal, and soft hyphens ignored.",
        "- Without `occurrence`, the words must occur exactly once in the target unit (its text, its",
        "  heading and its descendants'); otherwise the edit fails and lists every occurrence in context.",
        "- Deleting words tidies the seam the way a drafter would (double spaces, spaces before",
        "  punctuation, empty brackets, orphan commas, dangling conjunctions); every rule that fires is",
        "  reported. See `lexamend.tidy`.",
        "- `insert_unit` numbers a new unit by the insertion convention (after 5 comes 5-1, after 5-1",
        "  comes 5-2); existing units are never renumbered implicitly (`renumber` is explicit).",
        "- `repeal` keeps an «исключен» placeholder when the document already keeps numbering that way,",
        "  and removes the unit otherwise, unless `placeholder` says which.",
        "- `base_sha256` is the sha256 of the base's legal text as `lexamend parse --format text` prints",
        "  it (the same for a .txt and a .docx of the same text), or of the base file's bytes. A mismatch",
        "  fails every edit of the patch unless `lexamend apply --rebase` relocates them.",
        "",
    ]
    return "\n".join(lines)


def outputs() -> dict[Path, str]:
    files = {DOCS / "cli.md": cli_page(), DOCS / "patch-format.md": patch_page()}
    for schema in sorted(SCHEMAS.glob("*.json")):
        files[DOCS / "schemas" / schema.name] = schema.read_text(encoding="utf-8")
    return files


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    for path, content in outputs().items():
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    if stale:
        print("out of date (run python tools/gen_docs.py):", *[str(p.relative_to(ROOT)) for p in stale], sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
