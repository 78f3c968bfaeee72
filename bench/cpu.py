"""CPU time of processes read from /proc/<pid>/stat (utime + stime), no profiler: the server's
processes, and on PostgreSQL the database's backends serving the bench's database."""

from __future__ import annotations

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU of one process so far, in seconds (None: it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (proc(5): 14, 15)


def total(pids: list[int]) -> dict[int, float]:
    return {pid: t for pid in pids if (t := cpu_seconds(pid)) is not None}


def spent(before: dict[int, float], pids_after: list[int]) -> float:
    """CPU spent by these processes since `before` (a process born since counts whole)."""
    after = total(pids_after)
    return sum(t - before.get(pid, 0.0) for pid, t in after.items())


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]
