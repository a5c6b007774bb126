"""Read patch files: safe YAML with line numbers, validated against the JSON Schema.

Safety: YAML is composed with PyYAML's SafeLoader (no object construction), a
file larger than :data:`MAX_PATCH_BYTES` is refused before parsing, and
anchors/aliases are refused outright — a patch file never needs them and they
are how "billion laughs" documents blow up memory. Every error names the patch
file and, where there is one, the line, and says what to do.
"""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from lexamend.errors import PatchError
from lexamend.model import OP_ALIASES, Edit, Kind, Op, Patch
from lexamend.patch.schema import patch_schema

# libyaml's C parser when PyYAML was built with it (it is ~10x faster); same safe semantics.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Refuse patch files larger than this (a real proposal is a few kilobytes).
MAX_PATCH_BYTES = 2 * 1024 * 1024
#: Refuse patches with more edits than this.
MAX_EDITS = 20000


def _decode(data: bytes, path: str) -> str:
    if not data.strip():
        raise PatchError(path, "is empty", hint="A patch starts with `lexamend: 1`, a title, a base and a list of edits.")
    if len(data) > MAX_PATCH_BYTES:
        raise PatchError(path, f"is {len(data) // 1024} KiB; patch files are limited to {MAX_PATCH_BYTES // 1024} KiB")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PatchError(path, f"is not UTF-8 (invalid byte at offset {exc.start})", line=line, hint="Save the patch file as UTF-8.") from None


def _compose(text: str, path: str) -> yaml.Node:
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else None
                raise PatchError(path, "uses a YAML alias (*name); YAML anchors and aliases are not allowed in patch files", line=line, hint="Write the value out in full.")
            anchor = getattr(event, "anchor", None)
            if anchor:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise PatchError(path, f"uses a YAML anchor (&{anchor}); YAML anchors and aliases are not allowed in patch files", line=line, hint="Write the value out in full.")
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise PatchError(path, f"is not valid YAML: {problem}", line=line, hint="Check the indentation and quoting at that line.") from None
    except yaml.YAMLError as exc:
        raise PatchError(path, f"is not valid YAML: {exc}") from None
    if node is None:
        raise PatchError(path, "is empty")
    return node


def _plain(value: Any) -> Any:
    """Dates written unquoted (``date: 2026-11-25``) become ISO strings, as the schema expects."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _construct(node: yaml.Node, path: str) -> Any:
    loader = _LOADER("")
    try:
        return _plain(loader.construct_document(node))
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise PatchError(
            path,
            f"uses an unsupported YAML tag ({exc.problem})",
            line=line,
            hint="Patch files hold plain text, numbers and lists only; remove the !!tag.",
        ) from None
    except yaml.YAMLError as exc:
        raise PatchError(path, f"cannot be read: {exc}") from None
    finally:
        loader.dispose()


def _line_of(node: yaml.Node, location: list[str | int]) -> int | None:
    """The source line of the value at ``location`` (a JSON-Schema error path)."""
    current = node
    line = current.start_mark.line + 1
    for key in location:
        if isinstance(current, yaml.MappingNode) and isinstance(key, str):
            for k, v in current.value:
                if getattr(k, "value", None) == key:
                    current, line = v, k.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(current, yaml.SequenceNode) and isinstance(key, int) and key < len(current.value):
            current = current.value[key]
            line = current.start_mark.line + 1
        else:
            return line
    return line


def _edit_lines(node: yaml.Node) -> list[int]:
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "edits" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


_OPS = [op.value for op in Op] + list(OP_ALIASES)


def _schema_message(error: jsonschema.ValidationError) -> tuple[str, str | None]:
    """A one-line problem and a hint for a schema violation."""
    where = "/".join(str(p) for p in error.absolute_path) or "the top level"
    if error.validator == "enum" and error.absolute_path and error.absolute_path[-1] == "op":
        bad = str(error.instance)
        close = difflib.get_close_matches(bad, _OPS, n=1)
        hint = f"Did you mean {close[0]!r}? " if close else ""
        return f"unknown operation {bad!r} at {where}", hint + "Operations: " + ", ".join(op.value for op in Op) + "."
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []
        hints = []
        for extra in extras:
            close = difflib.get_close_matches(extra, allowed, n=1)
            if close:
                hints.append(f"{extra!r} → {close[0]!r}?")
        return f"unknown field(s) {', '.join(repr(e) for e in extras)} at {where}", ("Did you mean " + ", ".join(hints)) if hints else "Allowed fields: " + ", ".join(allowed) + "."
    if error.validator == "required":
        return f"{error.message} at {where}", None
    if error.validator == "type":
        return f"{where} should be of type {error.validator_value}, not {type(error.instance).__name__} ({error.instance!r})", None
    if error.validator == "oneOf" and error.absolute_path and error.absolute_path[-1] == "occurrence":
        return f"occurrence at {where} must be a whole number from 1 or \"all\", not {error.instance!r}", None
    if error.validator == "oneOf":
        return f"{where}: give exactly one of `before:` or `after:` for an insert", None
    if error.validator == "const" and error.absolute_path and error.absolute_path[-1] == "lexamend":
        return f"unsupported patch format version {error.instance!r}", "This lexamend reads `lexamend: 1`."
    return f"{where}: {error.message}", None


def _validate(data: Any, node: yaml.Node, path: str) -> None:
    if not isinstance(data, dict):
        raise PatchError(path, "is not a patch: expected a mapping with `lexamend: 1`, `title`, `base` and `edits`", line=1)
    if "lexamend" not in data:
        raise PatchError(path, "is not a lexamend patch: the `lexamend: 1` key is missing", line=1, hint="Start the file with `lexamend: 1`.")
    validator = jsonschema.Draft202012Validator(patch_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.absolute_path), e.validator))
    if not errors:
        return
    best = jsonschema.exceptions.best_match(errors)
    error = best or errors[0]
    # Prefer the most specific error (deepest path) for the message.
    deepest = max(errors, key=lambda e: len(e.absolute_path))
    if len(deepest.absolute_path) > len(error.absolute_path):
        error = deepest
    problem, hint = _schema_message(error)
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    raise PatchError(path, problem + more, line=_line_of(node, list(error.absolute_path)), hint=hint)


def _edit_from(raw: dict[str, Any], path: str, line: int | None) -> Edit:
    op_name = raw["op"]
    op = OP_ALIASES.get(op_name) or Op(op_name)
    occurrence = raw.get("occurrence")
    kind = Kind(raw["kind"]) if raw.get("kind") else None
    position = raw.get("position", "after")
    if op is Op.INSERT_UNIT and position not in ("after", "before", "first", "last"):
        raise PatchError(path, f"edit {raw['id']!r}: position must be after, before, first or last", line=line)
    return Edit(
        id=str(raw["id"]),
        op=op,
        at=str(raw["at"]),
        text=raw.get("text"),
        old=raw.get("old"),
        new=raw.get("new"),
        before=raw.get("before"),
        after=raw.get("after"),
        occurrence=occurrence,
        expect=raw.get("expect"),
        position=position,
        num=str(raw["num"]) if raw.get("num") is not None else None,
        kind=kind,
        placeholder=raw.get("placeholder"),
        rationale=str(raw.get("rationale", "") or ""),
        rights=tuple(raw.get("rights", []) or ()),
        source=raw.get("source"),
        line=line,
        patch=path,
    )


def loads(text: str | bytes, path: str = "<patch>") -> Patch:
    """Parse and validate a patch from its text."""
    if isinstance(text, bytes):
        text = _decode(text, path)
    elif len(text.encode("utf-8")) > MAX_PATCH_BYTES:
        raise PatchError(path, f"is larger than {MAX_PATCH_BYTES // 1024} KiB")
    node = _compose(text, path)
    data = _construct(node, path)
    _validate(data, node, path)
    edits_raw = data["edits"]
    if len(edits_raw) > MAX_EDITS:
        raise PatchError(path, f"has {len(edits_raw)} edits; the limit is {MAX_EDITS}")
    lines = _edit_lines(node)
    seen: dict[str, int | None] = {}
    edits: list[Edit] = []
    for index, raw in enumerate(edits_raw):
        line = lines[index] if index < len(lines) else None
        if raw["id"] in seen:
            raise PatchError(path, f"edit id {raw['id']!r} is used twice (first at line {seen[raw['id']]})", line=line, hint="Give every edit its own id.")
        seen[raw["id"]] = line
        edits.append(_edit_from(raw, path, line))
    date = data.get("date", "")
    extra = tuple(sorted((k, v) for k, v in data.items() if k in ("alternative_to",)))
    return Patch(
        edits=tuple(edits),
        title=str(data["title"]),
        authors=tuple(str(a) for a in data.get("authors", []) or ()),
        date=str(date) if date else "",
        base=str(data["base"]),
        base_sha256=str(data.get("base_sha256", "") or ""),
        language=str(data.get("language", "") or ""),
        summary=str(data.get("summary", "") or ""),
        version=int(data["lexamend"]),
        path=path,
        extra=extra,
    )


def load(path: str | Path) -> Patch:
    """Read, parse and validate a patch file."""
    p = Path(path)
    try:
        if p.is_dir():
            raise PatchError(str(path), "is a directory, not a patch file")
        size = p.stat().st_size
        if size > MAX_PATCH_BYTES:
            raise PatchError(str(path), f"is {size // 1024} KiB; patch files are limited to {MAX_PATCH_BYTES // 1024} KiB")
        data = p.read_bytes()
    except FileNotFoundError:
        raise PatchError(str(path), "no such patch file") from None
    except PermissionError:
        raise PatchError(str(path), "permission denied") from None
    return loads(data, str(path))
