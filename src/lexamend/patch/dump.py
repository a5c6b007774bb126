"""Write patches as YAML that reads well in an editor and diffs well in git.

Keys come in a fixed order (header first; in each edit ``id``, ``op``, ``at``,
then the operation's fields, then ``rationale`` and ``rights``); multi-line
strings are written as literal blocks. The same patch always gives the same
bytes.
"""

from __future__ import annotations

from typing import Any

import yaml

from lexamend.model import Edit, Op, Patch

_EDIT_ORDER = (
    "id", "op", "at", "position", "num", "kind", "text", "old", "new", "before", "after",
    "occurrence", "expect", "placeholder", "source", "rationale", "rights",
)


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes multi-line strings as literal blocks and never uses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str_representer)


def edit_to_dict(edit: Edit) -> dict[str, Any]:
    """The fields an edit needs in a patch file, in a fixed order."""
    values: dict[str, Any] = {
        "id": edit.id,
        "op": edit.op.value,
        "at": edit.at,
        "position": edit.position if edit.op is Op.INSERT_UNIT and edit.position != "after" else None,
        "num": edit.num,
        "kind": edit.kind.value if edit.kind else None,
        "text": edit.text,
        "old": edit.old,
        "new": edit.new if edit.op is Op.REPLACE else None,
        "before": edit.before,
        "after": edit.after,
        "occurrence": edit.occurrence,
        "expect": edit.expect,
        "placeholder": edit.placeholder,
        "source": edit.source,
        "rationale": edit.rationale or None,
        "rights": list(edit.rights) or None,
    }
    return {key: values[key] for key in _EDIT_ORDER if values[key] is not None}


def patch_to_dict(patch: Patch) -> dict[str, Any]:
    data: dict[str, Any] = {"lexamend": patch.version, "title": patch.title}
    if patch.authors:
        data["authors"] = list(patch.authors)
    if patch.date:
        data["date"] = patch.date
    data["base"] = patch.base
    if patch.base_sha256:
        data["base_sha256"] = patch.base_sha256
    if patch.language:
        data["language"] = patch.language
    if patch.summary:
        data["summary"] = patch.summary
    for key, value in patch.extra:
        data[key] = value
    data["edits"] = [edit_to_dict(edit) for edit in patch.edits]
    return data


def dumps(patch: Patch) -> str:
    """The patch as YAML text."""
    return yaml.dump(
        patch_to_dict(patch), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
