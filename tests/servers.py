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
    """This process's environment without any RELIEF_ setting of the caller's, then these.

    Passwords are hashed with argon2's cheapest profile, as in the test processes: the demo's
    five users and every login through a browser cost a fifth of a second of CPU each with the
    default one (RELIEF_PASSWORD_PROFILE in the README).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELIEF_")}
    env["RELIEF_VAR_DIR"] = str(var_dir)
    env["RELIEF_PASSWORD_PROFILE"] = "CHEAPEST"
    env.update(settings)
    return env


def wait_until_healthy(url: str, proc: subprocess.Popen | None = None, seconds: float = 60) -> None:
    """Polls `url`/healthz until it answers 200; fails when the server exits or time runs out.

    Each poll may take up to 10 s: on a loaded machine a starting server answers late.
    """
    deadline = time.monotonic() + seconds
    # One client for every poll: a client per poll made its TLS context each time (40 ms of CPU).
    with httpx.Client(timeout=10) as client:
        while True:
            try:
                if client.get(url + "/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"the server at {url} exited with {proc.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server at {url} did not answer within {seconds} s")
            time.sleep(0.2)
