"""Writing outputs: a device or a pipe given as the output is written to, never replaced."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from lexamend.outputs import write_atomic


def test_a_pipe_given_as_output_is_written_to_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "через трубу\n")
    reader.join(timeout=10)
    assert received == ["через трубу\n".encode()]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]
