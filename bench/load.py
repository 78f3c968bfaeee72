"""Bulk insert of the generated province: SQLite executemany in one transaction, PostgreSQL COPY.

The schema is the one the real migrations made (a copy of the migrated database with its places,
bench/run.py); this module only reads the places back and appends rows, then runs ANALYZE.

Each table's secondary indexes are dropped before its rows go in and made again, from their own
stored definitions, once they are all in: an index built from sorted keys costs about half what
maintaining it row by row costs (on SQLite, 8.6 s of CPU for the 300,000 households with their
six indexes against 2.9 s without them and 5 s to build every index afterwards; the households'
names land at random places in three of them). Foreign keys are checked once for the whole load
instead of row by row (SQLite: PRAGMA foreign_key_check; PostgreSQL: one anti-join per foreign
key, the row triggers off while the rows are copied), and any broken key stops the bench. What
the server later finds is the same schema, the same rows and the same indexes; on SQLite the
journal is off while loading and the file is left in WAL mode as the migrations left it.
"""

from __future__ import annotations

import shutil
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


def copy_sqlite(source: Path, copy: Path) -> None:
    """A bench database copied with its write-ahead log, to measure on without changing it."""
    shutil.copyfile(source, copy)
    for suffix in ("-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{copy}{suffix}")


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


class Clock:
    """Wall and processor seconds of each step (this process's CPU: the insert's own on SQLite,
    the client's side of COPY on PostgreSQL)."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def step(self, name: str, fn, *args):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn(*args)
        self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - t0
        self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - c0
        return out

    async def astep(self, name: str, coro):
        t0, c0 = time.perf_counter(), time.process_time()
        out = await coro
        self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - t0
        self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - c0
        return out

    def seconds(self) -> dict[str, float]:
        return dict(self.wall)


SQLITE_INDEXES_SQL = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
    "AND tbl_name IN ({}) ORDER BY name"
)


def sqlite_insert(path: str, tables: dict[str, Table], clock: Clock | None = None
                  ) -> dict[str, float]:  # fmt: skip
    """Every table in one transaction, its indexes made after its rows; returns wall seconds
    per step (each table, indexes, foreign key check, commit, ANALYZE)."""
    clock = clock or Clock()
    db = sqlite3.connect(path, isolation_level=None)
    try:
        journal = db.execute("PRAGMA journal_mode").fetchone()[0]
        db.execute("PRAGMA foreign_keys = OFF")  # checked once, below
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA cache_size = -400000")
        db.execute("BEGIN IMMEDIATE")
        names = ", ".join(f"'{name}'" for name in ORDER)
        indexes = db.execute(SQLITE_INDEXES_SQL.format(names)).fetchall()
        for name, _ in indexes:
            db.execute(f"DROP INDEX {_q(name)}")
        for name in ORDER:
            table = tables[name]
            clock.step(name, db.executemany, _insert_sql(name, table, "?"), table.rows)
        for _, sql in indexes:
            clock.step("indexes", db.execute, sql)
        problems = clock.step("foreign_key_check", lambda: db.execute(
            "PRAGMA foreign_key_check").fetchall())  # fmt: skip
        if problems:
            raise SystemExit(f"generated rows break foreign keys: {problems[:5]}")
        if db.execute(SQLITE_INDEXES_SQL.format(names)).fetchall() != indexes:
            raise SystemExit("the indexes made again differ from the migrated ones")
        clock.step("commit", db.execute, "COMMIT")
        clock.step("analyze", db.execute, "ANALYZE")
        db.execute(f"PRAGMA journal_mode = {journal}")  # as the migrations left the file
    finally:
        db.close()
    return clock.seconds()


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


# The loaded tables' indexes that enforce nothing (a primary key's, a UNIQUE constraint's and a
# unique index stay, checking each row as it comes), and their definitions.
PG_INDEXES_SQL = """
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relname = ANY($1::text[]) AND t.relnamespace = 'public'::regnamespace
  AND NOT i.indisunique
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
ORDER BY 1"""
# Every foreign key of the loaded tables, column by column.
PG_FOREIGN_KEYS_SQL = """
SELECT c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text,
       array(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o),
       array(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)
FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
WHERE c.contype = 'f' AND t.relname = ANY($1::text[])
  AND t.relnamespace = 'public'::regnamespace
ORDER BY 1"""


async def pg_broken_keys(db) -> list[str]:
    """The foreign keys of the loaded tables that some row breaks (an anti-join each)."""
    broken = []
    for name, child, parent, cols, refs in await db.fetch(PG_FOREIGN_KEYS_SQL, ORDER):
        match = " AND ".join(f"p.{_q(r)} = c.{_q(k)}" for k, r in zip(cols, refs, strict=True))
        given = " AND ".join(f"c.{_q(k)} IS NOT NULL" for k in cols)
        sql = (f"SELECT count(*) FROM {child} c WHERE {given} AND NOT EXISTS "
               f"(SELECT 1 FROM {parent} p WHERE {match})")  # fmt: skip
        if await db.fetchval(sql):
            broken.append(name)
    return broken


async def pg_insert(dsn: str, tables: dict[str, Table], clock: Clock | None = None
                    ) -> dict[str, float]:  # fmt: skip
    """COPY every table in one transaction, its indexes made after its rows and its foreign keys
    checked once, move the id sequences on, then ANALYZE; returns wall seconds per step."""
    import asyncpg

    clock = clock or Clock()
    db = await asyncpg.connect(dsn)
    try:
        async with db.transaction():
            indexes = [tuple(r) for r in await db.fetch(PG_INDEXES_SQL, ORDER)]
            for name, _ in indexes:
                await db.execute(f"DROP INDEX {name}")
            # The foreign keys' row triggers off while copying (checked below, all at once).
            await db.execute("SET LOCAL session_replication_role = replica")
            for name in ORDER:
                table = tables[name]
                await clock.astep(name, db.copy_records_to_table(
                    name, records=table.rows, columns=list(table.columns)))  # fmt: skip
                await clock.astep(name, db.execute(
                    f"SELECT setval(pg_get_serial_sequence('{_q(name)}', 'id'), "
                    f"(SELECT max(id) FROM {_q(name)}))"))  # fmt: skip
            await db.execute("SET LOCAL session_replication_role = origin")
            await db.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _, sql in indexes:
                await clock.astep("indexes", db.execute(sql))
            broken = await clock.astep("foreign_key_check", pg_broken_keys(db))
            if broken:
                raise SystemExit(f"generated rows break foreign keys: {broken}")
            if [tuple(r) for r in await db.fetch(PG_INDEXES_SQL, ORDER)] != indexes:
                raise SystemExit("the indexes made again differ from the migrated ones")
        await clock.astep("analyze", db.execute("ANALYZE"))
    finally:
        await db.close()
    return clock.seconds()


async def pg_counts(dsn: str) -> dict[str, int]:
    import asyncpg

    db = await asyncpg.connect(dsn)
    try:
        return {t: await db.fetchval(f"SELECT count(*) FROM {_q(t)}") for t in ORDER}
    finally:
        await db.close()
