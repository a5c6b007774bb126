#!/usr/bin/env python3
"""Parse time and peak memory for the full Law "On Education" (RU) and the other corpus texts.

    python bench/parse.py [--runs 7] [--json OUT.json]

Times ``lexamend.parse.parse_file`` in-process (median of --runs after one
warm-up) and the whole ``lexamend parse --format json`` command as a separate
process (interpreter start-up and imports included), with its peak RSS. Prints
a markdown table; numbers vary with the machine's load, so compare ratios
measured in the same run rather than absolute seconds across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from timing import timed

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "corpus/kz/law-education-2007.ru.txt",
    "corpus/kz/law-education-2007.kk.txt",
    "corpus/kz/law-rights-child-2002.ru.txt",
    "corpus/kz/constitution-1995.ru.txt",
    "corpus/un/crc-1989.en.md",
]


def in_process(path: Path, runs: int) -> tuple[float, int]:
    from lexamend.parse import parse_file

    parse_file(path)
    times = []
    units = 0
    for _ in range(runs):
        start = time.perf_counter()
        doc = parse_file(path)
        times.append(time.perf_counter() - start)
        units = sum(1 for _ in doc.walk())
    return statistics.median(times), units


def as_process(path: Path, runs: int) -> tuple[float, float]:
    exe = Path(sys.executable).with_name("lexamend")
    return timed([str(exe), "parse", str(path), "--format", "json", "-q", "-o", os.devnull], runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    for relative in TEXTS:
        path = ROOT / relative
        parse_s, units = in_process(path, args.runs)
        cmd_s, rss = as_process(path, max(3, args.runs // 2))
        rows.append({"text": relative, "kib": path.stat().st_size // 1024, "units": units, "parse_s": round(parse_s, 4), "command_s": round(cmd_s, 3), "peak_rss_mib": round(rss, 1)})
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, runs={args.runs}\n")
    print("| text | KiB | units | parse_file median s | `lexamend parse --format json` median s | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['text']} | {r['kib']} | {r['units']} | {r['parse_s']:.3f} | {r['command_s']:.3f} | {r['peak_rss_mib']:.0f} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
