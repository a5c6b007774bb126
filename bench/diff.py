#!/usr/bin/env python3
"""Benchmark `lexamend diff --format json` against git's word diff and a plain diff-match-patch word diff.

    python bench/diff.py [--scales 1 5 25] [--runs 3] [--out bench/results/diff] [--lexamend PATH]

For each scale, a corpus is generated with bench/gen_bench.py (seed 1) into
OUT/corpus-sN (kept between runs), and the three tools run on the same
original.txt / amended.txt, each as a whole separate process (interpreter
start-up and imports included):

  lexamend   lexamend diff --format json -q -o OUT/sN/lexamend.json original.txt amended.txt
  git        git diff --no-index --no-color --word-diff original.txt amended.txt
  dmp-word   diff-match-patch diff_main on whitespace/word tokens of the whole text
             (Diff_Timeout = 0), as ../shared/bench/peers.py's dmp-word peer

Wall time and peak RSS (ru_maxrss of the child, os.wait4) are the median of
--runs timed runs after one untimed warm-up; a tool whose warm-up takes more
than 60 s is run once. lexamend's JSON is scored against the corpus's
edits.json (recall, precision: bench/bench_pair.py), and its time is split
into phases measured in-process (imports, parsing, alignment, word diffs,
JSON) to show what dominates. Results: a Markdown table on stdout and
OUT/diff.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SLOW_S = 60.0


# -- the dmp-word peer (run in its own process) ---------------------------------------------


def run_dmp_word(orig_txt: str, amended_txt: str, out: str) -> None:
    """diff-match-patch on word tokens, exactly as ../shared/bench/peers.py runs it."""
    import diff_match_patch as dmp_mod

    tok = re.compile(r"\s+|\S+")
    index: dict[str, int] = {}
    table: list[str] = []

    def enc(text: str) -> str:
        chars = []
        for t in tok.findall(text):
            k = index.get(t)
            if k is None:
                k = index[t] = len(table)
                table.append(t)
            chars.append(chr(k + 0x800 if k >= 0xD800 else k))  # skip surrogates
        return "".join(chars)

    def dec(s: str) -> str:
        return "".join(table[(ord(c) - 0x800) if ord(c) >= 0xD800 + 0x800 else ord(c)] for c in s)

    a = enc(Path(orig_txt).read_text(encoding="utf-8"))
    b = enc(Path(amended_txt).read_text(encoding="utf-8"))
    d = dmp_mod.diff_match_patch()
    d.Diff_Timeout = 0
    diffs = d.diff_main(a, b, False)
    with open(out, "w", encoding="utf-8") as f:
        for op, s in diffs:
            s = dec(s)
            f.write(s if op == 0 else (f"[-{s}-]" if op < 0 else f"{{+{s}+}}"))


# -- measurement --------------------------------------------------------------------------------


def measure(cmd: list[str], timeout: float, stdout_path: Path | None = None) -> dict:
    """Run ``cmd`` in its own process group: wall seconds, peak RSS (MiB), exit code."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True)
    timed_out = False
    try:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.002)
    finally:
        if stdout_path:
            out.close()  # type: ignore[union-attr]
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err.seek(0)
    return {
        "wall_s": round(wall, 4),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "rc": proc.returncode,
        "timed_out": timed_out,
        "stderr_tail": err.read().decode(errors="replace")[-800:],
    }


def bench_tool(name: str, cmd: list[str], runs: int, timeout: float, ok_rc: tuple[int, ...], stdout_path: Path | None = None) -> dict:
    samples = []
    for k in range(runs + 1):
        m = measure(cmd, timeout, stdout_path)
        print(f"  {name}: run {k}{' (warm-up)' if k == 0 else ''} {m['wall_s']:.3f} s {m['peak_rss_mib']:.0f} MiB rc={m['rc']}", file=sys.stderr, flush=True)
        if m["timed_out"] or m["rc"] not in ok_rc:
            return {"name": name, "status": "timeout" if m["timed_out"] else "error", "note": m["stderr_tail"].strip()[-300:], "cmd": cmd}
        if k == 0 and m["wall_s"] <= SLOW_S:
            continue
        samples.append(m)
        if len(samples) >= runs or (k == 0 and m["wall_s"] > SLOW_S):
            break
    return {
        "name": name,
        "status": "ok",
        "runs": len(samples),
        "median_wall_s": round(statistics.median(s["wall_s"] for s in samples), 4),
        "median_peak_rss_mib": round(statistics.median(s["peak_rss_mib"] for s in samples), 1),
        "walls": [s["wall_s"] for s in samples],
    }


def phases(orig: Path, amended: Path) -> dict:
    """lexamend's time split into phases, measured in a fresh process."""
    probe = r"""
import json, sys, time
t0 = time.perf_counter()
from lexamend.parse import parse_file
from lexamend.diff.document import diff_documents
from lexamend.diff.align import align
from lexamend.render.diff_json import diff_to_json
t1 = time.perf_counter()
old = parse_file(sys.argv[1]); new = parse_file(sys.argv[2])
t2 = time.perf_counter()
alignment = align(old, new)
t3 = time.perf_counter()
diff = diff_documents(old, new)
t4 = time.perf_counter()
text = diff_to_json(diff)
t5 = time.perf_counter()
print(json.dumps({"imports_s": t1 - t0, "parse_both_s": t2 - t1, "align_s": t3 - t2,
                  "diff_documents_s": t4 - t3, "word_diffs_and_naming_s": (t4 - t3) - (t3 - t2),
                  "json_s": t5 - t4, "units_old": alignment.old_count, "units_new": alignment.new_count}))
"""
    result = subprocess.run([sys.executable, "-c", probe, str(orig), str(amended)], capture_output=True, text=True, check=True)
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in json.loads(result.stdout).items()}


# -- the benchmark ----------------------------------------------------------------------------


def corpus(out: Path, scale: int) -> Path:
    target = out / f"corpus-s{scale}"
    meta = target / "edits.json"
    if not meta.exists() or json.loads(meta.read_text(encoding="utf-8")).get("scale") != scale:
        print(f"[generating scale {scale} into {target}]", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, str(HERE / "gen_bench.py"), str(target), "--scale", str(scale), "--seed", "1"], check=True, capture_output=True)
    return target


def run_scale(scale: int, args: argparse.Namespace, out: Path, lexamend: str) -> dict:
    sys.path.insert(0, str(HERE))
    from bench_pair import score_corpus

    data = corpus(out, scale)
    orig, amended = data / "original.txt", data / "amended.txt"
    results_dir = out / f"s{scale}"
    results_dir.mkdir(parents=True, exist_ok=True)
    meta = json.loads((data / "edits.json").read_text(encoding="utf-8"))
    lex_json = results_dir / "lexamend.json"
    tools = [
        bench_tool("lexamend diff --format json", [lexamend, "diff", "--format", "json", "-q", "-o", str(lex_json), str(orig), str(amended)], args.runs, args.timeout, (0, 1)),
        bench_tool("git diff --word-diff", ["git", "-c", "core.quotepath=off", "diff", "--no-index", "--no-color", "--word-diff", str(orig), str(amended)], args.runs, args.timeout, (0, 1), results_dir / "git-word-diff.diff"),
        bench_tool("diff-match-patch (words)", [sys.executable, str(Path(__file__).resolve()), "--run-peer", "dmp-word", str(orig), str(amended), str(results_dir / "dmp-word.diff")], args.runs, args.timeout, (0,)),
    ]
    score = score_corpus(data, json.loads(lex_json.read_text(encoding="utf-8")))
    return {
        "scale": scale,
        "paragraphs": meta["original"]["paragraphs"],
        "words": meta["original"]["words"],
        "edits": len(meta["edits"]),
        "tools": tools,
        "recall": score.recall,
        "precision": score.precision,
        "missed": len(score.missed),
        "spurious": len(score.spurious),
        "phases": phases(orig, amended),
    }


def _time(rows: list[dict], scale: int, name_start: str) -> float | None:
    for row in rows:
        if row["scale"] == scale:
            for tool in row["tools"]:
                if tool["name"].startswith(name_start) and tool["status"] == "ok":
                    return tool["median_wall_s"]
    return None


def table(report: dict) -> str:
    rows = report["scales"]
    lines = [
        "| scale | paragraphs | words | tool | runs | median wall s | peak RSS MiB | vs git | vs dmp |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        git = _time(rows, row["scale"], "git")
        dmp = _time(rows, row["scale"], "diff-match-patch")
        for tool in row["tools"]:
            if tool["status"] != "ok":
                lines.append(f"| {row['scale']} | {row['paragraphs']} | {row['words']} | {tool['name']} | | {tool['status']} | | | |")
                continue
            wall = tool["median_wall_s"]
            vs_git = f"{wall / git:.1f}×" if git else ""
            vs_dmp = f"{wall / dmp:.2f}×" if dmp else ""
            lines.append(f"| {row['scale']} | {row['paragraphs']} | {row['words']} | {tool['name']} | {tool['runs']} | {wall:.3f} | {tool['median_peak_rss_mib']:.0f} | {vs_git} | {vs_dmp} |")
    lines += ["", "| scale | recall | precision | lexamend phases (in-process, s) |", "|---:|---:|---:|---|"]
    for row in rows:
        p = row["phases"]
        detail = f"imports {p['imports_s']}, parse both {p['parse_both_s']}, align {p['align_s']}, word diffs + naming {p['word_diffs_and_naming_s']}, JSON {p['json_s']}"
        lines.append(f"| {row['scale']} | {row['recall']:.1%} | {row['precision']:.1%} | {detail} |")
    scales = [r["scale"] for r in rows]
    growth = []
    for a, b in zip(scales, scales[1:], strict=False):
        for name in ("lexamend", "git", "diff-match-patch"):
            ta, tb = _time(rows, a, name), _time(rows, b, name)
            if ta and tb:
                growth.append(f"{name} ×{tb / ta:.1f}")
        size = next(r["words"] for r in rows if r["scale"] == b) / next(r["words"] for r in rows if r["scale"] == a)
        lines.append("")
        lines.append(f"Growth from scale {a} to {b} ({size:.1f}× the words): " + ", ".join(growth))
        growth = []
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--run-peer":
        run_dmp_word(*argv[2:5])
        return 0
    ap = argparse.ArgumentParser(description="Benchmark lexamend diff against git word diff and diff-match-patch.")
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 5, 25])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--out", default=str(HERE / "results" / "diff"))
    ap.add_argument("--lexamend", default=str(Path(sys.executable).with_name("lexamend")), help="the lexamend executable")
    ap.add_argument("--table", action="store_true", help="only print the table of an existing OUT/diff.json")
    args = ap.parse_args(argv)
    out = Path(args.out)
    if args.table:
        print(table(json.loads((out / "diff.json").read_text(encoding="utf-8"))))
        return 0
    if not shutil.which(args.lexamend) and not Path(args.lexamend).exists():
        ap.error(f"{args.lexamend}: no lexamend executable (give --lexamend)")
    out.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "git": subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()},
        "method": f"median of {args.runs} runs after 1 warm-up (a warm-up over {SLOW_S:.0f} s is the only run); separate processes; peak RSS = ru_maxrss (os.wait4)",
        "scales": [],
    }
    for scale in args.scales:
        print(f"[scale {scale}]", file=sys.stderr, flush=True)
        report["scales"].append(run_scale(scale, args, out, args.lexamend))
        (out / "diff.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
