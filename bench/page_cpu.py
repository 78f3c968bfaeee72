"""The household page with a house case (the bench's `household_page` read) through the app in
one process (httpx on the ASGI app, no server, no profiler), on a database the benchmark loaded:
its statements counted, its CPU per request, and its HTML kept so that two versions of the code
can be compared on the same rows (run this file from each checkout, diff the HTML written).

CPU per request is `time.process_time` over a round of requests sent one at a time (the
process's CPU: the app, SQLite's thread and the httpx client; not PostgreSQL's backends); the
best and the median round are printed. A SQLite database is read on a copy. A benchmark, not a
test.
Usage: python bench/page_cpu.py [--db var/bench/relief-bench.sqlite3 | --url postgres://…]
       [--rounds 5] [--n 20] [--html-dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


class _Counter(logging.Handler):
    """Counts the statements Tortoise's clients log (at DEBUG, one record per statement)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.n = 0
        self.show = False

    def emit(self, record: logging.LogRecord) -> None:
        self.n += 1
        if self.show:
            print(f"  {self.n}. {record.getMessage()[:300]}")


def _plain(html: str) -> str:
    """The page without what changes on every request (the CSRF token, the nonce)."""
    html = re.sub(r'name="_csrf_token" value="[^"]*"', 'name="_csrf_token" value=""', html)
    return re.sub(r'nonce="[^"]*"', 'nonce=""', html)


async def run(
    url: str, households: list[int], rounds: int, n: int, html_dir: Path | None, show: bool
) -> None:
    import httpx
    from asgi_lifespan import LifespanManager

    from relief.app import create_app
    from relief.settings import Settings
    from tests.factories import login_as, make_user

    with tempfile.TemporaryDirectory() as work:
        settings = Settings(
            database_url=url, secret_key="x" * 40, var_dir=Path(work), media_dir=Path(work)
        )
        app = create_app(settings)
        async with LifespanManager(app):
            logging.getLogger("httpx").setLevel(logging.WARNING)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://relief") as http:
                # A name of its own: a PostgreSQL database is read in place, not on a copy.
                name = f"page_cpu_{secrets.token_hex(4)}"
                await login_as(http, await make_user("province", username=name))
                counter = _Counter()
                db_log = logging.getLogger("tortoise.db_client")
                db_log.setLevel(logging.DEBUG)
                db_log.addHandler(counter)
                db_log.propagate = False
                counts = []
                for hid in households[: max(5, len(households) if len(households) < 40 else 5)]:
                    counter.n, counter.show = 0, show and hid == households[0]
                    answer = await http.get(f"/households/{hid}")
                    assert answer.status_code == 200, (hid, answer.status_code)
                    counts.append(counter.n)
                    if html_dir is not None:
                        html_dir.mkdir(parents=True, exist_ok=True)
                        (html_dir / f"{hid}.html").write_text(_plain(answer.text), "utf-8")
                db_log.removeHandler(counter)
                db_log.setLevel(logging.WARNING)
                print(f"statements per page: {counts} (households {households[:5]})")
                per_round, i = [], 0
                for _ in range(3):
                    await http.get(f"/households/{households[i % len(households)]}")
                    i += 1
                for _ in range(rounds):
                    t0 = time.process_time()
                    for _ in range(n):
                        await http.get(f"/households/{households[i % len(households)]}")
                        i += 1
                    per_round.append((time.process_time() - t0) / n * 1000)
                median = statistics.median(per_round)
                print(f"household_page best {min(per_round):.2f} ms  median {median:.2f} ms  "
                      f"({rounds} rounds of {n})")  # fmt: skip


def _households(url: str, path: Path | None) -> list[int]:
    sql = 'SELECT household_id FROM "house_case" ORDER BY id LIMIT 200'
    if path is not None:
        import sqlite3

        with sqlite3.connect(path) as db:
            return [r[0] for r in db.execute(sql)]
    import asyncpg

    async def read() -> list[int]:
        db = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        try:
            return [r[0] for r in await db.fetch(sql)]
        finally:
            await db.close()

    return asyncio.run(read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=str(ROOT / "var" / "bench" / "relief-bench.sqlite3"))
    parser.add_argument("--url", help="a PostgreSQL database the bench loaded (read in place)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--html-dir", help="write the first pages' HTML here")
    parser.add_argument("--show", action="store_true", help="print the first page's statements")
    parser.add_argument("--ids", help="comma-separated households to read (default: with a case)")
    args = parser.parse_args()
    sys.path[:0] = [str(BENCH), str(ROOT)]
    import load

    from relief.settings import SQLITE_PARAMS

    html_dir = Path(args.html_dir) if args.html_dir else None
    ids = [int(i) for i in args.ids.split(",")] if args.ids else []
    if args.url:
        found = ids or _households(args.url, None)
        asyncio.run(run(args.url, found, args.rounds, args.n, html_dir, args.show))
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "relief-bench.sqlite3"
        source = Path(args.db)
        load.copy_sqlite(source, copy)
        url = f"sqlite://{copy}?{SQLITE_PARAMS}"
        found = ids or _households(url, copy)
        asyncio.run(run(url, found, args.rounds, args.n, html_dir, args.show))


if __name__ == "__main__":
    main()
