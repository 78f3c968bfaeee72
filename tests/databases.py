"""Migrated databases for the tests, made once and kept until the migrations change.

Running the migrations costs some 6 s of CPU on SQLite and 8 s on PostgreSQL (Tortoise
rebuilds its model state at every step). They used to run in every test process for each
backend: four times per `make test`, five with the API tests. Now each backend's migrated
database, places loaded, is made once and kept under a name derived from the contents of
everything that shapes it (the migrations, the places loader and its files): an SQLite file in
`.pytest_cache`, a PostgreSQL template database. A change to any of those files makes a new
one; the first process to need it makes it while the others wait on a lock.

On SQLite the migrated database is made from `tests/sqlite_template.sql`, a dump of one that
the migrations made (0.05 s instead of 17 s of CPU spent before any test could start, on every
clean clone). The dump's first line names the schema's digest it was made for; when the
migrations or the places change it no longer matches, the template is migrated as before, and
`tests/test_sqlite_dump.py` fails until the dump is made again by migrating
(`python -m tests.databases dump`). PostgreSQL's template is always made by migrating.

A migration's own test starts from the migration before it: a database migrated up to there
(no places) is kept the same way, named by the schema's digest and that migration.

The demo (2.6 s of CPU to load) is kept the same way, as an SQLite file with its photos and
its users' passwords: the browser tests' servers, the fuzzed server and the tests that read
the demo's world start on a copy. Its name is a digest of the schema, of every file of the
app (the demo is written through the services) and of the day (the demo dates some records
from today). `tests/test_demo.py` and `relief serve --demo` (tests/cli) still load it.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
from tortoise import Tortoise
from tortoise.migrations.api import migrate

from relief import PROJECT_ROOT, db
from relief.accounts import passwords
from relief.core.formatting import local_today
from relief.places.loader import HAMLETS_FILE, UNITS_FILE, load_places
from relief.reports import kept
from relief.settings import SQLITE_PARAMS
from tests import cache

PG_ADMIN_URL = os.environ.get(
    "RELIEF_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
CACHE = cache.ROOT / "relief-databases"
TEMPLATE_PREFIX = "relief_template_"
# A commit to a test database does not wait for its WAL to reach the disk (2.8 ms a commit
# here against 0.5 ms, and a test commits tens to hundreds of times). What the tests prove is
# unchanged: each commit is still whole and seen by every other connection at once; only an
# operating-system crash could lose the last commits, and no test crashes the machine (the
# crash tests kill the app's processes, not PostgreSQL). A database's own setting, so that it
# holds for every connection to it: the tests', and those of the servers they start.
NO_FLUSH_WAIT = 'ALTER DATABASE "{name}" SET synchronous_commit = off'
BACKENDS = ("sqlite", "postgres")
# Kept migrated only up to there, for the test of the migration after it
# (tests/households/test_damage_migration.py).
KEPT_EARLIER = ("models.0008_ledger",)
# Any number: the advisory lock under which one process at a time makes or copies a template.
PG_LOCK = 73_112_025

RELIEF = PROJECT_ROOT / "relief"
SHAPING = [
    *sorted((RELIEF / "migrations").glob("*.py")),
    RELIEF / "db.py",
    RELIEF / "places" / "loader.py",
    RELIEF / "places" / "models.py",
    RELIEF / "core" / "text.py",
    RELIEF / "reports" / "figures.py",  # the digest of the figure definitions it stores
    UNITS_FILE,
    HAMLETS_FILE,
]


def schema_key() -> str:
    """A digest of every file that decides what a fresh test database holds."""
    return cache.digest(SHAPING)


def demo_key() -> str:
    """A digest of the schema, of the app's files (what the demo writes goes through them) and
    of today's date (the demo dates some records from it)."""
    app_files = sorted(
        path for path in RELIEF.rglob("*") if path.is_file() and "__pycache__" not in path.parts
    )
    return cache.digest(app_files, schema_key().encode(), local_today().isoformat().encode())


def pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def _name(upto: str | None) -> str:
    """The kept database's name: the schema's digest, and the migration it stops at if any."""
    key = schema_key()
    return key if upto is None else f"{key}_{upto.rsplit('.', 1)[-1][:4]}"


async def prepare(url: str, upto: str | None = None) -> None:
    """Migrate the empty database at `url` and load the places; or only migrate it up to the
    migration `upto` ("models.0008_ledger")."""
    if upto is not None:
        await migrate(config=db.tortoise_config(url), target=upto)
        await Tortoise.close_connections()
        return
    try:
        await db.migrate(url)
        await db.init_db(url)
        await load_places()
        await kept.rebuild_if_changed()  # as `relief migrate` does: the digest is stored
    finally:
        await db.close_db()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


DUMP = PROJECT_ROOT / "tests" / "sqlite_template.sql"
DUMP_HEADER = "-- The migrated SQLite test database of schema "


def dump_key() -> str | None:
    """The schema digest the committed dump was made for (None without a dump)."""
    if not DUMP.exists():
        return None
    with DUMP.open(encoding="utf-8") as handle:
        first = handle.readline().strip()
    return first.removeprefix(DUMP_HEADER) if first.startswith(DUMP_HEADER) else None


def write_dump() -> None:
    """Migrates a new SQLite database (places loaded) and writes its dump to DUMP."""
    building = CACHE / f"dump.{os.getpid()}.sqlite3"
    building.parent.mkdir(parents=True, exist_ok=True)
    building.unlink(missing_ok=True)
    try:
        asyncio.run(prepare(f"sqlite://{building}?{SQLITE_PARAMS}"))
        with sqlite3.connect(building) as connection:
            lines = list(connection.iterdump())
        text = "\n".join([DUMP_HEADER + schema_key(), *lines]) + "\n"
        DUMP.write_text(text, encoding="utf-8")
    finally:
        building.unlink(missing_ok=True)


def _from_dump(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.executescript(DUMP.read_text(encoding="utf-8"))
        connection.execute("PRAGMA journal_mode = WAL")  # as a migrated file is left
    finally:
        connection.close()


def sqlite_template(upto: str | None = None) -> Path:
    """The migrated SQLite file of this schema; copy it, never open it."""
    path = CACHE / f"{_name(upto)}.sqlite3"
    with _file_lock(CACHE / "sqlite.lock"):
        if not path.exists():
            building = path.with_suffix(f".{os.getpid()}.building")
            if upto is None and dump_key() == schema_key():
                _from_dump(building)
            else:
                asyncio.run(prepare(f"sqlite://{building}?{SQLITE_PARAMS}", upto))
            os.replace(building, path)  # whole or not at all
            for old in CACHE.glob("*.sqlite3"):
                if not old.name.startswith(schema_key()):
                    old.unlink(missing_ok=True)
    return path


def copy_sqlite(to: Path, upto: str | None = None) -> str:
    """A fresh migrated SQLite database at `to` (migrated up to `upto` if given); its URL."""
    to.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(sqlite_template(upto), to)
    return f"sqlite://{to}?{SQLITE_PARAMS}"


# Passwords of the kept demo's users are hashed as the test processes and the servers they start
# hash them (tests/conftest.py, tests/servers.py).
DEMO_PASSWORD_PROFILE = "CHEAPEST"


async def _load_demo(url: str, media_dir: Path) -> list[tuple[str, str, str]]:
    from relief.demo import load_demo

    passwords.use_profile(DEMO_PASSWORD_PROFILE)
    await db.init_db(url)
    try:
        result = await load_demo(media_dir)
    finally:
        await db.close_db()
    assert result.loaded
    return result.logins


def demo_template() -> Path:
    """The folder of the kept demo: `relief.sqlite3`, `media/` (the demo's photos) and
    `logins.json` (username, role, password of each demo user); copy it, never open it."""
    key = demo_key()
    folder = CACHE / f"demo_{key}"
    with _file_lock(CACHE / "demo.lock"):
        if not folder.is_dir():
            building = CACHE / f"demo_{key}.{os.getpid()}.building"
            shutil.rmtree(building, ignore_errors=True)
            url = copy_sqlite(building / "relief.sqlite3")
            logins = asyncio.run(_load_demo(url, building / "media"))
            (building / "logins.json").write_text(json.dumps(logins), encoding="utf-8")
            os.replace(building, folder)  # whole or not at all
            for old in CACHE.glob("demo_*"):
                if old != folder:
                    shutil.rmtree(old, ignore_errors=True)
    return folder


def copy_demo(to: Path, media_dir: Path) -> tuple[str, list[tuple[str, str, str]]]:
    """A fresh copy of the demo database at `to`, its photos in `media_dir`; its URL and the
    demo users' logins (username, role, password)."""
    kept = demo_template()
    to.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(kept / "relief.sqlite3", to)
    shutil.copytree(kept / "media", media_dir, dirs_exist_ok=True)
    logins = [tuple(login) for login in json.loads((kept / "logins.json").read_text("utf-8"))]
    return f"sqlite://{to}?{SQLITE_PARAMS}", logins  # type: ignore[return-value]


async def pg_connect(url: str = PG_ADMIN_URL) -> asyncpg.Connection:
    try:
        return await asyncpg.connect(url, timeout=10)
    except (OSError, asyncpg.PostgresError) as exc:  # no silent skip: the suite needs PostgreSQL
        raise RuntimeError(f"PostgreSQL is not reachable at {url}: {exc}") from exc


async def pg_admin(*statements: str) -> None:
    conn = await pg_connect()
    try:
        for sql in statements:
            await conn.execute(sql)
    finally:
        await conn.close()


async def _create_from_template(name: str | None, upto: str | None) -> None:
    """The template of this schema (made if missing), and the database `name` copied from it
    (none when `name` is None)."""
    template = TEMPLATE_PREFIX + _name(upto)
    conn = await pg_connect()
    try:
        # The lock is released with the connection, even if this process is killed.
        await conn.execute("SELECT pg_advisory_lock($1)", PG_LOCK)
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", template)
        if not exists:
            building = template + "_building"
            await conn.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{building}"')
            await conn.execute(NO_FLUSH_WAIT.format(name=building))
            await prepare(pg_url(building), upto)
            await conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
            stale = await conn.fetch(
                "SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname NOT LIKE $2",
                TEMPLATE_PREFIX + "%",
                TEMPLATE_PREFIX + schema_key() + "%",
            )
            for row in stale:
                await conn.execute(f'DROP DATABASE IF EXISTS "{row["datname"]}" WITH (FORCE)')
        if name is None:
            return
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        await conn.execute(NO_FLUSH_WAIT.format(name=name))
    finally:
        await conn.close()


def create_postgres(name: str, upto: str | None = None) -> str:
    """A fresh migrated PostgreSQL database called `name` (replacing one of that name, migrated
    up to `upto` if given); its URL."""
    asyncio.run(_create_from_template(name, upto))
    return pg_url(name)


def drop_postgres(name: str) -> None:
    asyncio.run(pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _all_kept() -> bool:
    """Whether every kept database of this schema is there already (a warm run)."""
    names = [_name(upto) for upto in (None, *KEPT_EARLIER)]
    if not (CACHE / f"{_name(None)}.sqlite3").exists():
        return False
    if not (CACHE / f"demo_{demo_key()}").is_dir():
        return False
    conn = await pg_connect()
    try:
        found = await conn.fetchval(
            "SELECT count(*) FROM pg_database WHERE datname = ANY($1::text[])",
            [TEMPLATE_PREFIX + name for name in names],
        )
    finally:
        await conn.close()
    return found == len(names)


def make_all(backend: str) -> None:
    """Every kept database of this schema on `backend` that the suite's first tests wait for:
    on PostgreSQL the migrated one and the one migrated up to the migration before the damage
    migration's (its test, KEPT_EARLIER); on SQLite the migrated one and the demo (SQLite's
    KEPT_EARLIER one is migrated by the damage migration's test when it first asks, in a
    worker, beside the other tests)."""
    if backend == "sqlite":
        sqlite_template()
        demo_template()
        return
    for upto in (None, *KEPT_EARLIER):
        asyncio.run(_create_from_template(None, upto))


if __name__ == "__main__":
    # `make test` runs this before the suite: on a new schema (a clean clone, a new migration)
    # SQLite's and PostgreSQL's databases are migrated side by side, one process each, while
    # the linters run; before, the suite's workers and the API tests waited on one lock while
    # one process migrated them one after the other (about half a minute of one core).
    if sys.argv[1:] == ["dump"]:
        write_dump()
    elif len(sys.argv) > 1:
        make_all(sys.argv[1])
    elif not asyncio.run(_all_kept()):
        makers = [subprocess.Popen([sys.executable, "-m", "tests.databases", b]) for b in BACKENDS]
        sys.exit(max(maker.wait() for maker in makers))
