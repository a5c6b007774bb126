"""Time a command as a separate process: median wall time and peak RSS over repeated runs."""

from __future__ import annotations

import os
import statistics
import subprocess
import time


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median seconds and median peak RSS (MiB) of ``runs`` runs, after one untimed warm-up.

    Peak RSS is ``ru_maxrss`` from ``os.wait4`` on the child, which includes the
    descendants it waited for.
    """
    times, peaks = [], []
    for i in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}")
        if i:
            times.append(elapsed)
            peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), statistics.median(peaks)
