"""Read the xref data files (YAML shipped in the package), validated against their JSON Schemas.

A data file that breaks its schema is a bug in the data, but the registry and
the lexicons are meant to be edited by lawyers: the error names the file, the
line and the value, like a patch file error does.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lexamend.errors import InputError


@lru_cache(maxsize=8)
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``lexamend/schemas``."""
    return json.loads(resources.files("lexamend").joinpath(f"schemas/{name}").read_text(encoding="utf-8"))


def packaged(name: str) -> Path:
    """The path of a data file shipped in ``lexamend/xref/data``."""
    return Path(str(resources.files("lexamend").joinpath(f"xref/data/{name}")))


def _line_of(node: Any, location: list[str | int]) -> int | None:
    import yaml

    line = node.start_mark.line + 1
    for key in location:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            if match is None:
                return line
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def load_yaml(path: Path, schema_name: str) -> dict[str, Any]:
    """Read ``path`` (safe YAML) and validate it; errors name the file and line."""
    import jsonschema
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise InputError(str(path), f"is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "is not a mapping")
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = max(errors, key=lambda e: len(e.absolute_path))
        where = "/".join(str(p) for p in error.absolute_path) or "the top level"
        line = _line_of(node, list(error.absolute_path))
        raise InputError(
            f"{path}:{line}" if line else str(path),
            f"{where}: {error.message}",
            hint=f"The file must follow lexamend/schemas/{schema_name}.",
        )
    return data
