"""The CPU of each write of the bench (bench/scenarios.py: create, damage record, stage move,
allocation) through the app in one process (httpx on the ASGI app, no server, no profiler), on a
copy of a database the benchmark loaded (SQLite), so that two versions of the code are measured
on the same rows (run this file from each checkout).

CPU per request is `time.process_time` over a round of requests sent one at a time (the
process's CPU: the app, SQLite's thread and the httpx client); the best and the median round
are printed. A benchmark, not a test.
Usage: python bench/write_cpu.py [--db var/bench/relief-bench.sqlite3] [--rounds 5] [--n 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


async def run(db_path: Path, rounds: int, n: int, only: set[str]) -> dict:
    import httpx
    from asgi_lifespan import LifespanManager

    import run as bench_run
    from relief.app import create_app
    from relief.settings import SQLITE_PARAMS, Settings
    from scenarios import writes
    from tests.factories import bearer, make_user

    facts = bench_run.sqlite_facts(str(db_path))
    url = f"sqlite://{db_path}?{SQLITE_PARAMS}"
    work = db_path.parent
    settings = Settings(database_url=url, secret_key="x" * 40, var_dir=work, media_dir=work)
    app = create_app(settings)
    out: dict = {}
    async with LifespanManager(app):
        logging.getLogger("httpx").setLevel(logging.WARNING)  # the client's line per request
        headers = {
            "token:commune": await bearer(
                await make_user("commune", commune_code=facts.officer_commune)
            ),
            "token:admin": await bearer(await make_user("admin")),
            "token:front": await bearer(await make_user("front")),
        }
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://relief") as http:
            for w in writes(facts):
                if only and w.key not in only:
                    continue
                i = 0

                async def send(w=w) -> None:
                    nonlocal i
                    method, path, body = w.make(i)  # type: ignore[operator]
                    i += 1
                    answer = await http.request(method, path, json=body, headers=headers[w.auth])
                    assert answer.status_code in w.ok, (path, answer.status_code, answer.text)

                for _ in range(3):  # warm up
                    await send()
                per_round = []
                for _ in range(rounds):
                    if i + n > w.limit:
                        break
                    t0 = time.process_time()
                    for _ in range(n):
                        await send()
                    per_round.append((time.process_time() - t0) / n * 1000)
                out[w.key] = {
                    "best_ms": round(min(per_round), 2),
                    "median_ms": round(statistics.median(per_round), 2),
                    "rounds": len(per_round),
                    "n": n,
                }
                print(f"{w.key:<18} best {out[w.key]['best_ms']:>6} ms  median "
                      f"{out[w.key]['median_ms']:>6} ms  ({len(per_round)} rounds of {n})",
                      flush=True)  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=str(ROOT / "var" / "bench" / "relief-bench.sqlite3"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--only", default="", help="comma-separated write keys")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    sys.path[:0] = [str(BENCH), str(ROOT)]
    import load

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "relief-bench.sqlite3"
        source = Path(args.db)
        load.copy_sqlite(source, copy)
        only = {k for k in args.only.split(",") if k}
        out = asyncio.run(run(copy, args.rounds, args.n, only))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
