"""Patch files: a proposed amendment as reviewable YAML (load, dump, schema)."""

from lexamend.patch.load import load, loads

__all__ = ["load", "loads"]
