"""Precision and recall of ground detection on the labelled clauses (bench/xref/labelled.yaml).

Usage (from the repository root):

    .venv/bin/python bench/xref/evaluate.py            # the tables for docs/xref.md
    .venv/bin/python bench/xref/evaluate.py --sweep    # precision/recall per threshold on the tuning split
    .venv/bin/python bench/xref/evaluate.py --errors   # every false positive and false negative
    LEXAMEND_RU_MORPHOLOGY=stems .venv/bin/python bench/xref/evaluate.py   # Russian by the fallback stemmer

A prediction is a (clause, ground) pair: the clause distinguishes on the ground
when a detection with that ground scores at or above the threshold. Precision =
correct pairs / predicted pairs, recall = correct pairs / labelled pairs.
The split is fixed by the clause ids (see the header of labelled.yaml), so that
the held-back clauses are never used for tuning.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
LABELLED = Path(__file__).with_name("labelled.yaml")
#: A clause is held back when the first byte of sha256(id) is below this (77/256 ≈ 30 %).
HELD_BACK_BELOW = 77


@dataclass(frozen=True)
class Clause:
    id: str
    doc: str
    at: str
    grounds: frozenset[str]
    patch: str = ""

    @property
    def lang(self) -> str:
        return _document(self.doc, self.patch).meta.language

    @property
    def split(self) -> str:
        return "held-back" if hashlib.sha256(self.id.encode()).digest()[0] < HELD_BACK_BELOW else "tuning"


@cache
def _document(doc: str, patch: str):  # type: ignore[no-untyped-def]
    from lexamend.apply import apply_patches
    from lexamend.corpus import find
    from lexamend.parse import parse_file
    from lexamend.patch import load

    base = parse_file(find(doc))
    if not patch:
        return base
    result = apply_patches(base, [load(ROOT / patch)])
    if not result.ok:
        raise SystemExit(f"{patch} does not apply to {doc}")
    return replace(result.document, meta=base.meta)


def load_clauses(path: Path = LABELLED) -> list[Clause]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Clause(c["id"], c["doc"], c["at"], frozenset(c["grounds"]), c.get("patch", "")) for c in data["clauses"]]


@cache
def scored(clause: Clause) -> tuple[tuple[str, float], ...]:
    """(ground, best score) for every ground a category of the clause names."""
    from lexamend.xref import xref_unit

    unit = xref_unit(_document(clause.doc, clause.patch), clause.at)
    best: dict[str, float] = {}
    for detection in unit.detections:
        for ground in detection.grounds:
            best[ground] = max(best.get(ground, 0.0), detection.score)
    return tuple(sorted(best.items()))


def predicted(clause: Clause, threshold: float) -> frozenset[str]:
    return frozenset(g for g, score in scored(clause) if score >= threshold)


@dataclass
class Counts:
    clauses: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def add(self, clause: Clause, threshold: float) -> None:
        guess = predicted(clause, threshold)
        self.clauses += 1
        self.tp += len(guess & clause.grounds)
        self.fp += len(guess - clause.grounds)
        self.fn += len(clause.grounds - guess)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def table(clauses: list[Clause], threshold: float) -> str:
    rows = [
        "| split | language | clauses | labelled pairs | predicted | correct | precision | recall |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for split in ("tuning", "held-back", "all"):
        for lang in ("en", "ru", "kk", "all"):
            counts = Counts()
            for clause in clauses:
                if (split == "all" or clause.split == split) and (lang == "all" or clause.lang == lang):
                    counts.add(clause, threshold)
            if counts.clauses:
                rows.append(
                    f"| {split} | {lang} | {counts.clauses} | {counts.tp + counts.fn} | {counts.tp + counts.fp} | {counts.tp} | {_fmt(counts.precision)} | {_fmt(counts.recall)} |"
                )
    return "\n".join(rows)


def sweep(clauses: list[Clause]) -> str:
    rows = ["| threshold | precision | recall | predicted |", "| ---: | ---: | ---: | ---: |"]
    for step in range(1, 11):
        threshold = step / 10
        counts = Counts()
        for clause in clauses:
            if clause.split == "tuning":
                counts.add(clause, threshold)
        rows.append(f"| {threshold:.1f} | {_fmt(counts.precision)} | {_fmt(counts.recall)} | {counts.tp + counts.fp} |")
    return "\n".join(rows)


def errors(clauses: list[Clause], threshold: float, split: str | None) -> str:
    lines = []
    for clause in clauses:
        if split and clause.split != split:
            continue
        guess = predicted(clause, threshold)
        for ground in sorted(guess - clause.grounds):
            lines.append(f"FP  {clause.split:<9} {clause.id:<36} {ground}")
        for ground in sorted(clause.grounds - guess):
            lines.append(f"FN  {clause.split:<9} {clause.id:<36} {ground}   scores: {dict(scored(clause))}")
    return "\n".join(lines) or "no errors"


def main(argv: list[str] | None = None) -> int:
    from lexamend.xref import morph
    from lexamend.xref.grounds import DISTINCTION_THRESHOLD

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DISTINCTION_THRESHOLD)
    parser.add_argument("--sweep", action="store_true", help="precision/recall per threshold on the tuning split")
    parser.add_argument("--errors", action="store_true", help="list false positives and negatives")
    parser.add_argument("--split", choices=["tuning", "held-back"], help="with --errors: only this split")
    args = parser.parse_args(argv)
    clauses = load_clauses()
    if args.sweep:
        print(sweep(clauses))
        return 0
    if args.errors:
        print(errors(clauses, args.threshold, args.split))
        return 0
    print(
        f"threshold {args.threshold}; Russian words matched by {morph.russian_method()}; {len(clauses)} labelled clauses\n"
    )
    print(table(clauses, args.threshold))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
