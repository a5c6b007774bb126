#!/usr/bin/env python3
"""Apply throughput: 1,000 word edits on the generated ~2,000-paragraph regulation.

    python bench/apply.py [--edits 1000] [--scale 1] [--runs 5] [--workdir bench/results/apply]

Generates the benchmark corpus with ../shared/bench/gen_bench.py (or $LEXAMEND_BENCH_GEN),
writes a patch of N deterministic word edits (delete / insert / replace, each on
words unique in its paragraph) against ``original.txt``, and times, in the same
run:

* ``apply_patches`` in-process (parse excluded) — edits per second;
* the whole ``lexamend apply`` command as a process (start-up, parse, apply, write);
* GNU ``patch`` applying a unified diff of the same changes to the same file —
  the usual line-based tool, as a reference point (it applies line hunks with
  no notion of clauses, words, guards or tidying).

Prints a markdown table with ratios.
"""

from __future__ import annotations

import argparse
import difflib
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from timing import timed

ROOT = Path(__file__).resolve().parent.parent
GEN = Path(os.environ.get("LEXAMEND_BENCH_GEN", ROOT.parent / "shared" / "bench" / "gen_bench.py"))


def generate(workdir: Path, scale: int) -> Path:
    target = workdir / f"scale{scale}"
    if not (target / "original.txt").exists():
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(GEN), str(target), "--scale", str(scale)], check=True, stdout=subprocess.DEVNULL)
    return target


def make_patch(doc, count: int, seed: int = 1):
    """N edits on distinct words: each edit's words occur once in its paragraph."""
    from lexamend.match import find_all
    from lexamend.model import Edit, Op, Patch

    rng = random.Random(seed)
    units = [u for u in doc.walk() if u.text and not u.children and len(u.text.split()) >= 8]
    edits = []
    used: dict[str, set[int]] = {}
    attempts = 0
    while len(edits) < count and attempts < count * 50:
        attempts += 1
        unit = rng.choice(units)
        words = unit.text.split()
        i = rng.randrange(1, len(words) - 2)
        taken = used.setdefault(unit.eid, set())
        if taken & {i - 1, i, i + 1, i + 2}:
            continue
        phrase = " ".join(words[i : i + 2])
        if not phrase.replace(" ", "").isalpha() or len(find_all(unit.text, phrase)) != 1:
            continue
        taken.update({i, i + 1})
        op = rng.choice([Op.DELETE, Op.INSERT, Op.REPLACE])
        eid = f"e{len(edits) + 1:04d}"
        if op is Op.DELETE:
            edits.append(Edit(id=eid, op=op, at=unit.address, text=phrase))
        elif op is Op.INSERT:
            edits.append(Edit(id=eid, op=op, at=unit.address, text="duly", after=phrase))
        else:
            edits.append(Edit(id=eid, op=op, at=unit.address, old=phrase, new=f"{words[i + 1]} {words[i]}"))
    return Patch(edits=tuple(edits), title="benchmark edits", base="original.txt", language="en")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "results" / "apply")
    args = parser.parse_args()

    from lexamend.apply import apply_patches
    from lexamend.parse import parse_file
    from lexamend.patch.dump import dumps
    from lexamend.render.text import render_text

    corpus = generate(args.workdir, args.scale)
    original = corpus / "original.txt"
    doc = parse_file(original)
    patch = make_patch(doc, args.edits)
    patch_path = args.workdir / f"edits-{args.edits}.yaml"
    patch_path.write_text(dumps(patch), encoding="utf-8")

    times = []
    result = None
    for _ in range(args.runs):
        start = time.perf_counter()
        result = apply_patches(doc, [patch])
        times.append(time.perf_counter() - start)
    assert result is not None and result.ok, [r.reason for r in result.failed][:3] if result else None
    apply_s = statistics.median(times)
    amended = render_text(result.document)
    expected = args.workdir / "expected.txt"
    expected.write_text(amended, encoding="utf-8")

    exe = str(Path(sys.executable).with_name("lexamend"))
    out = args.workdir / "amended.out.txt"
    cmd_s, cmd_rss = timed([exe, "apply", str(original), str(patch_path), "-o", str(out), "-q"], args.runs)
    assert out.read_text(encoding="utf-8") == amended

    base_text = render_text(doc)
    (args.workdir / "base.txt").write_text(base_text, encoding="utf-8")
    diff = "".join(difflib.unified_diff(base_text.splitlines(True), amended.splitlines(True), "base.txt", "expected.txt"))
    diff_path = args.workdir / "edits.diff"
    diff_path.write_text(diff, encoding="utf-8")
    patched = args.workdir / "patched.txt"
    patch_s, patch_rss = timed(["patch", "-s", "-o", str(patched), str(args.workdir / "base.txt"), str(diff_path)], args.runs)
    assert patched.read_text(encoding="utf-8") == amended

    units = sum(1 for _ in doc.walk())
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; scale {args.scale}: {units} units, {len(patch.edits)} edits; median of {args.runs} runs\n")
    print("| what | median s | edits/s | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    print(f"| apply_patches in-process (parse excluded) | {apply_s:.3f} | {len(patch.edits) / apply_s:,.0f} | |")
    print(f"| `lexamend apply` command (start-up, parse, apply, write) | {cmd_s:.3f} | {len(patch.edits) / cmd_s:,.0f} | {cmd_rss:.0f} |")
    print(f"| GNU `patch` with a unified diff of the same changes | {patch_s:.3f} | {len(patch.edits) / patch_s:,.0f} | {patch_rss:.0f} |")
    print(f"\nratio lexamend apply / GNU patch (whole command): {cmd_s / patch_s:.1f}x")


if __name__ == "__main__":
    main()
