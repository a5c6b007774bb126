"""The JSON Schema of patch files, shipped in the package (``schemas/patch.schema.json``)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def patch_schema() -> dict[str, Any]:
    """The patch file schema (JSON Schema draft 2020-12)."""
    return json.loads(resources.files("lexamend").joinpath("schemas/patch.schema.json").read_text(encoding="utf-8"))
