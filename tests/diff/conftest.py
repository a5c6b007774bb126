"""Fixtures for the diff tests: the benchmark pair that bench/gen_bench.py writes, and its scorer."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="session")
def bench_pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """original/amended .txt and .docx with edits.json (scale 1, seed 1), generated once per session."""
    out = tmp_path_factory.mktemp("bench-s1")
    subprocess.run([sys.executable, str(REPO / "bench" / "gen_bench.py"), str(out)], check=True, capture_output=True)
    return out


@pytest.fixture(scope="session")
def bench_scorer() -> ModuleType:
    """bench/bench_pair.py, which scores a diff against the pair's ground truth."""
    spec = importlib.util.spec_from_file_location("bench_pair", REPO / "bench" / "bench_pair.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module
