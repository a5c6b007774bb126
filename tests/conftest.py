"""Shared fixtures: the repository, its corpus, and parsed corpus documents (cached)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

from lexamend.model import Document
from lexamend.parse import parse_file

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = DATA / "golden"

#: Set by .ci/run: tests that need LibreOffice or Chromium must fail, not skip, when missing.
REQUIRE_OFFICE = os.environ.get("LEXAMEND_REQUIRE_OFFICE") == "1"


@lru_cache(maxsize=32)
def corpus_doc(relative: str) -> Document:
    """Parse a corpus text once per test session."""
    return parse_file(CORPUS / relative)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def edu_ru() -> Document:
    return corpus_doc("kz/law-education-2007.ru.txt")


@pytest.fixture(scope="session")
def edu_kk() -> Document:
    return corpus_doc("kz/law-education-2007.kk.txt")


@pytest.fixture(scope="session")
def child_ru() -> Document:
    return corpus_doc("kz/law-rights-child-2002.ru.txt")


@pytest.fixture(scope="session")
def constitution() -> Document:
    return corpus_doc("kz/constitution-1995.ru.txt")


@pytest.fixture(scope="session")
def order468() -> Document:
    return corpus_doc("kz/order-468-rules.en.txt")


def golden(name: str, actual: str) -> None:
    """Compare ``actual`` with the golden file ``tests/data/golden/<name>``.

    ``make golden`` (LEXAMEND_UPDATE_GOLDEN=1) rewrites the file instead; review
    the diff before committing it.
    """
    path = GOLDEN / name
    if os.environ.get("LEXAMEND_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"golden file {path} is missing; run `make golden` and review it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from golden file {path}; run `make golden` if the change is intended"
