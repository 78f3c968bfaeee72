"""The server under test (uvicorn on 127.0.0.1) and an async load generator bounded in requests
and time, measuring latency percentiles, throughput and the server's peak memory."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HOST = "127.0.0.1"


def free_port() -> int:
    """A port nobody listens on now (other servers may run on this machine)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# -- the server ---------------------------------------------------------------------------------


def process_tree(root: int) -> list[int]:
    """A process and every process under it, read from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += [child for child, parent in parents.items() if parent == pid]
    return found


class Server:
    """uvicorn with the app factory; no access log, so the log does not weigh on the figures."""

    def __init__(self, env: dict[str, str], port: int, workers: int, log: Path) -> None:
        self.url = f"http://{HOST}:{port}"
        self.cmd = [
            sys.executable, "-m", "uvicorn", "relief.app:create_app", "--factory",
            "--host", HOST, "--port", str(port), "--workers", str(workers),
            "--no-access-log", "--log-level", "warning",
        ]  # fmt: skip
        self.env, self.log = env, log
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        out = self.log.open("w")
        self.proc = subprocess.Popen(
            self.cmd, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server stopped at start: see {self.log}")
            try:
                answered = httpx.get(self.url + "/healthz", timeout=2).status_code == 200
                if answered and self.proc.poll() is None:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"the server did not answer within {timeout} s: see {self.log}")

    def processes(self) -> list[int]:
        """The server process and every process under it (uvicorn's workers)."""
        return [] if self.proc is None else process_tree(self.proc.pid)

    def peak_memory(self) -> dict[str, float]:
        """VmHWM (peak resident set) of each server process, in MB, and their sum."""
        peaks = {}
        for pid in self.processes():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[pid] = int(line.split()[1]) / 1024
            except OSError:
                continue
        return {
            "max_process_mb": round(max(peaks.values(), default=0), 1),
            "sum_mb": round(sum(peaks.values()), 1),
            "processes": len(peaks),
        }

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)  # our own process group only
            self.proc.wait(timeout=10)


# -- the load generator -------------------------------------------------------------------------


@dataclass
class Phase:
    concurrency: int
    max_requests: int
    max_seconds: float


@dataclass
class PhaseResult:
    concurrency: int
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float] = field(repr=False)
    statuses: dict[str, int]

    def percentile(self, p: float) -> float | None:
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1)

    def summary(self) -> dict:
        ok = self.requests - self.errors
        return {
            "concurrency": self.concurrency,
            "requests": self.requests,
            "errors": self.errors,
            "seconds": round(self.seconds, 2),
            "p50_ms": self.percentile(50),
            "p95_ms": self.percentile(95),
            "max_ms": round(max(self.latencies_ms), 1) if self.latencies_ms else None,
            "req_per_s": round(ok / self.seconds, 1) if self.seconds else None,
            "statuses": self.statuses,
        }


# A request maker gets the request's number and returns (method, path, json body or None).
Maker = Callable[[int], tuple[str, str, dict | None]]


def client(base: str, concurrency: int, token: str | None = None) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=120)


async def run_phase(
    http: httpx.AsyncClient, make: Maker, phase: Phase, ok: set[int], start_at: int = 0
) -> PhaseResult:
    """`concurrency` clients send requests until `max_requests` are sent or time is up."""
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    errors = 0
    sent = start_at
    limit = start_at + phase.max_requests
    deadline = time.monotonic() + phase.max_seconds

    async def one_client() -> None:
        nonlocal sent, errors
        while sent < limit and time.monotonic() < deadline:
            method, path, body = make(sent)
            sent += 1
            t0 = time.perf_counter()
            try:
                response = await http.request(method, path, json=body)
                await response.aread()
                status = str(response.status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            latencies.append((time.perf_counter() - t0) * 1000)
            statuses[status] += 1
            if not status.isdigit() or int(status) not in ok:
                errors += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(phase.concurrency)))
    elapsed = time.perf_counter() - t0
    return PhaseResult(
        phase.concurrency, sent - start_at, errors, elapsed, latencies, dict(statuses)
    )


async def log_in(http: httpx.AsyncClient, username: str, password: str) -> None:
    """A page session: GET sets the CSRF cookie, the form posts it back with the credentials."""
    await http.get("/login")
    csrf = http.cookies.get("relief_csrf")
    response = await http.post(
        "/login",
        data={"username": username, "password": password, "_csrf_token": csrf or ""},
    )
    if response.status_code != 303:
        raise SystemExit(f"login as {username} failed: {response.status_code}")
