"""Where the CPU of one write goes: N household creations through the app in one process
(httpx on the ASGI app, no network, no server), profiled, on the demo data (SQLite).

CPU time per request is read with time.process_time, which a busy shared machine disturbs far
less than wall time. A benchmark, not a test. Usage: python bench/write_profile.py [--n 300]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from asgi_lifespan import LifespanManager  # noqa: E402

from relief import db  # noqa: E402
from relief.settings import SQLITE_PARAMS, Settings  # noqa: E402

GROUPS = [  # first match wins: where a function's own time is spent
    ("SQLite and its driver", ("sqlite3", "aiosqlite")),
    ("kept summary figures", ("relief/reports/kept", "relief/reports/figures")),
    ("Tortoise ORM (SQL building, rows to models)", ("tortoise", "pypika")),
    ("Litestar and ASGI (routing, parsing, responses)", ("litestar", "msgspec", "httpx")),
    ("event loop", ("asyncio", "selectors", "uvloop")),
    ("Relief services, audit, checks", ("relief/",)),
]


def group_of(filename: str) -> str:
    for name, needles in GROUPS:
        if any(n in filename for n in needles):
            return name
    return "other (standard library, logging, json)"


async def run(n: int, work: Path, without_kept: bool) -> None:
    from relief.app import create_app
    from relief.demo import load_demo
    from relief.places.loader import load_places
    from relief.places.models import Hamlet
    from tests.factories import bearer, make_user

    url = f"sqlite://{work / 'profile.sqlite3'}?{SQLITE_PARAMS}"
    await db.migrate(url)
    await db.close_db()
    settings = Settings(database_url=url, secret_key="x" * 40, var_dir=work, media_dir=work)
    app = create_app(settings)
    async with LifespanManager(app):
        await load_places()
        await load_demo()
        headers = await bearer(await make_user("commune"))
        if without_kept:  # diagnosis only: what the kept figures cost a write
            from relief.core import summaries

            async def nothing(change: summaries.Change) -> None:
                return None

            summaries._refreshers[:] = [nothing]  # none at all would refuse every write
        hamlets = [h.id for h in await Hamlet.filter(commune__code="05725").order_by("id").limit(5)]
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://relief") as http:

            async def create(i: int) -> None:
                body = {
                    "hamlet_id": hamlets[i % len(hamlets)],
                    "head_name": f"Hoàng Văn Thử {i}",
                    "birth_year": 1950 + i % 50,
                    "members": 3,
                    "confirm_duplicate": True,
                    "duplicate_reason": "Hộ khác",
                }
                r = await http.post("/api/v1/households", json=body, headers=headers)
                assert r.status_code == 201, r.text

            for i in range(20):  # warm up
                await create(i)
            # CPU time of this thread; SQLite runs in aiosqlite's thread (its share is the
            # difference between the process's CPU and the profiled total).
            profile = cProfile.Profile(time.process_time)
            cpu, wall = time.process_time(), time.perf_counter()
            profile.enable()
            for i in range(20, 20 + n):
                await create(i)
            profile.disable()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    stats = pstats.Stats(profile)
    own: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        own[group_of(filename)] += tottime
    total = sum(own.values())
    print(f"{n} creations: CPU {cpu / n * 1000:.2f} ms per request, wall {wall / n * 1000:.2f} ms")
    top = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:8]
    print("largest own times:")
    for (filename, line, func), (_, _, tottime, _, _) in top:
        print(f"  {tottime / n * 1000:6.2f} ms  {func} ({Path(filename).name}:{line})")
    print("where the CPU goes (own time, profiled):")
    for name, seconds in sorted(own.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<50} {seconds / total * 100:5.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--without-kept", action="store_true", help="diagnosis: no kept figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(args.n, Path(tmp), args.without_kept))


if __name__ == "__main__":
    main()
