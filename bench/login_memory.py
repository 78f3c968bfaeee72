"""`make bench-logins`: 20 people logging in at the same moment, and the server's memory.

Each login checks an argon2 hash with the default profile (64 MiB, about 0.2 s of CPU); a
process checks at most two at once (relief.accounts.passwords), so 20 simultaneous logins should
raise the server by about 128 MiB, not 20 times 64 MiB. The demo is loaded by separate processes
(`relief migrate`, `relief load-places`, `relief demo`), then uvicorn serves the app on that
database and does nothing else (issue 29: a server that loaded the demo itself kept that memory).
Opens 20 login forms, sends the 20 logins at once, and reads the server's resident memory from
/proc before and its peak (VmHWM) after.

Prints the figures and writes bench/login-results.json. Usage: python bench/login_memory.py
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.phone_bench import rss_mb, socket_port, start_demo_server  # noqa: E402

ROOT = BENCH.parent


def serve(var_dir: Path) -> tuple[subprocess.Popen, str, dict[str, str]]:
    """The demo loaded by `relief` commands in processes of their own, then served by uvicorn."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELIEF_")}
    env["RELIEF_VAR_DIR"] = str(var_dir)
    for command in (["migrate"], ["load-places"], ["demo"]):
        subprocess.run([sys.executable, "-m", "relief.cli", *command], env=env, cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    with socket_port() as port:
        pass
    cmd = [sys.executable, "-m", "uvicorn", "relief.app:create_app", "--factory",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]  # fmt: skip
    return start_demo_server(cmd, env, port, var_dir, seconds=120)


LOGINS = 20
TARGET_MB = 300.0
USER = "thansa"


async def _logins(url: str, password: str) -> tuple[list[int], float]:
    clients = [httpx.AsyncClient(base_url=url, timeout=120) for _ in range(LOGINS)]
    forms = []
    for client in clients:
        page = await client.get("/login")
        hidden = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
        forms.append({**hidden, "username": USER, "password": password})
    started = time.monotonic()
    answers = await asyncio.gather(
        *(c.post("/login", data=f) for c, f in zip(clients, forms, strict=True))
    )
    took = time.monotonic() - started
    for client in clients:
        await client.aclose()
    return [a.status_code for a in answers], took


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc, url, logins = serve(Path(tmp))
        try:
            before = rss_mb(proc.pid)
            Path(f"/proc/{proc.pid}/clear_refs").write_text("5")  # the peak from here (proc(5))
            statuses, took = asyncio.run(_logins(url, logins[USER]))
            peak = rss_mb(proc.pid, "VmHWM")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    results = {
        "server": "uvicorn on a database loaded by separate `relief demo` processes",
        "logins": LOGINS,
        "answers": sorted(set(statuses)),
        "seconds": round(took, 2),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(peak, 1),
        "peak_rise_mb": round(peak - before, 1),
        "target_mb": TARGET_MB,
        "met": peak <= TARGET_MB and set(statuses) == {303},
    }
    (BENCH / "login-results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
