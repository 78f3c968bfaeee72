"""Where the time of one read goes: pages requested through the app in one process (httpx on
the ASGI app, no network, no server), on a database the benchmark loaded (SQLite), profiled.

Prints, per page, wall and CPU time per request and the functions with the largest own time;
`--sql` also logs each SQL statement with its time. A benchmark, not a test.
`--url` reads another database (PostgreSQL: postgres://...); `--statements` lists the
statements one request of each page sends, through Tortoise's client.
Usage: python bench/read_profile.py [--db var/bench/relief-bench.sqlite3] [--n 30] [PATH ...]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from asgi_lifespan import LifespanManager  # noqa: E402

from relief.settings import SQLITE_PARAMS, Settings  # noqa: E402

PATHS = [
    "/reports",
    "/reports?disaster=1",
    "/reports/communes/05725",
    "/reports/communes/05725?disaster=1",
    "/households/{household}",
    "/public",
    "/public/05725",
]


def _count_statements(sent: list[str]) -> None:
    """Every statement sent through Tortoise's clients appended to `sent`."""
    from tortoise.backends.base.client import BaseDBAsyncClient

    for cls in {*BaseDBAsyncClient.__subclasses__(), *_subclasses(BaseDBAsyncClient)}:
        for name in ("execute_query", "execute_query_dict", "execute_insert", "execute_script"):
            real = cls.__dict__.get(name)
            if real is None:
                continue

            def wrapped(self, sql, *a, _real=real, **k):
                sent.append(" ".join(str(sql).split()))
                return _real(self, sql, *a, **k)

            setattr(cls, name, wrapped)


def _subclasses(cls) -> set:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub, *_subclasses(sub)}
    return out


async def run(
    db_path: Path,
    paths: list[str],
    n: int,
    top: int,
    role: str = "province",
    url: str | None = None,
    statements: bool = False,
) -> dict:
    from relief.app import create_app
    from relief.houses.models import HouseCase
    from tests.factories import login_as, make_user

    url = url or f"sqlite://{db_path}?{SQLITE_PARAMS}"
    work = db_path.parent
    sent: list[str] = []
    if statements:
        import tortoise.backends.asyncpg.client
        import tortoise.backends.sqlite.client  # noqa: F401

        _count_statements(sent)
    settings = Settings(database_url=url, secret_key="x" * 40, var_dir=work, media_dir=work)
    app = create_app(settings)
    out = {}
    async with LifespanManager(app):
        user = await make_user(role, username=f"profile_{time.time_ns()}")
        case = await HouseCase.all().order_by("id").first()
        paths = [p.replace("{household}", str(case.household_id) if case else "1") for p in paths]
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://relief") as http:
            await login_as(http, user)
            for path in paths:
                for _ in range(3):  # warm up
                    r = await http.get(path)
                    assert r.status_code == 200, (path, r.status_code, r.text[:300])
                if statements:
                    sent.clear()
                    await http.get(path)
                    print(f"{path}: {len(sent)} statements")
                    for sql in sent:
                        print(f"    {sql[:230]}")
                profile = cProfile.Profile(time.process_time)
                walls = []
                cpu = time.process_time()
                for _ in range(n):
                    t0 = time.perf_counter()
                    if top:
                        profile.enable()
                    await http.get(path)
                    if top:
                        profile.disable()
                    walls.append((time.perf_counter() - t0) * 1000)
                cpu = (time.process_time() - cpu) / n * 1000
                walls.sort()
                print(f"{path}: p50 {walls[len(walls) // 2]:.1f} ms wall, {cpu:.1f} ms CPU")
                out[path] = {"requests": n, "cpu_ms": round(cpu, 1),
                             "p50_wall_ms": round(walls[len(walls) // 2], 1)}  # fmt: skip
                if not top:
                    continue
                stats = pstats.Stats(profile)
                ranked = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
                for (filename, line, func), (_, _, tottime, _, _) in ranked:
                    print(f"  {tottime / n * 1000:6.2f} ms  {func} ({Path(filename).name}:{line})")
                ours = [kv for kv in stats.stats.items() if "/relief/" in kv[0][0]]
                print("  cumulative, Relief's own functions:")
                for (filename, line, func), (_, _, _, cumtime, _) in sorted(
                    ours, key=lambda kv: -kv[1][3]
                )[:top]:
                    print(f"  {cumtime / n * 1000:6.2f} ms  {func} ({Path(filename).name}:{line})")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=str(ROOT / "var" / "bench" / "relief-bench.sqlite3"))
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--top", type=int, default=12, help="0: time only, no profile")
    parser.add_argument("--role", default="province", help="front: the province's Front")
    parser.add_argument("--json", help="add the figures to this results file (bench/results.json)")
    parser.add_argument("--url", help="another database's URL (postgres://...)")
    parser.add_argument("--statements", action="store_true", help="list each page's statements")
    parser.add_argument("paths", nargs="*", default=PATHS)
    args = parser.parse_args()
    figures = asyncio.run(
        run(Path(args.db), args.paths, args.n, args.top, args.role, args.url, args.statements)
    )
    if args.json:  # kept beside the benchmark's figures, with the load it ran under
        out = Path(args.json)
        results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        results["cpu_per_request"] = {
            "note": "in one process, no server, timed with time.process_time (CPU of the whole "
            "process, SQLite's thread included): what a page costs, whatever the machine's load",
            "database": Path(args.db).name,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "pages": figures,
        }
        out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
