"""The tree JSON: golden files for small real excerpts, the published schema, and a lossless round trip."""

from __future__ import annotations

import json

import jsonschema
import pytest

from lexamend.parse import parse_file
from lexamend.render.text import render_text
from lexamend.render.tree_json import document_from_dict, document_to_dict, document_to_json, load_schema
from tests.conftest import DATA, golden

FIXTURES = sorted(p.name for p in (DATA / "text").iterdir())


def _parse(name: str):
    doc = parse_file(DATA / "text" / name)
    # The source path depends on where the checkout lives; the golden file must not.
    from dataclasses import replace

    return replace(doc, meta=replace(doc.meta, source=f"tests/data/text/{name}"))


@pytest.mark.parametrize("name", FIXTURES)
def test_tree_json_matches_golden(name: str) -> None:
    golden(f"{name}.json", document_to_json(_parse(name)))


@pytest.mark.parametrize("name", FIXTURES)
def test_tree_json_validates_against_the_published_schema(name: str) -> None:
    data = json.loads(document_to_json(_parse(name), with_blocks=True))
    jsonschema.Draft202012Validator(load_schema()).validate(data)


@pytest.mark.parametrize("name", FIXTURES)
def test_tree_json_round_trips(name: str) -> None:
    doc = _parse(name)
    again = document_from_dict(json.loads(document_to_json(doc, with_blocks=True)))
    assert document_to_dict(again, with_blocks=True) == document_to_dict(doc, with_blocks=True)
    assert render_text(again, notes=True) == render_text(doc, notes=True)


def test_unknown_schema_version_is_refused() -> None:
    data = document_to_dict(_parse(FIXTURES[0]))
    data["version"] = 99
    with pytest.raises(ValueError, match="version 99 is not supported"):
        document_from_dict(data)
