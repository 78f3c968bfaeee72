"""The floor of each read: the SQL a page sends, captured once through the app (in process, on
the bench's database), then replayed straight on the database with no framework around it.

SQLite: replayed with the sqlite3 module in this process, its CPU read with process_time (the
same work the server's process does for it). PostgreSQL: replayed with asyncpg, the CPU read
from /proc of the database backend that ran it. Only the reading statements are replayed
(SELECT); the others a page sends (a session's touch) are counted.

Run by bench/run.py as a subprocess: python bench/floor.py SPEC.json OUT.json, with the
server's environment (RELIEF_DATABASE_URL ...). SPEC: {"password", "reads": [{"key", "path",
"auth"}], "tokens": {role: token}}; auth is "page:<username>", "token:<role>" or "anonymous".
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sqlite3
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

import cpu  # noqa: E402
import httpx  # noqa: E402
import load  # noqa: E402, F401  (sqlite3 adapters for dates and decimals)
from asgi_lifespan import LifespanManager  # noqa: E402

MIN_CPU_S = 0.4
MAX_REPS = 400
MAX_SECONDS = 5.0


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[tuple[str, list]] = []
        self.on = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.on:
            return
        if record.args and isinstance(record.args, tuple) and len(record.args) == 2:
            query, values = record.args
            self.statements.append((str(query), list(values or [])))
        elif not record.args:
            self.statements.append((str(record.msg), []))


def _reading(query: str) -> bool:
    return re.match(r"\s*(SELECT|WITH)\b", query, re.IGNORECASE) is not None


async def capture(spec: dict) -> dict[str, list[tuple[str, list]]]:
    from relief.app import create_app

    handler = Capture()
    logger = logging.getLogger("tortoise.db_client")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    app = create_app()
    out: dict[str, list[tuple[str, list]]] = {}
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        clients: dict[str, httpx.AsyncClient] = {}

        async def client_for(auth: str) -> httpx.AsyncClient:
            if auth not in clients:
                headers = {}
                if auth.startswith("token:"):
                    headers["Authorization"] = f"Bearer {spec['tokens'][auth[6:]]}"
                http = httpx.AsyncClient(
                    transport=transport, base_url="http://relief", headers=headers, timeout=120
                )
                if auth.startswith("page:"):
                    await http.get("/login")
                    answer = await http.post(
                        "/login",
                        data={"username": auth[5:], "password": spec["password"],
                              "_csrf_token": http.cookies.get("relief_csrf") or ""},
                    )  # fmt: skip
                    if answer.status_code != 303:
                        raise SystemExit(f"floor: login {auth} answered {answer.status_code}")
                clients[auth] = http
            return clients[auth]

        for read in spec["reads"]:
            http = await client_for(read["auth"])
            await http.get(read["path"])  # warm: caches of the app filled as in the server
            handler.statements, handler.on = [], True
            answer = await http.get(read["path"])
            handler.on = False
            if answer.status_code != 200:
                print(f"floor: {read['path']} answered {answer.status_code}", file=sys.stderr)
            out[read["key"]] = list(handler.statements)
        for http in clients.values():
            await http.aclose()
    return out


def replay_sqlite(path: str, statements: list[tuple[str, list]]) -> tuple[float, int]:
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA cache_size = -64000")  # as the app's connection (relief.settings)
        reads = [(q, v) for q, v in statements if _reading(q)]
        for q, v in reads:  # warm
            db.execute(q, v).fetchall()
        reps, t0, w0 = 0, time.process_time(), time.monotonic()
        while reps < MAX_REPS and (time.process_time() - t0 < MIN_CPU_S) and (
            time.monotonic() - w0 < MAX_SECONDS
        ):
            for q, v in reads:
                db.execute(q, v).fetchall()
            reps += 1
        return (time.process_time() - t0) / max(reps, 1) * 1000, reps
    finally:
        db.close()


async def replay_pg(dsn: str, statements: list[tuple[str, list]]) -> tuple[float, int]:
    import asyncpg

    db = await asyncpg.connect(dsn)
    try:
        pid = await db.fetchval("SELECT pg_backend_pid()")
        reads = [(q, v) for q, v in statements if _reading(q)]
        for q, v in reads:
            await db.fetch(q, *v)
        reps, w0 = 0, time.monotonic()
        start = cpu.cpu_seconds(pid) or 0.0
        while reps < MAX_REPS and time.monotonic() - w0 < MAX_SECONDS:
            for q, v in reads:
                await db.fetch(q, *v)
            reps += 1
            if reps % 10 == 0 and (cpu.cpu_seconds(pid) or 0.0) - start >= MIN_CPU_S:
                break
        return ((cpu.cpu_seconds(pid) or 0.0) - start) / max(reps, 1) * 1000, reps
    finally:
        await db.close()


def main() -> None:
    import os

    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    captured = asyncio.run(capture(spec))
    url = os.environ["RELIEF_DATABASE_URL"]
    out = {}
    for key, statements in captured.items():
        reading = sum(1 for q, _ in statements if _reading(q))
        if url.startswith("sqlite"):
            path = url.split("://", 1)[1].split("?", 1)[0]
            ms, reps = replay_sqlite(path, statements)
        else:
            dsn = url.replace("postgres://", "postgresql://", 1).split("?", 1)[0]
            ms, reps = asyncio.run(replay_pg(dsn, statements))
        out[key] = {"sql_cpu_ms": round(ms, 3), "statements": reading,
                    "other_statements": len(statements) - reading, "replays": reps}  # fmt: skip
    Path(sys.argv[2]).write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
