"""Starting a real `relief` server in a test: a free port, a clean environment, waiting for health.

One place for what the browser tests, the schema fuzzing, the CLI, backup, crash and import
liveness tests each did in their own copy.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import httpx


def free_port() -> int:
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def relief_env(var_dir: Path, **settings: str) -> dict[str, str]:
    """This process's environment without any RELIEF_ setting of the caller's, then these."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELIEF_")}
    env["RELIEF_VAR_DIR"] = str(var_dir)
    env.update(settings)
    return env


def wait_until_healthy(url: str, proc: subprocess.Popen | None = None, seconds: float = 60) -> None:
    """Polls `url`/healthz until it answers 200; fails when the server exits or time runs out.

    Each poll may take up to 10 s: on a loaded machine a starting server answers late.
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=10).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server at {url} exited with {proc.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server at {url} did not answer within {seconds} s")
        time.sleep(0.2)
