"""Bulk insert of the generated province: SQLite executemany in one transaction, PostgreSQL COPY.

The schema is the one the real migrations made (`relief migrate` and `relief load-places` run
first); this module only reads the places back and appends rows, then runs ANALYZE.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from generate import Commune, Table

# Parents before children (house_case refers to handover).
ORDER = [
    "disaster",
    "sponsor",
    "hamlet",
    "household",
    "household_word",
    "damage_assessment",
    "aid_visit",
    "aid_given",
    "handover",
    "house_case",
    "stage_event",
    "contribution",
    "ledger_fund",
    "ledger_donation",
    "ledger_allocation",
]
PLACES_SQL = 'SELECT id, code, name, is_focus, province_id FROM "commune" ORDER BY id'
HAMLETS_SQL = 'SELECT id, commune_id, name_key FROM "hamlet" ORDER BY id'

# Stored as tortoise stores them on SQLite: ISO dates, "YYYY-MM-DD HH:MM:SS+00:00", decimals
# as text.
sqlite3.register_adapter(date, date.isoformat)
sqlite3.register_adapter(datetime, lambda d: d.isoformat(" "))
sqlite3.register_adapter(Decimal, str)


def _q(name: str) -> str:
    return f'"{name}"'


def _insert_sql(name: str, table: Table, mark: str) -> str:
    cols = ", ".join(_q(c) for c in table.columns)
    return f"INSERT INTO {_q(name)} ({cols}) VALUES ({', '.join([mark] * len(table.columns))})"


# -- SQLite ------------------------------------------------------------------------------------


def sqlite_places(path: str) -> tuple[list[Commune], list[tuple], dict[str, int]]:
    with sqlite3.connect(path) as db:
        communes = [Commune(i, c, n, bool(f), p) for i, c, n, f, p in db.execute(PLACES_SQL)]
        hamlets = list(db.execute(HAMLETS_SQL))
        first = {t: (db.execute(f"SELECT max(id) FROM {_q(t)}").fetchone()[0] or 0) + 1
                 for t in ORDER}  # fmt: skip
        busy = db.execute('SELECT count(*) FROM "household"').fetchone()[0]
    if busy:
        raise SystemExit(f"{path} already has households: the benchmark needs a fresh database")
    return communes, hamlets, first


def sqlite_insert(path: str, tables: dict[str, Table]) -> dict[str, float]:
    """Every table in one transaction; returns seconds per table (and for ANALYZE)."""
    timings: dict[str, float] = {}
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -200000")
        db.execute("BEGIN IMMEDIATE")
        for name in ORDER:
            t0 = time.perf_counter()
            table = tables[name]
            db.executemany(_insert_sql(name, table, "?"), table.rows)
            timings[name] = time.perf_counter() - t0
        t0 = time.perf_counter()
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise SystemExit(f"generated rows break foreign keys: {problems[:5]}")
        db.execute("COMMIT")
        timings["commit"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        db.execute("ANALYZE")
        timings["analyze"] = time.perf_counter() - t0
    finally:
        db.close()
    return timings


def sqlite_script(path: str, script: Path) -> float:
    """Runs an SQL script (then ANALYZE); returns the seconds it took."""
    t0 = time.perf_counter()
    with sqlite3.connect(path) as db:
        db.executescript(script.read_text(encoding="utf-8"))
        db.execute("ANALYZE")
    return time.perf_counter() - t0


def sqlite_counts(path: str) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return {t: db.execute(f"SELECT count(*) FROM {_q(t)}").fetchone()[0] for t in ORDER}


# -- PostgreSQL ---------------------------------------------------------------------------------


async def pg_places(dsn: str) -> tuple[list[Commune], list[tuple], dict[str, int]]:
    import asyncpg

    db = await asyncpg.connect(dsn)
    try:
        communes = [Commune(*r) for r in await db.fetch(PLACES_SQL)]
        hamlets = [tuple(r) for r in await db.fetch(HAMLETS_SQL)]
        first = {t: (await db.fetchval(f"SELECT max(id) FROM {_q(t)}") or 0) + 1 for t in ORDER}
        if await db.fetchval('SELECT count(*) FROM "household"'):
            raise SystemExit("the PostgreSQL database already has households")
    finally:
        await db.close()
    return communes, hamlets, first


async def pg_insert(dsn: str, tables: dict[str, Table]) -> dict[str, float]:
    """COPY every table in one transaction, move the id sequences on, then ANALYZE."""
    import asyncpg

    timings: dict[str, float] = {}
    db = await asyncpg.connect(dsn)
    try:
        async with db.transaction():
            for name in ORDER:
                t0 = time.perf_counter()
                table = tables[name]
                await db.copy_records_to_table(
                    name, records=table.rows, columns=list(table.columns)
                )
                await db.execute(
                    f"SELECT setval(pg_get_serial_sequence('{_q(name)}', 'id'), "
                    f"(SELECT max(id) FROM {_q(name)}))"
                )
                timings[name] = time.perf_counter() - t0
        t0 = time.perf_counter()
        await db.execute("ANALYZE")
        timings["analyze"] = time.perf_counter() - t0
    finally:
        await db.close()
    return timings


async def pg_counts(dsn: str) -> dict[str, int]:
    import asyncpg

    db = await asyncpg.connect(dsn)
    try:
        return {t: await db.fetchval(f"SELECT count(*) FROM {_q(t)}") for t in ORDER}
    finally:
        await db.close()
