#!/usr/bin/env python3
"""``lexamend redline --from/--to`` against peer redliners, on the shared benchmark corpus.

    python bench/redline.py [--scales 1 5] [--runs 3] [--kit DIR] [--peers NAME ...]

1. Generates the corpus with the benchmark kit's ``gen_bench.py`` (an original
   regulation and an amended one, .docx and .txt, with the ground-truth edits)
   under ``bench/results/corpus-<scale>/`` (not committed), once per scale.
2. Makes two virtual environments under ``bench/results/`` when missing: one
   with Python 3.12 for docx-redline (it requires Python >= 3.12) and one with
   python-redlines[all] (Docxodus and WmlComparer engines) and the kit's other
   peers.
   lexamend's modules are byte-compiled first, as ``pip install`` does (an
   editable install under ``PYTHONDONTWRITEBYTECODE`` would otherwise compile
   them on every run).
3. Runs the kit's ``peers.py`` on each corpus, which times every tool as a
   separate process (start-up and imports included; median of --runs after a
   warm-up; peak RSS of the process tree) and checks every .docx it writes:
   accept-all must give ``amended.txt`` and reject-all ``original.txt``,
   paragraph by paragraph; bold and italic must survive. lexamend is one more
   peer there: ``lexamend redline --from {orig} --to {amended} -o {out}``.
4. Prints, and writes to ``bench/results/redline.json``, the ratios to lexamend
   in the same run, and how each tool's time grows from scale 1 to scale 5.

The kit is looked up in --kit, ``$LEXAMEND_BENCH_KIT``, then ``../shared/bench``
next to the repository. Absolute times depend on the machine and its load;
compare the ratios measured in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_PEERS = ("docx-redline", "python-redlines/docxodus", "python-redlines/wmlcomparer", "lexamend")
PEER_PACKAGES = ("python-docx", "lxml", "python-redlines[all]", "diff-match-patch", "redlines")


def find_kit(given: str | None) -> Path:
    candidates = [given, os.environ.get("LEXAMEND_BENCH_KIT"), ROOT.parent / "shared" / "bench", ROOT.parent.parent / "shared" / "bench"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "gen_bench.py").is_file() and (Path(candidate) / "peers.py").is_file():
            return Path(candidate).resolve()
    raise SystemExit("benchmark kit (gen_bench.py, peers.py) not found: pass --kit DIR or set LEXAMEND_BENCH_KIT")


def run(cmd: list[str], **kwargs: object) -> None:
    print("+", " ".join(shlex.quote(str(c)) for c in cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def python312() -> list[str]:
    """A command that runs Python 3.12 (plain, or through pyenv)."""
    for exe in ("python3.12",):
        if shutil.which(exe) and subprocess.run([exe, "-c", "import sys; assert sys.version_info[:2] == (3, 12)"], capture_output=True).returncode == 0:
            return [exe]
    if shutil.which("pyenv"):
        versions = subprocess.run(["pyenv", "versions", "--bare"], capture_output=True, text=True).stdout.split()
        for version in versions:
            if version.startswith("3.12"):
                return ["env", f"PYENV_VERSION={version}", "python3.12"]
    raise SystemExit("docx-redline needs Python 3.12: install it, or pass --docx-redline-python")


def venv(path: Path, python: list[str], packages: tuple[str, ...]) -> Path:
    exe = path / "bin" / "python"
    if not exe.exists():
        run([*python, "-m", "venv", str(path)])
        run([str(exe), "-m", "pip", "install", "-q", *packages])
    return exe


def corpus(kit: Path, scale: int, seed: int) -> Path:
    out = RESULTS / f"corpus-{scale}"
    if not (out / "edits.json").exists():
        out.mkdir(parents=True, exist_ok=True)
        run([sys.executable, str(kit / "gen_bench.py"), str(out), "--scale", str(scale), "--seed", str(seed)])
    return out


def summary(reports: dict[int, dict]) -> dict:  # type: ignore[type-arg]
    """Per scale: each peer's time, memory, checks, and ratio to lexamend; growth from the first scale to the last."""
    out: dict = {"scales": {}, "growth": {}}  # type: ignore[type-arg]
    for scale, report in reports.items():
        peers = {p["name"]: p for p in report["peers"]}
        ours = peers.get("lexamend", {})
        rows = {}
        for name, peer in peers.items():
            if peer.get("status") != "ok":
                rows[name] = {"status": peer.get("status"), "note": peer.get("note", "")}
                continue
            checks = peer.get("checks") or {}
            rows[name] = {
                "wall_s": peer["median_wall_s"],
                "peak_rss_mib": peer["median_peak_rss_mib"],
                "time_vs_lexamend": round(peer["median_wall_s"] / ours["median_wall_s"], 2) if ours.get("median_wall_s") else None,
                "memory_vs_lexamend": round(peer["median_peak_rss_mib"] / ours["median_peak_rss_mib"], 2) if ours.get("median_peak_rss_mib") else None,
                "accept_equals_amended": checks.get("accept_equals_amended"),
                "reject_equals_original": checks.get("reject_equals_original"),
                "bold_italic_preserved": checks.get("bold_italic_preserved"),
                "revisions": checks.get("revisions"),
            }
        out["scales"][scale] = {"corpus": report["corpus"], "machine": report["machine"], "peers": rows}
    scales = sorted(reports)
    if len(scales) >= 2:
        first, last = scales[0], scales[-1]
        paragraphs = reports[last]["corpus"]["original_paragraphs"] / reports[first]["corpus"]["original_paragraphs"]
        out["growth"]["paragraphs"] = round(paragraphs, 2)
        for name, row in out["scales"][last]["peers"].items():
            before = out["scales"][first]["peers"].get(name, {})
            if "wall_s" in row and "wall_s" in before:
                out["growth"][name] = round(row["wall_s"] / before["wall_s"], 2)
    return out


def table(result: dict) -> str:  # type: ignore[type-arg]
    lines = []
    for scale, data in result["scales"].items():
        c = data["corpus"]
        lines += [
            f"Scale {scale}: {c['original_paragraphs']} paragraphs, {c['original_words']} words, {c['edits']} edits; "
            f"{data['machine']['cpus']} CPUs, Python {data['machine']['python']}.",
            "",
            "| tool | median wall s | peak RSS MiB | time ÷ lexamend | memory ÷ lexamend | accept = amended | reject = original | bold/italic kept |",
            "|---|---:|---:|---:|---:|---|---|---|",
        ]
        for name, row in data["peers"].items():
            if "wall_s" not in row:
                lines.append(f"| {name} | {row.get('status')} | | | | | | {row.get('note', '')[:60]} |")
                continue
            yes = {True: "yes", False: "no", None: "n/a"}
            lines.append(
                f"| {name} | {row['wall_s']:.3f} | {row['peak_rss_mib']:.0f} | {row['time_vs_lexamend']:.2f}× | {row['memory_vs_lexamend']:.2f}× | "
                f"{yes[row['accept_equals_amended']]} | {yes[row['reject_equals_original']]} | {yes[row['bold_italic_preserved']]} |"
            )
        lines.append("")
    if result["growth"]:
        growth = result["growth"]
        lines.append(f"From the first scale to the last the original grows {growth['paragraphs']}× in paragraphs; time grows: "
                     + ", ".join(f"{name} {value}×" for name, value in growth.items() if name != "paragraphs") + ".")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 5])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kit", help="directory of gen_bench.py and peers.py")
    parser.add_argument("--peers", nargs="+", default=list(DEFAULT_PEERS), help="peer names passed to peers.py --only")
    parser.add_argument("--docx-redline-python", help="a Python that can import docx_redline (default: a venv made here)")
    parser.add_argument("--peers-python", help="a Python with python-redlines[all] (default: a venv made here)")
    parser.add_argument("--table", action="store_true", help="only print the table of bench/results/redline.json")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads((RESULTS / "redline.json").read_text(encoding="utf-8"))))
        return
    kit = find_kit(args.kit)
    RESULTS.mkdir(parents=True, exist_ok=True)
    dr_python = args.docx_redline_python or str(venv(RESULTS / ".venv312", python312(), ("docx-redline",)))
    peers_python = args.peers_python or str(venv(RESULTS / ".venv-peers", [sys.executable], PEER_PACKAGES))
    lexamend = Path(sys.executable).with_name("lexamend")
    # pip compiles a package's modules when it installs them; an editable install in an environment
    # with PYTHONDONTWRITEBYTECODE set never does, and every run would compile lexamend from source.
    run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "lexamend")])
    reports = {}
    for scale in args.scales:
        directory = corpus(kit, scale, args.seed)
        run(
            [
                peers_python, str(kit / "peers.py"), str(directory), "--runs", str(args.runs),
                "--docx-redline-python", dr_python, "--only", *args.peers,
                "--extra", f"lexamend={shlex.quote(str(lexamend))} redline --from {{orig}} --to {{amended}} -o {{out}}",
            ]
        )  # fmt: skip
        reports[scale] = json.loads((directory / "peers.json").read_text(encoding="utf-8"))
    result = summary(reports)
    (RESULTS / "redline.json").write_text(json.dumps(result, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(table(result))


if __name__ == "__main__":
    main()
