"""`make bench-logins`: 20 people logging in at the same moment, and the server's memory.

Each login checks an argon2 hash with the default profile (64 MiB, about 0.2 s of CPU); a
process checks at most two at once (relief.accounts.passwords), so 20 simultaneous logins should
raise the server by about 128 MiB, not 20 times 64 MiB. Serves the demo (`relief serve --demo`, the
default password profile), opens 20 login forms, sends the 20 logins at once, and reads the
server's resident memory from /proc before and its peak (VmHWM) after.

Prints the figures and writes bench/login-results.json. Usage: python bench/login_memory.py
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.phone_bench import rss_mb, serve  # noqa: E402

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
            # The peak so far is the demo's loading: start it again from here (proc(5)).
            Path(f"/proc/{proc.pid}/clear_refs").write_text("5")
            statuses, took = asyncio.run(_logins(url, logins[USER]))
            peak = rss_mb(proc.pid, "VmHWM")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    results = {
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
